#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace ppl {

// A label as the scraper's parsers (TextParser, OpenMetricsParser) hand it out: a view of its
// name in the input, and its unescaped value either in the input (no escapes) or in the
// parser's scratch buffer.
struct ScrapedLabel {
    QByteArrayView name;
    const char *valueBegin = nullptr; // when the value had no escapes
    qsizetype valueOffset = 0;        // into the scratch buffer otherwise
    qsizetype valueSize = 0;
    bool inScratch = false;
};

// What Prometheus 2.42 makes of a scraped label set that repeats a name: labels.Builder drops
// every label whose name has an empty value anywhere in the set; a name that still repeats
// (`__name__` counts, as the metric name) fails the head's append. A name the target sets
// (replacedNames) replaces every occurrence instead, keeping the first value (labels.Get).
// Returns false with Prometheus's error (`label name "b" is not unique: invalid sample`,
// `missing metric name (__name__ label)`) in *error.
bool resolveDuplicateLabels(std::vector<ScrapedLabel> &labels,
                            const std::vector<QByteArray> &replacedNames, QString *error);

} // namespace ppl
