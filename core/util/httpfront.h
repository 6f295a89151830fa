#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <functional>

class QAbstractHttpServer;
class QTcpSocket;

namespace ppl {

class HttpScreen;
class IdleSocketParking;

// The listening socket of the lab's HTTP servers (the gateway and the lab server). Qt
// HttpServer 6.4 reads a whole request, body included, before its handler runs, and knows
// neither HTTP/1.0 nor Connection: close nor Expect: 100-continue nor idle connections. This
// front watches each connection's bytes just before Qt reads them (its readyRead slot runs
// first) and does what Go's net/http does under the real Prometheus and Pushgateway:
//   - a request line that is not HTTP/1.x: 505; a malformed one or Content-Length: 400;
//     a head over maxHeaderBytes: 431; each answered at once, and the connection closed;
//   - a Content-Length over maxBodyBytes: 413 before a byte of the body is read; a chunked
//     body is counted as it arrives and cut off with 413 at the limit — memory per request
//     stays bounded by the limit;
//   - Expect: 100-continue gets "100 Continue" once the head passed those checks;
//   - Connection: close, and HTTP/1.0 without keep-alive, close the connection after the
//     response;
//   - a connection that sends nothing for idleTimeoutMs is closed (one sweep timer for all
//     connections, so a request costs the same however many are open);
//   - under Qt's own event dispatchers (the window's), a connection quiet for a second is
//     parked (IdleSocketParking): Qt's loop stops polling it until it turns readable.
// Thread affinity: the thread of the HTTP server it is attached to.
class HttpFront : public QTcpServer {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxBodyBytes = 16 * 1024 * 1024;
        qint64 maxHeaderBytes = 1024 * 1024;  // Go's http.DefaultMaxHeaderBytes
        qint64 idleTimeoutMs = 5 * 60 * 1000; // Prometheus's --web.read-timeout
    };
    explicit HttpFront(Limits limits, QObject *parent = nullptr);
    ~HttpFront() override;

    // Binds server to this front (server->bind(this)); call after listen().
    void attach(QAbstractHttpServer *server);

    // Told about every request the front refused itself (status, method, path, reason).
    using RefusalListener = std::function<void(int status, const QByteArray &method,
                                               const QByteArray &path, const QString &reason)>;
    void setRefusalListener(RefusalListener listener) { m_refused = std::move(listener); }

    const Limits &limits() const { return m_limits; }
    qsizetype openConnections() const { return m_screens.size(); }

    // Whether the request being handled on socket is the last one on it (Connection: close or
    // HTTP/1.0): a handler that writes its own headers adds "Connection: close" then.
    static bool closesAfterResponse(const QTcpSocket *socket);

    // For a handler that answers later (work moved off the serving thread): hold() keeps the
    // connection from reading its next request — a pipelined request is answered after this
    // one, as HTTP/1.1 wants — and from closing; release(), once the answer is written, lets
    // it go on (and closes it if the request was its last). Reading stays bounded meanwhile.
    static void hold(QTcpSocket *socket);
    static void release(QTcpSocket *socket);

    // The request target (path and query) exactly as the request line of the request being
    // handled on socket had it; Qt 6.4 reads "//metrics" as an authority and loses the path.
    // Empty if unknown.
    static QByteArray requestTarget(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class HttpScreen;
    void sweep();
    void parkIdle();

    Limits m_limits;
    QPointer<QAbstractHttpServer> m_server;
    QSet<HttpScreen *> m_screens;
    QTimer m_sweep;
    IdleSocketParking *m_parking = nullptr; // only under Qt's own event dispatchers
    QTimer m_parkTimer;
    QElapsedTimer m_clock;
    RefusalListener m_refused;
};

} // namespace ppl
