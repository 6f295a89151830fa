#pragma once

#include "metricfamily.h"

#include <QByteArrayView>

namespace ppl {

// Parses Prometheus text format 0.0.4 straight from the received bytes.
// parseText() builds MetricFamily values (convenient; the gateway and --check-metrics use it).
// TextParser is the low-level pull iterator over the same bytes for the scraper's hot path:
// views it returns stay valid until the next call to next().
ParsedExposition parseText(QByteArrayView input);

class TextParser {
public:
    enum class Entry { Help, Type, Comment, Sample, End, Error };

    explicit TextParser(QByteArrayView input);

    Entry next();

    // Help/Type: the family name. Sample: the series name.
    QByteArrayView name() const;
    // Sample only.
    int labelCount() const;
    QByteArrayView labelName(int i) const;
    QByteArrayView labelValue(int i) const; // unescaped (may point into a scratch buffer)
    double value() const;
    std::optional<qint64> timestampMs() const;
    // Help: unescaped help text. Type: the type.
    QByteArrayView help() const;
    MetricType type() const;
    // Error.
    const ParseError &error() const;
    int lineNumber() const;

private:
    struct State;
    std::shared_ptr<State> d;
};

} // namespace ppl
