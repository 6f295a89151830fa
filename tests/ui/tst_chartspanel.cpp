// ChartsPanel and its "Add chart" dialog: metrics and label filters are picked from what the
// store holds, the selector is real PromQL (the API's parser), bad selectors are refused
// with Prometheus's wording.
#include "chartselectordialog.h"
#include "chartspanel.h"
#include "labpalette.h"
#include "livechart.h"
#include "query/engine.h"
#include "query/rangequeryrunner.h"
#include "sim/simulatedtarget.h"
#include "storage/seriesstore.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <cmath>

using namespace ppl;

class TestChartsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void dialogOffersWhatTheStoreHolds();
    void dialogBuildsSelectorsThatMatch();
    void addChartParsesRealPromql_data();
    void addChartParsesRealPromql();
    void addChartActionGoesThroughTheDialog();
    void chartsTakeAnyExpression_data();
    void chartsTakeAnyExpression();
    void ageChartIsTimeMinusPushTime();
    void chartEvaluatesOffTheGuiThread();
    void dialogExpressionFieldIsWhatIsCharted();
    void killedTargetsSeriesShowWhyTheyWentStale();

private:
    void appendUpEvery15s(int count);
    ManualClock *m_clock = nullptr;
    SeriesStore *m_store = nullptr;
};

void TestChartsPanel::init() {
    m_clock = new ManualClock(1'700'000'000'000);
    m_store = new SeriesStore(m_clock);
    const qint64 t = m_clock->nowMs();
    m_store->append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "a:1"}}), t, 1);
    m_store->append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "b:2"}}), t, 0);
    m_store->append(Labels::of({{"__name__", "up"}, {"job", "node"}, {"instance", "c:3"}}), t, 1);
    m_store->append(Labels::of({{"__name__", "push_time_seconds"}, {"job", "backup"}}), t, 1.7e9);
    m_store->flushNotifications();
}

void TestChartsPanel::cleanup() {
    delete m_store;
    delete m_clock;
}

void TestChartsPanel::dialogOffersWhatTheStoreHolds() {
    ChartSelectorDialog dialog(m_store);
    dialog.setMetric(QStringLiteral("up"));
    QCOMPARE(dialog.labelNamesOffered(), (QStringList{"instance", "job"}));
    QCOMPARE(dialog.labelValuesOffered(QStringLiteral("job")), (QStringList{"node", "web"}));
    dialog.setMetric(QStringLiteral("push_time_seconds")); // the choices follow the metric
    QCOMPARE(dialog.labelNamesOffered(), QStringList{"job"});
    QCOMPARE(dialog.labelValuesOffered(QStringLiteral("job")), QStringList{"backup"});
}

void TestChartsPanel::dialogBuildsSelectorsThatMatch() {
    ChartSelectorDialog dialog(m_store);
    dialog.setMetric(QStringLiteral("up"));
    QCOMPARE(dialog.selector(), QStringLiteral("up"));
    QCOMPARE(dialog.matchCount(), 3);
    dialog.addFilter(QStringLiteral("job"), QStringLiteral("="), QStringLiteral("web"));
    QCOMPARE(dialog.selector(), QStringLiteral("up{job=\"web\"}"));
    QCOMPARE(dialog.matchCount(), 2);
    dialog.addFilter(QStringLiteral("instance"), QStringLiteral("!~"), QStringLiteral("a:.*"));
    QCOMPARE(dialog.matchCount(), 1);
    dialog.resize(560, 360);
    const QImage shot = dialog.grab().toImage(); // to look at
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/chartselectordialog.png")));
    dialog.removeFilter(0);
    QCOMPARE(dialog.filterCount(), 1);
    QCOMPARE(dialog.matchCount(), 2); // instance!~"a:.*" alone: b and c
    // Quotes and backslashes are escaped, so the selector still parses (and matches none).
    dialog.addFilter(QStringLiteral("job"), QStringLiteral("="), QStringLiteral("we\"b\\"));
    QCOMPARE(dialog.matchCount(), 0);
    // A broken regular expression is reported, not matched.
    dialog.removeFilter(1);
    dialog.addFilter(QStringLiteral("job"), QStringLiteral("=~"), QStringLiteral("(web"));
    QCOMPARE(dialog.matchCount(), -1);
}

void TestChartsPanel::addChartParsesRealPromql_data() {
    QTest::addColumn<QString>("selector");
    QTest::addColumn<int>("series"); // -1: refused
    QTest::addRow("bare metric") << "up" << 3;
    QTest::addRow("equal") << "up{job=\"web\"}" << 2;
    QTest::addRow("regex") << "up{instance=~\"(a|c):.*\"}" << 2;
    QTest::addRow("name as a matcher") << "{__name__=~\"push_.*\"}" << 1;
    QTest::addRow("single quotes") << "up{job='node'}" << 1;
    QTest::addRow("missing value") << "up{job=}" << -1;
    QTest::addRow("only empty matchers") << "{job=\"\"}" << -1;
    QTest::addRow("not a selector") << "up +" << -1;
    QTest::addRow("a range vector cannot be charted") << "up[5m]" << -1;
}

