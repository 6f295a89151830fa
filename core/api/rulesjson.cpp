#include "rulesjson.h"

#include "apiformat.h"
#include "rules/alertingrule.h"
#include "rules/rulemanager.h"

#include <charconv>
#include <cmath>

namespace ppl::api {

namespace {

// encoding/json (and jsoniter's standard config) escape <, > and & in strings.
QByteArray goJsonString(QByteArrayView s) {
    QByteArray out = jsonString(s);
    out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    return out;
}

QByteArray goJsonLabels(const Labels &labels) {
    QByteArray out = "{";
    for (int i = 0; i < labels.size(); ++i) {
        if (i)
            out += ',';
        out += goJsonString(labels.name(i)) + ':' + goJsonString(labels.value(i));
    }
    return out + '}';
}

QByteArray goJsonPairs(const rules::LabelList &pairs) {
    QByteArray out = "{";
    bool first = true;
    for (const auto &[k, v] : pairs) {
        if (!first)
            out += ',';
        first = false;
        out += goJsonString(k) + ':' + goJsonString(v);
    }
    return out + '}';
}

// encoding/json's float64: shortest, 'f' between 1e-6 and 1e21, else 'e' with e-7 not e-07.
QByteArray goJsonFloat(double v) {
    if (!std::isfinite(v))
        return "0";
    char buf[64];
    const double a = std::abs(v);
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
        QByteArray s(buf, r.ptr - buf);
        const qsizetype n = s.size();
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            s.remove(n - 2, 1);
        return s;
    }
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return QByteArray(buf, r.ptr - buf);
}

// strconv.FormatFloat(v, 'e', -1, 64).
QByteArray goExpFloat(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    return QByteArray(buf, r.ptr - buf);
}

QByteArray time(qint64 ms) {
    return '"' + formatRfc3339(ms) + '"';
}

QByteArray alertJson(const rules::Alert &a) {
    QByteArray out = "{\"labels\":" + goJsonLabels(a.labels) +
                     ",\"annotations\":" + goJsonPairs(a.annotations) + ",\"state\":\"" +
                     rules::alertStateName(a.state) + "\",\"activeAt\":" + time(a.activeAtMs);
    if (a.keepFiringSinceMs)
        out += ",\"keepFiringSince\":" + time(a.keepFiringSinceMs);
    return out + ",\"value\":\"" + goExpFloat(a.value) + "\"}";
}

QByteArray alertList(const std::vector<rules::Alert> &alerts) {
    QByteArray out = "[";
    for (size_t i = 0; i < alerts.size(); ++i) {
        if (i)
            out += ',';
        out += alertJson(alerts[i]);
    }
    return out + ']';
}

QByteArray seconds(qint64 ns) {
    return goJsonFloat(double(ns) / 1e9);
}

} // namespace

