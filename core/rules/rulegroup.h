#pragma once

#include "alert.h"
#include "rule.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

class QThreadPool;

namespace ppl {
class Clock;
class SeriesStore;
} // namespace ppl

namespace ppl::query {
class Engine;
}

namespace ppl::rules {

class AlertingRule;
class EvaluationQueue;

// rules.Group of Prometheus 2.42: rules evaluated one after the other at each of the group's
// slots. The slots are aligned as Group.EvalTimestamp aligns them: an offset of
// hash(file, name) mod interval (xxhash of the label set {file, name}, in nanoseconds) into
// each interval, the first evaluation one slot after start. Every sample a rule returns is
// appended at the slot's time; a series a rule returned last time and not now gets a stale
// marker. Rule failures set the rule's health and lastError and count in the group's metrics.
// On the real clock (with an EvaluationQueue and workers) each rule's expression is evaluated
// on a worker thread: the worker loads its samples under the store's read lock (a consistent
// view: whole scrape commits, whole rule results) and evaluates them, and the result is
// applied here (samples appended, alert states, stale markers, templates expanded) before the
// next rule goes to a worker, so a rule still sees what the rules before it recorded.
// Thread affinity: the clock's thread.
class RuleGroup : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QString file;
        QByteArray name;
        qint64 intervalMs = 60000;
        int limit = 0;
    };
    RuleGroup(Settings settings, std::vector<std::unique_ptr<Rule>> rules,
              QObject *parent = nullptr);
    ~RuleGroup() override;

    const QString &file() const { return m_settings.file; }
    const QByteArray &name() const { return m_settings.name; }
    qint64 intervalMs() const { return m_settings.intervalMs; }
    int limit() const { return m_settings.limit; }
    const std::vector<std::unique_ptr<Rule>> &rules() const { return m_rules; }
    QString key() const { return m_settings.file + u';' + QString::fromUtf8(m_settings.name); }

    // The group's own hash (Group.hash) and the slot at or before nowMs (Group.EvalTimestamp).
    quint64 hash() const;
    qint64 evalTimestampMs(qint64 nowMs) const;

    // Group.Equals: same settings and the same rules in the same order.
    bool equals(const RuleGroup &other) const;
    // Group.CopyState: evaluation times, and per rule (matched by name and labels) the
    // series of its last evaluation and its alerts; series of rules that are gone become
    // stale at the next evaluation.
    void copyStateFrom(const RuleGroup &old);

    struct Environment {
        Clock *clock = nullptr;
        SeriesStore *store = nullptr;
        const query::Engine *engine = nullptr;
        RuleTemplate::StringMap externalLabels;
        QByteArray externalUrl;
        qint64 resendDelayMs = 60000;
        // On the real clock, the rules' expressions are evaluated on these workers and their
        // results applied through this queue; either null: every evaluation runs to its end
        // at once on the calling thread.
        EvaluationQueue *evaluationQueue = nullptr;
        QThreadPool *workers = nullptr;
    };
    // Starts evaluating: the first evaluation is one slot after now. restoreFirst: as on a
    // fresh Prometheus start, alerting rules write ALERTS only after the second evaluation.
    void start(const Environment &env, bool restoreFirst);
    void stop();
    // Replaces the engine, labels and settings a running group uses, keeping its slots.
    void setEnvironment(const Environment &env) { m_env = env; }
    // Stops, and after two intervals marks every series of the last evaluation stale (a
    // group removed by a reload).
    void stopAndMarkStale();
    // The next step of an evaluation in progress (EvaluationQueue calls it): applies the rule a
    // worker has evaluated and starts the next one.
    void resumeEvaluation();
    // One evaluation at tsMs (Group.Eval), to the end; public for tests.
    void evaluate(qint64 tsMs);

    qint64 lastEvaluationMs() const { return m_lastEvaluationMs; } // 0: never
    qint64 evaluationTimeNs() const { return m_evaluationTimeNs; }
    qint64 nextEvaluationMs() const { return m_nextMs; }
    // An evaluation is in progress (on the real clock: a rule on a worker, or waiting to be
    // applied).
    bool isEvaluating() const { return m_eval != nullptr; }

    // prometheus_rule_* figures.
    quint64 evaluationsTotal = 0;
    quint64 evaluationFailuresTotal = 0;
    quint64 iterationsTotal = 0;
    quint64 iterationsMissedTotal = 0;
    qint64 lastSamples = 0;

Q_SIGNALS:
    void evaluated(qint64 tsMs);
    void alertTransitions(const QList<ppl::rules::AlertTransition> &transitions);
    void alertsToSend(const QList<ppl::rules::OutgoingAlert> &alerts);

private:
    // What a worker hands back: the expression's result and the time it took there.
    struct WorkerResult {
        RuleResult result;
        qint64 runNs = 0;
    };
    // One evaluation in progress: on the real clock one rule at a time is on a worker.
    struct Evaluation {
        ~Evaluation() { cancel->store(true); } // a worker still running stops early
        RuleEvalContext ctx;
        size_t next = 0;        // the next rule to evaluate
        bool scheduled = false; // a slot's evaluation (not a direct evaluate() call)
        qint64 samplesTotal = 0;
        qint64 startedMs = 0;
        QElapsedTimer wall;
        QList<AlertTransition> transitions;
        QList<OutgoingAlert> outgoing;
        // The rule rules[next] on its worker: when it started, the time spent on it so far
        // (loading here, evaluating there), and its result once the worker is done.
        std::unique_ptr<QFutureWatcher<WorkerResult>> worker;
        std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
        bool onWorker = false;
        qint64 ruleStartedMs = 0;
        qint64 ruleBusyNs = 0;
        std::optional<RuleResult> ready;
    };

    void tick();
    void beginEvaluation(qint64 tsMs);
    void continueEvaluation(); // to the end, on this thread
    void continueOnWorkers();
    // Hands rules[next] to a worker, which loads its samples and evaluates it.
    void startOnWorker();
    void workerDone();
    // Evaluates rules[index] (with its expression's result when a worker computed it).
    void evaluateRule(size_t index, RuleResult *exprResult = nullptr);
    void finishEvaluation();
    void appendStale(const std::vector<Labels> &series, qint64 tsMs);

    Settings m_settings;
    std::vector<std::unique_ptr<Rule>> m_rules;
    std::vector<std::unordered_set<Labels>> m_seriesInPreviousEval;
    std::vector<Labels> m_staleSeries;
    Environment m_env;
    bool m_running = false;
    int m_evaluationsBeforeRestore = 0;
    quint64 m_timer = 0;
    std::unique_ptr<Evaluation> m_eval;
    bool m_tickWaiting = false;
    qint64 m_nextMs = 0;
    qint64 m_lastEvaluationMs = 0;
    qint64 m_evaluationTimeNs = 0;
};

// xxhash64 (seed 0) of data, as github.com/cespare/xxhash's Sum64 that Prometheus uses.
quint64 xxhash64(QByteArrayView data);

} // namespace ppl::rules
