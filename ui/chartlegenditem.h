#pragma once

#include <QFont>
#include <QGraphicsItem>
#include <QPen>
#include <QStringList>

#include <vector>

namespace ppl {

// The chart's legend, drawn by LiveChart under the plot instead of Qt Charts' QLegend (which
// lays out one row, elides every label to fit and, with many series, has nowhere to go).
// Entries wrap into as many rows as allowed; a label longer than half the width is elided in
// the middle (the distinguishing end of "…:41451" stays); entries that do not fit become one
// "+K more" entry, and the tooltip lists every entry in full.
class ChartLegendItem : public QGraphicsItem {
public:
    struct Entry {
        QString text; // the compact label shown
        QString full; // the whole label set, for the tooltip
        QPen pen;
    };

    explicit ChartLegendItem(QGraphicsItem *parent = nullptr);

    // Lays the entries out in `width` with at most maxRows rows; returns the height used.
    qreal setEntries(std::vector<Entry> entries, const QFont &font, qreal width, int maxRows);
    // What is shown, in order: the (elided) labels, then "+K more" if some did not fit.
    QStringList shownTexts() const;
    int hiddenCount() const { return m_hidden; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Placed {
        QRectF rect; // swatch and text
        QString text;
        QPen pen;
        bool more = false;
    };
    std::vector<Placed> m_placed;
    QFont m_font;
    QRectF m_rect;
    int m_hidden = 0;
};

} // namespace ppl
