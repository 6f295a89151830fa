#pragma once

#include "rule.h"

#include <unordered_map>

namespace ppl::rules {

// rules.AlertingRule of Prometheus 2.42: every sample of the expression is an alert instance,
// pending until it has held for `for`, then firing; an instance whose sample is gone is
// resolved (kept, inactive, for 15 minutes so it is re-sent as resolved) unless it fired and
// `keep_firing_for` has not passed since it disappeared. Each evaluation produces ALERTS
// {alertstate="pending|firing"} = 1 and ALERTS_FOR_STATE = activeAt (seconds) for every
// pending or firing instance, once the rule is "restored" (see setRestored).
class AlertingRule : public Rule {
public:
    AlertingRule(QByteArray name, QByteArray query, qint64 forMs, qint64 keepFiringForMs,
                 Labels labels, LabelList annotations);
    bool isAlerting() const override { return true; }
    RuleResult eval(const RuleEvalContext &ctx) override;
    QByteArray definition() const override;

    qint64 holdDurationMs() const { return m_forMs; }
    qint64 keepFiringForMs() const { return m_keepFiringForMs; }
    const LabelList &annotations() const { return m_annotations; }
    // Prometheus writes no ALERTS samples until the group has restored the `for` state (after
    // its second evaluation on a fresh start; at once for rules loaded by a reload).
    void setRestored(bool restored) { m_restored = restored; }
    bool restored() const { return m_restored; }

    // The highest state of its instances.
    AlertState state() const;
    // Pending and firing instances (ActiveAlerts), sorted by labels.
    std::vector<Alert> activeAlerts() const;
    // Every instance kept, including resolved ones (for sending), sorted by labels.
    std::vector<Alert> allAlerts() const;
    // The state changes of the last eval().
    const std::vector<std::pair<Alert, AlertState>> &lastTransitions() const {
        return m_transitions;
    }
    // AlertingRule.sendAlerts: marks the instances that need sending as sent at tsMs and
    // returns them (pending ones never; firing ones every resendDelay; resolved ones once).
    std::vector<OutgoingAlert> takeAlertsToSend(qint64 tsMs, qint64 resendDelayMs,
                                                qint64 intervalMs, const QByteArray &externalUrl);
    // Group.CopyState: take over the instances of the rule this one replaces.
    void copyStateFrom(const AlertingRule &other) { m_active = other.m_active; }

private:
    qint64 m_forMs;
    qint64 m_keepFiringForMs;
    LabelList m_annotations;
    bool m_restored = false;
    std::unordered_map<Labels, Alert> m_active;
    std::vector<std::pair<Alert, AlertState>> m_transitions; // (alert after, state before)
};

} // namespace ppl::rules
