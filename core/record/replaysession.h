#pragma once

#include "recording.h"
#include "replayclock.h"
#include "rules/alert.h"
#include "sim/batchjob.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <unordered_map>

namespace ppl {
class Lab;
struct Scenario;
} // namespace ppl

namespace ppl::record {

// File → Open recording: the recorded session at any moment T of it, forwards or backwards,
// without running anything. It owns a Lab that never loads a scenario (so it opens no socket,
// starts no target, scrapes nothing) on a ReplayClock standing at T; the recording feeds its
// store and event log. At T:
//  - the store holds every recorded sample up to T (and, after a step back, the later ones
//    it had already been given): the query engine at time T, as every window view asks it
//    (the clock is at T), uses only samples ≤ T;
//  - the event log holds exactly the events ≤ T (its newest capacity() ones, as live);
//  - alertsAt() and targetsAt() answer what the window draws for alerts and targets.
// Memory: the store (sized for the recording), the events read so far, and at most one
// chunk's samples that lie beyond T.
class ReplaySession : public QObject {
    Q_OBJECT
public:
    explicit ReplaySession(std::unique_ptr<Recording> recording, QObject *parent = nullptr);
    ~ReplaySession() override;
    // Recording::open() and a session at its start; nullptr with *error.
    static std::unique_ptr<ReplaySession> open(const QString &path, QString *error,
                                               QObject *parent = nullptr);

    const Recording &recording() const { return *m_recording; }
    Lab *lab() const { return m_lab.get(); }
    ReplayClock *clock() const { return m_clock.get(); }
    qint64 startMs() const { return m_recording->startMs(); }
    qint64 endMs() const { return m_recording->endMs(); }
    qint64 positionMs() const { return m_clock->nowMs(); }
    // The scenario in effect at the position (the newest one recorded up to it).
    const ScenarioRecord &scenario() const { return m_scenario; }

    // Moves to ms (clamped to the recording); false with error() when the file cannot be read
    // any more (it changed since it was opened).
    bool seek(qint64 ms);
    QString error() const { return m_error; }
    // Clears the event log and appends the events up to the position again, as a step back
    // does: for views made after the session, which read the log as it grows.
    void replayEvents();

    // Playback on wall time: the position moves speed × the wall time passed, and stops at
    // the end.
    void play();
    void pause();
    bool isPlaying() const { return m_playTimer.isActive(); }
    void setSpeed(double speed); // 0.1 … 100
    double speed() const { return m_speed; }

    // An alert instance as the recorded transitions leave it at the position.
    struct AlertAt {
        QByteArray alert;
        QByteArray group; // its rule group
        Labels labels;
        rules::AlertState state = rules::AlertState::Inactive;
        qint64 sinceMs = 0; // the transition into state
        double value = 0;
    };
    std::vector<AlertAt> alertsAt() const; // pending and firing ones, by labels
    // The alerting rules that changed state up to the position, by rule group (in the order
    // they first did), with their active alerts and highest state.
    struct AlertRuleAt {
        QByteArray group;
        QString file;
        QByteArray alert; // the rule's name
        rules::AlertState state = rules::AlertState::Inactive;
        std::vector<AlertAt> active;
    };
    std::vector<AlertRuleAt> alertRulesAt() const;
    // A thing the lab ran, as its events leave it at the position: running, its fault, the
    // health of its last scrape.
    struct TargetAt {
        QByteArray name;
        bool lab = false; // the lab runs its process (it has target events); else only scraped
        bool running = false;
        TargetFault fault = TargetFault::None;
        qint64 faultParamMs = 0;
        TargetHealth health = TargetHealth::Unknown;
        qint64 lastScrapeMs = -1; // -1: not scraped yet
        qint64 scrapeDurationMs = 0;
        QString url; // what its last scrape asked for
        QString error;
        ScrapeFormat format = ScrapeFormat::None;
    };
    std::vector<TargetAt> targetsAt() const; // by name

    // A batch job: its definition from the scenario in effect, and its runs as far as
    // recorded up to the position.
    struct JobAt {
        BatchJobSpec spec; // only the name when the scenario does not declare the job
        bool running = false;
        std::optional<JobRun> lastRun; // as BatchJob::lastRun() had it
    };
    std::vector<JobAt> jobsAt() const; // declared ones in the scenario's order, then others

    // A group on the lab's gateway as the pushes and deletes of the lab's jobs and targets
    // leave it at the position (a restart without persistence empties the gateway).
    struct GroupAt {
        std::vector<LabelPair> key; // job first
        QByteArray pushedBy;        // the job or target
        PushEvent::From from = PushEvent::From::Job;
        qint64 lastPushMs = 0;    // its last accepted push
        qint64 lastFailureMs = 0; // its last refused one, 0 = none
        bool lastPushOk = true;   // the last attempt on it
    };
    std::vector<GroupAt> groupsAt() const; // by key
    // Whether the scenario in effect runs a gateway.
    bool hasGateway() const;
    // What an alert is about, as Lab::subjectOfAlert() answers live: the target whose
    // recorded scrapes carry the alert's job and instance, or the job or target whose pushed
    // group's key the alert carries; empty when none.
    QByteArray subjectOfAlert(const Labels &alertLabels) const;

Q_SIGNALS:
    void positionChanged(qint64 ms);
    void playingChanged(bool playing);
    // Stepped back: the event log was refilled (cleared, then the events ≤ T appended). The
    // lab's scenarioLoaded() is emitted between the two, as for a new world: every view over
    // a Lab drops what it drew from the log then and reads it again.
    void rewound();
    void failed(const QString &error);

private:
    bool loadChunksUpTo(qint64 ms);
    void applyUpTo(qint64 ms);
    void refillLog(size_t upTo);
    void tick();
    // The scenario in effect, parsed (once per scenario); null when it does not load here
    // (a rule file it names is gone, say).
    const Scenario *scenarioSpec() const;

    std::unique_ptr<Recording> m_recording;
    std::unique_ptr<ReplayClock> m_clock;
    std::unique_ptr<Lab> m_lab;
    int m_nextChunk = 0;
    qint64 m_appliedMs = std::numeric_limits<qint64>::min(); // samples ≤ this are in the store
    std::unordered_map<quint32, quint32> m_seriesIds;        // recorded id → the store's
    struct PendingSample {
        qint64 ts;
        quint32 series; // the store's id
        double value;
    };
    std::deque<PendingSample> m_pendingSamples; // beyond m_appliedMs, time order
    std::vector<LabEvent> m_events;             // every event read, file order
    size_t m_eventsInLog = 0;                   // m_events[0, this) are in the log
    std::vector<ScenarioRecord> m_scenarios;
    ScenarioRecord m_scenario;
    mutable std::unique_ptr<Scenario> m_spec;
    mutable QByteArray m_specYaml; // what m_spec was parsed from
    mutable bool m_specParsed = false;
    QString m_error;
    QTimer m_playTimer;
    QElapsedTimer m_wall;
    qint64 m_wallAtTick = 0;
    double m_speed = 1;
};

} // namespace ppl::record
