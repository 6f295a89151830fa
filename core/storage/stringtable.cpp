#include "stringtable.h"

#include <QHash>

#include <atomic>
#include <memory>
#include <mutex>

namespace ppl {

namespace {

// Entries live in fixed-size chunks that never move, so a reader holding an id can read its
// string without a lock while another thread appends new chunks.
constexpr quint32 ChunkBits = 12;
constexpr quint32 ChunkSize = 1u << ChunkBits;
constexpr quint32 MaxChunks = 1u << 14; // 67 M strings

struct Table {
    std::mutex mutex;
    QHash<QByteArray, quint32> ids;
    std::atomic<QByteArray *> chunks[MaxChunks] = {};
    std::atomic<quint32> count{0};

    Table() { append(QByteArray()); }

    quint32 append(const QByteArray &s) {
        const quint32 id = count.load(std::memory_order_relaxed);
        const quint32 c = id >> ChunkBits;
        if (c >= MaxChunks)
            qFatal("StringTable: too many interned strings");
        QByteArray *chunk = chunks[c].load(std::memory_order_relaxed);
        if (!chunk) {
            chunk = new QByteArray[ChunkSize];
            chunks[c].store(chunk, std::memory_order_release);
        }
        chunk[id & (ChunkSize - 1)] = s;
        ids.insert(s, id);
        count.store(id + 1, std::memory_order_release);
        return id;
    }
};

Table &table() {
    // Leaked on purpose: Labels may be destroyed by other static destructors at exit.
    static Table *t = new Table;
    return *t;
}

} // namespace

quint32 StringTable::intern(QByteArrayView s) {
    if (s.isEmpty())
        return 0;
    Table &t = table();
    std::lock_guard lock(t.mutex);
    // fromRawData avoids an allocation for the (common) lookup of a known string.
    const auto it = t.ids.constFind(QByteArray::fromRawData(s.data(), s.size()));
    if (it != t.ids.constEnd())
        return it.value();
    return t.append(s.toByteArray());
}

qint64 StringTable::lookup(QByteArrayView s) {
    if (s.isEmpty())
        return 0;
    Table &t = table();
    std::lock_guard lock(t.mutex);
    const auto it = t.ids.constFind(QByteArray::fromRawData(s.data(), s.size()));
    return it != t.ids.constEnd() ? qint64(it.value()) : -1;
}

const QByteArray &StringTable::str(quint32 id) {
    Table &t = table();
    Q_ASSERT(id < t.count.load(std::memory_order_acquire));
    return t.chunks[id >> ChunkBits].load(std::memory_order_acquire)[id & (ChunkSize - 1)];
}

quint32 StringTable::size() {
    return table().count.load(std::memory_order_acquire);
}

} // namespace ppl
