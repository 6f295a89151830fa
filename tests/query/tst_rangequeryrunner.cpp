// query::RangeQueryRunner: a chart's range queries evaluate on a worker thread with the
// engine's own answer; requests made while one runs are coalesced into one waiting request;
// the result of a replaced expression is dropped; errors come back as results.
#include "query/engine.h"
#include "query/parser.h"
#include "query/rangequeryrunner.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace ppl;
using namespace ppl::query;

namespace {

constexpr qint64 T0 = 1'700'000'000'000;

std::shared_ptr<const Expr> parsed(const QByteArray &text) {
    auto p = Parser::parse(text);
    if (!std::holds_alternative<std::unique_ptr<Expr>>(p))
        qFatal("does not parse: %s", text.constData());
    return std::shared_ptr<const Expr>(std::move(std::get<std::unique_ptr<Expr>>(p)));
}

// "labels => v@t …" per series, or "error: message".
QByteArray render(const Engine::Outcome &outcome) {
    if (const auto *e = std::get_if<QueryError>(&outcome))
        return "error " + e->typeName() + ": " + e->message.toUtf8();
    QByteArrayList parts;
    for (const Series &s : std::get<QueryResult>(outcome).series) {
        QByteArrayList points;
        for (const Point &p : s.points)
            points << QByteArray::number(p.v, 'g', 17) + '@' + QByteArray::number(p.t);
        parts << s.metric.toString().toUtf8() + " => " + points.join(' ');
    }
    return parts.join("; ");
}

// A pool of one thread, held by a task until release(): evaluations queue behind it.
struct BlockedPool {
    QThreadPool pool;
    QSemaphore gate;
    BlockedPool() {
        pool.setMaxThreadCount(1);
        block();
    }
    void block() {
        pool.start([this] { gate.acquire(); });
    }
    void release() { gate.release(); }
    ~BlockedPool() {
        gate.release(100);
        pool.waitForDone();
    }
};

} // namespace

class TestRangeQueryRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void evaluatesOffTheCallingThread_data();
    void evaluatesOffTheCallingThread();
    void coalescesRequestsWhileBusy();
    void dropsResultsOfAReplacedExpression();
    void errorsAreResults();

private:
    ManualClock *m_clock = nullptr;
    SeriesStore *m_store = nullptr;
};

void TestRangeQueryRunner::init() {
    m_clock = new ManualClock(T0 + 3'600'000);
    m_store = new SeriesStore(m_clock);
    for (int i = 0; i <= 240; ++i) {
        const qint64 t = T0 + i * 15'000;
        for (int inst = 0; inst < 4; ++inst)
            m_store->append(Labels::of({{"__name__", "requests_total"},
                                        {"job", inst < 2 ? "web" : "api"},
                                        {"instance", QByteArray::number(inst)}}),
                            t, double(i * (inst + 1)));
    }
}

void TestRangeQueryRunner::cleanup() {
    delete m_store;
    delete m_clock;
}

void TestRangeQueryRunner::evaluatesOffTheCallingThread_data() {
    QTest::addColumn<QByteArray>("query");
    QTest::addRow("rate") << QByteArray("rate(requests_total[1m])");
    QTest::addRow("sum by of rate") << QByteArray("sum by (job) (rate(requests_total[5m]))");
    QTest::addRow("scalar") << QByteArray("time() - 1700000000");
    QTest::addRow("subquery") << QByteArray("max_over_time(requests_total[10m:1m])");
}

void TestRangeQueryRunner::evaluatesOffTheCallingThread() {
    QFETCH(QByteArray, query);
    RangeQueryRunner runner(*m_store);
    runner.setExpression(parsed(query));
    QSignalSpy finished(&runner, &RangeQueryRunner::finished);
    const qint64 start = T0 + 600'000, end = T0 + 3'600'000, step = 30'000;
    runner.request(start, end, step, 42);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(finished.size(), 1);
    const auto &r = *runner.result();
    QVERIFY(r.thread != QThread::currentThreadId());
    QVERIFY(!r.prepareFailed);
    QCOMPARE(r.context, 42);
    QCOMPARE(r.stepMs, step);
    // The engine's own answer, asked on this thread.
    const QByteArray expected = render(Engine(*m_store).rangeQuery(query, start, end, step));
    QVERIFY(!expected.startsWith("error"));
    QCOMPARE(render(r.outcome), expected);
    QVERIFY(!runner.isRunning());
}

