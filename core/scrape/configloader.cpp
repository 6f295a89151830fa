#include "configloader.h"

#include "relabeler.h"

#include <QDir>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

namespace ppl {

namespace {

int lineOf(const YAML::Node &node) {
    // yaml-cpp marks are 0-based; a node that has no position (implicit null) reports -1.
    if (!node.IsDefined())
        return 0;
    const int line = node.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

QByteArray bytes(const std::string &s) {
    return QByteArray(s.data(), qsizetype(s.size()));
}

bool isSet(const YAML::Node &node) {
    return node.IsDefined() && !node.IsNull();
}

QString resolvePath(const QString &baseDir, const QString &path) {
    // Prometheus's SetDirectory: relative paths are relative to the config file's directory.
    if (baseDir.isEmpty() || path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir(baseDir).filePath(path);
}

} // namespace

ConfigLoadResult ConfigLoader::load(const QByteArray &yaml) {
    ConfigLoadResult result;
    m_warnings.clear();
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        PrometheusConfig cfg;
        cfg.yaml = yaml;
        cfg.baseDir = m_baseDir;
        parseRoot(root, cfg);
        result.config = std::move(cfg);
    } catch (const Failure &f) {
        result.error = ConfigDiagnostic{f.line, f.message};
    } catch (const YAML::Exception &e) {
        result.error = ConfigDiagnostic{e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                        tr("invalid YAML: %1").arg(QString::fromStdString(e.msg))};
    }
    // In file order, whichever section found them.
    std::stable_sort(
        m_warnings.begin(), m_warnings.end(),
        [](const ConfigDiagnostic &a, const ConfigDiagnostic &b) { return a.line < b.line; });
    result.warnings = m_warnings;
    return result;
}

void ConfigLoader::fail(const YAML::Node &at, const QString &message) {
    throw Failure{lineOf(at), message};
}

void ConfigLoader::warn(const YAML::Node &at, const QString &message) {
    m_warnings.append(ConfigDiagnostic{lineOf(at), message});
}

void ConfigLoader::checkKeys(const YAML::Node &map, std::initializer_list<const char *> known,
                             std::initializer_list<const char *> ignored, const QString &where) {
    for (const auto &kv : map) {
        const std::string key = kv.first.as<std::string>();
        bool isKnown = false;
        for (const char *k : known)
            isKnown = isKnown || key == k;
        if (isKnown)
            continue;
        bool isIgnored = false;
        for (const char *k : ignored)
            isIgnored = isIgnored || key == k;
        const QString name = QString::fromStdString(key);
        if (isIgnored) {
            warn(kv.first,
                 tr("%1 in %2 is not simulated by the lab and is ignored").arg(name, where));
        } else {
            // Prometheus rejects the whole file here ("field … not found in type …"); the lab
            // only warns, so that a typo does not stop a lesson.
            warn(kv.first, tr("unknown key \"%1\" in %2 (ignored; Prometheus would reject the "
                              "file)")
                               .arg(name, where));
        }
    }
}

QByteArray ConfigLoader::scalar(const YAML::Node &node, const char *what) {
    if (!node.IsScalar())
        fail(node, tr("expected a single value for %1").arg(QLatin1String(what)));
    return bytes(node.Scalar());
}

qint64 ConfigLoader::duration(const YAML::Node &node) {
    const QByteArray text = scalar(node, "a duration");
    if (text.isEmpty())
        fail(node, tr("empty duration string"));
    const std::optional<qint64> ms = parsePrometheusDuration(text);
    if (!ms)
        fail(node, tr("not a valid duration string: \"%1\"").arg(QString::fromUtf8(text)));
    return *ms;
}

bool ConfigLoader::boolean(const YAML::Node &node) {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
        fail(node, tr("expected true or false, got \"%1\"")
                       .arg(node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString()));
    return value;
}

QList<QByteArray> ConfigLoader::stringList(const YAML::Node &node, const char *what) {
    QList<QByteArray> out;
    if (node.IsNull())
        return out;
    if (!node.IsSequence())
        fail(node, tr("expected a list for %1").arg(QLatin1String(what)));
    for (const auto &item : node)
        out.append(scalar(item, what));
    return out;
}

QMap<QByteArray, QByteArray> ConfigLoader::labelMap(const YAML::Node &node) {
    QMap<QByteArray, QByteArray> out;
    if (node.IsNull())
        return out;
    if (!node.IsMap())
        fail(node, tr("expected a mapping of label names to values"));
    for (const auto &kv : node) {
        const QByteArray name = scalar(kv.first, "a label name");
        if (!isValidLabelName(name))
            fail(kv.first, tr("\"%1\" is not a valid label name").arg(QString::fromUtf8(name)));
        out.insert(name, kv.second.IsNull() ? QByteArray() : scalar(kv.second, "a label value"));
    }
    return out;
}

void ConfigLoader::parseRoot(const YAML::Node &root, PrometheusConfig &cfg) {
    if (root.IsNull() || !root.IsDefined())
        return; // an empty file is the default configuration, as in Prometheus
    if (!root.IsMap())
        fail(root, tr("expected a mapping (global:, scrape_configs:, …) at the top level"));
    checkKeys(root, {"global", "scrape_configs"},
              {"alerting", "rule_files", "remote_write", "remote_read", "storage", "tracing",
               "scrape_config_files", "runtime", "otlp"},
              tr("the top level"));
    if (const YAML::Node g = root["global"]; isSet(g))
        parseGlobal(g, cfg.global);
    const YAML::Node jobs = root["scrape_configs"];
    if (!isSet(jobs))
        return;
    if (!jobs.IsSequence())
        fail(jobs, tr("scrape_configs must be a list of jobs (\"- job_name: …\")"));
    for (const auto &jobNode : jobs) {
        ScrapeJobConfig job = parseJob(jobNode, cfg.global);
        for (const ScrapeJobConfig &other : std::as_const(cfg.scrapeConfigs)) {
            if (other.jobName == job.jobName)
                fail(jobNode["job_name"], tr("found multiple scrape configs with job name \"%1\"")
                                              .arg(QString::fromUtf8(job.jobName)));
        }
        cfg.scrapeConfigs.append(std::move(job));
    }
}

void ConfigLoader::parseGlobal(const YAML::Node &node, GlobalConfig &g) {
    if (!node.IsMap())
        fail(node, tr("global must be a mapping"));
    checkKeys(node, {"scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels"},
              {"query_log_file", "body_size_limit", "sample_limit", "label_limit",
               "label_name_length_limit", "label_value_length_limit", "target_limit",
               "keep_dropped_targets", "scrape_protocols", "rule_query_offset"},
              tr("global"));
    const GlobalConfig defaults;
    qint64 interval = 0;
    qint64 timeout = 0;
    if (const YAML::Node n = node["scrape_interval"]; isSet(n))
        interval = duration(n);
    if (const YAML::Node n = node["scrape_timeout"]; isSet(n))
        timeout = duration(n);
    if (const YAML::Node n = node["evaluation_interval"]; isSet(n))
        g.evaluationIntervalMs = duration(n);
    if (g.evaluationIntervalMs == 0)
        g.evaluationIntervalMs = defaults.evaluationIntervalMs;
    if (const YAML::Node n = node["external_labels"]; isSet(n))
        g.externalLabels = labelMap(n);

    // Prometheus's GlobalConfig.UnmarshalYAML: the interval first, then a timeout that must
    // fit in it; an unset timeout is the default one, clamped to the interval.
    g.scrapeIntervalMs = interval ? interval : defaults.scrapeIntervalMs;
    if (timeout > g.scrapeIntervalMs)
        fail(node["scrape_timeout"], tr("global scrape timeout greater than scrape interval"));
    g.scrapeTimeoutMs = timeout ? timeout : std::min(defaults.scrapeTimeoutMs, g.scrapeIntervalMs);
}

ScrapeJobConfig ConfigLoader::parseJob(const YAML::Node &node, const GlobalConfig &g) {
    ScrapeJobConfig job;
    if (!node.IsMap())
        fail(node, tr("each entry of scrape_configs must be a mapping (job_name: …)"));
    job.line = lineOf(node);
    const QString where = tr("scrape config");
    checkKeys(node,
              {"job_name", "scrape_interval", "scrape_timeout", "metrics_path", "scheme", "params",
               "honor_labels", "honor_timestamps", "basic_auth", "static_configs",
               "file_sd_configs", "kubernetes_sd_configs", "relabel_configs",
               "metric_relabel_configs"},
              {"sample_limit",
               "label_limit",
               "label_name_length_limit",
               "label_value_length_limit",
               "target_limit",
               "body_size_limit",
               "tls_config",
               "bearer_token",
               "bearer_token_file",
               "authorization",
               "oauth2",
               "proxy_url",
               "no_proxy",
               "proxy_from_environment",
               "proxy_connect_header",
               "follow_redirects",
               "enable_http2",
               "http_headers",
               "scrape_classic_histograms",
               "native_histogram_bucket_limit",
               "enable_compression",
               "track_timestamps_staleness",
               "scrape_protocols",
               "keep_dropped_targets",
               "azure_sd_configs",
               "consul_sd_configs",
               "digitalocean_sd_configs",
               "docker_sd_configs",
               "dockerswarm_sd_configs",
               "dns_sd_configs",
               "ec2_sd_configs",
               "eureka_sd_configs",
               "gce_sd_configs",
               "hetzner_sd_configs",
               "http_sd_configs",
               "ionos_sd_configs",
               "kuma_sd_configs",
               "lightsail_sd_configs",
               "linode_sd_configs",
               "marathon_sd_configs",
               "nerve_sd_configs",
               "nomad_sd_configs",
               "openstack_sd_configs",
               "ovhcloud_sd_configs",
               "puppetdb_sd_configs",
               "scaleway_sd_configs",
               "serverset_sd_configs",
               "triton_sd_configs",
               "uyuni_sd_configs",
               "vultr_sd_configs"},
              where);

    if (const YAML::Node n = node["job_name"]; isSet(n))
        job.jobName = scalar(n, "job_name");
    if (job.jobName.isEmpty())
        fail(node, tr("job_name is empty"));

    qint64 interval = 0;
    qint64 timeout = 0;
    if (const YAML::Node n = node["scrape_interval"]; isSet(n))
        interval = duration(n);
    if (const YAML::Node n = node["scrape_timeout"]; isSet(n))
        timeout = duration(n);
    // Prometheus's ScrapeConfig.Validate, including its clamp of an inherited timeout.
    job.scrapeIntervalMs = interval ? interval : g.scrapeIntervalMs;
    if (timeout > job.scrapeIntervalMs)
        fail(node["scrape_timeout"],
             tr("scrape timeout greater than scrape interval for scrape config with job name "
                "\"%1\"")
                 .arg(QString::fromUtf8(job.jobName)));
    if (timeout)
        job.scrapeTimeoutMs = timeout;
    else
        job.scrapeTimeoutMs = std::min(g.scrapeTimeoutMs, job.scrapeIntervalMs);

    if (const YAML::Node n = node["metrics_path"]; isSet(n))
        job.metricsPath = scalar(n, "metrics_path");
    if (const YAML::Node n = node["scheme"]; isSet(n)) {
        job.scheme = scalar(n, "scheme");
        if (job.scheme == "https")
            fail(n, tr("scheme \"https\" is not supported by the lab: its targets serve plain "
                       "HTTP on 127.0.0.1 (use scheme: http)"));
        if (job.scheme != "http")
            fail(n, tr("URL scheme must be 'http' or 'https', got \"%1\"")
                        .arg(QString::fromUtf8(job.scheme)));
    }
    if (const YAML::Node n = node["params"]; isSet(n)) {
        if (!n.IsMap())
            fail(n, tr("params must be a mapping of names to lists of values"));
        for (const auto &kv : n) {
            const QByteArray name = scalar(kv.first, "a parameter name");
            job.params.insert(name, kv.second.IsScalar()
                                        ? QList<QByteArray>{bytes(kv.second.Scalar())}
                                        : stringList(kv.second, "a parameter's values"));
        }
    }
    if (const YAML::Node n = node["honor_labels"]; isSet(n))
        job.honorLabels = boolean(n);
    if (const YAML::Node n = node["honor_timestamps"]; isSet(n))
        job.honorTimestamps = boolean(n);
    if (const YAML::Node n = node["basic_auth"]; isSet(n))
        job.basicAuth = parseBasicAuth(n);

    auto listOf = [this](const YAML::Node &n, const char *what) {
        if (n.IsNull())
            return;
        if (!n.IsSequence())
            fail(n, tr("%1 must be a list (\"- …\")").arg(QLatin1String(what)));
    };
    if (const YAML::Node n = node["static_configs"]; isSet(n)) {
        listOf(n, "static_configs");
        for (const auto &item : n)
            job.staticConfigs.append(parseStaticGroup(item));
    }
    if (const YAML::Node n = node["file_sd_configs"]; isSet(n)) {
        listOf(n, "file_sd_configs");
        for (const auto &item : n)
            job.fileSdConfigs.append(parseFileSd(item));
    }
    if (const YAML::Node n = node["kubernetes_sd_configs"]; isSet(n)) {
        listOf(n, "kubernetes_sd_configs");
        for (const auto &item : n)
            job.kubernetesSdConfigs.append(parseKubernetesSd(item));
    }
    if (const YAML::Node n = node["relabel_configs"]; isSet(n))
        job.relabelConfigs = parseRelabelRules(n);
    if (const YAML::Node n = node["metric_relabel_configs"]; isSet(n))
        job.metricRelabelConfigs = parseRelabelRules(n);
    return job;
}

BasicAuthConfig ConfigLoader::parseBasicAuth(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("basic_auth must be a mapping (username, password)"));
    checkKeys(node, {"username", "password", "password_file"}, {"username_file"}, tr("basic_auth"));
    BasicAuthConfig auth;
    if (const YAML::Node n = node["username"]; isSet(n))
        auth.username = scalar(n, "username");
    if (const YAML::Node n = node["password"]; isSet(n))
        auth.password = scalar(n, "password");
    if (const YAML::Node n = node["password_file"]; isSet(n))
        auth.passwordFile = resolvePath(m_baseDir, QString::fromUtf8(scalar(n, "password_file")));
    if (!auth.password.isEmpty() && !auth.passwordFile.isEmpty())
        fail(node, tr("at most one of basic_auth password & password_file must be configured"));
    return auth;
}

StaticTargetGroup ConfigLoader::parseStaticGroup(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each static_configs entry must be a mapping (targets:, labels:)"));
    checkKeys(node, {"targets", "labels"}, {}, tr("static_configs"));
    StaticTargetGroup group;
    if (const YAML::Node n = node["targets"]; isSet(n)) {
        group.targets = stringList(n, "targets");
        qsizetype i = 0;
        for (const QByteArray &t : std::as_const(group.targets)) {
            // Prometheus's CheckTargetAddress: a URL is a classic mistake here.
            if (t.contains('/'))
                fail(n[i], tr("\"%1\" is not a valid hostname").arg(QString::fromUtf8(t)));
            ++i;
        }
    }
    if (const YAML::Node n = node["labels"]; isSet(n))
        group.labels = labelMap(n);
    return group;
}

FileSdConfig ConfigLoader::parseFileSd(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each file_sd_configs entry must be a mapping (files:, refresh_interval:)"));
    checkKeys(node, {"files", "refresh_interval"}, {}, tr("file_sd_configs"));
    FileSdConfig sd;
    QList<QByteArray> files;
    if (const YAML::Node n = node["files"]; isSet(n))
        files = stringList(n, "files");
    if (files.isEmpty())
        fail(node, tr("file service discovery config must contain at least one path name"));
    static const QRegularExpression validPath(
        QStringLiteral("\\A[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)\\z"));
    for (const QByteArray &f : files) {
        const QString path = QString::fromUtf8(f);
        if (!validPath.match(path).hasMatch())
            fail(node["files"], tr("path name \"%1\" is not valid for file discovery").arg(path));
        sd.files.append(resolvePath(m_baseDir, path));
    }
    if (const YAML::Node n = node["refresh_interval"]; isSet(n))
        sd.refreshIntervalMs = duration(n);
    return sd;
}

KubernetesSdConfig ConfigLoader::parseKubernetesSd(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each kubernetes_sd_configs entry must be a mapping (role: pod)"));
    checkKeys(node, {"role", "namespaces"},
              {"api_server", "kubeconfig_file", "selectors", "attach_metadata", "tls_config",
               "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file",
               "follow_redirects", "enable_http2", "proxy_url", "no_proxy",
               "proxy_from_environment", "proxy_connect_header"},
              tr("kubernetes_sd_configs"));
    KubernetesSdConfig sd;
    sd.role.clear();
    if (const YAML::Node n = node["role"]; isSet(n))
        sd.role = scalar(n, "role");
    if (sd.role.isEmpty())
        fail(node, tr("role missing (one of: pod, service, endpoints, endpointslice, node, "
                      "ingress)"));
    static const char *const roles[] = {"pod",           "service", "endpoints",
                                        "endpointslice", "node",    "ingress"};
    bool known = false;
    for (const char *r : roles)
        known = known || sd.role == r;
    if (!known)
        fail(node["role"], tr("unknown Kubernetes SD role \"%1\"").arg(QString::fromUtf8(sd.role)));
    if (sd.role != "pod") {
        // Accepted so that a real cluster's file loads; the lab only simulates pods.
        warn(node["role"], tr("kubernetes_sd_configs role \"%1\" is not simulated by the lab; "
                              "only role: pod discovers targets")
                               .arg(QString::fromUtf8(sd.role)));
    }
    if (const YAML::Node n = node["namespaces"]; isSet(n)) {
        if (!n.IsMap())
            fail(n, tr("namespaces must be a mapping (names: […])"));
        checkKeys(n, {"names"}, {"own_namespace"}, tr("namespaces"));
        if (const YAML::Node names = n["names"]; isSet(names))
            sd.namespaces = stringList(names, "names");
    }
    return sd;
}

QList<RelabelRule> ConfigLoader::parseRelabelRules(const YAML::Node &node) {
    if (!node.IsSequence())
        fail(node, tr("relabel configs must be a list of rules (\"- action: …\")"));
    QList<RelabelRule> rules;
    for (const auto &item : node)
        rules.append(parseRelabelRule(item));
    return rules;
}

RelabelRule ConfigLoader::parseRelabelRule(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each relabel rule must be a mapping (source_labels:, action:, …)"));
    checkKeys(
        node,
        {"source_labels", "separator", "regex", "target_label", "replacement", "modulus", "action"},
        {}, tr("relabel config"));
    RelabelRule rule;
    rule.line = lineOf(node);
    if (const YAML::Node n = node["action"]; n.IsDefined()) {
        const QByteArray name = n.IsNull() ? QByteArray() : scalar(n, "action");
        const std::optional<RelabelRule::Action> action = relabelActionFromName(name);
        if (!action)
            fail(n, tr("unknown relabel action \"%1\"").arg(QString::fromUtf8(name)));
        rule.action = *action;
    }
    if (const YAML::Node n = node["source_labels"]; isSet(n)) {
        rule.sourceLabels = stringList(n, "source_labels");
        for (const QByteArray &name : std::as_const(rule.sourceLabels)) {
            if (!isValidLabelName(name))
                fail(n, tr("\"%1\" is not a valid label name").arg(QString::fromUtf8(name)));
        }
    }
    // Explicit empty strings are meaningful for these (an empty separator or replacement).
    if (const YAML::Node n = node["separator"]; n.IsDefined())
        rule.separator = n.IsNull() ? QByteArray() : scalar(n, "separator");
    if (const YAML::Node n = node["regex"]; n.IsDefined())
        rule.regex = n.IsNull() ? QString() : QString::fromUtf8(scalar(n, "regex"));
    if (const YAML::Node n = node["target_label"]; isSet(n))
        rule.targetLabel = scalar(n, "target_label");
    if (const YAML::Node n = node["replacement"]; n.IsDefined())
        rule.replacement = n.IsNull() ? QByteArray() : scalar(n, "replacement");
    if (const YAML::Node n = node["modulus"]; isSet(n)) {
        bool ok = false;
        rule.modulus = scalar(n, "modulus").toULongLong(&ok);
        if (!ok)
            fail(n, tr("modulus must be a non-negative integer"));
    }
    if (const QString error = compileRelabelRule(rule); !error.isEmpty())
        fail(node["regex"].IsDefined() ? node["regex"] : node, error);
    if (const QString error = validateRelabelRule(rule); !error.isEmpty())
        fail(node, error);
    return rule;
}

} // namespace ppl
