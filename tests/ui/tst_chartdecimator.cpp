// ChartDecimator: the reduced polyline must draw the same picture as every point, and stale
// markers and gaps must become breaks.
#include "chartdecimator.h"

#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include <bit>
#include <cmath>

using namespace ppl;

namespace {

const double Stale = std::bit_cast<double>(StaleNaNBits);

std::vector<StoredSample> series(std::initializer_list<std::pair<qint64, double>> pts) {
    std::vector<StoredSample> v;
    for (const auto &[t, val] : pts)
        v.push_back({t, val});
    return v;
}

// Draws segments into an image the way a chart would: x from [from, to] onto the width.
QImage render(const std::vector<QList<QPointF>> &segments, qint64 from, qint64 to, QSize size,
              double yMin, double yMax) {
    QImage img(size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setPen(QPen(Qt::black, 0)); // cosmetic, aliased: every pixel is either on or off
    const auto map = [&](QPointF pt) {
        return QPointF((pt.x() - double(from)) * size.width() / double(to - from),
                       size.height() - 1 - (pt.y() - yMin) * (size.height() - 1) / (yMax - yMin));
    };
    for (const auto &seg : segments) {
        if (seg.size() == 1) {
            p.drawPoint(map(seg.front()));
            continue;
        }
        QPolygonF poly;
        for (const auto &pt : seg)
            poly << map(pt);
        p.drawPolyline(poly);
    }
    return img;
}

// Pixels drawn in one image with no drawn pixel within `radius` in the other.
int unmatched(const QImage &a, const QImage &b, int radius) {
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            if (a.pixel(x, y) == qRgb(255, 255, 255))
                continue;
            bool found = false;
            for (int dy = -radius; dy <= radius && !found; ++dy)
                for (int dx = -radius; dx <= radius && !found; ++dx) {
                    const int xx = x + dx, yy = y + dy;
                    if (xx >= 0 && yy >= 0 && xx < b.width() && yy < b.height() &&
                        b.pixel(xx, yy) != qRgb(255, 255, 255))
                        found = true;
                }
            if (!found)
                ++n;
        }
    return n;
}

std::vector<QList<QPointF>> everyPoint(const std::vector<StoredSample> &v) {
    std::vector<QList<QPointF>> segs(1);
    for (const auto &s : v) {
        if (std::isnan(s.value)) {
            if (!segs.back().isEmpty())
                segs.emplace_back();
            continue;
        }
        segs.back().append(QPointF(qreal(s.timestampMs), s.value));
    }
    if (segs.back().isEmpty())
        segs.pop_back();
    return segs;
}

} // namespace

class TstChartDecimator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void breaks_data();
    void breaks();
    void keepsNeighboursOutsideWindow();
    void keepsFirstMinMaxLastInTimeOrder();
    void stepChart();
    void boundedByColumns();
    void samePicture_data();
    void samePicture();
};

void TstChartDecimator::breaks_data() {
    QTest::addColumn<QList<double>>("values"); // one a second, from t=0
    QTest::addColumn<qint64>("gapMs");
    QTest::addColumn<QList<int>>("segmentSizes");
    QTest::addRow("no break") << QList<double>{1, 2, 3} << qint64(0) << QList<int>{3};
    QTest::addRow("stale marker splits")
        << QList<double>{1, 2, Stale, 4, 5} << qint64(0) << QList<int>{2, 2};
    QTest::addRow("leading and trailing stale")
        << QList<double>{Stale, 1, 2, Stale} << qint64(0) << QList<int>{2};
    QTest::addRow("ordinary NaN splits too")
        << QList<double>{1, std::nan(""), 3} << qint64(0) << QList<int>{1, 1};
    QTest::addRow("only stale") << QList<double>{Stale, Stale} << qint64(0) << QList<int>{};
}

