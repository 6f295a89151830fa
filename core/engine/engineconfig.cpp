#include "engineconfig.h"

#include <QDir>
#include <QFile>

#include <yaml-cpp/yaml.h>

namespace ppl::engine {

namespace {

QByteArray quoted(const QString &s) {
    QByteArray out = s.toUtf8();
    out.replace('\'', "''");
    return '\'' + out + '\'';
}

bool hasAlert(const YAML::Node &file) {
    const YAML::Node groups = file["groups"];
    if (!groups || !groups.IsSequence())
        return false;
    for (const YAML::Node &g : groups) {
        const YAML::Node rules = g["rules"];
        if (!rules || !rules.IsSequence())
            continue;
        for (const YAML::Node &r : rules)
            if (r.IsMap() && r["alert"])
                return true;
    }
    return false;
}

} // namespace

QByteArray renderPrometheusConfig(const EngineConfig &config, const QStringList &ruleFilePaths,
                                  const QByteArray &alertmanagerAddress) {
    QByteArray text = config.prometheusYaml;
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &) {
        return text; // Prometheus says what is wrong with it, in its words
    }
    if (root && !root.IsNull() && !root.IsMap())
        return text;
    const bool ownRuleFiles = root && root["rule_files"];
    const bool ownAlerting = root && root["alerting"];
    if (ownRuleFiles) {
        YAML::Node files(YAML::NodeType::Sequence);
        const YAML::Node given = root["rule_files"];
        if (given.IsSequence())
            for (const YAML::Node &f : given) {
                const QString path = QString::fromStdString(f.as<std::string>(""));
                files.push_back((QDir::isRelativePath(path) && !config.baseDir.isEmpty()
                                     ? QDir(config.baseDir).absoluteFilePath(path)
                                     : path)
                                    .toStdString());
            }
        for (const QString &p : ruleFilePaths)
            files.push_back(p.toStdString());
        root["rule_files"] = files;
        YAML::Emitter out;
        out << root;
        text = QByteArray(out.c_str()) + '\n';
    } else if (!ruleFilePaths.isEmpty()) {
        if (!text.isEmpty() && !text.endsWith('\n'))
            text += '\n';
        text += "rule_files:\n";
        for (const QString &p : ruleFilePaths)
            text += "  - " + quoted(p) + '\n';
    }
    if (!ownAlerting && !alertmanagerAddress.isEmpty()) {
        if (!text.isEmpty() && !text.endsWith('\n'))
            text += '\n';
        text += "alerting:\n"
                "  alertmanagers:\n"
                "    - static_configs:\n"
                "        - targets: ['" +
                alertmanagerAddress + "']\n";
    }
    return text;
}

QByteArray replaceKubernetesSd(const QByteArray &yaml, const QString &dir,
                               std::vector<PodSdFile> *files) {
    files->clear();
    if (!yaml.contains("kubernetes_sd_configs"))
        return yaml;
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &) {
        return yaml;
    }
    if (!root.IsMap() || !root["scrape_configs"] || !root["scrape_configs"].IsSequence())
        return yaml;
    bool changed = false;
    int n = 0;
    for (YAML::Node job : root["scrape_configs"]) {
        if (!job.IsMap() || !job["kubernetes_sd_configs"] ||
            !job["kubernetes_sd_configs"].IsSequence())
            continue;
        PodSdFile file;
        file.path = QDir(dir).filePath(QStringLiteral("pods-%1.json").arg(++n));
        for (const YAML::Node &sd : job["kubernetes_sd_configs"]) {
            KubernetesSdConfig c;
            if (sd.IsMap() && sd["role"])
                c.role = QByteArray::fromStdString(sd["role"].as<std::string>(""));
            if (sd.IsMap() && sd["namespaces"] && sd["namespaces"]["names"] &&
                sd["namespaces"]["names"].IsSequence())
                for (const YAML::Node &ns : sd["namespaces"]["names"])
                    c.namespaces << QByteArray::fromStdString(ns.as<std::string>(""));
            file.configs << c;
        }
        job.remove("kubernetes_sd_configs");
        YAML::Node fileSd;
        fileSd["files"].push_back(file.path.toStdString());
        fileSd["refresh_interval"] = "1s";
        job["file_sd_configs"].push_back(fileSd);
        files->push_back(std::move(file));
        changed = true;
    }
    if (!changed)
        return yaml;
    YAML::Emitter out;
    out << root;
    return QByteArray(out.c_str()) + '\n';
}

bool hasAlertingRules(const EngineConfig &config) {
    for (const auto &[name, yaml] : config.ruleSources) {
        try {
            if (hasAlert(YAML::Load(yaml.toStdString())))
                return true;
        } catch (const YAML::Exception &) {
        }
    }
    // rule_files of prometheus.yml itself, read as Prometheus would (globs aside).
    try {
        const YAML::Node root = YAML::Load(config.prometheusYaml.toStdString());
        if (!root.IsMap() || !root["rule_files"] || !root["rule_files"].IsSequence())
            return false;
        for (const YAML::Node &f : root["rule_files"]) {
            QFile file(QDir(config.baseDir)
                           .absoluteFilePath(QString::fromStdString(f.as<std::string>(""))));
            if (file.open(QIODevice::ReadOnly) &&
                hasAlert(YAML::Load(file.readAll().toStdString())))
                return true;
        }
    } catch (const YAML::Exception &) {
    }
    return false;
}

} // namespace ppl::engine
