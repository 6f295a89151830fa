#pragma once

#include "query/engine.h"
#include "util/requestguard.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <set>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace ppl::rules {
class RuleManager;
}
namespace ppl::notify {
class Notifier;
}

namespace ppl {

class Clock;
class ScrapeManager;
class SeriesStore;
class SelfMetrics;

// The lab's built-in "Prometheus server" HTTP API, shaped like Prometheus 2.42's so curl
// habits, scripts and a Grafana Prometheus data source work against it:
//   GET/POST /api/v1/query, /api/v1/query_range  (PromQL, see core/query)
//   GET /api/v1/targets, GET/POST /api/v1/series, /api/v1/labels, GET /api/v1/label/<n>/values,
//   GET /api/v1/rules (?type=alert|record), /api/v1/alerts (from the RuleManager, if set),
//   GET /api/v1/alertmanagers (from the Notifier, if set),
//   GET /api/v1/status/config, /-/healthy, /-/ready, POST|PUT /-/reload, GET /metrics.
// Other parts of the lab add their own routes (/lab/*) through httpServer().
// Thread affinity: the lab's thread; clock, store and scrape manager are not owned.
class LabApiServer : public QObject {
    Q_OBJECT
public:
    // scrapes may be null (no /api/v1/targets content then).
    LabApiServer(Clock *clock, SeriesStore *store, ScrapeManager *scrapes,
                 QObject *parent = nullptr);
    ~LabApiServer() override;

    // Returns the bound port (useful with port 0), or 0 if it could not listen.
    quint16 listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 9090);
    quint16 serverPort() const { return m_port; }
    QHttpServer *httpServer() const { return m_http.get(); }

    // POST /-/reload calls this; it returns an error message, or an empty string on success.
    void setReloadHandler(std::function<QString()> handler) { m_reload = std::move(handler); }
    // The YAML shown by /api/v1/status/config.
    void setConfigYaml(const QByteArray &yaml) { m_configYaml = yaml; }
    // The rules /api/v1/rules and /api/v1/alerts show, and whose prometheus_rule_* figures
    // /metrics carries; null: none (empty lists). Not owned.
    void setRuleManager(rules::RuleManager *rules) { m_rules = rules; }
    // The Alertmanagers /api/v1/alertmanagers lists, and the prometheus_notifications_*
    // figures of /metrics; null: none. Not owned.
    void setNotifier(notify::Notifier *notifier) { m_notifier = notifier; }
    // /-/ready answers 503 until ready (default true).
    void setReady(bool ready) { m_ready = ready; }

    quint64 requestsServed() const { return m_requests; }
    // Prometheus's self-metrics on GET /metrics. Whoever loads the configuration tells it
    // (recordConfigLoad), as Prometheus's reloadConfig sets its gauges.
    SelfMetrics *selfMetrics() const { return m_selfMetrics; }

    // Lookback, timeout, sample limit and subquery step of /api/v1/query and query_range.
    void setQueryOptions(const query::Engine::Options &options) { m_queryOptions = options; }
    const query::Engine::Options &queryOptions() const { return m_queryOptions; }
    // What POST /-/reload and the /lab/* operations check first (token, Origin, Host).
    RequestGuard &guard() { return m_guard; }
    const RequestGuard &guard() const { return m_guard; }

private:
    struct Params;
    void addRoutes();
    // 405 for a method a routed path does not take, and OPTIONS, as Prometheus's router answers.
    void addMethodNotAllowedRoutes();
    std::optional<QHttpServerResponse> requestOptions(const Params &params,
                                                      query::Engine::Options *options) const;
    // How start/end select series: by their own samples (/api/v1/series; Prometheus reads
    // chunks in the window) or by the head's whole range (label names and values).
    enum class TimeGranularity { Samples, Head };
    std::optional<QHttpServerResponse>
    matchedSeries(const Params &params, bool allowEmpty, std::set<quint32> *ids,
                  TimeGranularity granularity = TimeGranularity::Samples) const;
    QHttpServerResponse query(const QHttpServerRequest &request);
    QHttpServerResponse queryRange(const QHttpServerRequest &request);
    QHttpServerResponse targets(const QHttpServerRequest &request);
    QHttpServerResponse series(const QHttpServerRequest &request);
    QHttpServerResponse labels(const QHttpServerRequest &request);
    QHttpServerResponse metadata(const QHttpServerRequest &request);
    QHttpServerResponse queryExemplars(const QHttpServerRequest &request);
    QHttpServerResponse labelValues(const QString &name, const QHttpServerRequest &request);
    QHttpServerResponse reload(const QHttpServerRequest &request);
    QHttpServerResponse ownMetrics();
    QHttpServerResponse rules(const QHttpServerRequest &request);

    Clock *m_clock;
    SeriesStore *m_store;
    ScrapeManager *m_scrapes;
    rules::RuleManager *m_rules = nullptr;
    notify::Notifier *m_notifier = nullptr;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    std::function<QString()> m_reload;
    RequestGuard m_guard;
    QByteArray m_configYaml;
    bool m_ready = true;
    query::Engine::Options m_queryOptions;
    quint64 m_requests = 0;
    quint64 m_queries = 0;
    quint64 m_reloads = 0;
    SelfMetrics *m_selfMetrics; // a child
};

} // namespace ppl
