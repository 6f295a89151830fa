#pragma once

#include "sim/batchjob.h"
#include "sim/podcatalog.h"
#include "sim/simulatedtarget.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace ppl {

// A simulated pod: the pod the discovery sees, and the service that runs in it.
struct PodSpec {
    Pod pod; // annotations may say "{{port}}": the pod's own port
    MetricProfile profile = MetricProfile::service();
    quint16 port = 0;
};

// A target as a scenario declares it.
struct TargetSpec {
    TargetOptions options;
    bool running = true; // started with the scenario
    TargetFault fault = TargetFault::None;
    qint64 faultParamMs = 0;
    bool pushToLabGateway = false; // options.push->gateway filled in with the lab's gateway
};

// A job as a scenario declares it.
struct JobSpec {
    BatchJobSpec spec;
    bool useLabGateway = true; // spec.gateway filled in with the lab's gateway
    bool runAtStart = false;
};

// One operation on the lab, as a value: what a scenario's timed action, a /lab/* request and
// the GUI all turn into before Lab::execute() carries it out.
struct LabCommand {
    enum class Op {
        StartTarget,
        KillTarget,
        RestartTarget,
        HangTarget,
        SlowTarget, // paramMs: delay
        FlapTarget, // paramMs: period
        FirewallTarget,
        ErrorTarget, // errorKind
        HealTarget,
        RunJob,
        StopJob,
        AddPod,         // pod
        RemovePod,      // name, namespaceName
        AnnotatePod,    // name, namespaceName, key, value (empty value removes)
        DeleteGroup,    // groupingKey
        RestartGateway, // flag: keep persistence (true) or restart without it (false)
        Partition,      // flag: on/off
        ReloadConfig,   // yaml (empty: reload the current text)
        Pause,
        Resume,
        SetSpeed,     // speed: the simulation clock's speed (issue 15)
        AdvanceClock, // paramMs: fast-forward the simulation clock by this much
        StepClock,    // while paused: run to the next event
    };
    Op op = Op::HealTarget;
    QByteArray name;
    QByteArray namespaceName = "default";
    qint64 paramMs = 0;
    double speed = 1.0;
    ErrorKind errorKind = ErrorKind::Http500;
    bool flag = true;
    QByteArray key;
    QByteArray value;
    std::vector<LabelPair> groupingKey;
    std::optional<PodSpec> pod;
    QByteArray yaml;
};

// The stable names of the operations, as scenario actions and /lab/* paths spell them
// ("kill", "slow", "run", "delete_group", …).
QString labCommandName(LabCommand::Op op);
std::optional<LabCommand::Op> labCommandFromName(QStringView name);

} // namespace ppl
