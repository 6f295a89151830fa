#pragma once

#include "lab/labevent.h"
#include "storage/labels.h"
#include "storage/seriesstore.h"

#include <QByteArray>
#include <QDataStream>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QIODevice;

namespace ppl::record {

// A recording is one file: an 8-byte magic, then chunks, each framed as
//   "PPLC" | u32 compressed size | u32 raw size | u32 CRC-32 | i64 earliest ms | i64 latest ms |
//   gzip(records)
// (the CRC-32 of the compressed bytes followed by the raw size and the two times)
// (big endian). The records inside a chunk are QDataStream values, each led by a RecordTag.
// A chunk stands alone apart from series ids, which are defined once (Series) before the
// first Samples that use them. Chunks are appended as the lab runs, so a recording that was
// cut short loses at most its last chunk, and a reader checks each chunk on its own (the
// frame, the CRC, the sizes, every record) holding one chunk in memory at a time.
inline constexpr QByteArrayView FileMagic{"PPLREC01", 8};
inline constexpr quint32 ChunkMagic = 0x50504C43; // "PPLC"
inline constexpr int ChunkFrameBytes = 4 + 4 + 4 + 4 + 8 + 8;
inline constexpr quint32 MaxChunkBytes = 64u << 20; // compressed or raw
inline constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;

enum class RecordTag : quint8 {
    Scenario = 1, // i64 at, QString name, QString file, QByteArray YAML (the world as loaded)
    Series = 2,   // u32 id, u32 n, n × (QByteArray name, QByteArray value)
    Samples = 3,  // u32 id, u32 n, n × i64 change of the timestamp step, n × u64 value bits
                  // XOR the previous value's (the first against 0 and a step of 0)
    Event = 4,    // a LabEvent (eventcodec.h)
    Tick = 5,     // i64 lab time: the recording reached it (quiet stretches have an end too)
};

struct ScenarioRecord {
    qint64 atMs = 0;
    QString name;
    QString file;
    QByteArray yaml;
};

struct SampleRun {
    quint32 series = 0;
    std::vector<StoredSample> samples; // time order
};

// One chunk's records, in file order by kind.
struct ChunkContents {
    std::vector<ScenarioRecord> scenarios;
    std::vector<std::pair<quint32, Labels>> series;
    std::vector<SampleRun> runs;
    std::vector<LabEvent> events;
    qint64 tickMs = -1; // the newest Tick, -1 when none
};

struct ChunkFrame {
    quint32 compressedBytes = 0;
    quint32 rawBytes = 0;
    quint32 crc = 0;
    qint64 minMs = 0;
    qint64 maxMs = 0;
};

// Builds one chunk's records; chunkBytes() frames and compresses them.
class ChunkBuilder {
public:
    ChunkBuilder();
    void addScenario(const ScenarioRecord &scenario);
    void addSeries(quint32 id, const Labels &labels);
    void addSamples(quint32 id, const std::vector<StoredSample> &samples);
    void addEvent(const LabEvent &event);
    void addTick(qint64 ms);
    bool isEmpty() const { return m_raw.isEmpty(); }
    qsizetype rawSize() const { return m_raw.size(); }
    // The framed chunk, and the builder emptied.
    QByteArray take();

private:
    void noteTime(qint64 ms);
    void reset();
    QByteArray m_raw;
    std::unique_ptr<QDataStream> m_out;
    qint64 m_minMs = 0;
    qint64 m_maxMs = 0;
    bool m_hasTime = false;
};

// Reads a chunk frame from the device at its position; nullopt at a clean end of file, or
// with *error when the frame is short or wrong (error then names what).
std::optional<ChunkFrame> readChunkFrame(QIODevice &file, QString *error);
// Checks the compressed bytes against the frame and decodes the records.
std::optional<ChunkContents> decodeChunk(const ChunkFrame &frame, const QByteArray &compressed,
                                         QString *error);

} // namespace ppl::record
