#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ppl {

// One entry of the lab's timeline: a scrape, a push, a fault change, a job run, … Cursors are
// assigned by the EventLog, start at 1 and grow by one per event, so a reader asks for
// "everything after the cursor I saw last".
struct LabEvent {
    enum class Kind {
        Scrape,  // one scrape finished (target, start, duration, status, samples, bytes, error)
        Push,    // a push or delete to a gateway (grouping key, method, status, reason, bytes)
        Target,  // a target started, was killed, or its fault changed
        Job,     // a job run started or finished
        Pod,     // a pod was added, removed or re-annotated
        Gateway, // a group was deleted, the gateway restarted
        Config,  // the scrape configuration was (re)loaded or rejected
        Lab,     // pause, resume, partition, scenario started, …
    };
    quint64 cursor = 0;
    qint64 atMs = 0; // lab clock
    Kind kind = Kind::Lab;
    QByteArray subject; // the target, job, pod or group the event is about
    QString message;    // one translated line for the timeline
    QJsonObject data;   // details, for the control API and the UI

    QJsonObject toJson() const;
};

QString labEventKindName(LabEvent::Kind kind); // "scrape", "push", … (stable, for JSON)

} // namespace ppl
