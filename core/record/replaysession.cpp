#include "replaysession.h"

#include "lab/lab.h"
#include "lab/scenario.h"
#include "storage/seriesstore.h"

#include <QFileInfo>

#include <algorithm>
#include <map>
#include <tuple>

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
        alerts[a->labels] = {a->alert, a->group, a->labels, a->to, m_events[i].atMs, a->value};
    }
    std::vector<AlertAt> out;
    for (auto &[labels, alert] : alerts)
        out.push_back(std::move(alert));
    return out;
}

std::vector<ReplaySession::AlertRuleAt> ReplaySession::alertRulesAt() const {
    std::vector<AlertRuleAt> rulesSeen;
    for (size_t i = 0; i < m_eventsInLog; ++i) {
        const auto *a = m_events[i].as<AlertEvent>();
        if (!a)
            continue;
        const bool known = std::any_of(rulesSeen.begin(), rulesSeen.end(), [a](const auto &r) {
            return r.group == a->group && r.alert == a->alert;
        });
        if (!known) {
            // Grouped: after the last rule of its group so far.
            auto at = rulesSeen.end();
            for (auto it = rulesSeen.begin(); it != rulesSeen.end(); ++it)
                if (it->group == a->group)
                    at = it + 1;
            rulesSeen.insert(at, AlertRuleAt{a->group, a->file, a->alert, {}, {}});
        }
    }
    for (AlertAt &alert : alertsAt())
        for (AlertRuleAt &r : rulesSeen)
            if (r.alert == alert.alert && r.group == alert.group) {
                r.state = std::max(r.state, alert.state);
                r.active.push_back(std::move(alert));
                break;
            }
    return rulesSeen;
}

std::vector<ReplaySession::TargetAt> ReplaySession::targetsAt() const {
    std::map<QByteArray, TargetAt> targets;
    // The scenario's targets, as it starts them: a recording begun later than the load (or
    // one whose first events left the log) has no Started event for them.
    if (const Scenario *scenario = scenarioSpec())
        for (const TargetSpec &spec : scenario->targets) {
            TargetAt &at = targets[spec.options.name];
            at.name = spec.options.name;
            at.lab = true;
            at.running = spec.running;
            at.fault = spec.fault;
            at.faultParamMs = spec.faultParamMs;
        }
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
            at.faultParamMs = t->faultParamMs;
        } else if (const auto *s = e.as<ScrapeEvent>()) {
            TargetAt &at = targets[e.subject];
            at.name = e.subject;
            at.health = s->health;
            at.lastScrapeMs = s->startMs;
            at.scrapeDurationMs = s->durationMs;
            at.url = s->url;
            at.error = s->error;
            at.format = s->format;
        }
    }
    std::vector<TargetAt> out;
    for (auto &[name, target] : targets)
        out.push_back(std::move(target));
    return out;
}

std::vector<ReplaySession::JobAt> ReplaySession::jobsAt() const {
    std::vector<JobAt> jobs;
    const auto find = [&jobs](const QByteArray &name) -> JobAt & {
        for (JobAt &j : jobs)
            if (j.spec.name == name)
                return j;
        jobs.emplace_back().spec.name = name;
        return jobs.back();
    };
    // The definitions: the scenario in effect at the position, as it was loaded.
    if (const Scenario *scenario = scenarioSpec())
        for (const JobSpec &j : scenario->jobs)
            find(j.spec.name).spec = j.spec;
    for (size_t i = 0; i < m_eventsInLog; ++i) {
        const LabEvent &e = m_events[i];
        if (const auto *r = e.as<JobEvent>()) {
            JobAt &j = find(e.subject);
            j.running = r->state == JobRunState::Running;
            if (!j.lastRun || j.lastRun->number != r->run) {
                j.lastRun = JobRun{};
                j.lastRun->number = r->run;
                j.lastRun->startMs = j.running ? e.atMs : e.atMs - r->durationMs;
            }
            if (!j.running) {
                j.lastRun->finished = true;
                j.lastRun->endMs = e.atMs;
                j.lastRun->succeeded = r->state == JobRunState::Succeeded;
                j.lastRun->stopped = r->state == JobRunState::Stopped;
                j.lastRun->exitCode = r->exitCode;
                j.lastRun->records = r->records;
            }
        } else if (const auto *p = e.as<PushEvent>(); p && p->from == PushEvent::From::Job) {
            JobAt &j = find(e.subject);
            if (!j.lastRun)
                continue;
            (p->isDelete() ? j.lastRun->deletion : j.lastRun->push) = p->result;
        }
    }
    return jobs;
}

