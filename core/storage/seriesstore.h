#pragma once

#include "labelmatcher.h"
#include "labels.h"

#include <QObject>

#include <memory>
#include <optional>
#include <utility>
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
// Each series keeps at most maxSamplesPerSeries() samples (oldest dropped first) in a list of
// chunks: 32-bit millisecond offsets from the chunk's base plus the raw float64, 12 bytes a
// sample, so stale-marker bits survive;
// samples older than the retention window (relative to the clock) are invisible to reads at
// once and are dropped by a sweep the store schedules on the clock (every retention/60,
// between 1 s and 60 s) or by applyRetention(). A series left empty leaves the index.
// SeriesIds are never reused: a dropped series keeps its id and labels, and comes back (with
// seriesAdded) on the next append to it, so ids cached by a scraper stay valid.
// Listeners are told about changes in batches: each signal at most once per event-loop turn,
// never one signal per sample.
// Thread affinity: one thread (the lab's). Only the label intern table is thread-safe.
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
    // append() with the reason, for the scraper's counters. As in Prometheus's head, a repeat
    // of the newest sample (same timestamp, same value bits) is not an error but stores
    // nothing; the same timestamp with another value is DuplicateTimestamp.
    enum class AppendResult { Appended, Unchanged, OutOfOrder, DuplicateTimestamp, UnknownSeries };
    AppendResult tryAppend(SeriesId id, qint64 timestampMs, double value);
    SeriesId append(const Labels &labels, qint64 timestampMs, double value);

    std::optional<SeriesId> find(const Labels &labels) const;
    // False for unknown ids and for series dropped by retention.
    bool isLive(SeriesId id) const;
    const Labels &labels(SeriesId id) const;
    // Live series matching every matcher, in id (creation) order; no matchers = all live
    // series. Equality and regex matchers that cannot match "" go through the inverted index.
    std::vector<SeriesId> select(const std::vector<LabelMatcher> &matchers) const;
    // The same, keeping only series with at least one sample in [fromMs, toMs].
    std::vector<SeriesId> select(const std::vector<LabelMatcher> &matchers, qint64 fromMs,
                                 qint64 toMs) const;
    // Samples with from <= t <= to, in time order (stale markers included).
    std::vector<StoredSample> samples(SeriesId id, qint64 fromMs, qint64 toMs) const;
    std::optional<StoredSample> lastSample(SeriesId id) const;
    // The oldest and newest visible sample over all live series: what Prometheus's head
    // reports as MinTime()/MaxTime(). None when nothing is stored. O(series).
    std::optional<std::pair<qint64, qint64>> timeRange() const;

    qsizetype seriesCount() const;
    qsizetype sampleCount() const; // stored, including samples awaiting the retention sweep
    qsizetype sampleCount(SeriesId id) const;
    // Samples appended since the store was made, stale markers included (what Prometheus's
    // prometheus_tsdb_head_samples_appended_total{type="float"} counts).
    quint64 samplesAppendedTotal() const;
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
    // Series dropped by retention (no samples left in the window).
    void seriesRemoved(const QList<ppl::SeriesStore::SeriesId> &ids);

private:
    void postFlush();
    void scheduleSweep();

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ppl
