#include "labcommand.h"

#include <array>
#include <utility>

namespace ppl {

namespace {
using Op = LabCommand::Op;
constexpr std::array<std::pair<Op, const char *>, 23> Names{{
    {Op::StartTarget, "start"},
    {Op::KillTarget, "kill"},
    {Op::RestartTarget, "restart"},
    {Op::HangTarget, "hang"},
    {Op::SlowTarget, "slow"},
    {Op::FlapTarget, "flap"},
    {Op::FirewallTarget, "firewall"},
    {Op::ErrorTarget, "error"},
    {Op::HealTarget, "heal"},
    {Op::RunJob, "run"},
    {Op::StopJob, "stop"},
    {Op::AddPod, "add_pod"},
    {Op::RemovePod, "remove_pod"},
    {Op::AnnotatePod, "annotate_pod"},
    {Op::DeleteGroup, "delete_group"},
    {Op::RestartGateway, "restart_gateway"},
    {Op::Partition, "partition"},
    {Op::ReloadConfig, "reload_config"},
    {Op::Pause, "pause"},
    {Op::Resume, "resume"},
    {Op::SetSpeed, "speed"},
    {Op::AdvanceClock, "advance"},
    {Op::StepClock, "step"},
}};
} // namespace

QString labCommandName(LabCommand::Op op) {
    for (const auto &[o, n] : Names)
        if (o == op)
            return QString::fromLatin1(n);
    return {};
}

std::optional<LabCommand::Op> labCommandFromName(QStringView name) {
    for (const auto &[o, n] : Names)
        if (name == QLatin1String(n))
            return o;
    return std::nullopt;
}

} // namespace ppl
