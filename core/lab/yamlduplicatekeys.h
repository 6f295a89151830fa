#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ppl {

// yaml-cpp keeps the first of two equal keys in a mapping and says nothing: a scenario with
// `targets:` twice, or a lesson step with `check:` twice, would silently lose one. The
// scenario and lesson loaders ask this first and report the second key at its line.
struct DuplicateYamlKey {
    QString key;
    int line = 0;      // the second occurrence (1-based)
    int firstLine = 0; // the first
};

// The first key that repeats in any mapping of any document of yaml, walking the parser's
// events (no recursion, no alias expansion, so bounded by the text). Throws yaml-cpp's
// ParserException for text that is not YAML, as YAML::Load would.
std::optional<DuplicateYamlKey> findDuplicateYamlKey(const QByteArray &yaml);

} // namespace ppl
