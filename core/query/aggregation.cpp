// Evaluator::aggregate: Prometheus 2.42's aggregation() (engine.go), group by group in the
// order groups are first seen.
#include "evaluator.h"
#include "functions.h"
#include "storage/stringtable.h"

#include <QHash>
#include <QLocale>

#include <cmath>
#include <string>

namespace ppl::query {

namespace {

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

// The exact key of a sample's group: the grouping labels' interned ids, as bytes. (Prometheus
// groups by a 64-bit xxhash of the label values, where a collision is practically never
// seen; a weaker 64-bit mix of small ids collided often enough here to merge groups, e.g.
// 1,000 `by (job, instance)` groups became fewer, so the key is exact, not a hash.)
std::string groupingKey(const Labels &l, bool without, const std::vector<quint32> &groupingIds) {
    std::string key;
    const auto add = [&key](quint32 id) {
        key.append(reinterpret_cast<const char *>(&id), sizeof id);
    };
    if (!without) {
        key.reserve(groupingIds.size() * sizeof(quint32));
        for (quint32 id : groupingIds)
            add(l.valueIdOf(id));
        return key;
    }
    static const quint32 nameId = StringTable::intern("__name__");
    key.reserve(size_t(l.size()) * 2 * sizeof(quint32));
    for (int i = 0; i < l.size(); ++i) {
        const quint32 n = l.nameId(i);
        if (n == nameId ||
            std::find(groupingIds.begin(), groupingIds.end(), n) != groupingIds.end())
            continue;
        add(n);
        add(l.valueId(i));
    }
    return key;
}

struct Group {
    Labels labels;
    double value = 0;
    double mean = 0;
    qint64 count = 0;
    std::vector<const Sample *> samples; // topk, bottomk, quantile: into the input vector
};

} // namespace

// Go's strconv.FormatFloat(v, 'f', -1, 64).
QByteArray formatFloat(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (v == 0)
        return std::signbit(v) ? "-0" : "0";
    return QByteArray::number(v, 'f', QLocale::FloatingPointShortest);
}

// quantile.go's quantile(): linear interpolation between the closest ranks.
double quantileOf(double q, std::vector<double> values) {
    if (values.empty() || std::isnan(q))
        return std::nan("");
    if (q < 0)
        return -INFINITY;
    if (q > 1)
        return INFINITY;
    std::sort(values.begin(), values.end(), [](double a, double b) {
        return std::isnan(a) ? !std::isnan(b) : a < b; // NaN sorts first, as in Go's Less
    });
    const double n = double(values.size());
    const double rank = q * (n - 1);
    const double lower = std::max(0.0, std::floor(rank));
    const double upper = std::min(n - 1, lower + 1);
    const double weight = rank - std::floor(rank);
    return values[size_t(lower)] * (1 - weight) + values[size_t(upper)] * weight;
}

StepValue Evaluator::aggregate(const Expr &e, qint64 ts) {
    StepValue out;
    out.type = ValueType::Vector;
    double param = 0;
    QByteArray valueLabel;
    if (e.param) {
        const Expr *p = e.param.get();
        while (p->kind == Expr::Kind::Paren)
            p = p->lhs.get();
        StepValue pv = eval(*p, ts);
        param = pv.scalar;
        valueLabel = pv.string;
    }
    Vector vec = eval(*e.lhs, ts).vector;
    std::vector<QByteArray> grouping = e.grouping;
    qint64 k = 0;
    if (e.op == Tok::Topk || e.op == Tok::Bottomk) {
        if (!(param <= 9.2233720368547758e18 && param >= -9.2233720368547758e18))
            fail(QStringLiteral("Scalar value %1 overflows int64")
                     .arg(std::isnan(param) ? QStringLiteral("NaN")
                                            : QString::number(param, 'g', 17)));
        k = qint64(param);
        if (k < 1)
            return out;
    }
    if (e.op == Tok::CountValues) {
        if (!isValidLabelName(valueLabel))
            fail(QStringLiteral("invalid label name \"%1\"").arg(QString::fromUtf8(valueLabel)));
        if (!e.without)
            grouping.push_back(valueLabel);
    }

    std::vector<quint32> groupingIds;
    for (const QByteArray &n : grouping)
        groupingIds.push_back(StringTable::intern(n));
    std::vector<Group> groups;
    std::unordered_map<std::string, size_t> index;
    for (Sample &s : vec) {
        Labels withValue; // count_values' label set; the others read the sample's own
        if (e.op == Tok::CountValues)
            withValue = Labels::Builder(s.metric).set(valueLabel, formatFloat(s.v)).build();
        const Labels &metric = e.op == Tok::CountValues ? withValue : s.metric;
        const std::string key = groupingKey(metric, e.without, groupingIds);
        auto it = index.find(key);
        if (it == index.end()) {
            Group g;
            if (e.without) {
                Labels::Builder b(metric);
                for (const QByteArray &n : grouping)
                    b.remove(n);
                b.remove("__name__");
                g.labels = b.build();
            } else if (!grouping.empty()) {
                Labels::Builder b;
                for (const QByteArray &n : grouping) {
                    const QByteArray v = metric.value(n);
                    if (!v.isEmpty())
                        b.set(n, v);
                }
                g.labels = b.build();
            }
            g.value = s.v;
            g.mean = s.v;
            g.count = 1;
            switch (e.op) {
            case Tok::Stddev:
            case Tok::Stdvar:
                g.value = 0;
                break;
            case Tok::Topk:
            case Tok::Bottomk:
            case Tok::Quantile:
                g.samples.push_back(&s);
                break;
            case Tok::Group:
                g.value = 1;
                break;
            default:
                break;
            }
            index.emplace(key, groups.size());
            groups.push_back(std::move(g));
            continue;
        }
        Group &g = groups[it->second];
        switch (e.op) {
        case Tok::Sum:
            g.value += s.v;
            break;
        case Tok::Avg:
            ++g.count;
            if (std::isinf(g.mean)) {
                if (std::isinf(s.v) && (g.mean > 0) == (s.v > 0))
                    break;
                if (!std::isinf(s.v) && !std::isnan(s.v))
                    break;
            }
            g.mean += s.v / double(g.count) - g.mean / double(g.count);
            break;
        case Tok::Max:
            if (g.value < s.v || std::isnan(g.value))
                g.value = s.v;
            break;
        case Tok::Min:
            if (g.value > s.v || std::isnan(g.value))
                g.value = s.v;
            break;
        case Tok::Count:
        case Tok::CountValues:
            ++g.count;
            break;
        case Tok::Stddev:
        case Tok::Stdvar: {
            ++g.count;
            const double delta = s.v - g.mean;
            g.mean += delta / double(g.count);
            g.value += delta * (s.v - g.mean);
            break;
        }
        case Tok::Topk:
        case Tok::Bottomk:
        case Tok::Quantile:
            g.samples.push_back(&s);
            break;
        default:
            break;
        }
    }

    for (Group &g : groups) {
        switch (e.op) {
        case Tok::Avg:
            g.value = g.mean;
            break;
        case Tok::Count:
        case Tok::CountValues:
            g.value = double(g.count);
            break;
        case Tok::Stdvar:
            g.value = g.value / double(g.count);
            break;
        case Tok::Stddev:
            g.value = std::sqrt(g.value / double(g.count));
            break;
        case Tok::Topk:
        case Tok::Bottomk: {
            // The heap keeps the k largest (smallest) with NaN counting as the least wanted,
            // and is emitted best first.
            const bool top = e.op == Tok::Topk;
            auto better = [top](const Sample *a, const Sample *b) {
                if (std::isnan(a->v) || std::isnan(b->v))
                    return !std::isnan(a->v) && std::isnan(b->v);
                return top ? a->v > b->v : a->v < b->v;
            };
            // Only the k best are ordered; earlier input wins a tie, as a stable sort would.
            const size_t keep =
                std::min(g.samples.size(), size_t(std::min<qint64>(k, qint64(g.samples.size()))));
            std::partial_sort(g.samples.begin(), g.samples.begin() + qsizetype(keep),
                              g.samples.end(), [&better](const Sample *a, const Sample *b) {
                                  if (better(a, b))
                                      return true;
                                  if (better(b, a))
                                      return false;
                                  return a < b; // input order
                              });
            for (size_t i = 0; i < keep; ++i)
                out.vector.push_back({g.samples[i]->metric, g.samples[i]->v, ts});
            continue;
        }
        case Tok::Quantile: {
            std::vector<double> values;
            values.reserve(g.samples.size());
            for (const Sample *s : g.samples)
                values.push_back(s->v);
            g.value = quantileOf(param, std::move(values));
            break;
        }
        default:
            break;
        }
        out.vector.push_back({g.labels, g.value, ts});
    }
    checkDuplicates(out.vector);
    return out;
}

} // namespace ppl::query

