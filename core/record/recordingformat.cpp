#include "recordingformat.h"

#include "eventcodec.h"
#include "util/gzip.h"

#include <QCoreApplication>
#include <QIODevice>

#include <bit>
#include <zlib.h>

namespace ppl::record {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(ppl::Recording)
};

// The checksum covers the compressed bytes and the frame's other fields, so a damaged size or
// time range is caught as surely as damaged data.
quint32 crcOf(const QByteArray &compressed, quint32 rawBytes, qint64 minMs, qint64 maxMs) {
    QByteArray tail;
    {
        QDataStream t(&tail, QIODevice::WriteOnly);
        t << rawBytes << minMs << maxMs;
    }
    uLong crc =
        crc32(0L, reinterpret_cast<const Bytef *>(compressed.constData()), uInt(compressed.size()));
    crc = crc32(crc, reinterpret_cast<const Bytef *>(tail.constData()), uInt(tail.size()));
    return quint32(crc);
}

} // namespace

ChunkBuilder::ChunkBuilder() {
    reset();
}

void ChunkBuilder::reset() {
    m_raw.clear();
    m_out = std::make_unique<QDataStream>(&m_raw, QIODevice::WriteOnly);
    m_out->setVersion(StreamVersion);
    m_hasTime = false;
    m_minMs = m_maxMs = 0;
}

void ChunkBuilder::noteTime(qint64 ms) {
    if (!m_hasTime) {
        m_minMs = m_maxMs = ms;
        m_hasTime = true;
    } else {
        m_minMs = std::min(m_minMs, ms);
        m_maxMs = std::max(m_maxMs, ms);
    }
}

void ChunkBuilder::addScenario(const ScenarioRecord &s) {
    noteTime(s.atMs);
    *m_out << quint8(RecordTag::Scenario) << s.atMs << s.name << s.file << s.yaml;
}

void ChunkBuilder::addSeries(quint32 id, const Labels &labels) {
    *m_out << quint8(RecordTag::Series) << id << quint32(labels.size());
    for (int i = 0; i < labels.size(); ++i)
        *m_out << labels.name(i) << labels.value(i);
}

void ChunkBuilder::addSamples(quint32 id, const std::vector<StoredSample> &samples) {
    if (samples.empty())
        return;
    noteTime(samples.front().timestampMs);
    noteTime(samples.back().timestampMs);
    // Columns, not pairs, and each value as its difference from the one before (the change of
    // the timestamp's step, the XOR of the value's bits, as Gorilla does): a steady scrape
    // interval and an unchanged gauge become runs of zero bytes, which gzip shrinks best.
    *m_out << quint8(RecordTag::Samples) << id << quint32(samples.size());
    quint64 previous = 0, step = 0; // unsigned: any timestamps, no overflow
    for (const StoredSample &s : samples) {
        const quint64 t = quint64(s.timestampMs);
        *m_out << qint64(t - previous - step);
        step = t - previous;
        previous = t;
    }
    quint64 bits = 0;
    for (const StoredSample &s : samples) {
        *m_out << (std::bit_cast<quint64>(s.value) ^ bits);
        bits = std::bit_cast<quint64>(s.value);
    }
}

void ChunkBuilder::addEvent(const LabEvent &event) {
    noteTime(event.atMs);
    *m_out << quint8(RecordTag::Event);
    writeEvent(*m_out, event);
}

void ChunkBuilder::addTick(qint64 ms) {
    noteTime(ms);
    *m_out << quint8(RecordTag::Tick) << ms;
}

QByteArray ChunkBuilder::take() {
    const QByteArray compressed = gzipCompress(m_raw);
    QByteArray framed;
    {
        QDataStream f(&framed, QIODevice::WriteOnly);
        f.setVersion(StreamVersion);
        f << ChunkMagic << quint32(compressed.size()) << quint32(m_raw.size())
          << crcOf(compressed, quint32(m_raw.size()), m_minMs, m_maxMs) << m_minMs << m_maxMs;
    }
    framed += compressed;
    reset();
    return framed;
}