void TestChartsPanel::addChartParsesRealPromql() {
    QFETCH(QString, selector);
    QFETCH(int, series);
    ChartsPanel panel(m_store, m_clock);
    const int tabs = panel.tabs()->count();
    QString error;
    LiveChart *chart = panel.addChart(selector, selector, &error);
    if (series < 0) {
        QVERIFY(!chart);
        QVERIFY2(error.contains(u"parse error") || error.contains(u"vector selector") ||
                     error.contains(u"for range query"),
                 qPrintable(error));
        QCOMPARE(panel.tabs()->count(), tabs);
        return;
    }
    QVERIFY2(chart, qPrintable(error));
    QCOMPARE(chart->visibleSeriesCount(), series);
    QCOMPARE(panel.tabs()->count(), tabs + 1);
}

void TestChartsPanel::addChartActionGoesThroughTheDialog() {
    ChartsPanel panel(m_store, m_clock);
    panel.show();
    const int tabs = panel.tabs()->count();
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ChartSelectorDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawDialog = true;
        dialog->setMetric(QStringLiteral("up"));
        dialog->addFilter(QStringLiteral("job"), QStringLiteral("="), QStringLiteral("node"));
        dialog->accept();
    });
    panel.addChartAction()->trigger();
    QVERIFY(sawDialog);
    QCOMPARE(panel.tabs()->count(), tabs + 1);
    auto *chart = qobject_cast<LiveChart *>(panel.tabs()->currentWidget());
    QVERIFY(chart);
    QCOMPARE(panel.tabs()->tabText(panel.tabs()->currentIndex()),
             QStringLiteral("up{job=\"node\"}"));
    QCOMPARE(chart->visibleSeriesCount(), 1);
}

// Issue 13 §3: any PromQL expression, evaluated as query_range with one step per pixel column;
// the number of lines is what the expression returns, the values what the engine says.
void TestChartsPanel::chartsTakeAnyExpression_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("series");
    QTest::addRow("aggregation") << "sum by (job) (up)" << 2;
    QTest::addRow("comparison filters") << "up == 0" << 1;
    QTest::addRow("scalar") << "scalar(count(up)) * 2" << 1;
    QTest::addRow("nothing") << "up{job=\"none\"}" << 0;
}

void TestChartsPanel::appendUpEvery15s(int count) {
    for (int i = 1; i <= count; ++i) {
        m_clock->advance(15'000);
        const qint64 t = m_clock->nowMs();
        m_store->append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "a:1"}}), t,
                        1);
        m_store->append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "b:2"}}), t,
                        0);
        m_store->append(Labels::of({{"__name__", "up"}, {"job", "node"}, {"instance", "c:3"}}), t,
                        1);
    }
    m_store->flushNotifications();
}

void TestChartsPanel::chartsTakeAnyExpression() {
    QFETCH(QString, expression);
    QFETCH(int, series);
    // Samples every 15 s for 3 minutes, so every step of the window has a value.
    appendUpEvery15s(12);
    ChartsPanel panel(m_store, m_clock);
    panel.resize(800, 500);
    panel.show();
    QString error;
    LiveChart *chart = panel.addChart(expression, expression, &error);
    QVERIFY2(chart, qPrintable(error));
    const bool plainSelector = expression.startsWith(u"up{");
    QCOMPARE(chart->evaluatesExpression(), !plainSelector);
    chart->renderNow();
    QVERIFY2(chart->evaluationError().isEmpty(), qPrintable(chart->evaluationError()));
    QCOMPARE(chart->visibleSeriesCount(), series);
    if (plainSelector)
        return;
    // One step per pixel column of the plot (at least a second).
    const int columns =
        int(std::ceil(chart->chart()->plotArea().width() * chart->devicePixelRatioF()));
    QCOMPARE(chart->lastStepMs(),
             std::max<qint64>(1000, (chart->windowMs() + columns - 1) / columns));
    // A store change the expression reads redraws the chart.
    const int frames = chart->frameCount();
    m_clock->advance(1000);
    m_store->append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "a:1"}}),
                    m_clock->nowMs(), 1);
    m_store->flushNotifications();
    QTRY_VERIFY_WITH_TIMEOUT(chart->frameCount() > frames, 2000);
}

