#include "simulatedtarget.h"

#include "exposition/openmetricswriter.h"

#include "exposition/textwriter.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <unordered_map>

namespace ppl {

namespace {
constexpr qint64 MinFlapPeriodMs = 100;
constexpr qsizetype MaxRequestHead = 64 * 1024; // a scraper's request is a few hundred bytes
} // namespace

QString targetFaultName(TargetFault fault) {
    switch (fault) {
    case TargetFault::None:
        return QStringLiteral("none");
    case TargetFault::Hang:
        return QStringLiteral("hang");
    case TargetFault::Slow:
        return QStringLiteral("slow");
    case TargetFault::Flap:
        return QStringLiteral("flap");
    case TargetFault::Firewall:
        return QStringLiteral("firewall");
    case TargetFault::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("none");
}

std::optional<TargetFault> targetFaultFromName(QStringView name) {
    for (TargetFault f : {TargetFault::None, TargetFault::Hang, TargetFault::Slow,
                          TargetFault::Flap, TargetFault::Firewall, TargetFault::Error})
        if (name == targetFaultName(f))
            return f;
    return std::nullopt;
}

namespace {
// One epoll set per thread for the sockets of every simulated target, which Qt's event loop
// sees as one socket notifier. Handlers are looked up by id at dispatch, so a handler may
// close any socket (its own included) or destroy its target without leaving a dangling entry.
class TargetPoller {
public:
    using Handler = std::function<void(quint64 id, quint32 events)>;

    static TargetPoller *current() { return s_poller; }
    static TargetPoller *acquire() {
        if (!s_poller)
            s_poller = new TargetPoller;
        ++s_poller->m_refs;
        s_poller->m_deleteAfterDispatch = false;
        return s_poller;
    }
    void release() {
        if (--m_refs > 0)
            return;
        if (m_dispatching > 0) {
            m_deleteAfterDispatch = true; // the last target went away from inside a handler
            return;
        }
        destroy();
    }

    quint64 add(int fd, quint32 events, Handler handler) {
        const quint64 id = m_nextId++;
        epoll_event e{};
        e.events = events;
        e.data.u64 = id;
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &e) != 0)
            return 0;
        m_handlers.emplace(id, std::move(handler));
        return id;
    }
    void modify(quint64 id, int fd, quint32 events) {
        epoll_event e{};
        e.events = events;
        e.data.u64 = id;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &e);
    }
    void remove(quint64 id, int fd) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_handlers.erase(id);
    }

private:
    TargetPoller()
        : m_epoll(epoll_create1(EPOLL_CLOEXEC))
        , m_notifier(m_epoll, QSocketNotifier::Read) {
        QObject::connect(&m_notifier, &QSocketNotifier::activated, [this] { dispatch(); });
    }
    ~TargetPoller() { ::close(m_epoll); }
    void destroy() {
        s_poller = nullptr;
        delete this;
    }

    void dispatch() {
        // One batch per wakeup (the set stays readable if more is ready), so timers and the
        // scraper's sockets get their turn in between.
        epoll_event events[256];
        const int n = epoll_wait(m_epoll, events, 256, 0);
        ++m_dispatching; // a handler's slot may spin a nested event loop
        for (int i = 0; i < n; ++i) {
            const auto it = m_handlers.find(events[i].data.u64);
            if (it == m_handlers.end())
                continue;
            const Handler handler = it->second; // the handler may remove itself
            handler(it->first, events[i].events);
        }
        if (--m_dispatching == 0 && m_deleteAfterDispatch && m_refs == 0)
            destroy();
    }

    static thread_local TargetPoller *s_poller;
    int m_epoll;
    QSocketNotifier m_notifier;
    int m_refs = 0;
    int m_dispatching = 0;
    bool m_deleteAfterDispatch = false;
    quint64 m_nextId = 1;
    std::unordered_map<quint64, Handler> m_handlers;
};
thread_local TargetPoller *TargetPoller::s_poller = nullptr;

constexpr quint32 ReadEvents = EPOLLIN | EPOLLRDHUP;
} // namespace

