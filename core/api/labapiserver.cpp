#include "labapiserver.h"

#include "apiformat.h"
#include "exposition/metricfamily.h"
#include "notifierjson.h"
#include "query/parser.h"
#include "rulesjson.h"
#include "scrape/scrapeconfig.h"
#include "scrape/scrapeloop.h"
#include "scrape/scrapemanager.h"
#include "selfmetrics.h"
#include "storage/seriesstore.h"
#include "util/clock.h"
#include "util/httpframing.h"
#include "util/httpfront.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QSysInfo>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace ppl {

using namespace ppl::api;

namespace {

constexpr qint64 MaxPointsPerSeries = 11000; // Prometheus's limit for query_range
// Go's Request.ParseForm reads at most 10 MB of a form body; no request here needs more.
constexpr qint64 MaxRequestBodyBytes = 10 * 1024 * 1024;

QHttpServerResponse
json(const QByteArray &body,
     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok) {
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body, status);
}

QHttpServerResponse badData(const QString &error) {
    return json(errorJson("bad_data", error), QHttpServerResponse::StatusCode::BadRequest);
}

QHttpServerResponse
text(const QByteArray &body,
     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok) {
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), body, status);
}

// Prometheus reads `timeout` after the times and the step: not a duration ("1ns": Prometheus
// durations have no ns) is a 400; zero, negative or NaN makes the query time out at once (503).
// The lab answers within any positive timeout.
std::optional<QHttpServerResponse> timeoutRefusal(const std::optional<QString> &timeout,
                                                  const char *stage) {
    if (!timeout || timeout->isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const double seconds = timeout->toDouble(&isNumber);
    const auto ms = parseApiDuration(*timeout);
    if (!ms && !(isNumber && std::isnan(seconds)))
        return badData(QStringLiteral("invalid parameter \"timeout\": cannot parse \"%1\" to a "
                                      "valid duration")
                           .arg(*timeout));
    if (!ms || *ms <= 0)
        return json(
            errorJson("timeout", QStringLiteral("query timed out in %1").arg(QLatin1String(stage))),
            QHttpServerResponse::StatusCode::ServiceUnavailable);
    return std::nullopt;
}

QByteArray jsonStringArray(const std::vector<QByteArray> &values) {
    QByteArray out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(values[i]);
    }
    return out + ']';
}

} // namespace

// Request parameters as Go's Request.FormValue sees them: the URL query and, for a form POST,
// the body.
struct LabApiServer::Params {
    QList<QPair<QString, QString>> pairs;

    explicit Params(const QHttpServerRequest &request) {
        pairs = parseForm(request.url().query(QUrl::FullyEncoded).toUtf8());
        if (request.method() == QHttpServerRequest::Method::Post &&
            request.value("Content-Type").startsWith("application/x-www-form-urlencoded"))
            pairs = parseForm(request.body()) + pairs; // the body comes first, as in Go
    }
    std::optional<QString> value(const QString &key) const {
        for (const auto &p : pairs) {
            if (p.first == key)
                return p.second;
        }
        return std::nullopt;
    }
    QStringList values(const QString &key) const {
        QStringList out;
        for (const auto &p : pairs) {
            if (p.first == key)
                out.append(p.second);
        }
        return out;
    }
};

