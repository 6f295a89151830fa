#pragma once

#include "query/queryresult.h"
#include "storage/labels.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ppl::api {

// Pieces of Prometheus's HTTP API wire format, written byte for byte as Prometheus 2.42 writes
// them (so scripts and Grafana see the same thing). These strings are protocol, not UI text,
// and are deliberately not translated.

QByteArray jsonString(QByteArrayView utf8);  // "…" with JSON escapes
QByteArray jsonLabels(const Labels &labels); // {"name":"value",…}
// Sample value as Go's strconv.FormatFloat(v, 'f', -1, 64), with NaN, +Inf, -Inf.
QByteArray formatSampleValue(double value);
// Milliseconds as Prometheus's jsonutil.MarshalTimestamp: whole seconds, then "." and three
// digits only when the fraction is not zero ("1700000000", "1700000000.050").
QByteArray formatTimestamp(qint64 ms);
// [<ts>,"<value>"]
QByteArray jsonPoint(qint64 ms, double value);
// RFC3339 with fractional seconds trimmed of zeros, UTC (Go's time.Time JSON form);
// 0 → Go's zero time "0001-01-01T00:00:00Z".
QByteArray formatRfc3339(qint64 ms);
// A float seconds value as Go's encoding/json writes a float64.
QByteArray formatJsonFloat(double value);

// Prometheus's parseTime: unix seconds (float) or RFC3339. nullopt on failure.
std::optional<qint64> parseApiTime(const QString &text);
// Prometheus's parseDuration: float seconds or a Prometheus duration ("15s"); milliseconds.
std::optional<qint64> parseApiDuration(const QString &text);

// application/x-www-form-urlencoded (also a URL query): '+' is a space; order kept.
QList<QPair<QString, QString>> parseForm(QByteArrayView encoded);

QByteArray successJson(const QByteArray &data);
// A query's data object: {"resultType":"vector","result":[…]} as Prometheus writes it.
QByteArray queryResultJson(const query::QueryResult &result);
QByteArray errorJson(QByteArrayView errorType, const QString &error);

} // namespace ppl::api
