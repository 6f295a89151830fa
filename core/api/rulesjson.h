#pragma once

#include <QByteArray>

namespace ppl::rules {
class RuleManager;
}

namespace ppl::api {

// The data of /api/v1/rules and /api/v1/alerts as Prometheus 2.42's web/api/v1 writes them
// (RuleDiscovery, AlertDiscovery): field order, Go's time and float forms, alert values as
// strconv.FormatFloat(v, 'e', -1, 64), strings HTML-escaped as jsoniter does.
// type: "" (all), "alert" or "record".
QByteArray rulesDataJson(const rules::RuleManager *manager, const QByteArray &type);
QByteArray alertsDataJson(const rules::RuleManager *manager);
// The prometheus_rule_* families of /metrics.
QByteArray ruleMetricsText(const rules::RuleManager *manager);

} // namespace ppl::api