LabApiServer::LabApiServer(Clock *clock, SeriesStore *store, ScrapeManager *scrapes,
                           QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_store(store)
    , m_scrapes(scrapes)
    , m_http(std::make_unique<QHttpServer>())
    , m_selfMetrics(new SelfMetrics(clock, store, scrapes, this)) {
    addRoutes();
}

LabApiServer::~LabApiServer() = default;

quint16 LabApiServer::listen(const QHostAddress &address, quint16 port) {
    HttpFront::Limits limits;
    limits.maxBodyBytes = MaxRequestBodyBytes;
    auto front = std::make_unique<HttpFront>(limits);
    if (!front->listen(address, port)) {
        m_port = 0;
        return 0;
    }
    front->attach(m_http.get()); // the HTTP server owns it from here
    m_port = front.release()->serverPort();
    return m_port;
}

void LabApiServer::addRoutes() {
    using Method = QHttpServerRequest::Method;
    const auto getPost = Method::Get | Method::Post;
    // Every answer counts in prometheus_http_requests_total under its route's pattern.
    auto counted = [this](const char *pattern, auto handler) {
        return [this, pattern, handler](const QHttpServerRequest &request) {
            ++m_requests;
            QHttpServerResponse response = handler(request);
            m_selfMetrics->recordHttpRequest(pattern, int(response.statusCode()));
            return response;
        };
    };
    m_http->route(
        QStringLiteral("/api/v1/query"), getPost,
        counted("/api/v1/query", [this](const QHttpServerRequest &r) { return query(r); }));
    m_http->route(QStringLiteral("/api/v1/query_range"), getPost,
                  counted("/api/v1/query_range",
                          [this](const QHttpServerRequest &r) { return queryRange(r); }));
    m_http->route(
        QStringLiteral("/api/v1/targets"), Method::Get,
        counted("/api/v1/targets", [this](const QHttpServerRequest &r) { return targets(r); }));
    m_http->route(
        QStringLiteral("/api/v1/series"), getPost,
        counted("/api/v1/series", [this](const QHttpServerRequest &r) { return series(r); }));
    m_http->route(
        QStringLiteral("/api/v1/labels"), getPost,
        counted("/api/v1/labels", [this](const QHttpServerRequest &r) { return labels(r); }));
    m_http->route(QStringLiteral("/api/v1/label/<arg>/values"), Method::Get,
                  [this](const QString &name, const QHttpServerRequest &r) {
                      ++m_requests;
                      QHttpServerResponse response = labelValues(name, r);
                      m_selfMetrics->recordHttpRequest("/api/v1/label/:name/values",
                                                       int(response.statusCode()));
                      return response;
                  });
    m_http->route(QStringLiteral("/api/v1/status/config"), Method::Get,
                  counted("/api/v1/status/config", [this](const QHttpServerRequest &) {
                      return json(successJson("{\"yaml\":" + jsonString(m_configYaml) + '}'));
                  }));
    // What Grafana's Prometheus data source asks besides queries and labels.
    m_http->route(QStringLiteral("/api/v1/status/buildinfo"), Method::Get,
                  counted("/api/v1/status/buildinfo", [](const QHttpServerRequest &) {
                      return json(successJson(
                          "{\"version\":\"2.42.0\",\"revision\":\"pullpush-lab " PPL_VERSION
                          "\",\"branch\":\"\",\"buildUser\":\"\",\"buildDate\":\"\","
                          "\"goVersion\":\"\"}"));
                  }));
    m_http->route(
        QStringLiteral("/api/v1/metadata"), Method::Get,
        counted("/api/v1/metadata", [this](const QHttpServerRequest &r) { return metadata(r); }));
    m_http->route(
        QStringLiteral("/api/v1/rules"), Method::Get,
        counted("/api/v1/rules", [this](const QHttpServerRequest &r) { return rules(r); }));
    m_http->route(QStringLiteral("/api/v1/alerts"), Method::Get,
                  counted("/api/v1/alerts", [this](const QHttpServerRequest &) {
                      return json(successJson(alertsDataJson(m_rules)));
                  }));
    m_http->route(QStringLiteral("/api/v1/alertmanagers"), Method::Get,
                  counted("/api/v1/alertmanagers", [this](const QHttpServerRequest &) {
                      return json(successJson(alertmanagersDataJson(m_notifier)));
                  }));
    m_http->route(QStringLiteral("/api/v1/query_exemplars"), getPost,
                  counted("/api/v1/query_exemplars",
                          [this](const QHttpServerRequest &r) { return queryExemplars(r); }));
    m_http->route(QStringLiteral("/-/healthy"), Method::Get | Method::Head,
                  counted("/-/healthy", [](const QHttpServerRequest &) {
                      return text("Prometheus Server is Healthy.\n");
                  }));
    m_http->route(QStringLiteral("/-/ready"), Method::Get | Method::Head,
                  counted("/-/ready", [this](const QHttpServerRequest &) {
                      return m_ready ? text("Prometheus Server is Ready.\n")
                                     : text("Service Unavailable",
                                            QHttpServerResponse::StatusCode::ServiceUnavailable);
                  }));
    m_http->route(QStringLiteral("/-/reload"), Method::Post | Method::Put,
                  counted("/-/reload", [this](const QHttpServerRequest &r) { return reload(r); }));
    m_http->route(QStringLiteral("/-/reload"), Method::Get,
                  counted("/-/reload", [](const QHttpServerRequest &) {
                      return text("Only POST or PUT requests allowed",
                                  QHttpServerResponse::StatusCode::MethodNotAllowed);
                  }));
    m_http->route(QStringLiteral("/metrics"), Method::Get,
                  counted("/metrics", [this](const QHttpServerRequest &) { return ownMetrics(); }));
    // DELETE /api/v1/series is routed in 2.42 and answers that it is not implemented.
    m_http->route(QStringLiteral("/api/v1/series"), Method::Delete, [](const QHttpServerRequest &) {
        return json(errorJson("internal", QStringLiteral("not implemented")),
                    QHttpServerResponse::StatusCode::InternalServerError);
    });
    addMethodNotAllowedRoutes();
    // Go's ServeMux in front of Prometheus's router answers a path with empty, "." or ".."
    // segments with 301 to the cleaned one. Qt's router has no route for such a path ("//x"
    // even loses its path in Qt's URL: the front end kept the request line's), so it ends here.
    m_http->setMissingHandler([](const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder) {
        QByteArray target = HttpFront::requestTarget(responder.socket());
        if (!target.startsWith('/'))
            target = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        const qsizetype q = target.indexOf('?');
        const QByteArray path = QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q));
        const QByteArray query = q < 0 ? QByteArray() : target.mid(q + 1);
        const auto method = request.method();
        const QByteArray methodName = method == QHttpServerRequest::Method::Get       ? "GET"
                                      : method == QHttpServerRequest::Method::Head    ? "HEAD"
                                      : method == QHttpServerRequest::Method::Connect ? "CONNECT"
                                                                                      : "OTHER";
        if (const auto redirect = serveMuxRedirect(methodName, path, query)) {
            responder.writeStatusLine(QHttpServerResponder::StatusCode::MovedPermanently);
            responder.writeHeader("Location", redirect->location);
            if (!redirect->contentType.isEmpty())
                responder.writeHeader("Content-Type", redirect->contentType);
            responder.writeHeader("Content-Length", QByteArray::number(redirect->body.size()));
            responder.writeBody(redirect->body);
            return;
        }
        QHttpServerResponse(QHttpServerResponder::StatusCode::NotFound).write(std::move(responder));
    });
}

