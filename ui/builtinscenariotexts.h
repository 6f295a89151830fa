#pragma once

#include <QString>

namespace ppl {

// A built-in scenario's description (ScenarioInfo::description, English, from its YAML) in the
// user's language; unchanged when the translation has no entry for it.
QString builtInScenarioDescription(const QString &description);

} // namespace ppl
