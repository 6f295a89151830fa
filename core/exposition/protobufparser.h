#pragma once

#include "metricfamily.h"
#include "scrapedlabels.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace ppl {

// True when Prometheus 2.42's textparse.New reads a scrape response with this Content-Type
// with its protobuf parser: the media type application/vnd.google.protobuf, whatever its
// parameters. 2.42 only asks for protobuf with native histograms on (the lab's Accept header
// never does), but a target answering it unasked is read as protobuf all the same.
bool isProtobufContentType(QByteArrayView contentType);

// Reads length-delimited io.prometheus.client.MetricFamily messages the way Prometheus 2.42's
// model/textparse/protobufparse.go presents them to the scraper, as a pull iterator like
// TextParser and OpenMetricsParser:
//  - families without metrics are skipped; a family's name, help and type are checked first
//    (`invalid metric name: x`, `invalid help for metric "x": …`, `unknown metric type …`);
//  - summaries give `_count`, `_sum`, then one series per quantile (`quantile` label);
//    histograms `_count`, `_sum`, then `_bucket` series (`le` label) with a `+Inf` bucket added
//    when the message has none; `le` and `quantile` values are written as OpenMetrics floats
//    ("1.0", "0.5", "+Inf"), unlike the text format, which keeps them as written;
//  - a gauge histogram keeps 2.42's quirk: its series all carry the family's bare name;
//  - a timestamp of 0 means none; exemplars are read and dropped (2.42 stores none);
//  - a native histogram (the first metric has native buckets or a zero bucket) cannot be
//    stored without the native-histograms feature: `native histograms are disabled`, as the
//    head appender answers 2.42's scraper;
//  - label names and values are checked per series (`invalid label name: x`,
//    `invalid label value: x`), then the label set as the scraper does (resolveDuplicateLabels).
// Errors in the framing read like 2.42's (`protobufparse: invalid varint encountered`,
// `protobufparse: insufficient length of buffer, expected at least N bytes, got M bytes`); a
// message that does not decode gives "unexpected EOF" (the gogo decoder's words differ by
// case; this is the common one, a cut message). error().line is the 1-based family number.
class ProtobufParser {
public:
    enum class Entry { Help, Type, Unit, Sample, End, Error }; // never Unit: protobuf has none

    explicit ProtobufParser(QByteArrayView input); // must outlive the parser

    void setReplacedLabelNames(std::vector<QByteArray> names) {
        m_replacedLabelNames = std::move(names);
    }

    Entry next();

    // Help/Type: the family name. Sample: the series name.
    QByteArrayView name() const { return m_name; }
    int labelCount() const { return int(m_labels.size()); }
    QByteArrayView labelName(int i) const { return m_labels[size_t(i)].name; }
    QByteArrayView labelValue(int i) const {
        const ScrapedLabel &l = m_labels[size_t(i)];
        return QByteArrayView(l.valueBegin, l.valueSize);
    }
    double value() const { return m_value; }
    std::optional<qint64> timestampMs() const { return m_timestampMs; }
    QByteArrayView help() const { return m_help; }
    QByteArrayView unit() const { return {}; }
    // Type: as 2.42's textparse names it (counter, gauge, histogram, gaugehistogram, summary,
    // unknown for untyped).
    QByteArray typeName() const { return m_typeName; }

    const ParseError &error() const { return m_error; }

private:
    struct Series {
        QByteArray name;
        std::vector<std::pair<QByteArray, QByteArray>> labels;
        double value = 0;
        std::optional<qint64> timestampMs;
        QString error; // set: this position is an error, not a series
        ParseError::Kind errorKind = ParseError::Kind::Syntax;
    };

    Entry fail(QString message, ParseError::Kind kind = ParseError::Kind::Syntax);
    Entry readFamily();
    Entry nextSeries();

    QByteArrayView m_in;
    qsizetype m_pos = 0;
    int m_family = 0;
    enum class State { Family, Help, Type, Series, Done } m_state = State::Family;
    std::vector<Series> m_series; // of the current family, in 2.42's order
    size_t m_next = 0;
    std::vector<QByteArray> m_replacedLabelNames;

    QByteArray m_familyName;
    QByteArray m_help;
    QByteArray m_typeName;
    QByteArray m_name;
    std::vector<ScrapedLabel> m_labels;
    double m_value = 0;
    std::optional<qint64> m_timestampMs;
    ParseError m_error;
};

} // namespace ppl