namespace {

// Prometheus's router (httprouter, HandleMethodNotAllowed) for a method a path does not take:
// 405 "Method Not Allowed" with the methods it takes in Allow (OPTIONS among them). OPTIONS
// itself is answered under /api/v1/ by the API's CORS handler (api.go's options: 204, no
// body, no Allow) and elsewhere by httprouter (200, Allow, no body).
QHttpServerResponse otherMethod(const QHttpServerRequest &request, const QByteArray &allow,
                                bool api) {
    if (request.method() == QHttpServerRequest::Method::Options) {
        QHttpServerResponse r(api ? QHttpServerResponse::StatusCode::NoContent
                                  : QHttpServerResponse::StatusCode::Ok);
        r.clearHeaders();
        if (!api)
            r.setHeader("Allow", allow);
        return r;
    }
    QHttpServerResponse r =
        text("Method Not Allowed\n", QHttpServerResponse::StatusCode::MethodNotAllowed);
    r.setHeader("Allow", allow);
    r.setHeader("X-Content-Type-Options", "nosniff");
    return r;
}

} // namespace

void LabApiServer::addMethodNotAllowedRoutes() {
    using Method = QHttpServerRequest::Method;
    using Methods = QHttpServerRequest::Methods;
    const Methods getPost = Method::Get | Method::Post;
    // Each path the server routes, the methods routed for it above, and the Allow header
    // Prometheus 2.42 sends for it (checked against the real binary in tst_labapiserver).
    struct Route {
        const char *path;
        Methods methods;
        const char *allow;
    };
    const Route routes[] = {
        {"/api/v1/query", getPost, "GET, OPTIONS, POST"},
        {"/api/v1/query_range", getPost, "GET, OPTIONS, POST"},
        {"/api/v1/query_exemplars", getPost, "GET, OPTIONS, POST"},
        {"/api/v1/series", getPost | Method::Delete, "DELETE, GET, OPTIONS, POST"},
        {"/api/v1/labels", getPost, "GET, OPTIONS, POST"},
        {"/api/v1/targets", Method::Get, "GET, OPTIONS"},
        {"/api/v1/metadata", Method::Get, "GET, OPTIONS"},
        {"/api/v1/status/config", Method::Get, "GET, OPTIONS"},
        {"/api/v1/status/buildinfo", Method::Get, "GET, OPTIONS"},
        {"/api/v1/rules", Method::Get, "GET, OPTIONS"},
        {"/api/v1/alerts", Method::Get, "GET, OPTIONS"},
        {"/-/healthy", Method::Get | Method::Head, "GET, HEAD, OPTIONS"},
        {"/-/ready", Method::Get | Method::Head, "GET, HEAD, OPTIONS"},
        {"/-/reload", Method::Get | Method::Post | Method::Put, "GET, OPTIONS, POST, PUT"},
        {"/metrics", Method::Get, "GET, OPTIONS"},
    };
    const auto others = [](Methods taken) { return Methods(int(Method::AnyKnown) & ~int(taken)); };
    for (const Route &r : routes) {
        const QByteArray allow = r.allow;
        const bool api = QByteArrayView(r.path).startsWith("/api/v1/");
        m_http->route(QString::fromLatin1(r.path), others(r.methods),
                      [allow, api](const QHttpServerRequest &request) {
                          return otherMethod(request, allow, api);
                      });
    }
    m_http->route(QStringLiteral("/api/v1/label/<arg>/values"), others(Method::Get),
                  [](const QString &, const QHttpServerRequest &request) {
                      return otherMethod(request, "GET, OPTIONS", true);
                  });
}

