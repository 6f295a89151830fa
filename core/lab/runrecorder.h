#pragma once

#include "labevent.h"
#include "runreport.h"

#include <QHash>
#include <QObject>

#include <map>

namespace ppl {

class Lab;

// Follows a lab's event log from construction on and answers, at any moment, the RunReport
// of what happened since (the headless runner's summary). Counts only: bounded by the number
// of targets and alert instances, not by the run's length.
class RunRecorder : public QObject {
    Q_OBJECT
public:
    RunRecorder(Lab *lab, QString scenario, QObject *parent = nullptr);
    RunReport report() const;

private:
    void observe(const LabEvent &event);

    Lab *m_lab;
    QString m_scenario;
    qint64 m_startMs;
    std::map<std::pair<QByteArray, QByteArray>, RunReport::Target> m_targets;
    std::map<QByteArray, RunReport::Alert> m_alerts;
    QHash<QByteArray, std::pair<QByteArray, rules::AlertState>> m_alertStates; // by labels
    qint64 m_gatewayAccepted = 0;
    qint64 m_gatewayRejected = 0;
    qint64 m_labPushesOk = 0;
    qint64 m_labPushesFailed = 0;
};

} // namespace ppl
