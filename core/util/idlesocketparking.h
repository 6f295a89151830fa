#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QSocketNotifier;
class QTcpSocket;

namespace ppl {

// Qt 6.4's own event dispatchers (the window's: glib, or poll() with QT_NO_GLIB) look at every
// enabled socket notifier on every pass of the event loop, so each idle keep-alive connection
// makes every request a little slower: with 5,000 idle connections a new request took ~10 ms
// in the window's lab against 0.2 ms in the headless one (EpollEventDispatcher).
// IdleSocketParking takes a quiet connection out of Qt's dispatcher — it disables the
// socket's read notifier — and watches it in one epoll set behind a single notifier instead.
// Once it turns readable (a request, or the peer closing), its notifier is enabled again and
// Qt reads it as if nothing happened (one more pass of the event loop).
// Under EpollEventDispatcher it is not needed: wanted() says so.
class IdleSocketParking : public QObject {
    Q_OBJECT
public:
    explicit IdleSocketParking(QObject *parent = nullptr);
    ~IdleSocketParking() override;

    // Whether this thread's event dispatcher polls every notifier (anything but ours).
    static bool wanted();

    // Takes socket's read notifier out of the dispatcher; false if the socket has none
    // enabled (not connected, or parked already) or epoll refused it.
    bool park(QTcpSocket *socket);
    bool isParked(const QTcpSocket *socket) const;

private:
    void ready();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<int, QPointer<QSocketNotifier>> m_parked; // descriptor → the socket's read notifier
};

} // namespace ppl
