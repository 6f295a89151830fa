#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>

#include <deque>
#include <utility>

namespace ppl {

class Clock;
class ScrapeManager;
class SeriesStore;
struct ScrapeResult;
struct ScrapeTarget;

// The lab server's own metrics with Prometheus 2.42's names, types, labels and meaning, so a
// lesson can "monitor the monitoring" (the getting-started guide's job: prometheus):
//   prometheus_target_interval_length_seconds{interval}  summary of the actual time between
//       two scrape starts of one target, by configured interval ("15s"); quantiles over the
//       last 10 minutes as the client library's summary (0.01 0.05 0.5 0.9 0.99)
//   prometheus_target_scrape_pool_targets{scrape_job}    active targets per pool
//   prometheus_target_scrapes_exceeded_sample_limit_total, ..._sample_duplicate_timestamp_total
//   prometheus_sd_discovered_targets{config,name="scrape"}  targets discovery found per job,
//       before relabelling (kept and dropped)
//   prometheus_tsdb_head_series, prometheus_tsdb_head_samples_appended_total{type}
//   prometheus_config_last_reload_successful, ..._success_timestamp_seconds
//   prometheus_http_requests_total{code,handler}          per route pattern, as the router
//   process_* from /proc, as the Go client's process collector.
// Thread affinity: the lab's thread; clock, store and scrape manager are not owned.
class SelfMetrics : public QObject {
    Q_OBJECT
public:
    // scrapes may be null (no target metrics then).
    SelfMetrics(Clock *clock, SeriesStore *store, ScrapeManager *scrapes,
                QObject *parent = nullptr);

    // A configuration was loaded (at start or on reload) or refused. jobs: the scrape
    // configs' names, so pools without a target still show 0.
    void recordConfigLoad(bool success, const QList<QByteArray> &jobs = {});
    // A request the server answered: the route's pattern and the status code.
    void recordHttpRequest(const QByteArray &handler, int code);

    // The text exposition format 0.0.4.
    QByteArray exposition() const;

private:
    void scrapeFinished(const ScrapeTarget &target, const ScrapeResult &result);

    struct Interval {
        std::deque<std::pair<qint64, double>> recent; // (observed at ms, seconds), last 10 min
        double sum = 0;
        quint64 count = 0;
    };

    Clock *m_clock;
    SeriesStore *m_store;
    ScrapeManager *m_scrapes;
    QMap<QByteArray, Interval> m_intervals;  // by interval label
    QHash<QByteArray, qint64> m_lastStartMs; // by target key
    quint64 m_sampleLimitExceeded = 0;
    quint64 m_duplicateTimestamps = 0;
    bool m_reloadSuccessful = true;
    double m_lastSuccessSeconds = 0;
    QList<QByteArray> m_jobs;
    QMap<std::pair<QByteArray, int>, quint64> m_requests; // (handler, code)
};

} // namespace ppl
