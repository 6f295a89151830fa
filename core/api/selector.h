#pragma once

#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"

#include <QString>

#include <optional>
#include <vector>

namespace ppl::api {

// A PromQL instant vector selector (`up`, `up{job="node"}`, `{__name__=~"job_.*"}`), the only
// expression the lab's query API answers until the query engine arrives.
class VectorSelector {
public:
    // nullopt and *error in Prometheus's wording ("1:6: parse error: …") when the text is not
    // a single vector selector.
    static std::optional<VectorSelector> parse(const QString &text, QString *error);

    const std::vector<LabelMatcher> &matchers() const { return m_matchers; }

    struct Point {
        SeriesStore::SeriesId series;
        StoredSample sample;
    };
    // Prometheus 2.42's instant selection at t: for each matching series the latest sample in
    // [t - lookback, t], unless that sample is a stale marker. Sorted by labels.
    std::vector<Point> evaluate(const SeriesStore &store, qint64 atMs,
                                qint64 lookbackMs = 5 * 60 * 1000) const;

    struct Range {
        SeriesStore::SeriesId series;
        std::vector<StoredSample> points; // one per step where the series had a value
    };
    // The same evaluation at start, start+step, …, end. Series without points are left out.
    std::vector<Range> evaluateRange(const SeriesStore &store, qint64 startMs, qint64 endMs,
                                     qint64 stepMs, qint64 lookbackMs = 5 * 60 * 1000) const;

private:
    std::vector<LabelMatcher> m_matchers;
};

// How deep parentheses and unary signs may nest in a scalar expression. Prometheus 2.42 has no
// limit (its parser's stack is on the heap); the lab's reader recurses, so it refuses deeper
// nesting with a parse error instead of overflowing the stack.
inline constexpr int MaxScalarNesting = 1000;

// A constant arithmetic expression such as `1`, `1+1` or `2 * (3 - 0.5)`: what Grafana's
// "Save & test" sends. nullopt when the text is anything else; *error is set (in Prometheus's
// "1:N: parse error: …" form) only when the text must be refused as it stands: nesting deeper
// than MaxScalarNesting.
std::optional<double> evaluateScalarExpression(const QString &text, QString *error = nullptr);

} // namespace ppl::api
