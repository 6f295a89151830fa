#include "comparisonpanel.h"

#include "lab/lab.h"
#include "lab/modelmeasurements.h"
#include "subjecttext.h"
#include "util/clock.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ppl {

namespace {

QString seconds(qint64 ms) {
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

// Health is marked by a symbol and words first; the tint only repeats them, in a blue/orange
// pair that colour-blind viewers can tell apart.
using Verdict = ComparisonPanel::Verdict;

void setLive(QTableWidget *table, int row, int column, const QString &text, const QString &toolTip,
             Verdict verdict = Verdict::Neutral) {
    QTableWidgetItem *item = table->item(row, column);
    if (item->text() != text)
        item->setText(text);
    item->setToolTip(toolTip);
    switch (verdict) {
    case Verdict::Neutral:
        item->setData(Qt::BackgroundRole, QVariant());
        break;
    case Verdict::Good:
        item->setBackground(QColor(0xcc, 0xe0, 0xf5));
        break;
    case Verdict::Bad:
        item->setBackground(QColor(0xfa, 0xdc, 0xb8));
        break;
    }
    if (verdict != Verdict::Neutral)
        item->setForeground(QColor(Qt::black)); // readable on the tint in a dark theme too
    else
        item->setData(Qt::ForegroundRole, QVariant());
}

QString causeText(const QString &cause) {
    if (cause == u"killed")
        return ComparisonPanel::tr("killed");
    if (cause == u"hang")
        return ComparisonPanel::tr("hung");
    if (cause == u"firewall")
        return ComparisonPanel::tr("firewalled");
    if (cause == u"error")
        return ComparisonPanel::tr("answering errors");
    if (cause == u"flap")
        return ComparisonPanel::tr("flapping");
    return ComparisonPanel::tr("unreachable");
}

QString endText(JobRunState state) {
    switch (state) {
    case JobRunState::Succeeded:
        return ComparisonPanel::tr("succeeded");
    case JobRunState::Failed:
        return ComparisonPanel::tr("failed");
    case JobRunState::Running:
    case JobRunState::Stopped:
        break;
    }
    return ComparisonPanel::tr("was stopped");
}

} // namespace

ComparisonPanel::ComparisonPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_measurements(new ModelMeasurements(lab, this))
    , m_table(new QTableWidget(RowCount, ColumnCount)) {
    m_table->setHorizontalHeaderLabels({tr("Feature"), tr("Pull model"),
                                        tr("Push model (Pushgateway)"), tr("Pull, measured here"),
                                        tr("Push, measured here")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus); // a table to read: no current-cell frame
    m_table->setWordWrap(true);
    // The seed article's table, word for word.
    const QStringList rows[RowCount] = {
        {tr("Control flow"), tr("Prometheus initiates"), tr("Application initiates")},
        {tr("Service discovery"), tr("Built-in"), tr("Not applicable")},
        {tr("Target health monitoring"), tr("Automatic"), tr("Manual")},
        {tr("Network requirements"), tr("Prometheus must reach targets"),
         tr("Targets must reach Pushgateway")},
        {tr("Suitable for ephemeral services"), tr("Limited"), tr("Good")},
        {tr("Metric freshness"), tr("Depends on scrape interval"),
         tr("Immediate (but then depends on Pushgateway scrape interval)")},
        {tr("Configuration complexity"), tr("Moderate"), tr("Higher")},
        {tr("Scaling considerations"), tr("Prometheus must handle all scrapes"),
         tr("Distributed across applications")},
    };
    for (int r = 0; r < RowCount; ++r) {
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(rows[r][c]);
            if (c == Feature) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(r, c, item);
        }
        for (int c = PullMeasured; c < ColumnCount; ++c)
            m_table->setItem(r, c, new QTableWidgetItem);
    }
    m_table->setColumnWidth(Feature, 170);
    m_table->setColumnWidth(PullArticle, 170);
    m_table->setColumnWidth(PushArticle, 200);
    m_table->setColumnWidth(PullMeasured, 300);

    auto *note = new QLabel(tr("Left: the seed article. Right: what this lab measured since the "
                               "scenario started (hover a cell for how)."));
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(note);
    layout->addWidget(m_table);

    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer.start();
    if (lab) // after the measurements' own reset on a new scenario
        connect(lab, &Lab::scenarioLoaded, this, &ComparisonPanel::refresh);
    refresh();
}

QString ComparisonPanel::cell(Row row, Column column) const {
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

void ComparisonPanel::refresh() {
    const ModelMeasurements::Pull pull = m_measurements->pull();
    const ModelMeasurements::Push push = m_measurements->push();
    showActivity(pull, push);
    showHealth(pull, push, m_lab ? m_lab->clock()->nowMs() : 0);
    showEphemeral(pull, push);
    showFreshness(pull, push);
    m_table->resizeRowsToContents();
}

void ComparisonPanel::set(Row row, Column column, const QString &text, const QString &tip,
                          Verdict verdict) {
    setLive(m_table, row, column, text, tip, verdict);
}

// Control flow, discovery, network, configuration and scaling: counts and rates.
void ComparisonPanel::showActivity(const ModelMeasurements::Pull &pull,
                                   const ModelMeasurements::Push &push) {
    set(ControlFlow, PullMeasured,
        tr("%n scrape(s) started by the server", nullptr, int(pull.scrapes)),
        tr("Every scrape of a target (the gateway's scrapes are counted on the push side)."));
    QString pushes = tr("%n push(es) sent by jobs and targets", nullptr, int(push.pushes));
    if (push.outsidePushers > 0)
        pushes += QLatin1Char('\n') +
                  tr("%1 of them from %n pusher(s) outside the lab", nullptr, push.outsidePushers)
                      .arg(push.outsidePushes);
    QString pushTip =
        tr("Every PUT or POST to the gateway, accepted or not: the lab's jobs and targets, and "
           "clients outside the lab (curl, client libraries) told apart by User-Agent.");
    if (m_lab)
        for (const GroupPusher &p : m_lab->outsidePushers()) // each by key and client
            pushTip += QLatin1Char('\n') + QStringLiteral("⬚ ") + SubjectText::pusher(p);
    set(ControlFlow, PushMeasured, pushes, pushTip);

    QString discovered =
        tr("%n target(s) known from the configuration, %1 of them pods", nullptr, pull.targets)
            .arg(pull.pods);
    if (pull.outside > 0)
        discovered +=
            QLatin1Char('\n') +
            tr("%n of them outside the lab (programs it does not run)", nullptr, pull.outside);
    set(Discovery, PullMeasured, discovered,
        tr("Targets the server finds on its own: static configs and pods discovered by "
           "annotation, the lab's simulated targets and programs outside the lab alike."));
    set(Discovery, PushMeasured,
        tr("%n group(s) at the gateway, each created by its pusher", nullptr, push.groups),
        tr("The server knows only the gateway; groups appear when something pushes."));

    set(Network, PullMeasured,
        tr("%n failed scrape(s): refused, timed out, firewalled", nullptr, int(pull.failedScrapes)),
        tr("The server must reach every target's port."));
    set(Network, PushMeasured, tr("%n failed push(es)", nullptr, int(push.failedPushes)),
        tr("Every job must reach the gateway; the server only reaches the gateway."));

    const int configLines = m_lab ? int(QByteArray(m_lab->configYaml()).count('\n')) : 0;
    set(Config, PullMeasured, tr("%n line(s) of prometheus.yml", nullptr, configLines),
        tr("Everything the server needs to know to find and scrape the targets."));
    set(Config, PushMeasured,
        tr("a gateway URL and a grouping key in each of %n job(s), plus a scrape job for the "
           "gateway",
           nullptr, push.jobs),
        tr("Every pusher carries its own configuration; the server needs honor_labels."));

    set(Scaling, PullMeasured,
        tr("%1 scrapes/s by one server for %n target(s)", nullptr, pull.targets)
            .arg(pull.scrapesPerSecond, 0, 'f', 2),
        tr("Over the last minute of lab time."));
    QString scaling =
        tr("%1 pushes/s spread over %n job(s); one gateway holds %2 group(s)", nullptr, push.jobs)
            .arg(push.pushesPerSecond, 0, 'f', 2)
            .arg(push.groups);
    if (push.outsidePushers > 0)
        scaling += QLatin1Char('\n') +
                   tr("and %n pusher(s) outside the lab", nullptr, push.outsidePushers);
    set(Scaling, PushMeasured, scaling, tr("Over the last minute of lab time."));
}

// Was the last death noticed by anything in the store?
void ComparisonPanel::showHealth(const ModelMeasurements::Pull &pull,
                                 const ModelMeasurements::Push &push, qint64 now) {
    if (pull.lastDeath) {
        const ModelMeasurements::Death &d = *pull.lastDeath;
        const QString who = QString::fromUtf8(d.target);
        // A target the lab does not simulate: the student's app ("outside the lab"), or an
        // exporter, named by its badge.
        QString badge = SubjectText::outsideTheLab();
        if (d.outside && m_lab)
            if (const auto other = m_lab->unsimulatedScrapeSubject(d.target))
                badge = SubjectText::badge(other->kind);
        QString text;
        Verdict v = Verdict::Neutral;
        if (d.outside && d.detectedAtMs >= 0) {
            // Nobody saw it die: the lab knows only its last good scrape.
            text = tr("✔ detected: %1 (%2) stopped answering, up = 0 in the store at most %3 s "
                      "after its last good scrape")
                       .arg(who, badge, seconds(d.detectionMs()));
            v = Verdict::Good;
        } else if (d.outside && d.recovered) {
            text = tr("%1 (%2) answered again before up = 0 was stored").arg(who, badge);
        } else if (d.outside) {
            text = tr("… not detected yet: %1 (%2) stopped answering").arg(who, badge);
        } else if (d.detectedAtMs >= 0) {
            text = tr("✔ detected: %1 %2, up = 0 in the store after %3 s")
                       .arg(who, causeText(d.cause), seconds(d.detectionMs()));
            v = Verdict::Good;
        } else if (d.recovered) {
            text =
                tr("%1 came back before a scrape noticed it was %2").arg(who, causeText(d.cause));
        } else {
            text = tr("… not detected yet: %1 %2 %3 s ago")
                       .arg(who, causeText(d.cause), seconds(now - d.atMs));
        }
        if (pull.detected > 1)
            text += QLatin1Char('\n') +
                    tr("median %1 s over %n detected death(s)", nullptr, pull.detected)
                        .arg(seconds(pull.detectionMedianMs));
        set(Health, PullMeasured, text,
            tr("From the moment a target was killed, hung, firewalled or started failing to "
               "the scrape that stored up = 0 for it."),
            v);
    } else {
        set(Health, PullMeasured, tr("no target has died yet: kill one to see"),
            tr("Kill, hang or firewall a target: the next scrape stores up = 0."));
    }
    if (push.lastJobEnd) {
        const ModelMeasurements::JobEnd &e = *push.lastJobEnd;
        const QString who = QString::fromUtf8(e.job);
        QString text = tr("✘ not detected: %1 %2 %3 s ago")
                           .arg(who, endText(e.state), seconds(now - e.endedMs));
        if (e.stillServed && e.storedPushMs > 0)
            text += QLatin1Char('\n') + tr("the store still serves its push from %1 s ago")
                                            .arg(seconds(now - e.storedPushMs));
        else if (e.lastPushMs > 0)
            text += QLatin1Char('\n') +
                    tr("its last push was %1 s ago").arg(seconds(now - e.lastPushMs));
        set(Health, PushMeasured, text,
            tr("When a pusher stops nothing in the store changes: no up = 0, its group keeps "
               "being scraped and push_time_seconds only ages. Detecting it needs a rule on "
               "time() - push_time_seconds."),
            Verdict::Bad);
    } else {
        set(Health, PushMeasured, tr("no push job has ended yet"),
            tr("Run a push job: when it ends, see whether anything notices."));
    }
}

void ComparisonPanel::showEphemeral(const ModelMeasurements::Pull &pull,
                                    const ModelMeasurements::Push &push) {
    set(Ephemeral, PullMeasured,
        pull.ephemeralRuns > 0
            ? tr("%1 of %n short run(s) never scraped (%2 shorter than the interval)", nullptr,
                 pull.ephemeralRuns)
                  .arg(pull.ephemeralMissed)
                  .arg(pull.ephemeralShorterThanInterval)
            : tr("no job that only exposes /metrics while it runs has run yet"),
        tr("Runs of jobs without a push: a run is missed when no successful scrape of its port "
           "started while it ran."),
        pull.ephemeralMissed > 0 ? Verdict::Bad : Verdict::Neutral);
    QString pushEphemeral =
        push.runs > 0 ? tr("%1 of %n ended run(s) pushed their results", nullptr, push.runs)
                            .arg(push.runsPushed)
                      : tr("no push job has run yet");
    if (push.lingeringGroups > 0)
        pushEphemeral += QLatin1Char('\n') +
                         tr("%n group(s) linger without a running pusher, the oldest %1 s old",
                            nullptr, push.lingeringGroups)
                             .arg(seconds(push.oldestLingeringAgeMs));
    set(Ephemeral, PushMeasured, pushEphemeral,
        tr("A run's result is kept once its push got in; the group's value age is now - "
           "push_time_seconds."));
}

void ComparisonPanel::showFreshness(const ModelMeasurements::Pull &pull,
                                    const ModelMeasurements::Push &push) {
    const QString pullFreshTip =
        pull.exactChangeTimes
            ? tr("Median delay from a value changing to the scrape that stored it, over the "
                 "last %n change(s). Change times are exact: the busiest route's "
                 "http_requests_total steps at known instants of the target's clock.",
                 nullptr, int(pull.freshnessSamples))
            : tr("Median delay from a value changing to the scrape that stored it, over the "
                 "last %n change(s). These values change continuously, so instants spread "
                 "evenly between scrapes stand for the changes.",
                 nullptr, int(pull.freshnessSamples));
    set(Freshness, PullMeasured,
        pull.freshnessMedianMs >= 0
            ? (pull.scrapeIntervalMs > 0
                   ? tr("median %1 s from a change to the store (scraped every %2 s)")
                         .arg(seconds(pull.freshnessMedianMs), seconds(pull.scrapeIntervalMs))
                   : tr("median %1 s from a change to the store")
                         .arg(seconds(pull.freshnessMedianMs)))
            : tr("not measured yet"),
        pullFreshTip);
    set(Freshness, PushMeasured,
        push.freshnessMedianMs >= 0
            ? (push.gatewayIntervalMs > 0
                   ? tr("median %1 s from a push to the store (gateway scraped every %2 s)")
                         .arg(seconds(push.freshnessMedianMs), seconds(push.gatewayIntervalMs))
                   : tr("median %1 s from a push to the store")
                         .arg(seconds(push.freshnessMedianMs)))
            : tr("not measured yet"),
        tr("Median delay from a push the gateway accepted to the end of the next successful "
           "scrape of the gateway, over the last %n push(es).",
           nullptr, int(push.freshnessSamples)));
}

} // namespace ppl
