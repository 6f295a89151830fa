#pragma once

#include "engine.h"

#include <QFuture>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThreadPool;

namespace ppl::query {

// One expression's range queries (query_range semantics) evaluated off the calling thread, for
// a view that asks again on every frame: request() loads the samples the expression reads
// here, on the store's thread (Engine::prepare), and evaluates on a worker thread
// (PreparedQuery::run), so however slow the expression, the calling thread never waits for it.
// Requests are coalesced: at most one evaluation runs and at most one request waits (a newer
// request replaces the waiting one), so a view asking faster than the expression evaluates
// gets the newest window next instead of a queue. A result is handed over on this object's
// thread (finished()); a result of an expression that has since been replaced (setExpression)
// is stale and dropped. A failed evaluation (many-to-many matching, the timeout, the sample
// limit) is a result too, carrying Prometheus's error.
// Thread affinity: the store's thread; the destructor cancels a running evaluation and waits
// for it to stop.
class RangeQueryRunner : public QObject {
    Q_OBJECT
public:
    struct Result {
        qint64 startMs = 0;
        qint64 endMs = 0;
        qint64 stepMs = 0;
        qint64 context = 0; // the requester's value, handed back (a chart's "now")
        Engine::Outcome outcome;
        qint64 elapsedMs = 0;       // the evaluation's wall time on the worker
        Qt::HANDLE thread = {};     // the thread that evaluated (tests: never the caller's)
        bool prepareFailed = false; // the error came from loading, on the caller's thread
    };

    explicit RangeQueryRunner(const SeriesStore &store, QObject *parent = nullptr);
    ~RangeQueryRunner() override;

    void setOptions(const Engine::Options &options) { m_options = options; }
    // The pool the evaluations run on; by default one shared by every runner, whose threads'
    // stacks hold the parser's deepest expressions (Parser::DeepStackBytes). Not owned.
    void setThreadPool(QThreadPool *pool);

    // The expression to evaluate (instant-vector or scalar type); null for none. A running
    // evaluation of the previous one is cancelled and its result dropped, a waiting request
    // forgotten.
    void setExpression(std::shared_ptr<const Expr> expression);
    const std::shared_ptr<const Expr> &expression() const { return m_expr; }

    // Asks for the expression at every step from startMs to endMs. Starts at once when
    // nothing runs; otherwise waits, replacing any request already waiting.
    void request(qint64 startMs, qint64 endMs, qint64 stepMs, qint64 context = 0);
    // Blocks until nothing runs or waits (each result handed over as usual, finished() emitted
    // from here): for a frame that must be drawn now (screenshots). The evaluation itself
    // still runs on the worker.
    void waitForIdle();

    bool isRunning() const { return m_running.has_value(); }
    bool hasWaitingRequest() const { return m_waiting.has_value(); }
    // The newest result handed over (none before the first).
    const std::optional<Result> &result() const { return m_result; }

    // Counters, for tests and for the view's frame budget.
    quint64 requestCount() const { return m_requests; }
    quint64 evaluationCount() const { return m_evaluations; }
    quint64 droppedCount() const { return m_dropped; }

Q_SIGNALS:
    // A result was handed over (result() holds it).
    void finished();

private:
    struct Request {
        qint64 startMs;
        qint64 endMs;
        qint64 stepMs;
        qint64 context;
    };
    struct Running {
        quint64 sequence;
        quint64 generation;
        std::shared_ptr<std::atomic_bool> cancel;
        QFuture<void> future;
        std::shared_ptr<std::optional<Result>> outcome; // filled by the worker
    };

    void startWaiting();
    void complete(quint64 sequence);

    const SeriesStore &m_store;
    Engine::Options m_options;
    QThreadPool *m_pool;
    std::shared_ptr<const Expr> m_expr;
    quint64 m_generation = 0; // bumped with every expression: older results are stale
    quint64 m_sequence = 0;
    std::optional<Request> m_waiting;
    std::optional<Running> m_running;
    std::optional<Result> m_result;
    quint64 m_requests = 0;
    quint64 m_evaluations = 0;
    quint64 m_dropped = 0;
};

} // namespace ppl::query
