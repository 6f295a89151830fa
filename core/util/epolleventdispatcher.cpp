#include "epolleventdispatcher.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace ppl {

quint32 EpollEventDispatcher::Watch::events() const {
    quint32 e = 0;
    if (read)
        e |= EPOLLIN;
    if (write)
        e |= EPOLLOUT;
    if (exception)
        e |= EPOLLPRI;
    return e;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent) {
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wake;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
}

EpollEventDispatcher::~EpollEventDispatcher() {
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

qint64 EpollEventDispatcher::nowMs() const {
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs() / 1'000'000;
}

void EpollEventDispatcher::updateWatch(int fd, const Watch &before) {
    const auto it = m_watches.constFind(fd);
    const quint32 now = it == m_watches.constEnd() ? 0 : it->events();
    const quint32 was = before.events();
    if (now == was)
        return;
    epoll_event ev{};
    ev.events = now;
    ev.data.fd = fd;
    if (now == 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &ev);
        m_watches.remove(fd);
    } else if (was == 0) {
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST)
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev); // a closed fd's number reused
    } else {
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
    }
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier) {
    const int fd = int(notifier->socket());
    const Watch before = m_watches.value(fd);
    Watch &w = m_watches[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        w.read = notifier;
        break;
    case QSocketNotifier::Write:
        w.write = notifier;
        break;
    case QSocketNotifier::Exception:
        w.exception = notifier;
        break;
    }
    updateWatch(fd, before);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier) {
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    const Watch before = *it;
    if (it->read == notifier)
        it->read = nullptr;
    if (it->write == notifier)
        it->write = nullptr;
    if (it->exception == notifier)
        it->exception = nullptr;
    updateWatch(fd, before);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object) {
    m_timers.push_back(Timer{timerId, interval, timerType, object, nowMs() + interval});
}

bool EpollEventDispatcher::unregisterTimer(int timerId) {
    const auto it = std::find_if(m_timers.begin(), m_timers.end(),
                                 [timerId](const Timer &t) { return t.id == timerId; });
    if (it == m_timers.end())
        return false;
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object) {
    const auto before = m_timers.size();
    m_timers.erase(std::remove_if(m_timers.begin(), m_timers.end(),
                                  [object](const Timer &t) { return t.object == object; }),
                   m_timers.end());
    return m_timers.size() != before;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const {
    QList<TimerInfo> out;
    for (const Timer &t : m_timers) {
        if (t.object == object)
            out.append(TimerInfo(t.id, int(t.intervalMs), t.type));
    }
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId) {
    for (const Timer &t : m_timers) {
        if (t.id == timerId)
            return int(std::max<qint64>(0, t.dueMs - nowMs()));
    }
    return -1;
}

void EpollEventDispatcher::wakeUp() {
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof one);
}

void EpollEventDispatcher::interrupt() {
    m_interrupted.store(true);
    wakeUp();
}

int EpollEventDispatcher::waitTimeoutMs() const {
    if (m_timers.empty())
        return -1;
    qint64 due = LLONG_MAX;
    for (const Timer &t : m_timers)
        due = std::min(due, t.dueMs);
    return int(std::clamp<qint64>(due - nowMs(), 0, INT_MAX));
}

bool EpollEventDispatcher::activateSockets(int timeoutMs) {
    epoll_event events[256];
    int n;
    do {
        n = epoll_wait(m_epoll, events, 256, timeoutMs);
    } while (n < 0 && errno == EINTR && timeoutMs == 0);
    bool any = false;
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake) {
            quint64 value;
            [[maybe_unused]] const ssize_t r = ::read(m_wake, &value, sizeof value);
            continue;
        }
        const quint32 e = events[i].events;
        // As poll() reports them to Qt: errors and hang-ups wake readers and writers.
        const bool readable = e & (EPOLLIN | EPOLLHUP | EPOLLERR);
        const bool writable = e & (EPOLLOUT | EPOLLHUP | EPOLLERR);
        const bool exceptional = e & EPOLLPRI;
        // A handler may remove or delete any notifier: look each one up again.
        for (const QSocketNotifier::Type type :
             {QSocketNotifier::Exception, QSocketNotifier::Read, QSocketNotifier::Write}) {
            if ((type == QSocketNotifier::Read && !readable) ||
                (type == QSocketNotifier::Write && !writable) ||
                (type == QSocketNotifier::Exception && !exceptional))
                continue;
            const auto it = m_watches.constFind(fd);
            if (it == m_watches.constEnd())
                break;
            QSocketNotifier *notifier = type == QSocketNotifier::Read    ? it->read
                                        : type == QSocketNotifier::Write ? it->write
                                                                         : it->exception;
            if (!notifier)
                continue;
            QEvent activation(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &activation);
            any = true;
        }
    }
    return any;
}

bool EpollEventDispatcher::fireTimers() {
    const qint64 now = nowMs();
    m_firing.clear();
    for (Timer &t : m_timers) {
        if (t.dueMs <= now) {
            m_firing.push_back(t.id);
            // The next slot after now, as Qt keeps a timer's phase (no burst to catch up).
            t.dueMs = t.intervalMs > 0
                          ? t.dueMs + ((now - t.dueMs) / t.intervalMs + 1) * t.intervalMs
                          : now;
        }
    }
    for (int id : m_firing) {
        // Fired timers may stop others (or themselves): only those still registered fire.
        const auto it = std::find_if(m_timers.begin(), m_timers.end(),
                                     [id](const Timer &t) { return t.id == id; });
        if (it == m_timers.end())
            continue;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(it->object, &event);
    }
    return !m_firing.empty();
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags) {
    m_interrupted.store(false);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents(); // includes deferred deletes, at the right loop level
    if (m_interrupted.load())
        return false;
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents);
    const int timeout = canWait ? waitTimeoutMs() : 0;
    if (canWait && timeout != 0)
        Q_EMIT aboutToBlock();
    bool any = false;
    // Sockets left out: ready ones would end every wait at once, so nothing waits then.
    if (!flags.testFlag(QEventLoop::ExcludeSocketNotifiers))
        any = activateSockets(timeout);
    if (m_interrupted.load())
        return any;
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers))
        any = fireTimers() || any;
    return any;
}

} // namespace ppl
