#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace ppl::test {

// A tiny HTTP/1.1 server on 127.0.0.1:0 whose /metrics answer the test changes: a body (plain
// or gzip), a status code, or no answer at all until release() (a hung or slow target).
// It records the headers of the last request.
class TestTarget : public QObject {
    Q_OBJECT
public:
    enum class Mode { Serve, Hang };

    explicit TestTarget(QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path = QStringLiteral("/metrics")) const;
    void close(); // stops listening: the next scrape is refused

    void setBody(const QByteArray &body) { m_body = body; }
    void setStatus(int status, const QByteArray &reason = {});
    void setGzip(bool gzip) { m_gzip = gzip; }
    // Content-Encoding: gzip on a body sent as it is (a corrupt gzip stream).
    void setFalseGzip(bool on) { m_falseGzip = on; }
    // The Content-Type header (the classic text format's by default; empty: none sent).
    void setContentType(const QByteArray &contentType) { m_contentType = contentType; }
    void setMode(Mode mode) { m_mode = mode; }
    // Keep-alive (Content-Length, connection stays open) instead of Connection: close.
    void setKeepAlive(bool on) { m_keepAlive = on; }
    // Transfer-Encoding: chunked, in chunks of this many bytes (0: off).
    void setChunkSize(int bytes) { m_chunkSize = bytes; }
    // Answers /metrics with a 302 to this path, which then serves the body.
    void setRedirect(const QByteArray &path) { m_redirect = path; }
    // Closes every open client connection (a server dropping idle keep-alive connections).
    void dropConnections();
    int connectionCount() const { return m_connections; }
    // Answers every held request with the current body/status.
    void release();

    int requestCount() const { return m_requests; }
    int heldCount() const { return int(m_held.size()); }
    QMap<QByteArray, QByteArray> lastHeaders() const { return m_lastHeaders; } // lower-case names
    QByteArray lastPath() const { return m_lastPath; }

Q_SIGNALS:
    void requested();

private:
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_body;
    int m_status = 200;
    QByteArray m_reason = "OK";
    bool m_gzip = false;
    bool m_falseGzip = false;
    QByteArray m_contentType = "text/plain; version=0.0.4; charset=utf-8";
    Mode m_mode = Mode::Serve;
    int m_requests = 0;
    int m_connections = 0;
    bool m_keepAlive = false;
    int m_chunkSize = 0;
    QByteArray m_redirect;
    QMap<QByteArray, QByteArray> m_lastHeaders;
    QByteArray m_lastPath;
    QList<QPointer<QTcpSocket>> m_held;
};

} // namespace ppl::test
