#include "rule.h"

#include "query/engine.h"
#include "query/parser.h"

namespace ppl::rules {

QByteArray alertStateName(AlertState state) {
    switch (state) {
    case AlertState::Inactive:
        return "inactive";
    case AlertState::Pending:
        return "pending";
    case AlertState::Firing:
        return "firing";
    }
    return {};
}

QByteArray ruleHealthName(RuleHealth health) {
    switch (health) {
    case RuleHealth::Unknown:
        return "unknown";
    case RuleHealth::Good:
        return "ok";
    case RuleHealth::Bad:
        return "err";
    }
    return {};
}

RuleResult ruleResultOf(query::Engine::Outcome outcome) {
    if (const auto *err = std::get_if<query::QueryError>(&outcome))
        return err->message;
    const query::QueryResult &r = std::get<query::QueryResult>(outcome);
    std::vector<RuleSample> out;
    if (r.type == query::ValueType::Scalar) {
        out.push_back({Labels(), r.scalar});
        return out;
    }
    if (r.type != query::ValueType::Vector)
        return QStringLiteral("rule result is not a vector or scalar");
    out.reserve(r.series.size());
    for (const query::Series &s : r.series)
        out.push_back({s.metric, s.points.empty() ? 0.0 : s.points.front().v});
    return out;
}

RuleResult runRuleQuery(const RuleEvalContext &ctx, const query::Expr &expr) {
    return ruleResultOf(ctx.engine->evaluate(expr, ctx.tsMs, ctx.tsMs, 0, true));
}

RuleResult runRuleQuery(const RuleEvalContext &ctx, const QByteArray &query) {
    return ruleResultOf(ctx.engine->instantQuery(query, ctx.tsMs));
}

Rule::Rule(QByteArray name, QByteArray query, Labels labels)
    : m_name(std::move(name))
    , m_query(std::move(query))
    , m_labels(std::move(labels)) {
    // Rule files are validated before rules are built: the expression parses.
    query::Parser::Result parsed = query::Parser::parse(m_query);
    if (auto *e = std::get_if<std::unique_ptr<query::Expr>>(&parsed))
        m_expr = std::move(*e);
}

Rule::~Rule() = default;

RuleResult Rule::queryExpr(const RuleEvalContext &ctx) const {
    if (ctx.exprResult)
        return std::move(*ctx.exprResult);
    return runRuleQuery(ctx, *m_expr);
}

} // namespace ppl::rules
