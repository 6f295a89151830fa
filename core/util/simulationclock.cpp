#include "simulationclock.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>
#include <limits>

namespace ppl {

namespace {
constexpr qint64 NsPerMs = 1'000'000;
// A jump turn gives the event loop back after this much wall time, so sockets are served and
// the window repaints during a long fast-forward.
constexpr qint64 TurnBudgetNs = 8 * NsPerMs;
constexpr qint64 ProgressEveryNs = 50 * NsPerMs;
// Running above 1×, a callback due while real I/O is in flight waits this long at most: at
// 60× a 10 s scrape timeout is 167 ms of wall time, and a loaded machine may need that long to
// answer over loopback. At 1× nothing waits: wall time would not either.
constexpr qint64 RunningIoWaitMs = 250;
constexpr qint64 SpeedWindowMs = 2000;
} // namespace

QList<double> SimulationClock::presetSpeeds() {
    return {0.25, 1, 2, 5, 10, 30, 60};
}

SimulationClock::SimulationClock(QObject *parent)
    : SimulationClock(QDateTime::currentMSecsSinceEpoch(), parent) {}

SimulationClock::SimulationClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_timer(new QTimer(this))
    , m_jumpTimer(new QTimer(this))
    , m_statsTimer(new QTimer(this)) {
    m_wall.start();
    m_frozen = startMs;
    reanchor(startMs);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SimulationClock::fireDue);
    m_jumpTimer->setSingleShot(true);
    connect(m_jumpTimer, &QTimer::timeout, this, &SimulationClock::jumpTurn);
    m_statsTimer->setInterval(250);
    connect(m_statsTimer, &QTimer::timeout, this, &SimulationClock::sampleSpeed);
    m_statsTimer->start();
}

SimulationClock::~SimulationClock() = default;

qint64 SimulationClock::maxLagMs() const {
    // At 1× and below the lab keeps to wall time through a hiccup of up to a second (outside
    // programs may watch it). Faster, a late callback holds time within 100 ms of it: the
    // effective speed drops instead, and periodic work keeps its cadence.
    return m_speed <= 1.0 ? 1000 : 100;
}

qint64 SimulationClock::runningNow(bool *behind) const {
    const qint64 elapsedNs = wallNs() - m_anchorWallNs;
    qint64 now = m_anchorSim + qint64(std::floor(double(elapsedNs) * m_speed / NsPerMs));
    qint64 earliest = m_firingDue;
    if (!m_queue.empty())
        earliest = earliest < 0 ? m_queue.begin()->first.first
                                : std::min(earliest, m_queue.begin()->first.first);
    if (earliest >= 0) {
        // Waiting for real I/O before the earliest callback: time stands at its due time
        // until the reply is in, as in a jump.
        const qint64 lag = m_ioWaitSinceNs >= 0 ? 0 : maxLagMs();
        const qint64 cap = std::max(earliest + lag, m_lastNow);
        if (now > cap) {
            now = cap;
            if (behind)
                *behind = true;
        }
    }
    now = std::max(now, m_lastNow);
    m_lastNow = now;
    return now;
}

qint64 SimulationClock::nowMs() const {
    return m_mode == Mode::Running ? runningNow(nullptr) : m_frozen;
}

qint64 SimulationClock::nowUs() const {
    const qint64 ms = nowMs();
    if (m_mode != Mode::Running)
        return ms * 1000;
    const qint64 elapsedNs = wallNs() - m_anchorWallNs;
    const qint64 us = m_anchorSim * 1000 + qint64(std::floor(double(elapsedNs) * m_speed / 1000));
    return us / 1000 == ms ? us : ms * 1000; // held back: the millisecond's start
}

void SimulationClock::reanchor(qint64 simMs) {
    m_anchorSim = simMs;
    m_anchorWallNs = wallNs();
    m_lastNow = simMs;
}

Clock::TimerId SimulationClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn) {
    const TimerId id = m_nextId++;
    const bool earliest = m_queue.empty() || atMs < m_queue.begin()->first.first;
    m_queue.emplace(std::make_pair(atMs, id), Pending{context, context != nullptr, std::move(fn)});
    m_dueById.insert(id, atMs);
    if (earliest && m_mode == Mode::Running)
        rearm();
    return id;
}

void SimulationClock::cancel(TimerId id) {
    const auto due = m_dueById.constFind(id);
    if (due == m_dueById.cend())
        return;
    m_queue.erase(std::make_pair(*due, id));
    m_dueById.erase(due);
}