struct SimulatedTarget::Connection {
    quint64 id = 0; // the poller's
    int fd = -1;
    QByteArray buffer; // received, not yet parsed
    QByteArray out;    // not yet accepted by the kernel
    bool busy = false; // a request is being held (hang) or delayed (slow)
    bool closeAfterWrite = false;
};

SimulatedTarget::SimulatedTarget(TargetOptions options, Clock *clock, GatewayClient *pusher,
                                 QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_pusher(pusher) {
    m_port = m_options.port;
    TargetPoller::acquire();
}

SimulatedTarget::~SimulatedTarget() {
    m_clock->cancel(m_flapTimer);
    m_clock->cancel(m_pushTimer);
    closeListener(true);
    TargetPoller::current()->release();
}

bool SimulatedTarget::isListening() const {
    if (!m_running)
        return false;
    if (m_fault == TargetFault::Firewall || m_partitioned)
        return false;
    if (m_fault == TargetFault::Flap && m_flapDown)
        return false;
    return true;
}

QByteArray SimulatedTarget::address() const {
    return m_options.host.toString().toLatin1() + ':' + QByteArray::number(m_port);
}

QUrl SimulatedTarget::metricsUrl() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_options.host.toString());
    url.setPort(m_port);
    url.setPath(QString::fromLatin1(m_options.metricsPath));
    return url;
}

bool SimulatedTarget::start(QString *error) {
    if (m_running) {
        if (error)
            *error = QCoreApplication::translate("ppl::SimulatedTarget", "%1 is already running")
                         .arg(QString::fromUtf8(m_options.name));
        return false;
    }
    // The first start may have port 0: bind once to learn the port even if a fault (firewall,
    // flap) keeps it closed right after, so the address is known from the start.
    if (m_listenFd < 0 && !openListener(error))
        return false;
    m_running = true;
    m_startMs = m_clock->nowMs();
    applyListening();
    schedulePush();
    Q_EMIT stateChanged();
    return true;
}

void SimulatedTarget::kill() {
    if (!m_running)
        return;
    m_running = false;
    m_clock->cancel(m_pushTimer);
    m_pushTimer = 0;
    closeListener(true);
    Q_EMIT stateChanged();
}

void SimulatedTarget::setFault(TargetFault fault, qint64 paramMs) {
    if (fault == TargetFault::Flap)
        paramMs = std::max(paramMs, MinFlapPeriodMs);
    if (fault == m_fault && paramMs == m_faultParam)
        return;
    const TargetFault previous = m_fault;
    m_fault = fault;
    m_faultParam = paramMs;
    m_faultSinceMs = m_clock->nowMs();
    m_clock->cancel(m_flapTimer);
    m_flapTimer = 0;
    m_flapDown = false;
    if (fault == TargetFault::Flap)
        scheduleFlap();
    // Requests held by a hang are dropped when it ends, as when a stuck process is unstuck by
    // its supervisor; the scraper has long given up on them.
    if (previous == TargetFault::Hang) {
        std::vector<quint64> held;
        for (const auto &[id, c] : m_connections)
            if (c->busy)
                held.push_back(id);
        for (quint64 id : held)
            closeConnection(id);
    }
    applyListening();
    Q_EMIT stateChanged();
}

void SimulatedTarget::setPartitioned(bool partitioned) {
    if (partitioned == m_partitioned)
        return;
    m_partitioned = partitioned;
    applyListening();
    Q_EMIT stateChanged();
}

void SimulatedTarget::scheduleFlap() {
    m_flapTimer = m_clock->callAfter(m_faultParam, this, [this] {
        m_flapTimer = 0;
        m_flapDown = !m_flapDown;
        applyListening();
        scheduleFlap();
        Q_EMIT stateChanged();
    });
}

void SimulatedTarget::setSelfPush(std::optional<SelfPush> push) {
    m_options.push = std::move(push);
    m_clock->cancel(m_pushTimer);
    m_pushTimer = 0;
    schedulePush();
}

