#pragma once

#include "rules/alert.h"

#include <QByteArray>
#include <QList>

namespace ppl::notify {

// The JSON bodies Prometheus 2.42's notifier POSTs (notifier.sendAll): for api_version v2 the
// Alertmanager's PostableAlerts (annotations, endsAt, startsAt, generatorURL, labels; times
// as RFC 3339 with milliseconds), for v1 notifier.Alert marshalled as is (labels,
// annotations, startsAt, endsAt, generatorURL; times with Go's RFC 3339 nanoseconds).
QByteArray alertsPayloadV2(const QList<rules::OutgoingAlert> &alerts);
QByteArray alertsPayloadV1(const QList<rules::OutgoingAlert> &alerts);

} // namespace ppl::notify
