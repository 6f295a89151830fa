#include "chartplotitem.h"

#include <QChart>
#include <QPainter>

#include <cmath>

namespace ppl {

ChartPlotItem::ChartPlotItem(QChart *chart)
    : QGraphicsItem(chart)
    , m_chart(chart) {
    setZValue(10); // above the grid, below nothing that matters (legend lives outside)
    setAcceptedMouseButtons(Qt::NoButton);
}

void ChartPlotItem::setLines(std::vector<Line> lines) {
    m_lines = std::move(lines);
    const QRectF plot = m_chart->plotArea();
    if (plot != m_rect) {
        prepareGeometryChange();
        m_rect = plot;
    }
    update();
}

void ChartPlotItem::setDomain(qreal xMin, qreal xMax, qreal yMin, qreal yMax) {
    m_xMin = xMin;
    m_xMax = xMax > xMin ? xMax : xMin + 1;
    m_yMin = yMin;
    m_yMax = yMax > yMin ? yMax : yMin + 1;
}

QRectF ChartPlotItem::boundingRect() const {
    return m_rect;
}

void ChartPlotItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) {
    const QRectF plot = m_chart->plotArea();
    if (plot.isEmpty())
        return;
    painter->save();
    painter->setClipRect(plot);
    painter->setRenderHint(QPainter::Antialiasing, m_antialiased);
    const qreal sx = plot.width() / (m_xMax - m_xMin);
    const qreal sy = plot.height() / (m_yMax - m_yMin);
    QPolygonF poly;
    for (const Line &line : m_lines) {
        // A wide pen makes the raster engine stroke the polyline into a polygon and fill it;
        // for a zigzag denser than the pixels that polygon's edges all overlap and filling
        // it costs far more than the points. Hairlines take the cosmetic stroker's fast path;
        // drawing one again a pixel further gives the wide look at a fraction of the cost.
        QPen pen = line.pen;
        const int passes = line.dense ? std::max(1, int(std::round(pen.widthF()))) : 1;
        if (line.dense)
            pen.setWidth(0);
        painter->setPen(pen);
        for (int pass = 0; pass < passes; ++pass)
            for (const auto &segment : line.segments) {
                poly.resize(segment.size());
                for (qsizetype i = 0; i < segment.size(); ++i)
                    poly[i] = QPointF(plot.left() + pass + (segment[i].x() - m_xMin) * sx,
                                      plot.bottom() - pass - (segment[i].y() - m_yMin) * sy);
                if (poly.size() == 1) // a lone sample between two breaks: show it as a dot
                    painter->drawPoint(poly.front());
                else
                    painter->drawPolyline(poly);
            }
    }
    painter->restore();
}

} // namespace ppl
