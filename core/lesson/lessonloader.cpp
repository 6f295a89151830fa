// The lesson file loader: YAML (yaml-cpp) into Lesson, validated completely before a lesson
// starts. Every problem is collected with the file, its line and its path
// ("steps[2].check[0].within"), so an instructor fixes a file in one round.
#include "lesson.h"

#include "lab/labname.h"
#include "lab/yamlduplicatekeys.h"
#include "query/parser.h"
#include "util/promduration.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

namespace ppl::lesson {

namespace {

struct LessonText {
    Q_DECLARE_TR_FUNCTIONS(ppl::Lesson)
};

struct Failure {
    QString path;
    int line;
    QString message;
};

int lineOf(const YAML::Node &node) {
    return node.IsDefined() && node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
}

[[noreturn]] void fail(const QString &path, const YAML::Node &node, const QString &message) {
    throw Failure{path, lineOf(node), message};
}

QString child(const QString &path, const char *key) {
    return path.isEmpty() ? QString::fromLatin1(key) : path + u'.' + QLatin1String(key);
}

QString index(const QString &path, std::size_t i) {
    return path + u'[' + QString::number(i) + u']';
}

void checkKeys(const YAML::Node &node, const QString &path,
               std::initializer_list<const char *> allowed) {
    if (!node.IsMap())
        fail(path, node, LessonText::tr("expected a mapping"));
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char *a) { return key == a; })) {
            QStringList names;
            for (const char *a : allowed)
                names << QString::fromLatin1(a);
            fail(path.isEmpty() ? QString::fromStdString(key)
                                : path + u'.' + QString::fromStdString(key),
                 it->first,
                 LessonText::tr("unknown key \"%1\" (expected one of: %2)")
                     .arg(QString::fromStdString(key), names.join(QStringLiteral(", "))));
        }
    }
}

QByteArray scalar(const YAML::Node &node, const QString &path) {
    if (!node.IsScalar())
        fail(path, node, LessonText::tr("expected a single value"));
    return QByteArray::fromStdString(node.Scalar());
}

QByteArray required(const YAML::Node &parent, const char *key, const QString &path) {
    if (!parent[key])
        fail(child(path, key), parent, LessonText::tr("%1 is required").arg(QLatin1String(key)));
    const QByteArray v = scalar(parent[key], child(path, key));
    if (v.trimmed().isEmpty())
        fail(child(path, key), parent[key], LessonText::tr("must not be empty"));
    return v;
}

bool boolean(const YAML::Node &node, const QString &path) {
    const QByteArray v = scalar(node, path);
    if (v == "true" || v == "yes" || v == "on")
        return true;
    if (v == "false" || v == "no" || v == "off")
        return false;
    fail(path, node,
         LessonText::tr("expected true or false, got \"%1\"").arg(QString::fromUtf8(v)));
}

qint64 duration(const YAML::Node &node, const QString &path) {
    const QByteArray v = scalar(node, path);
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok && seconds >= 0)
        return qint64(seconds * 1000);
    if (auto ms = parsePrometheusDuration(v))
        return *ms;
    fail(path, node,
         LessonText::tr("\"%1\" is not a duration (like 500ms, 15s, 1m30s)")
             .arg(QString::fromUtf8(v)));
}

const QRegularExpression &placeholderPattern() {
    static const QRegularExpression re(
        QStringLiteral("\\{\\{\\s*([a-z]+)(?::([^}\\s]+))?\\s*\\}\\}"));
    return re;
}

const QRegularExpression &languagePattern() {
    static const QRegularExpression re(QStringLiteral("^[a-z]{2}(_[A-Z]{2})?$"));
    return re;
}

class Loader {
public:
    Loader(const QString &file, const QString &baseDir)
        : m_file(file)
        , m_baseDir(baseDir) {}

    std::vector<LessonError> errors;

    // Runs one part of the validation; its failure is recorded and the rest goes on.
    template <class Fn> bool attempt(Fn &&fn) {
        try {
            fn();
            return true;
        } catch (const Failure &f) {
            errors.push_back(LessonError{m_file, f.line, f.path, f.message});
        } catch (const YAML::Exception &e) {
            errors.push_back(LessonError{m_file, e.mark.line >= 0 ? e.mark.line + 1 : 0, QString(),
                                         QString::fromStdString(e.msg)});
        }
        return false;
    }

