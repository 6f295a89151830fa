#include "pushgatewayserver.h"

#include "exposition/textparser.h"
#include "exposition/textwriter.h"
#include "gatewaypersistence.h"
#include "protobufpush.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

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
        const PushgatewayServer::Reply reply = m_owner->handle(request);
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
        for (const auto &[name, value] : reply.headers)
            responder.writeHeader(name, value);
        if (!reply.contentType.isEmpty())
            responder.writeHeader("Content-Type", reply.contentType);
        if (HttpFront::closesAfterResponse(socket))
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
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
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

// Go's http.ServeMux cleanPath: path.Clean (no empty, "." or ".." segments; ".." above the
// root stays at the root) with a trailing slash kept.
QByteArray cleanPath(const QByteArray &path) {
    QList<QByteArray> kept;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray cleaned = '/' + kept.join('/');
    if (path.endsWith('/') && cleaned != "/")
        cleaned += '/';
    return cleaned;
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
}

PushgatewayServer::Reply PushgatewayServer::handle(const QHttpServerRequest &request) {
    // Who is asking: pushAccepted/pushRejected (emitted from here on) carry it.
    m_currentUserAgent = header(request, "User-Agent");
    const QByteArray method = methodName(request.method());
    const bool options = method == "OPTIONS";
    const QByteArray encodedPath = request.url().path(QUrl::FullyEncoded).toUtf8();
    auto decoded = percentDecodePath(encodedPath);
    if (m_auth.enabled() && !m_auth.check(header(request, "Authorization"))) {
        Reply r = textReply(401, "Unauthorized\n");
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic")));
        if (encodedPath.startsWith("/metrics/"))
            Q_EMIT pushRejected(QString::fromUtf8(encodedPath), QString::fromLatin1(method), 401,
                                tr("missing or wrong basic auth credentials"), m_currentUserAgent);
        return r;
    }
    if (!decoded)
        return textReply(400, "invalid URL escape\n");
    const QByteArray &path = *decoded;
    // The real gateway's ServeMux answers a path with empty, "." or ".." segments (after
    // percent-decoding) with 301 to the cleaned one, for every method, before any route; a
    // push never stores job="." or job="..".
    if (const QByteArray cleaned = cleanPath(path); cleaned != path && method != "CONNECT") {
        QByteArray location = QUrl::toPercentEncoding(QString::fromUtf8(cleaned), "$&+,/:;=@");
        const QString query = request.url().query(QUrl::FullyEncoded);
        if (!query.isEmpty())
            location += '?' + query.toUtf8();
        Reply r{301, {}, {}, {{"Location", location}}};
        if (method == "GET" || method == "HEAD")
            r.contentType = "text/html; charset=utf-8";
        if (method == "GET")
            r.body = "<a href=\"" + QString::fromUtf8(location).toHtmlEscaped().toUtf8() +
                     "\">Moved Permanently</a>.\n\n";
        return r;
    }

    if (path.startsWith("/metrics/")) {
        QElapsedTimer took;
        took.start();
        Reply r = handlePush(request, path, method);
        countRequest(method == "DELETE" ? "delete" : "push", method, r.status);
        // The real gateway instruments its PUT and POST handlers (whatever they answer);
        // DELETE only counts in pushgateway_http_requests_total.
        if (method == "PUT" || method == "POST") {
            const QByteArray m = method.toLower();
            const qint64 now = m_clock->nowMs();
            m_pushDurations[m].observe(now, double(took.nsecsElapsed()) / 1e9);
            m_pushSizes[m].observe(now, approximateRequestSize(request, method));
        }
        return r;
    }
    if (path == "/metrics") {
        if (method != "GET" && method != "HEAD")
            return methodNotAllowed("GET, OPTIONS", options);
        Reply r = metricsPage();
        if (method == "HEAD") {
            r.bodyHead.clear();
            r.body.clear();
        }
        return r;
    }
    if (path == "/-/healthy" || path == "/-/ready") {
        if (method != "GET" && method != "HEAD")
            return methodNotAllowed("GET, OPTIONS", options);
        return textReply(200, "OK");
    }
    if (path == "/api/v1/metrics" || path == "/api/v1/status") {
        if (method != "GET")
            return methodNotAllowed("GET, OPTIONS", options);
        countRequest(path.mid(1), method, 200);
        return path == "/api/v1/metrics" ? apiMetrics() : apiStatus();
    }
    if (path == "/api/v1/admin/wipe" && m_options.adminApi) {
        if (method != "PUT")
            return methodNotAllowed("OPTIONS, PUT", options);
        if (const auto refused = m_adminGuard.check(request.headers(), request.body().size(),
                                                    RequestGuard::Body::Ignored)) {
            Reply r = textReply(refused->status, refused->message.toUtf8() + '\n');
            if (refused->status == 401)
                r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
            return r;
        }
        wipe();
        countRequest("api/v1/admin/wipe", method, 202);
        return {202, {}, {}, {}};
    }
    if ((path == "/" || path == "/status") && method == "GET") {
        return {200,
                "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>Pushgateway (Pull/Push Lab)</title></head>"
                "<body><p>Pull/Push Lab Pushgateway. See <a href=\"metrics\">/metrics</a> and "
                "<a href=\"api/v1/metrics\">/api/v1/metrics</a>.</p></body></html>",
                {}};
    }
    return textReply(404, "404 page not found\n");
}

