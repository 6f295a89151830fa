#include "configloader.h"

#include "configrules.h"
#include "configschema.h"
#include "relabeler.h"

#include <QDir>
#include <QHash>
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
        // Prometheus decodes strictly: unknown or repeated keys reject the file, all of them
        // reported together (yaml.v2's "unmarshal errors").
        ConfigSchemaChecker schema;
        schema.check(root);
        m_warnings = schema.notices();
        if (const QList<ConfigDiagnostic> errors = schema.errors(); !errors.isEmpty()) {
            ConfigDiagnostic first = errors.first();
            for (qsizetype i = 1; i < errors.size(); ++i) {
                first.message += QLatin1Char('\n') +
                                 formatConfigDiagnostic({errors[i].line, errors[i].message, {}});
                if (first.hint.isEmpty())
                    first.hint = errors[i].hint;
            }
            throw Failure{first.line, first.message, first.hint, ConfigDiagnostic::Kind::Decode};
        }
        PrometheusConfig cfg;
        cfg.yaml = yaml;
        cfg.baseDir = m_baseDir;
        parseRoot(root, cfg);
        result.config = std::move(cfg);
    } catch (const Failure &f) {
        result.error = ConfigDiagnostic{f.line, f.message, f.hint, f.kind};
    } catch (const YAML::Exception &e) {
        result.error = ConfigDiagnostic{e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                        tr("invalid YAML: %1").arg(QString::fromStdString(e.msg)),
                                        {},
                                        ConfigDiagnostic::Kind::Syntax};
    }
    // In file order, whichever section found them.
    std::stable_sort(
        m_warnings.begin(), m_warnings.end(),
        [](const ConfigDiagnostic &a, const ConfigDiagnostic &b) { return a.line < b.line; });
    result.warnings = m_warnings;
    return result;
}

void ConfigLoader::fail(const YAML::Node &at, const QString &message) {
    throw Failure{lineOf(at), message, {}};
}

void ConfigLoader::failDecode(const YAML::Node &at, const QString &message) {
    throw Failure{lineOf(at), message, {}, ConfigDiagnostic::Kind::Decode};
}

void ConfigLoader::warn(const YAML::Node &at, const QString &message) {
    m_warnings.append(ConfigDiagnostic{lineOf(at), message, {}});
}

QByteArray ConfigLoader::scalar(const YAML::Node &node, const char *what) {
    if (!node.IsScalar())
        fail(node, tr("expected a single value for %1").arg(QLatin1String(what)));
    return bytes(node.Scalar());
}

qint64 ConfigLoader::duration(const YAML::Node &node) {
    QString error;
    const std::optional<qint64> ms = parsePrometheusDuration(scalar(node, "a duration"), &error);
    if (!ms)
        fail(node, error); // model.ParseDuration's words, "duration out of range" included
    return *ms;
}

quint64 ConfigLoader::unsignedInt(const YAML::Node &node) {
    // yaml.v2 decoding into Go's uint: a plain integer or float that fits; anything else is a
    // type error worded "cannot unmarshal !!tag `value` into uint".
    const QString value = node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
    QString shown = value;
    if (shown.size() > 10)
        shown = shown.left(7) + QStringLiteral("...");
    const bool quoted = node.Tag() == "!";
    static const QRegularExpression intRe(QStringLiteral("\\A[-+]?[0-9]+\\z"));
    static const QRegularExpression floatRe(
        QStringLiteral("\\A[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\z"));
    const auto typeError = [&](const char *tag) {
        failDecode(node, tr("cannot unmarshal %1 `%2` into uint").arg(QLatin1String(tag), shown));
    };
    if (!node.IsScalar())
        failDecode(node, tr("cannot unmarshal a list or mapping into uint"));
    if (quoted)
        typeError("!!str");
    bool ok = false;
    if (intRe.match(value).hasMatch()) {
        const quint64 v = value.toULongLong(&ok);
        if (ok)
            return v;
        if (value.startsWith(QLatin1Char('-')))
            typeError("!!int");
        typeError("!!float"); // too large for an int: YAML reads it as a float
    }
    if (floatRe.match(value).hasMatch()) {
        const double d = value.toDouble(&ok);
        if (ok && d >= 0 && d < 18446744073709551616.0)
            return quint64(d);
        typeError("!!float");
    }
    failDecode(node, tr("cannot unmarshal %1 `%2` into uint").arg(QLatin1String("!!str"), shown));
}

