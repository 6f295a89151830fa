#pragma once

#include "exposition/metricfamily.h"
#include "groupingkey.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace ppl {

// What a write does to its group: PUT replaces the whole group, POST replaces only the
// families named in the body, DELETE removes the group.
enum class WriteMode { Replace, Merge, Delete };

// One change to the store, as a value (like the real gateway's storage.WriteRequest).
struct WriteRequest {
    GroupingKey key;
    WriteMode mode = WriteMode::Replace;
    std::vector<MetricFamily> families; // as pushed (body labels only); unused for Delete
    qint64 timestampMs = 0;             // when the push arrived (lab clock)
    qint64 timestampUs = 0; // the same in microseconds, for push_time_seconds; 0 = ms × 1000
    qint64 stampUs() const { return timestampUs ? timestampUs : timestampMs * 1000; }
};

struct WriteResult {
    bool accepted = false;
    QString error; // the full 400 body text when rejected by the consistency check
};

// A read-only copy of one group for the UI, the JSON API and persistence.
struct GroupSnapshot {
    GroupingKey key;
    // Families sorted by name, samples carrying the grouping labels (and `instance`), in the
    // canonical form the exposition shows (histograms complete with +Inf, _sum, _count).
    // push_time_seconds / push_failure_time_seconds are not in here: see the fields below.
    std::vector<MetricFamily> families;
    std::vector<qint64> familyTimestampsMs; // parallel to families: when each was pushed
    qint64 pushTimeMs = 0;                  // last successful change, 0 = never
    qint64 pushFailureTimeMs = 0;           // last failed change, 0 = never
    qint64 createdMs = 0;                   // when the group entered the store
    // The same two times in microseconds: the real gateway writes push_time_seconds from
    // time.Now() (1.796184028461743e+09), not rounded to the millisecond. 0 = ms × 1000.
    qint64 pushTimeUs = 0;
    qint64 pushFailureTimeUs = 0;
    bool lastPushSuccessful() const { return pushFailureTimeMs <= pushTimeMs; }
};

// The Pushgateway's metric store. One writer: every change goes through apply(), which checks
// the request against the state it would produce (consistency check) before committing it, and
// stamps push_time_seconds or push_failure_time_seconds. Rendering of GET /metrics is cached:
// each metric's text is rendered once when pushed; the exposition is reassembled only after a
// change. Thread affinity: the owning thread only; not thread-safe.
class MetricGroups : public QObject {
    Q_OBJECT
    // One metric as the exposition shows it: a sample, or a whole histogram/summary.
    struct StoredMetric {
        std::vector<LabelPair> labels; // sorted by name, grouping labels applied, no le/quantile
        QByteArray text;               // its exposition lines
    };
    struct StoredFamily {
        MetricFamily family; // canonical samples with grouping labels
        std::vector<StoredMetric> metrics;
        qint64 timestampMs = 0;
        QSet<QByteArray> signatures; // of every metric (family name and labels)
        // The first problem the consistency check finds in this family by itself (bad label,
        // a metric twice), and at which metric; -1 when there is none.
        qsizetype firstLocalProblem = -1;
        QString localProblem;
    };

public:
    explicit MetricGroups(QObject *parent = nullptr);
    ~MetricGroups() override;

    // A write made ready for the store by prepare(): its families built, rendered and checked
    // as far as they can be without the store. The expensive part of a large push, so it can
    // run off the owning thread; commit() then only checks against the store and stores.
    class Prepared {
    public:
        const GroupingKey &key() const { return m_key; }
        WriteMode mode() const { return m_mode; }
        qsizetype metricCount() const;

    private:
        friend class MetricGroups;
        GroupingKey m_key;
        WriteMode m_mode = WriteMode::Replace;
        std::vector<StoredFamily> m_incoming;
        QString m_problem; // found before any check against the store (timestamps)
        // A grouping-key value that is not UTF-8: no series of this group could be exposed.
        bool m_keyNotUtf8 = false;
    };
    // Thread-safe: touches no store. request's timestamps are not used.
    static Prepared prepare(const WriteRequest &request);
    // Checks prepared against the store and commits it, stamped with ms / us (us 0 = ms ×
    // 1000), as apply() does.
    WriteResult commit(Prepared prepared, qint64 ms, qint64 us = 0);
    // prepare() and commit() in one.
    WriteResult apply(const WriteRequest &request);
    // Stamps push_failure_time_seconds (creating the group) for a push that failed a check
    // made outside apply(), e.g. while reading the body.
    void recordFailedPush(const GroupingKey &key, qint64 ms, qint64 us = 0) {
        recordFailure(key, ms, us);
    }
    void clear();                                           // the admin API's wipe
    void restore(const std::vector<GroupSnapshot> &groups); // replaces everything, no checks

    int groupCount() const { return int(m_groups.size()); }
    std::vector<GroupSnapshot> groups() const; // sorted by job, then the other labels
    std::optional<GroupSnapshot> group(const GroupingKey &key) const;
    // Every group's metrics plus push_time_seconds / push_failure_time_seconds, text 0.0.4.
    const QByteArray &exposition() const;
    // Changes with every committed or failed write; persistence compares it.
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void groupAdded(const ppl::GroupingKey &key);
    void groupChanged(const ppl::GroupingKey &key);
    void groupRemoved(const ppl::GroupingKey &key);

private:
    struct Group {
        GroupingKey key;
        std::map<QByteArray, StoredFamily> families;
        qint64 pushTimeMs = 0;
        qint64 pushFailureTimeMs = 0;
        qint64 pushTimeUs = 0;
        qint64 pushFailureTimeUs = 0;
        qint64 createdMs = 0;
        StoredMetric pushTime;
        StoredMetric pushFailureTime;
    };
    // Per family name across all groups: what the consistency check needs without a scan.
    // Adding or removing a group's family costs the same however many metrics it has.
    struct FamilyIndex {
        MetricType type = MetricType::Untyped;
        std::map<QByteArray, const StoredFamily *> members; // group id → its family
    };

    static StoredFamily buildFamily(const MetricFamily &family, const GroupingKey &key,
                                    qint64 timestampMs);
    static void renderTimeMetric(StoredMetric &metric, const QByteArray &name,
                                 const GroupingKey &key, qint64 us);
    static void checkLocally(StoredFamily &family);
    QString check(const Prepared &request) const;
    void indexAdd(const QByteArray &groupId, const StoredFamily &family);
    void indexRemove(const QByteArray &groupId, const StoredFamily &family);
    void recordFailure(const GroupingKey &key, qint64 ms, qint64 us);
    Group &groupFor(const GroupingKey &key, qint64 ms, bool *created);
    GroupSnapshot snapshot(const Group &group) const;

    std::map<QByteArray, std::unique_ptr<Group>> m_groups; // by GroupingKey::id()
    QHash<QByteArray, FamilyIndex> m_index;                // family name → across groups
    quint64 m_generation = 0;
    mutable QByteArray m_cache;
    mutable bool m_cacheValid = false;
};

} // namespace ppl
