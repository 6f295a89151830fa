#include "seriesstore.h"

#include "stringtable.h"
#include "util/clock.h"

#include <QHash>

#include <algorithm>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>

namespace ppl {

double staleMarker() {
    return std::bit_cast<double>(StaleNaNBits);
}

bool isStaleMarker(double value) {
    // Bits, not isnan(): an ordinary NaN sample is a value, the marker means "gone".
    return std::bit_cast<quint64>(value) == StaleNaNBits;
}

namespace {

// A readers-writer lock that prefers its one writer (the store's thread): once the writer
// waits, no new reader gets in, so a writer waits for the readers in at that moment and no
// longer (std::shared_mutex on glibc prefers readers: a worker loading rule after rule could
// keep the lab's thread waiting for seconds). A writer that only tries (and comes back on a
// later pass of its event loop) holds new readers off for a while too, so that its next try
// finds the readers of now gone; for at most WantMs, should it not come back.
class WriterFirstLock {
public:
    void lock_shared() {
        std::unique_lock l(m_mutex);
        for (;;) {
            if (m_writer || m_writersWaiting > 0) {
                m_cv.wait(l);
                continue;
            }
            if (m_wantedUntil) {
                const auto now = std::chrono::steady_clock::now();
                if (now < *m_wantedUntil) {
                    m_cv.wait_until(l, *m_wantedUntil);
                    continue;
                }
                m_wantedUntil.reset();
            }
            break;
        }
        ++m_readers;
    }
    void unlock_shared() {
        std::unique_lock l(m_mutex);
        if (--m_readers == 0 && (m_writersWaiting > 0 || m_wantedUntil)) {
            l.unlock();
            m_cv.notify_all();
        }
    }
    void lock() {
        std::unique_lock l(m_mutex);
        ++m_writersWaiting;
        m_cv.wait(l, [this] { return !m_writer && m_readers == 0; });
        --m_writersWaiting;
        m_writer = true;
        m_wantedUntil.reset();
    }
    bool try_lock() {
        std::lock_guard l(m_mutex);
        if (m_writer || m_readers > 0) {
            m_wantedUntil = std::chrono::steady_clock::now() + std::chrono::milliseconds(WantMs);
            return false;
        }
        m_writer = true;
        m_wantedUntil.reset();
        return true;
    }
    void unlock() {
        {
            std::lock_guard l(m_mutex);
            m_writer = false;
        }
        m_cv.notify_all();
    }

private:
    static constexpr int WantMs = 20;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_readers = 0;
    int m_writersWaiting = 0;
    bool m_writer = false;
    std::optional<std::chrono::steady_clock::time_point> m_wantedUntil;
};

constexpr quint32 BlockBits = 10;
constexpr quint32 BlockSize = 1u << BlockBits;
constexpr qint64 MaxOffset = std::numeric_limits<quint32>::max();

// A run of samples with one base time; each sample is 12 packed bytes, a 32-bit offset from
// base then the raw float64 (so stale-marker bits survive and an append touches one cache
// line). A chunk is one allocation: this header, then cap samples.
struct Chunk {
    static constexpr size_t SampleBytes = 12;

    Chunk *next = nullptr;
    qint64 base = 0;
    quint32 cap = 0;
    quint32 n = 0;

