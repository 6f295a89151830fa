#pragma once

#include "storage/seriesstore.h"

#include <QList>
#include <QPointF>

#include <span>
#include <vector>

namespace ppl {

// Reduces a series to what a chart `columns` pixels wide can show, so drawing cost is bounded
// by pixels instead of samples (Qt Charts draws every point it is given and does no
// decimation of its own). Per pixel column it keeps the first, minimum, maximum and last
// sample, in time order: the polyline through those covers exactly the pixels the full
// polyline covers (the column's vertical span and both connections to its neighbours).
//
// Qt Charts cannot draw a gap inside one QLineSeries, so the result is a list of segments:
// a stale marker (or any NaN), or two samples further apart than gapMs, ends a segment.
// The caller draws each segment as its own QLineSeries (see LiveChart).
class ChartDecimator {
public:
    struct Params {
        qint64 fromMs = 0;
        qint64 toMs = 0;
        int columns = 1;   // plot width in device pixels
        qint64 gapMs = 0;  // 0: only stale markers/NaN break a line
        bool step = false; // draw as a step chart (value holds until the next sample)
    };

    // `samples` in time order. Keeps one sample before fromMs and one after toMs so lines
    // enter and leave the plot as the full series would. x is the timestamp in ms, y the value.
    static std::vector<QList<QPointF>> decimate(std::span<const StoredSample> samples,
                                                const Params &params);

    // Drops the points a straight line between their neighbours stands in for, to within
    // `tolerancePx` vertically once drawn (x and y given in units per device pixel). After
    // decimate() a smooth curve still has two points a column; most of them lie on a line,
    // and every point is a vertex the renderer sets up (the OpenGL path pays per vertex).
    // Points stay in order; the first and last are kept; runs at one x (steps) are kept.
    static void simplify(QList<QPointF> &points, double xUnitsPerPx, double yUnitsPerPx,
                         double tolerancePx = 0.5);

    // Total number of points over all segments (for statistics and tests).
    static qsizetype pointCount(const std::vector<QList<QPointF>> &segments);
};

} // namespace ppl
