#include "scenario.h"

#include "lab.h"
#include "labname.h"
#include "rules/rulefile.h"
#include "scrape/scrapeconfig.h"
#include "util/simulationclock.h"
#include "yamlduplicatekeys.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

namespace ppl {

namespace {

struct ScenarioText {
    Q_DECLARE_TR_FUNCTIONS(ppl::Scenario)
};

struct Failure {
    QString path;
    int line;
    QString message;
};

void rejectDuplicateKeys(const QByteArray &yaml) {
    if (const auto d = findDuplicateYamlKey(yaml))
        throw Failure{QString(), d->line,
                      ScenarioText::tr("duplicate key \"%1\" (first at line %2)")
                          .arg(d->key)
                          .arg(d->firstLine)};
}

[[noreturn]] void fail(const QString &path, const YAML::Node &node, const QString &message) {
    const int line = node.IsDefined() && node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
    throw Failure{path, line, message};
}

QString childPath(const QString &path, const char *key) {
    return path.isEmpty() ? QString::fromLatin1(key) : path + '.' + QLatin1String(key);
}

QString indexPath(const QString &path, std::size_t i) {
    return path + '[' + QString::number(i) + ']';
}

// The keys a mapping may have; anything else is a mistake worth naming.
void checkKeys(const YAML::Node &node, const QString &path,
               std::initializer_list<const char *> allowed) {
    if (!node.IsMap())
        fail(path, node, ScenarioText::tr("expected a mapping"));
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char *a) { return key == a; }))
            fail(path + '.' + QString::fromStdString(key), it->first,
                 ScenarioText::tr("unknown key \"%1\"").arg(QString::fromStdString(key)));
    }
}

QByteArray scalar(const YAML::Node &node, const QString &path) {
    if (!node.IsScalar())
        fail(path, node, ScenarioText::tr("expected a single value"));
    return QByteArray::fromStdString(node.Scalar());
}

QByteArray name(const YAML::Node &node, const QString &path) {
    const QByteArray v = scalar(node, path);
    if (!isValidLabName(v))
        fail(path, node, invalidLabNameText(QString::fromUtf8(v)));
    return v;
}

bool boolean(const YAML::Node &node, const QString &path) {
    const QByteArray v = scalar(node, path);
    if (v == "true" || v == "yes" || v == "on")
        return true;
    if (v == "false" || v == "no" || v == "off")
        return false;
    fail(path, node,
         ScenarioText::tr("expected true or false, got \"%1\"").arg(QString::fromUtf8(v)));
}

double number(const YAML::Node &node, const QString &path, double min, double max) {
    const QByteArray v = scalar(node, path);
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok)
        fail(path, node,
             ScenarioText::tr("expected a number, got \"%1\"").arg(QString::fromUtf8(v)));
    if (d < min || d > max)
        fail(path, node, ScenarioText::tr("%1 is out of range [%2, %3]").arg(d).arg(min).arg(max));
    return d;
}

// Prometheus duration syntax ("2s", "1m30s", "500ms"); a bare number means seconds.
qint64 duration(const YAML::Node &node, const QString &path) {
    const QByteArray v = scalar(node, path);
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok && seconds >= 0)
        return qint64(seconds * 1000);
    if (auto ms = parsePrometheusDuration(v))
        return *ms;
    fail(path, node,
         ScenarioText::tr("\"%1\" is not a duration (like 500ms, 15s, 1m30s)")
             .arg(QString::fromUtf8(v)));
}

std::vector<LabelPair> labelMap(const YAML::Node &node, const QString &path) {
    if (!node.IsMap())
        fail(path, node, ScenarioText::tr("expected a mapping of label names to values"));
    std::vector<LabelPair> out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QByteArray key = QByteArray::fromStdString(it->first.as<std::string>());
        const QString p = path + '.' + QString::fromUtf8(key);
        if (!isValidLabelName(key))
            fail(p, it->first,
                 ScenarioText::tr("\"%1\" is not a valid label name").arg(QString::fromUtf8(key)));
        out.push_back({key, scalar(it->second, p)});
    }
    return out;
}

QMap<QByteArray, QByteArray> stringMap(const YAML::Node &node, const QString &path) {
    if (!node.IsMap())
        fail(path, node, ScenarioText::tr("expected a mapping"));
    QMap<QByteArray, QByteArray> out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QByteArray key = QByteArray::fromStdString(it->first.as<std::string>());
        out.insert(key, scalar(it->second, path + '.' + QString::fromUtf8(key)));
    }
    return out;
}

std::vector<LabelPair> groupingKey(const YAML::Node &node, const QString &path) {
    std::vector<LabelPair> key = labelMap(node, path);
    if (key.empty() || key.front().name != "job")
        fail(path, node, ScenarioText::tr("a grouping key starts with job"));
    return key;
}