namespace {

QHttpServerResponse queryError(const query::QueryError &e, const QString &prefix = QString()) {
    using Status = QHttpServerResponse::StatusCode;
    Status status = Status::UnprocessableEntity; // "execution"
    if (e.type == query::QueryError::Type::BadData)
        status = Status::BadRequest;
    else if (e.type != query::QueryError::Type::Execution)
        status = Status::ServiceUnavailable; // timeout, canceled
    // Only a parse error names the parameter; evaluation errors are reported as they are.
    const QString message =
        e.type == query::QueryError::Type::BadData ? prefix + e.message : e.message;
    return json(errorJson(e.typeName(), message), status);
}

QHttpServerResponse queryOutcome(const query::Engine::Outcome &outcome,
                                 const QString &errorPrefix = QString()) {
    if (const auto *e = std::get_if<query::QueryError>(&outcome))
        return queryError(*e, errorPrefix);
    return json(successJson(queryResultJson(std::get<query::QueryResult>(outcome))));
}

} // namespace

// The engine options of one request: the server's, with a shorter `timeout` if asked.
std::optional<QHttpServerResponse>
LabApiServer::requestOptions(const Params &params, query::Engine::Options *options) const {
    *options = m_queryOptions;
    if (const auto to = params.value(QStringLiteral("timeout")); to && !to->isEmpty()) {
        const auto ms = parseApiDuration(*to);
        if (!ms)
            return badData(QStringLiteral("invalid parameter \"timeout\": cannot parse \"%1\" "
                                          "to a valid duration")
                               .arg(*to));
        options->timeoutMs = std::min(options->timeoutMs, *ms);
    }
    return std::nullopt;
}

QHttpServerResponse LabApiServer::query(const QHttpServerRequest &request) {
    ++m_queries;
    const Params params(request);
    qint64 at = m_clock->nowMs();
    if (const auto t = params.value(QStringLiteral("time")); t && !t->isEmpty()) {
        const auto parsed = parseApiTime(*t);
        if (!parsed)
            return badData(QStringLiteral("invalid parameter \"time\": Invalid time value for "
                                          "'time': cannot parse \"%1\" to a valid timestamp")
                               .arg(*t));
        at = *parsed;
    }
    if (auto refused = timeoutRefusal(params.value(QStringLiteral("timeout")), "query queue"))
        return std::move(*refused);
    query::Engine::Options options;
    if (auto error = requestOptions(params, &options))
        return std::move(*error);
    const QByteArray queryText = params.value(QStringLiteral("query")).value_or(QString()).toUtf8();
    const query::Engine engine(*m_store, options);
    // As Prometheus: a parse error is an invalid "query" parameter.
    return queryOutcome(engine.instantQuery(queryText, at),
                        QStringLiteral("invalid parameter \"query\": "));
}

