#pragma once

#include "rule.h"

namespace ppl::rules {

// rules.RecordingRule: the expression's result renamed to the rule's name, with the rule's
// labels set on every sample.
class RecordingRule : public Rule {
public:
    RecordingRule(QByteArray name, QByteArray query, Labels labels);
    bool isAlerting() const override { return false; }
    RuleResult eval(const RuleEvalContext &ctx) override;
    QByteArray definition() const override;
};

} // namespace ppl::rules
