#include "scrollingtimeview.h"

#include "lab/lab.h"
#include "util/clock.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ppl {

ScrollingTimeView::ScrollingTimeView(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab) {
    connect(&m_repaint, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_paused)
            update();
    });
    setWindowMs(m_windowMs);
    m_repaint.start();
}

void ScrollingTimeView::setWindowMs(qint64 ms) {
    m_windowMs = std::max<qint64>(10'000, ms);
    m_repaint.setInterval(int(std::clamp<qint64>(m_windowMs / 1000, 250, 2000)));
    update();
}

void ScrollingTimeView::setPaused(bool paused) {
    m_paused = paused;
    m_frozenMs = (m_lab ? m_lab->clock() : Clock::system())->nowMs();
    update();
}

void ScrollingTimeView::setZoom(qreal zoom) {
    m_zoom = zoom;
    zoomChanged();
    update();
}

QFont ScrollingTimeView::scaledFont() const {
    QFont f = QApplication::font(this);
    f.setPointSizeF(f.pointSizeF() * m_zoom);
    return f;
}

qint64 ScrollingTimeView::nowMs() const {
    if (m_paused)
        return m_frozenMs;
    return (m_lab ? m_lab->clock() : Clock::system())->nowMs();
}

void ScrollingTimeView::drawTriangle(QPainter &p, QPointF c, qreal r, const QColor &colour) {
    QPainterPath tri;
    tri.moveTo(c + QPointF(0, -r * 1.2));
    tri.lineTo(c + QPointF(r, r));
    tri.lineTo(c + QPointF(-r, r));
    tri.closeSubpath();
    p.fillPath(tri, colour);
}

void ScrollingTimeView::drawCross(QPainter &p, QPointF c, qreal r, const QColor &colour,
                                  qreal width) {
    p.setPen(QPen(colour, width));
    p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
    p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
}

void ScrollingTimeView::drawSquare(QPainter &p, QPointF c, qreal r, const QColor &colour,
                                   qreal width) {
    p.setPen(QPen(colour, width));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(c - QPointF(r, r), QSizeF(2 * r, 2 * r)));
}

} // namespace ppl