void TestChartsPanel::ageChartIsTimeMinusPushTime() {
    ChartsPanel panel(m_store, m_clock);
    panel.resize(800, 500);
    panel.show();
    LiveChart *age = nullptr;
    for (LiveChart *c : panel.charts())
        if (c->expression() == u"time() - push_time_seconds")
            age = c;
    QVERIFY(age);
    QVERIFY(age->evaluatesExpression());
    m_clock->advance(60'000);
    age->renderNow();
    QCOMPARE(age->visibleSeriesCount(), 1);
    QVERIFY(age->evaluationError().isEmpty());
}

// Issue 13 §1/§3: a chart's expression is evaluated off the GUI thread. Its evaluations are
// queued on a one-thread pool held by a blocking task (a query that takes forever): the
// window's event loop goes on (frames keep asking, timers fire), the asks are coalesced into
// one waiting request, and once the worker is free the chart fills from a result computed on
// the worker. A result of an expression replaced meanwhile is dropped.
void TestChartsPanel::chartEvaluatesOffTheGuiThread() {
    appendUpEvery15s(12);
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QSemaphore gate;
    pool.start([&gate] { gate.acquire(); });
    const auto unblock = qScopeGuard([&gate] { gate.release(100); }); // even when a check fails
    ChartsPanel panel(m_store, m_clock);
    panel.resize(800, 500);
    panel.show();
    QString error;
    LiveChart *chart = panel.addChart(QStringLiteral("sum by (job) (up)"),
                                      QStringLiteral("sum by (job) (up)"), &error);
    QVERIFY2(chart, qPrintable(error));
    query::RangeQueryRunner *runner = chart->evaluator();
    QVERIFY(runner);
    runner->setThreadPool(&pool); // before the first frame asks
    int ticks = 0;
    QTimer ticker; // stands for everything else the window does meanwhile
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);

    // The first frame's evaluation waits behind the blocked worker; the window does not.
    QTRY_VERIFY_WITH_TIMEOUT(runner->isRunning(), 5000);
    const int frames = chart->frameCount();
    for (int i = 0; i < 4; ++i) { // time moves and samples arrive: each asks for a frame
        const quint64 asked = runner->requestCount();
        appendUpEvery15s(1);
        QTRY_VERIFY_WITH_TIMEOUT(runner->requestCount() > asked, 5000);
    }
    QVERIFY(ticks > 0);
    QCOMPARE(runner->evaluationCount(), 1u); // the running one; the rest coalesced
    QVERIFY(runner->hasWaitingRequest());
    QCOMPARE(chart->frameCount(), frames); // nothing to draw before a result
    QCOMPARE(chart->visibleSeriesCount(), 0);

    QSignalSpy evaluated(runner, &query::RangeQueryRunner::finished);
    gate.release();
    QVERIFY(evaluated.wait(5000));
    QVERIFY(runner->result()->thread != QThread::currentThreadId());
    QVERIFY(runner->result()->thread != nullptr);
    // The first result is drawn; the one waiting request (the newest window) runs next.
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning() && !runner->hasWaitingRequest(), 5000);
    QVERIFY(runner->evaluationCount() <= 3u);
    QCOMPARE(chart->visibleSeriesCount(), 2);
    QVERIFY(chart->frameCount() > frames);
    QVERIFY2(chart->evaluationError().isEmpty(), qPrintable(chart->evaluationError()));
    // The values are the engine's: sum by (job) of up at the newest step.
    const auto &result = std::get<query::QueryResult>(runner->result()->outcome);
    QCOMPARE(result.series.size(), size_t(2));
    QCOMPARE(result.series[0].metric.toString(), QStringLiteral("{job=\"node\"}"));
    QCOMPARE(result.series[0].points.back().v, 1.0);
    QCOMPARE(result.series[1].points.back().v, 1.0); // web: 1 + 0

    // An expression replaced while its evaluation waits: that result is dropped, the new
    // expression's is drawn.
    pool.start([&gate] { gate.acquire(); });
    const quint64 asked = runner->requestCount();
    appendUpEvery15s(1);
    QTRY_VERIFY_WITH_TIMEOUT(runner->requestCount() > asked && runner->isRunning(), 5000);
    QVERIFY(chart->setExpression(QStringLiteral("count(up)"), &error));
    gate.release();
    QTRY_COMPARE_WITH_TIMEOUT(runner->droppedCount(), 1u, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(chart->visibleSeriesCount(), 1, 5000);
    QCOMPARE(std::get<query::QueryResult>(runner->result()->outcome).series.front().points.back().v,
             3.0);
    QVERIFY(runner->result()->thread != QThread::currentThreadId());
}

