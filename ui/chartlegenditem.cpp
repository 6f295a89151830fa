#include "chartlegenditem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

constexpr qreal SwatchWidth = 18;
constexpr qreal Gap = 6;      // swatch to text
constexpr qreal Spacing = 14; // between entries

QString moreText(int n) {
    return QCoreApplication::translate("ppl::LiveChart", "+%n more", nullptr, n);
}

} // namespace

ChartLegendItem::ChartLegendItem(QGraphicsItem *parent)
    : QGraphicsItem(parent) {
    setZValue(11);
    setAcceptedMouseButtons(Qt::NoButton);
}

qreal ChartLegendItem::setEntries(std::vector<Entry> entries, const QFont &font, qreal width,
                                  int maxRows) {
    prepareGeometryChange();
    m_placed.clear();
    m_hidden = 0;
    m_font = font;
    const QFontMetricsF fm(font);
    const qreal rowHeight = std::ceil(fm.height() + 2);
    const qreal maxText = std::max<qreal>(60, width / 2 - SwatchWidth - Gap);
    maxRows = std::max(1, maxRows);
    QStringList tip;
    std::vector<QString> texts;
    for (const Entry &e : entries) {
        tip << e.full;
        texts.push_back(fm.elidedText(e.text, Qt::ElideMiddle, maxText));
    }
    // Wraps the entries into rows; on the last allowed row, keeps `reserve` free at the end.
    const auto place = [&](qreal reserve) {
        m_placed.clear();
        qreal x = 0;
        int row = 0;
        for (size_t i = 0; i < entries.size(); ++i) {
            const qreal w = SwatchWidth + Gap + fm.horizontalAdvance(texts[i]);
            const qreal limit = row == maxRows - 1 ? width - reserve : width;
            if (x > 0 && x + w > limit) {
                if (row == maxRows - 1)
                    return i; // the rest does not fit
                ++row;
                x = 0;
            }
            m_placed.push_back(
                {QRectF(x, row * rowHeight, w, rowHeight), texts[i], entries[i].pen, false});
            x += w + Spacing;
        }
        return entries.size();
    };
    const QString widestMore = moreText(int(entries.size()));
    if (const size_t fitted = place(0); fitted < entries.size()) {
        const size_t shown = place(Spacing + fm.horizontalAdvance(widestMore));
        m_hidden = int(entries.size() - shown);
        const qreal x = m_placed.empty() ? 0 : m_placed.back().rect.right() + Spacing;
        const qreal y = m_placed.empty() ? 0 : m_placed.back().rect.top();
        const QString more = moreText(m_hidden);
        m_placed.push_back(
            {QRectF(x, y, fm.horizontalAdvance(more) + 2, rowHeight), more, QPen(), true});
    }
    const int rows = m_placed.empty() ? 0 : int(m_placed.back().rect.bottom() / rowHeight + 0.5);
    m_rect = QRectF(0, 0, width, rows * rowHeight);
    setToolTip(tip.join(QLatin1Char('\n')));
    update();
    return m_rect.height();
}

QStringList ChartLegendItem::shownTexts() const {
    QStringList out;
    for (const Placed &p : m_placed)
        out << p.text;
    return out;
}

QRectF ChartLegendItem::boundingRect() const {
    return m_rect;
}

void ChartLegendItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) {
    painter->save();
    painter->setFont(m_font);
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor textColor = widget ? widget->palette().color(QPalette::WindowText) : Qt::black;
    for (const Placed &p : m_placed) {
        QRectF textRect = p.rect;
        if (!p.more) {
            QPen pen = p.pen;
            pen.setWidthF(std::max<qreal>(2, pen.widthF()) + 1);
            pen.setCapStyle(Qt::FlatCap);
            painter->setPen(pen);
            const qreal y = p.rect.center().y();
            painter->drawLine(QPointF(p.rect.left(), y), QPointF(p.rect.left() + SwatchWidth, y));
            textRect.setLeft(p.rect.left() + SwatchWidth + Gap);
        }
        painter->setPen(textColor);
        QFont f = m_font;
        f.setItalic(p.more);
        painter->setFont(f);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, p.text);
    }
    painter->restore();
}

} // namespace ppl
