#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace ppl::rules {

// Go's text/template, as far as Prometheus 2.42's alert templates (template/template.go) use
// it: text and {{actions}} with trim markers and comments, pipelines, variables ($labels,
// $value, $externalLabels, $externalURL are predeclared as in rules/alerting.go), if / else if /
// else, with, range, and the functions of Go's templates and Prometheus's funcMap (humanize,
// humanizeDuration, humanizePercentage, printf, query, first, value, label, …). Errors read as
// Go writes them ("template: __alert_X:1: unclosed action", "…executing … at <first>: error
// calling first: first() called on vector with no elements").
class RuleTemplate {
public:
    using StringMap = std::map<QByteArray, QByteArray>;
    struct Sample {
        StringMap labels;
        double value = 0;
    };
    // A query run by the template's `query` function: the result vector, or the error text.
    using QueryFunc =
        std::function<std::variant<std::vector<Sample>, QString>(const QByteArray &query)>;

    struct Data {
        StringMap labels;
        StringMap externalLabels;
        QByteArray externalUrl;
        double value = 0;
    };

    // template.Expander.Expand of the text with the alert definitions in front. On error:
    // nullopt and *error = "error parsing template …" / "error executing template …".
    static std::optional<QByteArray> expand(const QByteArray &text, const QByteArray &name,
                                            const Data &data, const QueryFunc &query,
                                            QString *error);
    // What AlertingRule.Eval puts in a label or annotation: the expansion, or
    // "<error expanding template: …>".
    static QByteArray expandForAlert(const QByteArray &text, const QByteArray &name,
                                     const Data &data, const QueryFunc &query);
    // template.Expander.ParseTest (rulefmt's check of alerting rules' templates).
    static std::optional<QString> parseError(const QByteArray &text, const QByteArray &name);

    // Go's strconv.FormatFloat(v, 'g', prec, 64) (prec -1: shortest), as %v and %.4g print.
    static QByteArray formatGoFloat(double v, int prec = -1);
};

} // namespace ppl::rules