namespace ppl::query {

namespace {

const Expr &unparen(const Expr &e) {
    const Expr *p = &e;
    while (p->kind == Expr::Kind::Paren)
        p = p->lhs.get();
    return *p;
}

// Range functions with the range vector as their only argument, whose result drops the name.
bool slidingFunction(const QByteArray &name) {
    static const std::vector<QByteArray> names = {"rate",
                                                  "increase",
                                                  "delta",
                                                  "irate",
                                                  "idelta",
                                                  "avg_over_time",
                                                  "sum_over_time",
                                                  "count_over_time",
                                                  "max_over_time",
                                                  "min_over_time",
                                                  "changes",
                                                  "resets",
                                                  "deriv",
                                                  "stddev_over_time",
                                                  "stdvar_over_time",
                                                  "present_over_time"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct Acc {
    double value = 0;
    double mean = 0;
    qint64 count = 0; // 0: the group has no sample at this step
};

} // namespace

bool Evaluator::rangeAggregate(const Expr &root, qint64 start, qint64 end, qint64 step,
                               QueryResult *result) {
    const Expr &agg = unparen(root);
    if (agg.kind != Expr::Kind::Aggregate || agg.param)
        return false;
    const Tok op = agg.op;
    if (op != Tok::Sum && op != Tok::Avg && op != Tok::Count && op != Tok::Min && op != Tok::Max &&
        op != Tok::Group)
        return false;
    const Expr &call = unparen(*agg.lhs);
    if (call.kind != Expr::Kind::Call || call.args.size() != 1 || !slidingFunction(call.func->name))
        return false;
    const Expr &ms = unparen(*call.args[0]);
    if (ms.kind != Expr::Kind::MatrixSelector || step <= 0)
        return false;
    const Expr &vs = *ms.lhs;
    const QByteArray &name = call.func->name;
    SelectorData &d = selector(vs);
    const size_t seriesCount = d.samples.size();

    // The function drops __name__: two series that differ only by it would collide, which
    // Prometheus reports per step. Leave such inputs to the step-by-step path.
    std::vector<const Labels *> metrics(seriesCount);
    {
        std::unordered_set<Labels> seen;
        for (size_t i = 0; i < seriesCount; ++i) {
            metrics[i] = &dropName(d.metric[i]);
            if (!seen.insert(*metrics[i]).second)
                return false;
        }
    }

    // Each series' group, found once.
    std::vector<QByteArray> grouping = agg.grouping;
    std::vector<quint32> groupingIds;
    for (const QByteArray &n : grouping)
        groupingIds.push_back(StringTable::intern(n));
    std::vector<Labels> groupLabels;
    std::unordered_map<std::string, size_t> index;
    std::vector<size_t> groupOf(seriesCount);
    for (size_t i = 0; i < seriesCount; ++i) {
        const Labels &metric = *metrics[i];
        const std::string key = groupingKey(metric, agg.without, groupingIds);
        auto [it, inserted] = index.try_emplace(key, groupLabels.size());
        if (inserted) {
            if (agg.without) {
                Labels::Builder b(metric);
                for (const QByteArray &n : grouping)
                    b.remove(n);
                b.remove("__name__");
                groupLabels.push_back(b.build());
            } else {
                Labels::Builder b;
                for (const QByteArray &n : grouping) {
                    const QByteArray v = metric.value(n);
                    if (!v.isEmpty())
                        b.set(n, v);
                }
                groupLabels.push_back(b.build());
            }
        }
        groupOf[i] = it->second;
    }

    const size_t steps = size_t((end - start) / step) + 1;
    std::vector<Acc> acc(groupLabels.size() * steps);
    std::vector<qint64> pointsAt(steps, 0);
    const std::vector<double> noScalars(1, 0);
    std::vector<Point> buffer;
    for (size_t i = 0; i < seriesCount; ++i) {
        if ((++m_ticks & 255) == 0)
            checkInterrupt();
        const auto &samples = d.samples[i];
        Acc *row = &acc[groupOf[i] * steps];
        size_t lo = 0;
        size_t hi = 0;
        for (size_t s = 0; s < steps; ++s) {
            const qint64 ts = start + qint64(s) * step;
            const qint64 rangeEnd = refTime(vs, ts);
            const qint64 rangeStart = rangeEnd - ms.rangeMs;
            // The window slides forward along the series.
            if (lo > 0 && samples[lo - 1].timestampMs >= rangeStart)
                lo = 0; // an @ or a backwards jump: search again
            while (lo < samples.size() && samples[lo].timestampMs < rangeStart)
                ++lo;
            if (hi < lo)
                hi = lo;
            while (hi < samples.size() && samples[hi].timestampMs <= rangeEnd)
                ++hi;
            while (hi > lo && samples[hi - 1].timestampMs > rangeEnd)
                --hi;
            buffer.clear();
            for (size_t k = lo; k < hi; ++k) {
                if (!isStale(samples[k].value))
                    buffer.push_back({samples[k].timestampMs, samples[k].value});
            }
            if (buffer.empty())
                continue;
            pointsAt[s] += qint64(buffer.size());
            const std::optional<double> v =
                rangeFunctionValue(name, buffer, rangeStart, rangeEnd, ms.rangeMs, noScalars, ts);
            if (!v)
                continue;
            // As aggregate(): the first sample of a group sets it, the others fold in.
            const double x = *v;
            Acc &g = row[s];
            if (g.count == 0) {
                g.count = 1;
                g.mean = x;
                g.value = op == Tok::Group ? 1 : x;
                continue;
            }
            switch (op) {
            case Tok::Sum:
                g.value += x;
                break;
            case Tok::Avg:
                ++g.count;
                if (std::isinf(g.mean)) {
                    if (std::isinf(x) && (g.mean > 0) == (x > 0))
                        break;
                    if (!std::isinf(x) && !std::isnan(x))
                        break;
                }
                g.mean += x / double(g.count) - g.mean / double(g.count);
                break;
            case Tok::Max:
                if (g.value < x || std::isnan(g.value))
                    g.value = x;
                break;
            case Tok::Min:
                if (g.value > x || std::isnan(g.value))
                    g.value = x;
                break;
            case Tok::Count:
                ++g.count;
                break;
            default:
                break;
            }
        }
    }

    // The sample limit as the step-by-step path meets it: a step's window points on top of
    // what is held, then the step's output joins what is held.
    result->type = ValueType::Matrix;
    result->series.assign(groupLabels.size(), Series());
    for (size_t g = 0; g < groupLabels.size(); ++g)
        result->series[g].metric = groupLabels[g];
    for (size_t s = 0; s < steps; ++s) {
        checkInterrupt();
        account(pointsAt[s]);
        release(pointsAt[s]);
        const qint64 ts = start + qint64(s) * step;
        qint64 out = 0;
        for (size_t g = 0; g < groupLabels.size(); ++g) {
            const Acc &a = acc[g * steps + s];
            if (a.count == 0)
                continue;
            double v = a.value;
            if (op == Tok::Avg)
                v = a.mean;
            else if (op == Tok::Count)
                v = double(a.count);
            result->series[g].points.push_back({ts, v});
            ++out;
        }
        account(out);
    }
    result->series.erase(std::remove_if(result->series.begin(), result->series.end(),
                                        [](const Series &s) { return s.points.empty(); }),
                         result->series.end());
    std::sort(result->series.begin(), result->series.end(),
              [](const Series &a, const Series &b) { return a.metric < b.metric; });
    return true;
}

} // namespace ppl::query
