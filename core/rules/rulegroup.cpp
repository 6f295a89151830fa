#include "rulegroup.h"

#include "alertingrule.h"
#include "evaluationqueue.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>

#include <cstring>

namespace ppl::rules {

namespace {

constexpr quint64 P1 = 0x9E3779B185EBCA87ULL;
constexpr quint64 P2 = 0xC2B2AE3D27D4EB4FULL;
constexpr quint64 P3 = 0x165667B19E3779F9ULL;
constexpr quint64 P4 = 0x85EBCA77C2B2AE63ULL;
constexpr quint64 P5 = 0x27D4EB2F165667C5ULL;

quint64 rotl(quint64 x, int r) {
    return (x << r) | (x >> (64 - r));
}
quint64 read64(const uchar *p) {
    quint64 v;
    std::memcpy(&v, p, 8);
    return qFromLittleEndian(v);
}
quint32 read32(const uchar *p) {
    quint32 v;
    std::memcpy(&v, p, 4);
    return qFromLittleEndian(v);
}
quint64 xxRound(quint64 acc, quint64 lane) {
    return rotl(acc + lane * P2, 31) * P1;
}
quint64 mergeRound(quint64 acc, quint64 val) {
    return (acc ^ xxRound(0, val)) * P1 + P4;
}

} // namespace

quint64 xxhash64(QByteArrayView data) {
    const auto *p = reinterpret_cast<const uchar *>(data.data());
    const quint64 n = quint64(data.size());
    const uchar *end = p + n;
    quint64 h;
    if (n >= 32) {
        quint64 v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;
        while (end - p >= 32) {
            v1 = xxRound(v1, read64(p));
            v2 = xxRound(v2, read64(p + 8));
            v3 = xxRound(v3, read64(p + 16));
            v4 = xxRound(v4, read64(p + 24));
            p += 32;
        }
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        h = mergeRound(h, v4);
    } else {
        h = P5;
    }
    h += n;
    for (; end - p >= 8; p += 8) {
        h ^= xxRound(0, read64(p));
        h = rotl(h, 27) * P1 + P4;
    }
    if (end - p >= 4) {
        h ^= quint64(read32(p)) * P1;
        h = rotl(h, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; ++p) {
        h ^= quint64(*p) * P5;
        h = rotl(h, 11) * P1;
    }
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

RuleGroup::RuleGroup(Settings settings, std::vector<std::unique_ptr<Rule>> rules, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_rules(std::move(rules))
    , m_seriesInPreviousEval(m_rules.size()) {
    if (m_settings.intervalMs <= 0)
        m_settings.intervalMs = 60000;
}

RuleGroup::~RuleGroup() {
    stop();
}

quint64 RuleGroup::hash() const {
    // labels.New({name, …}, {file, …}).Hash(): sorted by name, each "name\xffvalue\xff".
    QByteArray b;
    b += "file";
    b += '\xff';
    b += m_settings.file.toUtf8();
    b += '\xff';
    b += "name";
    b += '\xff';
    b += m_settings.name;
    b += '\xff';
    return xxhash64(b);
}

qint64 RuleGroup::evalTimestampMs(qint64 nowMs) const {
    // In nanoseconds, as Prometheus computes it; the slot's sample time is its millisecond.
    const qint64 interval = m_settings.intervalMs * 1000000;
    const qint64 offset = qint64(hash() % quint64(interval));
    const qint64 adjNow = nowMs * 1000000 - offset;
    const qint64 base = adjNow - adjNow % interval;
    const qint64 ns = base + offset;
    return ns >= 0 ? ns / 1000000 : -((-ns + 999999) / 1000000);
}

bool RuleGroup::equals(const RuleGroup &other) const {
    if (m_settings.name != other.m_settings.name || m_settings.file != other.m_settings.file ||
        m_settings.intervalMs != other.m_settings.intervalMs ||
        m_settings.limit != other.m_settings.limit || m_rules.size() != other.m_rules.size())
        return false;
    for (size_t i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i]->isAlerting() != other.m_rules[i]->isAlerting() ||
            m_rules[i]->definition() != other.m_rules[i]->definition())
            return false;
    }
    return true;
}

void RuleGroup::copyStateFrom(const RuleGroup &old) {
    m_lastEvaluationMs = old.m_lastEvaluationMs;
    m_evaluationTimeNs = old.m_evaluationTimeNs;
    std::vector<bool> used(old.m_rules.size(), false);
    for (size_t i = 0; i < m_rules.size(); ++i) {
        for (size_t fi = 0; fi < old.m_rules.size(); ++fi) {
            if (used[fi] || old.m_rules[fi]->identity() != m_rules[i]->identity())
                continue;
            used[fi] = true;
            m_seriesInPreviousEval[i] = old.m_seriesInPreviousEval[fi];
            auto *ar = dynamic_cast<AlertingRule *>(m_rules[i].get());
            const auto *far = dynamic_cast<const AlertingRule *>(old.m_rules[fi].get());
            if (ar && far)
                ar->copyStateFrom(*far);
            break;
        }
    }
    m_staleSeries = old.m_staleSeries;
    for (size_t fi = 0; fi < old.m_rules.size(); ++fi) {
        if (used[fi])
            continue;
        for (const Labels &l : old.m_seriesInPreviousEval[fi])
            m_staleSeries.push_back(l);
    }
}

void RuleGroup::start(const Environment &env, bool restoreFirst) {
    stop();
    m_env = env;
    m_running = true;
    m_evaluationsBeforeRestore = restoreFirst ? 2 : 0;
    for (const auto &r : m_rules)
        if (auto *ar = dynamic_cast<AlertingRule *>(r.get()))
            ar->setRestored(!restoreFirst);
    m_nextMs = evalTimestampMs(m_env.clock->nowMs()) + m_settings.intervalMs;
    m_timer = m_env.clock->callAt(m_nextMs, this, [this] { tick(); });
}

void RuleGroup::stop() {
    if (m_timer && m_env.clock)
        m_env.clock->cancel(m_timer);
    m_timer = 0;
    m_running = false;
    m_eval.reset(); // an evaluation in slices ends where it is (its queue entry does nothing)
    m_tickWaiting = false;
}

void RuleGroup::stopAndMarkStale() {
    stop();
    if (!m_env.clock || !m_env.store)
        return;
    std::vector<Labels> series = m_staleSeries;
    for (const auto &set : m_seriesInPreviousEval)
        series.insert(series.end(), set.begin(), set.end());
    const qint64 now = m_env.clock->nowMs();
    // Two intervals, so that a renamed rule can write its new series first.
    SeriesStore *store = m_env.store;
    m_env.clock->callAt(now + 2 * m_settings.intervalMs, store, [store, series, now] {
        for (const Labels &l : series)
            store->tryAppend(store->seriesFor(l), now, staleMarker());
    });
}

void RuleGroup::tick() {
    m_timer = 0;
    if (!m_running)
        return;
    if (m_eval) {
        // Still evaluating (in slices, on a busy event loop): like Go's ticker, the tick
        // waits and runs as soon as the evaluation ends, counting what it missed then.
        m_tickWaiting = true;
        return;
    }
    const qint64 ts = m_nextMs;
    const qint64 interval = m_settings.intervalMs;
    // A late tick (a busy event loop) skips the slots it missed, as Group.run does.
    const qint64 now = m_env.clock->nowMs();
    const qint64 missed = (now - ts) / interval;
    ++iterationsTotal;
    if (missed > 0) {
        iterationsMissedTotal += quint64(missed);
        iterationsTotal += quint64(missed);
    }
    const qint64 evalTs = ts + missed * interval;
    m_nextMs = evalTs + interval;
    m_timer = m_env.clock->callAt(m_nextMs, this, [this] { tick(); });
    beginEvaluation(evalTs);
    m_eval->scheduled = true;
    // On the real clock the expressions are evaluated on a worker thread, the event loop
    // applying the results one rule at a time (Prometheus runs each group on a goroutine of
    // its own). Even the first step waits in the queue: the clock runs every callback due at
    // once in one go, so groups due together (or late together) would otherwise start back to
    // back. On a manual clock the evaluation
    // completes here, as tests expect.
    const bool threaded = m_env.evaluationQueue && m_env.workers &&
                          qobject_cast<SystemClock *>(m_env.clock) != nullptr;
    if (threaded)
        m_env.evaluationQueue->enqueue(this);
    else
        continueEvaluation();
}

void RuleGroup::evaluate(qint64 tsMs) {
    m_eval.reset();
    beginEvaluation(tsMs);
    continueEvaluation();
}

void RuleGroup::resumeEvaluation() {
    if (!m_eval)
        return;
    Evaluation &e = *m_eval;
    if (e.ready) {
        // While a worker reads the store, the result waits for a later pass (the lab's
        // thread never waits for a reader).
        const SeriesStore::WriteLock batch(*m_env.store, std::try_to_lock);
        if (!batch.ownsLock()) {
            // Asleep meanwhile: a thread that spins loses the scheduler's favour.
            QTimer::singleShot(1, this, [this] { m_env.evaluationQueue->enqueue(this); });
            return;
        }
        RuleResult result = std::move(*e.ready);
        e.ready.reset();
        evaluateRule(e.next++, &result);
    } else if (e.onWorker) {
        return; // a turn left over from a stopped evaluation: its worker resumes this one
    }
    continueOnWorkers();
}

void RuleGroup::continueOnWorkers() {
    Evaluation &e = *m_eval;
    while (e.next < m_rules.size()) {
        if (m_rules[e.next]->sharedExpr()) {
            startOnWorker();
            return; // workerDone() resumes
        }
        evaluateRule(e.next++); // no expression: its error, at once
    }
    finishEvaluation();
}

void RuleGroup::startOnWorker() {
    Evaluation &e = *m_eval;
    e.ruleStartedMs = m_env.clock->nowMs();
    e.ruleBusyNs = 0;
    if (!e.worker) {
        e.worker = std::make_unique<QFutureWatcher<WorkerResult>>();
        connect(e.worker.get(), &QFutureWatcherBase::finished, this, &RuleGroup::workerDone);
    }
    e.onWorker = true;
    // Only values go to the worker (the engine may be replaced by a reload meanwhile); the
    // store outlives it (the rule manager waits for its workers before it goes).
    e.worker->setFuture(
        QtConcurrent::run(m_env.workers, [store = static_cast<const SeriesStore *>(m_env.store),
                                          options = m_env.engine->options(), tsMs = e.ctx.tsMs,
                                          expr = m_rules[e.next]->sharedExpr(), cancel = e.cancel] {
            QElapsedTimer timer;
            timer.start();
            // The samples are read under the store's read lock: the store as it is now, with
            // whole scrapes and the records of the rules before this one.
            query::Engine::Prepared prepared =
                query::Engine(*store, options).prepareFromOtherThread(expr, tsMs, tsMs, 0, true);
            WorkerResult out;
            if (auto *error = std::get_if<query::QueryError>(&prepared))
                out.result = ruleResultOf(std::move(*error));
            else
                out.result = ruleResultOf(
                    std::get<std::unique_ptr<query::PreparedQuery>>(prepared)->run(cancel.get()));
            out.runNs = timer.nsecsElapsed();
            return out;
        }));
}

void RuleGroup::workerDone() {
    if (!m_eval || !m_eval->onWorker)
        return;
    Evaluation &e = *m_eval;
    QFuture<WorkerResult> future = e.worker->future();
    if (!future.isValid() || future.resultCount() == 0)
        return;
    e.onWorker = false;
    WorkerResult out = future.takeResult();
    e.ruleBusyNs += out.runNs;
    e.ready = std::move(out.result);
    // Applied on a later pass, in turn with the other groups.
    m_env.evaluationQueue->enqueue(this);
}

void RuleGroup::beginEvaluation(qint64 tsMs) {
    m_eval = std::make_unique<Evaluation>();
    Evaluation &e = *m_eval;
    e.ctx.tsMs = tsMs;
    e.ctx.engine = m_env.engine;
    e.ctx.limit = m_settings.limit;
    e.ctx.externalLabels = m_env.externalLabels;
    e.ctx.externalUrl = m_env.externalUrl;
    e.startedMs = m_env.clock ? m_env.clock->nowMs() : tsMs;
    e.wall.start();
}

void RuleGroup::continueEvaluation() {
    if (!m_eval)
        return;
    Evaluation &e = *m_eval;
    while (e.next < m_rules.size())
        evaluateRule(e.next++);
    finishEvaluation();
}

void RuleGroup::evaluateRule(size_t i, RuleResult *exprResult) {
    // Its samples and stale markers reach readers on other threads together.
    const SeriesStore::WriteLock batch(*m_env.store);
    Evaluation &e = *m_eval;
    const qint64 tsMs = e.ctx.tsMs;
    Rule &rule = *m_rules[i];
    QElapsedTimer timer;
    timer.start();
    // A rule evaluated on a worker started when it went there; its time is the worker's
    // (loading and evaluating) and what follows here, not the waits in between.
    const qint64 started = exprResult ? e.ruleStartedMs : m_env.clock ? m_env.clock->nowMs() : tsMs;
    const qint64 earlierNs = exprResult ? e.ruleBusyNs : 0;
    ++evaluationsTotal;
    e.ctx.exprResult = exprResult;
    RuleResult result = rule.eval(e.ctx);
    e.ctx.exprResult = nullptr;
    auto *alerting = dynamic_cast<AlertingRule *>(&rule);
    if (alerting) {
        for (const auto &[alert, before] : alerting->lastTransitions())
            e.transitions.append({m_settings.file, m_settings.name, rule.name(), alert.labels,
                                  before, alert.state, alert.value, tsMs});
    }
    if (const QString *error = std::get_if<QString>(&result)) {
        rule.health = RuleHealth::Bad;
        rule.lastError = *error;
        ++evaluationFailuresTotal;
    } else {
        rule.health = RuleHealth::Good;
        rule.lastError.clear();
        const auto &samples = std::get<std::vector<RuleSample>>(result);
        e.samplesTotal += qint64(samples.size());
        if (alerting) {
            for (OutgoingAlert &a : alerting->takeAlertsToSend(
                     tsMs, m_env.resendDelayMs, m_settings.intervalMs, m_env.externalUrl))
                e.outgoing.append(std::move(a));
        }
        std::unordered_set<Labels> returned;
        for (const RuleSample &s : samples) {
            const auto r = m_env.store->tryAppend(m_env.store->seriesFor(s.labels), tsMs, s.value);
            if (r == SeriesStore::AppendResult::OutOfOrder ||
                r == SeriesStore::AppendResult::DuplicateTimestamp) {
                rule.health = RuleHealth::Bad;
                rule.lastError = r == SeriesStore::AppendResult::OutOfOrder
                                     ? QStringLiteral("out of order sample")
                                     : QStringLiteral("duplicate sample for timestamp");
                continue;
            }
            returned.insert(s.labels);
        }
        std::vector<Labels> gone;
        for (const Labels &l : m_seriesInPreviousEval[i])
            if (!returned.count(l))
                gone.push_back(l);
        appendStale(gone, tsMs);
        m_seriesInPreviousEval[i] = std::move(returned);
    }
    rule.evaluationTimeNs = earlierNs + timer.nsecsElapsed();
    rule.lastEvaluationMs = started;
}

void RuleGroup::finishEvaluation() {
    std::unique_ptr<Evaluation> done = std::move(m_eval);
    const qint64 tsMs = done->ctx.tsMs;
    lastSamples = done->samplesTotal;
    if (!m_staleSeries.empty()) {
        appendStale(m_staleSeries, tsMs);
        m_staleSeries.clear();
    }
    if (done->scheduled) {
        m_evaluationTimeNs = done->wall.nsecsElapsed();
        m_lastEvaluationMs = done->startedMs;
    }
    if (done->scheduled && m_evaluationsBeforeRestore > 0 && --m_evaluationsBeforeRestore == 0) {
        // RestoreForState: nothing to restore from (the lab's store starts empty), but from
        // now on the alerting rules write ALERTS.
        for (const auto &r : m_rules)
            if (auto *ar = dynamic_cast<AlertingRule *>(r.get()))
                ar->setRestored(true);
    }
    if (!done->transitions.isEmpty())
        Q_EMIT alertTransitions(done->transitions);
    if (!done->outgoing.isEmpty())
        Q_EMIT alertsToSend(done->outgoing);
    if (done->scheduled)
        Q_EMIT evaluated(tsMs);
    if (m_tickWaiting && m_running) {
        m_tickWaiting = false;
        if (m_timer && m_env.clock)
            m_env.clock->cancel(m_timer);
        tick();
    }
}

void RuleGroup::appendStale(const std::vector<Labels> &series, qint64 tsMs) {
    for (const Labels &l : series)
        m_env.store->tryAppend(m_env.store->seriesFor(l), tsMs, staleMarker());
}

} // namespace ppl::rules
