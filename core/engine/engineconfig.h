#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "scrape/scrapeconfig.h"

#include <utility>
#include <vector>

namespace ppl::engine {

// What the lab hands a real Prometheus: its prometheus.yml (placeholders filled in) and the
// scenario's rule files.
struct EngineConfig {
    QByteArray prometheusYaml;
    std::vector<std::pair<QString, QByteArray>> ruleSources; // (name, YAML)
    QString baseDir; // relative rule_files in prometheusYaml resolve against this
};

// The prometheus.yml a real Prometheus reads from a directory of its own: the lab's text as
// it is (so Prometheus's error lines match it), with rule_files listing ruleFilePaths (the
// rule sources written out) and, when alertmanagerAddress is set and the configuration names
// no alerting of its own, an alerting section that sends to it. A configuration that has
// rule_files of its own is rewritten as a whole, its relative paths made absolute (against
// baseDir), since Prometheus resolves them against the file's own directory.
QByteArray renderPrometheusConfig(const EngineConfig &config, const QStringList &ruleFilePaths,
                                  const QByteArray &alertmanagerAddress);

// Debian's prometheus is built without Kubernetes discovery ("field kubernetes_sd_configs not
// found"), and the lab's pods live in the lab anyway: each scrape config's
// kubernetes_sd_configs becomes a file_sd_configs entry reading one JSON file in dir, which
// the engine fills with the targets Prometheus 2.42's pod discovery would give (the same
// __meta_kubernetes_* labels, so the configuration's relabelling works unchanged). The
// configuration is rewritten as a whole then (yaml-cpp); without kubernetes_sd_configs it is
// returned as it is. *files gets each file and the discovery configs it answers.
struct PodSdFile {
    QString path;
    QList<KubernetesSdConfig> configs;
};
QByteArray replaceKubernetesSd(const QByteArray &yaml, const QString &dir,
                               std::vector<PodSdFile> *files);

// Whether any rule source holds an alerting rule (then the engine runs an Alertmanager).
bool hasAlertingRules(const EngineConfig &config);

} // namespace ppl::engine
