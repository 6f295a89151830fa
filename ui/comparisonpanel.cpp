#include "comparisonpanel.h"

#include "lab/lab.h"
#include "labaccess.h"
#include "util/clock.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ppl {

namespace {

qint64 median(std::vector<qint64> v) {
    if (v.empty())
        return -1;
    std::nth_element(v.begin(), v.begin() + qsizetype(v.size() / 2), v.end());
    return v[v.size() / 2];
}

template <typename T> void keepLast(std::vector<T> &v, size_t n) {
    if (v.size() > n)
        v.erase(v.begin(), v.begin() + qsizetype(v.size() - n));
}

} // namespace

ComparisonPanel::ComparisonPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_table(new QTableWidget(RowCount, ColumnCount)) {
    m_table->setHorizontalHeaderLabels({tr("Feature"), tr("Pull model"),
                                        tr("Push model (Pushgateway)"), tr("Pull: measured here"),
                                        tr("Push: measured here")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    // The seed article's table, word for word in meaning.
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
    for (int r = 0; r < RowCount; ++r)
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(rows[r][c]);
            if (c == 0) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(r, c, item);
        }
    for (int r = 0; r < RowCount; ++r)
        for (int c = PullMeasured; c < ColumnCount; ++c)
            m_table->setItem(r, c, new QTableWidgetItem);

    auto *note = new QLabel(tr("Left: the seed article. Right: what this lab measured since the "
                               "scenario started."));
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
    if (lab) {
        connect(lab->events(), &EventLog::appended, this, &ComparisonPanel::onEvent);
        connect(lab, &Lab::scenarioLoaded, this, &ComparisonPanel::reset);
    }
    refresh();
}

void ComparisonPanel::reset() {
    m_scrapes = m_failedScrapes = m_pushes = m_failedPushes = m_gatewayScrapes = 0;
    m_scrapeTimes.clear();
    m_pushTimes.clear();
    m_killedAt.clear();
    m_detectionMs.clear();
    m_pendingPushes.clear();
    m_pushToStoreMs.clear();
    m_lastScrape.clear();
    m_scrapeGapsMs.clear();
    refresh();
}

void ComparisonPanel::onEvent(const LabEvent &e) {
    const auto trim = [&](std::deque<qint64> &d) {
        while (!d.empty() && d.front() < e.atMs - 60'000)
            d.pop_front();
    };
    if (e.kind == LabEvent::Kind::Scrape) {
        const bool ok = e.data.value(QStringLiteral("health")).toString() == u"up";
        const qint64 start = qint64(e.data.value(QStringLiteral("start")).toDouble() * 1000);
        if (e.subject == "gateway") {
            ++m_gatewayScrapes;
            if (ok) {
                for (qint64 p : m_pendingPushes)
                    if (p <= start)
                        m_pushToStoreMs.push_back(start - p);
                std::erase_if(m_pendingPushes, [start](qint64 p) { return p <= start; });
                keepLast(m_pushToStoreMs, 1000);
            }
            return;
        }
        ++m_scrapes;
        m_scrapeTimes.push_back(e.atMs);
        trim(m_scrapeTimes);
        if (auto it = m_lastScrape.find(e.subject); it != m_lastScrape.end() && start > *it) {
            m_scrapeGapsMs.push_back(start - *it);
            keepLast(m_scrapeGapsMs, 1000);
        }
        m_lastScrape.insert(e.subject, start);
        if (!ok) {
            ++m_failedScrapes;
            if (auto it = m_killedAt.find(e.subject); it != m_killedAt.end()) {
                m_detectionMs.push_back(e.atMs - *it);
                m_killedAt.erase(it);
            }
        }
    } else if (e.kind == LabEvent::Kind::Push) {
        ++m_pushes;
        m_pushTimes.push_back(e.atMs);
        trim(m_pushTimes);
        if (e.data.value(QStringLiteral("ok")).toBool())
            m_pendingPushes.push_back(e.atMs);
        else
            ++m_failedPushes;
    } else if (e.kind == LabEvent::Kind::Target && m_lab) {
        const SimulatedTarget *t = m_lab->target(e.subject);
        if (t && !t->isRunning() && !m_killedAt.contains(e.subject))
            m_killedAt.insert(e.subject, e.atMs);
        else if (t && t->isRunning())
            m_killedAt.remove(e.subject);
    }
}

QString ComparisonPanel::cell(Row row, Column column) const {
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

void ComparisonPanel::refresh() {
    const auto set = [this](Row r, const QString &pull, const QString &push) {
        m_table->item(r, PullMeasured)->setText(pull);
        m_table->item(r, PushMeasured)->setText(push);
    };
    const auto seconds = [](qint64 ms) { return QString::number(ms / 1000.0, 'f', 1); };
    int targets = 0, pods = 0, groups = 0;
    qint64 oldestGroupAgeMs = -1;
    if (m_lab) {
        for (SimulatedTarget *t : m_lab->targets()) {
            ++targets;
            pods += m_lab->isPod(t->name());
        }
        if (PushgatewayServer *g = labGateway(m_lab.data()))
            for (const GroupSnapshot &s : g->groups()->groups()) {
                ++groups;
                if (s.pushTimeMs > 0)
                    oldestGroupAgeMs =
                        std::max(oldestGroupAgeMs, m_lab->clock()->nowMs() - s.pushTimeMs);
            }
    }
    set(ControlFlow, tr("%n scrape(s) by the server", nullptr, int(m_scrapes)),
        tr("%n push(es) by jobs", nullptr, int(m_pushes)));
    set(Discovery, tr("%n target(s) known, %1 of them pods", nullptr, targets).arg(pods),
        tr("%n group(s) announced themselves", nullptr, groups));
    const qint64 detect = median(m_detectionMs);
    set(Health,
        detect >= 0 ? tr("death detected: median %1 s after the kill").arg(seconds(detect))
                    : tr("no target died yet"),
        oldestGroupAgeMs >= 0
            ? tr("not detected: the oldest group's value is %1 s old and still served")
                  .arg(seconds(oldestGroupAgeMs))
            : tr("nothing pushed yet"));
    set(Network,
        tr("%n failed scrape(s) (refused, timed out, firewalled)", nullptr, int(m_failedScrapes)),
        tr("%n failed push(es)", nullptr, int(m_failedPushes)));
    set(Ephemeral,
        tr("a job shorter than the interval is seen only if a scrape lands during its run"),
        tr("%n push(es) kept after their jobs ended", nullptr, groups));
    const qint64 gap = median(m_scrapeGapsMs), pushDelay = median(m_pushToStoreMs);
    set(Freshness,
        gap >= 0 ? tr("scraped every %1 s: a change waits %2 s on average")
                       .arg(seconds(gap), seconds(gap / 2))
                 : tr("not measured yet"),
        pushDelay >= 0 ? tr("median %1 s from push to the server's store").arg(seconds(pushDelay))
                       : tr("not measured yet"));
    const int configLines = m_lab ? int(QByteArray(m_lab->configYaml()).count('\n')) : 0;
    set(Config, tr("%n line(s) of prometheus.yml", nullptr, configLines),
        tr("plus a gateway URL and grouping key in every job"));
    set(Scaling,
        tr("%1 scrapes/s by one server").arg(double(m_scrapeTimes.size()) / 60.0, 0, 'f', 1),
        tr("%1 pushes/s spread over the jobs").arg(double(m_pushTimes.size()) / 60.0, 0, 'f', 1));
    m_table->resizeRowsToContents();
}

} // namespace ppl
