#include "textwriter.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace ppl {

namespace {

void appendValue(QByteArray &out, double v) {
    if (std::isnan(v)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(v)) {
        out.append(v > 0 ? "+Inf" : "-Inf");
        return;
    }
    // Go's FormatFloat(v, 'g', -1, 64): the shortest digits that round-trip, in %e form when
    // the decimal exponent is < -4 or >= 6 (Go fixes the precision at 6 for this choice in
    // the shortest mode), else in %f form. C++'s shortest scientific form has the same digits
    // and the same at-least-two-digit exponent, so only the choice of form is ours.
    char sci[64];
    const auto r = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
    const char *e = static_cast<const char *>(std::memchr(sci, 'e', size_t(r.ptr - sci)));
    int exponent = 0;
    std::from_chars(e[1] == '+' ? e + 2 : e + 1, r.ptr, exponent);
    if (exponent < -4 || exponent >= 6) {
        out.append(sci, r.ptr - sci);
        return;
    }
    char fixed[64];
    const auto f = std::to_chars(fixed, fixed + sizeof fixed, v, std::chars_format::fixed);
    out.append(fixed, f.ptr - fixed);
}

void appendEscaped(QByteArray &out, QByteArrayView in, bool quotes) {
    for (char c : in) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '\n')
            out.append("\\n");
        else if (quotes && c == '"')
            out.append("\\\"");
        else
            out.append(c);
    }
}

} // namespace

QByteArray formatValue(double value) {
    QByteArray out;
    appendValue(out, value);
    return out;
}

QByteArray escapeLabelValue(QByteArrayView in) {
    QByteArray out;
    out.reserve(in.size());
    appendEscaped(out, in, true);
    return out;
}

QByteArray escapeHelp(QByteArrayView in) {
    QByteArray out;
    out.reserve(in.size());
    appendEscaped(out, in, false);
    return out;
}

void appendFamilyText(QByteArray &out, const MetricFamily &family) {
    // Like Go's MetricFamilyToText, a family without samples is not written: the text format
    // cannot carry it (parsers drop it).
    if (family.samples.empty())
        return;
    if (family.hasHelp) {
        out.append("# HELP ").append(family.name).append(' ');
        appendEscaped(out, family.help, false);
        out.append('\n');
    }
    out.append("# TYPE ").append(family.name).append(' ');
    out.append(metricTypeName(family.type)).append('\n');
    for (const MetricSample &s : family.samples) {
        out.append(s.name);
        if (!s.labels.empty()) {
            out.append('{');
            bool first = true;
            for (const LabelPair &l : s.labels) {
                if (!first)
                    out.append(',');
                first = false;
                out.append(l.name).append("=\"");
                appendEscaped(out, l.value, true);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
        appendValue(out, s.value);
        if (s.timestampMs) {
            char buf[24];
            const auto r = std::to_chars(buf, buf + sizeof buf, *s.timestampMs);
            out.append(' ').append(buf, r.ptr - buf);
        }
        out.append('\n');
    }
}

QByteArray writeText(const std::vector<MetricFamily> &families) {
    QByteArray out;
    qsizetype estimate = 0;
    for (const MetricFamily &f : families)
        estimate += 64 + f.help.size() + qsizetype(f.samples.size()) * 64;
    out.reserve(estimate);
    for (const MetricFamily &f : families)
        appendFamilyText(out, f);
    return out;
}

} // namespace ppl