QList<ProfileMetric> customMetrics(const YAML::Node &node, const QString &path) {
    if (!node.IsSequence())
        fail(path, node, ScenarioText::tr("expected a list of metrics"));
    QList<ProfileMetric> out;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node m = node[i];
        const QString p = indexPath(path, i);
        checkKeys(m, p, {"name", "type", "help", "labels", "value", "rate", "amplitude", "period"});
        ProfileMetric metric;
        if (!m["name"])
            fail(p, m, ScenarioText::tr("a metric needs a name"));
        metric.name = scalar(m["name"], childPath(p, "name"));
        if (!isValidMetricName(metric.name))
            fail(childPath(p, "name"), m["name"], ScenarioText::tr("not a valid metric name"));
        if (m["type"]) {
            const QByteArray t = scalar(m["type"], childPath(p, "type"));
            if (t == "counter")
                metric.type = MetricType::Counter;
            else if (t == "gauge")
                metric.type = MetricType::Gauge;
            else
                fail(childPath(p, "type"), m["type"], ScenarioText::tr("type is counter or gauge"));
        }
        if (m["help"])
            metric.help = scalar(m["help"], childPath(p, "help"));
        if (m["labels"])
            metric.labels = labelMap(m["labels"], childPath(p, "labels"));
        if (m["value"])
            metric.value = number(m["value"], childPath(p, "value"), -1e300, 1e300);
        if (m["rate"])
            metric.rate = number(m["rate"], childPath(p, "rate"), 0, 1e12);
        if (m["amplitude"])
            metric.amplitude = number(m["amplitude"], childPath(p, "amplitude"), -1e300, 1e300);
        if (m["period"])
            metric.periodS = duration(m["period"], childPath(p, "period")) / 1000.0;
        out.push_back(metric);
    }
    return out;
}

// profile: service | node | empty, plus request_rate and custom metrics.
MetricProfile profileOf(const YAML::Node &node, const QString &path) {
    MetricProfile profile = MetricProfile::service();
    if (node["profile"]) {
        const QByteArray n = scalar(node["profile"], childPath(path, "profile"));
        auto p = MetricProfile::builtIn(QString::fromUtf8(n));
        if (!p)
            fail(childPath(path, "profile"), node["profile"],
                 ScenarioText::tr("unknown profile \"%1\" (one of: %2)")
                     .arg(QString::fromUtf8(n), MetricProfile::builtInNames().join(u", ")));
        profile = *p;
    }
    if (node["request_rate"]) {
        if (!profile.http)
            fail(childPath(path, "request_rate"), node["request_rate"],
                 ScenarioText::tr("request_rate needs the service profile"));
        profile.http->requestsPerSecond =
            number(node["request_rate"], childPath(path, "request_rate"), 0, 1e6);
    }
    if (node["metrics"])
        profile.metrics += customMetrics(node["metrics"], childPath(path, "metrics"));
    return profile;
}

quint16 port(const YAML::Node &node, const QString &path) {
    return quint16(number(node, path, 0, 65535));
}

TargetSpec targetOf(const YAML::Node &node, const QString &path) {
    checkKeys(node, path,
              {"name", "profile", "request_rate", "metrics", "port", "metrics_path", "format",
               "running", "fault", "push"});
    TargetSpec t;
    if (!node["name"])
        fail(path, node, ScenarioText::tr("a target needs a name"));
    t.options.name = name(node["name"], childPath(path, "name"));
    t.options.profile = profileOf(node, path);
    if (node["port"])
        t.options.port = port(node["port"], childPath(path, "port"));
    if (node["metrics_path"]) {
        t.options.metricsPath = scalar(node["metrics_path"], childPath(path, "metrics_path"));
        if (!t.options.metricsPath.startsWith('/'))
            fail(childPath(path, "metrics_path"), node["metrics_path"],
                 ScenarioText::tr("metrics_path starts with /"));
    }
    if (node["format"]) {
        const QByteArray f = scalar(node["format"], childPath(path, "format"));
        const auto format = targetFormatFromName(QString::fromUtf8(f));
        if (!format)
            fail(childPath(path, "format"), node["format"],
                 ScenarioText::tr("format is text or openmetrics"));
        t.options.format = *format;
    }
    if (node["running"])
        t.running = boolean(node["running"], childPath(path, "running"));
    if (node["fault"]) {
        const YAML::Node f = node["fault"];
        const QString p = childPath(path, "fault");
        const YAML::Node modeNode = f.IsMap() ? f["mode"] : f;
        if (f.IsMap())
            checkKeys(f, p, {"mode", "delay", "period", "kind"});
        const QByteArray mode = scalar(modeNode, f.IsMap() ? childPath(p, "mode") : p);
        auto fault = targetFaultFromName(QString::fromUtf8(mode));
        if (!fault)
            fail(p, modeNode,
                 ScenarioText::tr("unknown fault \"%1\"").arg(QString::fromUtf8(mode)));
        t.fault = *fault;
        if (*fault == TargetFault::Slow)
            t.faultParamMs =
                f.IsMap() && f["delay"] ? duration(f["delay"], childPath(p, "delay")) : 3000;
        if (*fault == TargetFault::Flap)
            t.faultParamMs =
                f.IsMap() && f["period"] ? duration(f["period"], childPath(p, "period")) : 10000;
        if (*fault == TargetFault::Error && f.IsMap() && f["kind"]) {
            const QByteArray k = scalar(f["kind"], childPath(p, "kind"));
            if (k == "malformed")
                t.faultParamMs = qint64(ErrorKind::Malformed);
            else if (k != "500")
                fail(childPath(p, "kind"), f["kind"], ScenarioText::tr("kind is 500 or malformed"));
        }
    }
    if (node["push"]) {
        const YAML::Node p = node["push"];
        const QString pp = childPath(path, "push");
        checkKeys(p, pp, {"interval", "grouping_key", "method", "gateway"});
        SelfPush push;
        if (p["interval"])
            push.intervalMs =
                std::max<qint64>(100, duration(p["interval"], childPath(pp, "interval")));
        if (p["grouping_key"])
            push.groupingKey = groupingKey(p["grouping_key"], childPath(pp, "grouping_key"));
        if (p["method"]) {
            const QByteArray m = scalar(p["method"], childPath(pp, "method"));
            if (m == "put" || m == "push")
                push.method = PushMethod::Put;
            else if (m == "post" || m == "pushadd")
                push.method = PushMethod::Post;
            else
                fail(childPath(pp, "method"), p["method"],
                     ScenarioText::tr("method is put or post"));
        }
        t.pushToLabGateway = !p["gateway"];
        if (p["gateway"])
            push.gateway = QUrl(QString::fromUtf8(scalar(p["gateway"], childPath(pp, "gateway"))));
        t.options.push = push;
    }
    return t;
}

