#include "openmetricswriter.h"

#include "textwriter.h"

#include <charconv>

namespace ppl {

namespace {

QByteArray omTypeName(MetricType type) {
    return type == MetricType::Untyped ? QByteArrayLiteral("unknown") : metricTypeName(type);
}

void appendTimestamp(QByteArray &out, qint64 ms) {
    // Seconds, with the milliseconds as a fraction when there are any.
    const bool negative = ms < 0;
    const quint64 abs = negative ? quint64(0) - quint64(ms) : quint64(ms);
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, abs / 1000);
    out.append(' ');
    if (negative)
        out.append('-');
    out.append(buf, r.ptr - buf);
    if (const quint64 frac = abs % 1000) {
        char f[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
        int len = 3;
        while (f[len - 1] == '0')
            --len;
        out.append('.').append(f, len);
    }
}

} // namespace

QByteArray openMetricsContentType() {
    return QByteArrayLiteral("application/openmetrics-text; version=1.0.0; charset=utf-8");
}

bool acceptsOpenMetrics(QByteArrayView acceptHeader) {
    return acceptHeader.contains("application/openmetrics-text");
}

QByteArray writeOpenMetrics(const std::vector<MetricFamily> &families) {
    QByteArray out;
    for (const MetricFamily &family : families) {
        if (family.samples.empty())
            continue;
        const bool counter = family.type == MetricType::Counter;
        QByteArray name = family.name;
        if (counter && name.endsWith("_total"))
            name.chop(6);
        if (family.hasHelp) {
            out.append("# HELP ").append(name).append(' ');
            out.append(escapeLabelValue(family.help)); // HELP escapes as label values do
            out.append('\n');
        }
        out.append("# TYPE ").append(name).append(' ').append(omTypeName(family.type));
        out.append('\n');
        for (const MetricSample &s : family.samples) {
            out.append(s.name);
            if (counter && s.name == name)
                out.append("_total");
            if (!s.labels.empty()) {
                out.append('{');
                bool first = true;
                for (const LabelPair &l : s.labels) {
                    if (!first)
                        out.append(',');
                    first = false;
                    out.append(l.name).append("=\"").append(escapeLabelValue(l.value));
                    out.append('"');
                }
                out.append('}');
            }
            out.append(' ').append(formatValue(s.value));
            if (s.timestampMs)
                appendTimestamp(out, *s.timestampMs);
            out.append('\n');
        }
    }
    out.append("# EOF\n");
    return out;
}

} // namespace ppl
