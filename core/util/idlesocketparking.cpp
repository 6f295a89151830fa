#include "idlesocketparking.h"

#include "epolleventdispatcher.h"

#include <QAbstractEventDispatcher>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace ppl {

IdleSocketParking::IdleSocketParking(QObject *parent)
    : QObject(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC)) {
    if (m_epoll < 0)
        return;
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &IdleSocketParking::ready);
}

IdleSocketParking::~IdleSocketParking() {
    // The sockets outlive us (siblings): give them back to Qt's dispatcher.
    for (const QPointer<QSocketNotifier> &n : std::as_const(m_parked)) {
        if (n)
            n->setEnabled(true);
    }
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool IdleSocketParking::wanted() {
    return !qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
}

bool IdleSocketParking::park(QTcpSocket *socket) {
    if (m_epoll < 0 || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    const qintptr fd = socket->socketDescriptor();
    if (fd < 0)
        return false;
    // The read notifier Qt's socket engine (a child of the socket) keeps for the descriptor.
    QSocketNotifier *readNotifier = nullptr;
    const auto notifiers = socket->findChildren<QSocketNotifier *>();
    for (QSocketNotifier *n : notifiers) {
        if (n->type() == QSocketNotifier::Read && n->socket() == fd && n->isEnabled())
            readNotifier = n;
    }
    if (!readNotifier)
        return false;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    event.data.fd = int(fd);
    // A descriptor parked before keeps its (disarmed, one-shot) registration until closed.
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, int(fd), &event) != 0 &&
        (errno != EEXIST || ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, int(fd), &event) != 0))
        return false;
    readNotifier->setEnabled(false);
    m_parked.insert(int(fd), readNotifier);
    return true;
}

bool IdleSocketParking::isParked(const QTcpSocket *socket) const {
    const auto it = m_parked.constFind(int(socket->socketDescriptor()));
    if (it == m_parked.cend() || it.value().isNull())
        return false;
    for (const QObject *o = it.value(); o; o = o->parent()) {
        if (o == socket)
            return true;
    }
    return false; // a socket gone while parked had this descriptor
}

void IdleSocketParking::ready() {
    std::array<epoll_event, 256> events;
    for (;;) {
        const int n = ::epoll_wait(m_epoll, events.data(), int(events.size()), 0);
        for (int i = 0; i < n; ++i) {
            const QPointer<QSocketNotifier> notifier = m_parked.take(events[size_t(i)].data.fd);
            // Readable: Qt's dispatcher takes it from here (its next pass reads it). A null
            // one: the socket is gone, and its descriptor left the epoll set as it closed.
            if (notifier)
                notifier->setEnabled(true);
        }
        if (n < int(events.size()))
            break;
    }
    // Sockets deleted while parked: their entries go too (their descriptors may be reused).
    m_parked.removeIf([](const auto &it) { return it.value().isNull(); });
}

} // namespace ppl
