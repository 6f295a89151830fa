#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace ppl;

class TestClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void manualFiresInOrderWithDueTime() {
        ManualClock clock(1000);
        QList<QPair<int, qint64>> fired;
        clock.callAt(1300, nullptr, [&] { fired.append({3, clock.nowMs()}); });
        clock.callAt(1100, nullptr, [&] { fired.append({1, clock.nowMs()}); });
        clock.callAfter(200, nullptr, [&] { fired.append({2, clock.nowMs()}); });
        clock.advance(250);
        QCOMPARE(fired.size(), 2);
        QCOMPARE(fired[0], qMakePair(1, qint64(1100)));
        QCOMPARE(fired[1], qMakePair(2, qint64(1200)));
        QCOMPARE(clock.nowMs(), 1250);
        clock.advance(100);
        QCOMPARE(fired.size(), 3);
        QCOMPARE(fired[2], qMakePair(3, qint64(1300)));
    }
    void manualRescheduleInsideWindowFires() {
        ManualClock clock(0);
        int ticks = 0;
        std::function<void()> tick = [&] {
            ++ticks;
            clock.callAfter(100, nullptr, tick);
        };
        clock.callAfter(100, nullptr, tick);
        clock.advance(1000);
        QCOMPARE(ticks, 10);
    }
    void cancelAndDeadContext() {
        ManualClock clock(0);
        bool a = false, b = false;
        auto id = clock.callAt(10, nullptr, [&] { a = true; });
        auto *ctx = new QObject;
        clock.callAt(10, ctx, [&] { b = true; });
        clock.cancel(id);
        delete ctx;
        clock.advance(20);
        QVERIFY(!a);
        QVERIFY(!b);
        QCOMPARE(clock.pendingCount(), 0);
    }
    void systemClockFires() {
        SystemClock clock;
        bool fired = false;
        const qint64 start = clock.nowMs();
        clock.callAfter(20, nullptr, [&] { fired = true; });
        QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
        QVERIFY(clock.nowMs() - start >= 19);
    }
    void systemClockOrderCancelAndDeadContext() {
        SystemClock clock;
        QList<int> fired;
        const qint64 now = clock.nowMs();
        clock.callAt(now + 30, nullptr, [&] { fired.append(3); });
        clock.callAt(now + 10, nullptr, [&] { fired.append(1); });
        const auto cancelled = clock.callAt(now + 20, nullptr, [&] { fired.append(99); });
        auto *ctx = new QObject;
        clock.callAt(now + 20, ctx, [&] { fired.append(98); });
        clock.callAt(now + 20, nullptr, [&] {
            fired.append(2);
            clock.callAfter(0, nullptr, [&] { fired.append(4); }); // scheduled from a callback
        });
        clock.cancel(cancelled);
        delete ctx;
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 4, 5000);
        QCOMPARE(fired, (QList<int>{1, 2, 4, 3})); // 4 is due at +20, before 3
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
