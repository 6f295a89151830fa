#pragma once

#include <QImage>
#include <QList>
#include <QPointF>

#include <vector>

namespace ppl {

// The pixels a thin polyline covers, as one vertical span per pixel column. A line denser
// than the pixels (a noisy gauge over a long window) zigzags up and down inside every
// column; the rasteriser then walks every zigzag edge (software OpenGL and QPainter alike),
// while the picture is just a vertical bar per column. Collecting each column's extent from
// the segments crossing it and drawing those bars costs O(segments + columns) and paints
// each pixel once.
class ColumnSpans {
public:
    // Adds a polyline in pixel coordinates (x from 0 at the plot's left edge); points in x
    // order. Parts outside [0, columns) are clipped.
    explicit ColumnSpans(int columns);
    void addPolyline(const QPointF *points, qsizetype count);

    // Paints every span `thickness` pixels wide (growing right and up, as a second hairline
    // a pixel further would) straight into `image`, whose pixel (0, 0) is the span space's
    // origin: contiguous memory writes, no rasteriser. Format_ARGB32_Premultiplied only.
    void fill(QImage &image, QRgb premultipliedColor, int thickness) const;
    int columns() const { return int(m_top.size()); }

private:
    void cover(int column, double y0, double y1);

    std::vector<float> m_top;    // smallest y covered (+inf: none)
    std::vector<float> m_bottom; // largest y covered
};

} // namespace ppl
