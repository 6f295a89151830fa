// ModelMeasurements on a ManualClock lab: what the comparison table's live columns say about
// freshness, death detection, ephemeral jobs and rates, each against what the lab really did.
#include "labtesthelpers.h"

#include "lab/lab.h"
#include "lab/modelmeasurements.h"
#include "pushgateway/pushgatewayserver.h"
#include "scrape/scrapemanager.h"
#include "sim/batchjob.h"
#include "sim/simulatedtarget.h"

#include <QSignalSpy>

using namespace ppl;
using ppl::test::scenarioFrom;

namespace {
constexpr qint64 IntervalMs = 5000;

// web-1 (an HTTP workload, so its counter steps at known instants), the gateway, a pushing
// job and a job that only exposes /metrics while it runs; everything scraped every 5 s.
const QByteArray World = R"(
prometheus: |
  global:
    scrape_interval: 5s
    scrape_timeout: 2s
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
    - job_name: report
      static_configs:
        - targets: ['{{job:report}}']
targets:
  - name: web-1
jobs:
  - name: backup
    duration: 2s
    grouping_key: {job: database_backup, instance: db-1}
  - name: report
    duration: 2s
    push: none
)";

struct Fixture {
    ManualClock clock;
    Lab lab{LabOptions{&clock}};
    ModelMeasurements m{&lab};

    bool load(QString *error) { return lab.loadScenario(scenarioFrom(World), error); }
    ScrapeLoop *loop(const QByteArray &job) const { return test::loopOf(lab, job); }
};
} // namespace

class TestModelMeasurements : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pullFreshnessIsWithinOneInterval() {
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        QCOMPARE(fx.m.pull().freshnessSamples, 0);
        QCOMPARE(fx.m.pull().freshnessMedianMs, -1);
        PPL_STEP(fx.clock, fx.lab, 60'000);
        const ModelMeasurements::Pull p = fx.m.pull();
        QVERIFY(p.exactChangeTimes);
        QVERIFY(p.freshnessSamples > 10);
        QCOMPARE(p.scrapeIntervalMs, IntervalMs);
        QVERIFY2(p.freshnessMedianMs > 0 && p.freshnessMedianMs <= IntervalMs,
                 qPrintable(QString::number(p.freshnessMedianMs)));
        // Changes fall evenly between scrapes: they wait about half an interval.
        QVERIFY2(p.freshnessMedianMs >= IntervalMs / 4 && p.freshnessMedianMs <= IntervalMs * 3 / 4,
                 qPrintable(QString::number(p.freshnessMedianMs)));
        // web-1 and report's port (refused while the job is not running), every 5 s for a
        // minute; the gateway's scrapes belong to the push side.
        QVERIFY2(p.scrapes >= 2 * 11 && p.scrapes <= 2 * 13,
                 qPrintable(QString::number(p.scrapes)));
        QVERIFY2(p.scrapesPerSecond > 0.3 && p.scrapesPerSecond <= 0.5,
                 qPrintable(QString::number(p.scrapesPerSecond)));
        QCOMPARE(p.targets, 1);
    }

