#include "metricfamily.h"

#include <QCoreApplication>

#include <cstring>

namespace ppl {

QByteArray metricTypeName(MetricType type) {
    switch (type) {
    case MetricType::Counter:
        return QByteArrayLiteral("counter");
    case MetricType::Gauge:
        return QByteArrayLiteral("gauge");
    case MetricType::Histogram:
        return QByteArrayLiteral("histogram");
    case MetricType::Summary:
        return QByteArrayLiteral("summary");
    case MetricType::Untyped:
        break;
    }
    return QByteArrayLiteral("untyped");
}

std::optional<MetricType> metricTypeFromName(QByteArrayView name) {
    if (name == "counter")
        return MetricType::Counter;
    if (name == "gauge")
        return MetricType::Gauge;
    if (name == "histogram")
        return MetricType::Histogram;
    if (name == "summary")
        return MetricType::Summary;
    if (name == "untyped")
        return MetricType::Untyped;
    return std::nullopt;
}

bool operator==(const MetricSample &a, const MetricSample &b) {
    // Bitwise value comparison: NaN equals NaN with the same bits (stale markers stay
    // distinguishable from ordinary NaN), and +0 differs from -0 as the text shows it.
    return a.name == b.name && a.labels == b.labels && a.timestampMs == b.timestampMs &&
           std::memcmp(&a.value, &b.value, sizeof(double)) == 0;
}

QString ParseError::toString() const {
    return QCoreApplication::translate("ppl::ParseError",
                                       "text format parsing error in line %1: %2")
        .arg(line)
        .arg(message);
}

qsizetype ParsedExposition::sampleCount() const {
    qsizetype n = 0;
    for (const MetricFamily &f : families)
        n += qsizetype(f.samples.size());
    return n;
}

namespace {
inline bool isLabelNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool isLabelNameChar(char c) {
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
}
} // namespace

bool isValidMetricName(QByteArrayView name) {
    if (name.isEmpty() || !(isLabelNameStart(name[0]) || name[0] == ':'))
        return false;
    for (char c : name) {
        if (!isLabelNameChar(c) && c != ':')
            return false;
    }
    return true;
}

bool isValidLabelName(QByteArrayView name) {
    if (name.isEmpty() || !isLabelNameStart(name[0]))
        return false;
    for (char c : name) {
        if (!isLabelNameChar(c))
            return false;
    }
    return true;
}

bool isReservedLabelName(QByteArrayView name) {
    return name.startsWith("__");
}

} // namespace ppl