qint64 SimulationClock::nextDueMs() const {
    return m_queue.empty() ? -1 : m_queue.begin()->first.first;
}

void SimulationClock::endIo() {
    m_io = std::max(0, m_io - 1);
    if (!ioBusy() && m_ioWaitSinceNs >= 0 && m_mode == Mode::Running)
        m_timer->start(0); // a callback was waiting for this reply
}

void SimulationClock::unparkIo() {
    m_parked = std::max(0, m_parked - 1);
}

void SimulationClock::rearm() {
    if (m_mode != Mode::Running || m_queue.empty()) {
        m_timer->stop();
        return;
    }
    const qint64 ahead = m_queue.begin()->first.first - nowMs();
    const double wall = ahead <= 0 ? 0.0 : std::ceil(double(ahead) / m_speed);
    m_timer->start(int(std::min(wall, 24.0 * 3600 * 1000)));
}

bool SimulationClock::waitForIo() {
    if (!ioBusy()) {
        m_ioWaitSinceNs = -1;
        m_ioGaveUp = false;
        return true;
    }
    if (m_ioGaveUp || (m_mode == Mode::Running && m_speed <= 1.0))
        return true;
    const qint64 bound = m_mode == Mode::Jumping ? ioWaitBoundMs() : RunningIoWaitMs;
    const qint64 now = wallNs();
    if (m_ioWaitSinceNs < 0) {
        m_ioWaitSinceNs = now;
        return false;
    }
    if (now - m_ioWaitSinceNs < bound * NsPerMs)
        return false;
    // A peer that does not answer (a hung real exporter): go on, and do not wait again until
    // the I/O in flight has drained — its timeout on the clock will end it.
    ++m_ioWaitsExpired;
    m_ioWaitSinceNs = -1;
    m_ioGaveUp = true;
    return true;
}

bool SimulationClock::fireOne() {
    if (m_queue.empty())
        return false;
    auto node = m_queue.extract(m_queue.begin());
    m_dueById.remove(node.key().second);
    if (m_mode == Mode::Jumping)
        m_frozen = std::max(m_frozen, node.key().first);
    Pending &p = node.mapped();
    if (p.hasContext && !p.context)
        return true; // its owner is gone
    // While it runs it still counts as not yet done: time is held within the lag of it.
    const qint64 outer = m_firingDue;
    m_firingDue = node.key().first;
    p.fn();
    m_firingDue = outer;
    return true;
}

void SimulationClock::fireDue() {
    if (m_mode != Mode::Running)
        return;
    // What is due now runs; what falls due meanwhile waits for the next turn, so sockets are
    // served between callbacks even when the machine is behind.
    const qint64 turnStart = wallNs();
    bool behind = false;
    const qint64 limit = runningNow(&behind);
    while (!m_queue.empty() && m_queue.begin()->first.first <= limit) {
        if (!waitForIo()) {
            m_timer->start(1); // endIo() restarts it sooner
            return;
        }
        fireOne();
        if (m_mode != Mode::Running)
            return; // a callback paused the clock or started a jump
        if (wallNs() - turnStart >= TurnBudgetNs)
            break;
    }
    behind = false;
    const qint64 now = runningNow(&behind);
    if (behind)
        reanchor(now); // what could not be kept up with is lost, not skipped through
    rearm();
}

bool SimulationClock::isPaused() const {
    return m_mode == Mode::Paused || (m_mode == Mode::Jumping && m_after == Mode::Paused);
}

void SimulationClock::pause() {
    if (m_mode == Mode::Jumping) {
        if (m_after == Mode::Running) {
            m_after = Mode::Paused;
            Q_EMIT pausedChanged(true);
        }
        return;
    }
    if (m_mode == Mode::Paused)
        return;
    m_frozen = nowMs();
    m_mode = Mode::Paused;
    m_timer->stop();
    sampleSpeed();
    Q_EMIT pausedChanged(true);
}

void SimulationClock::resume() {
    if (m_mode == Mode::Jumping) {
        if (m_after == Mode::Paused) {
            m_after = Mode::Running;
            Q_EMIT pausedChanged(false);
        }
        return;
    }
    if (m_mode == Mode::Running)
        return;
    m_mode = Mode::Running;
    reanchor(m_frozen);
    m_samples.clear();
    rearm();
    Q_EMIT pausedChanged(false);
}

