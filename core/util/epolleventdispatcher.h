#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QPointer>

#include <atomic>
#include <vector>

namespace ppl {

// An event dispatcher on Linux's epoll, for the headless lab (a QCoreApplication). Qt 6.4's
// own dispatchers poll() every open socket on every pass of the event loop, so with thousands
// of idle keep-alive connections each request costs milliseconds (Go's net/http under the real
// Pushgateway and Prometheus uses epoll: the cost does not grow). Here a pass costs the same
// however many sockets wait: epoll reports only the ready ones.
//
// It does what QEventDispatcherUNIX does, with public API only: posted events first (a post
// from any thread wakes the loop through an eventfd), then ready socket notifiers
// (level-triggered, as poll()), then due timers (all kept to the millisecond). Install it
// with QCoreApplication::setEventDispatcher before the application object exists. Windows of
// a QApplication need the platform's dispatcher: the window keeps Qt's.
class EpollEventDispatcher : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events() const;
    };
    struct Timer {
        int id = 0;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 dueMs = 0; // on m_clock
    };

    void updateWatch(int fd, const Watch &before);
    qint64 nowMs() const;
    int waitTimeoutMs() const; // -1: no timer
    bool activateSockets(int timeoutMs);
    bool fireTimers();

    int m_epoll = -1;
    int m_wake = -1; // eventfd
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    std::vector<Timer> m_timers; // few: a linear scan beats a heap here
    std::vector<int> m_firing;   // timer ids due in the current pass
};

} // namespace ppl
