#pragma once

#include "storage/labels.h"

#include <utility>
#include <vector>

namespace ppl {

using LabelPairs = std::vector<std::pair<QByteArray, QByteArray>>;

// Merges a scraped sample's labels (including "__name__") with its target's labels, as
// Prometheus's mutateSampleLabels does before metric_relabel_configs:
//  honorLabels false: every target label is set; a scraped label it clashes with (non-empty
//    value) is kept as exported_<name> (exported_exported_<name> if that is taken too, shorter
//    names resolved first).
//  honorLabels true: a scraped label wins, even an empty one, which then removes the label.
// Empty values are dropped from the result, as in Prometheus's label builder.
Labels mergeTargetLabels(const LabelPairs &scraped, const Labels &target, bool honorLabels);

// Prometheus 2.42's error for a scraped sample whose label set is not valid (promparse keeps
// leading blanks in a metric name; a `__name__` label in the braces is no valid metric name):
// `invalid metric name or label names: {__name__="  a", …}`, the set merged as
// mergeTargetLabels does but keeping a repeated name (`{__name__="a", __name__="-", …}`, as
// Prometheus prints it), printed as labels.Labels.String() does (Go-quoted values).
QString invalidLabelSetError(const LabelPairs &scraped, const Labels &target, bool honorLabels);

// The report series (up, scrape_*) get the target labels unconditionally.
Labels reportSeriesLabels(QByteArrayView metricName, const Labels &target);

} // namespace ppl
