#pragma once

#include "storage/seriesstore.h"
#include "targethealth.h"

#include <QMetaType>
#include <QString>

#include <array>

namespace ppl {

// The exposition format a target answered in, by its Content-Type as Prometheus 2.42's
// textparse.New reads it. Named as Prometheus's scrape_protocols name formats.
enum class ScrapeFormat {
    None,
    PrometheusText,
    OpenMetricsText0_0_1,
    OpenMetricsText1_0_0,
    PrometheusProto
};
QByteArray scrapeFormatName(ScrapeFormat format); // "", "PrometheusText0.0.4", …
ScrapeFormat scrapeFormatOf(QByteArrayView contentType);

// What one scrape did, for the event log, the UI and the report series.
struct ScrapeResult {
    qint64 startMs = 0;    // the scrape's start on the lab clock; every sample is stamped so
    qint64 durationMs = 0; // on the lab clock
    TargetHealth health = TargetHealth::Unknown; // up or down once finished
    int httpStatus = 0;                          // 0 when no response arrived
    qsizetype bytes = 0;                         // body size after gunzip
    qsizetype samplesScraped = 0;
    qsizetype samplesPostMetricRelabeling = 0;
    qsizetype seriesAdded = 0;
    bool sampleLimitExceeded = false;         // refused for sample_limit (Prometheus counts these)
    qsizetype duplicateTimestamps = 0;        // samples dropped: same timestamp, another value
    QString error;                            // Prometheus's lastError wording; empty when up
    ScrapeFormat format = ScrapeFormat::None; // None when no response was read
    double durationSeconds() const { return double(durationMs) / 1000.0; }
};

// The five report series Prometheus appends after every scrape (up, scrape_duration_seconds,
// scrape_samples_scraped, scrape_samples_post_metric_relabeling, scrape_series_added), with
// the target's labels. Their label sets are built once per target.
class ScrapeReport {
public:
    ScrapeReport(SeriesStore *store, const Labels &targetLabels);

    void append(qint64 timestampMs, const ScrapeResult &result);
    // Stale markers for all five (when the target goes away; a failed scrape reports instead).
    void appendStale(qint64 timestampMs);

    static const std::array<const char *, 5> &metricNames();

private:
    SeriesStore *m_store;
    std::array<SeriesStore::SeriesId, 5> m_ids{};
};

} // namespace ppl

Q_DECLARE_METATYPE(ppl::ScrapeResult)
