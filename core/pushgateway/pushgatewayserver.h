#pragma once

#include "basicauth.h"
#include "metricgroups.h"
#include "pushgatewayoptions.h"
#include "pushsummary.h"
#include "util/clock.h"
#include "util/requestguard.h"

#include <QObject>
#include <QThreadPool>
#include <QUrl>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QHttpServerRequest;

namespace ppl {

namespace detail {
class GatewayHttp;
}

// The lab's Pushgateway: the real one's HTTP API on Qt HttpServer, over a MetricGroups store.
//   PUT/POST/DELETE /metrics/job/<job>{/<label>/<value>}   push, push-add, delete a group
//   GET /metrics                     every group + push times + the gateway's own metrics
//   GET /api/v1/metrics, /api/v1/status, /-/healthy, /-/ready
//   PUT /api/v1/admin/wipe           when options.adminApi
// Thread affinity: lives on the thread that created it (serves from that thread's event loop);
// the clock must live there too.
class PushgatewayServer : public QObject {
    Q_OBJECT
public:
    // clock: the lab clock (push times, persistence interval); nullptr → Clock::system().
    explicit PushgatewayServer(PushgatewayOptions options = {}, Clock *clock = nullptr,
                               QObject *parent = nullptr);
    ~PushgatewayServer() override; // stop(), which writes the persistence file if enabled

    // Loads the persistence file (if any) and listens. Returns an empty string on success,
    // else a translated error (bind failure, unreadable persistence file).
    QString start();
    // Writes the persistence file (if enabled) and stops listening. Groups stay in memory.
    void stop();
    bool isListening() const;
    quint16 port() const;         // the bound port (the OS's choice when options.port was 0)
    QHostAddress address() const; // the bound address
    QUrl url() const;             // http://HOST:PORT

    const PushgatewayOptions &options() const { return m_options; }
    MetricGroups *groups() { return m_groups; }
    // Basic auth from now on (an empty user turns it off), as a restart with a web config
    // holding basic_auth_users would; requests already answered are not revisited.
    void setBasicAuth(const QByteArray &user, const QByteArray &bcryptHash);
    bool basicAuthEnabled() const { return m_auth.enabled(); }
    const MetricGroups *groups() const { return m_groups; }

    // The lab's "restart gateway": in-memory groups are dropped; with a persistence file they
    // come back from it. persistFirst=true is a clean restart (the real one writes the file on
    // SIGTERM); false is a crash (whatever was not yet persisted is lost). Listening goes on.
    void restart(bool persistFirst = true);
    // Writes the persistence file now; false (and error) on failure or when it is disabled.
    bool persistNow(QString *error = nullptr);

    // Core operations without HTTP, for Lab commands (same checks and signals as a push).
    WriteResult push(const GroupingKey &key, WriteMode mode, std::vector<MetricFamily> families);
    void deleteGroup(const GroupingKey &key);
    void wipe();

    // Answer one request (used by the HTTP front end; public for in-process tests).
    struct Reply {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray bodyHead = {}; // sent before body: GET /metrics puts the shared cache here
    };
    // Answers at once: no work leaves this thread (for in-process tests).
    Reply handle(const QHttpServerRequest &request);

    // The HTTP front end's entry. A bcrypt check the cache cannot answer, and the parsing of a
    // large or gzipped push body (everything a push needs but the store), run on a worker
    // thread, so a client waits only for its own request; respond is then called later, on
    // this thread. Writes are applied in arrival order per group (a small push queues behind
    // a large one to the same group, never behind one to another group), each stamped when
    // it is applied, as the real gateway stamps after parsing. rawTarget: the request line's
    // target, when Qt's URL lost the path ("//metrics").
    using Respond = std::function<void(Reply)>;
    void serve(const QHttpServerRequest &request, const QByteArray &rawTarget, Respond respond);
    // Push bodies up to this size (not gzipped) are parsed on this thread: it is quicker than
    // the hand-over.
    static constexpr qsizetype InlineParseBytes = 64 * 1024;
    // Pushes and deletes received but not yet applied (parsing, or queued behind one).
    qsizetype writesInFlight() const;

Q_SIGNALS:
    // A push, push-add or delete that changed the store. target is the group in
    // `{job="x",…}` form; userAgent the client's User-Agent header, so listeners can tell
    // clients apart.
    void pushAccepted(const QString &target, const QString &method, int statusCode,
                      const QByteArray &userAgent);
    // Anything refused: bad URL, parse error, inconsistency, auth, size. target is the group
    // if the URL named one, else the request path.
    void pushRejected(const QString &target, const QString &method, int statusCode,
                      const QString &reason, const QByteArray &userAgent);
    void restarted();
    void persistenceFailed(const QString &error);

private:
    struct Call;
    struct ParsedPush;
    struct PendingWrite;
    using CallPtr = std::shared_ptr<Call>;
    Call makeCall(const QHttpServerRequest &request, const QByteArray &rawTarget) const;
    void serveCall(const CallPtr &call);
    void afterBcrypt(const QByteArray &credentials, bool accepted, quint64 authGeneration);
    void route(const CallPtr &call);
    void handlePush(const CallPtr &call, const QByteArray &path);
    static ParsedPush parsePush(const QByteArray &body, bool gzip, bool protobuf, qint64 limitBytes,
                                const GroupingKey &key, WriteMode mode);
    void enqueueWrite(const std::shared_ptr<PendingWrite> &write);
    void drainWrites(const QByteArray &groupId);
    void finishWrite(PendingWrite &write);
    void finishPush(const CallPtr &call, Reply reply);
    Reply metricsPage();
    Reply apiMetrics() const;
    Reply apiStatus() const;
    QByteArray selfMetrics() const;
    void countRequest(const QByteArray &handler, const QByteArray &method, int code);
    void schedulePersist();
    bool load(QString *error);

    PushgatewayOptions m_options;
    Clock *m_clock;
    MetricGroups *m_groups;
    BasicAuth m_auth;
    RequestGuard m_adminGuard;
    std::unique_ptr<detail::GatewayHttp> m_http;
    qint64 m_startMs = 0;
    quint16 m_port = 0;
    QHostAddress m_address;
    Clock::TimerId m_persistTimer = 0;
    qint64 m_lastPersistMs = 0;
    quint64 m_persistedGeneration = 0;
    QMap<QByteArray, quint64> m_requests; // "handler\xffmethod\xffcode" → count
    // pushgateway_http_push_duration_seconds / _size_bytes per method ("post", "put").
    std::map<QByteArray, PushSummary> m_pushDurations;
    std::map<QByteArray, PushSummary> m_pushSizes;
    QByteArray m_currentUserAgent;
    // Off-thread work (bcrypt, body parsing); its destructor waits for what runs.
    QThreadPool m_workers;
    quint64 m_authGeneration = 0; // setBasicAuth() makes verdicts under way stale
    QHash<QByteArray, std::vector<CallPtr>> m_bcryptWaiting; // credentials → calls waiting
    std::map<QByteArray, std::deque<std::shared_ptr<PendingWrite>>> m_writes; // by group id
};

} // namespace ppl
