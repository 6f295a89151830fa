#pragma once

#include "storage/labels.h"
#include "util/promduration.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace ppl {

// A prometheus.yml, as far as the lab understands it. Durations are milliseconds.
// Defaults are Prometheus 2.42's.

struct RelabelRule {
    enum class Action {
        Replace,
        Keep,
        Drop,
        HashMod,
        LabelMap,
        LabelDrop,
        LabelKeep,
        Lowercase,
        Uppercase,
        KeepEqual,
        DropEqual
    };
    Action action = Action::Replace;
    QList<QByteArray> sourceLabels;
    QByteArray separator = ";";
    QString regex = QStringLiteral("(.*)"); // as written; matching is fully anchored
    QByteArray targetLabel;
    QByteArray replacement = "$1";
    quint64 modulus = 0;
    int line = 0; // in the YAML file, for messages
    // The fully anchored form of `regex`, filled by the loader so that relabel() never
    // compiles per call (QRegularExpression copies share the compiled pattern). Rules built
    // by hand may leave it empty: relabel() then compiles `regex` once and caches it.
    QRegularExpression compiledRegex;
};

struct StaticTargetGroup {
    QList<QByteArray> targets; // host:port
    QMap<QByteArray, QByteArray> labels;
};

struct FileSdConfig {
    QStringList files; // may contain a * glob in the last path element, as in Prometheus
    qint64 refreshIntervalMs = 5 * 60 * 1000;
};

struct KubernetesSdConfig {
    QByteArray role = "pod";      // the lab answers role: pod from its PodCatalog
    QList<QByteArray> namespaces; // empty = all
};

struct BasicAuthConfig {
    QByteArray username;
    QByteArray password;
    QString passwordFile;
};

// A scrape config's per-scrape limits (0: none), as Prometheus 2.42 applies them.
struct ScrapeLimits {
    qint64 bodySizeLimit = 0; // bytes of uncompressed body
    quint64 sampleLimit = 0;
    quint64 labelLimit = 0;
    quint64 labelNameLengthLimit = 0;
    quint64 labelValueLengthLimit = 0;
    bool operator==(const ScrapeLimits &) const = default;
};

struct ScrapeJobConfig {
    QByteArray jobName;
    // 0 in the YAML means "not set": the loader resolves both from `global` (so a loaded
    // config always holds the effective values), clamping the timeout as Prometheus does.
    qint64 scrapeIntervalMs = 0;
    qint64 scrapeTimeoutMs = 0;
    QByteArray metricsPath = "/metrics";
    QByteArray scheme = "http";
    QMap<QByteArray, QList<QByteArray>> params;
    bool honorLabels = false;
    bool honorTimestamps = true;
    std::optional<BasicAuthConfig> basicAuth;
    QList<StaticTargetGroup> staticConfigs;
    QList<FileSdConfig> fileSdConfigs;
    QList<KubernetesSdConfig> kubernetesSdConfigs;
    QList<RelabelRule> relabelConfigs;
    QList<RelabelRule> metricRelabelConfigs;
    ScrapeLimits limits;
    quint64 targetLimit = 0; // more active targets than this fail every scrape of the job
    int line = 0;            // of the job's entry in the YAML file
};

struct GlobalConfig {
    qint64 scrapeIntervalMs = 60 * 1000;
    qint64 scrapeTimeoutMs = 10 * 1000;
    qint64 evaluationIntervalMs = 60 * 1000;
    QMap<QByteArray, QByteArray> externalLabels;
};

// One alerting.alertmanagers entry (config.AlertmanagerConfig of 2.42): where the notifier
// sends alerts. Only static_configs targets are discovered.
struct AlertmanagerConfig {
    QByteArray scheme = "http";
    QByteArray pathPrefix;
    qint64 timeoutMs = 10 * 1000;
    QByteArray apiVersion = "v2"; // "v1" or "v2"
    QList<StaticTargetGroup> staticConfigs;
    QList<RelabelRule> relabelConfigs; // applied to the Alertmanager targets
};

struct AlertingConfig {
    QList<RelabelRule> alertRelabelConfigs; // applied to every alert before it is queued
    QList<AlertmanagerConfig> alertmanagers;
};

struct PrometheusConfig {
    GlobalConfig global;
    QList<ScrapeJobConfig> scrapeConfigs; // intervals/timeouts already resolved from global
    QStringList ruleFiles; // rule_files patterns as written (globs; relative to baseDir)
    AlertingConfig alerting;
    QByteArray yaml; // the text it was loaded from (for /status/config)
    QString baseDir; // relative file_sd paths resolve against this
};

struct ConfigDiagnostic {
    // How Prometheus reports it: a check after decoding (no line), a yaml.v2 decoding error
    // ("yaml: unmarshal errors:" then "line N: …" each), or YAML that does not parse.
    enum class Kind { Validation, Decode, Syntax };
    int line = 0;    // 1-based; 0 when not tied to a line
    QString message; // Prometheus's wording where it has one
    QString hint;    // plain-language advice for a common mistake; may be empty
    Kind kind = Kind::Validation;
};

struct ConfigLoadResult {
    std::optional<PrometheusConfig> config; // empty on error
    std::optional<ConfigDiagnostic> error;
    QList<ConfigDiagnostic> warnings; // keys the lab accepts but does not act on
};

ConfigLoadResult loadPrometheusConfig(const QByteArray &yaml, const QString &baseDir = {});
// The scrape configs' job names, in file order.
QList<QByteArray> jobNames(const PrometheusConfig &config);
ConfigLoadResult loadPrometheusConfigFile(const QString &path);

// "line 7: message" (or just the message when it has no line), then the hint on a line of
// its own if there is one; for logs and the UI.
QString formatConfigDiagnostic(const ConfigDiagnostic &d);

// One target after discovery and relabelling: what a scrape loop needs.
struct ScrapeTarget {
    QByteArray jobName;
    Labels discoveredLabels; // before relabelling (with __address__, __meta_*, …)
    Labels labels;           // final target labels: job, instance, static labels, …
    QString url;             // scheme://address/metrics_path?params
    qint64 intervalMs = 0;
    qint64 timeoutMs = 0;
    bool honorLabels = false;
    bool honorTimestamps = true;
    std::optional<BasicAuthConfig> basicAuth;
    QList<RelabelRule> metricRelabelConfigs;
    ScrapeLimits limits;
    // Set when the job has more targets than its target_limit: every scrape fails with it
    // without a request ("target_limit exceeded (number of targets: N, limit: L)").
    QString forcedError;
    // Only for dropped targets: why ("dropped by relabel_configs", or what made it invalid
    // after relabelling, in Prometheus 2.42's words, e.g. "\"a/b:1\" is not a valid hostname").
    QString dropReason;
};

} // namespace ppl
