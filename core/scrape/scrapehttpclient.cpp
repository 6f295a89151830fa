#include "scrapehttpclient.h"

#include <QTcpSocket>

#include <algorithm>

namespace ppl {

namespace {
// The socket reads at most this much per event-loop turn: a body of megabytes arrives over
// several turns instead of being copied out of the kernel in one stall.
constexpr qint64 ReadChunkBytes = 256 * 1024;
} // namespace

ScrapeHttpClient::ScrapeHttpClient(QObject *parent)
    : QObject(parent) {}

ScrapeHttpClient::~ScrapeHttpClient() {
    dropConnection();
}

void ScrapeHttpClient::dropConnection() {
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    m_hostKey.clear();
}

void ScrapeHttpClient::abort() {
    m_phase = Phase::Idle;
    dropConnection();
}

void ScrapeHttpClient::get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers) {
    m_url = url;
    if (url.scheme() != QLatin1String("http")) {
        // Prometheus loads any __scheme__ and fails at scrape time (Go: "unsupported protocol
        // scheme"); this client speaks plain HTTP only, so https fails here too.
        m_response = ScrapeHttpResponse{};
        m_phase = Phase::Idle;
        fail(QAbstractSocket::UnsupportedSocketOperationError,
             url.scheme() == QLatin1String("https")
                 ? QStringLiteral(
                       "https is not simulated by the lab (its scraper speaks plain HTTP)")
                 : QStringLiteral("unsupported protocol scheme \"%1\"").arg(url.scheme()));
        return;
    }
    const QByteArray host = url.host().toUtf8();
    const int port = url.port(80);
    const QByteArray hostKey = host + ':' + QByteArray::number(port);
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    m_request = "GET " + target + " HTTP/1.1\r\nHost: " + (port == 80 ? host : hostKey) + "\r\n";
    for (const auto &h : headers)
        m_request += h.first + ": " + h.second + "\r\n";
    m_request += "\r\n";
    m_response = ScrapeHttpResponse{};
    m_retried = false;

    if (m_socket && (m_hostKey != hostKey || m_socket->state() != QAbstractSocket::ConnectedState))
        dropConnection();
    if (m_socket) {
        m_reused = true;
        send();
        return;
    }
    m_reused = false;
    m_hostKey = hostKey;
    m_socket = new QTcpSocket(this);
    m_socket->setReadBufferSize(ReadChunkBytes);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        send();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &ScrapeHttpClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ScrapeHttpClient::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ScrapeHttpClient::onError);
    m_phase = Phase::Connecting;
    m_socket->connectToHost(QString::fromUtf8(host), quint16(port));
}

void ScrapeHttpClient::send() {
    m_phase = Phase::Head;
    m_buffer.clear();
    m_pos = 0;
    m_gotBytes = false;
    m_closeAfter = false;
    m_socket->write(m_request);
}

void ScrapeHttpClient::onReadyRead() {
    if (m_phase == Phase::Idle || m_phase == Phase::Connecting) {
        m_socket->readAll(); // nothing is expected on an idle connection
        return;
    }
    // Straight into the buffer: a big body is not copied through a temporary per read.
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0) {
        const qsizetype had = m_buffer.size();
        m_buffer.resize(had + qsizetype(available));
        const qint64 got = m_socket->read(m_buffer.data() + had, available);
        m_buffer.truncate(had + qsizetype(std::max<qint64>(got, 0)));
    }
    m_gotBytes = true;
    process();
}

void ScrapeHttpClient::process() {
    if (m_phase == Phase::Head) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n", m_pos);
        if (headEnd < 0)
            return;
        if (!parseHead(headEnd))
            return;
    }
    if (m_phase == Phase::ChunkedBody && m_pos > (1 << 20)) {
        m_buffer.remove(0, m_pos); // decoded chunks are in the body: keep memory bounded
        m_pos = 0;
    }
    switch (m_phase) {
    case Phase::LengthBody:
        if (m_buffer.size() - m_pos >= m_length) {
            // The body is the buffer without the head: moved, not copied.
            m_buffer.truncate(m_pos + m_length);
            m_buffer.remove(0, m_pos);
            m_response.body = std::move(m_buffer);
            m_buffer = QByteArray();
            complete();
            return;
        }
        break;
    case Phase::ChunkedBody:
        if (processChunks()) {
            complete();
            return;
        }
        break;
    case Phase::CloseBody:
        break; // completes at the disconnect
    default:
        return;
    }
    if (m_bodyLimit > 0) {
        // A gzip body may be a little larger than what it inflates to: some slack for it.
        const bool gzip = m_response.contentEncoding == "gzip";
        const qint64 cut = gzip ? m_bodyLimit + m_bodyLimit / 8 + 65536 : m_bodyLimit;
        const bool chunked = m_phase == Phase::ChunkedBody;
        const qint64 have = chunked ? m_response.body.size() : m_buffer.size() - m_pos;
        if (have >= cut) {
            if (!chunked)
                m_response.body = m_buffer.mid(m_pos, m_bodyLimit);
            m_response.body.truncate(qsizetype(std::max(m_bodyLimit, qint64(1))));
            m_response.contentEncoding.clear();
            m_closeAfter = true;
            complete();
        }
    }
}

