#pragma once

#include "queryresult.h"

#include <atomic>
#include <memory>
#include <variant>

namespace ppl {
class SeriesStore;
}

namespace ppl::query {

class Evaluator;
class PreparedQuery;

// Evaluates PromQL over the lab's SeriesStore with Prometheus 2.42's semantics
// (promql/engine.go): an instant query is one evaluation step, a range query one step per
// `step` from start to end. A selector looks back lookbackMs for the newest sample at or
// before each step (a stale marker ends the series at once), range selectors take the
// samples in [t - range, t], offset and @ move the reference time, subqueries evaluate their
// expression at multiples of their step.
// Thread affinity: the store's thread (the store is read while evaluating).
class Engine {
public:
    struct Options {
        qint64 lookbackMs = 5 * 60 * 1000; // --query.lookback-delta
        qint64 timeoutMs = 2 * 60 * 1000;  // --query.timeout
        qint64 maxSamples = 50000000;      // --query.max-samples
        qint64 subqueryStepMs = 60 * 1000; // global evaluation_interval, for `[5m:]`
    };
    using Outcome = std::variant<QueryResult, QueryError>;

    explicit Engine(const SeriesStore &store)
        : Engine(store, Options()) {}
    Engine(const SeriesStore &store, Options options);

    const Options &options() const { return m_options; }

    // cancel, if given, is polled while evaluating (set it from another thread to stop).
    Outcome instantQuery(const QByteArray &query, qint64 atMs,
                         const std::atomic_bool *cancel = nullptr) const;
    // Refuses an expression that is not a scalar or instant vector, as Prometheus does.
    Outcome rangeQuery(const QByteArray &query, qint64 startMs, qint64 endMs, qint64 stepMs,
                       const std::atomic_bool *cancel = nullptr) const;

    // The same, with an already parsed expression.
    Outcome evaluate(const Expr &expr, qint64 startMs, qint64 endMs, qint64 stepMs, bool instant,
                     const std::atomic_bool *cancel = nullptr) const;

    // A query in two halves, so that the window can evaluate off its thread: prepare() parses
    // and loads every sample the expression reads (on the store's thread; the timeout and the
    // sample limit already apply), PreparedQuery::run() evaluates on any thread without
    // touching the store. stepMs is ignored for an instant query.
    using Prepared = std::variant<std::unique_ptr<PreparedQuery>, QueryError>;
    Prepared prepare(const QByteArray &query, qint64 startMs, qint64 endMs, qint64 stepMs,
                     bool instant) const;
    // The same with an already parsed expression, which the PreparedQuery shares (it is only
    // read while evaluating, so several evaluations may share it across threads).
    Prepared prepare(std::shared_ptr<const Expr> expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                     bool instant) const;
    // prepare() on a thread other than the store's: the store is read under its ReadLock
    // (Evaluator::loadAllFromOtherThread), so that its thread goes on changing it meanwhile.
    Prepared prepareFromOtherThread(std::shared_ptr<const Expr> expr, qint64 startMs, qint64 endMs,
                                    qint64 stepMs, bool instant) const;

private:
    Prepared prepareHere(std::shared_ptr<const Expr> expr, qint64 startMs, qint64 endMs,
                         qint64 stepMs, bool instant, bool otherThread) const;
    // The queries themselves, on the calling thread's stack (long ones come here on a larger).
    Outcome instantQueryHere(const QByteArray &query, qint64 atMs,
                             const std::atomic_bool *cancel) const;
    Outcome rangeQueryHere(const QByteArray &query, qint64 startMs, qint64 endMs, qint64 stepMs,
                           const std::atomic_bool *cancel) const;

    const SeriesStore &m_store;
    Options m_options;
};

// The evaluation half of Engine::prepare(): owns the parsed expression and its loaded
// samples. Thread affinity: none (run() once, on any thread).
class PreparedQuery {
public:
    ~PreparedQuery();
    PreparedQuery(const PreparedQuery &) = delete;
    PreparedQuery &operator=(const PreparedQuery &) = delete;

    const Expr &expr() const { return *m_expr; }
    bool isInstant() const { return m_instant; }
    // cancel, if given, is polled while evaluating.
    Engine::Outcome run(const std::atomic_bool *cancel = nullptr);

private:
    friend class Engine;
    PreparedQuery() = default;

    std::shared_ptr<const Expr> m_expr;
    std::unique_ptr<Evaluator> m_evaluator;
    qint64 m_start = 0;
    qint64 m_end = 0;
    qint64 m_step = 0;
    bool m_instant = true;
};

} // namespace ppl::query
