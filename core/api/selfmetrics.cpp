#include "selfmetrics.h"

#include "apiformat.h"
#include "scrape/scrapeconfig.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "util/clock.h"
#include "util/processstats.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

// The client library's summary keeps observations for MaxAge (10 minutes by default).
constexpr qint64 SummaryMaxAgeMs = 10 * 60 * 1000;
constexpr double Quantiles[] = {0.01, 0.05, 0.5, 0.9, 0.99};

QByteArray labelValue(QByteArrayView v) {
    QByteArray out;
    for (const char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        out += c == '\n' ? QByteArray("\\n") : QByteArray(1, c);
    }
    return '"' + out + '"';
}

class Writer {
public:
    void family(const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }
    void sample(const char *name, const QByteArray &labels, double value) {
        out += name;
        if (!labels.isEmpty())
            out += '{' + labels + '}';
        out += ' ' + api::formatSampleValue(value) + '\n';
    }
    QByteArray out;
};

} // namespace

SelfMetrics::SelfMetrics(Clock *clock, SeriesStore *store, ScrapeManager *scrapes, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_store(store)
    , m_scrapes(scrapes) {
    if (!m_scrapes)
        return;
    connect(m_scrapes, &ScrapeManager::scrapeFinished, this, &SelfMetrics::scrapeFinished);
    // A target that went away starts afresh if it comes back (a new loop in Prometheus).
    connect(m_scrapes, &ScrapeManager::targetsChanged, this, [this] {
        QSet<QByteArray> active;
        for (const ScrapeTarget &t : m_scrapes->activeTargets())
            active.insert(ScrapeManager::targetKey(t));
        m_lastStartMs.removeIf(
            [&](QHash<QByteArray, qint64>::iterator it) { return !active.contains(it.key()); });
    });
}

void SelfMetrics::recordConfigLoad(bool success, const QList<QByteArray> &jobs) {
    // As Prometheus's reloadConfig: a refused file leaves the last success's time alone.
    m_reloadSuccessful = success;
    if (success) {
        m_lastSuccessSeconds = double(m_clock->nowMs()) / 1000.0;
        m_jobs = jobs;
    }
}

void SelfMetrics::recordHttpRequest(const QByteArray &handler, int code) {
    ++m_requests[{handler, code}];
}

void SelfMetrics::scrapeFinished(const ScrapeTarget &target, const ScrapeResult &result) {
    // 2.42's scrape loop observes time.Since(last) at the start of every scrape but the first.
    const QByteArray key = ScrapeManager::targetKey(target);
    const auto last = m_lastStartMs.constFind(key);
    if (last != m_lastStartMs.cend() && result.startMs > *last) {
        Interval &iv = m_intervals[formatPrometheusDuration(target.intervalMs)];
        const double seconds = double(result.startMs - *last) / 1000.0;
        const qint64 now = m_clock->nowMs();
        while (!iv.recent.empty() && iv.recent.front().first < now - SummaryMaxAgeMs)
            iv.recent.pop_front();
        iv.recent.emplace_back(now, seconds);
        iv.sum += seconds;
        ++iv.count;
    }
    m_lastStartMs.insert(key, result.startMs);
    if (result.sampleLimitExceeded)
        ++m_sampleLimitExceeded;
    m_duplicateTimestamps += quint64(result.duplicateTimestamps);
}

QByteArray SelfMetrics::exposition() const {
    Writer w;
    if (const auto p = readProcessStats()) {
        for (const ProcessMetric &m : processMetrics(*p)) {
            w.family(m.name, m.type, m.help);
            w.sample(m.name, {}, m.value);
        }
    }
    w.family("prometheus_config_last_reload_success_timestamp_seconds", "gauge",
             "Timestamp of the last successful configuration reload.");
    w.sample("prometheus_config_last_reload_success_timestamp_seconds", {}, m_lastSuccessSeconds);
    w.family("prometheus_config_last_reload_successful", "gauge",
             "Whether the last configuration reload attempt was successful.");
    w.sample("prometheus_config_last_reload_successful", {}, m_reloadSuccessful ? 1 : 0);
    // A counter vector shows only the children it has (as client_golang).
    if (!m_requests.isEmpty()) {
        w.family("prometheus_http_requests_total", "counter", "Counter of HTTP requests.");
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
            w.sample("prometheus_http_requests_total",
                     "code=" + labelValue(QByteArray::number(it.key().second)) +
                         ",handler=" + labelValue(it.key().first),
                     double(it.value()));
    }
    if (m_scrapes) {
        // Per job: discovered (kept and dropped) and active targets; every configured job
        // shows, with 0 when it has none.
        QMap<QByteArray, int> discovered, active;
        for (const QByteArray &job : m_jobs) {
            discovered[job] = 0;
            active[job] = 0;
        }
        for (const ScrapeTarget &t : m_scrapes->activeTargets()) {
            ++discovered[t.jobName];
            ++active[t.jobName];
        }
        for (const ScrapeTarget &t : m_scrapes->droppedTargets())
            ++discovered[t.jobName];
        w.family("prometheus_sd_discovered_targets", "gauge",
                 "Current number of discovered targets.");
        for (auto it = discovered.cbegin(); it != discovered.cend(); ++it)
            w.sample("prometheus_sd_discovered_targets",
                     "config=" + labelValue(it.key()) + ",name=\"scrape\"", it.value());
        if (!m_intervals.isEmpty()) {
            w.family("prometheus_target_interval_length_seconds", "summary",
                     "Actual intervals between scrapes.");
            const qint64 since = m_clock->nowMs() - SummaryMaxAgeMs;
            for (auto it = m_intervals.cbegin(); it != m_intervals.cend(); ++it) {
                const QByteArray interval = "interval=" + labelValue(it.key());
                std::vector<double> values;
                for (const auto &[at, v] : it.value().recent)
                    if (at >= since)
                        values.push_back(v);
                std::sort(values.begin(), values.end());
                for (const double q : Quantiles) {
                    // The observation at rank ceil(q*n) (NaN when the window is empty).
                    double v = std::nan("");
                    if (!values.empty()) {
                        const auto rank = qsizetype(std::ceil(q * double(values.size())));
                        v = values[size_t(
                            std::clamp<qsizetype>(rank - 1, 0, qsizetype(values.size()) - 1))];
                    }
                    w.sample("prometheus_target_interval_length_seconds",
                             interval + ",quantile=" + labelValue(QByteArray::number(q)), v);
                }
                w.sample("prometheus_target_interval_length_seconds_sum", interval, it.value().sum);
                w.sample("prometheus_target_interval_length_seconds_count", interval,
                         double(it.value().count));
            }
        }
        w.family("prometheus_target_scrape_pool_targets", "gauge",
                 "Current number of targets in this scrape pool.");
        for (auto it = active.cbegin(); it != active.cend(); ++it)
            w.sample("prometheus_target_scrape_pool_targets", "scrape_job=" + labelValue(it.key()),
                     it.value());
        w.family("prometheus_target_scrapes_exceeded_sample_limit_total", "counter",
                 "Total number of scrapes that hit the sample limit and were rejected.");
        w.sample("prometheus_target_scrapes_exceeded_sample_limit_total", {},
                 double(m_sampleLimitExceeded));
        w.family("prometheus_target_scrapes_sample_duplicate_timestamp_total", "counter",
                 "Total number of samples rejected due to duplicate timestamps but different "
                 "values.");
        w.sample("prometheus_target_scrapes_sample_duplicate_timestamp_total", {},
                 double(m_duplicateTimestamps));
    }
    w.family("prometheus_tsdb_head_samples_appended_total", "counter",
             "Total number of appended samples.");
    // 2.42 counts native histogram samples apart; the lab stores floats only.
    w.sample("prometheus_tsdb_head_samples_appended_total", "type=\"float\"",
             double(m_store->samplesAppendedTotal()));
    w.sample("prometheus_tsdb_head_samples_appended_total", "type=\"histogram\"", 0);
    w.family("prometheus_tsdb_head_series", "gauge", "Total number of series in the head block.");
    w.sample("prometheus_tsdb_head_series", {}, double(m_store->seriesCount()));
    return w.out;
}

} // namespace ppl
