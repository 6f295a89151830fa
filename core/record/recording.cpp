#include "recording.h"

#include <QCoreApplication>
#include <QFile>

#include <unordered_map>

namespace ppl::record {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ppl::Recording)
};
} // namespace

std::unique_ptr<Recording> Recording::open(const QString &path, QString *error) {
    QString dummy;
    QString &why = error ? *error : dummy;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        why = Text::tr("cannot open %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    const auto fail = [&](const QString &what) {
        why = Text::tr("%1 is not a usable recording: %2").arg(path, what);
        return nullptr;
    };
    const QByteArray magic = file.read(FileMagic.size());
    if (magic != FileMagic) {
        if (magic.startsWith("PPLREC"))
            return fail(Text::tr("it was written by a newer version of the lab"));
        return fail(Text::tr("it is not a Pull/Push Lab recording"));
    }
    std::unique_ptr<Recording> r(new Recording);
    r->m_path = path;
    r->m_fileBytes = file.size();
    std::unordered_map<quint32, qint64> perSeries; // defined series: their sample counts
    bool haveScenario = false, haveStart = false;
    for (;;) {
        Chunk chunk;
        chunk.offset = file.pos();
        QString what;
        const auto frame = readChunkFrame(file, &what);
        if (!frame) {
            if (!what.isEmpty())
                return fail(what);
            break;
        }
        chunk.frame = *frame;
        const QByteArray compressed = file.read(frame->compressedBytes);
        if (compressed.size() != qsizetype(frame->compressedBytes))
            return fail(Text::tr("the file is cut short: the chunk at byte %1 has %2 of its %3 "
                                 "bytes")
                            .arg(chunk.offset)
                            .arg(compressed.size())
                            .arg(frame->compressedBytes));
        const auto contents = decodeChunk(*frame, compressed, &what);
        if (!contents)
            return fail(Text::tr("chunk %1 (byte %2): %3")
                            .arg(r->m_chunks.size() + 1)
                            .arg(chunk.offset)
                            .arg(what));
        if (!haveScenario) {
            if (contents->scenarios.empty())
                return fail(Text::tr("it does not begin with the recorded scenario"));
            r->m_scenario = contents->scenarios.front();
            haveScenario = true;
        }
        if (contents->tickMs >= 0) {
            if (!haveStart) {
                r->m_startMs = r->m_scenario.atMs;
                haveStart = true;
            }
            r->m_endMs = std::max(r->m_endMs, contents->tickMs);
        }
        for (const auto &[id, labels] : contents->series) {
            if (perSeries.emplace(id, 0).second)
                ++r->m_series;
        }
        for (const SampleRun &run : contents->runs) {
            const auto it = perSeries.find(run.series);
            if (it == perSeries.end())
                return fail(Text::tr("chunk %1 has samples of an undefined series")
                                .arg(r->m_chunks.size() + 1));
            it->second += qint64(run.samples.size());
            r->m_maxPerSeries = std::max(r->m_maxPerSeries, it->second);
            r->m_samples += qint64(run.samples.size());
        }
        r->m_events += qint64(contents->events.size());
        r->m_chunks.push_back(chunk);
    }
    if (!haveScenario || !haveStart)
        return fail(Text::tr("it holds no recorded time"));
    r->m_endMs = std::max(r->m_endMs, r->m_startMs);
    qint64 laterMin = std::numeric_limits<qint64>::max();
    for (auto it = r->m_chunks.rbegin(); it != r->m_chunks.rend(); ++it) {
        laterMin = std::min(laterMin, it->frame.minMs);
        it->laterMinMs = laterMin;
    }
    return r;
}

std::optional<ChunkContents> Recording::readChunk(int i, QString *error) const {
    QString dummy;
    QString &why = error ? *error : dummy;
    if (i < 0 || i >= int(m_chunks.size())) {
        why = Text::tr("no chunk %1").arg(i);
        return std::nullopt;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_chunks[size_t(i)].offset)) {
        why = Text::tr("cannot read %1 again: %2").arg(m_path, file.errorString());
        return std::nullopt;
    }
    QString what;
    const auto frame = readChunkFrame(file, &what);
    const Chunk &c = m_chunks[size_t(i)];
    if (!frame || frame->crc != c.frame.crc) {
        why = Text::tr("%1 changed since it was opened").arg(m_path);
        return std::nullopt;
    }
    auto contents = decodeChunk(*frame, file.read(frame->compressedBytes), &what);
    if (!contents)
        why = Text::tr("%1 changed since it was opened: %2").arg(m_path, what);
    return contents;
}

} // namespace ppl::record
