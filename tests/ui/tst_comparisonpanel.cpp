// The comparison panel: the seed's eight rows with two live columns that follow the lab.
// Lab clock: a ManualClock stepped a second at a time; scrapes are real loopback HTTP.
#include "comparisonpanel.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "labtesthelpers.h"
#include "scrape/scrapemanager.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QDir>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <set>

using namespace ppl;

namespace {

const char *World = R"(
prometheus: |
  global:
    scrape_interval: 2s
    scrape_timeout: 1s
  scrape_configs:
    - job_name: web
      static_configs:
        - targets: ['{{target:web-1}}', '{{target:web-2}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
    - job_name: report
      static_configs:
        - targets: ['{{job:report}}']
targets:
  - name: web-1
  - name: web-2
jobs:
  - name: backup
    duration: 1s
    grouping_key: {job: database_backup, instance: db-1}
  - name: report
    duration: 1s
    push: none
)";

} // namespace

class TestComparisonPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_clock = new ManualClock;
        m_lab = new Lab(LabOptions{m_clock});
        const auto loaded = loadScenario(World, QStringLiteral("comparison.yaml"));
        QVERIFY(!loaded.error);
        QString error;
        QVERIFY2(m_lab->loadScenario(*loaded.scenario, &error), qPrintable(error));
    }
    void cleanup() {
        delete m_lab;
        delete m_clock;
    }

    void showsTheSeedsEightRows() {
        ComparisonPanel panel(m_lab);
        QCOMPARE(panel.table()->rowCount(), 8);
        QCOMPARE(panel.table()->columnCount(), 5);
        QCOMPARE(panel.cell(ComparisonPanel::ControlFlow, ComparisonPanel::Feature),
                 QStringLiteral("Control flow"));
        QCOMPARE(panel.cell(ComparisonPanel::Scaling, ComparisonPanel::Feature),
                 QStringLiteral("Scaling considerations"));
        QCOMPARE(panel.cell(ComparisonPanel::Freshness, ComparisonPanel::PushArticle),
                 QStringLiteral("Immediate (but then depends on Pushgateway scrape interval)"));
        QCOMPARE(panel.table()->horizontalHeaderItem(ComparisonPanel::PullMeasured)->text(),
                 QStringLiteral("Pull, measured here"));
        QCOMPARE(panel.table()->horizontalHeaderItem(ComparisonPanel::PushMeasured)->text(),
                 QStringLiteral("Push, measured here"));
        std::set<QString> features;
        for (int r = 0; r < ComparisonPanel::RowCount; ++r) {
            features.insert(panel.cell(ComparisonPanel::Row(r), ComparisonPanel::Feature));
            for (int c = ComparisonPanel::PullMeasured; c < ComparisonPanel::ColumnCount; ++c)
                QVERIFY2(!panel.cell(ComparisonPanel::Row(r), ComparisonPanel::Column(c)).isEmpty(),
                         qPrintable(QStringLiteral("row %1 column %2 empty").arg(r).arg(c)));
        }
        QCOMPARE(features.size(), size_t(8));
    }

    void liveCellsFollowAKillAndAJob() {
        ComparisonPanel panel(m_lab);
        panel.resize(1280, 520);
        panel.show();
        step(10'000);
        panel.refresh();
        const QString healthBefore =
            panel.cell(ComparisonPanel::Health, ComparisonPanel::PullMeasured);
        const QString freshness =
            panel.cell(ComparisonPanel::Freshness, ComparisonPanel::PullMeasured);
        QVERIFY2(freshness.contains(QStringLiteral("median")), qPrintable(freshness));
        QVERIFY2(freshness.contains(QStringLiteral("scraped every 2.0 s")), qPrintable(freshness));
        QVERIFY2(healthBefore.contains(QStringLiteral("no target has died")),
                 qPrintable(healthBefore));

        const QString networkBefore =
            panel.cell(ComparisonPanel::Network, ComparisonPanel::PullMeasured);
        QVERIFY(m_lab->killTarget("web-1"));
        panel.refresh();
        const QString justKilled =
            panel.cell(ComparisonPanel::Health, ComparisonPanel::PullMeasured);
        QVERIFY2(justKilled.contains(QStringLiteral("not detected yet")), qPrintable(justKilled));
        step(4000); // two scrape intervals
        panel.refresh();
        const QString after = panel.cell(ComparisonPanel::Health, ComparisonPanel::PullMeasured);
        QVERIFY2(after.contains(QStringLiteral("detected: web-1 killed")), qPrintable(after));
        QVERIFY(after != healthBefore);
        // web-1's failed scrapes add to the count (report's port refuses all along).
        QVERIFY(panel.cell(ComparisonPanel::Network, ComparisonPanel::PullMeasured) !=
                networkBefore);

        // A push job ends: nothing notices, its value ages.
        QVERIFY(m_lab->runJob("backup"));
        QVERIFY(m_lab->runJob("report"));
        QSignalSpy pushed(m_lab, &Lab::pushed);
        step(1000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000); // before the clock moves on
        step(5000);
        panel.refresh();
        const QString pushHealth =
            panel.cell(ComparisonPanel::Health, ComparisonPanel::PushMeasured);
        QVERIFY2(pushHealth.contains(QStringLiteral("not detected: backup succeeded 5.0 s ago")),
                 qPrintable(pushHealth));
        QVERIFY2(pushHealth.contains(QStringLiteral("still serves its push from 5.0 s ago")),
                 qPrintable(pushHealth));
        step(3000);
        panel.refresh();
        QVERIFY(panel.cell(ComparisonPanel::Health, ComparisonPanel::PushMeasured)
                    .contains(QStringLiteral("from 8.0 s ago")));
        const QString ephemeral =
            panel.cell(ComparisonPanel::Ephemeral, ComparisonPanel::PullMeasured);
        QVERIFY2(ephemeral.contains(QStringLiteral("of 1 short run")), qPrintable(ephemeral));
        QVERIFY2(panel.cell(ComparisonPanel::Ephemeral, ComparisonPanel::PushMeasured)
                     .startsWith(QStringLiteral("1 of 1 ended run")),
                 qPrintable(panel.cell(ComparisonPanel::Ephemeral, ComparisonPanel::PushMeasured)));

        const QImage img = panel.grab().toImage();
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/comparisonpanel.png")));
        QVERIFY2(colourCount(img, 7) > 4, "the panel grabbed as a flat picture");
    }

private:
    void step(qint64 ms) { PPL_STEP(*m_clock, *m_lab, ms); }

    ManualClock *m_clock = nullptr;
    Lab *m_lab = nullptr;
};

QTEST_MAIN(TestComparisonPanel)
#include "tst_comparisonpanel.moc"
