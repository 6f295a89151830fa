#include "replaypanel.h"

#include "lab/lab.h"
#include "query/engine.h"
#include "record/replaysession.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ppl {

namespace {

QTreeWidget *table(const QStringList &headers, const QString &name, QWidget *parent) {
    auto *t = new QTreeWidget(parent);
    t->setObjectName(name);
    t->setRootIsDecorated(false);
    t->setHeaderLabels(headers);
    t->header()->setStretchLastSection(true);
    return t;
}

QString stateText(rules::AlertState state) {
    switch (state) {
    case rules::AlertState::Pending:
        return ReplayPanel::tr("pending");
    case rules::AlertState::Firing:
        return ReplayPanel::tr("firing");
    case rules::AlertState::Inactive:
        break;
    }
    return ReplayPanel::tr("inactive");
}

QString ageText(qint64 ms) {
    return ReplayPanel::tr("%1 s ago").arg(QString::number(double(ms) / 1000.0, 'f', 1));
}

} // namespace

ReplayPanel::ReplayPanel(record::ReplaySession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_targets(table({tr("Target"), tr("Process"), tr("Last scrape")},
                      QStringLiteral("replayTargets"), this))
    , m_alerts(table({tr("Alert"), tr("State"), tr("Since"), tr("Labels")},
                     QStringLiteral("replayAlerts"), this))
    , m_groups(table({tr("Group"), tr("Last push")}, QStringLiteral("replayGroups"), this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new QLabel(tr("Targets at the replay position"), this));
    layout->addWidget(m_targets, 2);
    layout->addWidget(new QLabel(tr("Alerts at the replay position"), this));
    layout->addWidget(m_alerts, 1);
    layout->addWidget(new QLabel(tr("Gateway groups, as the server last scraped them"), this));
    layout->addWidget(m_groups, 1);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(100);
    connect(&m_refresh, &QTimer::timeout, this, &ReplayPanel::refresh);
    connect(session, &record::ReplaySession::positionChanged, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    refresh();
}

void ReplayPanel::refresh() {
    m_refresh.stop();
    const qint64 now = m_session->positionMs();
    m_targets->clear();
    for (const auto &t : m_session->targetsAt()) {
        // The gateway and outside programs are scraped, not run by the lab's targets.
        QString process = !t.lab      ? tr("not a lab target")
                          : t.running ? tr("running")
                                      : tr("killed");
        if (t.fault != TargetFault::None)
            process += QStringLiteral(" (%1)").arg(targetFaultName(t.fault));
        QString scrape = tr("none yet");
        if (t.lastScrapeMs >= 0)
            scrape = (t.health == TargetHealth::Up ? tr("up, %1") : tr("down, %1"))
                         .arg(ageText(now - t.lastScrapeMs));
        auto *item = new QTreeWidgetItem(m_targets, {QString::fromUtf8(t.name), process, scrape});
        item->setData(0, Qt::UserRole, QByteArray(t.name));
    }
    m_alerts->clear();
    for (const auto &a : m_session->alertsAt()) {
        new QTreeWidgetItem(m_alerts, {QString::fromUtf8(a.alert), stateText(a.state),
                                       ageText(now - a.sinceMs), a.labels.toString()});
    }
    m_groups->clear();
    const query::Engine engine(*m_session->lab()->store());
    const auto outcome = engine.instantQuery("push_time_seconds", now);
    if (const auto *r = std::get_if<query::QueryResult>(&outcome)) {
        for (const query::Series &s : r->series) {
            if (s.points.empty() || !std::isfinite(s.points.front().v))
                continue;
            Labels::Builder b(s.metric);
            b.remove("__name__");
            const qint64 pushedMs = qint64(s.points.front().v * 1000.0);
            new QTreeWidgetItem(m_groups, {b.build().toString(), ageText(now - pushedMs)});
        }
    }
}

} // namespace ppl
