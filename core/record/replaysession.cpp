#include "replaysession.h"

#include "lab/lab.h"
#include "storage/seriesstore.h"

#include <algorithm>
#include <map>

namespace ppl::record {

namespace {
constexpr int PlayTickMs = 50;
constexpr qint64 HourMs = 3600 * 1000;
} // namespace

ReplaySession::ReplaySession(std::unique_ptr<Recording> recording, QObject *parent)
    : QObject(parent)
    , m_recording(std::move(recording))
    , m_clock(std::make_unique<ReplayClock>(m_recording->startMs())) {
    LabOptions options;
    options.clock = m_clock.get();
    m_lab = std::make_unique<Lab>(options);
    // Sized for the whole recording, so stepping back finds every sample still there: the
    // retention reaches from the oldest recorded sample to the end (plus the look-back), and
    // no series drops samples for its length.
    const qint64 oldest = m_recording->chunks().empty() ? m_recording->startMs()
                                                        : m_recording->chunks().front().laterMinMs;
    SeriesStore *store = m_lab->store();
    store->setRetentionMs(std::max(store->retentionMs(), m_recording->endMs() - oldest + HourMs));
    store->setMaxSamplesPerSeries(int(std::clamp<qint64>(m_recording->maxSamplesPerSeries() + 1,
                                                         store->maxSamplesPerSeries(), 1 << 24)));
    m_scenario = m_recording->scenario();
    m_playTimer.setInterval(PlayTickMs);
    connect(&m_playTimer, &QTimer::timeout, this, &ReplaySession::tick);
    seek(m_recording->startMs());
}

ReplaySession::~ReplaySession() = default;

std::unique_ptr<ReplaySession> ReplaySession::open(const QString &path, QString *error,
                                                   QObject *parent) {
    auto recording = Recording::open(path, error);
    if (!recording)
        return nullptr;
    auto session = std::make_unique<ReplaySession>(std::move(recording), parent);
    if (!session->error().isEmpty()) {
        if (error)
            *error = session->error();
        return nullptr;
    }
    return session;
}

bool ReplaySession::loadChunksUpTo(qint64 ms) {
    const auto &chunks = m_recording->chunks();
    SeriesStore *store = m_lab->store();
    while (m_nextChunk < int(chunks.size()) && chunks[size_t(m_nextChunk)].laterMinMs <= ms) {
        auto contents = m_recording->readChunk(m_nextChunk, &m_error);
        if (!contents) {
            Q_EMIT failed(m_error);
            return false;
        }
        ++m_nextChunk;
        for (auto &s : contents->scenarios)
            m_scenarios.push_back(std::move(s));
        for (const auto &[id, labels] : contents->series)
            m_seriesIds[id] = store->seriesFor(labels);
        std::vector<PendingSample> fresh;
        for (const SampleRun &run : contents->runs) {
            const auto it = m_seriesIds.find(run.series);
            if (it == m_seriesIds.end())
                continue; // Recording::open() refused such files
            for (const StoredSample &s : run.samples)
                fresh.push_back({s.timestampMs, it->second, s.value});
        }
        std::stable_sort(
            fresh.begin(), fresh.end(),
            [](const PendingSample &a, const PendingSample &b) { return a.ts < b.ts; });
        std::deque<PendingSample> merged;
        std::merge(m_pendingSamples.begin(), m_pendingSamples.end(), fresh.begin(), fresh.end(),
                   std::back_inserter(merged),
                   [](const PendingSample &a, const PendingSample &b) { return a.ts < b.ts; });
        m_pendingSamples = std::move(merged);
        for (LabEvent &e : contents->events)
            m_events.push_back(std::move(e));
    }
    return true;
}

bool ReplaySession::seek(qint64 ms) {
    ms = std::clamp(ms, startMs(), endMs());
    m_clock->setNowMs(ms);
    if (!loadChunksUpTo(ms))
        return false;
    applyUpTo(ms);
    Q_EMIT positionChanged(ms);
    return true;
}

void ReplaySession::applyUpTo(qint64 ms) {
    SeriesStore *store = m_lab->store();
    while (!m_pendingSamples.empty() && m_pendingSamples.front().ts <= ms) {
        const PendingSample &s = m_pendingSamples.front();
        store->append(s.series, s.ts, s.value);
        m_pendingSamples.pop_front();
    }
    m_appliedMs = std::max(m_appliedMs, ms);

    // The newest scenario recorded up to the position.
    m_scenario = m_recording->scenario();
    for (const ScenarioRecord &s : m_scenarios)
        if (s.atMs <= ms)
            m_scenario = s;

    // Events are recorded in the order the lab logged them, which is time order.
    size_t upTo = m_eventsInLog;
    while (upTo < m_events.size() && m_events[upTo].atMs <= ms)
        ++upTo;
    while (upTo > 0 && m_events[upTo - 1].atMs > ms)
        --upTo;
    EventLog *log = m_lab->events();
    if (upTo >= m_eventsInLog) {
        for (size_t i = m_eventsInLog; i < upTo; ++i)
            log->append(m_events[i]);
        m_eventsInLog = upTo;
    } else {
        refillLog(upTo);
    }
    store->flushNotifications();
}

void ReplaySession::refillLog(size_t upTo) {
    EventLog *log = m_lab->events();
    log->clear();
    const size_t from = upTo > size_t(log->capacity()) ? upTo - size_t(log->capacity()) : 0;
    m_eventsInLog = upTo;
    Q_EMIT m_lab->scenarioLoaded(m_scenario.name);
    Q_EMIT rewound();
    for (size_t i = from; i < upTo; ++i)
        log->append(m_events[i]);
}

void ReplaySession::replayEvents() {
    refillLog(m_eventsInLog);
}

void ReplaySession::play() {
    if (isPlaying())
        return;
    if (positionMs() >= endMs())
        seek(startMs());
    m_wall.start();
    m_wallAtTick = 0;
    m_playTimer.start();
    Q_EMIT playingChanged(true);
}

void ReplaySession::pause() {
    if (!isPlaying())
        return;
    m_playTimer.stop();
    Q_EMIT playingChanged(false);
}

void ReplaySession::setSpeed(double speed) {
    m_speed = std::clamp(speed, 0.1, 100.0);
}

void ReplaySession::tick() {
    const qint64 wall = m_wall.elapsed();
    const qint64 step = qint64(double(wall - m_wallAtTick) * m_speed);
    if (step <= 0)
        return;
    m_wallAtTick = wall;
    if (!seek(positionMs() + step) || positionMs() >= endMs())
        pause();
}

std::vector<ReplaySession::AlertAt> ReplaySession::alertsAt() const {
    std::map<Labels, AlertAt> alerts;
    for (size_t i = 0; i < m_eventsInLog; ++i) {
        const auto *a = m_events[i].as<AlertEvent>();
        if (!a)
            continue;
        if (a->to == rules::AlertState::Inactive) {
            alerts.erase(a->labels);
            continue;
        }
        alerts[a->labels] = {a->alert, a->labels, a->to, m_events[i].atMs, a->value};
    }
    std::vector<AlertAt> out;
    for (auto &[labels, alert] : alerts)
        out.push_back(std::move(alert));
    return out;
}

std::vector<ReplaySession::TargetAt> ReplaySession::targetsAt() const {
    std::map<QByteArray, TargetAt> targets;
    for (size_t i = 0; i < m_eventsInLog; ++i) {
        const LabEvent &e = m_events[i];
        if (const auto *t = e.as<TargetEvent>()) {
            if (t->change == TargetEvent::Change::Removed) {
                targets.erase(e.subject);
                continue;
            }
            TargetAt &at = targets[e.subject];
            at.name = e.subject;
            at.lab = true;
            at.running = t->running;
            at.fault = t->fault;
        } else if (const auto *s = e.as<ScrapeEvent>()) {
            TargetAt &at = targets[e.subject];
            at.name = e.subject;
            at.health = s->health;
            at.lastScrapeMs = s->startMs;
        }
    }
    std::vector<TargetAt> out;
    for (auto &[name, target] : targets)
        out.push_back(std::move(target));
    return out;
}

} // namespace ppl::record
