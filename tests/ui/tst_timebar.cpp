#include "labtesthelpers.h"
#include "realpeer.h"

#include "lab/lab.h"
#include "sim/simulatedtarget.h"
#include "timebar.h"
#include "util/simulationclock.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
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

        // The slider is refused the same way and goes back to the speed the lab runs at.
        auto *slider = bar.findChild<QSlider *>(QStringLiteral("timeSpeedSlider"));
        QVERIFY(slider);
        QCOMPARE(slider->value(), TimeBar::sliderAt(1));
        slider->setValue(TimeBar::sliderAt(30));
        QCOMPARE(clock.speed(), 1.0);
        QVERIFY2(bar.message().contains(QLatin1String("wall time")), qPrintable(bar.message()));
        QCOMPARE(slider->value(), TimeBar::sliderAt(1));
        QCOMPARE(speed->currentData().toDouble(), 1.0);
    }

    void sliderScaleIsLogarithmicAndSnapsToPresets() {
        QCOMPARE(TimeBar::speedAtSlider(0), SimulationClock::MinSpeed);
        QCOMPARE(TimeBar::speedAtSlider(TimeBar::SliderSteps), SimulationClock::MaxSpeed);
        for (double p : SimulationClock::presetSpeeds()) {
            QCOMPARE(TimeBar::speedAtSlider(TimeBar::sliderAt(p)), p);
            // Near a preset snaps to it.
            QCOMPARE(TimeBar::speedAtSlider(std::min(TimeBar::sliderAt(p) + 10, 1000)), p);
        }
        // 1× sits where log(1/0.1)/log(600) puts it, not in the middle as a linear scale would.
        QCOMPARE(TimeBar::sliderAt(1), 360);
        double last = 0;
        for (int v = 0; v <= TimeBar::SliderSteps; v += 5) {
            const double s = TimeBar::speedAtSlider(v);
            QVERIFY2(s >= last, qPrintable(QString::number(v)));
            last = s;
        }
        // Between presets: two significant digits.
        QCOMPARE(TimeBar::speedAtSlider(TimeBar::sliderAt(3.4)), 3.4);
        QCOMPARE(TimeBar::speedAtSlider(TimeBar::sliderAt(17)), 17.0);
    }

    void speedSliderStaysInSyncWithBoxKeysAndClock() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QVERIFY(lab.loadScenario(test::scenarioFrom(test::OneService)));
        TimeBar bar(&lab);
        bar.show();
        auto *speed = bar.findChild<QComboBox *>(QStringLiteral("timeSpeed"));
        auto *slider = bar.findChild<QSlider *>(QStringLiteral("timeSpeedSlider"));
        QVERIFY(speed && slider);
        QCOMPARE(slider->value(), TimeBar::sliderAt(1));

        // The box moves the slider.
        chooseSpeed(speed, 10);
        QCOMPARE(clock.speed(), 10.0);
        QCOMPARE(slider->value(), TimeBar::sliderAt(10));

        // Keys on the slider set the speed at once; the box shows it.
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_PageUp); // +100 steps: past 10×, short of 30×
        const double up = TimeBar::speedAtSlider(TimeBar::sliderAt(10) + 100);
        QVERIFY2(up > 10 && up < 30, qPrintable(QString::number(up)));
        QCOMPARE(clock.speed(), up);
        QCOMPARE(speed->currentData().toDouble(), up);
        QCOMPARE(speed->currentText(), QStringLiteral("%1\u00d7").arg(up));
        QVERIFY(bar.message().isEmpty());
        QTest::keyClick(slider, Qt::Key_End);
        QCOMPARE(clock.speed(), 60.0);
        QCOMPARE(speed->currentData().toDouble(), 60.0);
        QCOMPARE(speed->count(), int(SimulationClock::presetSpeeds().size())); // no extra item
        QTest::keyClick(slider, Qt::Key_Home);
        QCOMPARE(clock.speed(), 0.1);

        // /lab/clock (the lab's command) moves both.
        QString error;
        QVERIFY2(lab.setSpeed(3, &error), qPrintable(error));
        QCOMPARE(slider->value(), TimeBar::sliderAt(3));
        QCOMPARE(speed->currentData().toDouble(), 3.0);
        QVERIFY2(lab.setSpeed(2, &error), qPrintable(error));
        QCOMPARE(slider->value(), TimeBar::sliderAt(2));
        QCOMPARE(speed->currentData().toDouble(), 2.0);
    }
};

QTEST_MAIN(TestTimeBar)
#include "tst_timebar.moc"
