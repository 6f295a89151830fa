#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <utility>
#include <vector>

namespace ppl {

// What runs the monitoring when it is not the lab's own (issue 17's --engine real: Debian's
// prometheus and prometheus-pushgateway as child processes). The lab then keeps only the
// simulated world — targets, jobs, pods, the /lab/* control API — and neither scrapes, nor
// evaluates rules, nor runs a gateway of its own: its jobs and targets push to gatewayUrl(),
// {{gateway}} and {{server}} in prometheus.yml name the engine's servers, and every
// configuration the lab would apply goes to applyConfig() instead.
class ExternalEngine {
public:
    virtual ~ExternalEngine() = default;
    virtual QUrl gatewayUrl() const = 0; // the Pushgateway the lab's jobs and targets push to
    virtual QUrl serverUrl() const = 0;  // the Prometheus ({{server}})
    // The scenario's configuration with its placeholders filled in, and the rule files the
    // lab would evaluate beside it ((name, YAML); relative rule_files resolve against
    // baseDir). The engine checks and applies it; whether its server accepted it is the
    // engine's to report, later (a real reload is an HTTP round trip).
    virtual void applyConfig(const QByteArray &resolvedYaml,
                             const std::vector<std::pair<QString, QByteArray>> &ruleSources,
                             const QString &baseDir) = 0;
    // Restarts the gateway process, as the lab's "restart the gateway" does with its own:
    // keepPersistence, its groups come back from its persistence file; otherwise it starts
    // empty. It answers again a little later. False with *error when it cannot.
    virtual bool restartGateway(bool keepPersistence, QString *error) = 0;
};

} // namespace ppl
