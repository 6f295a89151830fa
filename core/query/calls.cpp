// Evaluator::call: the functions of Prometheus 2.42's promql/functions.go.
#include "evaluator.h"
#include "functions.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace ppl::query {

namespace {

const Expr &unwrapParens(const Expr &e) {
    const Expr *p = &e;
    while (p->kind == Expr::Kind::Paren)
        p = p->lhs.get();
    return *p;
}

bool isValidLabelName(QByteArrayView s) {
    if (s.isEmpty())
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

// Go's kahanSumInc.
void kahanInc(double inc, double &sum, double &c) {
    const double t = sum + inc;
    if (std::fabs(sum) >= std::fabs(inc))
        c += (sum - t) + inc;
    else
        c += (inc - t) + sum;
    sum = t;
}

// Go's math.Log2: exact for powers of two.
double goLog2(double x) {
    int exp = 0;
    const double frac = std::frexp(x, &exp);
    if (frac == 0.5)
        return double(exp - 1);
    return std::log(frac) * (1 / M_LN2) + double(exp);
}

std::pair<double, double> linearRegression(const std::vector<Point> &samples,
                                           qint64 interceptTime) {
    double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
    const double initY = samples[0].v;
    bool constY = true;
    for (size_t i = 0; i < samples.size(); ++i) {
        const Point &p = samples[i];
        if (constY && i > 0 && p.v != initY)
            constY = false;
        n += 1.0;
        const double x = double(p.t - interceptTime) / 1e3;
        kahanInc(x, sumX, cX);
        kahanInc(p.v, sumY, cY);
        kahanInc(x * p.v, sumXY, cXY);
        kahanInc(x * x, sumX2, cX2);
    }
    if (constY) {
        if (std::isinf(initY))
            return {std::nan(""), std::nan("")};
        return {0, initY};
    }
    sumX += cX;
    sumY += cY;
    sumXY += cXY;
    sumX2 += cX2;
    const double covXY = sumXY - sumX * sumY / n;
    const double varX = sumX2 - sumX * sumX / n;
    const double slope = covXY / varX;
    return {slope, sumY / n - slope * sumX / n};
}

// extrapolatedRate: rate, increase and delta over [rangeStart, rangeEnd].
std::optional<double> extrapolatedRate(const std::vector<Point> &p, qint64 rangeStart,
                                       qint64 rangeEnd, qint64 rangeMs, bool isCounter,
                                       bool isRate) {
    if (p.size() < 2)
        return std::nullopt;
    double result = p.back().v - p.front().v;
    if (isCounter) {
        double prev = p.front().v;
        for (size_t i = 1; i < p.size(); ++i) {
            if (p[i].v < prev)
                result += prev;
            prev = p[i].v;
        }
    }
    double durationToStart = double(p.front().t - rangeStart) / 1000;
    const double durationToEnd = double(rangeEnd - p.back().t) / 1000;
    const double sampled = double(p.back().t - p.front().t) / 1000;
    const double average = sampled / double(p.size() - 1);
    if (isCounter && result > 0 && p.front().v >= 0) {
        const double durationToZero = sampled * (p.front().v / result);
        if (durationToZero < durationToStart)
            durationToStart = durationToZero;
    }
    const double threshold = average * 1.1;
    double interval = sampled;
    interval += durationToStart < threshold ? durationToStart : average / 2;
    interval += durationToEnd < threshold ? durationToEnd : average / 2;
    double factor = interval / sampled;
    if (isRate)
        factor /= double(rangeMs) / 1000;
    return result * factor;
}

struct Bucket {
    double upper;
    double count;
};

double bucketQuantile(double q, std::vector<Bucket> buckets) {
    if (std::isnan(q))
        return std::nan("");
    if (q < 0)
        return -INFINITY;
    if (q > 1)
        return INFINITY;
    std::sort(buckets.begin(), buckets.end(),
              [](const Bucket &a, const Bucket &b) { return a.upper < b.upper; });
    if (!std::isinf(buckets.back().upper) || buckets.back().upper < 0)
        return std::nan("");
    // coalesceBuckets
    std::vector<Bucket> merged;
    for (const Bucket &b : buckets) {
        if (!merged.empty() && merged.back().upper == b.upper)
            merged.back().count += b.count;
        else
            merged.push_back(b);
    }
    // ensureMonotonic
    double max = merged[0].count;
    for (size_t i = 1; i < merged.size(); ++i) {
        if (merged[i].count > max)
            max = merged[i].count;
        else if (merged[i].count < max)
            merged[i].count = max;
    }
    if (merged.size() < 2)
        return std::nan("");
    const double observations = merged.back().count;
    if (observations == 0)
        return std::nan("");
    double rank = q * observations;
    size_t b = 0;
    {
        size_t lo = 0, hi = merged.size() - 1; // sort.Search over len-1 buckets
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            if (!(merged[mid].count >= rank))
                lo = mid + 1;
            else
                hi = mid;
        }
        b = lo;
    }
    if (b == merged.size() - 1)
        return merged[merged.size() - 2].upper;
    if (b == 0 && merged[0].upper <= 0)
        return merged[0].upper;
    double start = 0;
    const double end = merged[b].upper;
    double count = merged[b].count;
    if (b > 0) {
        start = merged[b - 1].upper;
        count -= merged[b - 1].count;
        rank -= merged[b - 1].count;
    }
    return start + (end - start) * (rank / count);
}

// Go's regexp.Expand for label_replace's replacement: $1, ${1}, $name, ${name}, $$.
QByteArray expandTemplate(const QByteArray &tmpl, const QRegularExpressionMatch &m,
                          const QStringList &names) {
    QByteArray out;
    for (qsizetype i = 0; i < tmpl.size(); ++i) {
        const char c = tmpl[i];
        if (c != '$' || i + 1 >= tmpl.size()) {
            out += c;
            continue;
        }
        if (tmpl[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        QByteArray name;
        qsizetype j = i + 1;
        bool brace = false;
        if (tmpl[j] == '{') {
            brace = true;
            ++j;
        }
        const qsizetype nameStart = j;
        while (j < tmpl.size() && (std::isalnum(uchar(tmpl[j])) || tmpl[j] == '_'))
            ++j;
        name = tmpl.mid(nameStart, j - nameStart);
        if (name.isEmpty() || (brace && (j >= tmpl.size() || tmpl[j] != '}'))) {
            out += '$'; // malformed: the $ is literal text
            continue;
        }
        if (brace)
            ++j;
        i = j - 1;
        bool isNumber = false;
        const int n = name.toInt(&isNumber);
        if (isNumber) {
            if (n >= 0 && n <= m.lastCapturedIndex())
                out += m.captured(n).toUtf8();
        } else if (names.contains(QString::fromUtf8(name))) {
            out += m.captured(QString::fromUtf8(name)).toUtf8();
        }
    }
    return out;
}

Labels absentLabels(const Expr &arg) {
    const Expr &a = unwrapParens(arg);
    const Expr *vs = nullptr;
    if (a.kind == Expr::Kind::VectorSelector)
        vs = &a;
    else if (a.kind == Expr::Kind::MatrixSelector)
        vs = a.lhs.get();
    if (!vs)
        return {};
    Labels::Builder b;
    QSet<QByteArray> has;
    for (const LabelMatcher &m : vs->matchers) {
        if (m.name() == "__name__")
            continue;
        if (m.op() == LabelMatcher::Op::Equal && !has.contains(m.name())) {
            b.set(m.name(), m.value());
            has.insert(m.name());
        } else {
            b.remove(m.name());
        }
    }
    return b.build();
}

using SimpleFn = double (*)(double);

const QHash<QByteArray, SimpleFn> &simpleFunctions() {
    static const QHash<QByteArray, SimpleFn> table = {
        {"abs", [](double v) { return std::fabs(v); }},
        {"ceil", [](double v) { return std::ceil(v); }},
        {"floor", [](double v) { return std::floor(v); }},
        {"exp", [](double v) { return std::exp(v); }},
        {"sqrt", [](double v) { return std::sqrt(v); }},
        {"ln", [](double v) { return std::log(v); }},
        {"log2", goLog2},
        {"log10", [](double v) { return std::log10(v); }},
        {"sin", [](double v) { return std::sin(v); }},
        {"cos", [](double v) { return std::cos(v); }},
        {"tan", [](double v) { return std::tan(v); }},
        {"asin", [](double v) { return std::asin(v); }},
        {"acos", [](double v) { return std::acos(v); }},
        {"atan", [](double v) { return std::atan(v); }},
        {"sinh", [](double v) { return std::sinh(v); }},
        {"cosh", [](double v) { return std::cosh(v); }},
        {"tanh", [](double v) { return std::tanh(v); }},
        {"asinh", [](double v) { return std::asinh(v); }},
        {"acosh", [](double v) { return std::acosh(v); }},
        {"atanh", [](double v) { return std::atanh(v); }},
        {"rad", [](double v) { return v * M_PI / 180; }},
        {"deg", [](double v) { return v * 180 / M_PI; }},
        {"sgn", [](double v) { return v < 0   ? -1.0
                                      : v > 0 ? 1.0
                                              : v; }},
    };
    return table;
}

using DateFn = double (*)(const QDateTime &);

const QHash<QByteArray, DateFn> &dateFunctions() {
    static const QHash<QByteArray, DateFn> table = {
        {"days_in_month", [](const QDateTime &t) { return double(t.date().daysInMonth()); }},
        {"day_of_month", [](const QDateTime &t) { return double(t.date().day()); }},
        {"day_of_week", [](const QDateTime &t) { return double(t.date().dayOfWeek() % 7); }},
        {"day_of_year", [](const QDateTime &t) { return double(t.date().dayOfYear()); }},
        {"hour", [](const QDateTime &t) { return double(t.time().hour()); }},
        {"minute", [](const QDateTime &t) { return double(t.time().minute()); }},
        {"month", [](const QDateTime &t) { return double(t.date().month()); }},
        {"year", [](const QDateTime &t) { return double(t.date().year()); }},
    };
    return table;
}

QString goFloatF(double v) {
    return QString::number(v, 'f', 6);
}

// Go's math.Max / math.Min: an infinity in the right direction wins over NaN, then NaN wins.
double goMax(double x, double y) {
    if ((std::isinf(x) && x > 0) || (std::isinf(y) && y > 0))
        return INFINITY;
    if (std::isnan(x) || std::isnan(y))
        return std::nan("");
    return std::max(x, y);
}
double goMin(double x, double y) {
    if ((std::isinf(x) && x < 0) || (std::isinf(y) && y < 0))
        return -INFINITY;
    if (std::isnan(x) || std::isnan(y))
        return std::nan("");
    return std::min(x, y);
}

} // namespace

StepValue Evaluator::call(const Expr &e, qint64 ts) {
    const QByteArray &name = e.func->name;
    for (size_t i = 0; i < e.args.size(); ++i) {
        const Expr &a = unwrapParens(*e.args[i]);
        if (a.kind == Expr::Kind::MatrixSelector || a.kind == Expr::Kind::Subquery)
            return callOverRange(e, ts, i);
    }
    StepValue out;
    out.type = e.func->returnType;
    if (name == "timestamp") {
        // The sample's own time for a selector argument, the step's time otherwise.
        const Expr &a = unwrapParens(*e.args[0]);
        Vector v =
            a.kind == Expr::Kind::VectorSelector ? vectorSelector(a, ts, true) : eval(a, ts).vector;
        for (const Sample &s : v)
            out.vector.push_back({dropName(s.metric), double(s.t) / 1000, ts});
        checkDuplicates(out.vector);
        return out;
    }
    std::vector<StepValue> args;
    args.reserve(e.args.size());
    for (const auto &a : e.args)
        args.push_back(eval(*a, ts));

    if (name == "time") {
        out.scalar = double(ts) / 1000;
        return out;
    }
    if (name == "pi") {
        out.scalar = M_PI;
        return out;
    }
    if (name == "scalar") {
        out.scalar = args[0].vector.size() == 1 ? args[0].vector[0].v : std::nan("");
        return out;
    }
    if (name == "vector") {
        out.vector.push_back({Labels(), args[0].scalar, ts});
        return out;
    }
    Vector &in = args.empty() ? out.vector : args[0].vector;
    if (auto f = simpleFunctions().value(name)) {
        for (const Sample &s : in)
            out.vector.push_back({dropName(s.metric), f(s.v), ts});
    } else if (auto d = dateFunctions().value(name)) {
        if (args.empty()) {
            out.vector.push_back(
                {Labels(), d(QDateTime::fromSecsSinceEpoch(ts / 1000, Qt::UTC)), ts});
        } else {
            for (const Sample &s : in) {
                const qint64 secs =
                    std::isfinite(s.v) ? qint64(s.v) : std::numeric_limits<qint64>::min();
                out.vector.push_back(
                    {dropName(s.metric), d(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)), ts});
            }
        }
    } else if (name == "absent") {
        if (in.empty())
            out.vector.push_back({absentLabels(*e.args[0]), 1, ts});
    } else if (name == "clamp" || name == "clamp_max" || name == "clamp_min") {
        double lo = -INFINITY;
        double hi = INFINITY;
        if (name == "clamp") {
            lo = args[1].scalar;
            hi = args[2].scalar;
            if (hi < lo)
                return out;
        } else if (name == "clamp_max") {
            hi = args[1].scalar;
        } else {
            lo = args[1].scalar;
        }
        for (const Sample &s : in) {
            double v = s.v;
            if (name == "clamp")
                v = goMax(lo, goMin(hi, v));
            else if (name == "clamp_max")
                v = goMin(hi, v);
            else
                v = goMax(lo, v);
            out.vector.push_back({dropName(s.metric), v, ts});
        }
    } else if (name == "round") {
        const double toNearest = args.size() > 1 ? args[1].scalar : 1.0;
        const double inverse = 1.0 / toNearest;
        for (const Sample &s : in)
            out.vector.push_back(
                {dropName(s.metric), std::floor(s.v * inverse + 0.5) / inverse, ts});
    } else if (name == "sort" || name == "sort_desc") {
        const bool asc = name == "sort";
        out.vector = std::move(in);
        std::stable_sort(out.vector.begin(), out.vector.end(),
                         [asc](const Sample &a, const Sample &b) {
                             if (std::isnan(a.v) || std::isnan(b.v))
                                 return !std::isnan(a.v) && std::isnan(b.v);
                             return asc ? a.v < b.v : a.v > b.v;
                         });
    } else if (name == "label_replace") {
        const QByteArray dst = args[1].string;
        const QByteArray repl = args[2].string;
        const QByteArray src = args[3].string;
        const QByteArray re = args[4].string;
        QRegularExpression regex(QRegularExpression::anchoredPattern(QString::fromUtf8(re)));
        if (!regex.isValid())
            fail(QStringLiteral("invalid regular expression in label_replace(): %1")
                     .arg(QString::fromUtf8(re)));
        if (!isValidLabelName(dst))
            fail(QStringLiteral("invalid destination label name in label_replace(): %1")
                     .arg(QString::fromUtf8(dst)));
        const QStringList names = regex.namedCaptureGroups();
        for (const Sample &s : in) {
            const QRegularExpressionMatch m = regex.match(QString::fromUtf8(s.metric.value(src)));
            if (!m.hasMatch()) {
                out.vector.push_back(s);
                continue;
            }
            const QByteArray value = expandTemplate(repl, m, names);
            Labels::Builder b(s.metric);
            b.remove(dst);
            if (!value.isEmpty())
                b.set(dst, value);
            out.vector.push_back({b.build(), s.v, ts});
        }
    } else if (name == "label_join") {
        const QByteArray dst = args[1].string;
        const QByteArray sep = args[2].string;
        std::vector<QByteArray> srcs;
        for (size_t i = 3; i < args.size(); ++i) {
            if (!isValidLabelName(args[i].string))
                fail(QStringLiteral("invalid source label name in label_join(): %1")
                         .arg(QString::fromUtf8(args[i].string)));
            srcs.push_back(args[i].string);
        }
        if (!isValidLabelName(dst))
            fail(QStringLiteral("invalid destination label name in label_join(): %1")
                     .arg(QString::fromUtf8(dst)));
        for (const Sample &s : in) {
            QByteArray joined;
            for (size_t i = 0; i < srcs.size(); ++i) {
                if (i)
                    joined += sep;
                joined += s.metric.value(srcs[i]);
            }
            Labels::Builder b(s.metric);
            if (joined.isEmpty())
                b.remove(dst);
            else
                b.set(dst, joined);
            out.vector.push_back({b.build(), s.v, ts});
        }
    } else if (name == "histogram_quantile") {
        const double q = args[0].scalar;
        struct Group {
            Labels metric;
            std::vector<Bucket> buckets;
        };
        std::vector<Group> groups;
        QHash<QByteArray, size_t> index;
        for (const Sample &s : args[1].vector) {
            bool ok = false;
            const QByteArray le = s.metric.value("le");
            double upper = le.toDouble(&ok);
            const QByteArray lower = le.toLower();
            if (lower == "+inf" || lower == "inf") {
                upper = INFINITY;
                ok = true;
            } else if (lower == "-inf") {
                upper = -INFINITY;
                ok = true;
            } else if (lower == "nan") {
                upper = std::nan("");
                ok = true;
            }
            if (!ok)
                continue;
            QByteArray key;
            for (int i = 0; i < s.metric.size(); ++i) {
                if (s.metric.nameView(i) == "le")
                    continue;
                key += s.metric.nameView(i);
                key += '\xff';
                key += s.metric.valueView(i);
                key += '\xff';
            }
            auto it = index.constFind(key);
            if (it == index.cend()) {
                it = index.insert(key, groups.size());
                groups.push_back(
                    {Labels::Builder(s.metric).remove("__name__").remove("le").build(), {}});
            }
            groups[*it].buckets.push_back({upper, s.v});
        }
        for (Group &g : groups)
            out.vector.push_back({g.metric, bucketQuantile(q, std::move(g.buckets)), ts});
    } else if (name == "histogram_count" || name == "histogram_sum" ||
               name == "histogram_fraction") {
        // Native histograms only: float samples give nothing, as in Prometheus.
    } else {
        fail(QStringLiteral("function %1 is not implemented").arg(QString::fromUtf8(name)));
    }
    checkDuplicates(out.vector);
    return out;
}

std::optional<double> rangeFunctionValue(const QByteArray &name, const std::vector<Point> &p,
                                         qint64 rangeStart, qint64 rangeEnd, qint64 rangeMs,
                                         const std::vector<double> &scalars, qint64 ts) {
    std::optional<double> v;
    if (name == "rate" || name == "increase" || name == "delta") {
        v = extrapolatedRate(p, rangeStart, rangeEnd, rangeMs, name != "delta", name == "rate");
    } else if (name == "irate" || name == "idelta") {
        if (p.size() >= 2) {
            const Point &last = p[p.size() - 1];
            const Point &prev = p[p.size() - 2];
            const bool isRate = name == "irate";
            double r = isRate && last.v < prev.v ? last.v : last.v - prev.v;
            const qint64 interval = last.t - prev.t;
            if (interval != 0) {
                if (isRate)
                    r /= double(interval) / 1000;
                v = r;
            }
        }
    } else if (name == "avg_over_time") {
        double mean = 0, c = 0, count = 0;
        for (const Point &x : p) {
            ++count;
            if (std::isinf(mean)) {
                if (std::isinf(x.v) && (mean > 0) == (x.v > 0))
                    continue;
                if (!std::isinf(x.v) && !std::isnan(x.v))
                    continue;
            }
            kahanInc(x.v / count - mean / count, mean, c);
        }
        v = std::isinf(mean) ? mean : mean + c;
    } else if (name == "sum_over_time") {
        double sum = 0, c = 0;
        for (const Point &x : p)
            kahanInc(x.v, sum, c);
        v = std::isinf(sum) ? sum : sum + c;
    } else if (name == "count_over_time") {
        v = double(p.size());
    } else if (name == "last_over_time") {
        v = p.back().v;
    } else if (name == "present_over_time") {
        v = 1;
    } else if (name == "max_over_time" || name == "min_over_time") {
        const bool isMax = name == "max_over_time";
        double m = p[0].v;
        for (const Point &x : p) {
            if ((isMax ? x.v > m : x.v < m) || std::isnan(m))
                m = x.v;
        }
        v = m;
    } else if (name == "stddev_over_time" || name == "stdvar_over_time") {
        double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
        for (const Point &x : p) {
            ++count;
            const double delta = x.v - (mean + cMean);
            kahanInc(delta / count, mean, cMean);
            kahanInc(delta * (x.v - (mean + cMean)), aux, cAux);
        }
        const double var = (aux + cAux) / count;
        v = name == "stddev_over_time" ? std::sqrt(var) : var;
    } else if (name == "quantile_over_time") {
        std::vector<double> values;
        values.reserve(p.size());
        for (const Point &x : p)
            values.push_back(x.v);
        v = quantileOf(scalars[0], std::move(values));
    } else if (name == "changes" || name == "resets") {
        int n = 0;
        double prev = p[0].v;
        for (size_t i = 1; i < p.size(); ++i) {
            const double cur = p[i].v;
            if (name == "changes" ? (cur != prev && !(std::isnan(cur) && std::isnan(prev)))
                                  : cur < prev)
                ++n;
            prev = cur;
        }
        v = double(n);
    } else if (name == "deriv") {
        if (p.size() >= 2)
            v = linearRegression(p, p[0].t).first;
    } else if (name == "predict_linear") {
        if (p.size() >= 2) {
            const auto [slope, intercept] = linearRegression(p, ts);
            v = slope * scalars[1] + intercept;
        }
    } else if (name == "holt_winters") {
        // The factors are checked when a series is there to smooth, as in Prometheus.
        const double sf = scalars[1];
        const double tf = scalars[2];
        if (sf <= 0 || sf >= 1)
            Evaluator::fail(
                QStringLiteral("invalid smoothing factor. Expected: 0 < sf < 1, got: %1")
                    .arg(goFloatF(sf)));
        if (tf <= 0 || tf >= 1)
            Evaluator::fail(QStringLiteral("invalid trend factor. Expected: 0 < tf < 1, got: %1")
                                .arg(goFloatF(tf)));
        if (p.size() >= 2) {
            double s0 = 0, s1 = p[0].v, b = p[1].v - p[0].v;
            for (size_t i = 1; i < p.size(); ++i) {
                const double x = sf * p[i].v;
                if (i - 1 != 0)
                    b = tf * (s1 - s0) + (1 - tf) * b;
                const double y = (1 - sf) * (s1 + b);
                s0 = s1;
                s1 = x + y;
            }
            v = s1;
        }
    } else {
        Evaluator::fail(
            QStringLiteral("function %1 is not implemented").arg(QString::fromUtf8(name)));
    }
    return v;
}

StepValue Evaluator::callOverRange(const Expr &e, qint64 ts, size_t matrixArg) {
    const QByteArray &name = e.func->name;
    std::vector<double> scalars(e.args.size(), 0);
    for (size_t i = 0; i < e.args.size(); ++i) {
        if (i != matrixArg)
            scalars[i] = eval(*e.args[i], ts).scalar;
    }
    const Expr &arg = unwrapParens(*e.args[matrixArg]);
    StepValue out;
    out.type = ValueType::Vector;
    const qint64 rangeMs = arg.rangeMs;
    qint64 rangeStart = 0;
    qint64 rangeEnd = 0;
    qint64 points = 0;
    // The function's body for one series' points in the window; appends to out.
    const bool keepName = name == "last_over_time";
    auto apply = [&](const Labels &metric, const Labels *withoutName, const std::vector<Point> &p) {
        points += qint64(p.size());
        const std::optional<double> v =
            rangeFunctionValue(name, p, rangeStart, rangeEnd, rangeMs, scalars, ts);
        if (!v)
            return;
        // last_over_time acts like offset and keeps the name; the others drop it.
        out.vector.push_back(
            {keepName ? metric : (withoutName ? *withoutName : dropName(metric)), *v, ts});
    };
    bool any = false;
    const bool absent = name == "absent_over_time";
    if (arg.kind == Expr::Kind::MatrixSelector) {
        // Straight from the loaded samples: no matrix is built for a step.
        const Expr &vs = *arg.lhs;
        SelectorData &d = selector(vs);
        rangeEnd = refTime(vs, ts);
        rangeStart = rangeEnd - arg.rangeMs;
        if (!keepName && !absent && d.withoutName.size() != d.metric.size()) {
            d.withoutName.clear();
            d.withoutName.reserve(d.metric.size());
            for (const Labels &l : d.metric)
                d.withoutName.push_back(dropName(l));
        }
        if (d.cursor.size() != d.samples.size())
            d.cursor.assign(d.samples.size(), 0);
        out.vector.reserve(d.samples.size());
        std::vector<Point> buffer;
        for (size_t i = 0; i < d.samples.size(); ++i) {
            if ((++m_ticks & 1023) == 0)
                checkInterrupt();
            const auto &samples = d.samples[i];
            // Steps move forward, so the window's start usually moves forward too: walk on
            // from the last start instead of searching again.
            size_t from = d.cursor[i];
            if (from > samples.size() || (from > 0 && samples[from - 1].timestampMs >= rangeStart))
                from = size_t(std::lower_bound(samples.begin(), samples.end(), rangeStart,
                                               [](const StoredSample &x, qint64 t) {
                                                   return x.timestampMs < t;
                                               }) -
                              samples.begin());
            while (from < samples.size() && samples[from].timestampMs < rangeStart)
                ++from;
            d.cursor[i] = from;
            buffer.clear();
            for (size_t k = from; k < samples.size() && samples[k].timestampMs <= rangeEnd; ++k) {
                if (!isStale(samples[k].value))
                    buffer.push_back({samples[k].timestampMs, samples[k].value});
            }
            if (buffer.empty())
                continue;
            any = true;
            if (!absent)
                apply(d.metric[i], keepName ? nullptr : &d.withoutName[i], buffer);
        }
    } else {
        for (const Series &s : matrixAt(arg, ts, &rangeStart, &rangeEnd)) {
            any = true;
            if (!absent)
                apply(s.metric, nullptr, s.points);
        }
    }
    account(points);
    release(points);
    if (absent && !any)
        out.vector.push_back({absentLabels(arg), 1, ts});
    checkDuplicates(out.vector);
    return out;
}

} // namespace ppl::query
