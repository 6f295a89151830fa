#include "runrecorder.h"

#include "eventlog.h"
#include "lab.h"
#include "pushgateway/pushgatewayserver.h"

namespace ppl {

RunRecorder::RunRecorder(Lab *lab, QString scenario, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_scenario(std::move(scenario))
    , m_startMs(lab->clock()->nowMs()) {
    connect(lab->events(), &EventLog::appended, this, &RunRecorder::observe);
}

void RunRecorder::observe(const LabEvent &event) {
    if (const auto *s = event.as<ScrapeEvent>()) {
        RunReport::Target &t = m_targets[{s->job, s->instance}];
        t.job = s->job;
        t.instance = s->instance;
        ++t.scrapes;
        if (s->up())
            ++t.up;
        else
            t.lastError = s->error;
    } else if (const auto *g = event.as<GatewayEvent>()) {
        ++(g->ok ? m_gatewayAccepted : m_gatewayRejected);
    } else if (const auto *p = event.as<PushEvent>()) {
        ++(p->result.ok ? m_labPushesOk : m_labPushesFailed);
    } else if (const auto *a = event.as<AlertEvent>()) {
        RunReport::Alert &alert = m_alerts[a->alert];
        alert.name = a->alert;
        if (a->to == rules::AlertState::Pending)
            ++alert.pending;
        else if (a->to == rules::AlertState::Firing)
            ++alert.firing;
        else if (a->from == rules::AlertState::Firing)
            ++alert.resolved;
        m_alertStates.insert(a->labels.toString().toUtf8(), {a->alert, a->to});
    }
}

RunReport RunRecorder::report() const {
    RunReport r;
    r.scenario = m_scenario;
    r.startMs = m_startMs;
    r.endMs = m_lab->clock()->nowMs();
    for (const auto &[key, target] : m_targets)
        r.targets.push_back(target);
    std::map<QByteArray, RunReport::Alert> alerts = m_alerts;
    for (const auto &[name, state] : std::as_const(m_alertStates)) {
        if (state == rules::AlertState::Firing)
            ++alerts[name].firingAtEnd;
    }
    for (const auto &[name, alert] : alerts)
        r.alerts.push_back(alert);
    r.gatewayAccepted = m_gatewayAccepted;
    r.gatewayRejected = m_gatewayRejected;
    r.labPushesOk = m_labPushesOk;
    r.labPushesFailed = m_labPushesFailed;
    if (const PushgatewayServer *gateway = m_lab->gateway())
        r.groupsHeld = int(gateway->groups()->groups().size());
    return r;
}

} // namespace ppl
