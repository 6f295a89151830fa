#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QPen>
#include <QPointF>

#include <vector>

class QChart;

namespace ppl {

// Draws already-decimated lines over a QChart's plot area on the raster path. Qt Charts'
// own QLineSeries, when not on OpenGL, strokes every point twice per update (once for its
// hover shape with QPainterPathStroker, once to paint), which costs more than the drawing
// itself; this item only paints, and LiveChart does its own hover lookup.
class ChartPlotItem : public QGraphicsItem {
public:
    struct Line {
        QPen pen;
        std::vector<QList<QPointF>> segments; // x: ms since epoch, y: value
        // More points than pixel columns: drawn as one bar per column (ColumnSpans).
        bool dense = false;
    };

    // Where a series went stale: drawn as a small "no entry" sign (a ring with a bar) at the
    // end of its line, in the series' colour on a white disc, so it reads without colour.
    struct StaleMark {
        QPointF at; // x: ms since epoch, y: the series' last value (the line's end)
        QColor color;
    };
    static constexpr qreal StaleMarkRadius = 5;

    explicit ChartPlotItem(QChart *chart);

    void setLines(std::vector<Line> lines);
    void setStaleMarks(std::vector<StaleMark> marks) { m_marks = std::move(marks); }
    // The value range the plot area shows (the axes' ranges).
    void setDomain(qreal xMin, qreal xMax, qreal yMin, qreal yMax);
    void setAntialiased(bool on) { m_antialiased = on; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    std::vector<Line> m_lines;
    std::vector<StaleMark> m_marks;
    qreal m_xMin = 0, m_xMax = 1, m_yMin = 0, m_yMax = 1;
    bool m_antialiased = true;
    QRectF m_rect;
};

} // namespace ppl