const Scenario *ReplaySession::scenarioSpec() const {
    if (!m_specParsed || m_specYaml != m_scenario.yaml) {
        ScenarioLoadResult loaded = loadScenario(m_scenario.yaml, m_scenario.file,
                                                 QFileInfo(m_scenario.file).absolutePath());
        m_spec =
            loaded.scenario ? std::make_unique<Scenario>(std::move(*loaded.scenario)) : nullptr;
        m_specYaml = m_scenario.yaml;
        m_specParsed = true;
    }
    return m_spec.get();
}

bool ReplaySession::hasGateway() const {
    const Scenario *spec = scenarioSpec();
    return spec && spec->gateway.enabled;
}

QByteArray ReplaySession::subjectOfAlert(const Labels &alertLabels) const {
    const QByteArray job = alertLabels.value(QByteArrayView("job"));
    const QByteArray instance = alertLabels.value(QByteArrayView("instance"));
    if (!job.isEmpty() && !instance.isEmpty())
        for (size_t i = m_eventsInLog; i-- > 0;)
            if (const auto *s = m_events[i].as<ScrapeEvent>();
                s && s->job == job && s->instance == instance)
                return m_events[i].subject;
    for (const GroupAt &g : groupsAt())
        if (!g.key.empty() && std::all_of(g.key.begin(), g.key.end(), [&](const LabelPair &l) {
                return alertLabels.value(QByteArrayView(l.name)) == l.value;
            }))
            return g.pushedBy;
    return {};
}

std::vector<ReplaySession::GroupAt> ReplaySession::groupsAt() const {
    const auto byKey = [](const std::vector<LabelPair> &a, const std::vector<LabelPair> &b) {
        return std::lexicographical_compare(
            a.begin(), a.end(), b.begin(), b.end(), [](const LabelPair &x, const LabelPair &y) {
                return std::tie(x.name, x.value) < std::tie(y.name, y.value);
            });
    };
    std::map<std::vector<LabelPair>, GroupAt, decltype(byKey)> groups(byKey);
    for (size_t i = 0; i < m_eventsInLog; ++i) {
        const LabEvent &e = m_events[i];
        if (const auto *p = e.as<PushEvent>()) {
            const PushResult &r = p->result;
            if (r.ok && p->isDelete()) {
                groups.erase(r.groupingKey);
                continue;
            }
            const auto it = groups.find(r.groupingKey);
            if (!r.ok) {
                if (it != groups.end()) {
                    it->second.lastPushOk = false;
                    it->second.lastFailureMs = e.atMs;
                }
                continue;
            }
            GroupAt &g = groups[r.groupingKey];
            g.key = r.groupingKey;
            g.pushedBy = e.subject;
            g.from = p->from;
            g.lastPushMs = e.atMs;
            g.lastPushOk = true;
        } else if (const auto *a = e.as<GatewayAdminEvent>()) {
            if (a->change == GatewayAdminEvent::Change::GroupDeleted)
                groups.erase(a->groupingKey);
            else if (a->change == GatewayAdminEvent::Change::Restarted && !a->persistence)
                groups.clear();
        }
    }
    std::vector<GroupAt> out;
    for (auto &[key, group] : groups)
        out.push_back(std::move(group));
    return out;
}

} // namespace ppl::record
