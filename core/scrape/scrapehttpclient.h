#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

class QTcpSocket;

namespace ppl {

// What came back from one scrape request.
struct ScrapeHttpResponse {
    // Set when no complete HTTP response arrived.
    std::optional<QAbstractSocket::SocketError> socketError;
    QString socketErrorText;
    int status = 0;
    QByteArray reason;
    QByteArray contentEncoding; // lower-case
    QByteArray contentType;     // the first Content-Type header, as Go's Header.Get
    QByteArray location;        // for redirects
    QByteArray body;            // de-chunked, still compressed if contentEncoding says so
};

// A lean HTTP/1.1 GET client for one scrape target: one request at a time, no helper thread
// and no per-request objects. With hundreds of targets per second this costs a fraction of
// QNetworkAccessManager, whose reply objects and HTTP-thread hand-offs dominated the
// scraper's CPU profile. Handles Content-Length, chunked and read-until-close bodies.
// Keep-alive is off by default, unlike Go's transport: Qt's event loop polls every open
// socket on every wakeup, so 500 idle connections made each wakeup cost O(targets) and
// doubled the CPU per sample in bench_scrape when first measured; re-measured with the
// current client (500 targets, loaded machine) it saves at most ~10 % CPU per sample, within
// the noise, for ~10 % more memory: a loopback connect per scrape stays.
// With keep-alive on, a reused connection found closed is retried once on a fresh one (as
// Go's transport does for GET).
// Thread affinity: the thread that created it.
class ScrapeHttpClient : public QObject {
    Q_OBJECT
public:
    explicit ScrapeHttpClient(QObject *parent = nullptr);
    ~ScrapeHttpClient() override;

    // Starts a GET; finished() follows (never synchronously). Must not be busy.
    void get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers);
    // Drops the request and the connection; finished() is not emitted.
    void abort();
    bool isBusy() const { return m_phase != Phase::Idle; }
    void setKeepAlive(bool on) { m_keepAlive = on; }
    // Stops reading a body once it reaches this many bytes (0: no limit) and completes with
    // what it has, Content-Encoding dropped: the scrape's body_size_limit has failed it anyway,
    // and memory stays bounded by the limit.
    void setBodyLimit(qint64 bytes) { m_bodyLimit = bytes; }
    bool keepAlive() const { return m_keepAlive; }

Q_SIGNALS:
    void finished(const ppl::ScrapeHttpResponse &response);

private:
    enum class Phase { Idle, Connecting, Head, LengthBody, ChunkedBody, CloseBody };

    void send();
    void onReadyRead();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void process();
    bool parseHead(qsizetype headEnd);
    bool processChunks();
    void complete();
    void fail(QAbstractSocket::SocketError error, const QString &text);
    void dropConnection();

    QTcpSocket *m_socket = nullptr;
    QByteArray m_hostKey; // host:port the socket is connected to
    QByteArray m_request;
    QUrl m_url;
    Phase m_phase = Phase::Idle;
    bool m_keepAlive = false;
    qint64 m_bodyLimit = 0;
    bool m_reused = false;
    bool m_gotBytes = false;
    bool m_retried = false;
    bool m_closeAfter = false;
    qsizetype m_length = 0;
    qsizetype m_pos = 0; // parse position in m_buffer
    QByteArray m_buffer;
    ScrapeHttpResponse m_response;
};

} // namespace ppl

Q_DECLARE_METATYPE(ppl::ScrapeHttpResponse)