JobSpec jobOf(const YAML::Node &node, const QString &path) {
    checkKeys(node, path,
              {"name", "duration", "success_probability", "seed", "records_per_second", "push",
               "gateway", "grouping_key", "delete_after", "every", "run_at_start", "port"});
    JobSpec j;
    if (!node["name"])
        fail(path, node, ScenarioText::tr("a job needs a name"));
    j.spec.name = name(node["name"], childPath(path, "name"));
    if (node["duration"])
        j.spec.durationMs = duration(node["duration"], childPath(path, "duration"));
    if (node["success_probability"])
        j.spec.successProbability =
            number(node["success_probability"], childPath(path, "success_probability"), 0, 1);
    if (node["seed"])
        j.spec.seed = quint64(number(node["seed"], childPath(path, "seed"), 0, 1e15));
    if (node["records_per_second"])
        j.spec.recordsPerSecond =
            number(node["records_per_second"], childPath(path, "records_per_second"), 0, 1e9);
    if (node["push"]) {
        const QByteArray m = scalar(node["push"], childPath(path, "push"));
        auto mode = jobPushModeFromName(QString::fromUtf8(m));
        if (!mode)
            fail(childPath(path, "push"), node["push"],
                 ScenarioText::tr("push is push, pushadd or none"));
        j.spec.pushMode = *mode;
    }
    if (node["gateway"]) {
        j.useLabGateway = false;
        j.spec.gateway =
            QUrl(QString::fromUtf8(scalar(node["gateway"], childPath(path, "gateway"))));
        if (!j.spec.gateway.isValid() || j.spec.gateway.scheme() != QLatin1String("http"))
            fail(childPath(path, "gateway"), node["gateway"],
                 ScenarioText::tr("expected an http:// URL"));
    }
    if (node["grouping_key"])
        j.spec.groupingKey = groupingKey(node["grouping_key"], childPath(path, "grouping_key"));
    if (node["delete_after"])
        j.spec.deleteAfterMs = duration(node["delete_after"], childPath(path, "delete_after"));
    if (node["every"]) {
        j.spec.repeatEveryMs = duration(node["every"], childPath(path, "every"));
        if (j.spec.repeatEveryMs < 100)
            fail(childPath(path, "every"), node["every"],
                 ScenarioText::tr("every is at least 100ms"));
    }
    if (node["run_at_start"])
        j.runAtStart = boolean(node["run_at_start"], childPath(path, "run_at_start"));
    if (node["port"])
        j.spec.port = port(node["port"], childPath(path, "port"));
    // The one rule for a job, which Lab::addJob and the window's Add job dialog apply too
    // (the checks above name the field; this catches what they leave, e.g. a repeated label).
    QString why;
    if (!Lab::checkJob(j, &why))
        fail(path, node, why);
    return j;
}

