#pragma once

#include "metricfamily.h"

namespace ppl {

// Canonical text format 0.0.4: HELP then TYPE then samples per family, escapes applied,
// values in Go's shortest round-trip form (+Inf, -Inf, NaN), timestamps when present.
// parseText(writeText(x)) == x, and `promtool check metrics` accepts the output.
QByteArray writeText(const std::vector<MetricFamily> &families);
void appendFamilyText(QByteArray &out, const MetricFamily &family);
QByteArray formatValue(double value);        // Go strconv.FormatFloat(v, 'g', -1, 64) style
QByteArray escapeLabelValue(QByteArrayView); // \\ \" \n
QByteArray escapeHelp(QByteArrayView);       // \\ \n

} // namespace ppl
