#include "alertingrule.h"

#include <QUrl>

#include <algorithm>

namespace ppl::rules {

namespace {

// resolvedRetention in rules/alerting.go.
constexpr qint64 ResolvedRetentionMs = 15 * 60 * 1000;

RuleTemplate::StringMap toMap(const Labels &labels) {
    RuleTemplate::StringMap m;
    for (int i = 0; i < labels.size(); ++i)
        m.emplace(labels.name(i), labels.value(i));
    return m;
}

std::vector<Alert> sorted(std::vector<Alert> alerts) {
    std::sort(alerts.begin(), alerts.end(),
              [](const Alert &a, const Alert &b) { return a.labels < b.labels; });
    return alerts;
}

} // namespace

AlertingRule::AlertingRule(QByteArray name, QByteArray query, qint64 forMs, qint64 keepFiringForMs,
                           Labels labels, LabelList annotations)
    : Rule(std::move(name), std::move(query), std::move(labels))
    , m_forMs(forMs)
    , m_keepFiringForMs(keepFiringForMs)
    , m_annotations(std::move(annotations)) {}

RuleResult AlertingRule::eval(const RuleEvalContext &ctx) {
    m_transitions.clear();
    if (!m_expr)
        return QStringLiteral("rule has no valid expression");
    RuleResult r = queryExpr(ctx);
    const auto *samples = std::get_if<std::vector<RuleSample>>(&r);
    if (!samples)
        return r;
    const qint64 ts = ctx.tsMs;
    // The template's `query` runs at the evaluation's time, as template.QueryFunc(query).
    const RuleTemplate::QueryFunc templateQuery =
        [&ctx](const QByteArray &q) -> std::variant<std::vector<RuleTemplate::Sample>, QString> {
        RuleResult res = runRuleQuery(ctx, q);
        if (const QString *e = std::get_if<QString>(&res))
            return *e;
        std::vector<RuleTemplate::Sample> out;
        for (const RuleSample &s : std::get<std::vector<RuleSample>>(res))
            out.push_back({toMap(s.labels), s.value});
        return out;
    };
    const QByteArray templateName = "__alert_" + m_name;

    std::unordered_map<Labels, Alert> current;
    for (const RuleSample &s : *samples) {
        RuleTemplate::Data data{toMap(s.labels), ctx.externalLabels, ctx.externalUrl, s.value};
        auto expand = [&](const QByteArray &text) {
            return RuleTemplate::expandForAlert(text, templateName, data, templateQuery);
        };
        Labels::Builder lb(s.labels);
        lb.remove("__name__");
        for (int i = 0; i < m_labels.size(); ++i)
            lb.set(m_labels.name(i), expand(m_labels.value(i)));
        lb.set("alertname", m_name);
        LabelList annotations;
        for (const auto &[k, v] : m_annotations)
            annotations.emplace_back(k, expand(v));
        const Labels lbs = lb.build();
        if (current.count(lbs))
            return QStringLiteral("vector contains metrics with the same labelset after applying "
                                  "alert labels");
        Alert a;
        a.state = AlertState::Pending;
        a.labels = lbs;
        a.annotations = std::move(annotations);
        a.activeAtMs = ts;
        a.value = s.value;
        current.emplace(lbs, std::move(a));
    }

    for (auto &[key, a] : current) {
        auto it = m_active.find(key);
        if (it != m_active.end() && it->second.state != AlertState::Inactive) {
            it->second.value = a.value;
            it->second.annotations = a.annotations;
            continue;
        }
        m_active[key] = a;
        m_transitions.emplace_back(a, AlertState::Inactive);
    }

    std::vector<RuleSample> out;
    int numActivePending = 0;
    for (auto it = m_active.begin(); it != m_active.end();) {
        Alert &a = it->second;
        if (!current.count(it->first)) {
            bool keepFiring = false;
            if (a.state == AlertState::Firing && m_keepFiringForMs > 0) {
                if (a.keepFiringSinceMs == 0)
                    a.keepFiringSinceMs = ts;
                if (ts - a.keepFiringSinceMs < m_keepFiringForMs)
                    keepFiring = true;
            }
            const bool remove = a.state == AlertState::Pending ||
                                (a.resolvedAtMs != 0 && ts - a.resolvedAtMs > ResolvedRetentionMs);
            if (a.state != AlertState::Inactive && !keepFiring) {
                const AlertState before = a.state;
                a.state = AlertState::Inactive;
                a.resolvedAtMs = ts;
                m_transitions.emplace_back(a, before);
            }
            if (remove) {
                it = m_active.erase(it);
                continue;
            }
            if (!keepFiring) {
                ++it;
                continue;
            }
        } else {
            a.keepFiringSinceMs = 0;
        }
        ++numActivePending;
        if (a.state == AlertState::Pending && ts - a.activeAtMs >= m_forMs) {
            a.state = AlertState::Firing;
            a.firedAtMs = ts;
            m_transitions.emplace_back(a, AlertState::Pending);
        }
        if (m_restored) {
            // sample() and forStateSample(): the rule's labels, then the alert's.
            Labels::Builder b(m_labels);
            for (int i = 0; i < a.labels.size(); ++i)
                b.set(a.labels.name(i), a.labels.value(i));
            b.set("__name__", "ALERTS");
            b.set("alertname", m_name);
            b.set("alertstate", alertStateName(a.state));
            out.push_back({b.build(), 1});
            b.set("__name__", "ALERTS_FOR_STATE");
            b.remove("alertstate");
            // float64(a.ActiveAt.Unix()): whole seconds.
            const qint64 activeSec =
                a.activeAtMs >= 0 ? a.activeAtMs / 1000 : -((-a.activeAtMs + 999) / 1000);
            out.push_back({b.build(), double(activeSec)});
        }
        ++it;
    }
    if (ctx.limit > 0 && numActivePending > ctx.limit) {
        m_active.clear();
        return QStringLiteral("exceeded limit of %1 with %2 alerts")
            .arg(ctx.limit)
            .arg(numActivePending);
    }
    return out;
}

AlertState AlertingRule::state() const {
    AlertState s = AlertState::Inactive;
    for (const auto &kv : m_active)
        s = std::max(s, kv.second.state);
    return s;
}

std::vector<Alert> AlertingRule::activeAlerts() const {
    std::vector<Alert> out;
    for (const auto &kv : m_active)
        if (kv.second.resolvedAtMs == 0)
            out.push_back(kv.second);
    return sorted(std::move(out));
}

std::vector<Alert> AlertingRule::allAlerts() const {
    std::vector<Alert> out;
    for (const auto &kv : m_active)
        out.push_back(kv.second);
    return sorted(std::move(out));
}

std::vector<OutgoingAlert> AlertingRule::takeAlertsToSend(qint64 tsMs, qint64 resendDelayMs,
                                                          qint64 intervalMs,
                                                          const QByteArray &externalUrl) {
    std::vector<OutgoingAlert> out;
    const QByteArray generator =
        externalUrl + "/graph?g0.expr=" + QUrl::toPercentEncoding(m_query).replace("%20", "+") +
        "&g0.tab=1";
    for (auto &kv : m_active) {
        Alert &a = kv.second;
        if (a.state == AlertState::Pending)
            continue;
        const bool needsSending =
            a.resolvedAtMs > a.lastSentAtMs || a.lastSentAtMs + resendDelayMs < tsMs;
        if (!needsSending)
            continue;
        a.lastSentAtMs = tsMs;
        a.validUntilMs = tsMs + 4 * std::max(resendDelayMs, intervalMs);
        out.push_back({a.labels, a.annotations, a.firedAtMs,
                       a.resolvedAtMs != 0 ? a.resolvedAtMs : a.validUntilMs, generator});
    }
    std::sort(out.begin(), out.end(),
              [](const OutgoingAlert &x, const OutgoingAlert &y) { return x.labels < y.labels; });
    return out;
}

QByteArray AlertingRule::definition() const {
    QByteArray out = "alert: " + m_name + "\nexpr: " + m_query +
                     "\nfor: " + QByteArray::number(m_forMs) +
                     "\nkeep_firing_for: " + QByteArray::number(m_keepFiringForMs) + '\n';
    for (int i = 0; i < m_labels.size(); ++i)
        out += "label " + m_labels.name(i) + ": " + m_labels.value(i) + '\n';
    for (const auto &[k, v] : m_annotations)
        out += "annotation " + k + ": " + v + '\n';
    return out;
}

} // namespace ppl::rules