QByteArray rulesDataJson(const rules::RuleManager *manager, const QByteArray &type) {
    QByteArray out = "{\"groups\":[";
    bool firstGroup = true;
    for (const rules::RuleGroup *g :
         manager ? manager->groups() : std::vector<rules::RuleGroup *>()) {
        if (!firstGroup)
            out += ',';
        firstGroup = false;
        out += "{\"name\":" + goJsonString(g->name()) +
               ",\"file\":" + goJsonString(g->file().toUtf8()) + ",\"rules\":[";
        bool firstRule = true;
        for (const auto &r : g->rules()) {
            const QByteArray error = r->lastError.isEmpty()
                                         ? QByteArray()
                                         : ",\"lastError\":" + goJsonString(r->lastError.toUtf8());
            const QByteArray tail = ",\"health\":\"" + rules::ruleHealthName(r->health) + '"' +
                                    error + ",\"evaluationTime\":" + seconds(r->evaluationTimeNs) +
                                    ",\"lastEvaluation\":" + time(r->lastEvaluationMs);
            QByteArray rule;
            if (const auto *ar = dynamic_cast<const rules::AlertingRule *>(r.get())) {
                if (!type.isEmpty() && type != "alert")
                    continue;
                rule = "{\"state\":\"" + rules::alertStateName(ar->state()) +
                       "\",\"name\":" + goJsonString(ar->name()) +
                       ",\"query\":" + goJsonString(ar->query()) +
                       ",\"duration\":" + goJsonFloat(double(ar->holdDurationMs()) / 1000) +
                       ",\"keepFiringFor\":" + goJsonFloat(double(ar->keepFiringForMs()) / 1000) +
                       ",\"labels\":" + goJsonLabels(ar->labels()) +
                       ",\"annotations\":" + goJsonPairs(ar->annotations()) +
                       ",\"alerts\":" + alertList(ar->activeAlerts()) + tail +
                       ",\"type\":\"alerting\"}";
            } else {
                if (!type.isEmpty() && type != "record")
                    continue;
                rule = "{\"name\":" + goJsonString(r->name()) +
                       ",\"query\":" + goJsonString(r->query());
                if (!r->labels().isEmpty())
                    rule += ",\"labels\":" + goJsonLabels(r->labels());
                rule += tail + ",\"type\":\"recording\"}";
            }
            if (!firstRule)
                out += ',';
            firstRule = false;
            out += rule;
        }
        out += "],\"interval\":" + goJsonFloat(double(g->intervalMs()) / 1000) +
               ",\"limit\":" + QByteArray::number(g->limit()) +
               ",\"evaluationTime\":" + seconds(g->evaluationTimeNs()) +
               ",\"lastEvaluation\":" + time(g->lastEvaluationMs()) + '}';
    }
    return out + "]}";
}

QByteArray alertsDataJson(const rules::RuleManager *manager) {
    return "{\"alerts\":" + alertList(manager ? manager->alerts() : std::vector<rules::Alert>()) +
           '}';
}

QByteArray ruleMetricsText(const rules::RuleManager *manager) {
    if (!manager)
        return {};
    QByteArray out;
    const auto groups = manager->groups();
    auto family = [&](const char *name, const char *type, const char *help, auto value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
        for (const rules::RuleGroup *g : groups)
            out += QByteArray(name) + "{rule_group=" + jsonString(g->key().toUtf8()) + "} " +
                   formatSampleValue(value(g)) + '\n';
    };
    family("prometheus_rule_evaluation_failures_total", "counter",
           "The total number of rule evaluation failures.",
           [](const rules::RuleGroup *g) { return double(g->evaluationFailuresTotal); });
    family("prometheus_rule_evaluations_total", "counter", "The total number of rule evaluations.",
           [](const rules::RuleGroup *g) { return double(g->evaluationsTotal); });
    family("prometheus_rule_group_interval_seconds", "gauge", "The interval of a rule group.",
           [](const rules::RuleGroup *g) { return double(g->intervalMs()) / 1000; });
    family("prometheus_rule_group_iterations_missed_total", "counter",
           "The total number of rule group evaluations missed due to slow rule group evaluation.",
           [](const rules::RuleGroup *g) { return double(g->iterationsMissedTotal); });
    family("prometheus_rule_group_iterations_total", "counter",
           "The total number of scheduled rule group evaluations, whether executed or missed.",
           [](const rules::RuleGroup *g) { return double(g->iterationsTotal); });
    family("prometheus_rule_group_last_duration_seconds", "gauge",
           "The duration of the last rule group evaluation.",
           [](const rules::RuleGroup *g) { return double(g->evaluationTimeNs()) / 1e9; });
    family("prometheus_rule_group_last_evaluation_samples", "gauge",
           "The number of samples returned during the last rule group evaluation.",
           [](const rules::RuleGroup *g) { return double(g->lastSamples); });
    family("prometheus_rule_group_last_evaluation_timestamp_seconds", "gauge",
           "The timestamp of the last rule group evaluation in seconds.",
           [](const rules::RuleGroup *g) { return double(g->lastEvaluationMs()) / 1000; });
    family("prometheus_rule_group_rules", "gauge", "The number of rules.",
           [](const rules::RuleGroup *g) { return double(g->rules().size()); });
    return out;
}

} // namespace ppl::api