PodSpec podOf(const YAML::Node &node, const QString &path) {
    checkKeys(node, path,
              {"name", "namespace", "labels", "annotations", "phase", "profile", "request_rate",
               "metrics", "port", "port_name", "declare_port"});
    PodSpec p;
    if (!node["name"])
        fail(path, node, ScenarioText::tr("a pod needs a name"));
    p.pod.name = name(node["name"], childPath(path, "name"));
    if (node["namespace"])
        p.pod.namespaceName = name(node["namespace"], childPath(path, "namespace"));
    if (node["labels"])
        p.pod.labels = stringMap(node["labels"], childPath(path, "labels"));
    if (node["annotations"])
        p.pod.annotations = stringMap(node["annotations"], childPath(path, "annotations"));
    if (node["phase"]) {
        p.pod.phase = scalar(node["phase"], childPath(path, "phase"));
        static const QByteArrayList phases{"Pending", "Running", "Succeeded", "Failed", "Unknown"};
        if (!phases.contains(p.pod.phase))
            fail(childPath(path, "phase"), node["phase"],
                 ScenarioText::tr("phase is Pending, Running, Succeeded, Failed or Unknown"));
    }
    p.profile = profileOf(node, path);
    if (node["port"])
        p.port = port(node["port"], childPath(path, "port"));
    // The container port is declared by default, so role: pod yields one target per pod.
    bool declare = true;
    if (node["declare_port"])
        declare = boolean(node["declare_port"], childPath(path, "declare_port"));
    if (declare) {
        Pod::ContainerPort cp;
        cp.portName = node["port_name"] ? scalar(node["port_name"], childPath(path, "port_name"))
                                        : QByteArray("metrics");
        p.pod.ports.push_back(cp); // the port number is filled in when the pod starts
    }
    return p;
}

LabCommand commandOf(const YAML::Node &action, const QString &path) {
    if (!action.IsMap())
        fail(path, action, ScenarioText::tr("expected a mapping like {at: 10s, kill: web-2}"));
    if (!action["at"])
        fail(path, action, ScenarioText::tr("an action needs at:"));
    std::optional<LabCommand::Op> op;
    YAML::Node arg;
    QString opName;
    for (auto it = action.begin(); it != action.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (key == "at")
            continue;
        auto o = labCommandFromName(QString::fromStdString(key));
        if (!o)
            fail(path + '.' + QString::fromStdString(key), it->first,
                 ScenarioText::tr("unknown action \"%1\"").arg(QString::fromStdString(key)));
        if (op)
            fail(path, action, ScenarioText::tr("one operation per action"));
        op = o;
        arg = it->second;
        opName = QString::fromStdString(key);
    }
    if (!op)
        fail(path, action, ScenarioText::tr("the action names no operation"));
    const QString p = path + '.' + opName;
    LabCommand c;
    c.op = *op;
    using Op = LabCommand::Op;
    switch (*op) {
    case Op::StartTarget:
    case Op::KillTarget:
    case Op::RestartTarget:
    case Op::HangTarget:
    case Op::FirewallTarget:
    case Op::HealTarget:
    case Op::RunJob:
    case Op::StopJob:
        c.name = name(arg, p);
        break;
    case Op::SlowTarget:
        checkKeys(arg, p, {"target", "delay"});
        c.name = name(arg["target"], childPath(p, "target"));
        c.paramMs = arg["delay"] ? duration(arg["delay"], childPath(p, "delay")) : 3000;
        break;
    case Op::FlapTarget:
        checkKeys(arg, p, {"target", "period"});
        c.name = name(arg["target"], childPath(p, "target"));
        c.paramMs = arg["period"] ? duration(arg["period"], childPath(p, "period")) : 10000;
        break;
    case Op::ErrorTarget:
        if (arg.IsScalar()) {
            c.name = name(arg, p);
        } else {
            checkKeys(arg, p, {"target", "kind"});
            c.name = name(arg["target"], childPath(p, "target"));
            if (arg["kind"]) {
                const QByteArray k = scalar(arg["kind"], childPath(p, "kind"));
                if (k == "malformed")
                    c.errorKind = ErrorKind::Malformed;
                else if (k != "500")
                    fail(childPath(p, "kind"), arg["kind"],
                         ScenarioText::tr("kind is 500 or malformed"));
            }
        }
        break;
    case Op::AddPod:
        c.pod = podOf(arg, p);
        c.name = c.pod->pod.name;
        c.namespaceName = c.pod->pod.namespaceName;
        break;
    case Op::RemovePod:
        if (arg.IsScalar()) {
            c.name = name(arg, p);
        } else {
            checkKeys(arg, p, {"name", "namespace"});
            c.name = name(arg["name"], childPath(p, "name"));
            if (arg["namespace"])
                c.namespaceName = name(arg["namespace"], childPath(p, "namespace"));
        }
        break;
    case Op::AnnotatePod:
        checkKeys(arg, p, {"pod", "namespace", "key", "value"});
        c.name = name(arg["pod"], childPath(p, "pod"));
        if (arg["namespace"])
            c.namespaceName = name(arg["namespace"], childPath(p, "namespace"));
        c.key = scalar(arg["key"], childPath(p, "key"));
        c.value = arg["value"] ? scalar(arg["value"], childPath(p, "value")) : QByteArray();
        break;
    case Op::DeleteGroup:
        c.groupingKey = groupingKey(arg, p);
        break;
    case Op::RestartGateway:
        if (arg.IsMap()) {
            checkKeys(arg, p, {"persistence"});
            c.flag = arg["persistence"] ? boolean(arg["persistence"], childPath(p, "persistence"))
                                        : true;
        } else {
            c.flag = boolean(arg, p);
        }
        break;
    case Op::Partition:
        c.flag = boolean(arg, p);
        break;
    case Op::ReloadConfig:
        if (arg.IsScalar() && arg.Scalar() != "true")
            c.yaml = QByteArray::fromStdString(arg.Scalar());
        break;
    case Op::Pause:
    case Op::Resume:
    case Op::StepClock:
        break;
    case Op::SetSpeed: {
        bool ok = false;
        const double speed =
            arg.IsScalar() ? QString::fromStdString(arg.Scalar()).toDouble(&ok) : 0;
        if (!ok || !(speed >= SimulationClock::MinSpeed && speed <= SimulationClock::MaxSpeed))
            fail(p, arg,
                 ScenarioText::tr("speed is a number from %1 to %2 (like 10 or 0.25)")
                     .arg(SimulationClock::MinSpeed)
                     .arg(SimulationClock::MaxSpeed));
        c.speed = speed;
        break;
    }
    case Op::AdvanceClock:
        c.paramMs = duration(arg, p);
        if (c.paramMs <= 0)
            fail(p, arg, ScenarioText::tr("advance needs a duration above zero (like 5m)"));
        break;
    }
    return c;
}

