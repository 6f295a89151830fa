#pragma once

#include "exposition/textparser.h"

#include <QByteArray>

#include <optional>

namespace ppl::test {

// The value of the first sample called name whose labels include every pair of `labels`.
inline std::optional<double> sampleValue(const QByteArray &exposition, const QByteArray &name,
                                         const std::vector<LabelPair> &labels = {}) {
    const ParsedExposition parsed = parseText(exposition);
    if (parsed.error)
        return std::nullopt;
    for (const MetricFamily &f : parsed.families)
        for (const MetricSample &s : f.samples) {
            if (s.name != name)
                continue;
            bool all = true;
            for (const LabelPair &want : labels) {
                bool found = false;
                for (const LabelPair &have : s.labels)
                    found = found || have == want;
                all = all && found;
            }
            if (all)
                return s.value;
        }
    return std::nullopt;
}

} // namespace ppl::test
