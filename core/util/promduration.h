#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace ppl {

// Prometheus's duration syntax (common/model ParseDuration), in milliseconds: units y w d h m s
// ms, each at most once and in that order ("1h30m", "90s", "1s500ms"), "0" without a unit. A
// value beyond what Go's time.Duration holds (~292 years, in nanoseconds) is out of range. One
// parser for every place that reads one: scrape configs, PromQL ranges, offsets and
// subqueries, the HTTP API's step and timeout (after its float-seconds form), the lab's own
// settings. On failure *error (if given) gets model.ParseDuration's message: `empty duration
// string`, `not a valid duration string: "1s1m"` or `duration out of range`.
std::optional<qint64> parsePrometheusDuration(QByteArrayView text, QString *error = nullptr);

// The inverse, as Prometheus prints durations (model.Duration.String): "1m30s", "500ms", "0s".
QByteArray formatPrometheusDuration(qint64 ms);

} // namespace ppl
