#pragma once

#include "gatewayclient.h"
#include "simulatedtarget.h"

#include <QObject>
#include <QUrl>

#include <optional>
#include <random>

namespace ppl {

class Clock;

enum class JobPushMode {
    Push,    // PUT: replaces the whole group
    PushAdd, // POST: replaces only the pushed families
    None,    // no push: /metrics is exposed only while the job runs (the pull model's blind spot)
};
QString jobPushModeName(JobPushMode mode); // "push", "pushadd", "none"
std::optional<JobPushMode> jobPushModeFromName(QStringView name);

struct BatchJobSpec {
    QByteArray name;
    qint64 durationMs = 2000;      // simulated run time (lab clock)
    double successProbability = 1; // 1: always succeeds, 0: always fails, else drawn
    quint64 seed = 1;              // of the outcome draws: the same seed, the same history
    double recordsPerSecond = 500; // job_records_processed_total grows at this rate
    JobPushMode pushMode = JobPushMode::Push;
    QUrl gateway;                                // e.g. http://127.0.0.1:9091
    std::vector<LabelPair> groupingKey;          // empty: job=<name>; job must come first
    qint64 deleteAfterMs = -1;                   // >= 0: DELETE the group that long after the push
    qint64 repeatEveryMs = 0;                    // > 0: start again every N ms, like cron
    QHostAddress host = QHostAddress::LocalHost; // None mode: where /metrics is exposed
    quint16 port = 0;                            // None mode: 0 = chosen once, then reused
};

// One run of a job.
struct JobRun {
    quint64 number = 0; // 1, 2, … per job
    qint64 startMs = 0;
    qint64 endMs = 0; // 0 while running
    bool finished = false;
    bool succeeded = false;
    bool stopped = false; // killed by stop(): no exit code, no push
    int exitCode = 0;
    double records = 0;
    std::optional<PushResult> push;
    std::optional<PushResult> deletion;
};

// A short-lived batch job: runs for a simulated duration, succeeds or fails, and then pushes
// its metrics to a Pushgateway over real HTTP (or, in None mode, only exposes them while it
// runs). Two jobs with the same grouping key overwrite each other's group, as in real life.
// Thread affinity: the thread of the clock.
class BatchJob : public QObject {
    Q_OBJECT
public:
    BatchJob(BatchJobSpec spec, Clock *clock, GatewayClient *pusher, QObject *parent = nullptr);
    ~BatchJob() override;

    // None mode: binds the exposure port once so its address is known before the first run
    // (scrape configs can point at it). Other modes: nothing to do.
    bool prepare(QString *error = nullptr);

    // Starts a run now; with repeatEveryMs, further runs follow. False if one is running.
    bool run();
    // Stops a running run (no push) and any repetition.
    void stop();

    const BatchJobSpec &spec() const { return m_spec; }
    QByteArray name() const { return m_spec.name; }
    bool isRunning() const { return m_running; }
    bool isRepeating() const { return m_repeatTimer != 0; }
    std::vector<LabelPair> groupingKey() const; // the effective key (job=<name> by default)
    const std::optional<JobRun> &lastRun() const { return m_last; }
    quint64 runCount() const { return m_runs; }
    SimulatedTarget *exposure() const { return m_exposure; } // None mode only, else null
    void setGateway(const QUrl &gateway) { m_spec.gateway = gateway; }

    // The text the job pushes for a finished run (also what the tests compare).
    QByteArray pushBody(const JobRun &run) const;

Q_SIGNALS:
    void started(const ppl::JobRun &run);
    void finished(const ppl::JobRun &run);            // after the push (and not before its result)
    void pushFinished(const ppl::PushResult &result); // pushes and deletes
    void stateChanged();

private:
    void startRun();
    void endRun();
    void scheduleRepeat();

    BatchJobSpec m_spec;
    Clock *m_clock;
    GatewayClient *m_pusher;
    SimulatedTarget *m_exposure = nullptr;
    std::mt19937_64 m_rng;
    bool m_running = false;
    quint64 m_runs = 0;
    std::optional<JobRun> m_current;
    std::optional<JobRun> m_last;
    quint64 m_endTimer = 0;
    quint64 m_repeatTimer = 0;
    quint64 m_deleteTimer = 0;
};

} // namespace ppl
