#include "pushgatewayserver.h"

#include "exposition/textparser.h"
#include "exposition/textwriter.h"
#include "gatewaypersistence.h"
#include "protobufpush.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtConcurrent/QtConcurrentRun>

#include "util/gzip.h"
#include "util/httpframing.h"
#include "util/httpfront.h"
#include "util/processstats.h"

namespace ppl {

namespace detail {

// The HTTP front end: every request goes to PushgatewayServer::handle(), which routes like
// the real gateway's router (catch-all, since push URLs have any number of segments).
class GatewayHttp : public QAbstractHttpServer {
public:
    explicit GatewayHttp(PushgatewayServer *owner)
        : m_owner(owner) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override {
        const QByteArray target = HttpFront::requestTarget(socket);
        // Qt 6.4 reads a Content-Length it cannot parse as no body at all, so a PUT would
        // replace the group with nothing. Go's server answers 400 before any handler runs and
        // closes the connection (what follows cannot be framed); so does this one.
        if (!hasValidContentLength(request.headers())) {
            QHttpServerResponder responder = makeResponder(request, socket);
            responder.writeStatusLine(QHttpServerResponder::StatusCode::BadRequest);
            responder.writeHeader("Content-Type", "text/plain; charset=utf-8");
            responder.writeHeader("Connection", "close");
            responder.writeHeader("Content-Length", "15");
            responder.writeBody("400 Bad Request");
            // Nothing after this request may be read as another one (request smuggling).
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            socket->disconnectFromHost();
            return true;
        }
        // Answered now or, when the gateway moved work off this thread, later: meanwhile the
        // connection is held (HttpFront::hold), so a pipelined request waits its turn.
        enum class Stage { InHandler, Answered, Held };
        auto stage = std::make_shared<Stage>(Stage::InHandler);
        const bool closeAfter = HttpFront::closesAfterResponse(socket);
        QPointer<QTcpSocket> alive(socket);
        const QHttpServerRequest *qtRequest = &request; // Qt's, lives as long as the socket
        m_owner->serve(request, target,
                       [this, stage, closeAfter, alive, qtRequest](PushgatewayServer::Reply r) {
                           const bool held = *stage == Stage::Held;
                           *stage = Stage::Answered;
                           if (!alive)
                               return;
                           write(*qtRequest, alive, r, closeAfter);
                           if (held)
                               HttpFront::release(alive);
                       });
        if (*stage == Stage::InHandler) {
            *stage = Stage::Held;
            HttpFront::hold(socket);
        }
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    void write(const QHttpServerRequest &request, QTcpSocket *socket,
               const PushgatewayServer::Reply &reply, bool closeAfter) {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
        for (const auto &[name, value] : reply.headers)
            responder.writeHeader(name, value);
        if (!reply.contentType.isEmpty())
            responder.writeHeader("Content-Type", reply.contentType);
        if (closeAfter)
            responder.writeHeader("Connection", "close");
        responder.writeHeader("Content-Length",
                              QByteArray::number(reply.bodyHead.size() + reply.body.size()));
        responder.writeBody("", 0); // ends the head
        // QIODevice::write(QByteArray) keeps a large array shared in the socket's buffer: the
        // cached exposition of every group goes out without being copied.
        if (!reply.bodyHead.isEmpty())
            socket->write(reply.bodyHead);
        if (!reply.body.isEmpty())
            socket->write(reply.body);
    }

    PushgatewayServer *m_owner;
};

} // namespace detail

namespace {

const QByteArray kTextPlain = "text/plain; charset=utf-8";

QByteArray methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QByteArray header(const QHttpServerRequest &request, QByteArrayView name) {
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// client_golang's computeApproximateRequestSize, which the gateway's push size summary
// observes: URL, method, protocol, every header name and value but Host and
// Transfer-Encoding (Go moves them out of the header map), the host, and the declared
// Content-Length (nothing for a chunked body).
double approximateRequestSize(const QHttpServerRequest &request, const QByteArray &method) {
    qsizetype size = request.url().path(QUrl::FullyEncoded).size() + method.size() +
                     qsizetype(sizeof "HTTP/1.1") - 1;
    if (request.url().hasQuery())
        size += 1 + request.url().query(QUrl::FullyEncoded).size();
    bool hasLength = false;
    for (const auto &[key, value] : request.headers()) {
        if (key.compare("Host", Qt::CaseInsensitive) == 0) {
            size += value.trimmed().size();
            continue;
        }
        if (key.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            continue;
        if (key.compare("Content-Length", Qt::CaseInsensitive) == 0)
            hasLength = true;
        size += key.size() + value.trimmed().size();
    }
    if (hasLength)
        size += request.body().size();
    return double(size);
}

PushgatewayServer::Reply textReply(int status, const QByteArray &body) {
    return {status, kTextPlain, body, {}};
}

PushgatewayServer::Reply methodNotAllowed(const QByteArray &allow, bool options) {
    PushgatewayServer::Reply r;
    r.headers.append(qMakePair(QByteArray("Allow"), allow));
    if (options)
        return r; // httprouter answers OPTIONS itself with the allowed methods
    r.status = 405;
    r.contentType = kTextPlain;
    r.body = "Method Not Allowed\n";
    return r;
}

// parseText() also makes two checks that the real gateway only makes later, in its store's
// consistency check (so they record a failed push there): a duplicate series, and a
// `__`-prefixed label other than __name__. The parser marks both as consistency errors.
bool isStoreLevelError(const ParseError &error) {
    return error.kind == ParseError::Kind::Consistency;
}

QString rfc3339(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject labelsJson(const std::vector<LabelPair> &labels, QByteArrayView skip = {}) {
    QJsonObject o;
    for (const auto &p : labels) {
        if (!skip.isEmpty() && p.name == skip)
            continue;
        o.insert(QString::fromUtf8(p.name), QString::fromUtf8(p.value));
    }
    return o;
}

QString typeUpper(MetricType t) {
    return QString::fromLatin1(metricTypeName(t).toUpper());
}

QJsonObject timeFamilyJson(const GroupingKey &key, const QByteArray &help, qint64 valueUs,
                           qint64 stampMs) {
    std::vector<LabelPair> labels = key.labels();
    if (!key.contains("instance"))
        labels.push_back({"instance", {}});
    const double seconds = valueUs == 0 ? 0.0 : double(valueUs) / 1e6;
    return QJsonObject{{QStringLiteral("time_stamp"), rfc3339(stampMs)},
                       {QStringLiteral("type"), QStringLiteral("GAUGE")},
                       {QStringLiteral("help"), QString::fromUtf8(help)},
                       {QStringLiteral("metrics"),
                        QJsonArray{QJsonObject{{QStringLiteral("labels"), labelsJson(labels)},
                                               {QStringLiteral("value"),
                                                QString::fromLatin1(formatValue(seconds))}}}}};
}

// One family in the real /api/v1/metrics shape: gauges etc. as value, histograms as buckets,
// summaries as quantiles, with count and sum.
QJsonObject familyJson(const MetricFamily &f, qint64 stampMs) {
    QJsonObject fj{{QStringLiteral("time_stamp"), rfc3339(stampMs)},
                   {QStringLiteral("type"), typeUpper(f.type)}};
    if (f.hasHelp)
        fj.insert(QStringLiteral("help"), QString::fromUtf8(f.help));
    QJsonArray metrics;
    if (f.type != MetricType::Histogram && f.type != MetricType::Summary) {
        for (const auto &s : f.samples) {
            metrics.append(
                QJsonObject{{QStringLiteral("labels"), labelsJson(s.labels)},
                            {QStringLiteral("value"), QString::fromLatin1(formatValue(s.value))}});
        }
    } else {
        const bool histogram = f.type == MetricType::Histogram;
        const QByteArray point = histogram ? "le" : "quantile";
        QJsonObject current;
        QJsonObject points;
        for (const auto &s : f.samples) {
            if (s.name == f.name + "_sum") {
                current.insert(QStringLiteral("sum"), QString::fromLatin1(formatValue(s.value)));
            } else if (s.name == f.name + "_count") {
                current.insert(QStringLiteral("count"), QString::fromLatin1(formatValue(s.value)));
                current.insert(QStringLiteral("labels"), labelsJson(s.labels));
                current.insert(histogram ? QStringLiteral("buckets") : QStringLiteral("quantiles"),
                               points);
                metrics.append(current);
                current = {};
                points = {};
            } else {
                for (const auto &p : s.labels) {
                    if (p.name == point)
                        points.insert(QString::fromUtf8(p.value),
                                      QString::fromLatin1(formatValue(s.value)));
                }
            }
        }
    }
    fj.insert(QStringLiteral("metrics"), metrics);
    return fj;
}

} // namespace

PushgatewayServer::PushgatewayServer(PushgatewayOptions options, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock ? clock : Clock::system())
    , m_groups(new MetricGroups(this))
    , m_auth(m_options.basicAuthUser, m_options.basicAuthBcrypt) {
    m_startMs = m_clock->nowMs();
    // With basic auth on, the Authorization header carries the password and is the check.
    if (m_options.basicAuthUser.isEmpty())
        m_adminGuard.setToken(m_options.adminToken);
    connect(m_groups, &MetricGroups::groupAdded, this, [this] { schedulePersist(); });
    connect(m_groups, &MetricGroups::groupChanged, this, [this] { schedulePersist(); });
    connect(m_groups, &MetricGroups::groupRemoved, this, [this] { schedulePersist(); });
}

PushgatewayServer::~PushgatewayServer() {
    stop();
}

bool PushgatewayServer::load(QString *error) {
    if (m_options.persistenceFile.isEmpty())
        return true;
    auto loaded = GatewayPersistence::load(m_options.persistenceFile, error);
    if (!loaded)
        return false;
    m_groups->restore(*loaded);
    m_persistedGeneration = m_groups->generation();
    return true;
}

QString PushgatewayServer::start() {
    if (m_http)
        return {};
    // Wiping every group is for this machine only, unless a token or a password guards it.
    if (m_options.adminApi && !RequestGuard::isLoopback(m_options.address) &&
        m_options.adminToken.isEmpty() && m_options.basicAuthUser.isEmpty())
        return tr("refusing to serve the admin API on %1, which other machines can reach, "
                  "without a token: add --lab-token, or listen on 127.0.0.1")
            .arg(m_options.address.toString());
    QString error;
    if (!load(&error))
        return error;
    m_lastPersistMs = m_clock->nowMs();
    auto http = std::make_unique<detail::GatewayHttp>(this);
    HttpFront::Limits limits;
    limits.maxBodyBytes = m_options.bodyLimitBytes;
    limits.idleTimeoutMs = m_options.idleTimeoutMs;
    auto *tcp = new HttpFront(limits, http.get());
    // A push refused before its body was read still shows in the lab as a rejected push.
    tcp->setRefusalListener([this](int status, const QByteArray &method, const QByteArray &path,
                                   const QString &reason) {
        if (path.startsWith("/metrics/"))
            Q_EMIT pushRejected(QString::fromUtf8(path), QString::fromLatin1(method), status,
                                reason, QByteArray()); // refused before its headers were kept
    });
    if (!tcp->listen(m_options.address, m_options.port)) {
        return tr("cannot listen on %1:%2: %3")
            .arg(m_options.address.toString())
            .arg(m_options.port)
            .arg(tcp->errorString());
    }
    tcp->attach(http.get());
    m_port = tcp->serverPort();
    m_address = tcp->serverAddress();
    m_http = std::move(http);
    return {};
}

void PushgatewayServer::stop() {
    if (m_persistTimer) {
        m_clock->cancel(m_persistTimer);
        m_persistTimer = 0;
    }
    if (!m_options.persistenceFile.isEmpty() && m_http) {
        QString error;
        if (!persistNow(&error))
            Q_EMIT persistenceFailed(error);
    }
    m_http.reset();
}

bool PushgatewayServer::isListening() const {
    return m_http != nullptr;
}

quint16 PushgatewayServer::port() const {
    return m_http ? m_port : 0;
}

QHostAddress PushgatewayServer::address() const {
    return m_address;
}

QUrl PushgatewayServer::url() const {
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(m_address.toString());
    u.setPort(port());
    return u;
}

bool PushgatewayServer::persistNow(QString *error) {
    if (m_options.persistenceFile.isEmpty()) {
        if (error)
            *error = tr("persistence is disabled");
        return false;
    }
    m_lastPersistMs = m_clock->nowMs();
    if (!GatewayPersistence::save(m_options.persistenceFile, m_groups->groups(), error))
        return false;
    m_persistedGeneration = m_groups->generation();
    return true;
}

// Like the real store's loop: after a write, persist once the interval since the last
// persist has passed; at most one write is pending.
void PushgatewayServer::schedulePersist() {
    if (m_options.persistenceFile.isEmpty() || m_persistTimer || !m_http)
        return;
    const qint64 due = m_lastPersistMs + m_options.persistenceIntervalMs;
    m_persistTimer = m_clock->callAt(due, this, [this] {
        m_persistTimer = 0;
        if (m_groups->generation() == m_persistedGeneration)
            return;
        QString error;
        if (!persistNow(&error))
            Q_EMIT persistenceFailed(error);
    });
}

void PushgatewayServer::restart(bool persistFirst) {
    if (m_persistTimer) {
        m_clock->cancel(m_persistTimer);
        m_persistTimer = 0;
    }
    if (persistFirst && !m_options.persistenceFile.isEmpty()) {
        QString error;
        if (!persistNow(&error))
            Q_EMIT persistenceFailed(error);
    }
    m_groups->clear();
    QString error;
    if (!load(&error))
        Q_EMIT persistenceFailed(error);
    m_startMs = m_clock->nowMs();
    m_lastPersistMs = m_startMs;
    m_requests.clear();
    m_pushDurations.clear();
    m_pushSizes.clear();
    Q_EMIT restarted();
}

WriteResult PushgatewayServer::push(const GroupingKey &key, WriteMode mode,
                                    std::vector<MetricFamily> families) {
    WriteRequest request{key, mode, std::move(families), m_clock->nowMs()};
    return m_groups->apply(request);
}

void PushgatewayServer::deleteGroup(const GroupingKey &key) {
    m_groups->apply({key, WriteMode::Delete, {}, m_clock->nowMs()});
}

void PushgatewayServer::wipe() {
    m_groups->clear();
}

void PushgatewayServer::countRequest(const QByteArray &handler, const QByteArray &method,
                                     int code) {
    ++m_requests[handler + '\xff' + method.toLower() + '\xff' + QByteArray::number(code)];
}

void PushgatewayServer::setBasicAuth(const QByteArray &user, const QByteArray &bcryptHash) {
    m_options.basicAuthUser = user;
    m_options.basicAuthBcrypt = bcryptHash;
    m_auth = BasicAuth(user, bcryptHash);
    ++m_authGeneration;
}

// One request as the gateway needs it after Qt's request object has moved on to the next one.
struct PushgatewayServer::Call {
    QByteArray method;
    QByteArray encodedPath; // as received, percent-encoded
    QByteArray query;       // as received, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray userAgent;
    double approximateSize = 0;
    QElapsedTimer took;
    Respond respond;
    bool inlineOnly = false; // handle(): nothing leaves the thread

    QByteArray header(QByteArrayView name) const {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// What a worker makes of a push body: everything but the store's part.
struct PushgatewayServer::ParsedPush {
    int status = 200; // 400 or 413 when the body is refused before it reaches the store
    QString error;
    QString consistencyError; // a problem the real gateway finds in its store's check
    MetricGroups::Prepared prepared;
};

// A write waiting for its turn in its group.
struct PushgatewayServer::PendingWrite {
    CallPtr call;
    GroupingKey key;
    QString target;
    bool ready = false; // parsed (or nothing to parse)
    ParsedPush parsed;
};

namespace {

template <typename T, typename Done>
void runOnWorker(QThreadPool *pool, QObject *receiver, std::function<T()> work, Done done) {
    auto *watcher = new QFutureWatcher<T>(receiver);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, receiver, [watcher, done] {
        // Moved out, not copied: a parsed 16 MB push is hundreds of MB of objects.
        done(watcher->future().takeResult());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

} // namespace

PushgatewayServer::Call PushgatewayServer::makeCall(const QHttpServerRequest &request,
                                                    const QByteArray &rawTarget) const {
    Call call;
    call.took.start();
    call.method = methodName(request.method());
    call.encodedPath = request.url().path(QUrl::FullyEncoded).toUtf8();
    call.query = request.url().query(QUrl::FullyEncoded).toUtf8();
    // Qt 6.4 reads a target starting with "//" as an authority and keeps no path of it.
    if (rawTarget.startsWith("//")) {
        const qsizetype q = rawTarget.indexOf('?');
        call.encodedPath = q < 0 ? rawTarget : rawTarget.left(q);
        call.query = q < 0 ? QByteArray() : rawTarget.mid(q + 1);
    }
    call.headers = request.headers();
    call.body = request.body();
    call.userAgent = header(request, "User-Agent");
    call.approximateSize = approximateRequestSize(request, call.method);
    return call;
}

PushgatewayServer::Reply PushgatewayServer::handle(const QHttpServerRequest &request) {
    auto call = std::make_shared<Call>(makeCall(request, {}));
    call->inlineOnly = true;
    std::optional<Reply> out;
    call->respond = [&out](Reply r) { out = std::move(r); };
    serveCall(call);
    call->respond = {};
    // Only when an HTTP client's write to the same group is still being parsed.
    return out ? std::move(*out) : textReply(503, "busy\n");
}

void PushgatewayServer::serve(const QHttpServerRequest &request, const QByteArray &rawTarget,
                              Respond respond) {
    auto call = std::make_shared<Call>(makeCall(request, rawTarget));
    call->respond = std::move(respond);
    serveCall(call);
}

void PushgatewayServer::serveCall(const CallPtr &call) {
    // Who is asking: pushAccepted/pushRejected (emitted from here on) carry it.
    m_currentUserAgent = call->userAgent;
    QByteArray credentials;
    switch (m_auth.lookup(call->header("Authorization"), &credentials)) {
    case BasicAuth::Verdict::Accepted:
        return route(call);
    case BasicAuth::Verdict::Refused: {
        Reply r = textReply(401, "Unauthorized\n");
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic")));
        if (call->encodedPath.startsWith("/metrics/"))
            Q_EMIT pushRejected(QString::fromUtf8(call->encodedPath),
                                QString::fromLatin1(call->method), 401,
                                tr("missing or wrong basic auth credentials"), call->userAgent);
        return call->respond(std::move(r));
    }
    case BasicAuth::Verdict::NeedsBcrypt:
        break;
    }
    if (call->inlineOnly) {
        const bool ok = BasicAuth::verify(credentials, m_auth.user(), m_auth.hash());
        m_auth.remember(credentials, ok);
        return serveCall(call);
    }
    // bcrypt is slow on purpose (≈ 0.25 s at cost 12): on a worker, once per distinct
    // credentials however many clients send them meanwhile.
    auto &waiting = m_bcryptWaiting[credentials];
    waiting.push_back(call);
    if (waiting.size() > 1)
        return;
    const quint64 generation = m_authGeneration;
    runOnWorker<bool>(
        &m_workers, this,
        [credentials, user = m_auth.user(), hash = m_auth.hash()] {
            return BasicAuth::verify(credentials, user, hash);
        },
        [this, credentials, generation](bool ok) { afterBcrypt(credentials, ok, generation); });
}

void PushgatewayServer::afterBcrypt(const QByteArray &credentials, bool accepted,
                                    quint64 generation) {
    const std::vector<CallPtr> calls = m_bcryptWaiting.take(credentials);
    // A verdict against a replaced hash is not kept; the calls are looked at afresh.
    if (generation == m_authGeneration)
        m_auth.remember(credentials, accepted);
    for (const CallPtr &call : calls)
        serveCall(call);
}

void PushgatewayServer::route(const CallPtr &call) {
    const QByteArray &method = call->method;
    const bool options = method == "OPTIONS";
    auto respond = [&](Reply r) { call->respond(std::move(r)); };
    auto decoded = percentDecodePath(call->encodedPath);
    if (!decoded)
        return respond(textReply(400, "invalid URL escape\n"));
    const QByteArray &path = *decoded;
    // The real gateway's ServeMux answers a path with empty, "." or ".." segments (after
    // percent-decoding) with 301 to the cleaned one, for every method, before any route; a
    // push never stores job="." or job="..".
    if (const auto redirect = serveMuxRedirect(method, path, call->query))
        return respond(
            {301, redirect->contentType, redirect->body, {{"Location", redirect->location}}});

    if (path.startsWith("/metrics/"))
        return handlePush(call, path);
    if (path == "/metrics") {
        if (method != "GET" && method != "HEAD")
            return respond(methodNotAllowed("GET, OPTIONS", options));
        Reply r = metricsPage();
        if (method == "HEAD") {
            r.bodyHead.clear();
            r.body.clear();
        }
        return respond(std::move(r));
    }
    if (path == "/-/healthy" || path == "/-/ready") {
        if (method != "GET" && method != "HEAD")
            return respond(methodNotAllowed("GET, OPTIONS", options));
        return respond(textReply(200, "OK"));
    }
    if (path == "/api/v1/metrics" || path == "/api/v1/status") {
        if (method != "GET")
            return respond(methodNotAllowed("GET, OPTIONS", options));
        countRequest(path.mid(1), method, 200);
        return respond(path == "/api/v1/metrics" ? apiMetrics() : apiStatus());
    }
    if (path == "/api/v1/admin/wipe" && m_options.adminApi) {
        if (method != "PUT")
            return respond(methodNotAllowed("OPTIONS, PUT", options));
        if (const auto refused =
                m_adminGuard.check(call->headers, call->body.size(), RequestGuard::Body::Ignored)) {
            Reply r = textReply(refused->status, refused->message.toUtf8() + '\n');
            if (refused->status == 401)
                r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
            return respond(std::move(r));
        }
        wipe();
        countRequest("api/v1/admin/wipe", method, 202);
        return respond({202, {}, {}, {}});
    }
    if ((path == "/" || path == "/status") && method == "GET") {
        return respond({200,
                        "text/html; charset=utf-8",
                        "<!DOCTYPE html><html><head><title>Pushgateway (Pull/Push Lab)</title>"
                        "</head><body><p>Pull/Push Lab Pushgateway. See <a href=\"metrics\">"
                        "/metrics</a> and <a href=\"api/v1/metrics\">/api/v1/metrics</a>.</p>"
                        "</body></html>",
                        {}});
    }
    return respond(textReply(404, "404 page not found\n"));
}

// Every answer to a push path: counted, and for PUT and POST timed and sized, as the real
// gateway instruments its PUT and POST handlers (whatever they answer); DELETE only counts in
// pushgateway_http_requests_total.
void PushgatewayServer::finishPush(const CallPtr &call, Reply reply) {
    const QByteArray &method = call->method;
    countRequest(method == "DELETE" ? "delete" : "push", method, reply.status);
    if (method == "PUT" || method == "POST") {
        const QByteArray m = method.toLower();
        const qint64 now = m_clock->nowMs();
        m_pushDurations[m].observe(now, double(call->took.nsecsElapsed()) / 1e9);
        m_pushSizes[m].observe(now, call->approximateSize);
    }
    call->respond(std::move(reply));
}

void PushgatewayServer::handlePush(const CallPtr &call, const QByteArray &path) {
    const QByteArray &method = call->method;
    const QString methodText = QString::fromLatin1(method);
    GroupingKeyParse parsed = parseGroupingKeyPath(path);
    if (parsed.status == 404)
        return finishPush(call, textReply(404, "404 page not found\n"));
    const bool pushMethod = method == "PUT" || method == "POST" || method == "DELETE";
    if (!pushMethod)
        return finishPush(call,
                          methodNotAllowed("DELETE, OPTIONS, POST, PUT", method == "OPTIONS"));
    if (parsed.status == 301 || parsed.status == 307)
        return finishPush(call, Reply{parsed.status, {}, {}, {{"Location", parsed.location}}});
    if (!parsed.key) {
        Q_EMIT pushRejected(QString::fromUtf8(path), methodText, parsed.status, parsed.error,
                            call->userAgent);
        return finishPush(call, textReply(parsed.status, parsed.error.toUtf8() + '\n'));
    }
    auto write = std::make_shared<PendingWrite>();
    write->call = call;
    write->key = *parsed.key;
    write->target = write->key.toString();
    if (method == "DELETE") {
        write->parsed.prepared = MetricGroups::prepare({write->key, WriteMode::Delete, {}, 0});
        write->ready = true;
        return enqueueWrite(write);
    }
    if (call->body.size() > m_options.bodyLimitBytes) {
        const QString reason =
            tr("request body larger than %1 bytes").arg(m_options.bodyLimitBytes);
        Q_EMIT pushRejected(write->target, methodText, 413, reason, call->userAgent);
        return finishPush(call, textReply(413, reason.toUtf8() + '\n'));
    }
    const bool gzip = call->header("Content-Encoding").trimmed().toLower() == "gzip";
    const bool protobuf = isProtobufDelimited(call->header("Content-Type"));
    const WriteMode mode = method == "PUT" ? WriteMode::Replace : WriteMode::Merge;
    if (call->inlineOnly || (!gzip && call->body.size() <= InlineParseBytes)) {
        write->parsed =
            parsePush(call->body, gzip, protobuf, m_options.bodyLimitBytes, write->key, mode);
        write->ready = true;
        return enqueueWrite(write);
    }
    enqueueWrite(write); // its place in the group's order is taken now
    const QByteArray groupId = write->key.id();
    runOnWorker<ParsedPush>(
        &m_workers, this,
        [body = call->body, gzip, protobuf, limit = m_options.bodyLimitBytes, key = write->key,
         mode] { return parsePush(body, gzip, protobuf, limit, key, mode); },
        [this, write, groupId](ParsedPush &&result) {
            write->parsed = std::move(result);
            write->ready = true;
            drainWrites(groupId);
        });
}

// Thread-safe: inflates, parses and prepares a push body without touching the gateway.
PushgatewayServer::ParsedPush PushgatewayServer::parsePush(const QByteArray &raw, bool gzip,
                                                           bool protobuf, qint64 limitBytes,
                                                           const GroupingKey &key, WriteMode mode) {
    ParsedPush out;
    QByteArray body = raw;
    if (gzip) {
        auto inflated = gunzip(body, nullptr, limitBytes);
        if (!inflated) {
            out.status = 400;
            out.error = tr("gzip: invalid header");
            return out;
        }
        body = std::move(*inflated);
        if (body.size() > limitBytes) {
            out.status = 413;
            out.error = tr("request body larger than %1 bytes").arg(limitBytes);
            return out;
        }
    }
    WriteRequest write;
    write.key = key;
    write.mode = mode;
    QString parseError;
    if (protobuf) {
        ProtobufPush pushed = parseProtobufDelimited(body);
        parseError = pushed.parseError;
        out.consistencyError = pushed.consistencyError;
        write.families = std::move(pushed.families);
    } else {
        ParsedExposition parsedText = parseText(body);
        if (parsedText.error && isStoreLevelError(*parsedText.error)) {
            out.consistencyError = parsedText.error->message;
        } else if (parsedText.error) {
            parseError = parsedText.error->toString();
        } else if (!body.isEmpty() && !body.endsWith('\n')) {
            // Go's parser insists on a final newline; ours is lenient, the gateway is not.
            parseError = ParseError{int(body.count('\n')) + 1, tr("unexpected end of input stream")}
                             .toString();
        } else {
            // Go's text parser drops families that got no samples (a lone TYPE line).
            for (auto &family : parsedText.families) {
                if (!family.samples.empty())
                    write.families.push_back(std::move(family));
            }
        }
    }
    if (!parseError.isEmpty()) {
        out.status = 400;
        out.error = parseError;
        return out;
    }
    if (out.consistencyError.isEmpty())
        out.prepared = MetricGroups::prepare(write);
    return out;
}

qsizetype PushgatewayServer::writesInFlight() const {
    qsizetype n = 0;
    for (const auto &[id, queue] : m_writes)
        n += qsizetype(queue.size());
    return n;
}

void PushgatewayServer::enqueueWrite(const std::shared_ptr<PendingWrite> &write) {
    const QByteArray groupId = write->key.id();
    m_writes[groupId].push_back(write);
    drainWrites(groupId);
}

void PushgatewayServer::drainWrites(const QByteArray &groupId) {
    for (;;) {
        // Looked up afresh each time: a listener of the signals finishWrite() emits may push.
        auto it = m_writes.find(groupId);
        if (it == m_writes.end())
            return;
        if (it->second.empty()) {
            m_writes.erase(it);
            return;
        }
        if (!it->second.front()->ready)
            return;
        const std::shared_ptr<PendingWrite> write = it->second.front();
        it->second.pop_front();
        finishWrite(*write);
    }
}

void PushgatewayServer::finishWrite(PendingWrite &write) {
    const CallPtr call = write.call;
    m_currentUserAgent = call->userAgent;
    const QString methodText = QString::fromLatin1(call->method);
    ParsedPush &parsed = write.parsed;
    if (parsed.status != 200) {
        // A body that does not parse never reaches the store: no failure time is recorded.
        Q_EMIT pushRejected(write.target, methodText, parsed.status, parsed.error, call->userAgent);
        return finishPush(call, textReply(parsed.status, parsed.error.toUtf8() + '\n'));
    }
    // Stamped now, when it is applied: the real gateway takes time.Now() after parsing.
    const qint64 us = m_clock->nowUs();
    const qint64 ms = us / 1000;
    WriteResult result;
    if (!parsed.consistencyError.isEmpty()) {
        // Same bookkeeping as a failed consistency check in the store.
        m_groups->recordFailedPush(write.key, ms, us);
        result.error = tr("pushed metrics are invalid or inconsistent with existing metrics: %1")
                           .arg(parsed.consistencyError);
    } else {
        result = m_groups->commit(std::move(parsed.prepared), ms, us);
    }
    if (!result.accepted) {
        Q_EMIT pushRejected(write.target, methodText, 400, result.error, call->userAgent);
        return finishPush(call, textReply(400, result.error.toUtf8() + '\n'));
    }
    const bool deleted = call->method == "DELETE";
    Q_EMIT pushAccepted(write.target, methodText, deleted ? 202 : 200, call->userAgent);
    finishPush(call, {deleted ? 202 : 200, {}, {}, {}});
}

QByteArray PushgatewayServer::selfMetrics() const {
    QByteArray out;
    // The gateway's process, as client_golang's process collector shows it (the Go runtime's
    // go_* families have no counterpart here).
    if (const auto p = readProcessStats()) {
        for (const ProcessMetric &m : processMetrics(*p)) {
            out += QByteArray("# HELP ") + m.name + ' ' + m.help + "\n# TYPE " + m.name + ' ' +
                   m.type + '\n' + m.name + ' ' + formatValue(m.value) + '\n';
        }
    }
    out += "# HELP pushgateway_build_info A metric with a constant '1' value labeled by version, "
           "revision, branch, goversion from which pushgateway was built, and the goos and "
           "goarch for the build.\n"
           "# TYPE pushgateway_build_info gauge\n"
           "pushgateway_build_info{branch=\"\",goarch=\"amd64\",goos=\"linux\",goversion=\"\","
           "revision=\"pullpush-lab\",version=\"" PPL_VERSION "\"} 1\n";
    const qint64 now = m_clock->nowMs();
    auto summaries = [&](const QByteArray &name, const char *help,
                         const std::map<QByteArray, PushSummary> &children) {
        if (children.empty())
            return;
        out += "# HELP " + name + ' ' + help + "\n# TYPE " + name + " summary\n";
        for (const auto &[method, summary] : children)
            out += summary.exposition(name, "method=\"" + method + '"', now, &formatValue);
    };
    summaries("pushgateway_http_push_duration_seconds",
              "HTTP request duration for pushes to the Pushgateway.", m_pushDurations);
    summaries("pushgateway_http_push_size_bytes",
              "HTTP request size for pushes to the Pushgateway.", m_pushSizes);
    if (!m_requests.isEmpty()) {
        out += "# HELP pushgateway_http_requests_total Total HTTP requests processed by the "
               "Pushgateway, excluding scrapes.\n"
               "# TYPE pushgateway_http_requests_total counter\n";
        for (auto it = m_requests.constBegin(); it != m_requests.constEnd(); ++it) {
            const QList<QByteArray> parts = it.key().split('\xff');
            out += "pushgateway_http_requests_total{code=\"" + parts.value(2) + "\",handler=\"" +
                   parts.value(0) + "\",method=\"" + parts.value(1) + "\"} " +
                   QByteArray::number(it.value()) + '\n';
        }
    }
    return out;
}

PushgatewayServer::Reply PushgatewayServer::metricsPage() {
    const QByteArray &groups = m_groups->exposition();
    const QByteArray self = selfMetrics();
    Reply r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.bodyHead = groups; // shared with the cache, not copied
    r.body = self;
    return r;
}

PushgatewayServer::Reply PushgatewayServer::apiMetrics() const {
    QJsonArray data;
    for (const GroupSnapshot &g : m_groups->groups()) {
        QJsonObject gj;
        QJsonObject labels;
        for (const auto &p : g.key.labels())
            labels.insert(QString::fromUtf8(p.name), QString::fromUtf8(p.value));
        gj.insert(QStringLiteral("labels"), labels);
        gj.insert(QStringLiteral("last_push_successful"), g.lastPushSuccessful());
        const qint64 stamp = std::max(g.pushTimeMs, g.pushFailureTimeMs);
        gj.insert(QStringLiteral("push_time_seconds"),
                  timeFamilyJson(g.key,
                                 "Last Unix time when changing this group in the Pushgateway "
                                 "succeeded.",
                                 g.pushTimeUs ? g.pushTimeUs : g.pushTimeMs * 1000, stamp));
        gj.insert(
            QStringLiteral("push_failure_time_seconds"),
            timeFamilyJson(g.key,
                           "Last Unix time when changing this group in the Pushgateway "
                           "failed.",
                           g.pushFailureTimeUs ? g.pushFailureTimeUs : g.pushFailureTimeMs * 1000,
                           stamp));
        for (size_t i = 0; i < g.families.size(); ++i)
            gj.insert(QString::fromUtf8(g.families[i].name),
                      familyJson(g.families[i], g.familyTimestampsMs[i]));
        data.append(gj);
    }
    QJsonObject root{{QStringLiteral("status"), QStringLiteral("success")},
                     {QStringLiteral("data"), data}};
    return {200, "application/json", QJsonDocument(root).toJson(QJsonDocument::Compact), {}};
}

PushgatewayServer::Reply PushgatewayServer::apiStatus() const {
    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    QJsonObject flags{
        {QStringLiteral("web.listen-address"),
         QStringLiteral("%1:%2").arg(m_address.toString()).arg(m_port)},
        {QStringLiteral("persistence.file"), m_options.persistenceFile},
        {QStringLiteral("persistence.interval"),
         QStringLiteral("%1s").arg(m_options.persistenceIntervalMs / 1000)},
        {QStringLiteral("web.enable-admin-api"), flag(m_options.adminApi)},
        {QStringLiteral("push.disable-consistency-check"), QStringLiteral("false")},
    };
    QJsonObject build{{QStringLiteral("version"), QStringLiteral(PPL_VERSION)},
                      {QStringLiteral("revision"), QStringLiteral("pullpush-lab")},
                      {QStringLiteral("branch"), QString()},
                      {QStringLiteral("buildUser"), QString()},
                      {QStringLiteral("buildDate"), QString()},
                      {QStringLiteral("goVersion"), QString()}};
    QJsonObject data{{QStringLiteral("build_information"), build},
                     {QStringLiteral("flags"), flags},
                     {QStringLiteral("start_time"), rfc3339(m_startMs)}};
    QJsonObject root{{QStringLiteral("status"), QStringLiteral("success")},
                     {QStringLiteral("data"), data}};
    return {200, "application/json", QJsonDocument(root).toJson(QJsonDocument::Compact), {}};
}

} // namespace ppl
