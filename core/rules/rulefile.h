#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace ppl::rules {

using LabelList = std::vector<std::pair<QByteArray, QByteArray>>; // sorted by name

// One rule of a rule file (model/rulefmt.Rule of Prometheus 2.42). Durations in ms.
struct RuleSpec {
    QByteArray record; // one of record / alert is set
    QByteArray alert;
    QByteArray expr;
    qint64 forMs = 0;
    qint64 keepFiringForMs = 0;
    LabelList labels;
    LabelList annotations;
    int line = 0; // 1-based line of the rule's entry
    bool isAlert() const { return !alert.isEmpty(); }
    QByteArray name() const { return isAlert() ? alert : record; }
};

struct RuleGroupSpec {
    QByteArray name;
    qint64 intervalMs = 0; // 0: the global evaluation_interval
    int limit = 0;         // 0: none
    std::vector<RuleSpec> rules;
    int line = 0;
};

// A parsed and validated rule file. errors hold promtool's wording, without the file name
// prefix (see RuleFile::withFile): yaml.v3's strict decoding errors ("yaml: unmarshal
// errors:\n  line 6: field bogus not found in type rulefmt.RuleNode"), then rulefmt's
// Validate() errors ("4:17: group \"a\", rule 1, \"x\": invalid recording rule name: x").
// lintErrors: promtool's duplicate-rule lint, which fails the check but not the exit code.
struct RuleFile {
    std::vector<RuleGroupSpec> groups;
    QStringList errors;
    QStringList lintErrors;
    bool ok() const { return errors.isEmpty(); }
    int ruleCount() const;

    // rulefmt.Parse of the text.
    static RuleFile parse(const QByteArray &yaml);
    // rulefmt.ParseFile: errors are prefixed with "path: ".
    static RuleFile parseFile(const QString &path);
};

} // namespace ppl::rules
