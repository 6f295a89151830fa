#include "chartplotitem.h"

#include "columnspans.h"

#include <QChart>
#include <QPainter>

#include <algorithm>
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
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPolygonF poly;
    // A segment in pixels: origin + the value's offset in the plot, times scale.
    const auto toPixels = [&](const QList<QPointF> &segment, QPointF origin, qreal scale) {
        poly.resize(segment.size());
        for (qsizetype i = 0; i < segment.size(); ++i)
            poly[i] = QPointF(origin.x() + (segment[i].x() - m_xMin) * sx,
                              origin.y() - (segment[i].y() - m_yMin) * sy) *
                      scale;
    };
    QImage layer; // the dense lines, if any
    for (const Line &line : m_lines) {
        if (line.dense) {
            // Denser than the pixels: one bar per column (see ColumnSpans), written straight
            // into a layer in device pixels, composed over the other lines (a noisy band
            // would hide a thin line under it anyway). The pen gives colour and width only.
            if (layer.isNull()) {
                layer = QImage(
                    QSize(int(std::ceil(plot.width() * dpr)), int(std::ceil(plot.height() * dpr))),
                    QImage::Format_ARGB32_Premultiplied);
                layer.fill(Qt::transparent);
            }
            ColumnSpans spans(layer.width());
            for (const auto &segment : line.segments) {
                toPixels(segment, QPointF(0, plot.height()), dpr);
                spans.addPolyline(poly.constData(), poly.size());
            }
            spans.fill(layer, qPremultiply(line.pen.color().rgba()),
                       int(std::round(line.pen.widthF() * dpr)));
            continue;
        }
        // Hairlines take the cosmetic stroker's fast path (wide pens are stroked into
        // polygons and filled, dashes included, at many times the cost); a second hairline a
        // pixel further gives the wide look.
        QPen pen = line.pen;
        const int passes = std::max(1, int(std::round(pen.widthF())));
        pen.setWidth(0);
        painter->setPen(pen);
        for (int pass = 0; pass < passes; ++pass)
            for (const auto &segment : line.segments) {
                toPixels(segment, QPointF(plot.left() + pass, plot.bottom() - pass), 1.0);
                if (poly.size() == 1) // a lone sample between two breaks: show it as a dot
                    painter->drawPoint(poly.front());
                else
                    painter->drawPolyline(poly);
            }
    }
    if (!layer.isNull()) {
        layer.setDevicePixelRatio(dpr);
        painter->drawImage(plot.topLeft(), layer);
    }
    if (!m_marks.empty()) {
        painter->setRenderHint(QPainter::Antialiasing, true);
        const qreal r = StaleMarkRadius;
        // A mark at the right edge (the series just went stale) is shown whole.
        painter->setClipRect(plot.adjusted(-r - 2, -r - 2, r + 2, r + 2));
        for (const StaleMark &m : m_marks) {
            const QPointF c(plot.left() + (m.at.x() - m_xMin) * sx,
                            std::clamp(plot.bottom() - (m.at.y() - m_yMin) * sy, plot.top() + r,
                                       plot.bottom() - r));
            painter->setPen(QPen(m.color, 2));
            painter->setBrush(Qt::white);
            painter->drawEllipse(c, r, r);
            painter->drawLine(c + QPointF(-r * 0.7, r * 0.7), c + QPointF(r * 0.7, -r * 0.7));
        }
        painter->setBrush(Qt::NoBrush);
    }
    painter->restore();
}

} // namespace ppl