    Lesson parse(const YAML::Node &root) {
        Lesson l;
        l.file = m_file;
        attempt([&] {
            checkKeys(
                root, QString(),
                {"id", "title", "summary", "level", "minutes", "objectives", "scenario", "steps"});
        });
        attempt([&] {
            l.id = QString::fromUtf8(required(root, "id", QString()));
            if (!isValidLabName(l.id.toUtf8()))
                fail(QStringLiteral("id"), root["id"], invalidLabNameText(l.id));
        });
        attempt([&] { l.title = text(root, "title", QString(), true); });
        attempt([&] { l.summary = text(root, "summary", QString(), false); });
        attempt([&] {
            if (!root["level"])
                return;
            l.level = QString::fromUtf8(scalar(root["level"], QStringLiteral("level")));
            static const QStringList levels{QStringLiteral("beginner"),
                                            QStringLiteral("intermediate"),
                                            QStringLiteral("advanced")};
            if (!levels.contains(l.level))
                fail(QStringLiteral("level"), root["level"],
                     LessonText::tr("level is beginner, intermediate or advanced"));
        });
        attempt([&] {
            if (!root["minutes"])
                return;
            bool ok = false;
            l.minutes = scalar(root["minutes"], QStringLiteral("minutes")).toInt(&ok);
            if (!ok || l.minutes <= 0 || l.minutes > 600)
                fail(QStringLiteral("minutes"), root["minutes"],
                     LessonText::tr("minutes is a whole number from 1 to 600"));
        });
        attempt([&] {
            const YAML::Node o = root["objectives"];
            if (!o)
                return;
            if (!o.IsSequence())
                fail(QStringLiteral("objectives"), o, LessonText::tr("expected a list"));
            for (std::size_t i = 0; i < o.size(); ++i)
                attempt(
                    [&] { l.objectives << textOf(o[i], index(QStringLiteral("objectives"), i)); });
        });
        attempt([&] { scenarioOf(root, l); });
        const YAML::Node steps = root["steps"];
        attempt([&] {
            if (!steps)
                fail(QStringLiteral("steps"), root, LessonText::tr("steps is required"));
            if (!steps.IsSequence() || steps.size() == 0)
                fail(QStringLiteral("steps"), steps, LessonText::tr("expected a list of steps"));
        });
        if (steps && steps.IsSequence()) {
            std::set<QString> ids;
            for (std::size_t i = 0; i < steps.size(); ++i) {
                const QString p = index(QStringLiteral("steps"), i);
                Step s;
                if (attempt([&] { stepOf(steps[i], p, s); })) {
                    attempt([&] {
                        if (!ids.insert(s.id).second)
                            fail(child(p, "id"), steps[i]["id"],
                                 LessonText::tr("the step id \"%1\" is used twice").arg(s.id));
                    });
                    l.steps.push_back(std::move(s));
                }
            }
        }
        return l;
    }

private:
    // A text: a string (English) or a mapping of language codes to strings, English required.
    Text textOf(const YAML::Node &node, const QString &path) {
        Text t;
        if (node.IsScalar()) {
            t.byLanguage.insert(QStringLiteral("en"), QString::fromStdString(node.Scalar()));
        } else if (node.IsMap()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                const QString lang = QString::fromStdString(it->first.Scalar());
                const QString p = path + u'.' + lang;
                if (!languagePattern().match(lang).hasMatch())
                    fail(p, it->first,
                         LessonText::tr("\"%1\" is not a language code (like en, de)").arg(lang));
                t.byLanguage.insert(lang, QString::fromUtf8(scalar(it->second, p)));
            }
            if (!t.byLanguage.contains(QStringLiteral("en")))
                fail(path, node, LessonText::tr("the English text (en:) is required"));
        } else {
            fail(path, node, LessonText::tr("expected a text or a mapping like {en: …, de: …}"));
        }
        for (auto it = t.byLanguage.cbegin(); it != t.byLanguage.cend(); ++it)
            checkPlaceholders(it.value().toUtf8(), path, node);
        return t;
    }

    Text text(const YAML::Node &parent, const char *key, const QString &path, bool need) {
        if (!parent[key]) {
            if (need)
                fail(child(path, key), parent,
                     LessonText::tr("%1 is required").arg(QLatin1String(key)));
            return {};
        }
        Text t = textOf(parent[key], child(path, key));
        if (need && t.en().trimmed().isEmpty())
            fail(child(path, key), parent[key], LessonText::tr("must not be empty"));
        return t;
    }

    // {{gateway}}, {{server}} and {{target|job|pod|exporter:NAME}} naming something the
    // lesson's scenario has.
    void checkPlaceholders(const QByteArray &textBytes, const QString &path,
                           const YAML::Node &node) {
        const QString in = QString::fromUtf8(textBytes);
        auto it = placeholderPattern().globalMatch(in);
        while (it.hasNext()) {
            const auto m = it.next();
            const QString kind = m.captured(1), name = m.captured(2);
            if (!m_haveScenario)
                continue; // the scenario's own error is reported
            bool ok = false;
            if (kind == QLatin1String("gateway"))
                ok = name.isEmpty() && m_scenario.gateway.enabled;
            else if (kind == QLatin1String("server"))
                ok = name.isEmpty();
            else if (kind == QLatin1String("target") || kind == QLatin1String("pod") ||
                     kind == QLatin1String("job") || kind == QLatin1String("exporter"))
                ok = m_names.count(name.toUtf8()) > 0;
            if (!ok)
                fail(path, node,
                     LessonText::tr("unknown placeholder %1 (the scenario has no such thing)")
                         .arg(m.captured(0)));
        }
    }

    void scenarioOf(const YAML::Node &root, Lesson &l) {
        const YAML::Node s = root["scenario"];
        if (!s)
            fail(QStringLiteral("scenario"), root,
                 LessonText::tr("scenario is required (builtin: NAME, file: PATH or inline:)"));
        ScenarioLoadResult loaded;
        int inlineBase = 0;
        if (s.IsScalar()) {
            l.scenarioRef = QString::fromStdString(s.Scalar());
            loaded = loadBuiltIn(l.scenarioRef, QStringLiteral("scenario"), s);
        } else {
            checkKeys(s, QStringLiteral("scenario"), {"builtin", "file", "inline"});
            if (s.size() != 1)
                fail(QStringLiteral("scenario"), s,
                     LessonText::tr("give one of builtin:, file: or inline:"));
            if (s["builtin"]) {
                l.scenarioRef =
                    QString::fromUtf8(scalar(s["builtin"], QStringLiteral("scenario.builtin")));
                loaded =
                    loadBuiltIn(l.scenarioRef, QStringLiteral("scenario.builtin"), s["builtin"]);
            } else if (s["file"]) {
                const QString rel =
                    QString::fromUtf8(scalar(s["file"], QStringLiteral("scenario.file")));
                l.scenarioRef = rel;
                loaded = loadScenarioFile(QDir(m_baseDir).filePath(rel));
                if (loaded.error)
                    fail(QStringLiteral("scenario.file"), s["file"], loaded.error->toString());
            } else {
                l.scenarioRef = QStringLiteral("inline");
                const YAML::Node in = s["inline"];
                QByteArray yaml;
                if (in.IsScalar()) {
                    yaml = QByteArray::fromStdString(in.Scalar());
                    inlineBase = lineOf(in); // lines of a block count from after "inline: |"
                } else {
                    YAML::Emitter out;
                    out << in;
                    yaml = QByteArray(out.c_str()) + '\n';
                }
                loaded = loadScenario(yaml, m_file + QStringLiteral("#scenario"), m_baseDir);
                if (loaded.error) {
                    const ScenarioError &e = *loaded.error;
                    const int line = in.IsScalar() && e.line > 0 ? inlineBase + e.line : lineOf(in);
                    throw Failure{e.path.isEmpty() ? QStringLiteral("scenario.inline")
                                                   : QStringLiteral("scenario.inline.") + e.path,
                                  line, e.message};
                }
            }
        }
        l.scenario = *loaded.scenario;
        m_scenario = l.scenario;
        m_haveScenario = true;
        for (const TargetSpec &t : m_scenario.targets)
            m_names.insert(t.options.name);
        for (const JobSpec &j : m_scenario.jobs)
            m_names.insert(j.spec.name);
        for (const PodSpec &p : m_scenario.pods)
            m_names.insert(p.pod.name);
        for (const ExporterSpec &e : m_scenario.exporters)
            m_names.insert(e.name);
        for (const ScenarioAction &a : m_scenario.actions)
            if (a.command.op == LabCommand::Op::AddPod)
                m_names.insert(a.command.name);
    }

    ScenarioLoadResult loadBuiltIn(const QString &name, const QString &path,
                                   const YAML::Node &node) {
        const QString resource = QStringLiteral(":/scenarios/%1.yaml").arg(name);
        if (name.contains(u'/') || !QFile::exists(resource)) {
            QStringList names;
            for (const ScenarioInfo &i : builtInScenarios())
                names << i.name;
            fail(path, node,
                 LessonText::tr("no built-in scenario \"%1\" (one of: %2)")
                     .arg(name, names.join(QStringLiteral(", "))));
        }
        ScenarioLoadResult r = loadScenarioByNameOrFile(name);
        if (r.error)
            fail(path, node, r.error->toString());
        return r;
    }

    void stepOf(const YAML::Node &node, const QString &path, Step &s) {
        s.line = lineOf(node);
        checkKeys(node, path,
                  {"id", "title", "text", "predict", "check", "hints", "actions", "explain"});
        s.id = QString::fromUtf8(required(node, "id", path));
        if (!isValidLabName(s.id.toUtf8()))
            fail(child(path, "id"), node["id"], invalidLabNameText(s.id));
        attempt([&] { s.title = text(node, "title", path, false); });
        attempt([&] { s.text = text(node, "text", path, true); });
        attempt([&] { s.explain = text(node, "explain", path, false); });
        attempt([&] {
            if (node["predict"])
                s.predict = predictionOf(node["predict"], child(path, "predict"));
        });
        attempt([&] {
            const YAML::Node h = node["hints"];
            if (!h)
                return;
            if (!h.IsSequence())
                fail(child(path, "hints"), h, LessonText::tr("expected a list"));
            for (std::size_t i = 0; i < h.size(); ++i)
                attempt([&] { s.hints << hintOf(h[i], index(child(path, "hints"), i)); });
        });
        attempt([&] {
            const YAML::Node a = node["actions"];
            if (!a)
                return;
            if (!a.IsSequence())
                fail(child(path, "actions"), a, LessonText::tr("expected a list"));
            for (std::size_t i = 0; i < a.size(); ++i)
                attempt(
                    [&] { s.actions.push_back(actionOf(a[i], index(child(path, "actions"), i))); });
        });
        const YAML::Node c = node["check"];
        if (!c)
            fail(child(path, "check"), node,
                 LessonText::tr("check is required: what the lab must show for the step to pass"));
        const QString cp = child(path, "check");
        if (c.IsMap()) {
            attempt([&] { s.checks.push_back(conditionOf(c, cp)); });
        } else if (c.IsSequence() && c.size() > 0) {
            for (std::size_t i = 0; i < c.size(); ++i)
                attempt([&] { s.checks.push_back(conditionOf(c[i], index(cp, i))); });
        } else {
            fail(cp, c, LessonText::tr("expected a condition or a list of conditions"));
        }
    }

    Prediction predictionOf(const YAML::Node &node, const QString &path) {
        checkKeys(node, path, {"question", "choices", "answer", "explanation"});
        Prediction p;
        p.question = text(node, "question", path, true);
        const YAML::Node c = node["choices"];
        if (!c || !c.IsSequence() || c.size() < 2)
            fail(child(path, "choices"), c ? c : node,
                 LessonText::tr("choices is a list of at least two answers"));
        for (std::size_t i = 0; i < c.size(); ++i)
            p.choices << textOf(c[i], index(child(path, "choices"), i));
        if (!node["answer"])
            fail(child(path, "answer"), node,
                 LessonText::tr("answer is required: the number of the right choice, from 1"));
        bool ok = false;
        const int a = scalar(node["answer"], child(path, "answer")).toInt(&ok);
        if (!ok || a < 1 || a > p.choices.size())
            fail(child(path, "answer"), node["answer"],
                 LessonText::tr("answer is the number of the right choice, from 1 to %1")
                     .arg(p.choices.size()));
        p.answer = a - 1;
        p.explanation = text(node, "explanation", path, false);
        return p;
    }

    Hint hintOf(const YAML::Node &node, const QString &path) {
        Hint h;
        if (node.IsMap() && node["text"]) {
            checkKeys(node, path, {"text", "after"});
            h.text = textOf(node["text"], child(path, "text"));
            if (node["after"])
                h.afterMs = duration(node["after"], child(path, "after"));
        } else {
            h.text = textOf(node, path);
        }
        return h;
    }

    QByteArray knownName(const YAML::Node &node, const QString &path) {
        const QByteArray n = scalar(node, path);
        if (!isValidLabName(n))
            fail(path, node, invalidLabNameText(QString::fromUtf8(n)));
        if (m_haveScenario && !m_names.count(n))
            fail(path, node,
                 LessonText::tr("the scenario has nothing named \"%1\"").arg(QString::fromUtf8(n)));
        return n;
    }

    std::vector<LabelPair> labels(const YAML::Node &node, const QString &path) {
        if (!node.IsMap())
            fail(path, node, LessonText::tr("expected a mapping of label names to values"));
        std::vector<LabelPair> out;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QByteArray k = QByteArray::fromStdString(it->first.Scalar());
            out.push_back({k, scalar(it->second, path + u'.' + QString::fromUtf8(k))});
        }
        return out;
    }

    LessonAction actionOf(const YAML::Node &node, const QString &path) {
        if (!node.IsMap())
            fail(path, node, LessonText::tr("expected a mapping like {kill: web-1}"));
        LessonAction a;
        a.path = path;
        if (node["after"])
            a.afterMs = duration(node["after"], child(path, "after"));
        YAML::Node arg;
        QString opName;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = QString::fromStdString(it->first.Scalar());
            if (key == QLatin1String("after"))
                continue;
            if (!opName.isEmpty())
                fail(path, node, LessonText::tr("one operation per action"));
            opName = key;
            arg = it->second;
        }
        if (opName.isEmpty())
            fail(path, node, LessonText::tr("the action names no operation"));
        const QString p = path + u'.' + opName;
        if (opName == QLatin1String("advance")) {
            a.kind = LessonAction::Kind::Advance;
            a.advanceMs = duration(arg, p);
            if (a.advanceMs <= 0)
                fail(p, arg, LessonText::tr("advance by more than nothing"));
            return a;
        }
        const auto op = labCommandFromName(opName);
        if (!op)
            fail(p, node,
                 LessonText::tr("unknown action \"%1\" (a lab operation such as kill, run, "
                                "delete_group, restart_gateway, or advance)")
                     .arg(opName));
        using Op = LabCommand::Op;
        LabCommand &c = a.command;
        c.op = *op;
        switch (*op) {
        case Op::StartTarget:
        case Op::KillTarget:
        case Op::RestartTarget:
        case Op::HangTarget:
        case Op::FirewallTarget:
        case Op::HealTarget:
        case Op::RunJob:
        case Op::StopJob:
        case Op::ErrorTarget:
            c.name = knownName(arg, p);
            break;
        case Op::SlowTarget:
        case Op::FlapTarget:
            checkKeys(arg, p, {"target", "delay", "period"});
            c.name = knownName(arg["target"], child(p, "target"));
            c.paramMs = arg["delay"]            ? duration(arg["delay"], child(p, "delay"))
                        : arg["period"]         ? duration(arg["period"], child(p, "period"))
                        : *op == Op::SlowTarget ? 3000
                                                : 10000;
            break;
        case Op::DeleteGroup:
            c.groupingKey = labels(arg, p);
            if (c.groupingKey.empty() || c.groupingKey.front().name != "job")
                fail(p, arg, LessonText::tr("a grouping key starts with job"));
            break;
        case Op::RestartGateway:
        case Op::Partition:
            c.flag = arg.IsNull() ? true : boolean(arg, p);
            break;
        case Op::ReloadConfig:
            c.yaml = arg.IsNull() ? QByteArray() : scalar(arg, p);
            break;
        case Op::Pause:
        case Op::Resume:
        case Op::StepClock:
            break;
        case Op::SetSpeed: {
            bool ok = false;
            c.speed = arg.IsScalar() ? QString::fromStdString(arg.Scalar()).toDouble(&ok) : 0;
            if (!ok ||
                !(c.speed >= SimulationClock::MinSpeed && c.speed <= SimulationClock::MaxSpeed))
                fail(p, arg,
                     LessonText::tr("speed is a number from %1 to %2 (like 10 or 0.25)")
                         .arg(SimulationClock::MinSpeed)
                         .arg(SimulationClock::MaxSpeed));
            break;
        }
        case Op::AdvanceClock: // "advance" is a lesson action of its own (above)
            break;
        case Op::AddPod:
        case Op::RemovePod:
        case Op::AnnotatePod:
            fail(p, node,
                 LessonText::tr("pod operations belong in the scenario's actions, not a step's"));
        }
        return a;
    }

    Condition conditionOf(const YAML::Node &node, const QString &path) {
        if (!node.IsMap())
            fail(path, node, LessonText::tr("expected a condition like {query: up == 1}"));
        Condition c;
        c.path = path;
        c.line = lineOf(node);
        static const char *const kinds[] = {"query", "push",   "scrape", "target",
                                            "alert", "config", "group",  "gateway"};
        int found = 0;
        for (std::size_t i = 0; i < std::size(kinds); ++i)
            if (node[kinds[i]]) {
                ++found;
                c.kind = Condition::Kind(i);
            }
        if (found != 1)
            fail(path, node,
                 LessonText::tr("a condition is one of query:, push:, scrape:, target:, alert:, "
                                "config:, group:, gateway:"));
        const auto timing = [&] {
            if (node["within"]) {
                c.withinMs = duration(node["within"], child(path, "within"));
                if (c.withinMs <= 0)
                    fail(child(path, "within"), node["within"],
                         LessonText::tr("within is longer than nothing"));
            }
            if (node["for"]) {
                if (c.isEvent())
                    fail(child(path, "for"), node["for"],
                         LessonText::tr("for: applies to states (query, alert, config, group), "
                                        "not to events (push, scrape, target, gateway)"));
                c.forMs = duration(node["for"], child(path, "for"));
            }
        };
        using K = Condition::Kind;
        switch (c.kind) {
        case K::Query: {
            checkKeys(node, path, {"query", "within", "for"});
            c.expr = scalar(node["query"], child(path, "query"));
            checkPlaceholders(c.expr, child(path, "query"), node["query"]);
            QByteArray probe = c.expr;
            substitutePlaceholders(probe, [](const QByteArray &, const QByteArray &) {
                return std::optional<QByteArray>("127.0.0.1:1");
            });
            auto parsed = query::Parser::parse(probe);
            if (auto *e = std::get_if<query::ParseError>(&parsed))
                fail(child(path, "query"), node["query"],
                     LessonText::tr("not valid PromQL: %1").arg(e->toString(probe)));
            break;
        }
        case K::Push: {
            checkKeys(node, path, {"push", "within", "for"});
            const YAML::Node p = node["push"];
            const QString pp = child(path, "push");
            checkKeys(p, pp, {"outcome", "from", "method", "job", "grouping_key"});
            if (p["outcome"]) {
                const QByteArray o = scalar(p["outcome"], child(pp, "outcome"));
                if (o == "accepted")
                    c.outcome = Condition::Outcome::Accepted;
                else if (o == "rejected")
                    c.outcome = Condition::Outcome::Rejected;
                else if (o == "any")
                    c.outcome = Condition::Outcome::Any;
                else
                    fail(child(pp, "outcome"), p["outcome"],
                         LessonText::tr("outcome is accepted, rejected or any"));
            }
            if (p["from"]) {
                const QByteArray f = scalar(p["from"], child(pp, "from"));
                if (f == "outside")
                    c.source = Condition::Source::Outside;
                else if (f == "lab")
                    c.source = Condition::Source::Lab;
                else if (f == "any")
                    c.source = Condition::Source::Any;
                else
                    fail(child(pp, "from"), p["from"],
                         LessonText::tr("from is outside, lab or any"));
            }
            if (p["method"]) {
                c.method = QString::fromUtf8(scalar(p["method"], child(pp, "method"))).toUpper();
                if (c.method != QLatin1String("PUT") && c.method != QLatin1String("POST") &&
                    c.method != QLatin1String("DELETE"))
                    fail(child(pp, "method"), p["method"],
                         LessonText::tr("method is PUT, POST or DELETE"));
            }
            if (p["job"])
                c.job = scalar(p["job"], child(pp, "job"));
            if (p["grouping_key"]) {
                c.groupingKey = labels(p["grouping_key"], child(pp, "grouping_key"));
                if (c.groupingKey.empty() || c.groupingKey.front().name != "job")
                    fail(child(pp, "grouping_key"), p["grouping_key"],
                         LessonText::tr("a grouping key starts with job"));
            }
            break;
        }
        case K::Scrape: {
            checkKeys(node, path, {"scrape", "within", "for"});
            const YAML::Node s = node["scrape"];
            const QString sp = child(path, "scrape");
            checkKeys(s, sp, {"outcome", "job", "subject", "error"});
            if (s["outcome"]) {
                const QByteArray o = scalar(s["outcome"], child(sp, "outcome"));
                if (o != "failed" && o != "succeeded")
                    fail(child(sp, "outcome"), s["outcome"],
                         LessonText::tr("outcome is failed or succeeded"));
                c.failed = o == "failed";
            }
            if (s["job"])
                c.job = scalar(s["job"], child(sp, "job"));
            if (s["subject"])
                c.subject = scalar(s["subject"], child(sp, "subject"));
            if (s["error"]) {
                c.errorKind = QString::fromUtf8(scalar(s["error"], child(sp, "error")));
                static const QStringList kinds{QStringLiteral("timeout"), QStringLiteral("refused"),
                                               QStringLiteral("http"), QStringLiteral("parse"),
                                               QStringLiteral("other")};
                if (!kinds.contains(c.errorKind))
                    fail(child(sp, "error"), s["error"],
                         LessonText::tr("error is timeout, refused, http, parse or other"));
                if (!c.failed)
                    fail(child(sp, "error"), s["error"],
                         LessonText::tr("an error kind needs outcome: failed"));
            }
            break;
        }
        case K::Target: {
            checkKeys(node, path, {"target", "within", "for"});
            const YAML::Node t = node["target"];
            const QString tp = child(path, "target");
            checkKeys(t, tp, {"name", "change"});
            if (t["name"])
                c.subject = knownName(t["name"], child(tp, "name"));
            c.change = QString::fromUtf8(required(t, "change", tp));
            static const QStringList changes{
                QStringLiteral("started"),   QStringLiteral("killed"),
                QStringLiteral("healed"),    QStringLiteral("faulted"),
                QStringLiteral("reachable"), QStringLiteral("unreachable"),
                QStringLiteral("removed")};
            if (!changes.contains(c.change))
                fail(
                    child(tp, "change"), t["change"],
                    LessonText::tr("change is one of: %1").arg(changes.join(QStringLiteral(", "))));
            break;
        }
        case K::Alert: {
            checkKeys(node, path, {"alert", "within", "for"});
            const YAML::Node a = node["alert"];
            const QString ap = child(path, "alert");
            checkKeys(a, ap, {"name", "state", "labels"});
            c.alert = required(a, "name", ap);
            if (a["state"]) {
                const QByteArray s = scalar(a["state"], child(ap, "state"));
                if (s == "firing")
                    c.alertState = rules::AlertState::Firing;
                else if (s == "pending")
                    c.alertState = rules::AlertState::Pending;
                else if (s == "inactive") {
                    c.alertState = rules::AlertState::Inactive;
                    c.present = false;
                } else
                    fail(child(ap, "state"), a["state"],
                         LessonText::tr("state is firing, pending or inactive"));
            }
            if (a["labels"])
                c.alertLabels = labels(a["labels"], child(ap, "labels"));
            break;
        }
        case K::Config: {
            checkKeys(node, path, {"config", "within", "for"});
            const YAML::Node f = node["config"];
            const QString fp = child(path, "config");
            checkKeys(f, fp, {"job", "scrapes", "honor_labels", "present"});
            if (f["job"])
                c.job = scalar(f["job"], child(fp, "job"));
            if (f["scrapes"]) {
                const QString s = QString::fromUtf8(scalar(f["scrapes"], child(fp, "scrapes")));
                const bool named = s.startsWith(QLatin1String("target:"));
                if (!named && s != QLatin1String("gateway") && s != QLatin1String("server") &&
                    s != QLatin1String("outside"))
                    fail(child(fp, "scrapes"), f["scrapes"],
                         LessonText::tr("scrapes is gateway, server, outside or target:NAME"));
                if (named && m_haveScenario && !m_names.count(s.mid(7).toUtf8()))
                    fail(child(fp, "scrapes"), f["scrapes"],
                         LessonText::tr("the scenario has nothing named \"%1\"").arg(s.mid(7)));
                c.scrapes = s;
            }
            if (f["honor_labels"])
                c.honorLabels = boolean(f["honor_labels"], child(fp, "honor_labels"));
            if (f["present"])
                c.present = boolean(f["present"], child(fp, "present"));
            if (c.job.isEmpty() && !c.scrapes)
                fail(fp, f, LessonText::tr("name the job (job:) or what it scrapes (scrapes:)"));
            break;
        }
        case K::Group: {
            checkKeys(node, path, {"group", "within", "for"});
            const YAML::Node g = node["group"];
            const QString gp = child(path, "group");
            checkKeys(g, gp, {"job", "grouping_key", "present"});
            if (g["job"])
                c.job = scalar(g["job"], child(gp, "job"));
            if (g["grouping_key"]) {
                c.groupingKey = labels(g["grouping_key"], child(gp, "grouping_key"));
                if (c.groupingKey.empty() || c.groupingKey.front().name != "job")
                    fail(child(gp, "grouping_key"), g["grouping_key"],
                         LessonText::tr("a grouping key starts with job"));
            }
            if (g["present"])
                c.present = boolean(g["present"], child(gp, "present"));
            if (c.job.isEmpty() && c.groupingKey.empty())
                fail(gp, g, LessonText::tr("name the group's job (job:) or its grouping_key:"));
            if (m_haveScenario && !m_scenario.gateway.enabled)
                fail(gp, g, LessonText::tr("the scenario runs no lab gateway"));
            break;
        }
        case K::Gateway: {
            checkKeys(node, path, {"gateway", "within", "for"});
            const YAML::Node g = node["gateway"];
            const QString gp = child(path, "gateway");
            checkKeys(g, gp, {"change", "persistence"});
            c.change = QString::fromUtf8(required(g, "change", gp));
            static const QStringList changes{QStringLiteral("restarted"),
                                             QStringLiteral("group_deleted"),
                                             QStringLiteral("persistence_changed")};
            if (!changes.contains(c.change))
                fail(
                    child(gp, "change"), g["change"],
                    LessonText::tr("change is one of: %1").arg(changes.join(QStringLiteral(", "))));
            if (g["persistence"]) {
                if (c.change == QLatin1String("group_deleted"))
                    fail(child(gp, "persistence"), g["persistence"],
                         LessonText::tr("persistence: applies to restarted and "
                                        "persistence_changed"));
                c.persistence = boolean(g["persistence"], child(gp, "persistence"));
            }
            if (m_haveScenario && !m_scenario.gateway.enabled)
                fail(gp, g, LessonText::tr("the scenario runs no lab gateway"));
            break;
        }
        }
        timing();
        return c;
    }

    QString m_file;
    QString m_baseDir;
    Scenario m_scenario;
    bool m_haveScenario = false;
    std::set<QByteArray> m_names;
};

} // namespace

