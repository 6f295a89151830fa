// ColumnSpans: painting one bar per pixel column must cover the pixels a hairline polyline
// covers, for the dense zigzags LiveChart hands it and for ordinary lines.
#include "columnspans.h"

#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ppl;

namespace {

constexpr QRgb White = 0xffffffff;

bool drawn(const QImage &img, int x, int y) {
    return x >= 0 && y >= 0 && x < img.width() && y < img.height() && img.pixel(x, y) != White;
}

// Drawn pixels of `a` with no drawn pixel of `b` within `radius`.
int unmatched(const QImage &a, const QImage &b, int radius) {
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            if (!drawn(a, x, y))
                continue;
            bool found = false;
            for (int dy = -radius; dy <= radius && !found; ++dy)
                for (int dx = -radius; dx <= radius && !found; ++dx)
                    found = drawn(b, x + dx, y + dy);
            n += !found;
        }
    return n;
}

QImage byPainter(const QPolygonF &poly, QSize size) {
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(White);
    QPainter p(&img);
    p.setPen(QPen(Qt::black, 0)); // cosmetic, aliased
    p.drawPolyline(poly);
    return img;
}

QImage bySpans(const QPolygonF &poly, QSize size, int thickness = 1) {
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(White);
    ColumnSpans spans(size.width());
    spans.addPolyline(poly.constData(), poly.size());
    spans.fill(img, qPremultiply(qRgb(0, 0, 0)), thickness);
    return img;
}

} // namespace

class TestColumnSpans : public QObject {
    Q_OBJECT
private slots:
    void samePixelsAsAHairline_data();
    void samePixelsAsAHairline();
    void clipsAndSkipsEmptyColumns();
    void thicknessGrowsRightAndUp();
};

void TestColumnSpans::samePixelsAsAHairline_data() {
    QTest::addColumn<int>("kind"); // 0 dense noise, 1 sine, 2 steep ramp, 3 flat, 4 steps
    QTest::addColumn<int>("pointsPerColumn");
    QTest::addRow("noise, 3 a column") << 0 << 3;
    QTest::addRow("noise, 20 a column") << 0 << 20;
    QTest::addRow("sine, sparse") << 1 << 0;
    QTest::addRow("steep ramp") << 2 << 1;
    QTest::addRow("flat") << 3 << 1;
    QTest::addRow("steps") << 4 << 2;
}

void TestColumnSpans::samePixelsAsAHairline() {
    QFETCH(int, kind);
    QFETCH(int, pointsPerColumn);
    const QSize size(300, 120);
    QRandomGenerator rng(uint(kind * 7 + pointsPerColumn));
    QPolygonF poly;
    const int n = pointsPerColumn > 0 ? size.width() * pointsPerColumn : size.width() / 4;
    for (int i = 0; i < n; ++i) {
        const double x = (i + 0.5) * size.width() / n;
        double y = 0;
        switch (kind) {
        case 0:
            y = 10 + rng.bounded(100.0);
            break;
        case 1:
            y = 60 + 50 * std::sin(x / 20.0);
            break;
        case 2:
            y = std::fmod(x * 3, 110.0) + 5;
            break;
        case 3:
            y = 40.2;
            break;
        default:
            y = (int(x) / 30) % 2 ? 20.0 : 90.0;
        }
        poly << QPointF(x, y);
    }
    const QImage painted = byPainter(poly, size);
    const QImage spans = bySpans(poly, size);
    // The rasteriser's end-point rules may put a pixel one over; nothing further.
    QCOMPARE(unmatched(painted, spans, 1), 0);
    QCOMPARE(unmatched(spans, painted, 1), 0);
    // Every column the polyline crosses is drawn, and nearly always with the same extent: the
    // raster engine ends segments at zigzag tips a pixel or two short of the geometry, and
    // gives a steep edge that crosses a column boundary to one side by its own rule (the
    // pixels are then in the neighbouring column, which the checks above allow).
    int differentExtent = 0;
    for (int x = 1; x + 1 < size.width(); ++x) {
        int t0 = -1, b0 = -1, t1 = -1, b1 = -1;
        for (int y = 0; y < size.height(); ++y) {
            if (drawn(painted, x, y)) {
                t0 = t0 < 0 ? y : t0;
                b0 = y;
            }
            if (drawn(spans, x, y)) {
                t1 = t1 < 0 ? y : t1;
                b1 = y;
            }
        }
        const bool nearEnd = x <= poly.front().x() + 1 || x >= poly.back().x() - 1;
        QVERIFY2((t0 >= 0) == (t1 >= 0) || nearEnd,
                 qPrintable(QStringLiteral("column %1 drawn by one only").arg(x)));
        if (t0 >= 0 && t1 >= 0)
            if (std::abs(t0 - t1) > 2 || std::abs(b0 - b1) > 2) {
                ++differentExtent;
                if (qEnvironmentVariableIsSet("SHOW"))
                    qInfo("x=%d painter %d..%d spans %d..%d", x, t0, b0, t1, b1);
            }
    }
    QVERIFY2(differentExtent * 100 <= size.width() * 2,
             qPrintable(
                 QStringLiteral("%1 columns differ by more than two pixels").arg(differentExtent)));
}

void TestColumnSpans::clipsAndSkipsEmptyColumns() {
    QImage img(QSize(10, 10), QImage::Format_ARGB32_Premultiplied);
    img.fill(White);
    ColumnSpans spans(10);
    const QPointF left[] = {{-5, 2}, {2.5, 2}};     // starts outside, ends in column 2
    const QPointF right[] = {{7.5, 50}, {7.5, -3}}; // vertical, beyond both edges
    spans.addPolyline(left, 2);
    spans.addPolyline(right, 2);
    spans.fill(img, qPremultiply(qRgb(0, 0, 0)), 1);
    for (int x = 0; x < 10; ++x) {
        const bool inLeft = x <= 2, inRight = x == 7;
        QCOMPARE(drawn(img, x, 2), inLeft || inRight);
        QCOMPARE(drawn(img, x, 9), inRight); // clipped to the image, not dropped
        QCOMPARE(drawn(img, x, 0), inRight);
    }
    QCOMPARE(drawn(img, 5, 5), false); // between the two lines: nothing
}

void TestColumnSpans::thicknessGrowsRightAndUp() {
    const QPolygonF dot{QPointF(4.5, 5)};
    const QImage one = bySpans(dot, QSize(10, 10), 1);
    const QImage two = bySpans(dot, QSize(10, 10), 2);
    QVERIFY(drawn(one, 4, 5));
    QVERIFY(!drawn(one, 5, 5) && !drawn(one, 4, 4));
    QVERIFY(drawn(two, 4, 5) && drawn(two, 5, 5) && drawn(two, 4, 4) && drawn(two, 5, 4));
    QVERIFY(!drawn(two, 3, 5) && !drawn(two, 4, 6));
}

QTEST_MAIN(TestColumnSpans)
#include "tst_columnspans.moc"
