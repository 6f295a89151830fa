#include "chartdecimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ppl {

namespace {

// Accumulates one pixel column and flushes its (up to) four points in time order.
class ColumnReducer {
public:
    explicit ColumnReducer(QList<QPointF> *out)
        : m_out(out) {}

    void add(qint64 column, const StoredSample &s) {
        if (m_open && column != m_column)
            flush();
        if (!m_open) {
            m_open = true;
            m_column = column;
            m_first = m_min = m_max = m_last = s;
            m_minSeq = m_maxSeq = m_lastSeq = 0;
            m_seq = 0;
            return;
        }
        ++m_seq;
        // Ties keep the earliest extreme so equal values do not add points.
        if (s.value < m_min.value) {
            m_min = s;
            m_minSeq = m_seq;
        }
        if (s.value > m_max.value) {
            m_max = s;
            m_maxSeq = m_seq;
        }
        m_last = s;
        m_lastSeq = m_seq;
    }

    void flush() {
        if (!m_open)
            return;
        m_open = false;
        push(m_first, 0);
        // min and max in the order they occurred; skip any that coincide with first/last.
        const bool minFirst = m_minSeq <= m_maxSeq;
        const StoredSample &a = minFirst ? m_min : m_max;
        const StoredSample &b = minFirst ? m_max : m_min;
        const int aSeq = minFirst ? m_minSeq : m_maxSeq;
        const int bSeq = minFirst ? m_maxSeq : m_minSeq;
        int emitted = 0;
        if (aSeq != 0 && aSeq != m_lastSeq) {
            push(a, aSeq);
            emitted = aSeq;
        }
        if (bSeq != 0 && bSeq != m_lastSeq && bSeq != emitted)
            push(b, bSeq);
        if (m_lastSeq != 0)
            push(m_last, m_lastSeq);
    }

private:
    void push(const StoredSample &s, int) { m_out->append(QPointF(qreal(s.timestampMs), s.value)); }

    QList<QPointF> *m_out;
    bool m_open = false;
    qint64 m_column = 0;
    StoredSample m_first{}, m_min{}, m_max{}, m_last{};
    int m_seq = 0, m_minSeq = 0, m_maxSeq = 0, m_lastSeq = 0;
};

QList<QPointF> toSteps(const QList<QPointF> &points) {
    QList<QPointF> out;
    out.reserve(points.size() * 2);
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i > 0)
            out.append(QPointF(points[i].x(), points[i - 1].y()));
        out.append(points[i]);
    }
    return out;
}

} // namespace

std::vector<QList<QPointF>> ChartDecimator::decimate(std::span<const StoredSample> samples,
                                                     const Params &params) {
    std::vector<QList<QPointF>> segments;
    if (samples.empty() || params.toMs <= params.fromMs || params.columns <= 0)
        return segments;

    const auto byTime = [](const StoredSample &s, qint64 t) { return s.timestampMs < t; };
    auto lo = std::lower_bound(samples.begin(), samples.end(), params.fromMs, byTime);
    auto hi = std::upper_bound(samples.begin(), samples.end(), params.toMs,
                               [](qint64 t, const StoredSample &s) { return t < s.timestampMs; });
    // One neighbour on each side, as the full polyline would cross the plot edge.
    if (lo != samples.begin())
        --lo;
    if (hi != samples.end())
        ++hi;

    const double span = double(params.toMs - params.fromMs);
    const auto columnOf = [&](qint64 t) -> qint64 {
        if (t < params.fromMs)
            return -1;
        if (t > params.toMs)
            return params.columns;
        return std::min<qint64>(
            qint64(std::floor(double(t - params.fromMs) * params.columns / span)),
            params.columns - 1);
    };

    QList<QPointF> current;
    ColumnReducer reducer(&current);
    qint64 previousT = 0;
    bool havePrevious = false;
    const auto endSegment = [&] {
        reducer.flush();
        if (!current.isEmpty())
            segments.push_back(params.step ? toSteps(current) : current);
        current = QList<QPointF>();
        havePrevious = false;
    };

    for (auto it = lo; it != hi; ++it) {
        if (std::isnan(it->value)) { // stale marker, or a NaN Prometheus would not draw
            endSegment();
            continue;
        }
        if (havePrevious && params.gapMs > 0 && it->timestampMs - previousT > params.gapMs)
            endSegment();
        reducer.add(columnOf(it->timestampMs), *it);
        previousT = it->timestampMs;
        havePrevious = true;
    }
    endSegment();
    return segments;
}

void ChartDecimator::simplify(QList<QPointF> &points, double xUnitsPerPx, double yUnitsPerPx,
                              double tolerancePx) {
    const qsizetype n = points.size();
    if (n < 3 || !(xUnitsPerPx > 0) || !(yUnitsPerPx > 0) || !(tolerancePx > 0))
        return;
    // Work in pixels. A "cone" of slopes from the anchor keeps every skipped point within the
    // tolerance of the line from the anchor to the candidate: each point narrows the cone to
    // the slopes passing within tolerance of it, and a point whose own slope leaves the cone
    // ends the run (its predecessor candidate becomes a vertex). One pass, no backtracking.
    const auto px = [&](const QPointF &p) {
        return QPointF(p.x() / xUnitsPerPx, p.y() / yUnitsPerPx);
    };
    constexpr double Inf = std::numeric_limits<double>::infinity();
    qsizetype out = 1; // points[0] stays
    QPointF anchor = px(points[0]);
    qsizetype candidate = -1;
    double lo = -Inf, hi = Inf;
    const auto keepVertex = [&](qsizetype i) {
        points[out++] = points[i];
        anchor = px(points[i]);
        candidate = -1;
        lo = -Inf;
        hi = Inf;
    };
    for (qsizetype i = 1; i < n;) {
        const QPointF p = px(points[i]);
        const double dx = p.x() - anchor.x();
        const double dy = p.y() - anchor.y();
        if (dx <= 1e-9) { // the same instant: a step's riser, or a repeated sample
            if (candidate < 0 && std::abs(dy) <= tolerancePx) {
                ++i; // drawn on the anchor's pixel anyway
                continue;
            }
            if (candidate >= 0)
                keepVertex(candidate);
            else
                keepVertex(i++);
            continue;
        }
        const double slope = dy / dx;
        const double slack = tolerancePx / dx;
        if (slope >= lo && slope <= hi) {
            candidate = i++;
            lo = std::max(lo, slope - slack);
            hi = std::min(hi, slope + slack);
            continue;
        }
        keepVertex(
            candidate); // candidate >= 0: the first point after an anchor always fits the cone
    }
    if (candidate >= 0)
        points[out++] = points[candidate];
    points.resize(out);
}

qsizetype ChartDecimator::pointCount(const std::vector<QList<QPointF>> &segments) {
    qsizetype n = 0;
    for (const auto &s : segments)
        n += s.size();
    return n;
}

} // namespace ppl