void SimulatedTarget::schedulePush() {
    if (!m_running || !m_options.push || !m_pusher || m_pushTimer)
        return;
    const qint64 interval = std::max<qint64>(m_options.push->intervalMs, 100);
    // The first push goes out at once (a service pushes as it comes up), then every interval.
    const qint64 due = m_pushes == 0 && m_startMs == m_clock->nowMs() ? 0 : interval;
    m_pushTimer = m_clock->callAfter(due, this, [this] {
        m_pushTimer = 0;
        pushNow();
        schedulePush();
    });
}

void SimulatedTarget::pushNow() {
    if (!m_running || !m_options.push || !m_pusher)
        return;
    const SelfPush &p = *m_options.push;
    std::vector<LabelPair> key = p.groupingKey;
    if (key.empty())
        key.push_back({"job", m_options.name});
    ++m_pushes;
    m_pusher->send(p.method, p.gateway, key,
                   p.method == PushMethod::Delete ? QByteArray() : renderMetrics(), this,
                   [this](const PushResult &r) { Q_EMIT pushFinished(r); });
}

QByteArray SimulatedTarget::renderMetrics(bool openMetrics) const {
    const auto families = renderProfile(m_options.profile, m_startMs, m_clock->nowMs());
    return openMetrics ? writeOpenMetrics(families) : writeText(families);
}

void SimulatedTarget::setFormat(TargetFormat format) {
    if (m_options.format == format)
        return;
    m_options.format = format;
    Q_EMIT stateChanged();
}

QString targetFormatName(TargetFormat format) {
    return format == TargetFormat::OpenMetrics ? QStringLiteral("openmetrics")
                                               : QStringLiteral("text");
}

std::optional<TargetFormat> targetFormatFromName(QStringView name) {
    if (name == u"text")
        return TargetFormat::Text;
    if (name == u"openmetrics")
        return TargetFormat::OpenMetrics;
    return std::nullopt;
}

bool SimulatedTarget::openListener(QString *error) {
    const QHostAddress &host = m_options.host;
    const bool v4 = host.protocol() == QAbstractSocket::IPv4Protocol;
    sockaddr_storage address{};
    socklen_t length = 0;
    if (v4) {
        auto *a = reinterpret_cast<sockaddr_in *>(&address);
        a->sin_family = AF_INET;
        a->sin_port = htons(m_port);
        a->sin_addr.s_addr = htonl(host.toIPv4Address());
        length = sizeof(sockaddr_in);
    } else {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&address);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(m_port);
        if (host != QHostAddress::Any) {
            const Q_IPV6ADDR ip = host.toIPv6Address();
            memcpy(&a->sin6_addr, &ip, sizeof ip);
        }
        length = sizeof(sockaddr_in6);
    }
    const int fd = ::socket(v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int failure = fd < 0 ? errno : 0;
    if (!failure) {
        // As QTcpServer does: a restarted target rebinds its port despite TIME_WAIT.
        const int on = 1;
        const int off = 0;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (host == QHostAddress::Any)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(fd, 128) != 0)
            failure = errno;
    }
    if (!failure && getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        failure = errno;
    if (!failure) {
        m_listenId = TargetPoller::current()->add(fd, EPOLLIN,
                                                  [this](quint64, quint32) { onListenerEvent(); });
        if (!m_listenId)
            failure = errno;
    }
    if (failure) {
        if (fd >= 0)
            ::close(fd);
        if (error)
            *error =
                QCoreApplication::translate("ppl::SimulatedTarget", "%1 cannot listen on %2:%3: %4")
                    .arg(QString::fromUtf8(m_options.name), host.toString())
                    .arg(m_port)
                    .arg(qt_error_string(failure));
        return false;
    }
    m_listenFd = fd;
    m_port = v4 ? ntohs(reinterpret_cast<sockaddr_in *>(&address)->sin_port)
                : ntohs(reinterpret_cast<sockaddr_in6 *>(&address)->sin6_port);
    return true;
}

void SimulatedTarget::applyListening() {
    const bool want = isListening();
    if (want && m_listenFd < 0) {
        openListener(nullptr);
    } else if (!want && m_listenFd >= 0) {
        closeListener(true);
    }
}

