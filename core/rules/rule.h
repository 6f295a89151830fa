#pragma once

#include "alert.h"
#include "query/engine.h"
#include "ruletemplate.h"
#include "storage/labels.h"

#include <QString>

#include <memory>
#include <variant>
#include <vector>

namespace ppl::query {
struct Expr;
}

namespace ppl::rules {

// A sample a rule produced, to be appended at the evaluation's timestamp.
struct RuleSample {
    Labels labels;
    double value = 0;
};
using RuleResult = std::variant<std::vector<RuleSample>, QString>;

// What a rule sees while it evaluates (its group's evaluation).
struct RuleEvalContext {
    qint64 tsMs = 0;
    const query::Engine *engine = nullptr;
    int limit = 0; // the group's limit, 0: none
    RuleTemplate::StringMap externalLabels;
    QByteArray externalUrl;
    // The result of the rule's own expression at tsMs, when it was evaluated already (on a
    // worker thread, see RuleGroup); eval() takes it instead of querying the engine.
    RuleResult *exprResult = nullptr;
};

// rules.EngineQueryFunc: an instant query at tsMs; a scalar becomes one sample without
// labels; anything else is "rule result is not a vector or scalar".
RuleResult runRuleQuery(const RuleEvalContext &ctx, const query::Expr &expr);
RuleResult runRuleQuery(const RuleEvalContext &ctx, const QByteArray &query);
// The same conversion of an instant query's outcome evaluated elsewhere (any thread).
RuleResult ruleResultOf(query::Engine::Outcome outcome);

// rules.RuleHealth.
enum class RuleHealth { Unknown, Good, Bad };
QByteArray ruleHealthName(RuleHealth health); // "unknown", "ok", "err"

// What recording and alerting rules share: the expression, the labels, and the outcome of the
// last evaluation (health, lastError, when and how long).
class Rule {
public:
    Rule(QByteArray name, QByteArray query, Labels labels);
    virtual ~Rule();
    Rule(const Rule &) = delete;
    Rule &operator=(const Rule &) = delete;

    virtual bool isAlerting() const = 0;
    // Evaluates at ctx.tsMs: the samples to append (recorded series, or ALERTS and
    // ALERTS_FOR_STATE), or the error.
    virtual RuleResult eval(const RuleEvalContext &ctx) = 0;
    // rules.Rule.String(): the YAML a group compares to decide whether a rule changed.
    virtual QByteArray definition() const = 0;

    const QByteArray &name() const { return m_name; }
    const QByteArray &query() const { return m_query; }
    const query::Expr &expr() const { return *m_expr; }
    // Null when the expression did not parse. Shared, so that a worker thread can evaluate it
    // while the rule is replaced (it is only read while evaluating).
    const std::shared_ptr<const query::Expr> &sharedExpr() const { return m_expr; }
    const Labels &labels() const { return m_labels; }
    // name + labels, as Group.CopyState matches rules across a reload.
    QString identity() const { return QString::fromUtf8(m_name) + m_labels.toString(); }

    RuleHealth health = RuleHealth::Unknown;
    QString lastError;
    qint64 lastEvaluationMs = 0; // 0: never
    qint64 evaluationTimeNs = 0;

protected:
    // The expression's result at ctx.tsMs: ctx.exprResult when given, else a query now.
    RuleResult queryExpr(const RuleEvalContext &ctx) const;

    QByteArray m_name;
    QByteArray m_query;
    Labels m_labels;
    std::shared_ptr<const query::Expr> m_expr;
};

} // namespace ppl::rules
