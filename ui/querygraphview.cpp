#include "querygraphview.h"

#include "labpalette.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <map>

namespace ppl {

namespace {

// 1, 2 or 5 times a power of ten, about range/ticks.
double niceStep(double range, int ticks) {
    if (!(range > 0) || !std::isfinite(range))
        return 1;
    const double raw = range / ticks;
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * mag)
            return m * mag;
    }
    return 10 * mag;
}

QString legendText(const Labels &l) {
    const QString s = l.toString();
    return s.isEmpty() ? QStringLiteral("{}") : s;
}

} // namespace

QueryGraphView::QueryGraphView(QWidget *parent)
    : QWidget(parent) {
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
    // Small enough that the Query dock, tabbed under the timeline, lets the window fit a
    // 1366×768 projector; the dock grows it.
    setMinimumHeight(90);
}

void QueryGraphView::setResult(std::vector<query::Series> series, qint64 startMs, qint64 endMs,
                               qint64 stepMs) {
    m_series = std::move(series);
    m_start = startMs;
    m_end = std::max(endMs, startMs + 1);
    m_step = std::max<qint64>(stepMs, 1);
    computeRange();
    update();
}

void QueryGraphView::clear() {
    m_series.clear();
    m_base.clear();
    computeRange();
    update();
}

void QueryGraphView::setStacked(bool stacked) {
    if (m_stacked == stacked)
        return;
    m_stacked = stacked;
    computeRange();
    update();
}

qsizetype QueryGraphView::pointCount() const {
    qsizetype n = 0;
    for (const auto &s : m_series)
        n += qsizetype(s.points.size());
    return n;
}

void QueryGraphView::computeRange() {
    m_base.assign(m_series.size(), {});
    double lo = INFINITY;
    double hi = -INFINITY;
    std::map<qint64, double> sums; // stacked: the running total per step
    for (size_t i = 0; i < m_series.size(); ++i) {
        const auto &pts = m_series[i].points;
        m_base[i].resize(pts.size(), 0);
        for (size_t k = 0; k < pts.size(); ++k) {
            double v = pts[k].v;
            if (!std::isfinite(v))
                continue;
            if (m_stacked) {
                double &sum = sums[pts[k].t];
                m_base[i][k] = sum;
                sum += v;
                v = sum;
                lo = std::min(lo, m_base[i][k]);
            }
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (hi == lo) {
        const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    if (m_stacked)
        lo = std::min(lo, 0.0);
    m_min = lo;
    m_max = hi;
}

void QueryGraphView::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    // The legend below the plot: as many rows as fit in a third of the height.
    const int rowH = fm.height() + 2;
    const int maxRows = std::max(1, height() / 3 / rowH);
    const int legendRows = std::min<int>(int(m_series.size()), maxRows);
    const int legendH = m_series.empty() ? 0 : legendRows * rowH + 6;

    // The value labels' width decides the left margin.
    const double yStep = niceStep(m_max - m_min, 5);
    std::vector<double> yTicks;
    for (double v = std::ceil(m_min / yStep) * yStep; v <= m_max + yStep * 1e-9; v += yStep)
        yTicks.push_back(std::abs(v) < yStep * 1e-9 ? 0 : v);
    int labelW = 0;
    for (double v : yTicks)
        labelW = std::max(labelW, fm.horizontalAdvance(QString::number(v, 'g', 6)));
    const QRectF plot(labelW + 10, 8, width() - labelW - 20, height() - legendH - fm.height() - 16);
    if (plot.width() < 20 || plot.height() < 20)
        return;
    auto xOf = [&](qint64 t) {
        return plot.left() + plot.width() * double(t - m_start) / double(m_end - m_start);
    };
    auto yOf = [&](double v) {
        return plot.bottom() - plot.height() * (v - m_min) / (m_max - m_min);
    };

    // Grid and axes.
    p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    for (double v : yTicks) {
        const double y = yOf(v);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(0, y - fm.height() / 2.0, labelW + 4, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'g', 6));
        p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    }
    const qint64 span = m_end - m_start;
    qint64 xStep = 1000;
    for (qint64 s : {1000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000,
                     1800000, 3600000}) {
        xStep = s;
        if (span / s <= std::max<qint64>(2, qint64(plot.width() / 90)))
            break;
    }
    for (qint64 t = (m_start / xStep + 1) * xStep; t <= m_end; t += xStep) {
        const double x = xOf(t);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(palette().color(QPalette::WindowText));
        const QString label = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
                                  .toLocalTime()
                                  .toString(QStringLiteral("HH:mm:ss"));
        p.drawText(QRectF(x - 40, plot.bottom() + 2, 80, fm.height()), Qt::AlignCenter, label);
        p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    }
    p.setPen(QPen(QColor(0x90, 0x90, 0x90), 1));
    p.drawRect(plot);

    if (m_series.empty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(plot, Qt::AlignCenter, tr("No data"));
        return;
    }
    // Series: a step missing from the result breaks the line.
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    for (size_t i = 0; i < m_series.size(); ++i) {
        const auto &pts = m_series[i].points;
        QPen pen = LabPalette::seriesPen(int(i), 1.5);
        QColor fill = pen.color();
        fill.setAlpha(90);
        size_t k = 0;
        while (k < pts.size()) {
            size_t end = k + 1;
            while (end < pts.size() && pts[end].t - pts[end - 1].t <= m_step &&
                   std::isfinite(pts[end].v))
                ++end;
            if (!std::isfinite(pts[k].v)) {
                k = end;
                continue;
            }
            QPainterPath line;
            for (size_t j = k; j < end; ++j) {
                const double top = m_stacked ? m_base[i][j] + pts[j].v : pts[j].v;
                const QPointF pt(xOf(pts[j].t), yOf(top));
                if (j == k)
                    line.moveTo(pt);
                else
                    line.lineTo(pt);
            }
            if (m_stacked) {
                QPainterPath area = line;
                for (size_t j = end; j-- > k;)
                    area.lineTo(QPointF(xOf(pts[j].t), yOf(m_base[i][j])));
                area.closeSubpath();
                p.fillPath(area, fill);
            }
            if (end - k == 1) {
                p.setPen(Qt::NoPen);
                p.setBrush(pen.color());
                p.drawEllipse(line.currentPosition(), 2, 2);
                p.setBrush(Qt::NoBrush);
            } else {
                p.setPen(pen);
                p.drawPath(line);
            }
            k = end;
        }
    }
    p.setClipping(false);

    // Legend.
    int y = int(plot.bottom()) + fm.height() + 8;
    for (int i = 0; i < legendRows; ++i) {
        const bool more = i == legendRows - 1 && legendRows < int(m_series.size());
        if (more) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QPointF(plot.left(), y + fm.ascent()),
                       tr("… and %n more series", nullptr, int(m_series.size()) - legendRows + 1));
            break;
        }
        p.setPen(LabPalette::seriesPen(i, 3));
        p.drawLine(QPointF(plot.left(), y + rowH / 2.0), QPointF(plot.left() + 18, y + rowH / 2.0));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(plot.left() + 24, y + fm.ascent()),
                   fm.elidedText(legendText(m_series[size_t(i)].metric), Qt::ElideMiddle,
                                 int(plot.width()) - 24));
        y += rowH;
    }
}

} // namespace ppl
