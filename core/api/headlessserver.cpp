#include "headlessserver.h"

#include "labapiserver.h"
#include "notify/notifier.h"
#include "rules/rulemanager.h"
#include "scrape/checkconfig.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"
#include "selfmetrics.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSysInfo>

namespace ppl {

HeadlessServer::HeadlessServer(QObject *parent)
    : QObject(parent) {}

HeadlessServer::~HeadlessServer() {
    // The API and loops refer to the store and discovery: tear down in reverse order.
    m_api.reset();
    m_rules.reset();
    m_notifier.reset();
    m_scrapes.reset();
    m_discovery.reset();
    m_store.reset();
}

std::optional<quint16> HeadlessServer::start(const Options &options, QString *error) {
    m_options = options;
    m_clock = options.clock ? options.clock : Clock::system();
    m_network = std::make_unique<QNetworkAccessManager>();
    // Scrapes go straight to the target, as Prometheus's do without proxy_url.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_store = std::make_unique<SeriesStore>(m_clock);
    m_discovery = std::make_unique<TargetDiscovery>(m_clock, options.pods);
    m_scrapes = std::make_unique<ScrapeManager>(m_clock, m_store.get(), m_network.get());
    m_api = std::make_unique<LabApiServer>(m_clock, m_store.get(), m_scrapes.get());
    m_api->setQueryOptions(options.query);
    m_rules = std::make_unique<rules::RuleManager>(m_clock, m_store.get());
    rules::RuleManager::Options ruleOptions;
    ruleOptions.engine = options.query;
    // Prometheus's default --web.external-url: http://<hostname>:<port>.
    ruleOptions.externalUrl =
        QStringLiteral("http://%1:%2").arg(QSysInfo::machineHostName()).arg(options.port).toUtf8();
    m_rules->setOptions(ruleOptions);
    m_api->setRuleManager(m_rules.get());
    // rules.SendAlerts → notifier.Manager.Send, as cmd/prometheus wires them.
    m_notifier = std::make_unique<notify::Notifier>(m_network.get());
    connect(m_rules.get(), &rules::RuleManager::alertsToSend, m_notifier.get(),
            &notify::Notifier::send);
    m_api->setNotifier(m_notifier.get());
    m_api->guard().setToken(options.token);
    if (options.lifecycle)
        m_api->setReloadHandler([this] { return reload(); });
    connect(m_discovery.get(), &TargetDiscovery::targetsChanged, this, [this] {
        m_scrapes->setTargets(m_discovery->activeTargets(), m_discovery->droppedTargets());
    });

    const QString configError = applyConfigFile();
    if (!configError.isEmpty()) {
        if (error)
            *error = configError;
        return std::nullopt;
    }
    const quint16 port = m_api->listen(options.address, options.port);
    if (port == 0) {
        if (error)
            *error = tr("cannot listen on %1:%2").arg(options.address.toString()).arg(options.port);
        stop();
        return std::nullopt;
    }
    return port;
}

QString HeadlessServer::applyConfigFile() {
    const ConfigLoadResult loaded = loadPrometheusConfigFile(m_options.configPath);
    if (!loaded.config) {
        // Prometheus's reloadConfig wording around config.LoadFile's error, which is what
        // `promtool check config` (and --check-config) print: one verdict, one message.
        const ConfigDiagnostic d =
            loaded.error ? *loaded.error : ConfigDiagnostic{0, tr("unknown error"), {}};
        QString message = tr("couldn't load configuration (--config.file=\"%1\"): parsing YAML "
                             "file %1: %2")
                              .arg(m_options.configPath, prometheusConfigError(d));
        if (!d.hint.isEmpty())
            message += QLatin1Char('\n') + d.hint;
        m_api->selfMetrics()->recordConfigLoad(false);
        return message;
    }
    m_warnings.clear();
    for (const ConfigDiagnostic &w : loaded.warnings)
        m_warnings.append(formatConfigDiagnostic(w));
    m_discovery->setConfig(*loaded.config);
    m_api->setConfigYaml(loaded.config->yaml);
    m_api->selfMetrics()->recordConfigLoad(true, jobNames(*loaded.config));
    m_scrapes->setTargets(m_discovery->activeTargets(), m_discovery->droppedTargets());
    // The rule manager reloads last: rules that do not load keep the running ones, and the
    // reload reports the failure.
    QStringList ruleErrors;
    const auto sources = rules::RuleManager::readRuleFiles(loaded.config->ruleFiles,
                                                           loaded.config->baseDir, &ruleErrors);
    std::vector<std::pair<QByteArray, QByteArray>> external;
    for (auto it = loaded.config->global.externalLabels.cbegin();
         it != loaded.config->global.externalLabels.cend(); ++it)
        external.emplace_back(it.key(), it.value());
    const Labels externalLabels = Labels::fromPairs(std::move(external));
    m_notifier->applyConfig(loaded.config->alerting, externalLabels);
    if (ruleErrors.isEmpty())
        m_rules->update(sources, loaded.config->global.evaluationIntervalMs, externalLabels,
                        &ruleErrors);
    if (!ruleErrors.isEmpty())
        return tr("error loading rules, previous rule set restored: %1")
            .arg(ruleErrors.join(QLatin1Char('\n')));
    return {};
}

QString HeadlessServer::reload() {
    if (!m_discovery)
        return tr("not started");
    const QString error = applyConfigFile();
    Q_EMIT reloaded(error.isEmpty(), error);
    return error;
}

void HeadlessServer::stop() {
    if (m_scrapes)
        m_scrapes->stopAll(ScrapeLoop::StopMode::Immediately);
    if (m_rules)
        m_rules->clear();
}

} // namespace ppl