void SimulatedTarget::closeListener(bool resetConnections) {
    if (m_listenFd >= 0) {
        TargetPoller::current()->remove(m_listenId, m_listenFd);
        ::close(m_listenFd);
        m_listenFd = -1;
        m_listenId = 0;
    }
    if (!resetConnections)
        return;
    // A dead process's sockets are closed by the kernel: the scraper sees the connection drop.
    while (!m_connections.empty())
        closeConnection(m_connections.begin()->first);
}

void SimulatedTarget::onListenerEvent() {
    for (int i = 0; i < 64 && m_listenFd >= 0; ++i) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN, or a connection reset before we got to it
        // Answers go out in one write, so Nagle never holds back a part of one.
        const int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        const quint64 id = TargetPoller::current()->add(
            fd, ReadEvents, [this](quint64 id, quint32 events) { onConnectionEvent(id, events); });
        if (!id) {
            ::close(fd);
            continue;
        }
        auto c = std::make_unique<Connection>();
        c->id = id;
        c->fd = fd;
        m_connections.emplace(id, std::move(c));
        // A request already waiting is read on the next dispatch (level-triggered).
    }
}

void SimulatedTarget::closeConnection(quint64 id) {
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    TargetPoller::current()->remove(id, it->second->fd);
    ::close(it->second->fd);
    if (it->second->busy)
        m_clock->unparkIo();
    m_connections.erase(it);
}

void SimulatedTarget::onConnectionEvent(quint64 id, quint32 events) {
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    Connection *c = it->second.get();
    if ((events & EPOLLOUT) && !flush(c))
        return;
    bool peerClosed = false;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        char chunk[16384];
        while (true) {
            const ssize_t n = ::recv(c->fd, chunk, sizeof chunk, 0);
            if (n > 0) {
                c->buffer.append(chunk, n);
                if (size_t(n) < sizeof chunk)
                    break;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            peerClosed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
            break;
        }
    }
    if (peerClosed) {
        closeConnection(id); // as with QTcpSocket: the peer's close ends the connection
        return;
    }
    if (c->buffer.size() > MaxRequestHead && !c->buffer.contains("\r\n\r\n")) {
        closeConnection(id);
        return;
    }
    processBuffer(id);
}

