#include "seriesstore.h"

#include "stringtable.h"
#include "util/clock.h"

#include <QHash>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace ppl {

double staleMarker() {
    return std::bit_cast<double>(StaleNaNBits);
}

bool isStaleMarker(double value) {
    // Bits, not isnan(): an ordinary NaN sample is a value, the marker means "gone".
    return std::bit_cast<quint64>(value) == StaleNaNBits;
}

namespace {

constexpr quint32 ChunkBits = 10;
constexpr quint32 ChunkSize = 1u << ChunkBits;
constexpr quint32 MinCapacity = 8;
constexpr qint64 MaxOffset = std::numeric_limits<quint32>::max();

// One series: its labels and a ring of samples. Each sample is 12 packed bytes, a 32-bit
// offset from base then the raw float64 (so one append touches one cache line); the ring
// grows by doubling up to the store's bound, then overwrites the oldest sample.
struct Series {
    static constexpr size_t SampleBytes = 12;

    Labels labels;
    std::unique_ptr<std::byte[]> buf;
    qint64 base = 0;
    qint64 lastT = 0;
    quint32 cap = 0;
    quint32 head = 0;
    quint32 count = 0;
    bool live = false;
    bool dirty = false; // queued for seriesChanged

    std::byte *slot(quint32 p) const { return buf.get() + size_t(p) * SampleBytes; }
    quint32 offsetAt(quint32 p) const {
        quint32 o;
        std::memcpy(&o, slot(p), sizeof o);
        return o;
    }
    void put(quint32 p, quint32 offset, double value) {
        std::memcpy(slot(p), &offset, sizeof offset);
        std::memcpy(slot(p) + 4, &value, sizeof value);
    }
    quint32 phys(quint32 i) const {
        quint32 p = head + i;
        return p >= cap ? p - cap : p;
    }
    qint64 timeAt(quint32 i) const { return base + offsetAt(phys(i)); }
    double valueAt(quint32 i) const {
        double v;
        std::memcpy(&v, slot(phys(i)) + 4, sizeof v);
        return v;
    }
    void dropOldest(quint32 n) {
        head = phys(n);
        count -= n;
    }
    void resize(quint32 newCap) {
        auto nb = std::make_unique_for_overwrite<std::byte[]>(size_t(newCap) * SampleBytes);
        // The ring is at most two runs: [head, cap) and [0, rest).
        const quint32 first = std::min(count, cap - head);
        if (count > 0) {
            std::memcpy(nb.get(), slot(head), size_t(first) * SampleBytes);
            std::memcpy(nb.get() + size_t(first) * SampleBytes, buf.get(),
                        size_t(count - first) * SampleBytes);
        }
        buf = std::move(nb);
        cap = newCap;
        head = 0;
    }
    void release() {
        buf.reset();
        cap = head = count = 0;
    }
    // First logical index with time >= t.
    quint32 lowerBound(qint64 t) const {
        quint32 lo = 0, hi = count;
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

    // Open addressing over ids (slot = id + 1, 0 = free), keyed by the labels' cached hash.
    // Ids are never removed, so there are no tombstones.
    std::vector<quint32> idTable;

    // Inverted index: name id -> value id -> sorted ids of live series.
    QHash<quint32, QHash<quint32, std::vector<SeriesId>>> postings;

    std::vector<SeriesId> pendingChanged, pendingAdded, pendingRemoved;
    bool flushPosted = false;

    Series &at(SeriesId id) const { return chunks[id >> ChunkBits][id & (ChunkSize - 1)]; }

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
    d->maxSamples = quint32(std::max(1, n));
    for (SeriesId id = 0; id < d->seriesTotal; ++id) {
        Series &s = d->at(id);
        if (s.count > d->maxSamples) {
            d->sampleTotal -= s.count - d->maxSamples;
            s.dropOldest(s.count - d->maxSamples);
            s.resize(d->maxSamples);
        }
    }
}

int SeriesStore::maxSamplesPerSeries() const {
    return int(d->maxSamples);
}

SeriesStore::SeriesId SeriesStore::seriesFor(const Labels &labels) {
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
    if ((id >> ChunkBits) >= d->chunks.size())
        d->chunks.push_back(std::make_unique<Series[]>(ChunkSize));
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
    if (id >= d->seriesTotal)
        return false;
    Series &s = d->at(id);
    if (s.count > 0) {
        if (timestampMs <= s.lastT)
            return false; // out of order or duplicate, as Prometheus's head rejects them
    } else {
        if (!s.live)
            seriesFor(s.labels); // revive a series dropped by retention
        s.base = timestampMs;
    }
    if (timestampMs - s.base > MaxOffset) {
        // More than 49 days since base: move base to the oldest sample that still fits.
        quint32 drop = 0;
        while (drop < s.count && timestampMs - s.timeAt(drop) > MaxOffset)
            ++drop;
        s.dropOldest(drop);
        d->sampleTotal -= drop;
        const qint64 newBase = s.count ? s.timeAt(0) : timestampMs;
        const auto shift = quint32(newBase - s.base);
        for (quint32 i = 0; i < s.count; ++i) {
            const quint32 p = s.phys(i);
            s.put(p, s.offsetAt(p) - shift, s.valueAt(i));
        }
        s.base = newBase;
    }
    if (s.count >= d->maxSamples) {
        s.dropOldest(1);
        --d->sampleTotal;
    } else if (s.count == s.cap) {
        s.resize(std::min(std::max(MinCapacity, s.cap * 2), d->maxSamples));
    }
    const quint32 p = s.phys(s.count);
    s.put(p, quint32(timestampMs - s.base), value);
    ++s.count;
    ++d->sampleTotal;
    s.lastT = timestampMs;
    if (!s.dirty) {
        s.dirty = true;
        d->pendingChanged.push_back(id);
        postFlush();
    }
    return true;
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
        const quint32 i = s.lowerBound(fromMs);
        return fromMs > toMs || i == s.count || s.timeAt(i) > toMs;
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
    for (quint32 i = s.lowerBound(fromMs); i < s.count; ++i) {
        const qint64 t = s.timeAt(i);
        if (t > toMs)
            break;
        out.push_back({t, s.valueAt(i)});
    }
    return out;
}

std::optional<StoredSample> SeriesStore::lastSample(SeriesId id) const {
    if (id >= d->seriesTotal)
        return std::nullopt;
    const Series &s = d->at(id);
    if (s.count == 0 || s.lastT < d->cutoff())
        return std::nullopt;
    return StoredSample{s.lastT, s.valueAt(s.count - 1)};
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
    const qint64 cutoff = d->cutoff();
    for (SeriesId id = 0; id < d->seriesTotal; ++id) {
        Series &s = d->at(id);
        if (!s.live)
            continue;
        const quint32 drop = s.lowerBound(cutoff);
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
        } else if (s.cap >= 2 * MinCapacity && s.count <= s.cap / 4) {
            s.resize(s.cap / 2); // give memory back after a burst
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
    d->pendingAdded.clear();
    d->pendingChanged.clear();
    d->pendingRemoved.clear();
    if (!added.isEmpty())
        Q_EMIT seriesAdded(added);
    if (!changed.isEmpty())
        Q_EMIT seriesChanged(changed);
    if (!removed.isEmpty())
        Q_EMIT seriesRemoved(removed);
}

} // namespace ppl
