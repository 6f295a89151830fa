#pragma once

#include "labelmatcher.h"
#include "labels.h"

#include <QObject>

#include <memory>
#include <mutex>
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
// Thread affinity: one thread (the lab's), which alone changes the store and reads it freely.
// Another thread may read (the const functions) only while it holds a ReadLock: the store's
// thread cannot change anything meanwhile (every change takes the lock's other side, waiting
// for the reader to finish), so the reader sees one consistent state. A WriteLock held on the
// store's thread makes a batch of changes (a scrape's commit) one change for such readers.
// The label intern table is thread-safe by itself.
class SeriesStore : public QObject {
    Q_OBJECT
public:
    using SeriesId = quint32;

    class ReadLock {
    public:
        explicit ReadLock(const SeriesStore &store);
        ~ReadLock();
        ReadLock(const ReadLock &) = delete;
        ReadLock &operator=(const ReadLock &) = delete;

    private:
        const SeriesStore &m_store;
    };
    // On the store's thread only; nests (inner locks cost a counter). The try_to_lock form
    // never waits: when a reader is in, ownsLock() is false and the caller comes back later
    // (new readers are held off meanwhile).
    class WriteLock {
    public:
        explicit WriteLock(SeriesStore &store);
        WriteLock(SeriesStore &store, std::try_to_lock_t);
        ~WriteLock();
        WriteLock(const WriteLock &) = delete;
        WriteLock &operator=(const WriteLock &) = delete;
        bool ownsLock() const { return m_owns; }

    private:
        SeriesStore &m_store;
        bool m_owns = true;
    };

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