PushgatewayServer::Reply PushgatewayServer::handlePush(const QHttpServerRequest &request,
                                                       const QByteArray &path,
                                                       const QByteArray &method) {
    const QString methodText = QString::fromLatin1(method);
    GroupingKeyParse parsed = parseGroupingKeyPath(path);
    if (parsed.status == 404)
        return textReply(404, "404 page not found\n");
    const bool pushMethod = method == "PUT" || method == "POST" || method == "DELETE";
    if (!pushMethod)
        return methodNotAllowed("DELETE, OPTIONS, POST, PUT", method == "OPTIONS");
    if (parsed.status == 301 || parsed.status == 307) {
        Reply r{parsed.status, {}, {}, {{"Location", parsed.location}}};
        return r;
    }
    if (!parsed.key) {
        Q_EMIT pushRejected(QString::fromUtf8(path), methodText, parsed.status, parsed.error,
                            m_currentUserAgent);
        return textReply(parsed.status, parsed.error.toUtf8() + '\n');
    }
    const GroupingKey &key = *parsed.key;
    const QString target = key.toString();
    if (method == "DELETE") {
        deleteGroup(key);
        Q_EMIT pushAccepted(target, methodText, 202, m_currentUserAgent);
        return {202, {}, {}, {}};
    }

    QByteArray body = request.body();
    auto tooLarge = [&] {
        const QString reason =
            tr("request body larger than %1 bytes").arg(m_options.bodyLimitBytes);
        Q_EMIT pushRejected(target, methodText, 413, reason, m_currentUserAgent);
        return textReply(413, reason.toUtf8() + '\n');
    };
    if (body.size() > m_options.bodyLimitBytes)
        return tooLarge();
    if (header(request, "Content-Encoding").trimmed().toLower() == "gzip") {
        auto inflated = gunzip(body, nullptr, m_options.bodyLimitBytes);
        if (!inflated) {
            const QString reason = tr("gzip: invalid header");
            Q_EMIT pushRejected(target, methodText, 400, reason, m_currentUserAgent);
            return textReply(400, reason.toUtf8() + '\n');
        }
        body = std::move(*inflated);
        if (body.size() > m_options.bodyLimitBytes)
            return tooLarge();
    }

    WriteRequest write;
    write.key = key;
    write.mode = method == "PUT" ? WriteMode::Replace : WriteMode::Merge;
    write.timestampUs = m_clock->nowUs();
    write.timestampMs = write.timestampUs / 1000;
    QString parseError;
    QString consistencyError;
    if (isProtobufDelimited(header(request, "Content-Type"))) {
        ProtobufPush pushed = parseProtobufDelimited(body);
        parseError = pushed.parseError;
        consistencyError = pushed.consistencyError;
        write.families = std::move(pushed.families);
    } else {
        ParsedExposition parsedText = parseText(body);
        if (parsedText.error && isStoreLevelError(*parsedText.error)) {
            consistencyError = parsedText.error->message;
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
        // A body that does not parse never reaches the store: no failure time is recorded.
        Q_EMIT pushRejected(target, methodText, 400, parseError, m_currentUserAgent);
        return textReply(400, parseError.toUtf8() + '\n');
    }
    WriteResult result;
    if (!consistencyError.isEmpty()) {
        // Same bookkeeping as a failed consistency check in the store.
        m_groups->recordFailedPush(key, write.timestampMs, write.timestampUs);
        result.error = tr("pushed metrics are invalid or inconsistent with existing metrics: %1")
                           .arg(consistencyError);
    } else {
        result = m_groups->apply(write);
    }
    if (!result.accepted) {
        Q_EMIT pushRejected(target, methodText, 400, result.error, m_currentUserAgent);
        return textReply(400, result.error.toUtf8() + '\n');
    }
    Q_EMIT pushAccepted(target, methodText, 200, m_currentUserAgent);
    return {200, {}, {}, {}};
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