void TestRangeQueryRunner::coalescesRequestsWhileBusy() {
    BlockedPool blocked;
    RangeQueryRunner runner(*m_store);
    runner.setThreadPool(&blocked.pool);
    runner.setExpression(parsed("sum(rate(requests_total[1m]))"));
    QSignalSpy finished(&runner, &RangeQueryRunner::finished);
    for (int i = 0; i < 10; ++i) // a view asking on every frame
        runner.request(T0 + 600'000 + i * 1000, T0 + 3'600'000, 15'000, i);
    QVERIFY(runner.isRunning());
    QVERIFY(runner.hasWaitingRequest());
    QCOMPARE(runner.requestCount(), 10u);
    QCOMPARE(runner.evaluationCount(), 1u); // one runs, one waits; eight were replaced
    QVERIFY(finished.isEmpty());
    blocked.release();
    // The first request's result, then the newest one's: two evaluations, not ten.
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10'000);
    QCOMPARE(runner.evaluationCount(), 2u);
    QCOMPARE(runner.result()->context, 9);
    QVERIFY(!runner.isRunning());
    QVERIFY(!runner.hasWaitingRequest());
    QCOMPARE(runner.droppedCount(), 0u);
}

void TestRangeQueryRunner::dropsResultsOfAReplacedExpression() {
    BlockedPool blocked;
    RangeQueryRunner runner(*m_store);
    runner.setThreadPool(&blocked.pool);
    runner.setExpression(parsed("sum(requests_total)"));
    QSignalSpy finished(&runner, &RangeQueryRunner::finished);
    runner.request(T0, T0 + 3'600'000, 60'000, 1);
    QVERIFY(runner.isRunning());
    runner.setExpression(parsed("count(requests_total)")); // before the first one ran
    QVERIFY(!runner.result());
    runner.request(T0, T0 + 3'600'000, 60'000, 2);
    blocked.release();
    QVERIFY(finished.wait(10'000));
    QCOMPARE(finished.size(), 1); // only the new expression's result is handed over
    QCOMPARE(runner.droppedCount(), 1u);
    QCOMPARE(runner.result()->context, 2);
    const auto &series = std::get<QueryResult>(runner.result()->outcome).series;
    QCOMPARE(series.size(), size_t(1));
    QCOMPARE(series.front().points.front().v, 4.0); // count, not sum
    // No expression: requests do nothing.
    runner.setExpression(nullptr);
    runner.request(T0, T0 + 60'000, 15'000);
    QVERIFY(!runner.isRunning());
    QVERIFY(!runner.hasWaitingRequest());
}

void TestRangeQueryRunner::errorsAreResults() {
    RangeQueryRunner runner(*m_store);
    QSignalSpy finished(&runner, &RangeQueryRunner::finished);
    // An evaluation error (found on the worker), with Prometheus's wording.
    runner.setExpression(parsed("requests_total + ignoring(instance) requests_total"));
    runner.request(T0, T0 + 60'000, 15'000);
    QVERIFY(finished.wait(10'000));
    const QByteArray error = render(runner.result()->outcome);
    QVERIFY2(error.startsWith("error execution: ") && error.contains("many-to-many matching"),
             error.constData());
    QVERIFY(runner.result()->thread != QThread::currentThreadId());
    // The sample limit (Prometheus's --query.max-samples): handed over the same way.
    Engine::Options options;
    options.maxSamples = 10;
    runner.setOptions(options);
    runner.setExpression(parsed("rate(requests_total[5m])"));
    runner.request(T0 + 600'000, T0 + 3'600'000, 15'000);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(render(runner.result()->outcome),
             QByteArray("error execution: query processing would load too many samples into "
                        "memory in query execution"));
    // waitForIdle hands a result over before it returns.
    runner.setOptions(Engine::Options());
    runner.request(T0 + 600'000, T0 + 3'600'000, 15'000, 7);
    runner.waitForIdle();
    QCOMPARE(runner.result()->context, 7);
    QVERIFY(std::holds_alternative<QueryResult>(runner.result()->outcome));
}

QTEST_GUILESS_MAIN(TestRangeQueryRunner)
#include "tst_rangequeryrunner.moc"
