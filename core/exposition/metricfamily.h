#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace ppl {

// The data model of the Prometheus exposition formats (text 0.0.4 and protobuf-delimited).
// Names and values are raw bytes (UTF-8), unescaped.

enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };

QByteArray metricTypeName(MetricType type); // "counter", "gauge", … "untyped"
std::optional<MetricType> metricTypeFromName(QByteArrayView name);

struct LabelPair {
    QByteArray name;
    QByteArray value;
    friend bool operator==(const LabelPair &, const LabelPair &) = default;
};

struct MetricSample {
    QByteArray name; // the series name as exposed: foo, foo_bucket, foo_sum, foo_count …
    std::vector<LabelPair> labels; // in exposition order, without __name__
    double value = 0;
    std::optional<qint64> timestampMs;
    // NaN-aware equality (NaN == NaN when the bit patterns match), for round-trip tests.
    friend bool operator==(const MetricSample &a, const MetricSample &b);
};

struct MetricFamily {
    QByteArray name;
    MetricType type = MetricType::Untyped;
    QByteArray help;
    bool hasHelp = false;
    std::vector<MetricSample> samples;
    friend bool operator==(const MetricFamily &, const MetricFamily &) = default;
};

struct ParseError {
    // Syntax: the bytes are not the text format. Consistency: well-formed text that breaks a
    // data-model rule (a duplicate series, a reserved "__" label); the real Pushgateway
    // reports these after parsing, as "invalid or inconsistent" pushes.
    enum class Kind { Syntax, Consistency };
    int line = 0;    // 1-based line of the input the error is on
    QString message; // what was expected and what came, e.g. `expected float as value, got "x"`
    Kind kind = Kind::Syntax;
    // The scrape parsers only: the sample's metric name is not valid (promparse keeps leading
    // blanks in it). Prometheus's message then lists the label set with the target's labels
    // merged in, which only the scraper knows: it completes the message.
    bool invalidLabelSet = false;
    // "text format parsing error in line N: <message>", the real Pushgateway's wording.
    QString toString() const;
};

struct ParsedExposition {
    std::vector<MetricFamily> families;
    std::optional<ParseError> error; // set → families is incomplete and must not be used
    qsizetype sampleCount() const;
};

// Name rules of Prometheus's data model.
bool isValidMetricName(QByteArrayView name);   // [a-zA-Z_:][a-zA-Z0-9_:]*
bool isValidLabelName(QByteArrayView name);    // [a-zA-Z_][a-zA-Z0-9_]*
bool isReservedLabelName(QByteArrayView name); // starts with "__"

} // namespace ppl