QString Text::in(const QString &language) const {
    const auto it = byLanguage.constFind(language);
    if (it != byLanguage.cend() && !it->isEmpty())
        return *it;
    return en();
}

QString defaultLessonLanguage() {
    const QStringList langs = QLocale().uiLanguages();
    const QString first = langs.isEmpty() ? QStringLiteral("en") : langs.constFirst();
    return first.startsWith(QLatin1String("de")) ? QStringLiteral("de") : QStringLiteral("en");
}

QString LessonError::toString() const {
    QString out = file;
    if (line > 0)
        out += u':' + QString::number(line);
    out += QLatin1String(": ");
    if (!path.isEmpty())
        out += path + QLatin1String(": ");
    return out + message;
}

LessonLoadResult loadLesson(const QByteArray &yaml, const QString &file, const QString &baseDir) {
    LessonLoadResult result;
    Loader loader(file, baseDir);
    YAML::Node root;
    const bool syntaxOk = loader.attempt([&] {
        if (const auto d = findDuplicateYamlKey(yaml))
            throw Failure{QString(), d->line,
                          LessonText::tr("duplicate key \"%1\" (first at line %2)")
                              .arg(d->key)
                              .arg(d->firstLine)};
        root = YAML::Load(yaml.toStdString());
        if (!root.IsMap())
            throw Failure{QString(), 1, LessonText::tr("a lesson is a YAML mapping")};
    });
    if (!syntaxOk) {
        result.errors = loader.errors;
        return result;
    }
    Lesson lesson = loader.parse(root);
    result.errors = loader.errors;
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const LessonError &a, const LessonError &b) { return a.line < b.line; });
    if (result.errors.empty())
        result.lesson = std::move(lesson);
    return result;
}

