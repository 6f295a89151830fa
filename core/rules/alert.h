#pragma once

#include "rulefile.h"
#include "storage/labels.h"

#include <QMetaType>

namespace ppl::rules {

// rules.AlertState: an alert instance's state ("inactive", "pending", "firing").
enum class AlertState { Inactive, Pending, Firing };
QByteArray alertStateName(AlertState state);

// One instance of an alerting rule (rules.Alert): its labels are the expression's result
// labels plus the rule's (expanded) labels and alertname. Times are ms since the epoch, 0 for
// Go's zero time.
struct Alert {
    AlertState state = AlertState::Inactive;
    Labels labels;
    LabelList annotations; // expanded; sorted by name (empty values kept)
    double value = 0;
    qint64 activeAtMs = 0;
    qint64 firedAtMs = 0;
    qint64 resolvedAtMs = 0;
    qint64 lastSentAtMs = 0;
    qint64 validUntilMs = 0;
    qint64 keepFiringSinceMs = 0;
};

// An alert instance changed state at an evaluation (inactive → pending → firing → inactive).
struct AlertTransition {
    QString file;
    QByteArray group;
    QByteArray rule;
    Labels labels;
    AlertState from = AlertState::Inactive;
    AlertState to = AlertState::Inactive;
    double value = 0;
    qint64 atMs = 0; // the evaluation's timestamp
};

// What Prometheus's notifier would send to an Alertmanager for one alert (rules.SendAlerts):
// startsAt = firedAt; endsAt = resolvedAt once resolved, else validUntil = evaluation time +
// 4 × max(resend delay, group interval).
struct OutgoingAlert {
    Labels labels;
    LabelList annotations;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    QByteArray generatorUrl; // externalURL + "/graph?g0.expr=…&g0.tab=1"
};

} // namespace ppl::rules

Q_DECLARE_METATYPE(ppl::rules::AlertTransition)
Q_DECLARE_METATYPE(ppl::rules::OutgoingAlert)
