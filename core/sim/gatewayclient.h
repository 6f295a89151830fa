#pragma once

#include "exposition/metricfamily.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;

namespace ppl {

class Clock;

enum class PushMethod { Put, Post, Delete };
QByteArray pushMethodVerb(PushMethod method); // "PUT", "POST", "DELETE"

// The outcome of one request to a Pushgateway, as the event log and the job tables show it.
struct PushResult {
    PushMethod method = PushMethod::Put;
    QUrl url;
    std::vector<LabelPair> groupingKey; // job first
    bool ok = false;
    int status = 0;        // HTTP status; 0 when no answer came (refused, timeout, partition)
    QString reason;        // empty when ok: the gateway's error text, or the network error
    qint64 atMs = 0;       // lab clock when the request was sent
    qint64 durationMs = 0; // wall time the request took
    qint64 bytes = 0;      // body sent (0 for DELETE, and nothing is sent when blocked)
};

// Pushes over real HTTP (QNetworkAccessManager) to any Pushgateway URL: the lab's own or a
// real one. One instance is shared by every job and target of a lab. setBlocked() simulates a
// network partition between the monitored world and the gateway: requests fail at once with
// the given reason, without touching the network.
class GatewayClient : public QObject {
    Q_OBJECT
public:
    explicit GatewayClient(Clock *clock, QObject *parent = nullptr);
    ~GatewayClient() override;

    using Done = std::function<void(const PushResult &)>;
    // Sends PUT/POST (with body in text format 0.0.4) or DELETE to the group's URL under
    // gateway (e.g. http://127.0.0.1:9091). done runs on the event loop, never synchronously.
    // Nothing runs when context is destroyed first.
    // Sent as User-Agent with every push, so the lab's gateway can tell its own jobs from
    // outside clients (curl, client libraries) in the event log.
    static constexpr const char *UserAgent = "pullpush-lab-job";

    void send(PushMethod method, const QUrl &gateway, const std::vector<LabelPair> &groupingKey,
              const QByteArray &body, QObject *context, Done done);

    void setBlocked(bool blocked, const QString &reason = {});
    bool isBlocked() const { return m_blocked; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Requests to this gateway (scheme, host and port) carry "Authorization: Basic …"; an
    // empty user drops them.
    void setCredentials(const QUrl &gateway, const QByteArray &user, const QByteArray &password);

    // /metrics/job/<job>{/<label>/<value>}, with @base64 for values that are empty or hold '/'
    // as the Pushgateway requires.
    static QUrl groupUrl(const QUrl &gateway, const std::vector<LabelPair> &groupingKey);

Q_SIGNALS:
    void finished(const ppl::PushResult &result); // every request, after its done callback

private:
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    bool m_blocked = false;
    QString m_blockedReason;
    int m_timeoutMs = 10000;
    int m_ioHeld = 0;                           // requests counted as the clock's in-flight I/O
    QHash<QString, QByteArray> m_authorization; // "scheme://host:port" → header value
};

} // namespace ppl