qint64 ConfigLoader::base2Bytes(const YAML::Node &node) {
    // alecthomas/units ParseBase2Bytes (what 2.42 uses for body_size_limit), with its errors.
    const QString orig = node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
    static const QHash<QString, double> units = {
        {QStringLiteral("B"), 1.0},
        {QStringLiteral("KB"), 1024.0},
        {QStringLiteral("KiB"), 1024.0},
        {QStringLiteral("MB"), 1024.0 * 1024},
        {QStringLiteral("MiB"), 1024.0 * 1024},
        {QStringLiteral("GB"), 1024.0 * 1024 * 1024},
        {QStringLiteral("GiB"), 1024.0 * 1024 * 1024},
        {QStringLiteral("TB"), 1024.0 * 1024 * 1024 * 1024},
        {QStringLiteral("TiB"), 1024.0 * 1024 * 1024 * 1024},
        {QStringLiteral("PB"), 1024.0 * 1024 * 1024 * 1024 * 1024},
        {QStringLiteral("PiB"), 1024.0 * 1024 * 1024 * 1024 * 1024},
        {QStringLiteral("EB"), 1024.0 * 1024 * 1024 * 1024 * 1024 * 1024},
        {QStringLiteral("EiB"), 1024.0 * 1024 * 1024 * 1024 * 1024 * 1024},
    };
    const QString invalid = tr("units: invalid %1").arg(orig);
    QString s = orig;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == QLatin1Char('-') || s[0] == QLatin1Char('+'))) {
        negative = s[0] == QLatin1Char('-');
        s.remove(0, 1);
    }
    if (s == QLatin1String("0"))
        return 0;
    if (s.isEmpty())
        fail(node, invalid);
    double total = 0;
    qsizetype i = 0;
    const auto isDigit = [&](qsizetype at) {
        return at < s.size() && s[at] >= QLatin1Char('0') && s[at] <= QLatin1Char('9');
    };
    while (i < s.size()) {
        if (!(s[i] == QLatin1Char('.') || isDigit(i)))
            fail(node, invalid);
        const qsizetype start = i;
        while (isDigit(i))
            ++i;
        const bool pre = i > start;
        double value = pre ? s.mid(start, i - start).toDouble() : 0;
        bool post = false;
        if (i < s.size() && s[i] == QLatin1Char('.')) {
            const qsizetype fracStart = ++i;
            while (isDigit(i))
                ++i;
            post = i > fracStart;
            if (post)
                value += (QStringLiteral("0.") + s.mid(fracStart, i - fracStart)).toDouble();
        }
        if (!pre && !post)
            fail(node, invalid);
        const qsizetype unitStart = i;
        while (i < s.size() && s[i] != QLatin1Char('.') && !isDigit(i))
            ++i;
        const QString unit = s.mid(unitStart, i - unitStart);
        if (!units.contains(unit))
            fail(node, tr("units: unknown unit %1 in %2").arg(unit, orig));
        total += value * units.value(unit);
    }
    if (negative)
        total = -total;
    if (total < -9223372036854775808.0 || total >= 9223372036854775808.0)
        fail(node, tr("units: overflow parsing unit"));
    return qint64(total);
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
        if (out.contains(name))
            fail(kv.first, tr("key \"%1\" already set in map").arg(QString::fromUtf8(name)));
        QByteArray value = kv.second.IsNull() ? QByteArray() : scalar(kv.second, "a label value");
        if (kv.second.Tag() == "tag:yaml.org,2002:binary")
            value = QByteArray::fromBase64(value);
        if (!QUtf8StringView(value).isValidUtf8()) {
            // Go's %q: invalid bytes as \xNN.
            QString shown;
            for (const char c : std::as_const(value))
                shown += uchar(c) < 0x80
                             ? QString(QLatin1Char(c))
                             : QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
            fail(kv.second, tr("\"%1\" is not a valid label value").arg(shown));
        }
        out.insert(name, value);
    }
    return out;
}

