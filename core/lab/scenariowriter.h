#pragma once

#include "scenario.h"

#include <QByteArray>

namespace ppl {

// A scenario as the YAML text the loader reads (docs/scenarios.md), for File → Save scenario
// as…: name, description, prometheus (inline, placeholders kept), gateway, targets, jobs,
// pods, exporters, rules and actions. Strings are quoted by yaml-cpp's emitter. Actions are
// copied from the scenario's source text (by their path, "actions[3]"), as the loader read
// them; an action whose path is not in the source is left out. Rule files other than the
// inline `rules:` are written as rule_files: by the path they were read from, so an edit made
// to one in the lab is not kept.
QByteArray writeScenario(const Scenario &scenario);

} // namespace ppl
