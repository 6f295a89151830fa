#include "openmetricsfuzz.h"

#include "exposition/openmetricsparser.h"
#include "exposition/openmetricswriter.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ppl::fuzz {

namespace {

[[noreturn]] void violated(const char *what) {
    std::fprintf(stderr, "openmetrics fuzz check failed: %s\n", what);
    std::abort();
}

void require(bool ok, const char *what) {
    if (!ok)
        violated(what);
}

struct Read {
    std::vector<MetricSample> samples;
    int entries = 0;
    bool ok = false;
    QString error;
};

// Reads to the end; views must lie inside `input` when the parser reads it in place.
Read readAll(OpenMetricsParser &p, QByteArrayView input, bool inPlace) {
    Read r;
    const char *begin = input.data();
    const char *end = begin + input.size();
    auto inside = [&](QByteArrayView v) {
        return !inPlace || v.isEmpty() || (v.data() >= begin && v.data() + v.size() <= end);
    };
    for (;;) {
        const OpenMetricsParser::Entry e = p.next();
        require(++r.entries <= input.size() + 2, "more entries than bytes");
        if (e == OpenMetricsParser::Entry::End) {
            require(p.next() == OpenMetricsParser::Entry::End, "End is not sticky");
            r.ok = true;
            return r;
        }
        if (e == OpenMetricsParser::Entry::Error) {
            require(p.next() == OpenMetricsParser::Entry::Error, "Error is not sticky");
            require(!p.error().message.isEmpty(), "an error without words");
            const int lines = int(QByteArrayView(input).count('\n'));
            require(p.error().line >= 1 && p.error().line <= lines + 1, "error line outside");
            r.error = p.error().message;
            return r;
        }
        require(inside(p.name()), "name outside the input");
        if (e == OpenMetricsParser::Entry::Sample) {
            MetricSample s;
            s.name = p.name().toByteArray();
            for (int i = 0; i < p.labelCount(); ++i) {
                require(inside(p.labelName(i)), "label name outside the input");
                s.labels.push_back({p.labelName(i).toByteArray(), p.labelValue(i).toByteArray()});
            }
            s.value = p.value();
            s.timestampMs = p.timestampMs();
            r.samples.push_back(std::move(s));
        }
    }
}

bool sameSamples(const std::vector<MetricSample> &a, const std::vector<MetricSample> &b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].labels != b[i].labels)
            return false;
        const bool bothNan = std::isnan(a[i].value) && std::isnan(b[i].value);
        if (!bothNan && a[i].value != b[i].value)
            return false;
        if (a[i].timestampMs.has_value() != b[i].timestampMs.has_value())
            return false;
        if (a[i].timestampMs && std::llabs(*a[i].timestampMs - *b[i].timestampMs) > 1)
            return false;
    }
    return true;
}

} // namespace

void checkOpenMetrics(QByteArrayView input) {
    const QByteArray owned = input.toByteArray();
    OpenMetricsParser inPlace(owned);
    const Read a = readAll(inPlace, owned, true);
    OpenMetricsParser copied(input);
    const Read b = readAll(copied, owned, false);
    require(a.ok == b.ok && a.error == b.error && sameSamples(a.samples, b.samples),
            "a view and a QByteArray read differently");
    OpenMetricsParser slow(owned);
    slow.setFastPath(false);
    const Read d = readAll(slow, owned, true);
    require(a.ok == d.ok && a.error == d.error && a.entries == d.entries &&
                sameSamples(a.samples, d.samples),
            "the fast path reads differently from the token-by-token path");
    if (!a.ok)
        return;
    // Written back, one unknown family a sample: the same samples again.
    std::vector<MetricFamily> families;
    for (const MetricSample &s : a.samples) {
        // Timestamps beyond what seconds-as-float carry to the millisecond are not written.
        if (s.timestampMs &&
            (*s.timestampMs > (Q_INT64_C(1) << 52) || *s.timestampMs < -(Q_INT64_C(1) << 52)))
            return;
        MetricFamily f;
        f.name = s.name;
        f.type = MetricType::Untyped;
        f.samples.push_back(s);
        families.push_back(std::move(f));
    }
    const QByteArray written = writeOpenMetrics(families);
    OpenMetricsParser again(written);
    const Read c = readAll(again, written, true);
    require(c.ok, "written samples do not parse");
    require(sameSamples(a.samples, c.samples), "written samples read back differently");
}

} // namespace ppl::fuzz
