#pragma once

#include "recordingformat.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace ppl::record {

// A recording file opened for replay (File → Open recording). open() reads the whole file
// once, one chunk at a time, and checks everything a replay will rely on: the magic, each
// chunk's frame, size and checksum, every record, series defined before their samples, the
// scenario at the start. What it keeps is an index (where each chunk is, which times it
// covers) and counts, not the samples: replay reads chunks again as it goes.
class Recording {
public:
    struct Chunk {
        qint64 offset = 0; // of its frame
        ChunkFrame frame;
        qint64 laterMinMs = 0; // the earliest time in this chunk or any later one
    };

    // nullptr with *error saying what is wrong (not a recording, cut short at byte N, a damaged
    // chunk, …); never throws or crashes on any bytes.
    static std::unique_ptr<Recording> open(const QString &path, QString *error);

    QString path() const { return m_path; }
    const ScenarioRecord &scenario() const { return m_scenario; } // the first one
    qint64 startMs() const { return m_startMs; } // when recording began (lab clock)
    qint64 endMs() const { return m_endMs; }     // the last moment it reached
    qint64 fileBytes() const { return m_fileBytes; }
    qint64 sampleCount() const { return m_samples; }
    qint64 eventCount() const { return m_events; }
    qint64 seriesCount() const { return m_series; }
    // The most samples any one series has (replay sizes its store for it).
    qint64 maxSamplesPerSeries() const { return m_maxPerSeries; }
    const std::vector<Chunk> &chunks() const { return m_chunks; }
    // Reads chunk i again; nullopt with *error if the file changed since open().
    std::optional<ChunkContents> readChunk(int i, QString *error) const;

private:
    Recording() = default;
    QString m_path;
    ScenarioRecord m_scenario;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    qint64 m_fileBytes = 0;
    qint64 m_samples = 0;
    qint64 m_events = 0;
    qint64 m_series = 0;
    qint64 m_maxPerSeries = 0;
    std::vector<Chunk> m_chunks;
};

} // namespace ppl::record
