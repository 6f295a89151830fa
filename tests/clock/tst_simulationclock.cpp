#include "util/simulationclock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace ppl;

namespace {
constexpr qint64 Start = 1'700'000'000'000;

// Lets the event loop run for wallMs without a bare sleep: waits on a timer's signal.
void runEventLoopFor(int wallMs) {
    QTimer t;
    t.setSingleShot(true);
    QSignalSpy spy(&t, &QTimer::timeout);
    t.start(wallMs);
    QVERIFY(spy.wait(wallMs + 5000));
}
} // namespace

class TestSimulationClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsRunningAtOneTimesFromStart() {
        SimulationClock clock(Start);
        QVERIFY(!clock.isPaused());
        QCOMPARE(clock.speed(), 1.0);
        QVERIFY(clock.nowMs() >= Start);
        QVERIFY(clock.nowMs() < Start + 1000);
    }

    void speedIsClamped() {
        SimulationClock clock(Start);
        clock.setSpeed(1000);
        QCOMPARE(clock.speed(), SimulationClock::MaxSpeed);
        clock.setSpeed(0.001);
        QCOMPARE(clock.speed(), SimulationClock::MinSpeed);
        QCOMPARE(SimulationClock::presetSpeeds(), (QList<double>{0.25, 1, 2, 5, 10, 30, 60}));
    }

    void runsFasterAtSixtyTimes() {
        SimulationClock clock(Start);
        clock.setSpeed(60);
        QElapsedTimer wall;
        wall.start();
        const qint64 from = clock.nowMs();
        qint64 firedAt = -1;
        clock.callAt(from + 30'000, nullptr, [&] { firedAt = clock.nowMs(); });
        QTRY_VERIFY_WITH_TIMEOUT(firedAt >= 0, 20'000);
        QVERIFY(firedAt >= from + 30'000);
        // 30 s at 60× is half a second of wall time; at 1× it would have been 30 s.
        QVERIFY2(wall.elapsed() < 10'000, qPrintable(QString::number(wall.elapsed())));
    }

    void speedChangeMidIntervalKeepsTimeContinuous() {
        SimulationClock clock(Start);
        clock.pause();
        const qint64 at = clock.nowMs();
        qint64 firedAt = -1;
        clock.callAt(at + 20'000, nullptr, [&] { firedAt = clock.nowMs(); });
        clock.setSpeed(0.5); // mid-interval, while paused: time does not move
        QCOMPARE(clock.nowMs(), at);
        clock.resume();
        const qint64 before = clock.nowMs();
        clock.setSpeed(60); // mid-interval, running: no jump either way
        const qint64 after = clock.nowMs();
        QVERIFY(after >= before);
        QVERIFY2(after - before < 1000, qPrintable(QString::number(after - before)));
        QTRY_VERIFY_WITH_TIMEOUT(firedAt >= 0, 20'000);
        QVERIFY(firedAt >= at + 20'000);
        QVERIFY(firedAt < at + 20'000 + clock.maxLagMs() + 2000);
    }

    void pauseFreezesTimeAndCallbacks() {
        SimulationClock clock(Start);
        clock.setSpeed(60);
        QSignalSpy paused(&clock, &SimulationClock::pausedChanged);
        clock.pause();
        QCOMPARE(paused.count(), 1);
        QVERIFY(clock.isPaused());
        const qint64 frozen = clock.nowMs();
        bool fired = false;
        clock.callAfter(10, nullptr, [&] { fired = true; });
        runEventLoopFor(100); // 6 s of lab time at 60× if it were running
        QVERIFY(!fired);
        QCOMPARE(clock.nowMs(), frozen);
        QCOMPARE(clock.effectiveSpeed(), 0.0);
        clock.resume();
        QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
        QVERIFY(clock.nowMs() >= frozen + 10);
    }

    void stepLandsOnTheNextEventAndStops() {
        SimulationClock clock(Start);
        clock.pause();
        QVERIFY(!clock.step()); // nothing scheduled yet
        const qint64 t0 = clock.nowMs();
        QList<QPair<char, qint64>> fired;
        clock.callAt(t0 + 5000, nullptr, [&] { fired.append({'a', clock.nowMs()}); });
        clock.callAt(t0 + 5000, nullptr, [&] { fired.append({'b', clock.nowMs()}); });
        clock.callAt(t0 + 9000, nullptr, [&] { fired.append({'c', clock.nowMs()}); });
        QSignalSpy stepped(&clock, &SimulationClock::stepped);
        QVERIFY(clock.step());
        QVERIFY(stepped.wait(5000));
        QCOMPARE(fired.size(), 2);
        QCOMPARE(fired[0], qMakePair('a', t0 + 5000));
        QCOMPARE(fired[1], qMakePair('b', t0 + 5000));
        QCOMPARE(clock.nowMs(), t0 + 5000);
        QVERIFY(clock.isPaused());
        QVERIFY(clock.step());
        QVERIFY(stepped.wait(5000));
        QCOMPARE(fired.size(), 3);
        QCOMPARE(fired[2], qMakePair('c', t0 + 9000));
        QCOMPARE(clock.nowMs(), t0 + 9000);
        QVERIFY(!clock.step()); // nothing left
        clock.resume();
        QVERIFY(!clock.step()); // only while paused
    }

    void advanceRunsEveryEventInOrderAndStaysPaused() {
        SimulationClock clock(Start);
        clock.pause();
        const qint64 t0 = clock.nowMs();
        QList<qint64> ticks;
        std::function<void()> tick = [&] {
            ticks.append(clock.nowMs());
            clock.callAfter(1000, nullptr, tick);
        };
        clock.callAfter(1000, nullptr, tick);
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QSignalSpy progress(&clock, &SimulationClock::fastForwardProgress);
        QVERIFY(clock.advance(300'000));
        QVERIFY(clock.isFastForwarding());
        QVERIFY(!clock.advance(1000)); // one at a time
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().first().toLongLong(), t0 + 300'000);
        QCOMPARE(ticks.size(), 300);
        for (int i = 0; i < ticks.size(); ++i)
            QCOMPARE(ticks[i], t0 + 1000 * (i + 1));
        QCOMPARE(clock.nowMs(), t0 + 300'000);
        QVERIFY(clock.isPaused());
        QVERIFY(!clock.isFastForwarding());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().toDouble(), 1.0);
        runEventLoopFor(50);
        QCOMPARE(clock.nowMs(), t0 + 300'000); // still paused
    }

    void advanceFromRunningGoesBackToThePreviousSpeed() {
        SimulationClock clock(Start);
        clock.setSpeed(5);
        const qint64 t0 = clock.nowMs();
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QVERIFY(clock.advance(3'600'000));
        QVERIFY(finished.wait(20'000));
        QVERIFY(!clock.isPaused());
        QCOMPARE(clock.speed(), 5.0);
        QVERIFY(clock.nowMs() >= t0 + 3'600'000);
        // It runs on from there: a callback 1 s ahead fires.
        bool fired = false;
        clock.callAfter(1000, nullptr, [&] { fired = true; });
        QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
    }

    void pauseDuringFastForwardEndsPaused() {
        SimulationClock clock(Start);
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        int n = 0;
        std::function<void()> tick = [&] {
            ++n;
            clock.callAfter(10, nullptr, tick);
        };
        clock.callAfter(10, nullptr, tick);
        QVERIFY(clock.advance(60'000));
        clock.pause();
        QVERIFY(clock.isPaused());
        QVERIFY(finished.wait(20'000));
        QVERIFY(clock.isPaused());
        QVERIFY(n >= 6000);
    }

    void jumpsWaitForIoInFlight() {
        SimulationClock clock(Start);
        clock.pause();
        const qint64 t0 = clock.nowMs();
        bool timeout = false;
        clock.callAt(t0 + 10'000, nullptr, [&] { timeout = true; });
        clock.beginIo(); // a scrape's reply is on its way
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QVERIFY(clock.advance(60'000));
        runEventLoopFor(100);
        QVERIFY(!timeout); // not past the reply
        QCOMPARE(clock.nowMs(), t0);
        clock.endIo();
        QVERIFY(finished.wait(5000));
        QVERIFY(timeout);
        QCOMPARE(clock.ioWaitsExpired(), 0);
    }

    void parkedIoDoesNotHoldJumps() {
        SimulationClock clock(Start);
        clock.pause();
        const qint64 t0 = clock.nowMs();
        bool timeout = false;
        clock.callAt(t0 + 10'000, nullptr, [&] { timeout = true; });
        clock.beginIo(); // a scrape of a hanging target: only the clock ends it
        clock.parkIo();
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QVERIFY(clock.advance(60'000));
        QVERIFY(finished.wait(1000)); // well below ioWaitBoundMs()
        QVERIFY(timeout);
        clock.endIo();
        clock.unparkIo();
    }

    void ioThatNeverEndsIsWaitedForBoundedly() {
        SimulationClock clock(Start);
        clock.pause();
        bool fired = false;
        clock.callAfter(1000, nullptr, [&] { fired = true; });
        clock.beginIo(); // a real peer that never answers
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QVERIFY(clock.advance(5000));
        QVERIFY(finished.wait(SimulationClock::ioWaitBoundMs() + 5000));
        QVERIFY(fired);
        QCOMPARE(clock.ioWaitsExpired(), 1);
        clock.endIo();
    }

    void cancelAndDeadContext() {
        SimulationClock clock(Start);
        clock.pause();
        bool a = false, b = false, c = false;
        const auto id = clock.callAfter(10, nullptr, [&] { a = true; });
        auto *ctx = new QObject;
        clock.callAfter(10, ctx, [&] { b = true; });
        clock.callAfter(20, nullptr, [&] { c = true; });
        clock.cancel(id);
        delete ctx;
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        QVERIFY(clock.advance(100));
        QVERIFY(finished.wait(5000));
        QVERIFY(!a);
        QVERIFY(!b);
        QVERIFY(c);
        QCOMPARE(clock.pendingCount(), 0);
    }

    void saysSoWhenItCannotKeepUpAndSkipsNoTick() {
        SimulationClock clock(Start);
        clock.setSpeed(60);
        QList<qint64> ticks;
        // Each tick costs 40 ms of wall time and comes every 1 s of lab time on a fixed grid,
        // as scrapes do (17 ms at 60×): the machine manages ~25×, not 60×.
        qint64 next = clock.nowMs() + 1000;
        std::function<void()> tick = [&] {
            ticks.append(clock.nowMs());
            QElapsedTimer busy;
            busy.start();
            while (busy.elapsed() < 40) {
            }
            next += 1000;
            clock.callAt(next, nullptr, tick);
        };
        clock.callAt(next, nullptr, tick);
        QSignalSpy keepingUp(&clock, &SimulationClock::keepingUpChanged);
        QTRY_VERIFY_WITH_TIMEOUT(!clock.keepingUp(), 20'000);
        QVERIFY(clock.effectiveSpeed() < 0.9 * 60);
        QVERIFY(clock.effectiveSpeed() > 1);
        QVERIFY(!keepingUp.isEmpty());
        clock.pause();
        // Nothing was skipped: every tick ran, each at most the allowed lag after it was due.
        const qint64 first = ticks.first();
        for (int i = 0; i < ticks.size(); ++i) {
            const qint64 due = first + 1000 * i;
            QVERIFY(ticks[i] >= due);
            QVERIFY2(ticks[i] <= due + clock.maxLagMs() + 100,
                     qPrintable(QString::number(ticks[i] - due)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(clock.keepingUp(), 5000); // paused: nothing to keep up with
    }

    void effectiveSpeedFollowsTheSpeed() {
        SimulationClock clock(Start);
        clock.setSpeed(10);
        runEventLoopFor(1200); // a measured window
        QTRY_VERIFY_WITH_TIMEOUT(clock.effectiveSpeed() > 8 && clock.effectiveSpeed() < 12, 10'000);
        QVERIFY(clock.keepingUp());
    }
};

QTEST_GUILESS_MAIN(TestSimulationClock)
#include "tst_simulationclock.moc"
