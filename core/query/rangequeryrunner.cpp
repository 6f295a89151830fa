#include "rangequeryrunner.h"

#include "parser.h"

#include <QElapsedTimer>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace ppl::query {

namespace {

// The runners' shared pool. Its threads get the stack the parser's deepest expressions need
// (evaluation recurses as deep as the parse; see Parser::DeepStackBytes): reserved address
// space, touched only as deep as an expression goes.
QThreadPool *sharedPool() {
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setStackSize(Parser::DeepStackBytes);
        pool.setObjectName(QStringLiteral("ppl-query-eval"));
        return true;
    }();
    Q_UNUSED(configured);
    return &pool;
}

} // namespace

RangeQueryRunner::RangeQueryRunner(const SeriesStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_pool(sharedPool()) {}

RangeQueryRunner::~RangeQueryRunner() {
    if (m_running) {
        m_running->cancel->store(true);
        // The worker posts its completion before it returns; the posted call dies with us.
        m_running->future.waitForFinished();
    }
}

void RangeQueryRunner::setThreadPool(QThreadPool *pool) {
    m_pool = pool ? pool : sharedPool();
}

void RangeQueryRunner::setExpression(std::shared_ptr<const Expr> expression) {
    m_expr = std::move(expression);
    ++m_generation;
    m_waiting.reset();
    m_result.reset();
    if (m_running)
        m_running->cancel->store(true); // its result is stale now: stop spending on it
}

void RangeQueryRunner::request(qint64 startMs, qint64 endMs, qint64 stepMs, qint64 context) {
    ++m_requests;
    m_waiting = Request{startMs, endMs, stepMs, context};
    startWaiting();
}

void RangeQueryRunner::startWaiting() {
    if (m_running || !m_waiting)
        return;
    const Request q = *m_waiting;
    m_waiting.reset();
    if (!m_expr)
        return;
    ++m_evaluations;
    const quint64 sequence = ++m_sequence;
    Running run{sequence,
                m_generation,
                std::make_shared<std::atomic_bool>(false),
                {},
                std::make_shared<std::optional<Result>>()};
    Result base;
    base.startMs = q.startMs;
    base.endMs = q.endMs;
    base.stepMs = q.stepMs;
    base.context = q.context;

    // Loading reads the store: here, on its thread. The timeout and the sample limit apply.
    const Engine engine(m_store, m_options);
    auto prepared = engine.prepare(m_expr, q.startMs, q.endMs, q.stepMs, false);
    if (auto *error = std::get_if<QueryError>(&prepared)) {
        base.outcome = *error;
        base.prepareFailed = true;
        base.thread = QThread::currentThreadId();
        *run.outcome = std::move(base);
        m_running = std::move(run);
        // Handed over from the event loop, like any other result.
        QMetaObject::invokeMethod(
            this, [this, sequence] { complete(sequence); }, Qt::QueuedConnection);
        return;
    }
    std::shared_ptr<PreparedQuery> query =
        std::move(std::get<std::unique_ptr<PreparedQuery>>(prepared));
    run.future = QtConcurrent::run(
        m_pool, [this, query, base, sequence, cancel = run.cancel, slot = run.outcome] {
            Result result = base;
            QElapsedTimer timer;
            timer.start();
            result.outcome = query->run(cancel.get());
            result.elapsedMs = timer.elapsed();
            result.thread = QThread::currentThreadId();
            *slot = std::move(result);
            QMetaObject::invokeMethod(
                this, [this, sequence] { complete(sequence); }, Qt::QueuedConnection);
        });
    m_running = std::move(run);
}

void RangeQueryRunner::complete(quint64 sequence) {
    if (!m_running || m_running->sequence != sequence)
        return; // handed over already (waitForIdle)
    const Running run = std::move(*m_running);
    m_running.reset();
    if (run.generation != m_generation || !*run.outcome) {
        ++m_dropped; // of an expression replaced since
    } else {
        m_result = std::move(**run.outcome);
        Q_EMIT finished();
    }
    startWaiting(); // unless a finished() handler already started a newer request
}

void RangeQueryRunner::waitForIdle() {
    while (m_running || (m_waiting && m_expr)) {
        if (!m_running) {
            startWaiting();
            continue;
        }
        m_running->future.waitForFinished();
        complete(m_running->sequence);
    }
}

} // namespace ppl::query