void TestChartsPanel::dialogExpressionFieldIsWhatIsCharted() {
    ChartSelectorDialog dialog(m_store);
    // The picker writes the selector into the expression...
    dialog.setMetric(QStringLiteral("up"));
    dialog.addFilter(QStringLiteral("job"), QStringLiteral("="), QStringLiteral("web"));
    QCOMPARE(dialog.expression(), QStringLiteral("up{job=\"web\"}"));
    QVERIFY(dialog.expressionError().isEmpty());
    // ...until the user types an expression of their own, which the picker leaves alone.
    dialog.setExpression(QStringLiteral("sum by (job) (up{job=\"web\"})"));
    dialog.setMetric(QStringLiteral("push_time_seconds"));
    QCOMPARE(dialog.expression(), QStringLiteral("sum by (job) (up{job=\"web\"})"));
    dialog.setExpression(QStringLiteral("sum(up"));
    QVERIFY(dialog.expressionError().contains(u"parse error"));
    dialog.setExpression(QStringLiteral("up[5m]"));
    QVERIFY(dialog.expressionError().contains(u"range vector"));
    // Through the panel's action: the expression becomes the chart.
    ChartsPanel panel(m_store, m_clock);
    panel.show();
    const int tabs = panel.tabs()->count();
    QTimer::singleShot(0, this, [] {
        auto *d = qobject_cast<ChartSelectorDialog *>(QApplication::activeModalWidget());
        if (!d)
            return;
        d->setExpression(QStringLiteral("count by (job) (up)"));
        d->accept();
    });
    panel.addChartAction()->trigger();
    QCOMPARE(panel.tabs()->count(), tabs + 1);
    auto *chart = qobject_cast<LiveChart *>(panel.tabs()->currentWidget());
    QVERIFY(chart);
    QCOMPARE(chart->expression(), QStringLiteral("count by (job) (up)"));
    chart->renderNow();
    QCOMPARE(chart->visibleSeriesCount(), 2);
}

// Issue 12: a target is killed; its series go stale at the failed scrape, and the chart marks
// that moment with the reason the lab's scrape gave ("target down: connection refused").
void TestChartsPanel::killedTargetsSeriesShowWhyTheyWentStale() {
    Lab lab;
    QString error;
    QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
    ChartsPanel panel(lab.store(), lab.clock());
    panel.resize(900, 500);
    panel.show();
    const QByteArray address = lab.target("web-1")->address();
    LiveChart *chart = panel.addChart(QStringLiteral("cpu"),
                                      QStringLiteral("process_cpu_seconds_total{instance=\"%1\"}")
                                          .arg(QString::fromUtf8(address)));
    QVERIFY(chart);
    chart->setWindowMs(60'000);
    const auto id = [&] {
        const auto ids = lab.store()->select(
            {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__",
                                   "process_cpu_seconds_total"),
             *LabelMatcher::create(LabelMatcher::Op::Equal, "instance", address)});
        return ids.empty() ? std::optional<SeriesStore::SeriesId>() : ids.front();
    };
    QTRY_VERIFY_WITH_TIMEOUT(id() && lab.store()->sampleCount(*id()) >= 2, 8000);
    QVERIFY(lab.killTarget("web-1", &error));
    QTRY_VERIFY_WITH_TIMEOUT((chart->renderNow(), !chart->staleMarks().empty()), 8000);
    const LiveChart::StaleMarkInfo mark = chart->staleMarks().front();
    // The scrape that failed, from the lab's own event log: the mark is at its start.
    const ScrapeEvent *failed = nullptr;
    const auto page = lab.events()->since(0, 100000);
    for (const LabEvent &e : page.events)
        if (const auto *s = e.as<ScrapeEvent>(); s && s->instance == address && !s->up()) {
            failed = s;
            break;
        }
    QVERIFY(failed);
    QCOMPARE(mark.timestampMs, failed->startMs);
    QVERIFY(!failed->error.isEmpty());
    QCOMPARE(mark.reason, QStringLiteral("target down: %1").arg(failed->error));
    // Drawn there: the mark's ring above and below the line's end.
    QCoreApplication::processEvents();
    chart->renderNow();
    const QPoint at = chart->viewPosOf(mark.timestampMs, mark.value);
    const QImage img = chart->grab().toImage();
    const QColor colour = LabPalette::seriesPen(0, 1).color();
    const auto ringAt = [&](int dy) {
        for (int y = at.y() + dy - 1; y <= at.y() + dy + 1; ++y)
            for (int x = at.x() - 1; x <= at.x() + 1; ++x) {
                const QColor c = img.pixelColor(x, y);
                if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                        std::abs(c.blue() - colour.blue()) <
                    120)
                    return true;
            }
        return false;
    };
    QVERIFY(img.save(screenshotDir() + QStringLiteral("/chart-stale-mark-killed-target.png")));
    QVERIFY2(ringAt(-5) && ringAt(5), "no stale mark where the series went stale");
    const QString tip = chart->describeAt(at);
    QVERIFY2(tip.contains(mark.reason), qPrintable(tip));
}

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
