#include "evaluator.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ppl::query {

namespace {

qint64 floorDiv(qint64 a, qint64 b) {
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// Prometheus's labels.String(): {a="1", b="2"} including __name__.
QString labelsString(const Labels &l) {
    QByteArray out = "{";
    for (int i = 0; i < l.size(); ++i) {
        if (i)
            out += ", ";
        out += l.nameView(i).toByteArray();
        out += "=\"";
        for (char c : l.valueView(i)) {
            if (c == '"' || c == '\\')
                out += '\\';
            if (c == '\n') {
                out += "\\n";
                continue;
            }
            out += c;
        }
        out += '"';
    }
    return QString::fromUtf8(out + '}');
}

bool contains(const std::vector<QByteArray> &names, QByteArrayView n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

// The join signature of vector matching: the listed labels (on) or all but the listed ones
// and __name__ (ignoring), as "name\xffvalue\xff…".
QByteArray signature(const Labels &l, bool on, const std::vector<QByteArray> &names) {
    QByteArray sig;
    for (int i = 0; i < l.size(); ++i) {
        const QByteArrayView n = l.nameView(i);
        const bool listed = contains(names, n);
        if (on ? !listed : (listed || n == "__name__"))
            continue;
        sig += n;
        sig += '\xff';
        sig += l.valueView(i);
        sig += '\xff';
    }
    return sig;
}

Labels matchLabels(const Labels &l, bool on, const std::vector<QByteArray> &names) {
    Labels::Builder b;
    for (int i = 0; i < l.size(); ++i) {
        const QByteArrayView n = l.nameView(i);
        const bool listed = contains(names, n);
        if (on ? listed : !(listed || n == "__name__"))
            b.set(n, l.valueView(i));
    }
    return b.build();
}

bool dropsMetricName(Tok op) {
    return op == Tok::Add || op == Tok::Sub || op == Tok::Mul || op == Tok::Div || op == Tok::Pow ||
           op == Tok::Mod;
}

double scalarBinop(Tok op, double l, double r) {
    switch (op) {
    case Tok::Add:
        return l + r;
    case Tok::Sub:
        return l - r;
    case Tok::Mul:
        return l * r;
    case Tok::Div:
        return l / r;
    case Tok::Pow:
        return std::pow(l, r);
    case Tok::Mod:
        return std::fmod(l, r);
    case Tok::EqlC:
        return l == r;
    case Tok::Neq:
        return l != r;
    case Tok::Gtr:
        return l > r;
    case Tok::Lss:
        return l < r;
    case Tok::Gte:
        return l >= r;
    case Tok::Lte:
        return l <= r;
    case Tok::Atan2:
        return std::atan2(l, r);
    default:
        return 0;
    }
}

// vectorElemBinop: the value and whether a comparison keeps the element.
std::pair<double, bool> elemBinop(Tok op, double l, double r) {
    switch (op) {
    case Tok::EqlC:
        return {l, l == r};
    case Tok::Neq:
        return {l, l != r};
    case Tok::Gtr:
        return {l, l > r};
    case Tok::Lss:
        return {l, l < r};
    case Tok::Gte:
        return {l, l >= r};
    case Tok::Lte:
        return {l, l <= r};
    default:
        return {scalarBinop(op, l, r), true};
    }
}

} // namespace

Evaluator::Evaluator(const SeriesStore &store, const Engine::Options &options, qint64 start,
                     qint64 end, qint64 interval, const std::atomic_bool *cancel)
    : m_store(store)
    , m_options(options)
    , m_start(start)
    , m_end(end)
    , m_interval(interval)
    , m_cancel(cancel)
    , m_deadline(options.timeoutMs) {}

void Evaluator::fail(const QString &message) {
    throw EvalFailure{QueryError::Type::Execution, message};
}

void Evaluator::account(qint64 n) {
    m_currentSamples += n;
    if (m_currentSamples > m_options.maxSamples)
        throw EvalFailure{QueryError::Type::Execution,
                          QStringLiteral("query processing would load too many samples into "
                                         "memory in query execution")};
}

void Evaluator::checkInterrupt() {
    if (m_cancel && m_cancel->load(std::memory_order_relaxed))
        throw EvalFailure{QueryError::Type::Canceled,
                          QStringLiteral("query was canceled in expression evaluation")};
    if (m_deadline.hasExpired())
        throw EvalFailure{QueryError::Type::Timeout,
                          QStringLiteral("query timed out in expression evaluation")};
}

qint64 Evaluator::refTime(const Expr &node, qint64 ts) const {
    qint64 t = ts;
    switch (node.at) {
    case Expr::AtKind::Time:
        t = node.atMs;
        break;
    case Expr::AtKind::Start:
        t = m_start;
        break;
    case Expr::AtKind::End:
        t = m_end;
        break;
    case Expr::AtKind::None:
        break;
    }
    return t - node.offsetMs;
}

void Evaluator::prepare(const Expr &root) {
    window(root, m_start, m_end);
}

void Evaluator::loadAll() {
    std::vector<const Expr *> selectors;
    selectors.reserve(m_selectors.size());
    for (const auto &entry : m_selectors)
        selectors.push_back(entry.first);
    for (const Expr *vs : selectors)
        selector(*vs);
}

void Evaluator::loadAllFromOtherThread() {
    struct InView {
        Labels labels;
        SeriesStore::SeriesId id;
        qint64 newest; // its newest sample's time in the view
    };
    std::vector<std::pair<SelectorData *, std::vector<InView>>> pending;
    {
        const SeriesStore::ReadLock lock(m_store);
        for (auto &[vs, d] : m_selectors) {
            if (d.loaded)
                continue;
            d.loaded = true;
            if (d.lo > d.hi)
                continue;
            std::vector<InView> series;
            for (SeriesStore::SeriesId id : m_store.select(vs->matchers, d.lo, d.hi)) {
                if (const auto last = m_store.lastSample(id))
                    series.push_back({m_store.labels(id), id, last->timestampMs});
            }
            pending.emplace_back(&d, std::move(series));
        }
    }
    constexpr size_t Piece = 256; // series a lock
    for (auto &[data, series] : pending) {
        // Storage returns series sorted by labels; so does the lab.
        std::sort(series.begin(), series.end(),
                  [](const InView &a, const InView &b) { return a.labels < b.labels; });
        SelectorData &d = *data;
        d.metric.reserve(series.size());
        d.samples.reserve(series.size());
        for (size_t i = 0; i < series.size();) {
            checkInterrupt();
            const SeriesStore::ReadLock lock(m_store);
            for (const size_t end = std::min(series.size(), i + Piece); i < end; ++i) {
                // Samples appended since the view was taken are not in it.
                auto s = m_store.samples(series[i].id, d.lo, std::min(d.hi, series[i].newest));
                if (s.empty())
                    continue;
                d.metric.push_back(std::move(series[i].labels));
                d.samples.push_back(std::move(s));
            }
        }
    }
}

// Prometheus's FindMinMaxTime, per selector: the sample window all steps will read.
void Evaluator::window(const Expr &e, qint64 lo, qint64 hi) {
    auto widen = [this](const Expr &vs, qint64 from, qint64 to) {
        SelectorData &d = m_selectors[&vs];
        d.lo = std::min(d.lo, from);
        d.hi = std::max(d.hi, to);
    };
    switch (e.kind) {
    case Expr::Kind::VectorSelector:
        widen(e, refTime(e, lo) - m_options.lookbackMs, refTime(e, hi));
        return;
    case Expr::Kind::MatrixSelector:
        widen(*e.lhs, refTime(*e.lhs, lo) - e.rangeMs, refTime(*e.lhs, hi));
        return;
    case Expr::Kind::Subquery:
        window(*e.lhs, refTime(e, lo) - e.rangeMs, refTime(e, hi));
        return;
    default:
        break;
    }
    for (const Expr *child : {e.lhs.get(), e.rhs.get(), e.param.get()}) {
        if (child)
            window(*child, lo, hi);
    }
    for (const auto &a : e.args)
        window(*a, lo, hi);
}

Evaluator::SelectorData &Evaluator::selector(const Expr &vs) {
    SelectorData &d = m_selectors[&vs];
    if (d.loaded)
        return d;
    d.loaded = true;
    if (d.lo > d.hi)
        return d;
    const auto ids = m_store.select(vs.matchers, d.lo, d.hi);
    std::vector<std::pair<const Labels *, SeriesStore::SeriesId>> order;
    order.reserve(ids.size());
    for (SeriesStore::SeriesId id : ids)
        order.emplace_back(&m_store.labels(id), id);
    // Storage returns series sorted by labels; so does the lab.
    std::sort(order.begin(), order.end(),
              [](const auto &a, const auto &b) { return *a.first < *b.first; });
    d.metric.reserve(order.size());
    d.samples.reserve(order.size());
    for (const auto &[labels, id] : order) {
        if ((++m_ticks & 1023) == 0)
            checkInterrupt();
        auto s = m_store.samples(id, d.lo, d.hi);
        if (s.empty())
            continue;
        d.metric.push_back(*labels);
        d.samples.push_back(std::move(s));
    }
    // Not counted here: as in 2.42, the limit applies to the samples a step takes from the
    // selector (see eval()), not to what storage holds for the whole query.
    return d;
}

Vector Evaluator::vectorSelector(const Expr &vs, qint64 ts, bool sampleTimes) {
    SelectorData &d = selector(vs);
    const qint64 ref = refTime(vs, ts);
    const qint64 oldest = ref - m_options.lookbackMs;
    Vector out;
    for (size_t i = 0; i < d.samples.size(); ++i) {
        const auto &s = d.samples[i];
        auto it = std::upper_bound(s.begin(), s.end(), ref, [](qint64 t, const StoredSample &x) {
            return t < x.timestampMs;
        });
        if (it == s.begin())
            continue;
        --it;
        // 2.42's vectorSelectorSingle: the window [ref - lookback, ref] includes both ends.
        if (it->timestampMs < oldest || isStale(it->value))
            continue;
        out.push_back({d.metric[i], it->value, sampleTimes ? it->timestampMs : ts});
    }
    return out;
}

const Vector &Evaluator::subqueryStep(const Expr &inner, qint64 t) {
    auto &memo = m_subqueries[&inner];
    auto it = memo.find(t);
    if (it != memo.end())
        return it->second;
    StepValue v = eval(inner, t);
    account(qint64(v.vector.size()));
    return memo.emplace(t, std::move(v.vector)).first->second;
}

std::vector<Series> Evaluator::matrixAt(const Expr &e, qint64 ts, qint64 *rangeStart,
                                        qint64 *rangeEnd) {
    std::vector<Series> out;
    if (e.kind == Expr::Kind::MatrixSelector) {
        const Expr &vs = *e.lhs;
        SelectorData &d = selector(vs);
        const qint64 ref = refTime(vs, ts);
        const qint64 from = ref - e.rangeMs;
        *rangeStart = from;
        *rangeEnd = ref;
        for (size_t i = 0; i < d.samples.size(); ++i) {
            const auto &s = d.samples[i];
            auto lo =
                std::lower_bound(s.begin(), s.end(), from,
                                 [](const StoredSample &x, qint64 t) { return x.timestampMs < t; });
            Series series;
            for (auto it = lo; it != s.end() && it->timestampMs <= ref; ++it) {
                if (!isStale(it->value))
                    series.points.push_back({it->timestampMs, it->value});
            }
            if (series.points.empty())
                continue;
            series.metric = d.metric[i];
            out.push_back(std::move(series));
        }
        return out;
    }
    // A subquery: its expression at every multiple of the step inside [ref - range, ref].
    const qint64 ref = refTime(e, ts);
    const qint64 from = ref - e.rangeMs;
    *rangeStart = from;
    *rangeEnd = ref;
    const qint64 step = e.stepMs > 0 ? e.stepMs : m_options.subqueryStepMs;
    qint64 t = floorDiv(from, step) * step;
    if (t < from)
        t += step;
    std::unordered_map<Labels, size_t> index;
    for (; t <= ref; t += step) {
        checkInterrupt();
        for (const Sample &s : subqueryStep(*e.lhs, t)) {
            auto [it, inserted] = index.try_emplace(s.metric, out.size());
            if (inserted)
                out.push_back({s.metric, {}});
            out[it->second].points.push_back({t, s.v});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Series &a, const Series &b) { return a.metric < b.metric; });
    return out;
}

const Labels &Evaluator::dropName(const Labels &l) {
    auto it = m_dropped.find(l);
    if (it != m_dropped.end())
        return it->second;
    Labels dropped = l.has("__name__") ? Labels::Builder(l).remove("__name__").build() : l;
    return m_dropped.emplace(l, std::move(dropped)).first->second;
}

void Evaluator::checkDuplicates(const Vector &v) {
    if (v.size() < 2)
        return;
    // Pointers into v: no label set is copied for the check.
    struct Hash {
        size_t operator()(const Labels *l) const { return l->hash(); }
    };
    struct Equal {
        bool operator()(const Labels *a, const Labels *b) const { return *a == *b; }
    };
    std::unordered_set<const Labels *, Hash, Equal> seen;
    seen.reserve(v.size());
    for (const Sample &s : v) {
        if (!seen.insert(&s.metric).second)
            fail(QStringLiteral("vector cannot contain metrics with the same labelset"));
    }
}

StepValue Evaluator::eval(const Expr &e, qint64 ts) {
    if ((++m_ticks & 63) == 0)
        checkInterrupt();
    StepValue out;
    out.type = e.type();
    switch (e.kind) {
    case Expr::Kind::Number:
        out.scalar = e.number;
        return out;
    case Expr::Kind::String:
        out.string = e.string;
        return out;
    case Expr::Kind::Paren:
        return eval(*e.lhs, ts);
    case Expr::Kind::VectorSelector: {
        out.vector = vectorSelector(e, ts, false);
        // The step's samples on top of what is held (the results so far), as 2.42 counts.
        const qint64 n = qint64(out.vector.size());
        account(n);
        release(n);
        return out;
    }
    case Expr::Kind::MatrixSelector:
    case Expr::Kind::Subquery: {
        qint64 from = 0;
        qint64 to = 0;
        out.matrix = matrixAt(e, ts, &from, &to);
        if (e.kind == Expr::Kind::MatrixSelector) {
            qint64 n = 0;
            for (const Series &s : out.matrix)
                n += qint64(s.points.size());
            account(n); // a range vector's points are held as the result
        }
        return out;
    }
    case Expr::Kind::Unary: {
        out = eval(*e.lhs, ts);
        if (e.op != Tok::Sub)
            return out;
        if (out.type == ValueType::Scalar) {
            out.scalar = -out.scalar;
            return out;
        }
        for (Sample &s : out.vector) {
            s.metric = dropName(s.metric);
            s.v = -s.v;
        }
        checkDuplicates(out.vector);
        return out;
    }
    case Expr::Kind::Binary:
        return binary(e, ts);
    case Expr::Kind::Aggregate:
        return aggregate(e, ts);
    case Expr::Kind::Call:
        return call(e, ts);
    }
    return out;
}

StepValue Evaluator::binary(const Expr &e, qint64 ts) {
    StepValue l = eval(*e.lhs, ts);
    StepValue r = eval(*e.rhs, ts);
    StepValue out;
    if (l.type == ValueType::Scalar && r.type == ValueType::Scalar) {
        out.type = ValueType::Scalar;
        out.scalar = scalarBinop(e.op, l.scalar, r.scalar);
        return out;
    }
    out.type = ValueType::Vector;
    if (l.type == ValueType::Vector && r.type == ValueType::Vector)
        out.vector = vectorBinop(e, std::move(l.vector), std::move(r.vector));
    else if (l.type == ValueType::Vector)
        out.vector = vectorScalarBinop(e.op, std::move(l.vector), r.scalar, false, e.returnBool);
    else
        out.vector = vectorScalarBinop(e.op, std::move(r.vector), l.scalar, true, e.returnBool);
    checkDuplicates(out.vector);
    return out;
}

Vector Evaluator::vectorScalarBinop(Tok op, Vector vec, double scalar, bool swap, bool returnBool) {
    Vector out;
    out.reserve(vec.size());
    for (Sample &s : vec) {
        double lv = s.v;
        double rv = scalar;
        if (swap)
            std::swap(lv, rv);
        auto [value, keep] = elemBinop(op, lv, rv);
        // A comparison with the scalar on the left still filters and keeps the vector's value.
        if (isComparison(op) && swap)
            value = rv;
        if (returnBool) {
            value = keep ? 1.0 : 0.0;
            keep = true;
        }
        if (!keep)
            continue;
        s.v = value;
        if (dropsMetricName(op) || returnBool)
            s.metric = dropName(s.metric);
        out.push_back(std::move(s));
    }
    return out;
}

Vector Evaluator::vectorBinop(const Expr &e, Vector lhs, Vector rhs) {
    const VectorMatching &m = *e.matching;
    auto sigOf = [&m](const Labels &l) { return signature(l, m.on, m.matchingLabels); };
    Vector out;
    if (e.op == Tok::LAnd || e.op == Tok::LOr || e.op == Tok::LUnless) {
        if (e.op == Tok::LOr) {
            if (lhs.empty())
                return rhs;
            if (rhs.empty())
                return lhs;
            std::unordered_set<QByteArray> leftSigs;
            for (const Sample &s : lhs)
                leftSigs.insert(sigOf(s.metric));
            out = std::move(lhs);
            for (Sample &s : rhs) {
                if (!leftSigs.count(sigOf(s.metric)))
                    out.push_back(std::move(s));
            }
            return out;
        }
        if (lhs.empty() || rhs.empty())
            return e.op == Tok::LUnless ? lhs : Vector();
        std::unordered_set<QByteArray> rightSigs;
        for (const Sample &s : rhs)
            rightSigs.insert(sigOf(s.metric));
        const bool wantMatch = e.op == Tok::LAnd;
        for (Sample &s : lhs) {
            if (bool(rightSigs.count(sigOf(s.metric))) == wantMatch)
                out.push_back(std::move(s));
        }
        return out;
    }
    if (lhs.empty() || rhs.empty())
        return out;
    const bool oneToMany = m.card == VectorMatching::Card::OneToMany;
    if (oneToMany)
        std::swap(lhs, rhs);
    std::unordered_map<QByteArray, size_t> rightSigs;
    for (size_t i = 0; i < rhs.size(); ++i) {
        auto [it, inserted] = rightSigs.try_emplace(sigOf(rhs[i].metric), i);
        if (!inserted) {
            fail(QStringLiteral("found duplicate series for the match group %1 on the %2 "
                                "hand-side of the operation: [%3, %4];many-to-many matching not "
                                "allowed: matching labels must be unique on one side")
                     .arg(labelsString(matchLabels(rhs[i].metric, m.on, m.matchingLabels)),
                          oneToMany ? QStringLiteral("left") : QStringLiteral("right"),
                          labelsString(rhs[i].metric), labelsString(rhs[it->second].metric)));
        }
    }
    std::unordered_map<QByteArray, std::unordered_set<Labels>> matched;
    for (Sample &ls : lhs) {
        const QByteArray sig = sigOf(ls.metric);
        const auto found = rightSigs.find(sig);
        if (found == rightSigs.end())
            continue;
        const Sample &rs = rhs[found->second];
        double vl = ls.v;
        double vr = rs.v;
        if (oneToMany)
            std::swap(vl, vr);
        auto [value, keep] = elemBinop(e.op, vl, vr);
        if (e.returnBool)
            value = keep ? 1.0 : 0.0;
        else if (!keep)
            continue;
        // resultMetric: the "many" side's labels, narrowed for one-to-one matching, plus the
        // group_x labels taken from the "one" side.
        Labels::Builder b(ls.metric);
        if (dropsMetricName(e.op))
            b.remove("__name__");
        if (m.card == VectorMatching::Card::OneToOne) {
            for (int i = 0; i < ls.metric.size(); ++i) {
                const QByteArrayView n = ls.metric.nameView(i);
                if (contains(m.matchingLabels, n) != m.on)
                    b.remove(n);
            }
        }
        for (const QByteArray &n : m.include) {
            const QByteArray v = rs.metric.value(n);
            if (v.isEmpty())
                b.remove(n);
            else
                b.set(n, v);
        }
        Labels metric = b.build();
        if (e.returnBool)
            metric = dropName(metric);
        auto &inserted = matched[sig];
        if (m.card == VectorMatching::Card::OneToOne) {
            if (!inserted.empty())
                fail(QStringLiteral("multiple matches for labels: many-to-one matching must be "
                                    "explicit (group_left/group_right)"));
            inserted.insert(Labels());
        } else if (!inserted.insert(metric).second) {
            fail(QStringLiteral("multiple matches for labels: grouping labels must ensure unique "
                                "matches"));
        }
        out.push_back({std::move(metric), value, ls.t});
    }
    return out;
}

} // namespace ppl::query