void TstChartDecimator::breaks() {
    QFETCH(QList<double>, values);
    QFETCH(qint64, gapMs);
    QFETCH(QList<int>, segmentSizes);
    std::vector<StoredSample> v;
    for (int i = 0; i < values.size(); ++i)
        v.push_back({i * 1000, values[i]});
    // 1000 columns over 10 s: every sample has its own column, nothing is reduced.
    const auto segs = ChartDecimator::decimate(v, {0, 10'000, 1000, gapMs, false});
    QList<int> sizes;
    for (const auto &s : segs)
        sizes << int(s.size());
    QCOMPARE(sizes, segmentSizes);
}

void TstChartDecimator::keepsNeighboursOutsideWindow() {
    const auto v = series({{0, 1}, {1000, 2}, {2000, 3}, {3000, 4}, {4000, 5}, {5000, 6}});
    const auto segs = ChartDecimator::decimate(v, {1500, 3500, 100, 0, false});
    QCOMPARE(segs.size(), size_t(1));
    // 1000 (before), 2000, 3000, 4000 (after); 0 and 5000 are not needed to draw the window.
    QCOMPARE(segs[0], (QList<QPointF>{{1000, 2}, {2000, 3}, {3000, 4}, {4000, 5}}));
}

void TstChartDecimator::keepsFirstMinMaxLastInTimeOrder() {
    // Ten samples in one column: first 5, max 9 at t=3, min 1 at t=6, last 4.
    const auto v =
        series({{0, 5}, {1, 6}, {2, 7}, {3, 9}, {4, 8}, {5, 2}, {6, 1}, {7, 3}, {8, 3}, {9, 4}});
    const auto segs = ChartDecimator::decimate(v, {0, 10, 1, 0, false});
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(segs[0], (QList<QPointF>{{0, 5}, {3, 9}, {6, 1}, {9, 4}}));

    // A column whose first sample is its minimum and last its maximum: two points.
    const auto rising = series({{0, 1}, {1, 2}, {2, 3}, {3, 4}});
    QCOMPARE(ChartDecimator::decimate(rising, {0, 4, 1, 0, false})[0],
             (QList<QPointF>{{0, 1}, {3, 4}}));
    // A constant column: first and last only.
    const auto flat = series({{0, 7}, {1, 7}, {2, 7}});
    QCOMPARE(ChartDecimator::decimate(flat, {0, 3, 1, 0, false})[0],
             (QList<QPointF>{{0, 7}, {2, 7}}));
}

void TstChartDecimator::stepChart() {
    const auto v = series({{0, 1}, {1000, 1}, {2000, 0}, {3000, 1}});
    const auto segs = ChartDecimator::decimate(v, {0, 3000, 1000, 0, true});
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(
        segs[0],
        (QList<QPointF>{{0, 1}, {1000, 1}, {1000, 1}, {2000, 1}, {2000, 0}, {3000, 0}, {3000, 1}}));
}

void TstChartDecimator::boundedByColumns() {
    QRandomGenerator rng(1);
    std::vector<StoredSample> v;
    for (int i = 0; i < 100'000; ++i)
        v.push_back({i * 10, rng.bounded(100.0)});
    const int columns = 640;
    const auto segs = ChartDecimator::decimate(v, {0, 999'990, columns, 0, false});
    QCOMPARE(segs.size(), size_t(1));
    QVERIFY(ChartDecimator::pointCount(segs) <= 4 * columns + 2);
    QVERIFY(ChartDecimator::pointCount(segs) >= 2 * columns); // random data: min and max each
}

void TstChartDecimator::samePicture_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("kind"); // 0 noise, 1 sine, 2 steps with stale markers, 3 spikes
    QTest::addColumn<int>("width");
    // Drawn pixels allowed to differ (each still within a pixel of the full picture's): a
    // spike kept as first/max/last leans across one column boundary where the full
    // polyline's spike stands upright inside it.
    QTest::addColumn<int>("maxDifferingPercent");
    QTest::addRow("noise, 20 samples a pixel") << 8000 << 0 << 400 << 2;
    QTest::addRow("noise, 3 samples a pixel") << 3600 << 0 << 1200 << 2;
    QTest::addRow("sine, dense") << 20000 << 1 << 300 << 2;
    QTest::addRow("up-like steps with stale gaps") << 5000 << 2 << 250 << 2;
    QTest::addRow("rare spikes") << 10000 << 3 << 333 << 25;
}

void TstChartDecimator::samePicture() {
    QFETCH(int, count);
    QFETCH(int, kind);
    QFETCH(int, width);
    QFETCH(int, maxDifferingPercent);
    QRandomGenerator rng(uint(count + kind));
    std::vector<StoredSample> v;
    for (int i = 0; i < count; ++i) {
        double y = 0;
        switch (kind) {
        case 0:
            y = rng.bounded(100.0);
            break;
        case 1:
            y = 50 + 45 * std::sin(i / 300.0);
            break;
        case 2:
            y = (i / 700) % 2;
            if (i % 1300 > 1250)
                y = Stale;
            break;
        default:
            y = rng.bounded(1000) == 0 ? 95 : 5;
        }
        v.push_back({qint64(i) * 100, y});
    }
    // A window inside the data, so the edge neighbours matter.
    const qint64 from = qint64(count / 10) * 100, to = qint64(count * 9 / 10) * 100;
    const QSize size(width, 200);
    const auto full = everyPoint(v);
    const auto reduced = ChartDecimator::decimate(v, {from, to, width, 0, false});
    QCOMPARE(reduced.size(), full.size()); // same breaks
    QVERIFY(ChartDecimator::pointCount(reduced) <= 4 * width + 2 * qsizetype(full.size()));
    const QImage a = render(full, from, to, size, -1, 101);
    const QImage b = render(reduced, from, to, size, -1, 101);
    // Rasterising a near-vertical run can differ by a pixel sideways; nothing further.
    QCOMPARE(unmatched(a, b, 1), 0);
    QCOMPARE(unmatched(b, a, 1), 0);
    // And nearly all pixels are identical.
    int differing = 0, drawn = 0;
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x) {
            drawn += a.pixel(x, y) != qRgb(255, 255, 255);
            differing += a.pixel(x, y) != b.pixel(x, y);
        }
    QVERIFY2(differing * 100 <= drawn * maxDifferingPercent,
             qPrintable(QStringLiteral("%1 of %2 pixels differ").arg(differing).arg(drawn)));
}

QTEST_MAIN(TstChartDecimator)
#include "tst_chartdecimator.moc"