    void deathIsDetectedWithinTwoIntervals_data() {
        QTest::addColumn<int>("fault"); // -1: kill
        QTest::addColumn<QString>("cause");
        QTest::newRow("kill") << -1 << "killed";
        QTest::newRow("hang") << int(TargetFault::Hang) << "hang";
        QTest::newRow("firewall") << int(TargetFault::Firewall) << "firewall";
        QTest::newRow("error") << int(TargetFault::Error) << "error";
    }
    void deathIsDetectedWithinTwoIntervals() {
        QFETCH(int, fault);
        QFETCH(QString, cause);
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        PPL_STEP(fx.clock, fx.lab, 12'000);
        QVERIFY(!fx.m.pull().lastDeath);
        const qint64 diedAt = fx.clock.nowMs();
        if (fault < 0)
            QVERIFY(fx.lab.killTarget("web-1"));
        else
            QVERIFY(fx.lab.setTargetFault("web-1", TargetFault(fault)));
        auto death = fx.m.pull().lastDeath;
        QVERIFY(death);
        QCOMPARE(death->target, QByteArray("web-1"));
        QCOMPARE(death->cause, cause);
        QCOMPARE(death->atMs, diedAt);
        QCOMPARE(death->detectedAtMs, -1); // not yet: no scrape since
        // Two scrapes of web-1, each run to its end (a hung one ends at its 2 s timeout).
        ScrapeLoop *app = fx.loop("app");
        QVERIFY(app);
        QSignalSpy finished(app, &ScrapeLoop::scrapeFinished);
        for (int i = 1; i <= 2; ++i) {
            fx.clock.advanceTo(app->nextScrapeMs());
            for (int held = 0; held < 4 && finished.count() < i; ++held) {
                QTRY_VERIFY_WITH_TIMEOUT(finished.count() == i || app->isScraping(), 5000);
                if (finished.count() < i)
                    fx.clock.advance(500);
            }
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), i, 5000);
        }
        death = fx.m.pull().lastDeath;
        QVERIFY(death);
        QVERIFY2(death->detectedAtMs > diedAt && death->detectionMs() <= 2 * IntervalMs,
                 qPrintable(QString::number(death->detectionMs())));
        QCOMPARE(fx.m.pull().detected, 1);
        QCOMPARE(fx.m.pull().detectionMedianMs, death->detectionMs());
    }

    void pushJobEndIsNeverDetectedAndItsValueAges() {
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        PPL_STEP(fx.clock, fx.lab, 3000);
        QSignalSpy pushed(&fx.lab, &Lab::pushed);
        QVERIFY(fx.lab.runJob("backup"));
        PPL_STEP(fx.clock, fx.lab, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        PPL_STEP(fx.clock, fx.lab, 2 * IntervalMs); // the gateway was scraped since
        ModelMeasurements::Push p = fx.m.push();
        QVERIFY(p.lastJobEnd);
        QCOMPARE(p.lastJobEnd->job, QByteArray("backup"));
        QCOMPARE(p.lastJobEnd->state, JobRunState::Succeeded);
        QVERIFY(!p.lastJobEnd->detected);
        QVERIFY(p.lastJobEnd->stillServed);
        QVERIFY(p.lastJobEnd->lastPushMs > 0);
        QCOMPARE(p.lastJobEnd->storedPushMs, p.lastJobEnd->lastPushMs);
        QCOMPARE(p.runs, 1);
        QCOMPARE(p.runsPushed, 1);
        QCOMPARE(p.groups, 1);
        QCOMPARE(p.lingeringGroups, 1);
        const qint64 age = fx.clock.nowMs() - p.lastJobEnd->lastPushMs;
        QCOMPARE(p.oldestLingeringAgeMs, age);
        QVERIFY(p.freshnessSamples >= 1);
        QVERIFY2(p.freshnessMedianMs >= 0 && p.freshnessMedianMs <= IntervalMs,
                 qPrintable(QString::number(p.freshnessMedianMs)));
        QCOMPARE(p.gatewayIntervalMs, IntervalMs);

        PPL_STEP(fx.clock, fx.lab, 20'000);
        p = fx.m.push();
        QVERIFY(p.lastJobEnd);
        QVERIFY(!p.lastJobEnd->detected);
        QVERIFY(p.lastJobEnd->stillServed); // the store still has the old value, fresh samples
        QCOMPARE(p.oldestLingeringAgeMs, age + 20'000);
        QCOMPARE(fx.clock.nowMs() - p.lastJobEnd->storedPushMs, age + 20'000);
    }

    void exposingJobBetweenScrapesIsMissed() {
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        ScrapeLoop *report = fx.loop("report");
        QVERIFY(report);
        PPL_STEP(fx.clock, fx.lab, report->nextScrapeMs() - fx.clock.nowMs());
        // One second after a scrape of its port: the 2 s run ends before the next one.
        PPL_STEP(fx.clock, fx.lab, 1000);
        QVERIFY(fx.lab.runJob("report"));
        PPL_STEP(fx.clock, fx.lab, 3000);
        ModelMeasurements::Pull p = fx.m.pull();
        QCOMPARE(p.ephemeralRuns, 1);
        QCOMPARE(p.ephemeralMissed, 1);
        QCOMPARE(p.ephemeralShorterThanInterval, 1);
        // Started one second before a scrape: this run is caught.
        PPL_STEP(fx.clock, fx.lab, report->nextScrapeMs() - 1000 - fx.clock.nowMs());
        QVERIFY(fx.lab.runJob("report"));
        PPL_STEP(fx.clock, fx.lab, 3000);
        p = fx.m.pull();
        QCOMPARE(p.ephemeralRuns, 2);
        QCOMPARE(p.ephemeralMissed, 1);
        QCOMPARE(p.ephemeralShorterThanInterval, 2);
    }

    void newScenarioResets() {
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        PPL_STEP(fx.clock, fx.lab, 12'000);
        QVERIFY(fx.lab.killTarget("web-1"));
        QVERIFY(fx.m.pull().scrapes > 0);
        QVERIFY(fx.m.pull().lastDeath);
        QVERIFY2(fx.load(&error), qPrintable(error));
        QCOMPARE(fx.m.pull().scrapes, quint64(0));
        QVERIFY(!fx.m.pull().lastDeath);
        QVERIFY(!fx.m.push().lastJobEnd);
    }
};

QTEST_GUILESS_MAIN(TestModelMeasurements)
#include "tst_modelmeasurements.moc"