void ConfigLoader::parseRoot(const YAML::Node &root, PrometheusConfig &cfg) {
    if (root.IsNull() || !root.IsDefined())
        return; // an empty file is the default configuration, as in Prometheus
    if (!root.IsMap())
        fail(root, tr("expected a mapping (global:, scrape_configs:, …) at the top level"));
    if (const YAML::Node g = root["global"]; isSet(g))
        parseGlobal(g, cfg.global);
    if (const YAML::Node files = root["rule_files"]; isSet(files)) {
        // Config.UnmarshalYAML's patRulePath: a glob only in the last path element.
        static const QRegularExpression rulePath(QStringLiteral("\\A[^*]*(\\*[^/]*)?\\z"));
        for (const QByteArray &f : stringList(files, "rule_files")) {
            if (!rulePath.match(QString::fromUtf8(f)).hasMatch())
                fail(files, tr("invalid rule file path \"%1\"").arg(QString::fromUtf8(f)));
            cfg.ruleFiles << QString::fromUtf8(f);
        }
    }
    const YAML::Node jobs = root["scrape_configs"];
    if (!isSet(jobs)) {
        parseOtherRelabelRules(root, cfg);
        return;
    }
    if (!jobs.IsSequence())
        fail(jobs, tr("scrape_configs must be a list of jobs (\"- job_name: …\")"));
    for (const auto &jobNode : jobs) {
        if (jobNode.IsNull())
            fail(jobNode, tr("empty or null scrape config section"));
        ScrapeJobConfig job = parseJob(jobNode, cfg.global);
        for (const ScrapeJobConfig &other : std::as_const(cfg.scrapeConfigs)) {
            if (other.jobName == job.jobName)
                fail(jobNode["job_name"], tr("found multiple scrape configs with job name \"%1\"")
                                              .arg(QString::fromUtf8(job.jobName)));
        }
        cfg.scrapeConfigs.append(std::move(job));
    }
    parseOtherRelabelRules(root, cfg);
}

void ConfigLoader::parseGlobal(const YAML::Node &node, GlobalConfig &g) {
    if (!node.IsMap())
        fail(node, tr("global must be a mapping"));
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
    if (const std::optional<ConfigDiagnostic> broken = ConfigRuleChecker::checkDiscoveries(node))
        throw Failure{broken->line, broken->message, {}};
    job.line = lineOf(node);

    if (const YAML::Node n = node["job_name"]; isSet(n))
        job.jobName = scalar(n, "job_name");
    if (job.jobName.isEmpty())
        fail(node, tr("job_name is empty"));

    parseJobTiming(node, g, job);
    parseJobRequest(node, job);
    parseJobLimits(node, job);
    parseJobTargets(node, job);
    return job;
}

// scrape_interval and scrape_timeout, with Prometheus's ScrapeConfig.Validate.
void ConfigLoader::parseJobTiming(const YAML::Node &node, const GlobalConfig &g,
                                  ScrapeJobConfig &job) {
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
}