    static Chunk *create(quint32 cap, qint64 base) {
        void *mem = ::operator new(sizeof(Chunk) + size_t(cap) * SampleBytes);
        auto *c = new (mem) Chunk;
        c->cap = cap;
        c->base = base;
        return c;
    }
    static void destroy(Chunk *c) {
        c->~Chunk();
        ::operator delete(c);
    }
    std::byte *slot(quint32 i) const {
        return reinterpret_cast<std::byte *>(const_cast<Chunk *>(this) + 1) +
               size_t(i) * SampleBytes;
    }
    qint64 timeAt(quint32 i) const {
        quint32 o;
        std::memcpy(&o, slot(i), sizeof o);
        return base + o;
    }
    double valueAt(quint32 i) const {
        double v;
        std::memcpy(&v, slot(i) + 4, sizeof v);
        return v;
    }
    void put(quint32 i, quint32 offset, double value) {
        std::memcpy(slot(i), &offset, sizeof offset);
        std::memcpy(slot(i) + 4, &value, sizeof value);
    }
    // First index in [from, count) with time >= t, or count.
    quint32 lowerBound(quint32 from, quint32 count, qint64 t) const {
        quint32 lo = from, hi = count;
        while (lo < hi) {
            const quint32 mid = (lo + hi) / 2;
            if (timeAt(mid) < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
};

// One series: its labels and its samples in a list of chunks, oldest first. Appending never
// copies samples (a full chunk is followed by a new one); the bound and retention drop from
// the front and free chunks once they are used up. The first chunk is small because many
// series in a lab hold only a few samples.
struct Series {
    static constexpr quint32 FirstChunkSamples = 8;
    static constexpr quint32 ChunkSamples = 32;

    Labels labels;
    Chunk *first = nullptr;
    Chunk *last = nullptr;
    // The open chunk's fill, size and base live here, not in its header, so that an append
    // touches only the series (read in id order, cache-friendly) and the one slot it writes.
    // The header's n is written when the chunk is sealed.
    qint64 lastBase = 0;
    quint32 lastN = 0;
    quint32 lastCap = 0;
    qint64 lastT = 0;
    quint32 skip = 0; // samples at the front of `first` already dropped
    quint32 count = 0;
    bool live = false;
    bool dirty = false; // queued for seriesChanged

    Series() = default;
    Series(const Series &) = delete;
    Series &operator=(const Series &) = delete;
    ~Series() { release(); }

    void push(qint64 t, double v) {
        // A new chunk when the last is full or t is more than 49 days past its base.
        if (!last || lastN == lastCap || t - lastBase > MaxOffset) {
            if (last)
                last->n = lastN;
            Chunk *c =
                Chunk::create(count < FirstChunkSamples ? FirstChunkSamples : ChunkSamples, t);
            (last ? last->next : first) = c;
            last = c;
            lastN = 0;
            lastCap = c->cap;
            lastBase = t;
        }
        last->put(lastN++, quint32(t - lastBase), v);
        ++count;
        lastT = t;
    }
    void dropOldest(quint32 k) {
        count -= k;
        skip += k;
        while (first && skip >= nOf(first)) {
            skip -= nOf(first);
            Chunk *next = first->next;
            Chunk::destroy(first);
            first = next;
        }
        if (!first) {
            last = nullptr;
            skip = lastN = lastCap = 0;
        }
    }
    void release() { dropOldest(count); }
    // Number of samples older than t.
    quint32 countBefore(qint64 t) const {
        quint32 before = 0;
        for (const Chunk *c = first; c; c = c->next) {
            const quint32 from = c == first ? skip : 0;
            const quint32 n = nOf(c);
            if (c->timeAt(n - 1) < t) {
                before += n - from;
                continue;
            }
            return before + c->lowerBound(from, n, t) - from;
        }
        return before;
    }
    // Calls f(t, v) for samples with from <= t <= to, in time order.
    template <typename F> void scan(qint64 from, qint64 to, F &&f) const {
        for (const Chunk *c = first; c; c = c->next) {
            const quint32 n = nOf(c);
            if (c->timeAt(n - 1) < from)
                continue;
            for (quint32 i = c->lowerBound(c == first ? skip : 0, n, from); i < n; ++i) {
                const qint64 t = c->timeAt(i);
                if (t > to)
                    return;
                f(t, c->valueAt(i));
            }
        }
    }
    double lastValue() const { return last->valueAt(lastN - 1); }
    quint32 nOf(const Chunk *c) const { return c == last ? lastN : c->n; }
};

} // namespace

struct SeriesStore::Impl {
    Clock *clock = nullptr;
    qint64 retentionMs = 3600 * 1000;
    quint32 maxSamples = 4096;
    Clock::TimerId sweepTimer = 0;

    std::vector<std::unique_ptr<Series[]>> chunks;
    quint32 seriesTotal = 0; // ids handed out
    qsizetype liveCount = 0;
    qsizetype sampleTotal = 0;
    quint64 appendedTotal = 0; // every sample ever appended (stale markers too)

    // Open addressing over ids (slot = id + 1, 0 = free), keyed by the labels' cached hash.
    // Ids are never removed, so there are no tombstones.
    std::vector<quint32> idTable;

    // Inverted index: name id -> value id -> sorted ids of live series.
    QHash<quint32, QHash<quint32, std::vector<SeriesId>>> postings;

    std::vector<SeriesId> pendingChanged, pendingAdded, pendingRemoved;
    bool flushPosted = false;

    // Readers on other threads hold it shared; the store's thread takes it exclusively
    // around its changes (writeDepth: WriteLocks it holds now, so that they nest).
    mutable WriterFirstLock readers;
    int writeDepth = 0;

    Series &at(SeriesId id) const { return chunks[id >> BlockBits][id & (BlockSize - 1)]; }

    qint64 cutoff() const { return clock->nowMs() - retentionMs; }

    std::optional<SeriesId> findSlot(const Labels &labels, size_t *freeSlot) const {
        if (idTable.empty())
            return std::nullopt;
        const size_t mask = idTable.size() - 1;
        for (size_t i = labels.hash() & mask;; i = (i + 1) & mask) {
            const quint32 s = idTable[i];
            if (s == 0) {
                if (freeSlot)
                    *freeSlot = i;
                return std::nullopt;
            }
            if (at(s - 1).labels == labels)
                return s - 1;
        }
    }

    void growSlots() {
        std::vector<quint32> old = std::move(idTable);
        idTable.assign(std::max<size_t>(1024, old.size() * 2), 0);
        const size_t mask = idTable.size() - 1;
        for (quint32 s : old) {
            if (s == 0)
                continue;
            size_t i = at(s - 1).labels.hash() & mask;
            while (idTable[i] != 0)
                i = (i + 1) & mask;
            idTable[i] = s;
        }
    }

    void index(SeriesId id, bool add) {
        const Labels &l = at(id).labels;
        for (int i = 0; i < l.size(); ++i) {
            auto nameIt = postings.find(l.nameId(i));
            if (add) {
                if (nameIt == postings.end())
                    nameIt = postings.insert(l.nameId(i), {});
                std::vector<SeriesId> &p = (*nameIt)[l.valueId(i)];
                p.insert(std::lower_bound(p.begin(), p.end(), id), id);
                continue;
            }
            if (nameIt == postings.end())
                continue;
            auto valueIt = nameIt->find(l.valueId(i));
            if (valueIt == nameIt->end())
                continue;
            std::vector<SeriesId> &p = *valueIt;
            const auto pos = std::lower_bound(p.begin(), p.end(), id);
            if (pos != p.end() && *pos == id)
                p.erase(pos);
            if (p.empty())
                nameIt->erase(valueIt);
            if (nameIt->isEmpty())
                postings.erase(nameIt);
        }
    }
};

SeriesStore::ReadLock::ReadLock(const SeriesStore &store)
    : m_store(store) {
    m_store.d->readers.lock_shared();
}

SeriesStore::ReadLock::~ReadLock() {
    m_store.d->readers.unlock_shared();
}

SeriesStore::WriteLock::WriteLock(SeriesStore &store)
    : m_store(store) {
    if (m_store.d->writeDepth++ == 0)
        m_store.d->readers.lock();
}

SeriesStore::WriteLock::WriteLock(SeriesStore &store, std::try_to_lock_t)
    : m_store(store) {
    if (m_store.d->writeDepth > 0 || m_store.d->readers.try_lock())
        ++m_store.d->writeDepth;
    else
        m_owns = false;
}

SeriesStore::WriteLock::~WriteLock() {
    if (m_owns && --m_store.d->writeDepth == 0)
        m_store.d->readers.unlock();
}

SeriesStore::SeriesStore(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(new Impl) {
    d->clock = clock ? clock : Clock::system();
    setRetentionMs(d->retentionMs);
}

SeriesStore::~SeriesStore() {
    if (d->sweepTimer)
        d->clock->cancel(d->sweepTimer);
}

void SeriesStore::setRetentionMs(qint64 ms) {
    const WriteLock lock(*this);
    d->retentionMs = std::max<qint64>(1, ms);
    if (d->sweepTimer)
        d->clock->cancel(d->sweepTimer);
    // Reads already hide expired samples; the sweep only gives the memory back, so a
    // coarse period is enough.
    scheduleSweep();
}

void SeriesStore::scheduleSweep() {
    const qint64 period = std::clamp<qint64>(d->retentionMs / 60, 1000, 60000);
    d->sweepTimer = d->clock->callAfter(period, this, [this] {
        d->sweepTimer = 0;
        applyRetention();
        scheduleSweep();
    });
}

qint64 SeriesStore::retentionMs() const {
    return d->retentionMs;
}

void SeriesStore::setMaxSamplesPerSeries(int n) {
    const WriteLock lock(*this);
    d->maxSamples = quint32(std::max(1, n));
    for (SeriesId id = 0; id < d->seriesTotal; ++id) {
        Series &s = d->at(id);
        if (s.count > d->maxSamples) {
            d->sampleTotal -= s.count - d->maxSamples;
            s.dropOldest(s.count - d->maxSamples);
        }
    }
}

int SeriesStore::maxSamplesPerSeries() const {
    return int(d->maxSamples);
}

SeriesStore::SeriesId SeriesStore::seriesFor(const Labels &labels) {
    const WriteLock lock(*this);
    size_t freeSlot = 0;
    if (auto id = d->findSlot(labels, &freeSlot)) {
        Series &s = d->at(*id);
        if (!s.live) {
            s.live = true;
            ++d->liveCount;
            d->index(*id, true);
            d->pendingAdded.push_back(*id);
            postFlush();
        }
        return *id;
    }
    const SeriesId id = d->seriesTotal;
    if ((id >> BlockBits) >= d->chunks.size())
        d->chunks.push_back(std::make_unique<Series[]>(BlockSize));
    ++d->seriesTotal;
    Series &s = d->at(id);
    s.labels = labels;
    s.live = true;
    ++d->liveCount;
    // Keep the table at most half full.
    if (size_t(d->seriesTotal) * 2 > d->idTable.size()) {
        d->growSlots();
        d->findSlot(labels, &freeSlot);
    }
    d->idTable[freeSlot] = id + 1;
    d->index(id, true);
    d->pendingAdded.push_back(id);
    postFlush();
    return id;
}

bool SeriesStore::append(SeriesId id, qint64 timestampMs, double value) {
    return tryAppend(id, timestampMs, value) == AppendResult::Appended;
}

SeriesStore::AppendResult SeriesStore::tryAppend(SeriesId id, qint64 timestampMs, double value) {
    const WriteLock lock(*this);
    if (id >= d->seriesTotal)
        return AppendResult::UnknownSeries;
    Series &s = d->at(id);
    if (s.count > 0) {
        if (timestampMs < s.lastT)
            return AppendResult::OutOfOrder;
        if (timestampMs == s.lastT) {
            return std::bit_cast<quint64>(s.lastValue()) == std::bit_cast<quint64>(value)
                       ? AppendResult::Unchanged
                       : AppendResult::DuplicateTimestamp;
        }
    } else if (!s.live) {
        seriesFor(s.labels); // revive a series dropped by retention
    }
    if (s.count >= d->maxSamples) {
        s.dropOldest(1);
        --d->sampleTotal;
    }
    s.push(timestampMs, value);
    ++d->sampleTotal;
    ++d->appendedTotal;
    if (!s.dirty) {
        s.dirty = true;
        d->pendingChanged.push_back(id);
        postFlush();
    }
    return AppendResult::Appended;
}

SeriesStore::SeriesId SeriesStore::append(const Labels &labels, qint64 timestampMs, double value) {
    const SeriesId id = seriesFor(labels);
    append(id, timestampMs, value);
    return id;
}

std::optional<SeriesStore::SeriesId> SeriesStore::find(const Labels &labels) const {
    auto id = d->findSlot(labels, nullptr);
    if (id && !d->at(*id).live)
        return std::nullopt;
    return id;
}

quint64 SeriesStore::samplesAppendedTotal() const {
    return d->appendedTotal;
}

bool SeriesStore::isLive(SeriesId id) const {
    return id < d->seriesTotal && d->at(id).live;
}

const Labels &SeriesStore::labels(SeriesId id) const {
    static const Labels empty;
    return id < d->seriesTotal ? d->at(id).labels : empty;
}

std::vector<SeriesStore::SeriesId>
SeriesStore::select(const std::vector<LabelMatcher> &matchers) const {
    // Matchers that cannot match "" give an exact candidate list from the postings; the
    // rest (e.g. job!="x") are checked per candidate against the value ids they reject.
    std::vector<std::vector<SeriesId>> positive;
    struct Residual {
        quint32 nameId;
        std::vector<quint32> rejected; // sorted value ids
    };
    std::vector<Residual> residuals;

    for (const LabelMatcher &m : matchers) {
        const qint64 nameId = StringTable::lookup(m.name());
        const auto nameIt =
            nameId > 0 ? d->postings.constFind(quint32(nameId)) : d->postings.constEnd();
        if (!m.matchesEmpty()) {
            if (nameIt == d->postings.constEnd())
                return {};
            std::vector<SeriesId> ids;
            if (m.op() == LabelMatcher::Op::Equal) {
                const qint64 valueId = StringTable::lookup(m.value());
                const auto valueIt =
                    valueId > 0 ? nameIt->constFind(quint32(valueId)) : nameIt->constEnd();
                if (valueIt != nameIt->constEnd())
                    ids = *valueIt;
            } else {
                for (auto it = nameIt->constBegin(); it != nameIt->constEnd(); ++it) {
                    if (m.matches(StringTable::str(it.key())))
                        ids.insert(ids.end(), it->begin(), it->end());
                }
                std::sort(ids.begin(), ids.end());
            }
            if (ids.empty())
                return {};
            positive.push_back(std::move(ids));
            continue;
        }
        if (nameIt == d->postings.constEnd())
            continue; // nobody has the label, and "" matches
        Residual r{quint32(nameId), {}};
        for (auto it = nameIt->constBegin(); it != nameIt->constEnd(); ++it) {
            if (!m.matches(StringTable::str(it.key())))
                r.rejected.push_back(it.key());
        }
        if (!r.rejected.empty()) {
            std::sort(r.rejected.begin(), r.rejected.end());
            residuals.push_back(std::move(r));
        }
    }

    std::vector<SeriesId> candidates;
    if (positive.empty()) {
        candidates.reserve(size_t(d->liveCount));
        for (SeriesId id = 0; id < d->seriesTotal; ++id) {
            if (d->at(id).live)
                candidates.push_back(id);
        }
    } else {
        std::sort(positive.begin(), positive.end(),
                  [](const auto &a, const auto &b) { return a.size() < b.size(); });
        candidates = std::move(positive.front());
        for (size_t i = 1; i < positive.size() && !candidates.empty(); ++i) {
            std::vector<SeriesId> next;
            std::set_intersection(candidates.begin(), candidates.end(), positive[i].begin(),
                                  positive[i].end(), std::back_inserter(next));
            candidates = std::move(next);
        }
    }
    if (residuals.empty())
        return candidates;
    std::erase_if(candidates, [&](SeriesId id) {
        const Labels &l = d->at(id).labels;
        for (const Residual &r : residuals) {
            const quint32 v = l.valueIdOf(r.nameId);
            if (v != 0 && std::binary_search(r.rejected.begin(), r.rejected.end(), v))
                return true;
        }
        return false;
    });
    return candidates;
}

std::vector<SeriesStore::SeriesId> SeriesStore::select(const std::vector<LabelMatcher> &matchers,
                                                       qint64 fromMs, qint64 toMs) const {
    std::vector<SeriesId> ids = select(matchers);
    fromMs = std::max(fromMs, d->cutoff());
    std::erase_if(ids, [&](SeriesId id) {
        const Series &s = d->at(id);
        bool any = false;
        s.scan(fromMs, toMs, [&](qint64, double) { any = true; });
        return !any;
    });
    return ids;
}

std::vector<StoredSample> SeriesStore::samples(SeriesId id, qint64 fromMs, qint64 toMs) const {
    std::vector<StoredSample> out;
    if (id >= d->seriesTotal)
        return out;
    const Series &s = d->at(id);
    fromMs = std::max(fromMs, d->cutoff());
    if (s.count == 0 || fromMs > toMs)
        return out;
    s.scan(fromMs, toMs, [&](qint64 t, double v) { out.push_back({t, v}); });
    return out;
}

std::optional<std::pair<qint64, qint64>> SeriesStore::timeRange() const {
    const qint64 cutoff = d->cutoff();
    std::optional<std::pair<qint64, qint64>> out;
    for (SeriesId id = 0; id < d->seriesTotal; ++id) {
        const Series &s = d->at(id);
        if (!s.live || s.count == 0 || !s.first || s.lastT < cutoff)
            continue;
        // Samples before the cutoff are invisible already (the sweep drops them later).
        const qint64 oldest = std::max(s.first->timeAt(s.skip), cutoff);
        if (!out)
            out.emplace(oldest, s.lastT);
        out->first = std::min(out->first, oldest);
        out->second = std::max(out->second, s.lastT);
    }
    return out;
}

std::optional<StoredSample> SeriesStore::lastSample(SeriesId id) const {
    if (id >= d->seriesTotal)
        return std::nullopt;
    const Series &s = d->at(id);
    if (s.count == 0 || s.lastT < d->cutoff())
        return std::nullopt;
    return StoredSample{s.lastT, s.lastValue()};
}

qsizetype SeriesStore::seriesCount() const {
    return d->liveCount;
}

qsizetype SeriesStore::sampleCount() const {
    return d->sampleTotal;
}

qsizetype SeriesStore::sampleCount(SeriesId id) const {
    return id < d->seriesTotal ? qsizetype(d->at(id).count) : 0;
}

std::vector<QByteArray> SeriesStore::labelNames() const {
    std::vector<QByteArray> out;
    out.reserve(size_t(d->postings.size()));
    for (auto it = d->postings.constBegin(); it != d->postings.constEnd(); ++it)
        out.push_back(StringTable::str(it.key()));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<QByteArray> SeriesStore::labelValues(QByteArrayView name) const {
    std::vector<QByteArray> out;
    const qint64 nameId = StringTable::lookup(name);
    if (nameId <= 0)
        return out;
    const auto nameIt = d->postings.constFind(quint32(nameId));
    if (nameIt == d->postings.constEnd())
        return out;
    out.reserve(size_t(nameIt->size()));
    for (auto it = nameIt->constBegin(); it != nameIt->constEnd(); ++it)
        out.push_back(StringTable::str(it.key()));
    std::sort(out.begin(), out.end());
    return out;
}

void SeriesStore::applyRetention() {
    const WriteLock lock(*this);
    const qint64 cutoff = d->cutoff();
    for (SeriesId id = 0; id < d->seriesTotal; ++id) {
        Series &s = d->at(id);
        if (!s.live)
            continue;
        const quint32 drop = s.countBefore(cutoff);
        if (drop > 0) {
            s.dropOldest(drop);
            d->sampleTotal -= drop;
            if (!s.dirty) {
                s.dirty = true;
                d->pendingChanged.push_back(id);
            }
        }
        if (s.count == 0) {
            s.release();
            s.live = false;
            --d->liveCount;
            d->index(id, false);
            d->pendingRemoved.push_back(id);
        }
    }
    if (!d->pendingChanged.empty() || !d->pendingRemoved.empty())
        postFlush();
}

void SeriesStore::postFlush() {
    if (d->flushPosted)
        return;
    d->flushPosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            d->flushPosted = false;
            flushNotifications();
        },
        Qt::QueuedConnection);
}

void SeriesStore::flushNotifications() {
    // Report the state at flush time: a series added and dropped in the same turn is
    // reported as neither.
    QList<SeriesId> added, changed, removed;
    for (auto *v : {&d->pendingAdded, &d->pendingRemoved}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    for (SeriesId id : d->pendingAdded) {
        if (d->at(id).live)
            added.append(id);
    }
    for (SeriesId id : d->pendingChanged) {
        Series &s = d->at(id);
        s.dirty = false;
        if (s.live)
            changed.append(id);
    }
    for (SeriesId id : d->pendingRemoved) {
        if (!d->at(id).live)
            removed.append(id);
    }
    for (auto *v : {&d->pendingAdded, &d->pendingChanged, &d->pendingRemoved}) {
        v->clear();
        if (v->capacity() > 4096)
            std::vector<SeriesId>().swap(*v); // do not keep a burst's worth of memory
    }
    if (!added.isEmpty())
        Q_EMIT seriesAdded(added);
    if (!changed.isEmpty())
        Q_EMIT seriesChanged(changed);
    if (!removed.isEmpty())
        Q_EMIT seriesRemoved(removed);
}

} // namespace ppl
