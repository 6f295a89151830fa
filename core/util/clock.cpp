#include "clock.h"

#include <chrono>

#include <QDateTime>
#include <QTimer>

namespace ppl {

Clock *Clock::system() {
    static SystemClock *clock = new SystemClock; // lives for the process, like wall time
    return clock;
}

SystemClock::SystemClock(QObject *parent)
    : Clock(parent)
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SystemClock::fireDue);
}

SystemClock::~SystemClock() = default;

qint64 SystemClock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 SystemClock::nowUs() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Clock::TimerId SystemClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn) {
    const TimerId id = m_nextId++;
    const bool earliest = m_queue.empty() || atMs < m_queue.begin()->first.first;
    m_queue.emplace(std::make_pair(atMs, id), Pending{context, context != nullptr, std::move(fn)});
    m_dueById.insert(id, atMs);
    if (earliest)
        rearm();
    return id;
}

void SystemClock::cancel(TimerId id) {
    const auto due = m_dueById.constFind(id);
    if (due == m_dueById.cend())
        return;
    m_queue.erase(std::make_pair(*due, id));
    m_dueById.erase(due);
}

void SystemClock::fireDue() {
    // Everything due now runs in time order; callbacks may schedule or cancel others.
    const qint64 now = nowMs();
    while (!m_queue.empty() && m_queue.begin()->first.first <= now) {
        auto node = m_queue.extract(m_queue.begin());
        m_dueById.remove(node.key().second);
        Pending &p = node.mapped();
        if (p.hasContext && !p.context)
            continue; // its owner is gone
        p.fn();
    }
    rearm();
}

void SystemClock::rearm() {
    if (m_queue.empty()) {
        m_timer->stop();
        return;
    }
    const qint64 delay = std::max<qint64>(0, m_queue.begin()->first.first - nowMs());
    m_timer->start(int(std::min<qint64>(delay, 24LL * 3600 * 1000)));
}

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_now(startMs) {}

Clock::TimerId ManualClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn) {
    const TimerId id = m_nextId++;
    m_queue.emplace(std::make_pair(std::max(atMs, m_now), id),
                    Pending{id, context, context != nullptr, std::move(fn)});
    return id;
}

void ManualClock::cancel(TimerId id) {
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->second.id == id) {
            m_queue.erase(it);
            return;
        }
    }
}

void ManualClock::advance(qint64 deltaMs) {
    advanceTo(m_now + deltaMs);
}

void ManualClock::advanceTo(qint64 targetMs) {
    while (!m_queue.empty() && m_queue.begin()->first.first <= targetMs) {
        auto node = m_queue.extract(m_queue.begin());
        m_now = std::max(m_now, node.key().first);
        Pending &p = node.mapped();
        if (p.hasContext && !p.context)
            continue; // its owner is gone
        p.fn();
    }
    m_now = std::max(m_now, targetMs);
}

} // namespace ppl
