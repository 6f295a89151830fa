#include "batchjob.h"

#include "exposition/textwriter.h"
#include "util/clock.h"

#include <QCoreApplication>

namespace ppl {

QString jobPushModeName(JobPushMode mode) {
    switch (mode) {
    case JobPushMode::Push:
        return QStringLiteral("push");
    case JobPushMode::PushAdd:
        return QStringLiteral("pushadd");
    case JobPushMode::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("push");
}

std::optional<JobPushMode> jobPushModeFromName(QStringView name) {
    for (JobPushMode m : {JobPushMode::Push, JobPushMode::PushAdd, JobPushMode::None})
        if (name == jobPushModeName(m))
            return m;
    return std::nullopt;
}

namespace {
MetricProfile runningJobProfile(const BatchJobSpec &spec) {
    MetricProfile p = MetricProfile::empty();
    p.name = QStringLiteral("job");
    p.processMetrics = true;
    p.metrics = {{"job_records_processed_total",
                  MetricType::Counter,
                  "Records processed by the job.",
                  {},
                  0,
                  spec.recordsPerSecond,
                  0,
                  60}};
    return p;
}
} // namespace

BatchJob::BatchJob(BatchJobSpec spec, Clock *clock, GatewayClient *pusher, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_clock(clock)
    , m_pusher(pusher)
    , m_rng(m_spec.seed) {
    if (m_spec.pushMode == JobPushMode::None) {
        TargetOptions o;
        o.name = m_spec.name;
        o.host = m_spec.host;
        o.port = m_spec.port;
        o.profile = runningJobProfile(m_spec);
        m_exposure = new SimulatedTarget(o, clock, nullptr, this);
    }
}

BatchJob::~BatchJob() {
    m_clock->cancel(m_endTimer);
    m_clock->cancel(m_repeatTimer);
    m_clock->cancel(m_deleteTimer);
}

bool BatchJob::prepare(QString *error) {
    if (!m_exposure || m_exposure->port() != 0)
        return true;
    if (!m_exposure->start(error))
        return false;
    m_exposure->kill();
    return true;
}

std::vector<LabelPair> BatchJob::groupingKey() const {
    if (!m_spec.groupingKey.empty())
        return m_spec.groupingKey;
    return {{"job", m_spec.name}};
}

bool BatchJob::run() {
    if (m_running)
        return false;
    startRun();
    scheduleRepeat();
    return true;
}

void BatchJob::scheduleRepeat() {
    if (m_spec.repeatEveryMs <= 0 || m_repeatTimer)
        return;
    m_repeatTimer = m_clock->callAfter(m_spec.repeatEveryMs, this, [this] {
        m_repeatTimer = 0;
        if (!m_running) // a run longer than the period skips a tick, as a locked cron job
            startRun();
        scheduleRepeat();
    });
}

void BatchJob::stop() {
    m_clock->cancel(m_repeatTimer);
    m_repeatTimer = 0;
    if (!m_running) {
        Q_EMIT stateChanged();
        return;
    }
    m_clock->cancel(m_endTimer);
    m_endTimer = 0;
    m_running = false;
    if (m_exposure)
        m_exposure->kill();
    JobRun run = *m_current;
    run.endMs = m_clock->nowMs();
    run.finished = true;
    run.stopped = true;
    run.records = m_spec.recordsPerSecond * (run.endMs - run.startMs) / 1000.0;
    m_current.reset();
    m_last = run;
    Q_EMIT finished(run);
    Q_EMIT stateChanged();
}

void BatchJob::startRun() {
    prepare();
    m_running = true;
    JobRun run;
    run.number = ++m_runs;
    run.startMs = m_clock->nowMs();
    m_current = run;
    if (m_exposure)
        m_exposure->start();
    m_endTimer = m_clock->callAfter(std::max<qint64>(0, m_spec.durationMs), this, [this] {
        m_endTimer = 0;
        endRun();
    });
    Q_EMIT started(run);
    Q_EMIT stateChanged();
}

QByteArray BatchJob::pushBody(const JobRun &run) const {
    auto gauge = [](const QByteArray &name, const QByteArray &help, double v) {
        MetricFamily f;
        f.name = name;
        f.type = MetricType::Gauge;
        f.help = help;
        f.hasHelp = true;
        MetricSample s;
        s.name = name;
        s.value = v;
        f.samples.push_back(s);
        return f;
    };
    std::vector<MetricFamily> families;
    families.push_back(gauge("job_duration_seconds", "Duration of the last run in seconds.",
                             (run.endMs - run.startMs) / 1000.0));
    families.push_back(gauge("job_exit_code", "Exit code of the last run.", run.exitCode));
    MetricFamily records =
        gauge("job_records_processed_total", "Records processed by the last run.", run.records);
    records.type = MetricType::Counter;
    families.push_back(records);
    // Only a successful run updates its success time: with pushadd (POST) a failed run keeps
    // the previous success visible, with push (PUT) it wipes it — the classic pitfall.
    if (run.succeeded)
        families.push_back(gauge("job_last_success_timestamp_seconds",
                                 "Unix time of the last successful run.", run.endMs / 1000.0));
    return writeText(families);
}

void BatchJob::endRun() {
    if (!m_running || !m_current)
        return;
    JobRun run = *m_current;
    run.endMs = m_clock->nowMs();
    const double p = std::clamp(m_spec.successProbability, 0.0, 1.0);
    run.succeeded = p >= 1 ? true : p <= 0 ? false : std::bernoulli_distribution(p)(m_rng);
    run.exitCode = run.succeeded ? 0 : 1;
    // A failing job gives up half-way through its records.
    run.records = std::floor(m_spec.recordsPerSecond * (run.endMs - run.startMs) / 1000.0 *
                             (run.succeeded ? 1.0 : 0.5));
    if (m_exposure)
        m_exposure->kill();
    // The process has exited; its push is still in flight. A repeat tick may start the next
    // run meanwhile, as cron would.
    m_running = false;
    m_current.reset();

    auto complete = [this](JobRun done) {
        done.finished = true;
        m_last = done;
        Q_EMIT finished(done);
        Q_EMIT stateChanged();
    };
    if (m_spec.pushMode == JobPushMode::None || !m_pusher) {
        complete(run);
        return;
    }
    const PushMethod method =
        m_spec.pushMode == JobPushMode::PushAdd ? PushMethod::Post : PushMethod::Put;
    m_pusher->send(method, m_spec.gateway, groupingKey(), pushBody(run), this,
                   [this, run, complete](const PushResult &result) mutable {
                       run.push = result;
                       Q_EMIT pushFinished(result);
                       if (m_spec.deleteAfterMs >= 0) {
                           m_clock->cancel(m_deleteTimer);
                           m_deleteTimer = m_clock->callAfter(m_spec.deleteAfterMs, this, [this] {
                               m_deleteTimer = 0;
                               m_pusher->send(PushMethod::Delete, m_spec.gateway, groupingKey(), {},
                                              this, [this](const PushResult &r) {
                                                  if (m_last)
                                                      m_last->deletion = r;
                                                  Q_EMIT pushFinished(r);
                                                  Q_EMIT stateChanged();
                                              });
                           });
                       }
                       complete(run);
                   });
}

} // namespace ppl
