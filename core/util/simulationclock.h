#pragma once

#include "clock.h"

#include <QElapsedTimer>

#include <deque>

namespace ppl {

// The lab's clock in the window and headless runs: wall time scaled by a speed (0.1× to 60×),
// which can pause, step to the next due callback, and fast-forward by a duration.
//
// Running at speed s, nowMs() = anchor + wall elapsed × s, and one QTimer is armed at the
// wall delay (due − now) / s of the earliest callback. When the event loop falls behind, the
// clock waits for it rather than letting sim time run away: nowMs() never gets more than
// maxLagMs() past the earliest callback still to run, and the time that could not be kept up
// with is lost (the effective speed drops, keepingUp() turns false) — no tick is skipped.
//
// Step and fast-forward move event by event: nowMs() jumps to each callback's due time and
// stays there while it runs, as with the ManualClock. Before a jump, real I/O in flight
// (beginIo()/endIo(), less what a simulated server parks on the clock) is given up to
// ioWaitBoundMs() of wall time to finish, so a scrape over a real socket completes before its
// timeout can fire. A fast-forward runs in turns on the event loop (the window stays live,
// sockets are served) and reports its progress.
// Thread affinity: the thread that created it, like every Clock.
class SimulationClock : public Clock {
    Q_OBJECT
public:
    static constexpr double MinSpeed = 0.1;
    static constexpr double MaxSpeed = 60.0;
    static QList<double> presetSpeeds(); // 0.25, 1, 2, 5, 10, 30, 60

    // Starts running at 1× from startMs (default: now, on the wall clock).
    explicit SimulationClock(QObject *parent = nullptr);
    explicit SimulationClock(qint64 startMs, QObject *parent = nullptr);
    ~SimulationClock() override;

    qint64 nowMs() const override;
    qint64 nowUs() const override;
    TimerId callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    void beginIo() override { ++m_io; }
    void endIo() override;
    void parkIo() override { ++m_parked; }
    void unparkIo() override;

    double speed() const { return m_speed; }
    // Clamped to [MinSpeed, MaxSpeed]; takes effect from the current simulated instant.
    void setSpeed(double speed);

    // The user's pause: stays set through a step or fast-forward started while paused.
    bool isPaused() const;
    void pause();
    void resume();

    // While paused: runs the callbacks due at the earliest pending time (the next scrape,
    // push, job start or end, rule evaluation, timed action), then stays paused. False when
    // not paused, already jumping, or nothing is scheduled.
    bool step();
    // Runs as fast as the machine allows until the clock is durationMs further, then goes
    // back to paused or the previous speed. False while a step or fast-forward is running.
    bool advance(qint64 durationMs);
    bool isFastForwarding() const { return m_mode == Mode::Jumping && !m_stepping; }
    bool isJumping() const { return m_mode == Mode::Jumping; }
    // 0..1 through the current fast-forward (1 when none runs).
    double fastForwardFraction() const;
    qint64 fastForwardTargetMs() const { return m_jumpTarget; }

    // Simulated ms advanced per wall ms over the last ~2 s (0 while paused).
    double effectiveSpeed() const { return m_effective; }
    // False while running and the effective speed stays below 90 % of the speed asked for.
    bool keepingUp() const { return m_keepingUp; }
    // How far past the earliest callback still to run nowMs() may get while running.
    qint64 maxLagMs() const;
    static constexpr qint64 ioWaitBoundMs() { return 2000; }
    int ioInFlight() const { return m_io; }
    // Jumps that went on because I/O had not finished within ioWaitBoundMs().
    int ioWaitsExpired() const { return m_ioWaitsExpired; }
    int pendingCount() const { return int(m_queue.size()); }
    // The due time of the earliest pending callback, or -1.
    qint64 nextDueMs() const;

Q_SIGNALS:
    void speedChanged(double speed);
    void pausedChanged(bool paused);
    void stepped(qint64 simMs);
    void fastForwardStarted(qint64 fromMs, qint64 toMs);
    void fastForwardProgress(double fraction, qint64 simMs);
    void fastForwardFinished(qint64 simMs);
    void effectiveSpeedChanged(double speed);
    void keepingUpChanged(bool keepingUp);

private:
    enum class Mode { Running, Paused, Jumping };
    struct Pending {
        QPointer<QObject> context;
        bool hasContext;
        std::function<void()> fn;
    };
    qint64 wallNs() const { return m_wall.nsecsElapsed(); }
    // Running: the scaled wall time, held within maxLagMs() of the earliest callback;
    // *behind is set when it had to be held.
    qint64 runningNow(bool *behind) const;
    void reanchor(qint64 simMs);
    void rearm();
    void fireDue();
    bool fireOne(); // the earliest callback; false if the queue is empty
    bool ioBusy() const { return m_io - m_parked > 0; }
    bool waitForIo(); // true: go on now; false: come back on a later turn
    void startJump(qint64 targetMs, bool stepping);
    void jumpTurn();
    void finishJump();
    void sampleSpeed();

    Mode m_mode = Mode::Running;
    Mode m_after = Mode::Running; // where a jump returns to
    double m_speed = 1.0;
    QElapsedTimer m_wall;
    qint64 m_anchorSim = 0;
    qint64 m_anchorWallNs = 0;
    qint64 m_frozen = 0;          // nowMs() while paused or jumping
    mutable qint64 m_lastNow = 0; // nowMs() never goes back
    qint64 m_firingDue = -1;      // the due time of the callback running now

    TimerId m_nextId = 1;
    std::map<std::pair<qint64, TimerId>, Pending> m_queue;
    QHash<TimerId, qint64> m_dueById;
    QTimer *m_timer;     // running: the earliest due, in wall time
    QTimer *m_jumpTimer; // jumping: the next turn
    QTimer *m_statsTimer;

    int m_io = 0;
    int m_parked = 0;
    qint64 m_ioWaitSinceNs = -1;
    bool m_ioGaveUp = false;
    int m_ioWaitsExpired = 0;

    bool m_stepping = false;
    qint64 m_jumpFrom = 0;
    qint64 m_jumpTarget = 0;
    qint64 m_lastProgressNs = 0;

    std::deque<std::pair<qint64, qint64>> m_samples; // (wall ms, sim ms)
    double m_effective = 1.0;
    bool m_keepingUp = true;
};

} // namespace ppl
