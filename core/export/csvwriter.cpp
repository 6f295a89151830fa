#include "csvwriter.h"

#include <QLocale>

#include <cmath>
#include <set>

namespace ppl {

QByteArray csvValueText(double value) {
    if (isStaleMarker(value))
        return QByteArrayLiteral("stale");
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Shortest round-trip text, as Go's strconv.FormatFloat(v, 'g', -1, 64) in Prometheus.
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray csvField(const QByteArray &text) {
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n') && !text.contains('\r'))
        return text;
    QByteArray quoted = text;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

namespace {

QByteArray timestampText(qint64 ms) {
    // Unix seconds with three decimals, exact for any millisecond (no float on the way).
    const bool negative = ms < 0;
    const quint64 abs = negative ? quint64(-ms) : quint64(ms);
    QByteArray frac = QByteArray::number(abs % 1000).rightJustified(3, '0');
    return (negative ? "-" : "") + QByteArray::number(abs / 1000) + '.' + frac;
}

} // namespace

QByteArray writeCsv(const std::vector<ExportSeries> &series) {
    std::set<QByteArray> names;
    bool hasName = false;
    for (const ExportSeries &s : series)
        for (int i = 0; i < s.labels.size(); ++i) {
            const QByteArray n = s.labels.name(i);
            if (n == "__name__")
                hasName = true;
            else
                names.insert(n);
        }
    std::vector<QByteArray> columns;
    if (hasName)
        columns.push_back("__name__");
    columns.insert(columns.end(), names.begin(), names.end());

    QByteArray out = "timestamp";
    for (const QByteArray &c : columns)
        out += ',' + csvField(c);
    out += ",value\r\n";
    for (const ExportSeries &s : series) {
        QByteArray labelFields;
        for (const QByteArray &c : columns)
            labelFields += ',' + csvField(s.labels.value(c));
        for (const StoredSample &sample : s.samples)
            out += timestampText(sample.timestampMs) + labelFields + ',' +
                   csvValueText(sample.value) + "\r\n";
    }
    return out;
}

std::vector<ExportSeries> seriesOfResult(const std::vector<query::Series> &series) {
    std::vector<ExportSeries> out;
    out.reserve(series.size());
    for (const query::Series &s : series) {
        ExportSeries e;
        e.labels = s.metric;
        e.samples.reserve(s.points.size());
        for (const query::Point &p : s.points)
            e.samples.push_back({p.t, p.v});
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<ExportSeries> seriesOfResult(const query::QueryResult &result) {
    if (result.type == query::ValueType::Scalar)
        return {ExportSeries{Labels(), {{result.t, result.scalar}}}};
    return seriesOfResult(result.series);
}

} // namespace ppl
