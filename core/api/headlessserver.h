#pragma once

#include "query/engine.h"
#include "scrape/scrapeconfig.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ppl::rules {
class RuleManager;
}
namespace ppl::notify {
class Notifier;
}

namespace ppl {

class Clock;
class LabApiServer;
class PodSource;
class ScrapeManager;
class SeriesStore;
class TargetDiscovery;

// The lab's scraper with its Prometheus-compatible API and nothing else: what
// `pullpush-lab --headless --config F --listen HOST:PORT` runs. Loads the configuration,
// starts discovery, the scrape loops, the rule groups of its rule_files, the notifier of its
// alerting section and the HTTP API; reload()
// (SIGHUP in main.cpp, and POST
// /-/reload when lifecycle is on, as with Prometheus's --web.enable-lifecycle) re-reads the
// file, and a broken file leaves the running configuration in force (as Prometheus does).
// Signals (SIGINT/SIGTERM) are main.cpp's business: it calls stop() or simply quits.
class HeadlessServer : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString configPath;
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 9090;          // 0: the OS chooses
        Clock *clock = nullptr;       // null: the system clock
        PodSource *pods = nullptr;    // for kubernetes_sd_configs; may be null
        bool lifecycle = false;       // POST /-/reload allowed (else 403, as in Prometheus)
        query::Engine::Options query; // --query.lookback-delta, --query.timeout, …
        QByteArray token = {};        // --lab-token: POST /-/reload needs it as a bearer token
    };

    explicit HeadlessServer(QObject *parent = nullptr);
    ~HeadlessServer() override;

    // Returns the bound port, or nullopt with *error set (config error with its line, or the
    // address could not be bound). Config warnings are in warnings().
    std::optional<quint16> start(const Options &options, QString *error);
    // Re-reads the config file; returns the error (old config kept) or an empty string.
    QString reload();
    // Stops every scrape loop at once (no stale markers, as at a Prometheus shutdown).
    void stop();

    QStringList warnings() const { return m_warnings; }
    SeriesStore *store() const { return m_store.get(); }
    ScrapeManager *scrapeManager() const { return m_scrapes.get(); }
    TargetDiscovery *discovery() const { return m_discovery.get(); }
    LabApiServer *api() const { return m_api.get(); }
    rules::RuleManager *ruleManager() const { return m_rules.get(); }
    // Sends the rules' alerts to alerting.alertmanagers (none configured: dropped, as 2.42).
    notify::Notifier *notifier() const { return m_notifier.get(); }

Q_SIGNALS:
    void reloaded(bool ok, const QString &error);

private:
    QString applyConfigFile();

    Options m_options;
    Clock *m_clock = nullptr;
    QStringList m_warnings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<TargetDiscovery> m_discovery;
    std::unique_ptr<ScrapeManager> m_scrapes;
    std::unique_ptr<rules::RuleManager> m_rules;
    std::unique_ptr<notify::Notifier> m_notifier;
    std::unique_ptr<LabApiServer> m_api;
};

} // namespace ppl