// How the target is asked: path, scheme, parameters, labels and timestamps, credentials.
void ConfigLoader::parseJobRequest(const YAML::Node &node, ScrapeJobConfig &job) {
    if (const YAML::Node n = node["metrics_path"]; isSet(n))
        job.metricsPath = scalar(n, "metrics_path");
    if (const YAML::Node n = node["scheme"]; isSet(n)) {
        job.scheme = scalar(n, "scheme");
        if (job.scheme != "http") {
            // Prometheus 2.42 loads any scheme (a wrong one fails at scrape time); the lab's
            // scraper speaks plain HTTP only, so such targets fail their scrapes here.
            warn(n, tr("scheme \"%1\" is valid for Prometheus 2.42 but not simulated by the "
                       "lab: its scrapes will fail (the lab's scraper speaks plain HTTP)")
                        .arg(QString::fromUtf8(job.scheme)));
        }
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
}

void ConfigLoader::parseJobLimits(const YAML::Node &node, ScrapeJobConfig &job) {
    // The scrape limits (ScrapeLimitChecker enforces them; target_limit TargetDiscovery).
    if (const YAML::Node n = node["body_size_limit"]; isSet(n))
        job.limits.bodySizeLimit = std::max<qint64>(0, base2Bytes(n));
    if (const YAML::Node n = node["sample_limit"]; isSet(n))
        job.limits.sampleLimit = unsignedInt(n);
    if (const YAML::Node n = node["label_limit"]; isSet(n))
        job.limits.labelLimit = unsignedInt(n);
    if (const YAML::Node n = node["label_name_length_limit"]; isSet(n))
        job.limits.labelNameLengthLimit = unsignedInt(n);
    if (const YAML::Node n = node["label_value_length_limit"]; isSet(n))
        job.limits.labelValueLengthLimit = unsignedInt(n);
    if (const YAML::Node n = node["target_limit"]; isSet(n))
        job.targetLimit = unsignedInt(n);
}

// Where the targets come from (static, file and Kubernetes discovery) and their relabelling.
void ConfigLoader::parseJobTargets(const YAML::Node &node, ScrapeJobConfig &job) {
    auto listOf = [this](const YAML::Node &n, const char *what) {
        if (n.IsNull())
            return;
        if (!n.IsSequence())
            fail(n, tr("%1 must be a list (\"- …\")").arg(QLatin1String(what)));
    };
    if (const YAML::Node n = node["static_configs"]; isSet(n)) {
        listOf(n, "static_configs");
        for (const auto &item : n) {
            if (item.IsNull())
                fail(item, tr("empty or null section in static_configs"));
            job.staticConfigs.append(parseStaticGroup(item));
        }
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
        job.relabelConfigs =
            parseRelabelRules(n, tr("empty or null target relabeling rule in scrape config"));
    if (const YAML::Node n = node["metric_relabel_configs"]; isSet(n))
        job.metricRelabelConfigs =
            parseRelabelRules(n, tr("empty or null metric relabeling rule in scrape config"));
    // ScrapeConfig.UnmarshalYAML's check for URLs in target groups, which 2.42 skips when
    // relabel_configs may still rewrite __address__ (the blackbox exporter pattern).
    if (job.relabelConfigs.isEmpty()) {
        const YAML::Node groups = node["static_configs"];
        for (qsizetype g = 0; g < job.staticConfigs.size(); ++g) {
            const QList<QByteArray> &targets = job.staticConfigs[g].targets;
            for (qsizetype i = 0; i < targets.size(); ++i) {
                if (targets[i].contains('/'))
                    fail(groups[g]["targets"][i],
                         tr("\"%1\" is not a valid hostname").arg(QString::fromUtf8(targets[i])));
            }
        }
    }
}

BasicAuthConfig ConfigLoader::parseBasicAuth(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("basic_auth must be a mapping (username, password)"));
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
    StaticTargetGroup group;
    if (const YAML::Node n = node["targets"]; isSet(n)) {
        group.targets = stringList(n, "targets");
    }
    if (const YAML::Node n = node["labels"]; isSet(n))
        group.labels = labelMap(n);
    return group;
}

FileSdConfig ConfigLoader::parseFileSd(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each file_sd_configs entry must be a mapping (files:, refresh_interval:)"));
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
        if (const YAML::Node names = n["names"]; isSet(names))
            sd.namespaces = stringList(names, "names");
    }
    return sd;
}

QList<RelabelRule> ConfigLoader::parseRelabelRules(const YAML::Node &node,
                                                   const QString &nullEntry) {
    if (!node.IsSequence())
        fail(node, tr("relabel configs must be a list of rules (\"- action: …\")"));
    QList<RelabelRule> rules;
    for (const auto &item : node) {
        if (item.IsNull())
            fail(item, nullEntry); // 2.42 names the list: "empty or null … relabeling rule …"
        rules.append(parseRelabelRule(item));
    }
    return rules;
}