// {{kind:name}} or {{kind}}
const QRegularExpression &placeholderPattern() {
    static const QRegularExpression re(
        QStringLiteral("\\{\\{\\s*([a-z]+)(?::([^}\\s]+))?\\s*\\}\\}"));
    return re;
}

// A top-level list (targets:, jobs:, …); an absent key is an empty list.
YAML::Node sequenceOf(const YAML::Node &root, const char *key) {
    const YAML::Node n = root[key];
    if (n && !n.IsSequence())
        fail(QString::fromLatin1(key), n, ScenarioText::tr("expected a list"));
    return n;
}

// prometheus: (inline) or prometheus_file: (read relative to the scenario), not both.
QByteArray prometheusOf(const YAML::Node &root, const QString &baseDir) {
    if (root["prometheus"] && root["prometheus_file"])
        fail(QStringLiteral("prometheus_file"), root["prometheus_file"],
             ScenarioText::tr("give prometheus or prometheus_file, not both"));
    if (root["prometheus"]) {
        return scalar(root["prometheus"], QStringLiteral("prometheus"));
    } else if (root["prometheus_file"]) {
        const QString rel =
            QString::fromUtf8(scalar(root["prometheus_file"], QStringLiteral("prometheus_file")));
        QFile f(QDir(baseDir).filePath(rel));
        if (!f.open(QIODevice::ReadOnly))
            fail(QStringLiteral("prometheus_file"), root["prometheus_file"],
                 ScenarioText::tr("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        return f.readAll();
    }
    return {};
}

GatewaySpec gatewayOf(const YAML::Node &g, const QString &baseDir) {
    GatewaySpec gateway;
    const QString p = QStringLiteral("gateway");
    checkKeys(g, p,
              {"enabled", "persistence", "persistence_file", "persistence_interval", "admin_api"});
    if (g["enabled"])
        gateway.enabled = boolean(g["enabled"], childPath(p, "enabled"));
    if (g["persistence"])
        gateway.persistence = boolean(g["persistence"], childPath(p, "persistence"));
    if (g["persistence_file"]) {
        gateway.persistence = true;
        gateway.persistenceFile = QDir(baseDir).filePath(
            QString::fromUtf8(scalar(g["persistence_file"], childPath(p, "persistence_file"))));
    }
    if (g["persistence_interval"])
        gateway.persistenceIntervalMs =
            duration(g["persistence_interval"], childPath(p, "persistence_interval"));
    if (g["admin_api"])
        gateway.adminApi = boolean(g["admin_api"], childPath(p, "admin_api"));
    return gateway;
}

// targets:, jobs: and pods:, whose names share one namespace (returned).
std::set<QByteArray> objectsOf(const YAML::Node &root, Scenario &s) {
    std::set<QByteArray> names; // targets, pods and jobs share one namespace of names
    auto claim = [&](const QByteArray &n, const QString &path, const YAML::Node &node) {
        if (!names.insert(n).second)
            fail(path, node,
                 ScenarioText::tr("the name \"%1\" is used twice").arg(QString::fromUtf8(n)));
    };
    if (const YAML::Node ts = sequenceOf(root, "targets"))
        for (std::size_t i = 0; i < ts.size(); ++i) {
            const QString p = indexPath(QStringLiteral("targets"), i);
            s.targets.push_back(targetOf(ts[i], p));
            claim(s.targets.back().options.name, childPath(p, "name"), ts[i]["name"]);
        }
    if (const YAML::Node js = sequenceOf(root, "jobs"))
        for (std::size_t i = 0; i < js.size(); ++i) {
            const QString p = indexPath(QStringLiteral("jobs"), i);
            s.jobs.push_back(jobOf(js[i], p));
            claim(s.jobs.back().spec.name, childPath(p, "name"), js[i]["name"]);
            if (!s.gateway.enabled && s.jobs.back().useLabGateway &&
                s.jobs.back().spec.pushMode != JobPushMode::None)
                fail(childPath(p, "gateway"), js[i],
                     ScenarioText::tr("the lab gateway is disabled: give this job a gateway URL"));
        }
    if (const YAML::Node ps = sequenceOf(root, "pods"))
        for (std::size_t i = 0; i < ps.size(); ++i) {
            const QString p = indexPath(QStringLiteral("pods"), i);
            s.pods.push_back(podOf(ps[i], p));
            claim(s.pods.back().pod.name, childPath(p, "name"), ps[i]["name"]);
        }
    return names;
}

// exporters:, real Debian exporters: name, kind (node|blackbox|pushgateway), config (the
// blackbox exporter's modules, as a mapping or a block of text), args (extra flags).
void exportersOf(const YAML::Node &root, Scenario &s) {
    const YAML::Node es = sequenceOf(root, "exporters");
    if (!es)
        return;
    std::set<QByteArray> seen;
    for (std::size_t i = 0; i < es.size(); ++i) {
        const QString p = indexPath(QStringLiteral("exporters"), i);
        const YAML::Node e = es[i];
        checkKeys(e, p, {"name", "kind", "config", "args"});
        if (!e["name"])
            fail(childPath(p, "name"), e, ScenarioText::tr("an exporter needs a name"));
        ExporterSpec spec;
        spec.name = name(e["name"], childPath(p, "name"));
        if (!seen.insert(spec.name).second)
            fail(childPath(p, "name"), e["name"],
                 ScenarioText::tr("the name \"%1\" is used twice")
                     .arg(QString::fromUtf8(spec.name)));
        if (!e["kind"])
            fail(childPath(p, "kind"), e,
                 ScenarioText::tr("kind is node, blackbox or pushgateway"));
        const auto kind = exporterKindFromName(scalar(e["kind"], childPath(p, "kind")));
        if (!kind)
            fail(childPath(p, "kind"), e["kind"],
                 ScenarioText::tr("kind is node, blackbox or pushgateway"));
        spec.kind = *kind;
        if (const YAML::Node c = e["config"]) {
            if (spec.kind != ExporterKind::Blackbox)
                fail(childPath(p, "config"), c,
                     ScenarioText::tr("config is the blackbox exporter's modules; give other "
                                      "exporters flags under args"));
            if (c.IsScalar()) {
                spec.config = QByteArray::fromStdString(c.Scalar());
            } else {
                YAML::Emitter out;
                out << c;
                spec.config = QByteArray(out.c_str()) + '\n';
            }
        }
        if (const YAML::Node a = e["args"]) {
            if (!a.IsSequence())
                fail(childPath(p, "args"), a, ScenarioText::tr("expected a list"));
            for (std::size_t j = 0; j < a.size(); ++j)
                spec.args << QString::fromUtf8(scalar(a[j], indexPath(childPath(p, "args"), j)));
        }
        s.exporters.push_back(spec);
    }
}

// actions:, each naming something the scenario declares (or a pod an earlier action adds),
// in time order.
void actionsOf(const YAML::Node &root, Scenario &s, const std::set<QByteArray> &names) {
    std::set<QByteArray> added; // pods an action adds count as known for later actions
    if (const YAML::Node as = sequenceOf(root, "actions")) {
        for (std::size_t i = 0; i < as.size(); ++i) {
            const QString p = indexPath(QStringLiteral("actions"), i);
            ScenarioAction a;
            a.path = p;
            a.command = commandOf(as[i], p);
            a.atMs = duration(as[i]["at"], childPath(p, "at"));
            using Op = LabCommand::Op;
            const Op op = a.command.op;
            const bool targetOp = op <= Op::HealTarget;
            const bool jobOp = op == Op::RunJob || op == Op::StopJob;
            const bool podOp = op == Op::RemovePod || op == Op::AnnotatePod;
            auto known = [&](const QByteArray &n, bool targets, bool jobs, bool pods) {
                return (targets &&
                        std::any_of(s.targets.begin(), s.targets.end(),
                                    [&](const TargetSpec &t) { return t.options.name == n; })) ||
                       (jobs && std::any_of(s.jobs.begin(), s.jobs.end(),
                                            [&](const JobSpec &j) { return j.spec.name == n; })) ||
                       (pods && (added.count(n) ||
                                 std::any_of(s.pods.begin(), s.pods.end(),
                                             [&](const PodSpec &ps) { return ps.pod.name == n; })));
            };
            if ((targetOp && !known(a.command.name, true, false, true)) ||
                (jobOp && !known(a.command.name, false, true, false)) ||
                (podOp && !known(a.command.name, false, false, true)))
                fail(p, as[i],
                     ScenarioText::tr("no %1 named \"%2\"")
                         .arg(jobOp   ? ScenarioText::tr("job")
                              : podOp ? ScenarioText::tr("pod")
                                      : ScenarioText::tr("target or pod"),
                              QString::fromUtf8(a.command.name)));
            if (op == Op::AddPod) {
                if (names.count(a.command.name) || added.count(a.command.name))
                    fail(p, as[i],
                         ScenarioText::tr("the name \"%1\" is used twice")
                             .arg(QString::fromUtf8(a.command.name)));
                added.insert(a.command.name);
            }
            if ((op == Op::DeleteGroup || op == Op::RestartGateway) && !s.gateway.enabled)
                fail(p, as[i], ScenarioText::tr("the lab gateway is disabled in this scenario"));
            s.actions.push_back(a);
        }
    }
    std::stable_sort(
        s.actions.begin(), s.actions.end(),
        [](const ScenarioAction &a, const ScenarioAction &b) { return a.atMs < b.atMs; });
}

// The prometheus.yml must load once its placeholders are filled in: checked with stand-in
// addresses, so a broken scenario starts nothing.
void checkPrometheus(const YAML::Node &root, const Scenario &s, const std::set<QByteArray> &names,
                     const QString &baseDir) {
    if (!s.prometheusYaml.isEmpty()) {
        QByteArray probe = s.prometheusYaml;
        const auto bad = substitutePlaceholders(
            probe, [&](const QByteArray &kind, const QByteArray &n) -> std::optional<QByteArray> {
                if (kind == "gateway")
                    return s.gateway.enabled ? std::optional<QByteArray>("127.0.0.1:9091")
                                             : std::nullopt;
                if (kind == "server")
                    return QByteArray("127.0.0.1:9090");
                if (kind == "exporter")
                    for (const ExporterSpec &e : s.exporters)
                        if (e.name == n)
                            return QByteArray("127.0.0.1:9100");
                if ((kind == "target" || kind == "pod") && names.count(n) &&
                    std::none_of(s.jobs.begin(), s.jobs.end(),
                                 [&](const JobSpec &j) { return j.spec.name == n; }))
                    return QByteArray("127.0.0.1:1");
                if (kind == "job")
                    for (const JobSpec &j : s.jobs)
                        if (j.spec.name == n && j.spec.pushMode == JobPushMode::None)
                            return QByteArray("127.0.0.1:1");
                return std::nullopt;
            });
        const YAML::Node promNode =
            root["prometheus"] ? root["prometheus"] : root["prometheus_file"];
        if (bad)
            fail(QStringLiteral("prometheus"), promNode, *bad);
        const ConfigLoadResult loaded = loadPrometheusConfig(probe, baseDir);
        if (loaded.error) {
            // Lines of an inline block count from the line after "prometheus: |".
            const int base = root["prometheus"] ? root["prometheus"].Mark().line + 1 : 0;
            throw Failure{QStringLiteral("prometheus"),
                          loaded.error->line > 0 ? base + loaded.error->line : base,
                          loaded.error->message};
        }
    }
}

// rules: (inline rule-file YAML) and rule_files: (paths relative to the scenario): each must
// pass promtool's check; the first error stops the scenario, at its line.
void rulesOf(const YAML::Node &root, Scenario &s, const QString &file, const QString &baseDir) {
    auto check = [&](const QString &name, const QByteArray &yaml, const YAML::Node &node,
                     const QString &path, int baseLine) {
        const rules::RuleFile parsed = rules::RuleFile::parse(yaml);
        if (!parsed.ok()) {
            // "5:11: group …": report the scenario line of an inline block.
            const QString first = parsed.errors.first();
            static const QRegularExpression lineCol(QStringLiteral("^(\\d+):\\d+: "));
            const auto m = lineCol.match(first);
            const int line = m.hasMatch() && m.captured(1).toInt() > 0 && baseLine > 0
                                 ? baseLine + m.captured(1).toInt()
                                 : node.Mark().line + 1;
            throw Failure{path, line, first};
        }
        s.ruleSources.emplace_back(name, yaml);
    };
    if (root["rules"])
        check(file + QStringLiteral("#rules"), scalar(root["rules"], QStringLiteral("rules")),
              root["rules"], QStringLiteral("rules"), root["rules"].Mark().line + 1);
    const YAML::Node files = sequenceOf(root, "rule_files");
    if (!files)
        return;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const QString path = QStringLiteral("rule_files[%1]").arg(i);
        const QString rel = QString::fromUtf8(scalar(files[i], path));
        QFile f(QDir(baseDir).filePath(rel));
        if (!f.open(QIODevice::ReadOnly))
            fail(path, files[i],
                 ScenarioText::tr("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        check(f.fileName(), f.readAll(), files[i], path, 0);
    }
}

Scenario parse(const YAML::Node &root, const QString &file, const QString &baseDir) {
    checkKeys(root, QString(),
              {"name", "description", "prometheus", "prometheus_file", "gateway", "targets", "jobs",
               "pods", "exporters", "actions", "rules", "rule_files", "engine"});
    Scenario s;
    s.file = file;
    s.baseDir = baseDir;
    s.name = root["name"] ? QString::fromUtf8(scalar(root["name"], QStringLiteral("name")))
                          : QFileInfo(file).completeBaseName();
    if (root["description"])
        s.description =
            QString::fromUtf8(scalar(root["description"], QStringLiteral("description")));
    if (root["engine"]) {
        s.engine = QString::fromUtf8(scalar(root["engine"], QStringLiteral("engine")));
        if (s.engine != QLatin1String("real") && s.engine != QLatin1String("embedded"))
            fail(QStringLiteral("engine"), root["engine"],
                 ScenarioText::tr("engine is real or embedded, not \"%1\"").arg(s.engine));
    }
    s.prometheusYaml = prometheusOf(root, baseDir);
    if (root["gateway"])
        s.gateway = gatewayOf(root["gateway"], baseDir);
    const std::set<QByteArray> names = objectsOf(root, s);
    exportersOf(root, s);
    actionsOf(root, s, names);
    checkPrometheus(root, s, names, baseDir);
    rulesOf(root, s, file, baseDir);
    return s;
}

} // namespace

QString ScenarioError::toString() const {
    QString out = file;
    if (line > 0)
        out += ':' + QString::number(line);
    out += QLatin1String(": ");
    if (!path.isEmpty())
        out += path + QLatin1String(": ");
    return out + message;
}

std::optional<QString> substitutePlaceholders(
    QByteArray &text,
    const std::function<std::optional<QByteArray>(const QByteArray &, const QByteArray &)>
        &resolve) {
    const QString in = QString::fromUtf8(text);
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(in);
    while (it.hasNext()) {
        const auto m = it.next();
        const QByteArray kind = m.captured(1).toUtf8();
        const QByteArray n = m.captured(2).toUtf8();
        const auto value = resolve(kind, n);
        if (!value)
            return ScenarioText::tr("unknown placeholder %1").arg(m.captured(0));
        out += in.mid(last, m.capturedStart() - last) + QString::fromUtf8(*value);
        last = m.capturedEnd();
    }
    out += in.mid(last);
    text = out.toUtf8();
    return std::nullopt;
}

ScenarioLoadResult loadScenario(const QByteArray &yaml, const QString &file,
                                const QString &baseDir) {
    ScenarioLoadResult result;
    try {
        rejectDuplicateKeys(yaml);
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap())
            throw Failure{QString(), 1, ScenarioText::tr("a scenario is a YAML mapping")};
        result.scenario = parse(root, file, baseDir);
        result.scenario->source = yaml;
    } catch (const Failure &f) {
        result.error = ScenarioError{file, f.path, f.line, f.message};
    } catch (const YAML::Exception &e) {
        result.error = ScenarioError{file, QString(), e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                     QString::fromStdString(e.msg)};
    }
    return result;
}

ScenarioLoadResult loadScenarioFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ScenarioLoadResult r;
        r.error = ScenarioError{path, QString(), 0,
                                ScenarioText::tr("cannot read: %1").arg(f.errorString())};
        return r;
    }
    return loadScenario(f.readAll(), path, QFileInfo(path).absolutePath());
}

