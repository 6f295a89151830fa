// ChartDecimator: the reduced polyline must draw the same picture as every point, and stale
// markers and gaps must become breaks.
#include "chartdecimator.h"

#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

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

class TestChartDecimator : public QObject {
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
    void simplifyStaysWithinTolerance_data();
    void simplifyStaysWithinTolerance();
    void simplifyReducesSmoothCurves();
    void simplifyKeepsStepsAndEnds();
};

void TestChartDecimator::breaks_data() {
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

void TestChartDecimator::breaks() {
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

void TestChartDecimator::keepsNeighboursOutsideWindow() {
    const auto v = series({{0, 1}, {1000, 2}, {2000, 3}, {3000, 4}, {4000, 5}, {5000, 6}});
    const auto segs = ChartDecimator::decimate(v, {1500, 3500, 100, 0, false});
    QCOMPARE(segs.size(), size_t(1));
    // 1000 (before), 2000, 3000, 4000 (after); 0 and 5000 are not needed to draw the window.
    QCOMPARE(segs[0], (QList<QPointF>{{1000, 2}, {2000, 3}, {3000, 4}, {4000, 5}}));
}

void TestChartDecimator::keepsFirstMinMaxLastInTimeOrder() {
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

void TestChartDecimator::stepChart() {
    const auto v = series({{0, 1}, {1000, 1}, {2000, 0}, {3000, 1}});
    const auto segs = ChartDecimator::decimate(v, {0, 3000, 1000, 0, true});
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(
        segs[0],
        (QList<QPointF>{{0, 1}, {1000, 1}, {1000, 1}, {2000, 1}, {2000, 0}, {3000, 0}, {3000, 1}}));
}

void TestChartDecimator::boundedByColumns() {
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

void TestChartDecimator::samePicture_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("kind"); // 0 noise, 1 sine, 2 steps with stale markers, 3 spikes
    QTest::addColumn<int>("width");
    // Drawn pixels allowed to differ (each still within a pixel of the full picture's): a
    // spike kept as first/max/last leans across one column boundary where the full
    // polyline's spike stands upright inside it.
    QTest::addColumn<int>("maxDifferingPercent");
    QTest::addColumn<bool>("simplified"); // simplify() after decimate(), as LiveChart does
    for (const bool simplified : {false, true}) {
        const char *tag = simplified ? ", simplified" : "";
        QTest::addRow("noise, 20 samples a pixel%s", tag) << 8000 << 0 << 400 << 2 << simplified;
        QTest::addRow("noise, 3 samples a pixel%s", tag) << 3600 << 0 << 1200 << 2 << simplified;
        QTest::addRow("sine, dense%s", tag) << 20000 << 1 << 300 << 2 << simplified;
        QTest::addRow("sine, sparse%s", tag) << 600 << 1 << 1200 << 2 << simplified;
        QTest::addRow("up-like steps with stale gaps%s", tag)
            << 5000 << 2 << 250 << 2 << simplified;
        QTest::addRow("rare spikes%s", tag) << 10000 << 3 << 333 << 25 << simplified;
    }
}

void TestChartDecimator::samePicture() {
    QFETCH(int, count);
    QFETCH(int, kind);
    QFETCH(int, width);
    QFETCH(int, maxDifferingPercent);
    QFETCH(bool, simplified);
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
    auto reduced = ChartDecimator::decimate(v, {from, to, width, 0, false});
    const QImage decimatedOnly = render(reduced, from, to, size, -1, 101);
    if (simplified)
        for (auto &seg : reduced)
            ChartDecimator::simplify(seg, double(to - from) / width, 102.0 / (size.height() - 1));
    QCOMPARE(reduced.size(), full.size()); // same breaks
    QVERIFY(ChartDecimator::pointCount(reduced) <= 4 * width + 2 * qsizetype(full.size()));
    const QImage a = render(full, from, to, size, -1, 101);
    const QImage b = render(reduced, from, to, size, -1, 101);
    // Rasterising a near-vertical run can differ by a pixel sideways; nothing further.
    QCOMPARE(unmatched(a, b, 1), 0);
    QCOMPARE(unmatched(b, a, 1), 0);
    // Spikes are near-vertical lines on column boundaries, where the raster engine's choice of
    // column depends on the previous segment: the pixel-distance checks above cover them.
    if (simplified && kind != 3) {
        // A line standing in for points within half a pixel rounds to the neighbouring pixel
        // in places, so pixels move; but each column's drawn span moves by a pixel at most,
        // and by less than half a pixel on average, against the unsimplified picture.
        const auto span = [](const QImage &img, int x) {
            int top = -1, bottom = -1;
            for (int y = 0; y < img.height(); ++y)
                if (img.pixel(x, y) != qRgb(255, 255, 255)) {
                    top = top < 0 ? y : top;
                    bottom = y;
                }
            return std::pair(top, bottom);
        };
        int moved = 0, columns = 0;
        for (int x = 0; x < size.width(); ++x) {
            const auto [t0, b0] = span(decimatedOnly, x);
            const auto [t1, b1] = span(b, x);
            QCOMPARE(t0 < 0, t1 < 0); // the same columns are drawn
            if (t0 < 0)
                continue;
            QVERIFY2(std::abs(t0 - t1) <= 1 && std::abs(b0 - b1) <= 1,
                     qPrintable(QStringLiteral("column %1: %2..%3 became %4..%5")
                                    .arg(x)
                                    .arg(t0)
                                    .arg(b0)
                                    .arg(t1)
                                    .arg(b1)));
            moved += std::abs(t0 - t1) + std::abs(b0 - b1);
            columns += 2;
        }
        QVERIFY2(moved * 2 < columns,
                 qPrintable(QStringLiteral("%1 px moved over %2 ends").arg(moved).arg(columns)));
        return;
    }
    if (simplified)
        return;
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

namespace {

// The simplified polyline's y range at x (a vertical run at one x covers all of its values).
std::pair<double, double> yRangeAt(const QList<QPointF> &line, double x) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (qsizetype i = 0; i + 1 < line.size(); ++i) {
        const QPointF a = line[i], b = line[i + 1];
        if (x < a.x() || x > b.x())
            continue;
        const double y =
            b.x() == a.x() ? a.y() : a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
        const double yEnd = b.x() == a.x() ? b.y() : y;
        lo = std::min({lo, y, yEnd});
        hi = std::max({hi, y, yEnd});
    }
    return {lo, hi};
}

} // namespace

void TestChartDecimator::simplifyStaysWithinTolerance_data() {
    QTest::addColumn<int>("kind"); // 0 noise, 1 sine, 2 random walk, 3 sawtooth, 4 flat
    QTest::addColumn<double>("yPerPx");
    QTest::addRow("noise") << 0 << 0.5;
    QTest::addRow("sine") << 1 << 0.5;
    QTest::addRow("sine, coarse pixels") << 1 << 5.0;
    QTest::addRow("random walk") << 2 << 0.2;
    QTest::addRow("sawtooth") << 3 << 0.5;
    QTest::addRow("flat") << 4 << 0.5;
}

// Every point simplify() drops lies within the tolerance (vertically, in pixels) of the line
// it keeps; what it keeps is a subsequence of its input with both ends.
void TestChartDecimator::simplifyStaysWithinTolerance() {
    QFETCH(int, kind);
    QFETCH(double, yPerPx);
    QRandomGenerator rng(uint(kind + 11));
    QList<QPointF> in;
    double walk = 50;
    for (int i = 0; i < 5000; ++i) {
        double y = 0;
        switch (kind) {
        case 0:
            y = rng.bounded(100.0);
            break;
        case 1:
            y = 50 + 45 * std::sin(i / 150.0);
            break;
        case 2:
            y = walk += rng.bounded(2.0) - 1.0;
            break;
        case 3:
            y = i % 400;
            break;
        default:
            y = 7;
        }
        in.append(QPointF(i * 250.0, y));
    }
    const double xPerPx = 1000.0; // 4 points a pixel
    const double tolerance = 0.5;
    QList<QPointF> out = in;
    ChartDecimator::simplify(out, xPerPx, yPerPx, tolerance);
    QVERIFY(out.size() >= 2);
    QCOMPARE(out.front(), in.front());
    QCOMPARE(out.back(), in.back());
    qsizetype j = 0; // a subsequence, in order
    for (const QPointF &p : out) {
        while (j < in.size() && in[j] != p)
            ++j;
        QVERIFY2(j < in.size(), "simplify() made up a point or reordered them");
    }
    for (const QPointF &p : in) {
        const auto [lo, hi] = yRangeAt(out, p.x());
        const double off = std::max({0.0, lo - p.y(), p.y() - hi}) / yPerPx;
        QVERIFY2(
            off <= tolerance + 1e-6,
            qPrintable(QStringLiteral("(%1, %2) is %3 px off").arg(p.x()).arg(p.y()).arg(off)));
    }
    if (kind == 4)
        QCOMPARE(out.size(), 2); // a flat line is its two ends
    if (kind == 0) // noise at 4 points a pixel and 200 pixels of amplitude: nothing to drop
        QVERIFY(out.size() > in.size() * 9 / 10);
}

// What LiveChart gains: a smooth curve after decimate() has two points a column; a line
// stands in for most of them.
void TestChartDecimator::simplifyReducesSmoothCurves() {
    std::vector<StoredSample> v;
    for (int i = 0; i < 3600; ++i)
        v.push_back({qint64(i) * 1000, 50 + 20 * std::sin(i / 300.0)});
    const int columns = 1200;
    auto segs = ChartDecimator::decimate(v, {0, 3'599'000, columns, 0, false});
    QCOMPARE(segs.size(), size_t(1));
    const qsizetype before = segs[0].size();
    QVERIFY(before >= columns); // decimate() alone cannot reduce a curve below its columns
    ChartDecimator::simplify(segs[0], 3'599'000.0 / columns, 130.0 / 640);
    QVERIFY2(segs[0].size() * 10 < before,
             qPrintable(QStringLiteral("%1 -> %2 points").arg(before).arg(segs[0].size())));
}

void TestChartDecimator::simplifyKeepsStepsAndEnds() {
    // A step chart's risers are vertices at one x: all kept; its flat runs are one line each.
    auto segs = ChartDecimator::decimate(
        series({{0, 1}, {1000, 1}, {2000, 1}, {3000, 0}, {4000, 0}, {5000, 1}}),
        {0, 5000, 500, 0, true});
    QCOMPARE(segs.size(), size_t(1));
    ChartDecimator::simplify(segs[0], 10, 0.01);
    QCOMPARE(segs[0], (QList<QPointF>{{0, 1}, {3000, 1}, {3000, 0}, {5000, 0}, {5000, 1}}));
    // Fewer than three points: nothing to drop.
    QList<QPointF> two{{0, 0}, {10, 10}};
    ChartDecimator::simplify(two, 1, 1);
    QCOMPARE(two.size(), 2);
    // A point just beyond the tolerance stays; just within, it goes.
    QList<QPointF> kink{{0, 0}, {10, 0.6}, {20, 0}};
    ChartDecimator::simplify(kink, 1, 1, 0.5);
    QCOMPARE(kink.size(), 3);
    QList<QPointF> nearly{{0, 0}, {10, 0.4}, {20, 0}};
    ChartDecimator::simplify(nearly, 1, 1, 0.5);
    QCOMPARE(nearly, (QList<QPointF>{{0, 0}, {20, 0}}));
}

QTEST_MAIN(TestChartDecimator)
#include "tst_chartdecimator.moc"
