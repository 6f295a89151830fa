#include "recordingrule.h"

#include <unordered_set>

namespace ppl::rules {

RecordingRule::RecordingRule(QByteArray name, QByteArray query, Labels labels)
    : Rule(std::move(name), std::move(query), std::move(labels)) {}

RuleResult RecordingRule::eval(const RuleEvalContext &ctx) {
    if (!m_expr)
        return QStringLiteral("rule has no valid expression");
    RuleResult r = queryExpr(ctx);
    auto *samples = std::get_if<std::vector<RuleSample>>(&r);
    if (!samples)
        return r;
    std::unordered_set<Labels> seen;
    for (RuleSample &s : *samples) {
        Labels::Builder b(s.labels);
        b.set("__name__", m_name);
        for (int i = 0; i < m_labels.size(); ++i)
            b.set(m_labels.name(i), m_labels.value(i));
        s.labels = b.build();
        if (!seen.insert(s.labels).second)
            return QStringLiteral(
                "vector contains metrics with the same labelset after applying rule labels");
    }
    if (ctx.limit > 0 && int(samples->size()) > ctx.limit)
        return QStringLiteral("exceeded limit of %1 with %2 series")
            .arg(ctx.limit)
            .arg(samples->size());
    return r;
}

QByteArray RecordingRule::definition() const {
    QByteArray out = "record: " + m_name + "\nexpr: " + m_query + '\n';
    if (!m_labels.isEmpty()) {
        out += "labels:\n";
        for (int i = 0; i < m_labels.size(); ++i)
            out += "  " + m_labels.name(i) + ": " + m_labels.value(i) + '\n';
    }
    return out;
}

} // namespace ppl::rules
