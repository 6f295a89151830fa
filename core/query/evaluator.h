#pragma once

#include "engine.h"
#include "storage/seriesstore.h"

#include <QDeadlineTimer>

#include <cstring>

#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ppl::query {

struct Sample {
    Labels metric;
    double v = 0;
    qint64 t = 0; // the step's time, or the sample's own time for timestamp(selector)
};
using Vector = std::vector<Sample>;

// One value at one evaluation step.
struct StepValue {
    ValueType type = ValueType::None;
    double scalar = 0;
    QByteArray string;
    Vector vector;
    std::vector<Series> matrix; // range selectors and subqueries
};

// An evaluation failure; turned into a QueryError at the engine's edge.
struct EvalFailure {
    QueryError::Type type;
    QString message;
};

// One query's evaluation: Prometheus's rangeEval reduced to its meaning, an expression
// evaluated at each step on its own. Selectors load their samples once for the whole query
// (the window every step needs), subquery steps are memoised by time, so a range query does
// not redo work per step.
class Evaluator {
public:
    Evaluator(const SeriesStore &store, const Engine::Options &options, qint64 start, qint64 end,
              qint64 interval, const std::atomic_bool *cancel);

    void prepare(const Expr &root);
    // Loads every selector's samples now (after prepare()); afterwards eval() reads no store.
    void loadAll();
    // The same from a thread other than the store's: under the store's ReadLock, first every
    // selector's series and each one's newest sample at once (the consistent view), then their
    // samples up to that newest one in short pieces, so that the store's thread never waits
    // long for this reader.
    void loadAllFromOtherThread();
    void setCancel(const std::atomic_bool *cancel) { m_cancel = cancel; }
    StepValue eval(const Expr &e, qint64 ts);
    // Adds n samples to the samples held now; fails past the limit.
    void account(qint64 n);
    void release(qint64 n) { m_currentSamples -= n; }
    void checkInterrupt();

    [[noreturn]] static void fail(const QString &message);
    // The labels without __name__ (memoised: the same series drops its name every step).
    const Labels &dropName(const Labels &l);

private:
    struct SelectorData {
        std::vector<Labels> metric;
        std::vector<std::vector<StoredSample>> samples;
        std::vector<Labels> withoutName; // metric without __name__, made on first need
        std::vector<size_t> cursor;      // where the last window started, per series
        bool loaded = false;
        qint64 lo = std::numeric_limits<qint64>::max();
        qint64 hi = std::numeric_limits<qint64>::min();
    };

    void window(const Expr &e, qint64 lo, qint64 hi);
    SelectorData &selector(const Expr &vs);
    qint64 refTime(const Expr &node, qint64 ts) const;

    Vector vectorSelector(const Expr &vs, qint64 ts, bool sampleTimes);
    // The series of a range selector or subquery at ts (stale markers dropped, empty series
    // left out); *rangeStart/*rangeEnd receive the window for extrapolating functions.
    std::vector<Series> matrixAt(const Expr &e, qint64 ts, qint64 *rangeStart, qint64 *rangeEnd);
    const Vector &subqueryStep(const Expr &inner, qint64 t);

    StepValue binary(const Expr &e, qint64 ts);
    Vector vectorBinop(const Expr &e, Vector lhs, Vector rhs);
    Vector vectorScalarBinop(Tok op, Vector vec, double scalar, bool swap, bool returnBool);
    StepValue aggregate(const Expr &e, qint64 ts);

public:
    // A range query of sum/avg/count/min/max/group over a range function of one range
    // selector, evaluated series by series (the window slides along each series once, each
    // series' group is found once) instead of step by step; the same values, in the same
    // order of addition. False (nothing done) when the expression is not of that shape.
    bool rangeAggregate(const Expr &root, qint64 start, qint64 end, qint64 step,
                        QueryResult *result);

private:
    StepValue call(const Expr &e, qint64 ts);
    StepValue callOverRange(const Expr &e, qint64 ts, size_t matrixArg);

    static void checkDuplicates(const Vector &v);

    const SeriesStore &m_store;
    Engine::Options m_options;
    qint64 m_start;
    qint64 m_end;
    qint64 m_interval;
    const std::atomic_bool *m_cancel;
    QDeadlineTimer m_deadline;
    qint64 m_currentSamples = 0;
    int m_ticks = 0;
    std::unordered_map<const Expr *, SelectorData> m_selectors;
    std::unordered_map<const Expr *, std::map<qint64, Vector>> m_subqueries;
    std::unordered_map<Labels, Labels> m_dropped;
};

// The stale marker's exact bits (inline: it is checked for every sample read).
inline bool isStale(double v) {
    quint64 bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits == StaleNaNBits;
}
// A range-vector function (rate, *_over_time, …) over one series' points in
// [rangeStart, rangeEnd]; nullopt when it gives no sample. scalars: the call's other arguments
// by position.
std::optional<double> rangeFunctionValue(const QByteArray &name, const std::vector<Point> &p,
                                         qint64 rangeStart, qint64 rangeEnd, qint64 rangeMs,
                                         const std::vector<double> &scalars, qint64 ts);
// Go's strconv.FormatFloat(v, 'f', -1, 64) (count_values' label values).
QByteArray formatFloat(double v);
// quantile.go's quantile() over plain values.
double quantileOf(double q, std::vector<double> values);

} // namespace ppl::query
