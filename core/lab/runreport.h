#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace ppl {

// What a headless scenario run did, for the summary printed at its end and `--report
// FILE.json` (issue 12 §4): targets and their up ratio, pushes the lab's gateway accepted
// and rejected, the lab's own pushes, groups held at the end, alert transitions.
struct RunReport {
    struct Target {
        QByteArray job;
        QByteArray instance;
        qint64 scrapes = 0;
        qint64 up = 0;
        QString lastError; // of the last failed scrape; empty if none failed
        double upRatio() const { return scrapes ? double(up) / double(scrapes) : 0.0; }
    };
    struct Alert {
        QByteArray name;
        qint64 pending = 0;     // transitions into pending
        qint64 firing = 0;      // transitions into firing
        qint64 resolved = 0;    // firing → inactive
        qint64 firingAtEnd = 0; // instances firing when the run ended
    };
    QString scenario;
    qint64 startMs = 0; // lab clock
    qint64 endMs = 0;
    std::vector<Target> targets; // sorted by job, then instance
    qint64 gatewayAccepted = 0;  // pushes (PUT/POST/DELETE) the lab's gateway answered 2xx
    qint64 gatewayRejected = 0;  // … answered with an error
    qint64 labPushesOk = 0;      // pushes the lab's own jobs and targets sent, to any gateway
    qint64 labPushesFailed = 0;
    int groupsHeld = -1;       // groups in the lab's gateway at the end; -1: the lab ran none
    std::vector<Alert> alerts; // sorted by name

    QString text() const;       // a few translated lines for the terminal
    QJsonObject toJson() const; // stable keys (docs/scenarios.md)
};

} // namespace ppl
