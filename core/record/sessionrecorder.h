#pragma once

#include "recordingformat.h"

#include <QFile>
#include <QObject>
#include <QPointer>

#include <unordered_map>
#include <unordered_set>

namespace ppl {
class Lab;
}

namespace ppl::record {

// File → Record and --record FILE: follows a running lab and writes its session to one
// compressed file as it runs (recordingformat.h): the scenario (and any scenario loaded
// later), every event of its log (alert transitions among them), and every sample its store
// holds: what the store held when recording began (the charts' and queries' look-back) and
// each sample appended after. Samples are read from the store incrementally (each series from
// its newest recorded timestamp on) when a chunk is written, every flushInterval of lab time
// and at stop(); between chunks only the events and the ids of changed series are held, so
// memory stays bounded by one flush interval's worth.
// Thread affinity: the lab's thread.
class SessionRecorder : public QObject {
    Q_OBJECT
public:
    explicit SessionRecorder(Lab *lab, QObject *parent = nullptr);
    ~SessionRecorder() override; // stops (the file is complete)

    void setFlushIntervalMs(qint64 ms) { m_flushMs = std::max<qint64>(100, ms); }
    qint64 flushIntervalMs() const { return m_flushMs; }

    // Creates (truncates) the file and writes the first chunk; false with *error.
    bool start(const QString &path, QString *error = nullptr);
    // Writes what is pending and closes the file.
    void stop();
    bool isRecording() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    // Writes a chunk now (tests, and before reading the file while recording).
    bool flush(QString *error = nullptr);
    qint64 bytesWritten() const { return m_bytes; }
    qint64 startedAtMs() const { return m_startMs; }

Q_SIGNALS:
    void failed(const QString &error); // a write failed: recording stopped
    void recordingChanged(bool recording);

private:
    void scheduleFlush();
    void noteScenario();
    void writeSamples(quint32 id);

    QPointer<Lab> m_lab;
    QFile m_file;
    ChunkBuilder m_chunk;
    qint64 m_flushMs = 5000; // a crash loses at most this much; shorter costs size
    qint64 m_startMs = 0;
    qint64 m_bytes = 0;
    quint64 m_flushTimer = 0;
    bool m_timerArmed = false;
    std::unordered_set<quint32> m_defined;
    std::unordered_map<quint32, qint64> m_lastTs; // per series: newest recorded timestamp
    std::unordered_set<quint32> m_dirty;
    std::vector<QMetaObject::Connection> m_connections;
};

} // namespace ppl::record