LessonLoadResult loadLessonFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        LessonLoadResult r;
        r.errors.push_back(LessonError{path, 0, QString(),
                                       LessonText::tr("cannot read: %1").arg(f.errorString())});
        return r;
    }
    return loadLesson(f.readAll(), path, QFileInfo(path).absolutePath());
}

namespace {
const char *const BuiltInIds[] = {"basic-pull",
                                  "pushgateway-batch",
                                  "hybrid-architecture",
                                  "migrate-push-to-pull",
                                  "who-notices-a-death",
                                  "delete-exact-grouping-key",
                                  "firewall-push-gets-through",
                                  "lookback-5-minutes",
                                  "short-job-pull-misses",
                                  "duplicate-pushers",
                                  "pushed-metrics-never-expire",
                                  "timestamps-event-push-scrape",
                                  "service-discovery-keep",
                                  "honor-labels-exported-job"};
}

QList<LessonInfo> builtInLessons() {
    QList<LessonInfo> out;
    const QString lang = defaultLessonLanguage();
    for (const char *id : BuiltInIds) {
        const QString name = QString::fromLatin1(id);
        QFile f(QStringLiteral(":/lessons/%1.yaml").arg(name));
        if (!f.exists())
            continue;
        QString title;
        if (f.open(QIODevice::ReadOnly)) {
            try {
                const YAML::Node root = YAML::Load(f.readAll().toStdString());
                const YAML::Node t = root["title"];
                if (t.IsScalar())
                    title = QString::fromStdString(t.Scalar());
                else if (t.IsMap())
                    title = QString::fromStdString(
                        (t[lang.toStdString()] ? t[lang.toStdString()] : t["en"]).Scalar());
            } catch (const YAML::Exception &) {
            }
        }
        out.push_back({name, title.simplified()});
    }
    return out;
}

LessonLoadResult loadLessonByNameOrFile(const QString &nameOrFile) {
    const QString resource = QStringLiteral(":/lessons/%1.yaml").arg(nameOrFile);
    if (!nameOrFile.contains(u'/') && QFile::exists(resource)) {
        QFile f(resource);
        f.open(QIODevice::ReadOnly);
        return loadLesson(f.readAll(), resource, QDir::currentPath());
    }
    return loadLessonFile(nameOrFile);
}

} // namespace ppl::lesson
