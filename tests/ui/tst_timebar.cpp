#include "labtesthelpers.h"
#include "realpeer.h"

#include "lab/lab.h"
#include "sim/simulatedtarget.h"
#include "timebar.h"
#include "util/simulationclock.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace ppl;

namespace {
constexpr qint64 Start = 1'700'000'000'000;

void chooseSpeed(QComboBox *box, double speed) {
    const int i = box->findData(speed);
    QVERIFY(i >= 0);
    box->setCurrentIndex(i);
    Q_EMIT box->activated(i);
}
} // namespace

class TestTimeBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void controlsTheLabClock() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QVERIFY(lab.loadScenario(test::scenarioFrom(test::OneService)));
        TimeBar bar(&lab);
        bar.show();
        auto *play = bar.findChild<QToolButton *>(QStringLiteral("timePlay"));
        auto *step = bar.findChild<QToolButton *>(QStringLiteral("timeStep"));
        auto *speed = bar.findChild<QComboBox *>(QStringLiteral("timeSpeed"));
        auto *plus5 = bar.findChild<QToolButton *>(QStringLiteral("timeAdvance300"));
        auto *now = bar.findChild<QLabel *>(QStringLiteral("timeNow"));
        QVERIFY(play && step && speed && plus5 && now);
        QCOMPARE(speed->currentData().toDouble(), 1.0);

        chooseSpeed(speed, 10);
        QCOMPARE(clock.speed(), 10.0);
        QVERIFY(bar.message().isEmpty());

        QTest::mouseClick(play, Qt::LeftButton);
        QVERIFY(lab.isPaused());
        QVERIFY(clock.isPaused());
        QVERIFY(step->isEnabled());
        const qint64 before = clock.nowMs();
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QTest::mouseClick(plus5, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QCOMPARE(clock.nowMs(), before + 300'000);
        QVERIFY(lab.isPaused());
        QTRY_COMPARE_WITH_TIMEOUT(now->text(),
                                  QDateTime::fromMSecsSinceEpoch(before + 300'000)
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                  2000);
        QSignalSpy stepped(&clock, &SimulationClock::stepped);
        QTest::mouseClick(step, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stepped.count(), 1, 5000);
        QVERIFY(clock.nowMs() > before + 300'000);

        QTest::mouseClick(play, Qt::LeftButton);
        QVERIFY(!lab.isPaused());
        QVERIFY(!step->isEnabled());
    }

    void showsWhyASpeedIsRefused() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QVERIFY(lab.loadScenario(test::scenarioFrom(test::OneService)));
        TimeBar bar(&lab);
        auto *speed = bar.findChild<QComboBox *>(QStringLiteral("timeSpeed"));
        QVERIFY(speed);
        // An outside program scrapes a simulated target: the lab keeps wall time.
        const auto reply = test::httpRequest("GET", lab.target("web-1")->metricsUrl());
        QCOMPARE(reply.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!lab.wallTimeReason().isEmpty(), 5000);
        chooseSpeed(speed, 30);
        QCOMPARE(clock.speed(), 1.0);
        QVERIFY2(bar.message().contains(QLatin1String("wall time")), qPrintable(bar.message()));
        QCOMPARE(speed->currentData().toDouble(), 1.0); // shows the speed the lab runs at
    }
};

QTEST_MAIN(TestTimeBar)
#include "tst_timebar.moc"
