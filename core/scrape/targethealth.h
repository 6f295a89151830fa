#pragma once

#include <QByteArray>
#include <QMetaType>

namespace ppl {

// A target's health as Prometheus reports it in /api/v1/targets: unknown until the first
// scrape finishes, then up or down after every scrape.
enum class TargetHealth { Unknown, Up, Down };

// "unknown", "up", "down": the exact strings of Prometheus's API.
QByteArray targetHealthName(TargetHealth health);

} // namespace ppl

Q_DECLARE_METATYPE(ppl::TargetHealth)
