#pragma once

#include "query/queryresult.h"
#include "storage/labels.h"
#include "storage/seriesstore.h"

#include <QByteArray>

#include <vector>

namespace ppl {

// One series as a chart or a query holds it: its labels and its samples, oldest first.
struct ExportSeries {
    Labels labels;
    std::vector<StoredSample> samples;
};

// Series as CSV (RFC 4180, "\r\n" line ends): a header row, then one row per sample, series
// after series in the order given. Columns: timestamp (Unix seconds with milliseconds, as
// Prometheus's API writes them), one column per label name any series has (__name__ first,
// the others sorted; a series without the label leaves it empty), then value. Values are
// written as Prometheus writes them: the shortest text that reads back as the same double,
// "NaN", "+Inf", "-Inf"; a stale marker (the NaN Prometheus writes when a series ends) is
// written as "stale", so a spreadsheet shows where a series went away.
QByteArray writeCsv(const std::vector<ExportSeries> &series);

// A query's result as series: an instant vector's point per series, a matrix's samples; a
// scalar as one series without labels; a string result has no samples (empty list).
std::vector<ExportSeries> seriesOfResult(const query::QueryResult &result);
std::vector<ExportSeries> seriesOfResult(const std::vector<query::Series> &series);

// The text of one value, as in writeCsv.
QByteArray csvValueText(double value);
// Whether a CSV field needs quotes, and the field quoted ("" for a quote inside).
QByteArray csvField(const QByteArray &text);

} // namespace ppl
