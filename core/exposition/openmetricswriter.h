#pragma once

#include "metricfamily.h"

namespace ppl {

// OpenMetrics text 1.0.0, as the official client libraries write it for the same families
// (client_golang's MetricFamilyToOpenMetrics): a counter's family is named without `_total`
// and its samples with it, untyped becomes unknown, timestamps are seconds with the
// milliseconds as a fraction, HELP escapes `"` too, and `# EOF` ends the body.
// OpenMetricsParser reads back every sample (name, labels, value, timestamp).
QByteArray writeOpenMetrics(const std::vector<MetricFamily> &families);

// The Content-Type the writer's output is served with.
QByteArray openMetricsContentType();

// True when an Accept header lets a client library answer OpenMetrics (the Python client's
// test: the header names application/openmetrics-text).
bool acceptsOpenMetrics(QByteArrayView acceptHeader);

} // namespace ppl
