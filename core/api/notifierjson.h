#pragma once

#include <QByteArray>

namespace ppl::notify {
class Notifier;
}

namespace ppl::api {

// The data of /api/v1/alertmanagers as 2.42 writes it (AlertmanagerDiscovery:
// activeAlertmanagers and droppedAlertmanagers, each a list of {"url": …}).
QByteArray alertmanagersDataJson(const notify::Notifier *notifier);
// The prometheus_notifications_* families of /metrics, in the Go registry's order (by name);
// the per-Alertmanager ones only once an Alertmanager is known, as client_golang omits a
// vector without children.
QByteArray notifierMetricsText(const notify::Notifier *notifier);

} // namespace ppl::api