void SimulationClock::setSpeed(double speed) {
    speed = std::clamp(speed, MinSpeed, MaxSpeed);
    if (qFuzzyCompare(speed, m_speed))
        return;
    if (m_mode == Mode::Running)
        reanchor(nowMs());
    m_speed = speed;
    m_samples.clear();
    rearm();
    Q_EMIT speedChanged(m_speed);
}

bool SimulationClock::step() {
    if (m_mode != Mode::Paused || m_queue.empty())
        return false;
    startJump(std::numeric_limits<qint64>::max(), true);
    return true;
}

bool SimulationClock::advance(qint64 durationMs) {
    if (m_mode == Mode::Jumping || durationMs < 0)
        return false;
    const qint64 from = nowMs();
    startJump(from + durationMs, false);
    Q_EMIT fastForwardStarted(from, m_jumpTarget);
    return true;
}

double SimulationClock::fastForwardFraction() const {
    if (!isFastForwarding() || m_jumpTarget <= m_jumpFrom)
        return 1.0;
    return std::clamp(double(m_frozen - m_jumpFrom) / double(m_jumpTarget - m_jumpFrom), 0.0, 1.0);
}

void SimulationClock::startJump(qint64 targetMs, bool stepping) {
    m_frozen = nowMs();
    m_after = m_mode;
    m_mode = Mode::Jumping;
    m_stepping = stepping;
    m_jumpFrom = m_frozen;
    m_jumpTarget = targetMs;
    m_lastProgressNs = wallNs();
    m_ioWaitSinceNs = -1;
    m_timer->stop();
    m_jumpTimer->start(0);
}

void SimulationClock::jumpTurn() {
    if (m_mode != Mode::Jumping)
        return;
    const qint64 turnStart = wallNs();
    qint64 stepAt = -1;
    for (;;) {
        if (!waitForIo()) {
            m_jumpTimer->start(0); // the reply arrives on the event loop
            return;
        }
        const qint64 due = m_queue.empty() ? -1 : m_queue.begin()->first.first;
        if (m_stepping) {
            if (due < 0 || (stepAt >= 0 && due > stepAt)) {
                finishJump();
                return;
            }
            stepAt = std::max(due, m_frozen);
        } else if (due < 0 || due > m_jumpTarget) {
            m_frozen = std::max(m_frozen, m_jumpTarget);
            finishJump();
            return;
        }
        fireOne();
        if (m_mode != Mode::Jumping)
            return;
        const qint64 now = wallNs();
        if (!m_stepping && now - m_lastProgressNs >= ProgressEveryNs) {
            m_lastProgressNs = now;
            Q_EMIT fastForwardProgress(fastForwardFraction(), m_frozen);
        }
        if (now - turnStart >= TurnBudgetNs) {
            m_jumpTimer->start(0);
            return;
        }
    }
}

void SimulationClock::finishJump() {
    const bool stepping = m_stepping;
    m_stepping = false;
    m_mode = m_after;
    m_ioWaitSinceNs = -1;
    if (m_mode == Mode::Running) {
        reanchor(m_frozen);
        m_samples.clear();
        rearm();
    }
    if (stepping) {
        Q_EMIT stepped(m_frozen);
    } else {
        Q_EMIT fastForwardProgress(1.0, m_frozen);
        Q_EMIT fastForwardFinished(m_frozen);
    }
}

void SimulationClock::sampleSpeed() {
    double effective = 0;
    bool keepingUp = true;
    if (m_mode == Mode::Paused) {
        m_samples.clear();
    } else {
        const qint64 wallMs = m_wall.elapsed();
        m_samples.emplace_back(wallMs, nowMs());
        while (m_samples.size() > 2 && wallMs - m_samples.front().first > SpeedWindowMs)
            m_samples.pop_front();
        const qint64 span = m_samples.back().first - m_samples.front().first;
        if (span >= 500) {
            effective = double(m_samples.back().second - m_samples.front().second) / double(span);
            keepingUp = m_mode != Mode::Running || span < 1000 || effective >= 0.9 * m_speed;
        } else {
            effective = m_mode == Mode::Running ? m_speed : m_effective;
        }
    }
    if (std::abs(effective - m_effective) > 0.005) {
        m_effective = effective;
        Q_EMIT effectiveSpeedChanged(m_effective);
    }
    if (keepingUp != m_keepingUp) {
        m_keepingUp = keepingUp;
        Q_EMIT keepingUpChanged(m_keepingUp);
    }
}

} // namespace ppl
