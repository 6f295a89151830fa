#include "rulefile.h"

#include "exposition/metricfamily.h"
#include "query/parser.h"
#include "ruletemplate.h"
#include "util/promduration.h"

#include <QFile>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>

namespace ppl::rules {

namespace {

// A yaml.v3 node position: 1-based, 0:0 for a node that is not in the file.
struct Pos {
    int line = 0;
    int column = 0;
    bool set = false;
};

Pos posOf(const YAML::Node &node) {
    if (!node.IsDefined())
        return {};
    const YAML::Mark m = node.Mark();
    if (m.line < 0)
        return {};
    return {m.line + 1, m.column + 1, true};
}

int lineOf(const YAML::Node &node) {
    return posOf(node).line;
}

QByteArray text(const YAML::Node &node) {
    const std::string &s = node.Scalar();
    return QByteArray(s.data(), qsizetype(s.size()));
}

// yaml.v3's resolved tag of a node, for its "cannot unmarshal !!str `x` into int" errors.
QByteArray shortTag(const YAML::Node &node) {
    if (node.IsMap())
        return "!!map";
    if (node.IsSequence())
        return "!!seq";
    if (node.IsNull())
        return "!!null";
    if (node.Tag() != "?")
        return "!!str"; // quoted
    static const QRegularExpression intRe(
        QStringLiteral("\\A[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)\\z"));
    static const QRegularExpression floatRe(
        QStringLiteral("\\A([-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|"
                       "INF)|\\.(nan|NaN|NAN))\\z"));
    const QString s = QString::fromUtf8(text(node));
    if (s == u"true" || s == u"false" || s == u"True" || s == u"False" || s == u"TRUE" ||
        s == u"FALSE")
        return "!!bool";
    if (intRe.match(s).hasMatch())
        return "!!int";
    if (floatRe.match(s).hasMatch())
        return "!!float";
    return "!!str";
}

// Go's %q for the strings in rulefmt's messages.
QByteArray goQuote(const QByteArray &s) {
    QByteArray out = "\"";
    for (const char c : s) {
        const uchar u = uchar(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out + '"';
}

// The strict decoder: collects yaml.v3's type errors ("line N: …") in document order; a
// duration that does not parse aborts decoding (model.Duration's own UnmarshalYAML error).
class Decoder {
public:
    QStringList typeErrors;
    std::optional<QString> fatal;

    void unknownField(const YAML::Node &key, const char *type) {
        typeErrors << QStringLiteral("line %1: field %2 not found in type %3")
                          .arg(lineOf(key))
                          .arg(QString::fromUtf8(text(key)), QLatin1String(type));
    }
    void typeError(const YAML::Node &node, const char *into) {
        QByteArray value;
        const QByteArray tag = shortTag(node);
        if (tag != "!!seq" && tag != "!!map") {
            value = text(node);
            value = value.size() > 10 ? " `" + value.left(7) + "...`" : " `" + value + '`';
        }
        typeErrors << QStringLiteral("line %1: cannot unmarshal %2%3 into %4")
                          .arg(lineOf(node))
                          .arg(QString::fromUtf8(tag), QString::fromUtf8(value),
                               QLatin1String(into));
    }
    // Iterates a mapping's keys. As yaml.v3 does, a mapping with a repeated key is reported
    // ("line J: mapping key "k" already defined at line I", every pair) and not decoded.
    template <typename F> void forEachKey(const YAML::Node &map, F &&f) {
        std::vector<std::pair<std::string, YAML::Node>> keys;
        for (const auto &kv : map)
            keys.emplace_back(kv.first.IsScalar() ? kv.first.Scalar() : std::string(), kv.first);
        bool repeated = false;
        for (size_t i = 0; i < keys.size(); ++i) {
            for (size_t j = i + 1; j < keys.size(); ++j) {
                if (keys[i].first != keys[j].first)
                    continue;
                typeErrors << QStringLiteral("line %1: mapping key \"%2\" already defined at "
                                             "line %3")
                                  .arg(lineOf(keys[j].second))
                                  .arg(QString::fromStdString(keys[i].first))
                                  .arg(lineOf(keys[i].second));
                repeated = true;
            }
        }
        if (repeated)
            return;
        for (const auto &kv : map)
            f(QByteArray::fromStdString(kv.first.IsScalar() ? kv.first.Scalar() : std::string()),
              kv.first, kv.second);
    }
    QByteArray string(const YAML::Node &node) {
        if (node.IsNull())
            return {};
        if (!node.IsScalar()) {
            typeError(node, "string");
            return {};
        }
        return text(node);
    }
    qint64 duration(const YAML::Node &node) {
        if (node.IsNull())
            return 0;
        const QByteArray s = string(node);
        QString error; // model.ParseDuration's words, as promtool prints them
        const std::optional<qint64> ms = parsePrometheusDuration(s, &error);
        if (!ms && !fatal)
            fatal = error;
        return ms.value_or(0);
    }
    int integer(const YAML::Node &node) {
        if (node.IsNull())
            return 0;
        if (shortTag(node) != "!!int") {
            typeError(node, "int");
            return 0;
        }
        bool ok = false;
        const int v = QString::fromUtf8(text(node)).remove(u'_').toInt(&ok, 0);
        return ok ? v : 0;
    }
    LabelList stringMap(const YAML::Node &node) {
        LabelList out;
        if (node.IsNull())
            return out;
        if (!node.IsMap()) {
            typeError(node, "map[string]string");
            return out;
        }
        forEachKey(node, [&](const QByteArray &key, const YAML::Node &, const YAML::Node &v) {
            out.emplace_back(key, string(v));
        });
        std::sort(out.begin(), out.end());
        return out;
    }
};

struct RuleNodes {
    YAML::Node record, alert, expr;
};

void decodeRule(Decoder &d, const YAML::Node &node, RuleSpec &rule, RuleNodes &nodes) {
    rule.line = lineOf(node);
    if (node.IsNull())
        return;
    if (!node.IsMap()) {
        d.typeError(node, "rulefmt.RuleNode");
        return;
    }
    d.forEachKey(node, [&](const QByteArray &key, const YAML::Node &k, const YAML::Node &v) {
        if (key == "record") {
            nodes.record = v;
            rule.record = v.IsScalar() ? text(v) : QByteArray();
        } else if (key == "alert") {
            nodes.alert = v;
            rule.alert = v.IsScalar() ? text(v) : QByteArray();
        } else if (key == "expr") {
            nodes.expr = v;
            rule.expr = v.IsScalar() ? text(v) : QByteArray();
        } else if (key == "for") {
            rule.forMs = d.duration(v);
        } else if (key == "keep_firing_for") {
            rule.keepFiringForMs = d.duration(v);
        } else if (key == "labels") {
            rule.labels = d.stringMap(v);
        } else if (key == "annotations") {
            rule.annotations = d.stringMap(v);
        } else {
            d.unknownField(k, "rulefmt.RuleNode");
        }
    });
}

QString ruleError(const RuleGroupSpec &g, int index, const RuleSpec &r, const QString &message,
                  const YAML::Node *node = nullptr, const YAML::Node *alt = nullptr) {
    QString where;
    auto at = [](const YAML::Node *n) {
        const Pos p = n ? posOf(*n) : Pos{};
        return QStringLiteral("%1:%2: ").arg(p.line).arg(p.column);
    };
    if (node)
        where += at(node);
    if (alt)
        where += at(alt);
    return where + QStringLiteral("group %1, rule %2, %3: %4")
                       .arg(QString::fromUtf8(goQuote(g.name)))
                       .arg(index)
                       .arg(QString::fromUtf8(goQuote(r.name())), message);
}

// rulefmt's RuleNode.Validate, in its order.
void validateRule(const RuleGroupSpec &g, int index, const RuleSpec &r, const RuleNodes &n,
                  QStringList &errors) {
    auto add = [&](const QString &m, const YAML::Node *node = nullptr,
                   const YAML::Node *alt = nullptr) {
        errors << ruleError(g, index, r, m, node, alt);
    };
    if (!r.record.isEmpty() && !r.alert.isEmpty())
        add(QStringLiteral("only one of 'record' and 'alert' must be set"), &n.record, &n.alert);
    if (r.record.isEmpty() && r.alert.isEmpty())
        add(QStringLiteral("one of 'record' or 'alert' must be set"), &n.record);
    if (r.expr.isEmpty()) {
        add(QStringLiteral("field 'expr' must be set in rule"), &n.expr);
    } else {
        query::Parser::Result parsed = query::Parser::parse(r.expr);
        if (const auto *err = std::get_if<query::ParseError>(&parsed))
            add(QStringLiteral("could not parse expression: %1").arg(err->toString(r.expr)),
                &n.expr);
    }
    if (!r.record.isEmpty()) {
        if (!r.annotations.empty())
            add(QStringLiteral("invalid field 'annotations' in recording rule"), &n.record);
        if (r.forMs != 0)
            add(QStringLiteral("invalid field 'for' in recording rule"), &n.record);
        if (r.keepFiringForMs != 0)
            add(QStringLiteral("invalid field 'keep_firing_for' in recording rule"), &n.record);
        if (!isValidMetricName(r.record))
            add(QStringLiteral("invalid recording rule name: %1").arg(QString::fromUtf8(r.record)),
                &n.record);
    }
    for (const auto &[k, v] : r.labels) {
        if (!isValidLabelName(k) || k == "__name__")
            add(QStringLiteral("invalid label name: %1").arg(QString::fromUtf8(k)));
        if (!QUtf8StringView(v).isValidUtf8())
            add(QStringLiteral("invalid label value: %1").arg(QString::fromUtf8(v)));
    }
    for (const auto &kv : r.annotations) {
        if (!isValidLabelName(kv.first))
            add(QStringLiteral("invalid annotation name: %1").arg(QString::fromUtf8(kv.first)));
    }
    if (r.alert.isEmpty())
        return;
    // testTemplateParsing: labels, then annotations.
    const QByteArray tmplName = "__alert_" + r.alert;
    for (const auto &[k, v] : r.labels) {
        if (const std::optional<QString> e = RuleTemplate::parseError(v, tmplName))
            add(QStringLiteral("label %1: %2").arg(QString::fromUtf8(goQuote(k)), *e));
    }
    for (const auto &[k, v] : r.annotations) {
        if (const std::optional<QString> e = RuleTemplate::parseError(v, tmplName))
            add(QStringLiteral("annotation %1: %2").arg(QString::fromUtf8(goQuote(k)), *e));
    }
}

} // namespace

int RuleFile::ruleCount() const {
    int n = 0;
    for (const RuleGroupSpec &g : groups)
        n += int(g.rules.size());
    return n;
}

RuleFile RuleFile::parse(const QByteArray &yaml) {
    RuleFile file;
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        // rulefmt.Parse decodes twice (strictly and into nodes): a syntax error shows twice.
        const QString msg = QStringLiteral("yaml: line %1: %2")
                                .arg(e.mark.line >= 0 ? e.mark.line + 1 : 0)
                                .arg(QString::fromStdString(e.msg));
        file.errors << msg << msg;
        return file;
    }
    Decoder d;
    std::vector<std::vector<RuleNodes>> nodes;
    std::vector<YAML::Node> groupNodes;
    if (root.IsDefined() && !root.IsNull()) {
        if (!root.IsMap()) {
            d.typeError(root, "rulefmt.RuleGroups");
        } else {
            d.forEachKey(
                root, [&](const QByteArray &key, const YAML::Node &k, const YAML::Node &v) {
                    if (key != "groups") {
                        d.unknownField(k, "rulefmt.RuleGroups");
                        return;
                    }
                    if (v.IsNull())
                        return;
                    if (!v.IsSequence()) {
                        d.typeError(v, "[]rulefmt.RuleGroup");
                        return;
                    }
                    for (const YAML::Node &gn : v) {
                        RuleGroupSpec g;
                        g.line = lineOf(gn);
                        std::vector<RuleNodes> ruleNodes;
                        if (gn.IsMap()) {
                            d.forEachKey(gn, [&](const QByteArray &gk, const YAML::Node &gkn,
                                                 const YAML::Node &gv) {
                                if (gk == "name") {
                                    g.name = d.string(gv);
                                } else if (gk == "interval") {
                                    g.intervalMs = d.duration(gv);
                                } else if (gk == "limit") {
                                    g.limit = d.integer(gv);
                                } else if (gk == "rules") {
                                    if (gv.IsNull())
                                        return;
                                    if (!gv.IsSequence()) {
                                        d.typeError(gv, "[]rulefmt.RuleNode");
                                        return;
                                    }
                                    for (const YAML::Node &rn : gv) {
                                        RuleSpec rule;
                                        RuleNodes n;
                                        decodeRule(d, rn, rule, n);
                                        g.rules.push_back(std::move(rule));
                                        ruleNodes.push_back(n);
                                    }
                                } else {
                                    d.unknownField(gkn, "rulefmt.RuleGroup");
                                }
                            });
                        } else if (!gn.IsNull()) {
                            d.typeError(gn, "rulefmt.RuleGroup");
                        }
                        file.groups.push_back(std::move(g));
                        nodes.push_back(std::move(ruleNodes));
                        groupNodes.push_back(gn);
                    }
                });
        }
    }
    if (d.fatal) {
        file.errors << *d.fatal;
        file.groups.clear();
        return file;
    }
    if (!d.typeErrors.isEmpty()) {
        file.errors << QStringLiteral("yaml: unmarshal errors:\n  ") +
                           d.typeErrors.join(QStringLiteral("\n  "));
        file.groups.clear();
        return file;
    }
    // RuleGroups.Validate.
    std::vector<QByteArray> seen;
    for (size_t j = 0; j < file.groups.size(); ++j) {
        const RuleGroupSpec &g = file.groups[j];
        const Pos p = posOf(groupNodes[j]);
        if (g.name.isEmpty())
            file.errors
                << QStringLiteral("%1:%2: Groupname must not be empty").arg(p.line).arg(p.column);
        if (std::find(seen.begin(), seen.end(), g.name) != seen.end())
            file.errors << QStringLiteral("%1:%2: groupname: \"%3\" is repeated in the same file")
                               .arg(p.line)
                               .arg(p.column)
                               .arg(QString::fromUtf8(g.name));
        seen.push_back(g.name);
        for (size_t i = 0; i < g.rules.size(); ++i)
            validateRule(g, int(i + 1), g.rules[i], nodes[j][i], file.errors);
    }
    if (!file.errors.isEmpty()) {
        file.groups.clear();
        return file;
    }
    // promtool's duplicate-rules lint: same name and labels.
    std::vector<std::pair<QByteArray, LabelList>> keys;
    for (const RuleGroupSpec &g : file.groups)
        for (const RuleSpec &r : g.rules)
            keys.emplace_back(r.name(), r.labels);
    std::sort(keys.begin(), keys.end());
    std::vector<std::pair<QByteArray, LabelList>> dups;
    for (size_t i = 1; i < keys.size(); ++i) {
        if (keys[i] == keys[i - 1] && (dups.empty() || dups.back() != keys[i]))
            dups.push_back(keys[i]);
    }
    if (!dups.empty()) {
        QString m = QStringLiteral("lint error %1 duplicate rule(s) found.\n").arg(dups.size());
        for (const auto &[metric, labels] : dups) {
            m += QStringLiteral("Metric: %1\nLabel(s):\n").arg(QString::fromUtf8(metric));
            for (const auto &[k, v] : labels)
                m += QStringLiteral("\t%1: %2\n").arg(QString::fromUtf8(k), QString::fromUtf8(v));
        }
        m += QStringLiteral("Might cause inconsistency while recording expressions");
        file.lintErrors << m;
    }
    return file;
}

RuleFile RuleFile::parseFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        RuleFile file;
        file.errors << QStringLiteral("%1: open %1: no such file or directory").arg(path);
        return file;
    }
    RuleFile file = parse(f.readAll());
    for (QString &e : file.errors)
        e.prepend(path + QStringLiteral(": "));
    return file;
}

} // namespace ppl::rules
