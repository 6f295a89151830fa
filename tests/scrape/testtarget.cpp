#include "testtarget.h"

#include "util/gzip.h"

namespace ppl::test {

TestTarget::TestTarget(QObject *parent)
    : QObject(parent) {
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            ++m_connections;
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool TestTarget::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString TestTarget::url(const QString &path) const {
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

void TestTarget::close() {
    m_server.close();
}

void TestTarget::setStatus(int status, const QByteArray &reason) {
    m_status = status;
    m_reason = reason;
}

void TestTarget::onReadyRead(QTcpSocket *socket) {
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    socket->setProperty("buffer", QByteArray());
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    m_lastHeaders.clear();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    m_lastPath = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            m_lastHeaders.insert(lines[i].left(colon).trimmed().toLower(),
                                 lines[i].mid(colon + 1).trimmed());
    }
    ++m_requests;
    if (m_mode == Mode::Hang)
        m_held.append(socket);
    else
        respond(socket);
    Q_EMIT requested();
}

void TestTarget::respond(QTcpSocket *socket) {
    if (!m_redirect.isEmpty() && m_lastPath != m_redirect) {
        socket->write("HTTP/1.1 302 Found\r\nLocation: " + m_redirect +
                      "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    const QByteArray body = m_gzip ? gzipCompress(m_body) : m_body;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + m_reason + "\r\n";
    if (!m_contentType.isEmpty())
        response += "Content-Type: " + m_contentType + "\r\n";
    if (m_gzip || m_falseGzip)
        response += "Content-Encoding: gzip\r\n";
    if (m_chunkSize > 0) {
        response += "Transfer-Encoding: chunked\r\n";
    } else {
        response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    if (!m_keepAlive)
        response += "Connection: close\r\n";
    response += "\r\n";
    if (m_chunkSize > 0) {
        for (qsizetype i = 0; i < body.size(); i += m_chunkSize) {
            const QByteArray chunk = body.mid(i, m_chunkSize);
            response += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        }
        response += "0\r\n\r\n";
    } else {
        response += body;
    }
    socket->write(response);
    if (!m_keepAlive)
        socket->disconnectFromHost();
}

void TestTarget::dropConnections() {
    for (QTcpSocket *socket : findChildren<QTcpSocket *>())
        socket->disconnectFromHost();
}

void TestTarget::release() {
    const auto held = m_held;
    m_held.clear();
    for (const QPointer<QTcpSocket> &socket : held) {
        if (socket)
            respond(socket);
    }
}

} // namespace ppl::test