QHttpServerResponse LabApiServer::queryRange(const QHttpServerRequest &request) {
    ++m_queries;
    const Params params(request);
    auto timeParam = [&](const QString &name, qint64 *out) -> std::optional<QString> {
        const QString value = params.value(name).value_or(QString());
        const auto parsed = parseApiTime(value);
        if (!parsed)
            return QStringLiteral("invalid parameter \"%1\": cannot parse \"%2\" to a valid "
                                  "timestamp")
                .arg(name, value);
        *out = *parsed;
        return std::nullopt;
    };
    qint64 start = 0;
    qint64 end = 0;
    if (auto e = timeParam(QStringLiteral("start"), &start))
        return badData(*e);
    if (auto e = timeParam(QStringLiteral("end"), &end))
        return badData(*e);
    if (end < start)
        return badData(QStringLiteral(
            "invalid parameter \"end\": end timestamp must not be before start time"));
    const QString stepText = params.value(QStringLiteral("step")).value_or(QString());
    const auto step = parseApiDuration(stepText);
    if (!step)
        return badData(QStringLiteral("invalid parameter \"step\": cannot parse \"%1\" to a "
                                      "valid duration")
                           .arg(stepText));
    if (*step <= 0)
        return badData(QStringLiteral("invalid parameter \"step\": zero or negative query "
                                      "resolution step widths are not accepted. Try a positive "
                                      "integer"));
    if ((end - start) / *step > MaxPointsPerSeries)
        return badData(QStringLiteral("exceeded maximum resolution of 11,000 points per "
                                      "timeseries. Try decreasing the query resolution "
                                      "(?step=XX)"));
    if (auto refused = timeoutRefusal(params.value(QStringLiteral("timeout")), "query execution"))
        return std::move(*refused);
    query::Engine::Options options;
    if (auto error = requestOptions(params, &options))
        return std::move(*error);
    const QByteArray queryText = params.value(QStringLiteral("query")).value_or(QString()).toUtf8();
    const query::Engine engine(*m_store, options);
    // Prometheus reports a range query's parse error without naming the parameter.
    return queryOutcome(engine.rangeQuery(queryText, start, end, *step));
}

QHttpServerResponse LabApiServer::targets(const QHttpServerRequest &request) {
    const Params params(request);
    const QString state = params.value(QStringLiteral("state")).value_or(QStringLiteral("any"));
    const bool showActive =
        state.isEmpty() || state == QLatin1String("any") || state == QLatin1String("active");
    const bool showDropped =
        state.isEmpty() || state == QLatin1String("any") || state == QLatin1String("dropped");
    const QString hostname = QSysInfo::machineHostName();

    QByteArray active = "[";
    if (m_scrapes && showActive) {
        bool first = true;
        for (const ScrapeLoop *loop : m_scrapes->loops()) {
            const ScrapeTarget &t = loop->target();
            QUrl global(t.url);
            // Prometheus swaps a loopback host for the machine's name in globalUrl.
            if (global.host() == QLatin1String("127.0.0.1") ||
                global.host() == QLatin1String("localhost") ||
                global.host() == QLatin1String("::1"))
                global.setHost(hostname);
            if (!first)
                active += ',';
            first = false;
            active +=
                "{\"discoveredLabels\":" + jsonLabels(t.discoveredLabels) +
                ",\"labels\":" + jsonLabels(t.labels) + ",\"scrapePool\":" + jsonString(t.jobName) +
                ",\"scrapeUrl\":" + jsonString(t.url.toUtf8()) +
                ",\"globalUrl\":" + jsonString(global.toString().toUtf8()) +
                ",\"lastError\":" + jsonString(loop->lastError().toUtf8()) +
                // Not in 2.42's API: the format the target answered in, "" before a response.
                ",\"lastScrapeFormat\":" + jsonString(scrapeFormatName(loop->lastResult().format)) +
                ",\"lastScrape\":" + jsonString(formatRfc3339(loop->lastScrapeMs())) +
                ",\"lastScrapeDuration\":" +
                formatJsonFloat(double(loop->lastScrapeDurationMs()) / 1000.0) +
                ",\"health\":" + jsonString(targetHealthName(loop->health())) +
                ",\"scrapeInterval\":" + jsonString(formatPrometheusDuration(t.intervalMs)) +
                ",\"scrapeTimeout\":" + jsonString(formatPrometheusDuration(t.timeoutMs)) + '}';
        }
    }
    active += ']';
    QByteArray dropped = "[";
    if (m_scrapes && showDropped) {
        bool first = true;
        for (const ScrapeTarget &t : m_scrapes->droppedTargets()) {
            if (!first)
                dropped += ',';
            first = false;
            // "dropReason" is the lab's addition: why relabelling dropped it or made it
            // invalid (Prometheus 2.42 only logs the latter).
            dropped += "{\"discoveredLabels\":" + jsonLabels(t.discoveredLabels) +
                       ",\"dropReason\":" + jsonString(t.dropReason.toUtf8()) + '}';
        }
    }
    dropped += ']';
    return json(
        successJson("{\"activeTargets\":" + active + ",\"droppedTargets\":" + dropped + '}'));
}