bool SimulatedTarget::write(Connection *c, QByteArrayView data) {
    if (c->out.isEmpty()) {
        ssize_t n = ::send(c->fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
        if (n == data.size())
            return finishWrite(c);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return true; // the connection is gone; the next poll reports it and closes it
        data = data.sliced(std::max<ssize_t>(n, 0));
        TargetPoller::current()->modify(c->id, c->fd, ReadEvents | EPOLLOUT);
    }
    c->out.append(data);
    return true;
}

bool SimulatedTarget::flush(Connection *c) {
    while (!c->out.isEmpty()) {
        const ssize_t n = ::send(c->fd, c->out.constData(), size_t(c->out.size()), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n < 0)
            c->out.clear();
        else
            c->out.remove(0, n);
    }
    TargetPoller::current()->modify(c->id, c->fd, ReadEvents);
    return finishWrite(c);
}

bool SimulatedTarget::finishWrite(Connection *c) {
    if (!c->closeAfterWrite)
        return true;
    closeConnection(c->id);
    return false;
}

namespace {
QByteArray headerValue(const QList<QByteArray> &lines, QByteArrayView name) {
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 &&
            QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}
} // namespace

void SimulatedTarget::processBuffer(quint64 id) {
    const auto find = [this](quint64 id) -> Connection * {
        const auto it = m_connections.find(id);
        return it == m_connections.end() ? nullptr : it->second.get();
    };
    Connection *c = find(id);
    while (c && !c->busy) {
        const qsizetype end = c->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = c->buffer.left(end).split('\n');
        const qint64 bodyLength = headerValue(lines, "content-length").toLongLong();
        if (c->buffer.size() < end + 4 + bodyLength)
            return; // a request body (unusual for GET) still arriving
        c->buffer.remove(0, end + 4 + bodyLength);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3) {
            c->closeAfterWrite = true;
            write(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
                     "\r\n\r\n");
            return;
        }
        const QByteArray method = requestLine[0];
        const QByteArray path = requestLine[1];
        const QByteArray connection = headerValue(lines, "connection").toLower();
        const bool keepAlive =
            requestLine[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
        const QByteArray userAgent = headerValue(lines, "user-agent");
        // Negotiated when the request arrives, as a client library does.
        const bool openMetrics = m_options.format == TargetFormat::OpenMetrics &&
                                 acceptsOpenMetrics(headerValue(lines, "accept"));
        const qint64 received = m_clock->nowMs();
        {
            TargetRequest r;
            r.target = m_options.name;
            r.method = method;
            r.path = path;
            r.userAgent = userAgent;
            r.receivedMs = received;
            Q_EMIT requestReceived(r);
        }
        c = find(id); // a slot may have killed the target
        if (!c)
            return;
        if (m_fault == TargetFault::Hang) {
            c->busy = true; // held until the connection closes or the hang ends
            m_clock->parkIo();
            return;
        }
        if (m_fault == TargetFault::Slow && m_faultParam > 0) {
            c->busy = true;
            m_clock->parkIo(); // only the clock ends this wait
            // Ids are never reused, so a late timer for a closed connection finds nothing.
            m_clock->callAfter(
                m_faultParam, this,
                [this, id, method, path, userAgent, keepAlive, openMetrics, received] {
                    const auto it = m_connections.find(id);
                    if (it == m_connections.end())
                        return;
                    it->second->busy = false;
                    m_clock->unparkIo();
                    answer(id, method, path, userAgent, keepAlive, openMetrics, received);
                    processBuffer(id);
                });
            return;
        }
        answer(id, method, path, userAgent, keepAlive, openMetrics, received);
        c = find(id);
    }
}

void SimulatedTarget::answer(quint64 id, const QByteArray &method, const QByteArray &path,
                             const QByteArray &userAgent, bool keepAlive, bool openMetrics,
                             qint64 receivedMs) {
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    Connection *c = it->second.get();
    const QByteArray pathOnly = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
    int status = 200;
    QByteArray reason = "OK";
    QByteArray contentType =
        openMetrics ? openMetricsContentType() : "text/plain; version=0.0.4; charset=utf-8";
    QByteArray body;
    if (pathOnly != m_options.metricsPath) {
        status = 404;
        reason = "Not Found";
        contentType = "text/plain; charset=utf-8";
        body = "404 page not found\n";
    } else if (method != "GET" && method != "HEAD") {
        status = 405;
        reason = "Method Not Allowed";
        contentType = "text/plain; charset=utf-8";
        body = "Method Not Allowed\n";
    } else if (m_fault == TargetFault::Error && m_faultParam == qint64(ErrorKind::Malformed)) {
        // Broken exposition behind a 200: the scraper must fail on parsing, not on status.
        body = "# TYPE http_requests_total counter\nhttp_requests_total{method=\"GET\" 17\n";
    } else if (m_fault == TargetFault::Error) {
        status = 500;
        reason = "Internal Server Error";
        contentType = "text/plain; charset=utf-8";
        body = "An error has occurred while serving metrics:\n\nsimulated failure\n";
    } else {
        body = renderMetrics(openMetrics);
    }
    // Head and body in one write: one segment on loopback, and nothing for Nagle to hold.
    QByteArray response;
    response.reserve(160 + body.size());
    response += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                "\r\nContent-Type: " + contentType +
                "\r\nContent-Length: " + QByteArray::number(body.size()) +
                (keepAlive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    if (method != "HEAD")
        response += body;
    c->closeAfterWrite = !keepAlive;
    write(c, response);
    ++m_requests;
    TargetRequest r;
    r.target = m_options.name;
    r.method = method;
    r.path = path;
    r.userAgent = userAgent;
    r.status = status;
    r.bytes = method == "HEAD" ? 0 : body.size();
    r.receivedMs = receivedMs;
    r.answeredMs = m_clock->nowMs();
    Q_EMIT requestServed(r);
}

} // namespace ppl
