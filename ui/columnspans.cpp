#include "columnspans.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ppl {

ColumnSpans::ColumnSpans(int columns)
    : m_top(size_t(std::max(0, columns)), std::numeric_limits<float>::infinity())
    , m_bottom(size_t(std::max(0, columns)), -std::numeric_limits<float>::infinity()) {}

void ColumnSpans::cover(int column, double y0, double y1) {
    if (column < 0 || column >= columns())
        return;
    const auto c = size_t(column);
    m_top[c] = std::min(m_top[c], float(std::min(y0, y1)));
    m_bottom[c] = std::max(m_bottom[c], float(std::max(y0, y1)));
}

void ColumnSpans::addPolyline(const QPointF *points, qsizetype count) {
    if (count <= 0 || m_top.empty())
        return;
    if (count == 1) { // a lone sample: its own pixel
        cover(int(std::floor(points[0].x())), points[0].y(), points[0].y());
        return;
    }
    const double right = double(columns());
    for (qsizetype i = 0; i + 1 < count; ++i) {
        QPointF a = points[i], b = points[i + 1];
        if (b.x() < a.x())
            std::swap(a, b);
        if (b.x() < 0 || a.x() >= right)
            continue;
        const double dx = b.x() - a.x();
        const auto yAt = [&](double x) {
            return dx <= 0 ? a.y() : a.y() + (b.y() - a.y()) * (x - a.x()) / dx;
        };
        if (int(a.x()) == int(b.x()) && a.x() >= 0) { // inside one column (dense lines)
            cover(int(a.x()), a.y(), b.y());
            continue;
        }
        const int first = std::max(0, int(std::floor(a.x())));
        const int last = std::min(columns() - 1, int(std::floor(b.x())));
        if (dx <= 0) { // vertical
            cover(first, a.y(), b.y());
            continue;
        }
        // Each column the segment crosses gets the part of it inside the column.
        for (int c = first; c <= last; ++c)
            cover(c, yAt(std::max(a.x(), double(c))), yAt(std::min(b.x(), c + 1.0)));
    }
}

void ColumnSpans::fill(QImage &image, QRgb premultipliedColor, int thickness) const {
    Q_ASSERT(image.format() == QImage::Format_ARGB32_Premultiplied);
    const int w = std::min(image.width(), columns() + thickness), h = image.height();
    thickness = std::max(1, thickness);
    constexpr float None = std::numeric_limits<float>::infinity();
    uchar *bits = image.bits(); // detaches once (scanLine() would check on every row)
    const qsizetype stride = image.bytesPerLine();
    // A span `thickness` wide reaches the columns to its right: pixel column x shows the union
    // of the spans of columns x - thickness + 1 … x, each grown upwards. Merging first writes
    // each pixel once.
    for (int x = 0; x < w; ++x) {
        float top = None, bottom = -None;
        for (int c = std::max(0, x - thickness + 1); c <= std::min(x, columns() - 1); ++c) {
            top = std::min(top, m_top[size_t(c)]);
            bottom = std::max(bottom, m_bottom[size_t(c)]);
        }
        if (!(top <= bottom))
            continue;
        const int y0 = std::max(0, int(std::floor(double(top))) - (thickness - 1));
        const int y1 = std::min(h - 1, int(std::floor(double(bottom))));
        uchar *p = bits + qsizetype(y0) * stride + qsizetype(x) * 4;
        for (int y = y0; y <= y1; ++y, p += stride)
            *reinterpret_cast<QRgb *>(p) = premultipliedColor;
    }
}

} // namespace ppl
