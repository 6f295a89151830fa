#pragma once

#include "exposition/metricfamily.h"
#include "rules/alert.h"
#include "scrape/scrapereport.h"
#include "scrape/targethealth.h"
#include "sim/gatewayclient.h"
#include "sim/simulatedtarget.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <variant>
#include <vector>

namespace ppl {

// The typed payloads of lab events: the values the producers have, kept as values. They become
// JSON only at the edges (/lab/events, the JSON-lines export), through labEventDataJson().

// One scrape finished.
struct ScrapeEvent {
    QByteArray job;
    QByteArray instance;
    QString url;
    qint64 startMs = 0; // lab clock; the timestamp of the scrape's samples
    qint64 durationMs = 0;
    TargetHealth health = TargetHealth::Unknown;
    int httpStatus = 0;
    qint64 samples = 0;
    qint64 bytes = 0;
    QString error;
    ScrapeFormat format = ScrapeFormat::None; // what the target answered in (Content-Type)
    bool up() const { return health == TargetHealth::Up; }
};

// A push or delete a lab job or target sent to a gateway, with the answer it got.
struct PushEvent {
    enum class From { Target, Job };
    From from = From::Job;
    PushResult result;
    bool isDelete() const { return result.method == PushMethod::Delete; }
};

// A push the lab's gateway received from anyone (the lab's own clients or curl, a client
// library, …): what the gateway saw.
struct GatewayEvent {
    QString method; // the HTTP verb
    QString group;  // the grouping key as the gateway words it
    int status = 0;
    bool ok = false;
    QString reason; // why it was rejected
    QByteArray userAgent;
    bool external = false; // not one of the lab's own clients (GatewayClient::UserAgent)
};

// The lab changed its gateway: a group deleted, a restart, the persistence flag.
struct GatewayAdminEvent {
    enum class Change { GroupDeleted, Restarted, PersistenceChanged };
    Change change = Change::Restarted;
    std::vector<LabelPair> groupingKey; // GroupDeleted
    bool persistence = false;           // Restarted: kept its groups; PersistenceChanged: on
    bool persistenceFile = false;       // Restarted: the running gateway has a file
};

// A target started, was killed, its fault or reachability changed, or it was removed.
struct TargetEvent {
    enum class Change { Started, Killed, Healed, Faulted, Reachable, Unreachable, Removed };
    Change change = Change::Started;
    bool running = false;
    bool listening = false;
    TargetFault fault = TargetFault::None;
    qint64 faultParamMs = 0;
    quint16 port = 0;
};

enum class JobRunState { Running, Succeeded, Failed, Stopped };
QString jobRunStateName(JobRunState state); // "running", "succeeded", … (stable, for JSON)

// A job run started or finished.
struct JobEvent {
    quint64 run = 0;
    JobRunState state = JobRunState::Running;
    int exitCode = 0;      // finished runs only
    qint64 durationMs = 0; // finished runs only
    double records = 0;    // finished runs only
};

// A pod was added, removed or re-annotated.
struct PodEvent {
    enum class Change { Added, Removed, Annotated };
    Change change = Change::Added;
    QByteArray namespaceName;
    quint16 port = 0; // Added
    QByteArray key;   // Annotated
    QByteArray value; // Annotated; empty: the annotation was removed
};

// The scrape configuration was loaded or rejected.
struct ConfigEvent {
    bool ok = false;
    QString error;         // rejected: the reason
    QString withoutTarget; // rejected while removing this target
};

// An alert instance of an alerting rule changed state at a rule evaluation (inactive →
// pending → firing → inactive, as rules.AlertingRule.Eval moves it).
struct AlertEvent {
    QByteArray alert; // the rule's name (alertname)
    QByteArray group; // its rule group
    QString file;     // the group's rule file
    Labels labels;    // the alert's labels (alertname and the rule's labels included)
    rules::AlertState from = rules::AlertState::Inactive;
    rules::AlertState to = rules::AlertState::Inactive;
    double value = 0;         // the expression's value at that evaluation
    qint64 evaluatedAtMs = 0; // the evaluation's timestamp (lab clock)
};

// The lab itself: pause, resume, partition, scenarios.
struct LabStateEvent {
    enum class Change {
        Paused,
        Resumed,
        Partitioned,
        PartitionHealed,
        ScenarioStarted,
        ScenarioNotStarted,
        ScenarioActionFailed
    };
    Change change = Change::Paused;
    QString scenario; // ScenarioStarted, ScenarioNotStarted
    QString action;   // ScenarioActionFailed: the action's path and command, e.g. "actions[0]"
    QString command;  // ScenarioActionFailed: the command's name
    QString error;    // ScenarioNotStarted, ScenarioActionFailed
};

using LabEventPayload =
    std::variant<LabStateEvent, ScrapeEvent, PushEvent, GatewayEvent, GatewayAdminEvent,
                 TargetEvent, JobEvent, PodEvent, ConfigEvent, AlertEvent>;

// One entry of the lab's timeline: a scrape, a push, a fault change, a job run, … Cursors are
// assigned by the EventLog, start at 1 and grow by one per event, so a reader asks for
// "everything after the cursor I saw last".
struct LabEvent {
    enum class Kind {
        Scrape,  // ScrapeEvent
        Push,    // PushEvent
        Target,  // TargetEvent
        Job,     // JobEvent
        Pod,     // PodEvent
        Gateway, // GatewayEvent, GatewayAdminEvent
        Config,  // ConfigEvent
        Lab,     // LabStateEvent
        Alert,   // AlertEvent
    };
    quint64 cursor = 0;
    qint64 atMs = 0; // lab clock
    Kind kind = Kind::Lab;
    QByteArray subject; // the target, job, pod or group the event is about
    QString message;    // one translated line for the timeline (labEventMessage())
    LabEventPayload payload;

    // An event of the payload's kind, worded by labEventMessage().
    static LabEvent make(qint64 atMs, const QByteArray &subject, LabEventPayload payload);

    template <class T> const T *as() const { return std::get_if<T>(&payload); }

    QJsonObject toJson() const; // the /lab/events and export form (docs/scenarios.md)
};

QString labEventKindName(LabEvent::Kind kind); // "scrape", "push", … (stable, for JSON)
LabEvent::Kind labEventKindOf(const LabEventPayload &payload);
QJsonObject labEventDataJson(const LabEventPayload &payload); // the "data" member

} // namespace ppl
