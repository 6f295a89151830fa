#include "clock.h"

#include <QDateTime>
#include <QTimer>

namespace ppl {

Clock *Clock::system() {
    static SystemClock *clock = new SystemClock; // lives for the process, like wall time
    return clock;
}

SystemClock::SystemClock(QObject *parent)
    : Clock(parent) {}

qint64 SystemClock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch();
}

Clock::TimerId SystemClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn) {
    const TimerId id = m_nextId++;
    auto *timer = new QTimer(context ? context : this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    m_timers.insert(id, timer);
    QObject::connect(timer, &QTimer::timeout, timer, [this, id, timer, fn = std::move(fn)] {
        m_timers.remove(id);
        timer->deleteLater();
        fn();
    });
    timer->start(int(std::max<qint64>(0, atMs - nowMs())));
    return id;
}

void SystemClock::cancel(TimerId id) {
    if (auto *timer = qobject_cast<QTimer *>(m_timers.take(id).data())) {
        timer->stop();
        timer->deleteLater();
    }
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