bool ScrapeHttpClient::parseHead(qsizetype headEnd) {
    const QByteArray head = m_buffer.mid(m_pos, headEnd - m_pos);
    m_pos = headEnd + 4;
    qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArray statusLine = lineEnd < 0 ? head : head.first(lineEnd);
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12) {
        fail(QAbstractSocket::UnknownSocketError,
             QStringLiteral("net/http: HTTP/1.x transport connection broken: malformed HTTP "
                            "response \"%1\"")
                 .arg(QString::fromUtf8(statusLine)));
        return false;
    }
    const bool http10 = statusLine.at(7) == '0';
    m_response.status = statusLine.mid(9, 3).toInt();
    m_response.reason = statusLine.mid(13);
    if (m_response.status >= 100 && m_response.status < 200) {
        m_phase = Phase::Head; // 100 Continue and friends: the real head follows
        process();
        return false;
    }
    bool chunked = false;
    bool contentTypeSeen = false;
    std::optional<qsizetype> length;
    m_closeAfter = http10;
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 2;
        lineEnd = head.indexOf("\r\n", start);
        const QByteArray line = head.mid(start, (lineEnd < 0 ? head.size() : lineEnd) - start);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            length = value.toLongLong();
        else if (name == "transfer-encoding")
            chunked = value.toLower().contains("chunked");
        else if (name == "content-encoding")
            m_response.contentEncoding = value.toLower();
        else if (name == "content-type" && !contentTypeSeen) {
            m_response.contentType = value;
            contentTypeSeen = true;
        } else if (name == "location")
            m_response.location = value;
        else if (name == "connection")
            m_closeAfter = value.toLower().contains("close") ||
                           (http10 && !value.toLower().contains("keep-alive"));
    }
    if (m_response.status == 204 || m_response.status == 304) {
        m_length = 0;
        m_phase = Phase::LengthBody;
    } else if (chunked) {
        m_phase = Phase::ChunkedBody;
        m_response.body.clear();
    } else if (length) {
        m_length = *length;
        m_phase = Phase::LengthBody;
        // One allocation for the whole body (within reason: the length is the server's word).
        m_buffer.reserve(m_pos + qsizetype(std::min<qint64>(m_length, 64 << 20)));
    } else {
        m_phase = Phase::CloseBody;
        m_closeAfter = true;
    }
    return true;
}

bool ScrapeHttpClient::processChunks() {
    while (true) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", m_pos);
        if (lineEnd < 0)
            return false;
        QByteArray sizeText = m_buffer.mid(m_pos, lineEnd - m_pos);
        if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
            sizeText = sizeText.first(semi);
        bool ok = false;
        const qsizetype size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok) {
            fail(QAbstractSocket::UnknownSocketError, QStringLiteral("malformed chunked encoding"));
            return false;
        }
        if (size == 0) {
            // Trailers end with an empty line.
            const qsizetype end = m_buffer.indexOf("\r\n\r\n", lineEnd);
            if (end < 0 && m_buffer.indexOf("\r\n", lineEnd + 2) != lineEnd + 2)
                return false;
            return true;
        }
        if (m_buffer.size() < lineEnd + 2 + size + 2)
            return false;
        m_response.body.append(m_buffer.constData() + lineEnd + 2, size);
        m_pos = lineEnd + 2 + size + 2;
    }
}

void ScrapeHttpClient::complete() {
    m_phase = Phase::Idle;
    m_buffer.clear();
    m_pos = 0;
    if (m_closeAfter || !m_keepAlive)
        dropConnection();
    // Queued, so that callers never see finished() from inside get() or abort().
    QMetaObject::invokeMethod(
        this, [this, response = std::move(m_response)] { Q_EMIT finished(response); },
        Qt::QueuedConnection);
    m_response = ScrapeHttpResponse{};
}

void ScrapeHttpClient::fail(QAbstractSocket::SocketError error, const QString &text) {
    m_response.socketError = error;
    m_response.socketErrorText = text;
    m_closeAfter = true;
    complete();
}

void ScrapeHttpClient::onDisconnected() {
    if (m_phase == Phase::CloseBody) {
        m_buffer += m_socket->readAll();
        m_response.body = m_buffer.mid(m_pos);
        m_closeAfter = true;
        complete();
        return;
    }
    if (m_phase == Phase::Head && m_reused && !m_gotBytes && !m_retried) {
        // The server closed the idle connection we reused: one fresh attempt.
        m_retried = true;
        const QUrl url = m_url;
        const QByteArray request = m_request;
        dropConnection();
        m_hostKey = url.host().toUtf8() + ':' + QByteArray::number(url.port(80));
        m_reused = false;
        m_socket = new QTcpSocket(this);
        m_socket->setReadBufferSize(ReadChunkBytes);
        connect(m_socket, &QTcpSocket::connected, this, [this] { send(); });
        connect(m_socket, &QTcpSocket::readyRead, this, &ScrapeHttpClient::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, &ScrapeHttpClient::onDisconnected);
        connect(m_socket, &QTcpSocket::errorOccurred, this, &ScrapeHttpClient::onError);
        m_phase = Phase::Connecting;
        m_request = request;
        m_socket->connectToHost(url.host(), quint16(url.port(80)));
        return;
    }
    if (m_phase != Phase::Idle)
        fail(QAbstractSocket::RemoteHostClosedError, QStringLiteral("EOF"));
    else
        dropConnection(); // an idle keep-alive connection closed by the server
}

void ScrapeHttpClient::onError(QAbstractSocket::SocketError error) {
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // handled by onDisconnected
    if (m_phase == Phase::Idle) {
        dropConnection();
        return;
    }
    fail(error, m_socket ? m_socket->errorString() : QString());
}

} // namespace ppl