QList<ScenarioInfo> builtInScenarios() {
    static const char *const names[] = {
        "pull-basics",          "short-lived-job", "stale-metrics",     "firewall",
        "service-discovery",    "hybrid",          "duplicate-pushers", "monitor-the-monitoring",
        "probing-from-outside", "honor-labels"};
    QList<ScenarioInfo> out;
    for (const char *n : names) {
        const QString name = QString::fromLatin1(n);
        QString description;
        QFile f(QStringLiteral(":/scenarios/%1.yaml").arg(name));
        if (f.open(QIODevice::ReadOnly)) {
            try {
                const YAML::Node root = YAML::Load(f.readAll().toStdString());
                if (root["description"])
                    description = QString::fromStdString(root["description"].Scalar()).simplified();
            } catch (const YAML::Exception &) {
            }
        }
        out.push_back({name, description});
    }
    return out;
}

ScenarioLoadResult loadScenarioByNameOrFile(const QString &nameOrFile) {
    const QString resource = QStringLiteral(":/scenarios/%1.yaml").arg(nameOrFile);
    if (!nameOrFile.contains(u'/') && QFile::exists(resource)) {
        QFile f(resource);
        f.open(QIODevice::ReadOnly);
        return loadScenario(f.readAll(), resource, QDir::currentPath());
    }
    return loadScenarioFile(nameOrFile);
}

} // namespace ppl
