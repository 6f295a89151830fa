#include "simulatedtarget.h"

#include "exposition/textwriter.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>

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

struct SimulatedTarget::Connection {
    QByteArray buffer;
    bool busy = false; // a request is being held (hang) or delayed (slow)
};

SimulatedTarget::SimulatedTarget(TargetOptions options, Clock *clock, GatewayClient *pusher,
                                 QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_pusher(pusher)
    , m_server(new QTcpServer(this)) {
    m_port = m_options.port;
    m_server->setMaxPendingConnections(128);
    connect(m_server, &QTcpServer::newConnection, this, &SimulatedTarget::onNewConnection);
}

SimulatedTarget::~SimulatedTarget() {
    m_clock->cancel(m_flapTimer);
    m_clock->cancel(m_pushTimer);
    closeListener(true);
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
    if (!m_server->isListening() && !m_server->listen(m_options.host, m_port)) {
        if (error)
            *error =
                QCoreApplication::translate("ppl::SimulatedTarget", "%1 cannot listen on %2:%3: %4")
                    .arg(QString::fromUtf8(m_options.name), m_options.host.toString())
                    .arg(m_port)
                    .arg(m_server->errorString());
        return false;
    }
    m_port = m_server->serverPort();
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
        const auto sockets = m_connections.keys();
        for (QTcpSocket *s : sockets)
            if (m_connections.value(s) && m_connections.value(s)->busy)
                s->abort();
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

QByteArray SimulatedTarget::renderMetrics() const {
    return writeText(renderProfile(m_options.profile, m_startMs, m_clock->nowMs()));
}

void SimulatedTarget::applyListening() {
    const bool want = isListening();
    if (want && !m_server->isListening()) {
        m_server->listen(m_options.host, m_port);
    } else if (!want && m_server->isListening()) {
        closeListener(true);
    }
}

void SimulatedTarget::closeListener(bool resetConnections) {
    m_server->close();
    if (!resetConnections)
        return;
    // A dead process's sockets are reset by the kernel: the scraper sees the connection drop.
    const auto sockets = m_connections.keys();
    for (QTcpSocket *s : sockets) {
        delete m_connections.take(s);
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

void SimulatedTarget::onNewConnection() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_connections.insert(socket, new Connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            delete m_connections.take(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void SimulatedTarget::onReadyRead(QTcpSocket *socket) {
    Connection *c = m_connections.value(socket);
    if (!c)
        return;
    c->buffer += socket->readAll();
    if (c->buffer.size() > MaxRequestHead && !c->buffer.contains("\r\n\r\n")) {
        socket->abort();
        return;
    }
    processBuffer(socket);
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

void SimulatedTarget::processBuffer(QTcpSocket *socket) {
    Connection *c = m_connections.value(socket);
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
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
                          "\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        const QByteArray method = requestLine[0];
        const QByteArray path = requestLine[1];
        const QByteArray connection = headerValue(lines, "connection").toLower();
        const bool keepAlive =
            requestLine[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
        const QByteArray userAgent = headerValue(lines, "user-agent");
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
        c = m_connections.value(socket); // a slot may have killed the target
        if (!c)
            return;
        if (m_fault == TargetFault::Hang) {
            c->busy = true; // held until the connection closes or the hang ends
            return;
        }
        if (m_fault == TargetFault::Slow && m_faultParam > 0) {
            c->busy = true;
            m_clock->callAfter(m_faultParam, socket,
                               [this, socket, method, path, userAgent, keepAlive, received] {
                                   Connection *held = m_connections.value(socket);
                                   if (!held)
                                       return;
                                   held->busy = false;
                                   answer(socket, method, path, userAgent, keepAlive, received);
                                   processBuffer(socket);
                               });
            return;
        }
        answer(socket, method, path, userAgent, keepAlive, received);
        c = m_connections.value(socket);
    }
}

void SimulatedTarget::answer(QTcpSocket *socket, const QByteArray &method, const QByteArray &path,
                             const QByteArray &userAgent, bool keepAlive, qint64 receivedMs) {
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray pathOnly = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
    int status = 200;
    QByteArray reason = "OK";
    QByteArray contentType = "text/plain; version=0.0.4; charset=utf-8";
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
        body = renderMetrics();
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                      "\r\nContent-Type: " + contentType +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) +
                      (keepAlive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    socket->write(head);
    if (method != "HEAD")
        socket->write(body);
    if (!keepAlive)
        socket->disconnectFromHost();
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
