#pragma once

#include "labelmatcher.h"
#include "labels.h"

#include <QObject>

#include <optional>
#include <vector>

namespace ppl {

class Clock;

// Prometheus's stale marker: a NaN with this exact bit pattern, distinct from an ordinary NaN.
inline constexpr quint64 StaleNaNBits = 0x7ff0000000000002ULL;
double staleMarker();
bool isStaleMarker(double value);

struct StoredSample {
    qint64 timestampMs;
    double value;
};

// The in-memory time-series database the scraper appends to and queries and charts read.
// Each series keeps its samples in a bounded buffer; samples older than the retention window
// (relative to the clock) are dropped. Listeners are told about changes in batches: one
// seriesChanged() per event-loop turn at most, never one signal per sample.
// Thread affinity: one thread (the lab's).
class SeriesStore : public QObject {
    Q_OBJECT
public:
    using SeriesId = quint32;

    explicit SeriesStore(Clock *clock, QObject *parent = nullptr);
    ~SeriesStore() override;

    void setRetentionMs(qint64 ms); // default 1 h
    qint64 retentionMs() const;
    void setMaxSamplesPerSeries(int n); // bound of each series' buffer
    int maxSamplesPerSeries() const;

    // Finds or creates the series. Samples must arrive in time order per series; an older
    // or equal timestamp replaces nothing and is ignored (returns false).
    SeriesId seriesFor(const Labels &labels);
    bool append(SeriesId id, qint64 timestampMs, double value);
    SeriesId append(const Labels &labels, qint64 timestampMs, double value);

    std::optional<SeriesId> find(const Labels &labels) const;
    const Labels &labels(SeriesId id) const;
    std::vector<SeriesId> select(const std::vector<LabelMatcher> &matchers) const;
    // Samples with from <= t <= to, in time order (stale markers included).
    std::vector<StoredSample> samples(SeriesId id, qint64 fromMs, qint64 toMs) const;
    std::optional<StoredSample> lastSample(SeriesId id) const;

    qsizetype seriesCount() const;
    qsizetype sampleCount() const;
    // All label names / values of one label name over live series (for /api/v1/labels).
    std::vector<QByteArray> labelNames() const;
    std::vector<QByteArray> labelValues(QByteArrayView name) const;

    // Drops samples older than now - retention and series left empty.
    void applyRetention();
    // Emits seriesChanged now if anything is pending (tests call this instead of waiting).
    void flushNotifications();

Q_SIGNALS:
    void seriesChanged(const QList<ppl::SeriesStore::SeriesId> &ids);
    void seriesAdded(const QList<ppl::SeriesStore::SeriesId> &ids);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ppl
