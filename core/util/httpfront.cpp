#include "httpfront.h"

#include "httpframing.h"
#include "idlesocketparking.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QTcpSocket>

#include <algorithm>
#include <cctype>

namespace ppl {

namespace {

struct HttpFrontText {
    Q_DECLARE_TR_FUNCTIONS(ppl::HttpFront)
};

const char *const CloseProperty = "ppl_http_close_after";

bool hasToken(const QByteArray &list, QByteArrayView token) {
    for (const QByteArray &part : list.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

// One connection's watcher: follows the byte stream request by request (head, then body by
// Content-Length or by chunks) a step ahead of Qt's own parser.
class HttpScreen : public QObject {
public:
    HttpScreen(QTcpSocket *socket, HttpFront *front)
        : QObject(socket)
        , m_socket(socket)
        , m_front(front) {
        m_lastActivityMs = front->m_clock.elapsed();
        front->m_screens.insert(this);
    }
    ~HttpScreen() override {
        if (m_front)
            m_front->m_screens.remove(this);
    }

    qint64 lastActivityMs() const { return m_lastActivityMs; }
    bool held() const { return m_held; }

    // Connected before Qt's readyRead slot: look at what arrived since Qt last read.
    void before() {
        if (!m_front)
            return;
        m_lastActivityMs = m_front->m_clock.elapsed();
        const qint64 available = m_socket->bytesAvailable();
        const qint64 fresh = available - m_leftover;
        if (fresh <= 0 || m_state == State::Ignore)
            return;
        const QByteArray bytes = m_socket->peek(available).right(fresh);
        m_received += fresh;
        scan(bytes.constData(), bytes.size(), m_received - fresh);
    }

    // Connected after Qt's slot: what Qt left unread, and the close of a last request.
    void after() {
        m_leftover = m_socket->bytesAvailable();
        if (!m_held)
            closeIfDone();
    }

    // While held, the socket emits nothing: neither Qt's parser nor this screen reads on, and
    // Qt's own reaction to a disconnect (deleteLater) waits for release().
    void hold() {
        if (m_held)
            return;
        m_held = true;
        m_socket->blockSignals(true);
        // What arrives meanwhile waits in the kernel once this much is buffered.
        m_socket->setReadBufferSize(64 * 1024);
    }
    void release() {
        if (!m_held)
            return;
        m_held = false;
        m_socket->blockSignals(false);
        if (m_state != State::Ignore || m_closeAt >= 0)
            m_socket->setReadBufferSize(0);
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            m_socket->deleteLater();
            return;
        }
        if (closeIfDone())
            return;
        if (m_socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(m_socket, &QIODevice::readyRead, Qt::QueuedConnection);
    }

    // The target of the request Qt is handling: the one that ends where Qt has read up to.
    QByteArray target() {
        const qint64 consumed = m_received - m_socket->bytesAvailable();
        while (!m_targets.isEmpty() && m_targets.first().first < consumed)
            m_targets.removeFirst();
        if (!m_targets.isEmpty() && m_targets.first().first == consumed)
            return m_targets.first().second;
        return {};
    }

private:
    enum class State { Head, Body, ChunkSize, ChunkExt, ChunkData, ChunkDataEnd, Trailer, Ignore };

    bool closeIfDone() {
        if (m_closeAt >= 0 && m_received - m_leftover >= m_closeAt && m_front) {
            QObject::disconnect(m_socket, &QIODevice::readyRead, m_front->m_server, nullptr);
            m_socket->disconnectFromHost();
            return true;
        }
        return false;
    }

    void scan(const char *data, qsizetype n, qint64 offset) {
        qsizetype i = 0;
        while (i < n && m_state != State::Ignore) {
            switch (m_state) {
            case State::Head: {
                const char c = data[i++];
                if (m_head.isEmpty() &&
                    (c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v'))
                    continue; // Qt skips blank lines before a request line too
                m_head.append(c);
                if (c == '\n' && (m_head.endsWith("\n\r\n") || m_head.endsWith("\n\n"))) {
                    headDone(offset + i);
                } else if (m_head.size() > m_front->m_limits.maxHeaderBytes) {
                    refuse(431, "431 Request Header Fields Too Large", {});
                }
                break;
            }
            case State::Body: {
                const qint64 take = std::min<qint64>(m_bodyLeft, n - i);
                m_bodyLeft -= take;
                i += take;
                if (m_bodyLeft == 0)
                    requestDone(offset + i);
                break;
            }
            case State::ChunkSize: {
                const char c = data[i++];
                int digit = -1;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                if (digit >= 0) {
                    m_chunkLeft = m_chunkLeft * 16 + digit;
                    if (m_bodySeen + m_chunkLeft > m_front->m_limits.maxBodyBytes)
                        tooLarge();
                } else if (c == ';' || c == ' ' || c == '\t') {
                    m_state = State::ChunkExt;
                } else if (c == '\n') {
                    chunkSizeDone();
                } else if (c != '\r') {
                    refuse(400, "400 Bad Request: invalid byte in chunk length", {});
                }
                break;
            }
            case State::ChunkExt:
                if (data[i++] == '\n')
                    chunkSizeDone();
                break;
            case State::ChunkData: {
                const qint64 take = std::min<qint64>(m_chunkLeft, n - i);
                m_chunkLeft -= take;
                i += take;
                if (m_chunkLeft == 0)
                    m_state = State::ChunkDataEnd;
                break;
            }
            case State::ChunkDataEnd: // the CRLF after a chunk's data
                if (data[i++] == '\n')
                    m_state = State::ChunkSize;
                break;
            case State::Trailer: {
                const char c = data[i++];
                if (c == '\n') {
                    if (m_lineLength == 0)
                        requestDone(offset + i);
                    m_lineLength = 0;
                } else if (c != '\r') {
                    ++m_lineLength;
                }
                break;
            }
            case State::Ignore:
                break;
            }
        }
    }

    void chunkSizeDone() {
        m_bodySeen += m_chunkLeft;
        if (m_chunkLeft == 0) {
            m_state = State::Trailer;
            m_lineLength = 0;
        } else {
            m_state = State::ChunkData;
        }
    }

    void headDone(qint64 endOffset) {
        const QList<QByteArray> lines = m_head.split('\n');
        const QByteArray requestLine = lines.value(0).trimmed();
        QList<QPair<QByteArray, QByteArray>> headers;
        for (qsizetype k = 1; k < lines.size(); ++k) {
            const qsizetype colon = lines[k].indexOf(':');
            if (colon > 0)
                headers.append({lines[k].left(colon).trimmed(), lines[k].mid(colon + 1).trimmed()});
        }
        m_head.clear();
        const QList<QByteArray> parts = requestLine.split(' ');
        m_method = parts.value(0);
        m_path = parts.value(1);
        const QByteArray version = parts.size() == 3 ? parts[2] : QByteArray();
        // Go: a version that does not parse is a 400, one that is not 1.x a 505.
        if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' ||
            !std::isdigit(uchar(version[5])) || !std::isdigit(uchar(version[7])))
            return refuse(400, "400 Bad Request: malformed HTTP version \"" + version + '"', {});
        if (version[5] != '1')
            return refuse(505, "505 HTTP Version Not Supported: unsupported protocol version", {});
        const auto header = [&](QByteArrayView name) {
            for (const auto &[key, value] : headers) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return QByteArray();
        };
        const auto length = requestContentLength(headers);
        if (length && *length < 0)
            return refuse(400, "400 Bad Request", {});
        const bool chunked = header("Transfer-Encoding").toLower().contains("chunked");
        if (!chunked && length && *length > m_front->m_limits.maxBodyBytes)
            return tooLarge();
        const QByteArray connection = header("Connection");
        const bool http10 = version == "HTTP/1.0";
        m_closeAfter =
            hasToken(connection, "close") || (http10 && !hasToken(connection, "keep-alive"));
        const QByteArray expect = header("Expect");
        const bool hasBody = chunked || length.value_or(0) > 0;
        if (!expect.isEmpty()) {
            if (expect.compare("100-continue", Qt::CaseInsensitive) != 0)
                return refuse(417, "417 Expectation Failed", {});
            if (hasBody && !http10)
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        m_bodySeen = 0;
        if (chunked) {
            m_state = State::ChunkSize;
            m_chunkLeft = 0;
        } else if (length.value_or(0) > 0) {
            m_state = State::Body;
            m_bodyLeft = *length;
        } else {
            requestDone(endOffset);
        }
    }

    void requestDone(qint64 endOffset) {
        m_state = State::Head;
        m_targets.append({endOffset, m_path}); // Qt handles this request: its handler may ask
        if (m_closeAfter) {
            // Nothing after a last request is read; it closes once Qt has answered it.
            m_closeAt = endOffset;
            m_state = State::Ignore;
            m_socket->setProperty(CloseProperty, true);
        }
    }

    void tooLarge() {
        const QString reason = HttpFrontText::tr("request body larger than %1 bytes")
                                   .arg(m_front->m_limits.maxBodyBytes);
        refuse(413, "413 Request Entity Too Large", reason.toUtf8() + '\n', reason);
    }

    // Answers in Go's words, closes, and keeps Qt from reading anything more of this
    // connection. Buffered bytes are dropped and at most a little more is read.
    void refuse(int status, const QByteArray &statusLine, const QByteArray &body,
                const QString &reason = {}) {
        m_state = State::Ignore;
        if (m_front && m_front->m_server)
            QObject::disconnect(m_socket, &QIODevice::readyRead, m_front->m_server, nullptr);
        QObject::disconnect(m_socket, &QIODevice::readyRead, this, nullptr);
        m_socket->write("HTTP/1.1 " + statusLine +
                        "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n" +
                        (body.isEmpty() ? statusLine : body));
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->skip(m_socket->bytesAvailable());
        m_socket->setReadBufferSize(64 * 1024);
        m_socket->disconnectFromHost();
        if (m_front && m_front->m_refused)
            m_front->m_refused(status, m_method, m_path,
                               reason.isEmpty() ? QString::fromLatin1(statusLine) : reason);
    }

    QTcpSocket *m_socket;
    QPointer<HttpFront> m_front;
    State m_state = State::Head;
    QByteArray m_head;
    QByteArray m_method;
    QByteArray m_path;
    qint64 m_received = 0; // bytes of the stream seen so far
    qint64 m_leftover = 0; // what Qt left unread after its slot
    qint64 m_bodyLeft = 0;
    qint64 m_chunkLeft = 0;
    qint64 m_bodySeen = 0;
    int m_lineLength = 0;
    bool m_closeAfter = false;
    qint64 m_closeAt = -1; // stream offset where the last request ends
    qint64 m_lastActivityMs = 0;
    bool m_held = false;
    QList<QPair<qint64, QByteArray>> m_targets; // (where a request ends, its target), oldest first
};

namespace {

HttpScreen *screenOf(QTcpSocket *socket) {
    if (!socket)
        return nullptr;
    for (QObject *child : socket->children()) {
        if (auto *screen = dynamic_cast<HttpScreen *>(child))
            return screen;
    }
    return nullptr;
}

} // namespace

HttpFront::HttpFront(Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits) {
    // Go listens with the system's somaxconn (4096 here); Qt's default backlog of 50 makes a
    // burst of clients wait for SYN retransmits (seconds each) while the queue is full.
    setListenBacklogSize(4096);
    // Accept many per wake-up: every pass of Qt's event loop polls every open socket, so
    // taking connections 30 at a time (Qt's default) costs a pass each.
    setMaxPendingConnections(1024);
    m_clock.start();
    m_sweep.setInterval(int(std::clamp<qint64>(m_limits.idleTimeoutMs / 4, 50, 30000)));
    connect(&m_sweep, &QTimer::timeout, this, &HttpFront::sweep);
    m_sweep.start();
    if (IdleSocketParking::wanted()) {
        m_parking = new IdleSocketParking(this);
        m_parkTimer.setInterval(250);
        connect(&m_parkTimer, &QTimer::timeout, this, &HttpFront::parkIdle);
        m_parkTimer.start();
    }
}

// The sockets are our children and take their screens with them; by then the screens'
// QPointer to us is null, so they leave m_screens alone.
HttpFront::~HttpFront() = default;

void HttpFront::attach(QAbstractHttpServer *server) {
    m_server = server;
    server->bind(this);
}

bool HttpFront::closesAfterResponse(const QTcpSocket *socket) {
    return socket && socket->property(CloseProperty).toBool();
}

void HttpFront::hold(QTcpSocket *socket) {
    if (HttpScreen *screen = screenOf(socket))
        screen->hold();
}

void HttpFront::release(QTcpSocket *socket) {
    if (HttpScreen *screen = screenOf(socket))
        screen->release();
}

QByteArray HttpFront::requestTarget(QTcpSocket *socket) {
    HttpScreen *screen = screenOf(socket);
    return screen ? screen->target() : QByteArray();
}

void HttpFront::incomingConnection(qintptr handle) {
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    auto *screen = new HttpScreen(socket, this);
    // Ours first, then Qt's (connected when the server takes the connection), then ours.
    connect(socket, &QIODevice::readyRead, screen, &HttpScreen::before);
    addPendingConnection(socket);
    connect(socket, &QIODevice::readyRead, screen, &HttpScreen::after);
}

// Connections quiet for a second, and not waiting for an answer that is being worked out.
void HttpFront::parkIdle() {
    const qint64 now = m_clock.elapsed();
    for (HttpScreen *screen : std::as_const(m_screens)) {
        if (now - screen->lastActivityMs() < 1000 || screen->held())
            continue;
        auto *socket = static_cast<QTcpSocket *>(screen->parent());
        if (socket->bytesAvailable() == 0 && socket->bytesToWrite() == 0 &&
            !m_parking->isParked(socket))
            m_parking->park(socket);
    }
}

void HttpFront::sweep() {
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> idle;
    for (HttpScreen *screen : std::as_const(m_screens)) {
        if (now - screen->lastActivityMs() > m_limits.idleTimeoutMs)
            idle.append(static_cast<QTcpSocket *>(screen->parent()));
    }
    for (QTcpSocket *socket : idle)
        socket->disconnectFromHost();
}

} // namespace ppl
