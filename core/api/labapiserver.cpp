#include "labapiserver.h"

#include "apiformat.h"
#include "exposition/metricfamily.h"
#include "scrape/scrapeconfig.h"
#include "scrape/scrapemanager.h"
#include "selector.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSysInfo>
#include <QUrl>

#include <algorithm>
#include <set>

namespace ppl {

using namespace ppl::api;

namespace {

constexpr qint64 MaxPointsPerSeries = 11000; // Prometheus's limit for query_range

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
    , m_http(std::make_unique<QHttpServer>()) {
    addRoutes();
}

LabApiServer::~LabApiServer() = default;

quint16 LabApiServer::listen(const QHostAddress &address, quint16 port) {
    m_port = m_http->listen(address, port);
    return m_port;
}

void LabApiServer::addRoutes() {
    using Method = QHttpServerRequest::Method;
    const auto getPost = Method::Get | Method::Post;
    auto counted = [this](auto handler) {
        return [this, handler](const QHttpServerRequest &request) {
            ++m_requests;
            return handler(request);
        };
    };
    m_http->route(QStringLiteral("/api/v1/query"), getPost,
                  counted([this](const QHttpServerRequest &r) { return query(r); }));
    m_http->route(QStringLiteral("/api/v1/query_range"), getPost,
                  counted([this](const QHttpServerRequest &r) { return queryRange(r); }));
    m_http->route(QStringLiteral("/api/v1/targets"), Method::Get,
                  counted([this](const QHttpServerRequest &r) { return targets(r); }));
    m_http->route(QStringLiteral("/api/v1/series"), getPost,
                  counted([this](const QHttpServerRequest &r) { return series(r); }));
    m_http->route(QStringLiteral("/api/v1/labels"), getPost,
                  counted([this](const QHttpServerRequest &r) { return labels(r); }));
    m_http->route(QStringLiteral("/api/v1/label/<arg>/values"), Method::Get,
                  [this](const QString &name, const QHttpServerRequest &r) {
                      ++m_requests;
                      return labelValues(name, r);
                  });
    m_http->route(QStringLiteral("/api/v1/status/config"), Method::Get,
                  counted([this](const QHttpServerRequest &) {
                      return json(successJson("{\"yaml\":" + jsonString(m_configYaml) + '}'));
                  }));
    // What Grafana's Prometheus data source asks besides queries and labels.
    m_http->route(QStringLiteral("/api/v1/status/buildinfo"), Method::Get,
                  counted([](const QHttpServerRequest &) {
                      return json(successJson(
                          "{\"version\":\"2.42.0\",\"revision\":\"pullpush-lab " PPL_VERSION
                          "\",\"branch\":\"\",\"buildUser\":\"\",\"buildDate\":\"\","
                          "\"goVersion\":\"\"}"));
                  }));
    m_http->route(QStringLiteral("/api/v1/metadata"), getPost,
                  counted([](const QHttpServerRequest &) { return json(successJson("{}")); }));
    m_http->route(QStringLiteral("/api/v1/query_exemplars"), getPost,
                  counted([](const QHttpServerRequest &) { return json(successJson("[]")); }));
    m_http->route(QStringLiteral("/-/healthy"), Method::Get | Method::Head,
                  counted([](const QHttpServerRequest &) {
                      return text("Prometheus Server is Healthy.\n");
                  }));
    m_http->route(QStringLiteral("/-/ready"), Method::Get | Method::Head,
                  counted([this](const QHttpServerRequest &) {
                      return m_ready ? text("Prometheus Server is Ready.\n")
                                     : text("Service Unavailable",
                                            QHttpServerResponse::StatusCode::ServiceUnavailable);
                  }));
    m_http->route(QStringLiteral("/-/reload"), Method::Post | Method::Put,
                  counted([this](const QHttpServerRequest &) { return reload(); }));
    m_http->route(QStringLiteral("/-/reload"), Method::Get, counted([](const QHttpServerRequest &) {
                      return text("Only POST or PUT requests allowed",
                                  QHttpServerResponse::StatusCode::MethodNotAllowed);
                  }));
    m_http->route(QStringLiteral("/metrics"), Method::Get,
                  counted([this](const QHttpServerRequest &) { return ownMetrics(); }));
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
    const QString queryText = params.value(QStringLiteral("query")).value_or(QString());
    if (const auto scalar = evaluateScalarExpression(queryText))
        return json(
            successJson("{\"resultType\":\"scalar\",\"result\":" + jsonPoint(at, *scalar) + '}'));
    QString error;
    const auto selector = VectorSelector::parse(queryText, &error);
    if (!selector)
        return badData(QStringLiteral("invalid parameter \"query\": ") + error);

    QByteArray result = "[";
    bool first = true;
    for (const auto &point : selector->evaluate(*m_store, at)) {
        if (!first)
            result += ',';
        first = false;
        result += "{\"metric\":" + jsonLabels(m_store->labels(point.series)) +
                  ",\"value\":" + jsonPoint(at, point.sample.value) + '}';
    }
    result += ']';
    return json(successJson("{\"resultType\":\"vector\",\"result\":" + result + '}'));
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
    const QString queryText = params.value(QStringLiteral("query")).value_or(QString());
    if (const auto scalar = evaluateScalarExpression(queryText)) {
        QByteArray values;
        for (qint64 t = start; t <= end; t += *step)
            values += (values.isEmpty() ? "" : ",") + jsonPoint(t, *scalar);
        return json(
            successJson("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[" +
                        values + "]}]}"));
    }
    QString error;
    const auto selector = VectorSelector::parse(queryText, &error);
    if (!selector)
        return badData(QStringLiteral("invalid parameter \"query\": ") + error);

    QByteArray result = "[";
    bool firstSeries = true;
    for (const auto &range : selector->evaluateRange(*m_store, start, end, *step)) {
        if (!firstSeries)
            result += ',';
        firstSeries = false;
        result += "{\"metric\":" + jsonLabels(m_store->labels(range.series)) + ",\"values\":[";
        for (size_t i = 0; i < range.points.size(); ++i) {
            if (i)
                result += ',';
            result += jsonPoint(range.points[i].timestampMs, range.points[i].value);
        }
        result += "]}";
    }
    result += ']';
    return json(successJson("{\"resultType\":\"matrix\",\"result\":" + result + '}'));
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
            dropped += "{\"discoveredLabels\":" + jsonLabels(t.discoveredLabels) + '}';
        }
    }
    dropped += ']';
    return json(
        successJson("{\"activeTargets\":" + active + ",\"droppedTargets\":" + dropped + '}'));
}

