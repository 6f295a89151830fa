#pragma once

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QPainter;

namespace ppl {

class Lab;

// What the timeline and the timestamp view share: a window of the lab clock's recent past
// that scrolls by repainting a few times a second (about a pixel a repaint, never more than 4
// a second), freezes when paused, and scales its fonts with the projector zoom exactly once
// (from the application's font: the window already zooms the font it hands down).
class ScrollingTimeView : public QWidget {
    Q_OBJECT
public:
    void setWindowMs(qint64 ms); // at least 10 s
    qint64 windowMs() const { return m_windowMs; }
    void setPaused(bool paused); // the view stops at the lab time it was paused at
    bool isPaused() const { return m_paused; }
    void setZoom(qreal zoom);
    qreal zoom() const { return m_zoom; }
    QFont scaledFont() const; // the application's font times the zoom

protected:
    explicit ScrollingTimeView(Lab *lab, QWidget *parent = nullptr);
    qint64 nowMs() const;         // the lab clock, or the moment of pausing
    virtual void zoomChanged() {} // fonts of child widgets, layout

    // The mark shapes both views draw, centred on c with half-size r: the same symbol must
    // mean the same thing in either (triangle a push, cross a failure, square "no value").
    static void drawTriangle(QPainter &p, QPointF c, qreal r, const QColor &colour);
    static void drawCross(QPainter &p, QPointF c, qreal r, const QColor &colour, qreal width);
    static void drawSquare(QPainter &p, QPointF c, qreal r, const QColor &colour, qreal width);

    QPointer<Lab> m_lab;
    qint64 m_windowMs = 5 * 60'000;
    qreal m_zoom = 1;

private:
    qint64 m_frozenMs = 0;
    bool m_paused = false;
    QTimer m_repaint;
};

} // namespace ppl
