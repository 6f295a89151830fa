#pragma once

#include "storage/labels.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ppl {

class Lab;

// What the lab's world needs to run on the real programs (File → Export world for real
// Prometheus…, --export-world DIR): the applied prometheus.yml (placeholders as in a scenario,
// see Scenario::prometheusYaml), the rule files, and which of the lab's own things the
// placeholders reach.
struct WorldForExport {
    QString scenarioName;
    QByteArray prometheusYaml; // with {{target:NAME}}, {{gateway}}, {{server}}, …
    // The lab's own simulated things and exporters: "127.0.0.1:PORT" by (kind, name); the
    // gateway and the server are not asked (the set runs its own).
    std::function<std::optional<QByteArray>(const QByteArray &kind, const QByteArray &name)>
        resolve;
    std::vector<std::pair<QString, QByteArray>> ruleFiles; // (name as the lab knows it, YAML)
    // The targets each job's kubernetes_sd_configs discovers in the lab now (__address__ and
    // the __meta_kubernetes_* labels, before relabelling), by job name.
    std::map<QByteArray, QList<Labels>> podTargets;
    bool gateway = true;     // the lab runs a Pushgateway
    QList<quint16> labPorts; // ports the lab's things hold: the set's programs avoid them
};

// The ports the set's programs listen on (host network, 127.0.0.1), before avoiding the lab's.
struct RunnableSetPorts {
    quint16 prometheus = 9090;
    quint16 pushgateway = 9091;
    quint16 alertmanager = 9093;
};

// The files of the set, by path relative to its directory, and what was decided.
struct RunnableSet {
    std::vector<std::pair<QString, QByteArray>> files;
    RunnableSetPorts ports;
    bool alertmanager = false;   // some rule file has an alerting rule
    bool gatewayScraped = false; // prometheus.yml scrapes the set's Pushgateway
    QStringList notes;           // what the real programs will do differently (translated)
};

// The world as the lab runs it now: currentWorld()'s configuration and rules, the addresses
// of its targets, pods, jobs and exporters as they are bound now.
WorldForExport worldForExport(const Lab &lab);

// Builds the set:
// - prometheus.yml: the configuration with the lab's targets, pods, jobs and exporters at the
//   lab's real ports, {{gateway}} the set's Pushgateway, {{server}} the real Prometheus
//   itself; every job that scrapes the gateway with honor_labels: true (one named pushgateway
//   added when none does and the lab has a gateway); kubernetes_sd_configs replaced by
//   static_configs of the pods discovered now, each with its __meta_kubernetes_* labels, so
//   the job's relabel_configs keep or drop them as in the lab (Debian's Prometheus is built
//   without Kubernetes discovery, and the lab's pods exist in no cluster); rule_files naming
//   the exported rules;
//   with an alerting rule, alerting.alertmanagers the set's Alertmanager;
// - rules/*.yml: each rule file, under a file name made from the lab's name for it;
// - docker-compose.yml: prom/prometheus v2.42.0, prom/pushgateway v1.5.1 and (when there is
//   an alerting rule) prom/alertmanager v0.25.0 with alertmanager.yml, all with
//   network_mode: host, since the lab's simulated targets listen on the host's 127.0.0.1;
// - README.md: how to run it, with or without Docker, and what differs from the lab.
// Fails with *error (translated) when the configuration or a placeholder cannot be read.
std::optional<RunnableSet> buildRunnableSet(const WorldForExport &world, QString *error = nullptr,
                                            RunnableSetPorts wanted = {});

// Writes the set's files into dir (created if missing; files of the same name replaced).
bool writeRunnableSet(const RunnableSet &set, const QString &dir, QString *error = nullptr);

// worldForExport + buildRunnableSet + writeRunnableSet.
bool exportWorld(const Lab &lab, const QString &dir, QString *error = nullptr,
                 RunnableSet *written = nullptr);

} // namespace ppl
