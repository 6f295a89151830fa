#pragma once

#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ppl::test {

// A real Debian binary (prometheus, prometheus-pushgateway, prometheus-node-exporter) run on
// a loopback port for differential tests. The port is found by binding port 0 first; start()
// waits, with a bound, until the peer answers HTTP on it. Stopped (SIGTERM, then kill) when
// destroyed.
class RealPeer {
public:
    RealPeer(QString program, QStringList argsBeforeListen);
    ~RealPeer();
    RealPeer(const RealPeer &) = delete;
    RealPeer &operator=(const RealPeer &) = delete;

    // listenFlag is e.g. "--web.listen-address"; readyPath e.g. "/-/ready" or "/metrics".
    bool start(const QString &listenFlag = QStringLiteral("--web.listen-address"),
               const QString &readyPath = QStringLiteral("/metrics"), int timeoutMs = 15000,
               int readyStatus = 200); // 401 for a peer behind basic auth
    void stop();
    bool isRunning() const;
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; } // 0: not running
    QUrl url(const QString &path = QString()) const;
    QString output() const; // what it printed so far (for failure messages)
    QString tempDir() const { return m_dir.path(); }

    static bool available(const QString &program);

private:
    QString m_program;
    QStringList m_args;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A port the OS says is free now (bind 0, read, close). Only for peers that cannot bind 0
// themselves and tell us; our own servers always bind port 0 directly.
quint16 freeLoopbackPort();

// Blocking HTTP for tests, with a bound: status code (0 on connection failure) and body.
struct HttpReply {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;
};
HttpReply httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                      const QList<QPair<QByteArray, QByteArray>> &headers = {},
                      int timeoutMs = 10000);

// Bytes as they are, for requests no HTTP client library would send (malformed framing, old
// protocol versions): writes request to 127.0.0.1:port and reads until the server closes or
// timeoutMs passes (or, with untilClosed false, until one whole response with a
// Content-Length has arrived). status is parsed from the first response's status line.
struct RawHttpReply {
    QByteArray bytes;
    int status = 0;
    bool closed = false;                             // the server closed the connection
    QByteArray header(const QByteArray &name) const; // of the first response
    QByteArray body() const;                         // after the first blank line
};
RawHttpReply rawHttp(quint16 port, const QByteArray &request, int timeoutMs = 3000,
                     bool untilClosed = true);

// An instant query against any Prometheus-compatible API (the real one or the lab's):
// label set as sorted "k=v,…" → value as the API printed it. Empty on any failure.
QMap<QString, QString> instantQuery(const QUrl &base, const QString &query);

} // namespace ppl::test
