#pragma once

#include "labcommand.h"
#include "sim/realexporter.h"

#include <QList>
#include <QString>

#include <optional>

namespace ppl {

struct GatewaySpec {
    bool enabled = true;
    bool persistence = false; // a lab-managed temporary file unless persistenceFile is set
    QString persistenceFile;
    qint64 persistenceIntervalMs = 5 * 60 * 1000;
    bool adminApi = false;
};

struct ScenarioAction {
    qint64 atMs = 0; // after the scenario started, on the lab clock
    LabCommand command;
    QString path; // "actions[3]", for messages
};

// A scenario file, checked and ready: the lab starts it all or nothing. The documented
// format is in docs/scenarios.md.
struct Scenario {
    QString name;
    QString description;
    QString file;              // where it came from (":/scenarios/x.yaml" for built-ins)
    QByteArray source;         // the YAML text as loaded (File → Save scenario as…)
    QByteArray prometheusYaml; // with {{target:NAME}}, {{job:NAME}}, {{gateway}}, {{server}}
    QString baseDir;           // relative paths in it resolve against this
    // engine: real | embedded — what runs the monitoring (issue 17): "real" asks for Debian's
    // prometheus and prometheus-pushgateway (--engine real); empty: not said (embedded).
    QString engine;
    // Rule files the lab server evaluates besides prometheus.yml's rule_files: `rules:`
    // (inline rule-file YAML, named FILE#rules) and `rule_files:` (read at load time,
    // relative to the scenario). Each is (name, YAML); checked as promtool checks rules.
    std::vector<std::pair<QString, QByteArray>> ruleSources;
    GatewaySpec gateway;
    QList<TargetSpec> targets;
    QList<JobSpec> jobs;
    QList<PodSpec> pods;
    QList<ExporterSpec> exporters; // real Debian exporters the lab starts ({{exporter:NAME}})
    QList<ScenarioAction> actions; // sorted by atMs (stable)
};

struct ScenarioError {
    QString file;
    QString path; // e.g. "targets[2].port"; empty for a YAML syntax error
    int line = 0; // 1-based; 0 when unknown
    QString message;
    QString toString() const; // "file:line: path: message"
};

struct ScenarioLoadResult {
    std::optional<Scenario> scenario;
    std::optional<ScenarioError> error;
};

ScenarioLoadResult loadScenario(const QByteArray &yaml, const QString &file,
                                const QString &baseDir = {});
ScenarioLoadResult loadScenarioFile(const QString &path);
// A built-in name (see builtInScenarios()) or a path to a file.
ScenarioLoadResult loadScenarioByNameOrFile(const QString &nameOrFile);

struct ScenarioInfo {
    QString name;
    QString description;
};
QList<ScenarioInfo> builtInScenarios(); // in a fixed order, pull-basics first

// Replaces {{target:NAME}}, {{job:NAME}}, {{pod:NAME}}, {{exporter:NAME}}, {{gateway}} and
// {{server}} with
// host:port through resolve(kind, name); an unknown placeholder → error (its text).
std::optional<QString> substitutePlaceholders(
    QByteArray &text,
    const std::function<std::optional<QByteArray>(const QByteArray &kind, const QByteArray &name)>
        &resolve);

} // namespace ppl