std::optional<ChunkFrame> readChunkFrame(QIODevice &file, QString *error) {
    const qint64 at = file.pos();
    const QByteArray head = file.read(ChunkFrameBytes);
    if (head.isEmpty())
        return std::nullopt;
    if (head.size() < ChunkFrameBytes) {
        *error = Text::tr("the file is cut short: a chunk header at byte %1 has %2 of its %3 bytes")
                     .arg(at)
                     .arg(head.size())
                     .arg(ChunkFrameBytes);
        return std::nullopt;
    }
    QDataStream in(head);
    in.setVersion(StreamVersion);
    quint32 magic = 0;
    ChunkFrame f;
    in >> magic >> f.compressedBytes >> f.rawBytes >> f.crc >> f.minMs >> f.maxMs;
    if (magic != ChunkMagic) {
        *error = Text::tr("the file is damaged: no chunk starts at byte %1").arg(at);
        return std::nullopt;
    }
    if (f.compressedBytes > MaxChunkBytes || f.rawBytes > MaxChunkBytes || f.minMs > f.maxMs) {
        *error =
            Text::tr("the file is damaged: the chunk at byte %1 has an impossible header").arg(at);
        return std::nullopt;
    }
    return f;
}

std::optional<ChunkContents> decodeChunk(const ChunkFrame &frame, const QByteArray &compressed,
                                         QString *error) {
    if (crcOf(compressed, frame.rawBytes, frame.minMs, frame.maxMs) != frame.crc) {
        *error = Text::tr("the file is damaged: a chunk's checksum does not match its contents");
        return std::nullopt;
    }
    QString why;
    const auto raw = gunzip(compressed, &why, frame.rawBytes);
    if (!raw || raw->size() != qsizetype(frame.rawBytes)) {
        *error = Text::tr("the file is damaged: a chunk does not decompress (%1)")
                     .arg(why.isEmpty() ? Text::tr("wrong size") : why);
        return std::nullopt;
    }
    ChunkContents c;
    QDataStream in(*raw);
    in.setVersion(StreamVersion);
    const auto damaged = [&](const QString &what) {
        *error = Text::tr("the file is damaged: %1").arg(what);
        return std::nullopt;
    };
    while (!in.atEnd()) {
        quint8 tag = 0;
        in >> tag;
        switch (RecordTag(tag)) {
        case RecordTag::Scenario: {
            ScenarioRecord s;
            in >> s.atMs >> s.name >> s.file >> s.yaml;
            c.scenarios.push_back(std::move(s));
            break;
        }
        case RecordTag::Series: {
            quint32 id = 0, n = 0;
            in >> id >> n;
            if (n > 4096)
                return damaged(Text::tr("a series has %1 labels").arg(n));
            std::vector<std::pair<QByteArray, QByteArray>> pairs(n);
            for (auto &[name, value] : pairs)
                in >> name >> value;
            c.series.emplace_back(id, Labels::fromPairs(std::move(pairs)));
            break;
        }
        case RecordTag::Samples: {
            SampleRun run;
            quint32 n = 0;
            in >> run.series >> n;
            // Each sample takes 16 bytes: more than the chunk holds is damage, not a reason
            // to allocate.
            if (qint64(n) * 16 > raw->size())
                return damaged(Text::tr("a run claims %1 samples").arg(n));
            run.samples.resize(n);
            // Unsigned: damaged bytes wrap instead of overflowing.
            quint64 t = 0, step = 0;
            for (StoredSample &s : run.samples) {
                qint64 change = 0;
                in >> change;
                step += quint64(change);
                t += step;
                s.timestampMs = qint64(t);
            }
            quint64 bits = 0;
            for (StoredSample &s : run.samples) {
                quint64 x = 0;
                in >> x;
                bits ^= x;
                s.value = std::bit_cast<double>(bits);
            }
            c.runs.push_back(std::move(run));
            break;
        }
        case RecordTag::Event: {
            QString why;
            auto event = readEvent(in, &why);
            if (!event)
                return damaged(why);
            c.events.push_back(std::move(*event));
            break;
        }
        case RecordTag::Tick:
            in >> c.tickMs;
            break;
        default:
            return damaged(Text::tr("unknown record %1").arg(tag));
        }
        if (in.status() != QDataStream::Ok)
            return damaged(Text::tr("a record is cut short"));
    }
    return c;
}

} // namespace ppl::record