QHttpServerResponse LabApiServer::series(const QHttpServerRequest &request) {
    const Params params(request);
    const QStringList matches = params.values(QStringLiteral("match[]"));
    if (matches.isEmpty())
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
    std::set<SeriesStore::SeriesId> ids;
    for (const QString &m : matches) {
        QString error;
        const auto selector = VectorSelector::parse(m, &error);
        if (!selector)
            return badData(QStringLiteral("invalid parameter \"match[]\": ") + error);
        for (SeriesStore::SeriesId id : m_store->select(selector->matchers())) {
            if (start || end) {
                const auto s = m_store->samples(id, start.value_or(0),
                                                end.value_or(std::numeric_limits<qint64>::max()));
                if (s.empty())
                    continue;
            }
            ids.insert(id);
        }
    }
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
    const QStringList matches = params.values(QStringLiteral("match[]"));
    if (matches.isEmpty())
        return json(successJson(jsonStringArray(m_store->labelNames())));
    std::set<QByteArray> names;
    for (const QString &m : matches) {
        QString error;
        const auto selector = VectorSelector::parse(m, &error);
        if (!selector)
            return badData(QStringLiteral("invalid parameter \"match[]\": ") + error);
        for (SeriesStore::SeriesId id : m_store->select(selector->matchers())) {
            const Labels &l = m_store->labels(id);
            for (int i = 0; i < l.size(); ++i)
                names.insert(l.name(i));
        }
    }
    return json(successJson(jsonStringArray({names.begin(), names.end()})));
}

QHttpServerResponse LabApiServer::labelValues(const QString &name, const QHttpServerRequest &) {
    const QByteArray n = name.toUtf8();
    if (!isValidLabelName(n))
        return badData(QStringLiteral("invalid label name: \"%1\"").arg(name));
    return json(successJson(jsonStringArray(m_store->labelValues(n))));
}

QHttpServerResponse LabApiServer::reload() {
    ++m_reloads;
    if (!m_reload)
        return text("Lifecycle API is not enabled.", QHttpServerResponse::StatusCode::Forbidden);
    const QString error = m_reload();
    if (!error.isEmpty()) {
        ++m_failedReloads;
        return text("failed to reload config: " + error.toUtf8() + '\n',
                    QHttpServerResponse::StatusCode::InternalServerError);
    }
    return text(QByteArray());
}

QHttpServerResponse LabApiServer::ownMetrics() {
    QByteArray out;
    auto family = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    auto sample = [&out](const char *name, const QByteArray &labels, double value) {
        out += name;
        if (!labels.isEmpty())
            out += '{' + labels + '}';
        out += ' ' + formatSampleValue(value) + '\n';
    };
    family("prometheus_tsdb_head_series", "gauge", "Total number of series in the head block.");
    sample("prometheus_tsdb_head_series", {}, double(m_store->seriesCount()));
    family("pullpush_lab_store_samples", "gauge", "Samples held in the lab's in-memory store.");
    sample("pullpush_lab_store_samples", {}, double(m_store->sampleCount()));
    if (m_scrapes) {
        family("prometheus_target_scrape_pool_targets", "gauge",
               "Current number of targets in this scrape pool.");
        QMap<QByteArray, int> perPool;
        for (const ScrapeLoop *loop : m_scrapes->loops())
            ++perPool[loop->target().jobName];
        for (auto it = perPool.cbegin(); it != perPool.cend(); ++it)
            sample("prometheus_target_scrape_pool_targets", "scrape_job=" + jsonString(it.key()),
                   it.value());
        family("pullpush_lab_scrapes_total", "counter", "Scrapes finished, by result.");
        sample("pullpush_lab_scrapes_total", "result=\"success\"",
               double(m_scrapes->scrapesTotal() - m_scrapes->failedScrapesTotal()));
        sample("pullpush_lab_scrapes_total", "result=\"failure\"",
               double(m_scrapes->failedScrapesTotal()));
    }
    family("prometheus_config_last_reload_successful", "gauge",
           "Whether the last configuration reload attempt was successful.");
    sample("prometheus_config_last_reload_successful", {}, m_failedReloads ? 0 : 1);
    family("pullpush_lab_api_requests_total", "counter", "HTTP API requests served.");
    sample("pullpush_lab_api_requests_total", {}, double(m_requests));
    family("pullpush_lab_api_queries_total", "counter", "Instant and range queries answered.");
    sample("pullpush_lab_api_queries_total", {}, double(m_queries));
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), out);
}

} // namespace ppl
