#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <cstdint>
#include <functional>
#include <map>

class QTimer;

namespace ppl {

// The one source of time for everything in core/. Timestamps are milliseconds since the Unix
// epoch, as in Prometheus. Periodic work (scrape loops, persistence, jobs) schedules itself
// with callAt() instead of owning a QTimer, so tests can drive it with a ManualClock.
// Thread affinity: a clock and its callbacks live on the thread that created the clock.
class Clock : public QObject {
    Q_OBJECT
public:
    using TimerId = quint64;

    explicit Clock(QObject *parent = nullptr)
        : QObject(parent) {}
    ~Clock() override = default;

    virtual qint64 nowMs() const = 0;
    // Microseconds, for what the real systems stamp finer than a sample (the Pushgateway's
    // push_time_seconds). Clocks that only know milliseconds answer nowMs() × 1000.
    virtual qint64 nowUs() const { return nowMs() * 1000; }

    // Runs fn once, when the clock reaches atMs (at once, on the next event-loop turn or the
    // next advance, if atMs is already past). Nothing runs if context is destroyed first.
    virtual TimerId callAt(qint64 atMs, QObject *context, std::function<void()> fn) = 0;
    TimerId callAfter(qint64 delayMs, QObject *context, std::function<void()> fn) {
        return callAt(nowMs() + delayMs, context, std::move(fn));
    }
    virtual void cancel(TimerId id) = 0;

    // Real network I/O in flight (a scrape or a push over a socket). A clock that can jump
    // (SimulationClock's step and fast-forward) waits for it before moving past the next
    // event, so a timeout measured on the clock does not fire while the reply is on its way.
    // A server that deliberately holds a request until a later clock time (a hanging or slow
    // simulated target) parks it, so the clock does not wait for what only time can end.
    // Calls must pair; wall clocks and the manual clock ignore them.
    virtual void beginIo() {}
    virtual void endIo() {}
    virtual void parkIo() {}
    virtual void unparkIo() {}

    // The process-wide wall clock.
    static Clock *system();
};

// Wall time. All callbacks share one QTimer armed for the earliest due time: a QTimer object
// per callback made timer bookkeeping show up in scrape profiles with hundreds of targets.
class SystemClock : public Clock {
    Q_OBJECT
public:
    explicit SystemClock(QObject *parent = nullptr);
    ~SystemClock() override;
    qint64 nowMs() const override;
    qint64 nowUs() const override;
    TimerId callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;
    void cancel(TimerId id) override;

private:
    struct Pending {
        QPointer<QObject> context;
        bool hasContext;
        std::function<void()> fn;
    };
    void fireDue();
    void rearm();

    TimerId m_nextId = 1;
    std::map<std::pair<qint64, TimerId>, Pending> m_queue;
    QHash<TimerId, qint64> m_dueById; // for cancel()
    QTimer *m_timer;
};

// Time that moves only when a test (or the lab's step mode) says so. advance() fires every
// due callback in time order, with nowMs() equal to each callback's due time while it runs;
// callbacks scheduled during advance() fire too if they fall inside the advanced window.
class ManualClock : public Clock {
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000, QObject *parent = nullptr);
    qint64 nowMs() const override { return m_now; }
    TimerId callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;
    void cancel(TimerId id) override;

    void advance(qint64 deltaMs);
    void advanceTo(qint64 targetMs);
    int pendingCount() const { return int(m_queue.size()); }

private:
    struct Pending {
        TimerId id;
        QPointer<QObject> context;
        bool hasContext;
        std::function<void()> fn;
    };
    qint64 m_now;
    TimerId m_nextId = 1;
    std::multimap<std::pair<qint64, TimerId>, Pending> m_queue;
};

} // namespace ppl