void ConfigLoader::parseAlerting(const YAML::Node &alerting, AlertingConfig &out) {
    if (!alerting.IsMap())
        fail(alerting, tr("alerting must be a mapping (alertmanagers:, alert_relabel_configs:)"));
    if (const YAML::Node n = alerting["alert_relabel_configs"]; isSet(n))
        out.alertRelabelConfigs = parseRelabelRules(n, tr("empty or null alert relabeling rule"));
    const YAML::Node ams = alerting["alertmanagers"];
    if (!isSet(ams))
        return;
    if (!ams.IsSequence())
        fail(ams, tr("alertmanagers must be a list (\"- static_configs: …\")"));
    for (const auto &am : ams) {
        AlertmanagerConfig c; // DefaultAlertmanagerConfig: http, 10s, v2
        if (am.IsNull()) {
            out.alertmanagers.append(c);
            continue;
        }
        if (!am.IsMap())
            fail(am, tr("each alertmanagers entry must be a mapping (static_configs:, …)"));
        if (const YAML::Node n = am["scheme"]; isSet(n))
            c.scheme = scalar(n, "scheme");
        if (const YAML::Node n = am["path_prefix"]; isSet(n))
            c.pathPrefix = scalar(n, "path_prefix");
        if (const YAML::Node n = am["timeout"]; isSet(n))
            c.timeoutMs = duration(n);
        if (const YAML::Node n = am["api_version"]; n.IsDefined()) {
            // AlertmanagerAPIVersion.UnmarshalYAML: v1 and v2 only (an empty value too fails).
            c.apiVersion = n.IsNull() ? QByteArray() : scalar(n, "api_version");
            if (c.apiVersion != "v1" && c.apiVersion != "v2")
                fail(n, tr("expected Alertmanager api version to be one of [v1 v2] but got %1")
                            .arg(QString::fromUtf8(c.apiVersion)));
        }
        if (const YAML::Node n = am["static_configs"]; isSet(n)) {
            if (!n.IsSequence())
                fail(n, tr("static_configs must be a list (\"- …\")"));
            for (const auto &item : n) {
                if (item.IsNull())
                    fail(item, tr("empty or null section in static_configs"));
                c.staticConfigs.append(parseStaticGroup(item));
            }
        }
        if (const YAML::Node n = am["relabel_configs"]; isSet(n))
            c.relabelConfigs =
                parseRelabelRules(n, tr("empty or null Alertmanager target relabeling rule"));
        // checkStaticTargets: no URLs as targets unless relabel_configs may rewrite them.
        if (c.relabelConfigs.isEmpty()) {
            const YAML::Node groups = am["static_configs"];
            for (qsizetype g = 0; g < c.staticConfigs.size(); ++g) {
                const QList<QByteArray> &targets = c.staticConfigs[g].targets;
                for (qsizetype i = 0; i < targets.size(); ++i) {
                    if (targets[i].contains('/'))
                        fail(groups[g]["targets"][i], tr("\"%1\" is not a valid hostname")
                                                          .arg(QString::fromUtf8(targets[i])));
                }
            }
        }
        out.alertmanagers.append(c);
    }
}

void ConfigLoader::parseOtherRelabelRules(const YAML::Node &root, PrometheusConfig &cfg) {
    // The alerting section, then the relabel rules of the sections the lab does not simulate
    // (still checked, with the wording 2.42 uses for each list's null entries).
    if (const YAML::Node alerting = root["alerting"]; isSet(alerting))
        parseAlerting(alerting, cfg.alerting);
    for (const char *section : {"remote_write", "remote_read"}) {
        const YAML::Node list = root[section];
        if (!isSet(list) || !list.IsSequence())
            continue;
        for (const auto &entry : list) {
            if (entry.IsNull()) {
                fail(entry, QLatin1StringView(section) == QLatin1String("remote_write")
                                ? tr("empty or null remote write config section")
                                : tr("empty or null remote read config section"));
            }
            if (const YAML::Node n = entry["write_relabel_configs"]; entry.IsMap() && isSet(n))
                parseRelabelRules(n, tr("empty or null relabeling rule in remote write config"));
        }
    }
    if (const std::optional<ConfigDiagnostic> broken = ConfigRuleChecker::check(root))
        throw Failure{broken->line, broken->message, {}};
}

RelabelRule ConfigLoader::parseRelabelRule(const YAML::Node &node) {
    if (!node.IsMap())
        fail(node, tr("each relabel rule must be a mapping (source_labels:, action:, …)"));
    RelabelRule rule;
    rule.line = lineOf(node);
    if (const YAML::Node n = node["action"]; n.IsDefined()) {
        const QByteArray name = n.IsNull() ? QByteArray() : scalar(n, "action");
        if (name.isEmpty())
            fail(n, tr("relabel action cannot be empty"));
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