// The series that match[] selects (all live series without match[] when allowEmpty), kept
// only if they have a sample in [start, end] when either is given.
std::optional<QHttpServerResponse> LabApiServer::matchedSeries(const Params &params,
                                                               bool allowEmpty,
                                                               std::set<SeriesStore::SeriesId> *ids,
                                                               TimeGranularity granularity) const {
    const QStringList matches = params.values(QStringLiteral("match[]"));
    if (matches.isEmpty() && !allowEmpty)
        return badData(QStringLiteral("no match[] parameter provided"));
    std::optional<qint64> start;
    std::optional<qint64> end;
    for (const auto &[name, slot] :
         {std::pair{QStringLiteral("start"), &start}, std::pair{QStringLiteral("end"), &end}}) {
        const QString value = params.value(name).value_or(QString());
        if (value.isEmpty())
            continue;
        *slot = parseApiTime(value);
        if (!*slot)
            return badData(
                QStringLiteral("invalid parameter \"%1\": cannot parse \"%2\" to a valid "
                               "timestamp")
                    .arg(name, value));
    }
    std::vector<std::vector<LabelMatcher>> selections;
    for (const QString &m : matches) {
        QString error;
        const auto selector = query::Parser::parseSelector(m.toUtf8(), &error);
        if (!selector)
            return badData(QStringLiteral("invalid parameter \"match[]\": ") + error);
        selections.push_back(selector->matchers);
    }
    if (matches.isEmpty())
        selections.emplace_back();
    if (granularity == TimeGranularity::Head && (start || end)) {
        // Label names and values (2.42's headIndexReader.LabelNames/LabelValues): a window
        // that overlaps the head's [MinTime, MaxTime] reads every series the matchers select,
        // whatever its own samples' times; one that misses it reads none.
        const auto range = m_store->timeRange();
        if (!range || end.value_or(std::numeric_limits<qint64>::max()) < range->first ||
            start.value_or(std::numeric_limits<qint64>::min()) > range->second)
            return std::nullopt;
        start.reset();
        end.reset();
    }
    for (const auto &matchers : selections) {
        const auto found = start || end
                               ? m_store->select(matchers, start.value_or(0),
                                                 end.value_or(std::numeric_limits<qint64>::max()))
                               : m_store->select(matchers);
        ids->insert(found.begin(), found.end());
    }
    return std::nullopt;
}

QHttpServerResponse LabApiServer::series(const QHttpServerRequest &request) {
    const Params params(request);
    std::set<SeriesStore::SeriesId> ids;
    if (auto error = matchedSeries(params, false, &ids))
        return std::move(*error);
    std::vector<const Labels *> sets;
    for (SeriesStore::SeriesId id : ids)
        sets.push_back(&m_store->labels(id));
    std::sort(sets.begin(), sets.end(), [](const Labels *a, const Labels *b) { return *a < *b; });
    QByteArray out = "[";
    for (size_t i = 0; i < sets.size(); ++i) {
        if (i)
            out += ',';
        out += jsonLabels(*sets[i]);
    }
    return json(successJson(out + ']'));
}

