// ChartsPanel and its "Add chart" dialog: metrics and label filters are picked from what the
// store holds, the selector is real PromQL (the API's parser), bad selectors are refused
// with Prometheus's wording.
#include "chartselectordialog.h"
#include "chartspanel.h"
#include "livechart.h"
#include "storage/seriesstore.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

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

private:
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
        QVERIFY2(error.contains(u"parse error") || error.contains(u"vector selector"),
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

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
