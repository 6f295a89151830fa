#include "scenariowriter.h"

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace ppl {

namespace {

std::string s(const QByteArray &b) {
    return b.toStdString();
}
std::string s(const QString &q) {
    return q.toStdString();
}

// Prometheus duration syntax, in the largest unit that is exact ("1m30s" stays "90s").
std::string durationText(qint64 ms) {
    if (ms % 1000 != 0)
        return std::to_string(ms) + "ms";
    const qint64 sec = ms / 1000;
    if (sec != 0 && sec % 3600 == 0)
        return std::to_string(sec / 3600) + "h";
    if (sec != 0 && sec % 60 == 0)
        return std::to_string(sec / 60) + "m";
    return std::to_string(sec) + "s";
}

std::string numberText(double d) {
    return QByteArray::number(d, 'g', 17).toStdString();
}

void labels(YAML::Emitter &out, const std::vector<LabelPair> &pairs) {
    out << YAML::BeginMap;
    for (const LabelPair &p : pairs)
        out << YAML::Key << s(p.name) << YAML::Value << YAML::DoubleQuoted << s(p.value);
    out << YAML::EndMap;
}

void stringMap(YAML::Emitter &out, const QMap<QByteArray, QByteArray> &map) {
    out << YAML::BeginMap;
    for (auto it = map.begin(); it != map.end(); ++it)
        out << YAML::Key << s(it.key()) << YAML::Value << YAML::DoubleQuoted << s(it.value());
    out << YAML::EndMap;
}

// profile, request_rate and metrics (the ones beyond the built-in profile's own).
void profile(YAML::Emitter &out, const MetricProfile &p) {
    const std::optional<MetricProfile> base = MetricProfile::builtIn(p.name);
    const MetricProfile builtIn = base ? *base : MetricProfile::empty();
    out << YAML::Key << "profile" << YAML::Value << s(base ? p.name : builtIn.name);
    if (p.http && builtIn.http && p.http->requestsPerSecond != builtIn.http->requestsPerSecond)
        out << YAML::Key << "request_rate" << YAML::Value << numberText(p.http->requestsPerSecond);
    qsizetype first = 0;
    while (first < builtIn.metrics.size() && first < p.metrics.size() &&
           p.metrics[first] == builtIn.metrics[first])
        ++first;
    if (first == p.metrics.size())
        return;
    out << YAML::Key << "metrics" << YAML::Value << YAML::BeginSeq;
    for (qsizetype i = first; i < p.metrics.size(); ++i) {
        const ProfileMetric &m = p.metrics[i];
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << s(m.name);
        out << YAML::Key << "type" << YAML::Value
            << (m.type == MetricType::Counter ? "counter" : "gauge");
        if (!m.help.isEmpty())
            out << YAML::Key << "help" << YAML::Value << YAML::DoubleQuoted << s(m.help);
        if (!m.labels.empty()) {
            out << YAML::Key << "labels" << YAML::Value;
            labels(out, m.labels);
        }
        out << YAML::Key << "value" << YAML::Value << numberText(m.value);
        if (m.rate != 0)
            out << YAML::Key << "rate" << YAML::Value << numberText(m.rate);
        if (m.amplitude != 0)
            out << YAML::Key << "amplitude" << YAML::Value << numberText(m.amplitude);
        out << YAML::Key << "period" << YAML::Value
            << durationText(qint64(std::llround(m.periodS * 1000)));
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

void target(YAML::Emitter &out, const TargetSpec &t) {
    const TargetOptions &o = t.options;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << s(o.name);
    profile(out, o.profile);
    if (o.port != 0)
        out << YAML::Key << "port" << YAML::Value << o.port;
    if (o.metricsPath != "/metrics")
        out << YAML::Key << "metrics_path" << YAML::Value << YAML::DoubleQuoted << s(o.metricsPath);
    if (o.format != TargetFormat::Text)
        out << YAML::Key << "format" << YAML::Value << s(targetFormatName(o.format));
    if (!t.running)
        out << YAML::Key << "running" << YAML::Value << false;
    if (t.fault != TargetFault::None) {
        out << YAML::Key << "fault" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "mode" << YAML::Value << s(targetFaultName(t.fault));
        if (t.fault == TargetFault::Slow)
            out << YAML::Key << "delay" << YAML::Value << durationText(t.faultParamMs);
        if (t.fault == TargetFault::Flap)
            out << YAML::Key << "period" << YAML::Value << durationText(t.faultParamMs);
        if (t.fault == TargetFault::Error)
            out << YAML::Key << "kind" << YAML::Value
                << (t.faultParamMs == qint64(ErrorKind::Malformed) ? "malformed" : "500");
        out << YAML::EndMap;
    }
    if (o.push) {
        out << YAML::Key << "push" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "interval" << YAML::Value << durationText(o.push->intervalMs);
        if (!o.push->groupingKey.empty()) {
            out << YAML::Key << "grouping_key" << YAML::Value;
            labels(out, o.push->groupingKey);
        }
        out << YAML::Key << "method" << YAML::Value
            << (o.push->method == PushMethod::Post ? "post" : "put");
        if (!t.pushToLabGateway)
            out << YAML::Key << "gateway" << YAML::Value << YAML::DoubleQuoted
                << s(o.push->gateway.toString());
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void job(YAML::Emitter &out, const JobSpec &j) {
    const BatchJobSpec &b = j.spec;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << s(b.name);
    out << YAML::Key << "duration" << YAML::Value << durationText(b.durationMs);
    out << YAML::Key << "success_probability" << YAML::Value << numberText(b.successProbability);
    out << YAML::Key << "seed" << YAML::Value << b.seed;
    out << YAML::Key << "records_per_second" << YAML::Value << numberText(b.recordsPerSecond);
    out << YAML::Key << "push" << YAML::Value << s(jobPushModeName(b.pushMode));
    if (!j.useLabGateway && b.pushMode != JobPushMode::None)
        out << YAML::Key << "gateway" << YAML::Value << YAML::DoubleQuoted
            << s(b.gateway.toString());
    if (!b.groupingKey.empty()) {
        out << YAML::Key << "grouping_key" << YAML::Value;
        labels(out, b.groupingKey);
    }
    if (b.deleteAfterMs >= 0)
        out << YAML::Key << "delete_after" << YAML::Value << durationText(b.deleteAfterMs);
    if (b.repeatEveryMs > 0)
        out << YAML::Key << "every" << YAML::Value << durationText(b.repeatEveryMs);
    if (j.runAtStart)
        out << YAML::Key << "run_at_start" << YAML::Value << true;
    if (b.port != 0 && b.pushMode == JobPushMode::None)
        out << YAML::Key << "port" << YAML::Value << b.port;
    out << YAML::EndMap;
}

void pod(YAML::Emitter &out, const PodSpec &p) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << s(p.pod.name);
    out << YAML::Key << "namespace" << YAML::Value << s(p.pod.namespaceName);
    if (!p.pod.labels.isEmpty()) {
        out << YAML::Key << "labels" << YAML::Value;
        stringMap(out, p.pod.labels);
    }
    if (!p.pod.annotations.isEmpty()) {
        out << YAML::Key << "annotations" << YAML::Value;
        stringMap(out, p.pod.annotations);
    }
    out << YAML::Key << "phase" << YAML::Value << s(p.pod.phase);
    profile(out, p.profile);
    if (p.port != 0)
        out << YAML::Key << "port" << YAML::Value << p.port;
    if (p.pod.ports.empty()) {
        out << YAML::Key << "declare_port" << YAML::Value << false;
    } else if (p.pod.ports.front().portName != "metrics") {
        out << YAML::Key << "port_name" << YAML::Value << s(p.pod.ports.front().portName);
    }
    out << YAML::EndMap;
}

void exporter(YAML::Emitter &out, const ExporterSpec &e) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << s(e.name);
    out << YAML::Key << "kind" << YAML::Value << exporterKindName(e.kind);
    if (!e.config.isEmpty())
        out << YAML::Key << "config" << YAML::Value << YAML::Literal << s(e.config);
    if (!e.args.isEmpty()) {
        out << YAML::Key << "args" << YAML::Value << YAML::BeginSeq;
        for (const QString &a : e.args)
            out << YAML::DoubleQuoted << s(a);
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
}

// The action nodes of the source text, by their index in its actions: list.
YAML::Node sourceActions(const QByteArray &source) {
    try {
        const YAML::Node root = YAML::Load(source.toStdString());
        if (root.IsMap() && root["actions"] && root["actions"].IsSequence())
            return root["actions"];
    } catch (const YAML::Exception &) {
    }
    return {};
}

} // namespace

QByteArray writeScenario(const Scenario &scenario) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << s(scenario.name);
    if (!scenario.description.isEmpty())
        out << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted
            << s(scenario.description);
    if (!scenario.engine.isEmpty())
        out << YAML::Key << "engine" << YAML::Value << s(scenario.engine);
    if (!scenario.prometheusYaml.isEmpty()) {
        QByteArray text = scenario.prometheusYaml;
        if (!text.endsWith('\n'))
            text += '\n';
        out << YAML::Key << "prometheus" << YAML::Value << YAML::Literal << s(text);
    }
    const GatewaySpec &g = scenario.gateway;
    out << YAML::Key << "gateway" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << g.enabled;
    if (g.enabled) {
        out << YAML::Key << "persistence" << YAML::Value << g.persistence;
        if (!g.persistenceFile.isEmpty())
            out << YAML::Key << "persistence_file" << YAML::Value << YAML::DoubleQuoted
                << s(g.persistenceFile);
        out << YAML::Key << "persistence_interval" << YAML::Value
            << durationText(g.persistenceIntervalMs);
        out << YAML::Key << "admin_api" << YAML::Value << g.adminApi;
    }
    out << YAML::EndMap;
    if (!scenario.targets.isEmpty()) {
        out << YAML::Key << "targets" << YAML::Value << YAML::BeginSeq;
        for (const TargetSpec &t : scenario.targets)
            target(out, t);
        out << YAML::EndSeq;
    }
    if (!scenario.jobs.isEmpty()) {
        out << YAML::Key << "jobs" << YAML::Value << YAML::BeginSeq;
        for (const JobSpec &j : scenario.jobs)
            job(out, j);
        out << YAML::EndSeq;
    }
    if (!scenario.pods.isEmpty()) {
        out << YAML::Key << "pods" << YAML::Value << YAML::BeginSeq;
        for (const PodSpec &p : scenario.pods)
            pod(out, p);
        out << YAML::EndSeq;
    }
    if (!scenario.exporters.isEmpty()) {
        out << YAML::Key << "exporters" << YAML::Value << YAML::BeginSeq;
        for (const ExporterSpec &e : scenario.exporters)
            exporter(out, e);
        out << YAML::EndSeq;
    }
    QStringList ruleFiles;
    for (const auto &[name, yaml] : scenario.ruleSources) {
        if (name.endsWith(QLatin1String("#rules"))) {
            QByteArray text = yaml;
            if (!text.endsWith('\n'))
                text += '\n';
            out << YAML::Key << "rules" << YAML::Value << YAML::Literal << s(text);
        } else {
            ruleFiles << name;
        }
    }
    if (!ruleFiles.isEmpty()) {
        out << YAML::Key << "rule_files" << YAML::Value << YAML::BeginSeq;
        for (const QString &f : std::as_const(ruleFiles))
            out << YAML::DoubleQuoted << s(f);
        out << YAML::EndSeq;
    }
    const YAML::Node actions = sourceActions(scenario.source);
    bool begun = false;
    for (const ScenarioAction &a : scenario.actions) {
        const QString prefix = QStringLiteral("actions[");
        if (!a.path.startsWith(prefix) || !a.path.endsWith(u']'))
            continue;
        bool ok = false;
        const int i = a.path.mid(prefix.size(), a.path.size() - prefix.size() - 1).toInt(&ok);
        if (!ok || !actions || i < 0 || std::size_t(i) >= actions.size())
            continue;
        if (!begun) {
            out << YAML::Key << "actions" << YAML::Value << YAML::BeginSeq;
            begun = true;
        }
        out << actions[std::size_t(i)];
    }
    if (begun)
        out << YAML::EndSeq;
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

} // namespace ppl
