#pragma once

#include "scrapeconfig.h"

#include <QCoreApplication>
#include <QString>

namespace YAML {
class Node;
}

namespace ppl {

// Turns prometheus.yml text into a PrometheusConfig, checking it as Prometheus 2.42's
// config.Load does (same error wording where Prometheus has one): unknown or repeated keys
// are errors (ConfigSchemaChecker), and keys Prometheus accepts but the lab does not simulate
// (remote_write, other service discoveries, TLS, …) are accepted with
// a notice naming them (the result's warnings). Use loadPrometheusConfig() rather than this
// class directly.
class ConfigLoader {
    Q_DECLARE_TR_FUNCTIONS(ppl::ConfigLoader)
public:
    explicit ConfigLoader(QString baseDir)
        : m_baseDir(std::move(baseDir)) {}
    ConfigLoadResult load(const QByteArray &yaml);

private:
    struct Failure {
        int line;
        QString message;
        QString hint;
        ConfigDiagnostic::Kind kind = ConfigDiagnostic::Kind::Validation;
    };

    void parseRoot(const YAML::Node &root, PrometheusConfig &cfg);
    void parseGlobal(const YAML::Node &node, GlobalConfig &g);
    ScrapeJobConfig parseJob(const YAML::Node &node, const GlobalConfig &g);
    void parseJobTiming(const YAML::Node &node, const GlobalConfig &g, ScrapeJobConfig &job);
    void parseJobRequest(const YAML::Node &node, ScrapeJobConfig &job);
    void parseJobLimits(const YAML::Node &node, ScrapeJobConfig &job);
    void parseJobTargets(const YAML::Node &node, ScrapeJobConfig &job);
    StaticTargetGroup parseStaticGroup(const YAML::Node &node);
    FileSdConfig parseFileSd(const YAML::Node &node);
    KubernetesSdConfig parseKubernetesSd(const YAML::Node &node);
    BasicAuthConfig parseBasicAuth(const YAML::Node &node);
    QList<RelabelRule> parseRelabelRules(const YAML::Node &node, const QString &nullEntry);
    void parseOtherRelabelRules(const YAML::Node &root, PrometheusConfig &cfg);
    void parseAlerting(const YAML::Node &alerting, AlertingConfig &out);
    RelabelRule parseRelabelRule(const YAML::Node &node);

    [[noreturn]] static void fail(const YAML::Node &at, const QString &message);
    // A yaml.v2 type error (reported among "unmarshal errors", with its line).
    [[noreturn]] static void failDecode(const YAML::Node &at, const QString &message);
    void warn(const YAML::Node &at, const QString &message);

    QByteArray scalar(const YAML::Node &node, const char *what);
    qint64 duration(const YAML::Node &node);
    quint64 unsignedInt(const YAML::Node &node);
    qint64 base2Bytes(const YAML::Node &node);
    bool boolean(const YAML::Node &node);
    QList<QByteArray> stringList(const YAML::Node &node, const char *what);
    QMap<QByteArray, QByteArray> labelMap(const YAML::Node &node);

    QString m_baseDir;
    QList<ConfigDiagnostic> m_warnings;
};

} // namespace ppl