QHttpServerResponse LabApiServer::labels(const QHttpServerRequest &request) {
    const Params params(request);
    std::set<SeriesStore::SeriesId> ids;
    if (auto error = matchedSeries(params, true, &ids, TimeGranularity::Head))
        return std::move(*error);
    std::set<QByteArray> names;
    for (SeriesStore::SeriesId id : ids) {
        const Labels &l = m_store->labels(id);
        for (int i = 0; i < l.size(); ++i)
            names.insert(l.name(i));
    }
    return json(successJson(jsonStringArray({names.begin(), names.end()})));
}

QHttpServerResponse LabApiServer::labelValues(const QString &name,
                                              const QHttpServerRequest &request) {
    const QByteArray n = name.toUtf8();
    if (!isValidLabelName(n))
        return badData(QStringLiteral("invalid label name: \"%1\"").arg(name));
    const Params params(request);
    std::set<SeriesStore::SeriesId> ids;
    if (auto error = matchedSeries(params, true, &ids, TimeGranularity::Head))
        return std::move(*error);
    std::set<QByteArray> values;
    for (SeriesStore::SeriesId id : ids) {
        const QByteArray v = m_store->labels(id).value(n);
        if (!v.isEmpty())
            values.insert(v);
    }
    return json(successJson(jsonStringArray({values.begin(), values.end()})));
}

// 2.42's metricMetadata: every active target's metadata (from its scrapes' # HELP, # TYPE and
// # UNIT lines) by metric family, each family's distinct {type, help, unit}; `metric` picks
// one family, `limit` (a number, else "limit must be a number") caps the families (a negative
// one does not). 2.42 reads no limit_per_metric (2.43 added it), so the lab ignores it too.
// Go's map order makes 2.42's choice under `limit` and its list order arbitrary; the lab takes
// families and entries in sorted order.
QHttpServerResponse LabApiServer::metadata(const QHttpServerRequest &request) {
    const Params params(request);
    int limit = -1;
    if (const auto s = params.value(QStringLiteral("limit")); s && !s->isEmpty()) {
        bool ok = false;
        limit = s->toInt(&ok);
        if (!ok)
            return badData(QStringLiteral("limit must be a number"));
    }
    const QByteArray metric = params.value(QStringLiteral("metric")).value_or(QString()).toUtf8();
    std::map<QByteArray, std::set<std::tuple<QByteArray, QByteArray, QByteArray>>> families;
    if (m_scrapes) {
        for (const ScrapeLoop *loop : m_scrapes->loops()) {
            const auto &meta = loop->metadata();
            for (auto it = meta.cbegin(); it != meta.cend(); ++it) {
                if (!metric.isEmpty() && it.key() != metric)
                    continue;
                families[it.key()].insert({it->type, it->help, it->unit});
            }
        }
    }
    QByteArray out = "{";
    int count = 0;
    for (const auto &[name, entries] : families) {
        if (limit >= 0 && count >= limit)
            break;
        if (count++)
            out += ',';
        out += jsonString(name) + ":[";
        bool first = true;
        for (const auto &[type, help, unit] : entries) {
            if (!first)
                out += ',';
            first = false;
            out += "{\"type\":" + jsonString(type) + ",\"help\":" + jsonString(help) +
                   ",\"unit\":" + jsonString(unit) + '}';
        }
        out += ']';
    }
    return json(successJson(out + '}'));
}

