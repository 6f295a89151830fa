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
    void setMode(Mode mode) { m_mode = mode; }
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
    Mode m_mode = Mode::Serve;
    int m_requests = 0;
    QMap<QByteArray, QByteArray> m_lastHeaders;
    QByteArray m_lastPath;
    QList<QPointer<QTcpSocket>> m_held;
};

} // namespace ppl::test
