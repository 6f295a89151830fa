#include "scrapereport.h"

#include "scrapelabels.h"

#include "exposition/openmetricsparser.h"
#include "exposition/protobufparser.h"

namespace ppl {

QByteArray scrapeFormatName(ScrapeFormat format) {
    switch (format) {
    case ScrapeFormat::None:
        break;
    case ScrapeFormat::PrometheusText:
        return QByteArrayLiteral("PrometheusText0.0.4");
    case ScrapeFormat::OpenMetricsText0_0_1:
        return QByteArrayLiteral("OpenMetricsText0.0.1");
    case ScrapeFormat::OpenMetricsText1_0_0:
        return QByteArrayLiteral("OpenMetricsText1.0.0");
    case ScrapeFormat::PrometheusProto: // the name later Prometheus versions give it
        return QByteArrayLiteral("PrometheusProto");
    }
    return {};
}

ScrapeFormat scrapeFormatOf(QByteArrayView contentType) {
    if (isProtobufContentType(contentType))
        return ScrapeFormat::PrometheusProto;
    QByteArray version;
    if (!isOpenMetricsContentType(contentType, &version))
        return ScrapeFormat::PrometheusText; // textparse.New's fallback, whatever was sent
    // 2.42 reads both versions alike; 1.0.0 is what its Accept header prefers.
    return version == "0.0.1" ? ScrapeFormat::OpenMetricsText0_0_1
                              : ScrapeFormat::OpenMetricsText1_0_0;
}

const std::array<const char *, 5> &ScrapeReport::metricNames() {
    static const std::array<const char *, 5> names = {
        "up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added"};
    return names;
}

ScrapeReport::ScrapeReport(SeriesStore *store, const Labels &targetLabels)
    : m_store(store) {
    const auto &names = metricNames();
    for (size_t i = 0; i < names.size(); ++i)
        m_ids[i] = m_store->seriesFor(reportSeriesLabels(names[i], targetLabels));
}

void ScrapeReport::append(qint64 timestampMs, const ScrapeResult &result) {
    const double values[5] = {result.health == TargetHealth::Up ? 1.0 : 0.0,
                              result.durationSeconds(), double(result.samplesScraped),
                              double(result.samplesPostMetricRelabeling),
                              double(result.seriesAdded)};
    for (size_t i = 0; i < m_ids.size(); ++i)
        m_store->append(m_ids[i], timestampMs, values[i]);
}

void ScrapeReport::appendStale(qint64 timestampMs) {
    for (SeriesStore::SeriesId id : m_ids)
        m_store->append(id, timestampMs, staleMarker());
}

} // namespace ppl