// 2.42's queryExemplars with exemplar storage off (its default): the times and the query are
// checked as there, a query without selectors answers 204 with no body, any other an empty
// list.
QHttpServerResponse LabApiServer::queryExemplars(const QHttpServerRequest &request) {
    const Params params(request);
    qint64 start = std::numeric_limits<qint64>::min();
    qint64 end = std::numeric_limits<qint64>::max();
    for (const auto &[name, slot] :
         {std::pair{QStringLiteral("start"), &start}, std::pair{QStringLiteral("end"), &end}}) {
        const QString value = params.value(name).value_or(QString());
        if (value.isEmpty())
            continue;
        const auto t = parseApiTime(value);
        if (!t)
            return badData(QStringLiteral("invalid parameter \"%1\": Invalid time value for "
                                          "'%1': cannot parse \"%2\" to a valid timestamp")
                               .arg(name, value));
        *slot = *t;
    }
    if (end < start)
        return badData(QStringLiteral("end timestamp must not be before start timestamp"));
    const QByteArray text = params.value(QStringLiteral("query")).value_or(QString()).toUtf8();
    auto parsed = query::Parser::parse(text);
    if (const auto *e = std::get_if<query::ParseError>(&parsed))
        return badData(e->toString(text));
    bool hasSelector = false;
    std::function<void(const query::Expr &)> visit = [&](const query::Expr &e) {
        hasSelector |= e.kind == query::Expr::Kind::VectorSelector;
        for (const query::Expr *c : {e.lhs.get(), e.rhs.get(), e.param.get()}) {
            if (c)
                visit(*c);
        }
        for (const auto &a : e.args)
            visit(*a);
    };
    visit(*std::get<std::unique_ptr<query::Expr>>(parsed));
    if (!hasSelector)
        return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
    return json(successJson("[]"));
}

QHttpServerResponse LabApiServer::reload(const QHttpServerRequest &request) {
    if (const auto refused =
            m_guard.check(request.headers(), request.body().size(), RequestGuard::Body::Ignored)) {
        QHttpServerResponse r = text(refused->message.toUtf8() + '\n',
                                     QHttpServerResponse::StatusCode(refused->status));
        if (refused->status == 401)
            r.setHeader("WWW-Authenticate", "Bearer");
        return r;
    }
    ++m_reloads;
    if (!m_reload)
        return text("Lifecycle API is not enabled.", QHttpServerResponse::StatusCode::Forbidden);
    const QString error = m_reload();
    if (!error.isEmpty()) {
        m_selfMetrics->recordConfigLoad(false); // whatever the handler recorded, it failed
        return text("failed to reload config: " + error.toUtf8() + '\n',
                    QHttpServerResponse::StatusCode::InternalServerError);
    }
    return text(QByteArray());
}

QHttpServerResponse LabApiServer::rules(const QHttpServerRequest &request) {
    // api.rules: type is matched case-insensitively; anything else is a bad_data 400.
    const QString type =
        request.query().queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded).toLower();
    if (!type.isEmpty() && type != u"alert" && type != u"record")
        return badData(
            QStringLiteral("invalid parameter \"type\": not supported value \"%1\"").arg(type));
    return json(successJson(rulesDataJson(m_rules, type.toUtf8())));
}

QHttpServerResponse LabApiServer::ownMetrics() {
    QByteArray out = m_selfMetrics->exposition();
    auto family = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    auto sample = [&out](const char *name, const QByteArray &labels, double value) {
        out += name;
        if (!labels.isEmpty())
            out += '{' + labels + '}';
        out += ' ' + formatSampleValue(value) + '\n';
    };
    // The lab's own figures besides Prometheus's.
    family("pullpush_lab_store_samples", "gauge", "Samples held in the lab's in-memory store.");
    sample("pullpush_lab_store_samples", {}, double(m_store->sampleCount()));
    if (m_scrapes) {
        family("pullpush_lab_scrapes_total", "counter", "Scrapes finished, by result.");
        sample("pullpush_lab_scrapes_total", "result=\"success\"",
               double(m_scrapes->scrapesTotal() - m_scrapes->failedScrapesTotal()));
        sample("pullpush_lab_scrapes_total", "result=\"failure\"",
               double(m_scrapes->failedScrapesTotal()));
    }
    out += ruleMetricsText(m_rules);
    out += notifierMetricsText(m_notifier);
    family("pullpush_lab_api_requests_total", "counter", "HTTP API requests served.");
    sample("pullpush_lab_api_requests_total", {}, double(m_requests));
    family("pullpush_lab_api_queries_total", "counter", "Instant and range queries answered.");
    sample("pullpush_lab_api_queries_total", {}, double(m_queries));
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), out);
}

} // namespace ppl
