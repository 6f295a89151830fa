#include "sessionrecorder.h"

#include "lab/lab.h"
#include "lab/scenariowriter.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QCoreApplication>

#include <limits>

namespace ppl::record {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ppl::Recording)
};
} // namespace

SessionRecorder::SessionRecorder(Lab *lab, QObject *parent)
    : QObject(parent)
    , m_lab(lab) {}

SessionRecorder::~SessionRecorder() {
    stop();
}

bool SessionRecorder::start(const QString &path, QString *error) {
    if (isRecording())
        stop();
    if (!m_lab) {
        if (error)
            *error = Text::tr("there is no lab to record");
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = Text::tr("cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_bytes = m_file.write(FileMagic.data(), FileMagic.size());
    m_startMs = m_lab->clock()->nowMs();
    m_defined.clear();
    m_lastTs.clear();
    m_dirty.clear();

    noteScenario();
    // What the lab already holds is part of the session: the store's samples are the charts'
    // and queries' look-back at the first moments of the replay, and the event log's the
    // timeline's.
    SeriesStore *store = m_lab->store();
    for (const SeriesStore::SeriesId id : store->select({}))
        m_dirty.insert(id);
    for (EventLog::Page page = m_lab->events()->since(0, 5000); !page.events.empty();
         page = m_lab->events()->since(page.next, 5000)) {
        for (const LabEvent &e : page.events)
            m_chunk.addEvent(e);
    }
    m_connections.push_back(connect(m_lab->events(), &EventLog::appended, this,
                                    [this](const LabEvent &e) { m_chunk.addEvent(e); }));
    const auto markDirty = [this](const QList<SeriesStore::SeriesId> &ids) {
        for (const SeriesStore::SeriesId id : ids)
            m_dirty.insert(id);
    };
    m_connections.push_back(connect(store, &SeriesStore::seriesAdded, this, markDirty));
    m_connections.push_back(connect(store, &SeriesStore::seriesChanged, this, markDirty));
    m_connections.push_back(connect(m_lab, &Lab::scenarioLoaded, this, [this] { noteScenario(); }));
    QString why;
    if (!flush(&why)) {
        if (error)
            *error = why;
        return false;
    }
    scheduleFlush();
    Q_EMIT recordingChanged(true);
    return true;
}

void SessionRecorder::noteScenario() {
    const Scenario &s = m_lab->scenario();
    // The scenario as it runs (its source text when it came from a file or the built-ins,
    // else as the writer words it), for the replay's title and what it shows of the world.
    const QByteArray yaml = s.source.isEmpty() ? writeScenario(s) : s.source;
    m_chunk.addScenario({m_lab->clock()->nowMs(), s.name, s.file, yaml});
}

void SessionRecorder::writeSamples(quint32 id) {
    SeriesStore *store = m_lab->store();
    if (!store->isLive(id))
        return;
    const auto last = m_lastTs.find(id);
    const qint64 from =
        last == m_lastTs.end() ? std::numeric_limits<qint64>::min() : last->second + 1;
    const std::vector<StoredSample> samples =
        store->samples(id, from, std::numeric_limits<qint64>::max());
    if (samples.empty())
        return;
    if (m_defined.insert(id).second)
        m_chunk.addSeries(id, store->labels(id));
    m_chunk.addSamples(id, samples);
    m_lastTs[id] = samples.back().timestampMs;
}

bool SessionRecorder::flush(QString *error) {
    if (!isRecording() || !m_lab)
        return false;
    // Pending change notifications first: samples appended this turn count.
    m_lab->store()->flushNotifications();
    std::vector<quint32> ids(m_dirty.begin(), m_dirty.end());
    std::sort(ids.begin(), ids.end());
    m_dirty.clear();
    for (const quint32 id : ids)
        writeSamples(id);
    m_chunk.addTick(m_lab->clock()->nowMs());
    const QByteArray bytes = m_chunk.take();
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        const QString why =
            Text::tr("recording to %1 stopped: %2").arg(m_file.fileName(), m_file.errorString());
        if (error)
            *error = why;
        stop();
        Q_EMIT failed(why);
        return false;
    }
    m_bytes += bytes.size();
    return true;
}

void SessionRecorder::scheduleFlush() {
    if (!m_lab || !isRecording())
        return;
    m_flushTimer = m_lab->clock()->callAfter(m_flushMs, this, [this] {
        m_timerArmed = false;
        if (flush())
            scheduleFlush();
    });
    m_timerArmed = true;
}

void SessionRecorder::stop() {
    if (!isRecording())
        return;
    for (const auto &c : m_connections)
        disconnect(c);
    m_connections.clear();
    if (m_timerArmed && m_lab)
        m_lab->clock()->cancel(m_flushTimer);
    m_timerArmed = false;
    if (m_lab) {
        // The last chunk: what came since the previous one. A failed write has closed the
        // file already and said so.
        m_lab->store()->flushNotifications();
        std::vector<quint32> ids(m_dirty.begin(), m_dirty.end());
        std::sort(ids.begin(), ids.end());
        for (const quint32 id : ids)
            writeSamples(id);
        m_chunk.addTick(m_lab->clock()->nowMs());
    }
    m_dirty.clear();
    if (!m_chunk.isEmpty()) {
        const QByteArray bytes = m_chunk.take();
        if (m_file.write(bytes) == bytes.size())
            m_bytes += bytes.size();
    }
    m_file.close();
    Q_EMIT recordingChanged(false);
}

} // namespace ppl::record
