#pragma once

#include "metricgroups.h"

#include <QString>

#include <optional>
#include <vector>

namespace ppl {

// The gateway's persistence file: every group with its families and push times, as JSON
// (the real gateway uses Go's gob; the format is ours, the behaviour is the same). Written
// to a temporary file beside the target and renamed over it, so a crash never leaves half a
// file behind.
class GatewayPersistence {
public:
    static bool save(const QString &file, const std::vector<GroupSnapshot> &groups,
                     QString *error = nullptr);
    // nullopt with error set when the file exists but cannot be read; an absent file is an
    // empty store (as for the real one).
    static std::optional<std::vector<GroupSnapshot>> load(const QString &file,
                                                          QString *error = nullptr);
};

} // namespace ppl
