// LiveChart: batched frames, pause, selection, hover and a non-blank picture.
#include "livechart.h"
#include "storage/seriesstore.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QSet>
#include <QTest>
#include <QToolTip>

#include <bit>

using namespace ppl;

namespace {

LabelMatcher eq(const char *name, const char *value) {
    return *LabelMatcher::create(LabelMatcher::Op::Equal, name, value);
}

Labels up(const char *instance) {
    return Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", instance}});
}

} // namespace

class TestLiveChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void manyAppendsOneFrame();
    void pauseFreezes();
    void hiddenChartDrawsWhenShown();
    void newSeriesJoinSelection();
    void windowIsClamped_data();
    void windowIsClamped();
    void hoverShowsSampleValueAndTime();
    void pointerOverALineShowsItsTooltip();
    void legendListsTheDistinguishingLabelsAndWraps();
    void seriesStaleForTheWholeWindowLeaveTheLegend();
    void staleMarkSitsWhereTheSeriesWentStale();
    void expressionChartMarksWhereItsSeriesEnded();
    void screenshotIsNotBlank();
    void zoomScalesFontsOnce();
    void timeAxisScrollsWithTheLabClock();
    void ageOfAPushedGroupGrowsWhileItLingers();

private:
    ManualClock *m_clock = nullptr;
    SeriesStore *m_store = nullptr;
    LiveChart *m_chart = nullptr;
};

void TestLiveChart::init() {
    m_clock = new ManualClock(1'700'000'000'000);
    m_store = new SeriesStore(m_clock);
    m_chart = new LiveChart(m_store, m_clock);
    m_chart->setRenderPath(LiveChart::RenderPath::Raster); // offscreen: no GL anyway
    m_chart->resize(800, 400);
    m_chart->setWindowMs(60'000);
    m_chart->show(); // hidden charts defer their frames until shown
}

void TestLiveChart::cleanup() {
    delete m_chart;
    delete m_store;
    delete m_clock;
}

void TestLiveChart::manyAppendsOneFrame() {
    m_chart->setSelection({eq("__name__", "up")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_chart->framePending(), 2000); // the selection's own frame
    const int before = m_chart->frameCount();
    // 5 series x 200 scrapes: 1000 appends in one burst, notified in batches.
    for (int i = 0; i < 200; ++i) {
        for (const char *inst : {"a", "b", "c", "d", "e"})
            m_store->append(up(inst), m_clock->nowMs(), i % 7 == 0 ? 0 : 1);
        m_clock->advance(100);
        m_store->flushNotifications();
    }
    QCOMPARE(m_chart->frameCount(), before); // nothing drawn synchronously
    QVERIFY(m_chart->framePending());
    QTRY_COMPARE_WITH_TIMEOUT(m_chart->frameCount(), before + 1, 2000);
    QVERIFY(!m_chart->framePending()); // and no second frame queued behind it
    QCOMPARE(m_chart->visibleSeriesCount(), 5);
    QVERIFY(m_chart->pointsInLastFrame() > 0);
}

void TestLiveChart::pauseFreezes() {
    m_chart->setSelection({eq("__name__", "up")});
    m_store->append(up("a"), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    m_chart->renderNow();
    const int frames = m_chart->frameCount();
    m_chart->setPaused(true);
    m_clock->advance(1000);
    m_store->append(up("a"), m_clock->nowMs(), 0);
    m_store->flushNotifications();
    QVERIFY(!m_chart->framePending());
    QCOMPARE(m_chart->frameCount(), frames);
    m_chart->setPaused(false);
    QVERIFY(m_chart->framePending());
    QTRY_COMPARE_WITH_TIMEOUT(m_chart->frameCount(), frames + 1, 2000);
}

void TestLiveChart::hiddenChartDrawsWhenShown() {
    m_chart->setSelection({eq("__name__", "up")});
    m_chart->renderNow();
    const int frames = m_chart->frameCount();
    m_chart->hide();
    m_store->append(up("a"), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    QVERIFY(!m_chart->framePending()); // nobody sees it: no frame
    m_chart->show();
    QVERIFY(m_chart->framePending());
    QTRY_COMPARE_WITH_TIMEOUT(m_chart->frameCount(), frames + 1, 2000);
}

void TestLiveChart::newSeriesJoinSelection() {
    m_chart->setSelection({eq("__name__", "up"), eq("instance", "b")});
    QCOMPARE(m_chart->visibleSeriesCount(), 0);
    m_store->append(up("a"), m_clock->nowMs(), 1);
    m_store->append(Labels::of({{"__name__", "other"}, {"instance", "b"}}), m_clock->nowMs(), 1);
    m_store->append(up("b"), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    QCOMPARE(m_chart->visibleSeriesCount(), 1);
}

void TestLiveChart::windowIsClamped_data() {
    QTest::addColumn<qint64>("requested");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("below 1 min") << qint64(1000) << LiveChart::MinWindowMs;
    QTest::addRow("5 min") << qint64(300'000) << qint64(300'000);
    QTest::addRow("above 1 h") << qint64(10'000'000) << LiveChart::MaxWindowMs;
}

void TestLiveChart::windowIsClamped() {
    QFETCH(qint64, requested);
    QFETCH(qint64, expected);
    m_chart->setWindowMs(requested);
    QCOMPARE(m_chart->windowMs(), expected);
}

void TestLiveChart::hoverShowsSampleValueAndTime() {
    m_chart->setSelection({eq("__name__", "up")});
    m_chart->show();
    for (int i = 0; i < 30; ++i) {
        m_store->append(up("a"), m_clock->nowMs(), i < 15 ? 1 : 0);
        m_clock->advance(1000);
    }
    m_store->flushNotifications();
    m_chart->setStepMode(true);
    m_chart->renderNow();
    QCoreApplication::processEvents(); // layout of the plot area
    m_chart->renderNow();
    // The sample at t0+20 s (value 0), mapped through the chart's own axes.
    const qint64 t = 1'700'000'000'000 + 20'000;
    auto *series = m_chart->chart()->series().first();
    const QPointF chartPos = m_chart->chart()->mapToPosition(QPointF(qreal(t), 0), series);
    const QPoint viewPos = m_chart->mapFromScene(m_chart->chart()->mapToScene(chartPos));
    const QString text = m_chart->describeAt(viewPos);
    QVERIFY2(text.startsWith(u"web · a\n"), qPrintable(text)); // job · instance
    QVERIFY2(text.contains(QDateTime::fromMSecsSinceEpoch(t).toString(u"HH:mm:ss.zzz")),
             qPrintable(text));
    QVERIFY2(text.contains(u"\n0 at"), qPrintable(text));
    QVERIFY(m_chart->describeAt(QPoint(1, 1)).isEmpty()); // outside the plot: nothing
}

// Issue 12: hovering a line between its samples (not only on a sample) names the series and
// the value there, through a real mouse move over the view.
void TestLiveChart::pointerOverALineShowsItsTooltip() {
    m_chart->setSelection({eq("__name__", "up")});
    const qint64 t0 = m_clock->nowMs();
    for (int i = 0; i < 6; ++i) { // a sample every 10 s: far apart on a 1 min window
        m_store->append(up("a"), t0 + i * 10'000, 10.0 * (i + 1));
        m_store->append(up("b"), t0 + i * 10'000, 100);
    }
    m_clock->advanceTo(t0 + 55'000);
    m_store->flushNotifications();
    m_chart->renderNow();
    QCoreApplication::processEvents();
    m_chart->renderNow();
    // 30 % of the way from (20 s, 30) to (30 s, 40): on the line, 40 px from either sample.
    const QPoint pos = m_chart->viewPosOf(t0 + 23'000, 33);
    QVERIFY(m_chart->viewport()->hasMouseTracking());
    QTest::mouseMove(m_chart->viewport(), pos);
    QTRY_VERIFY_WITH_TIMEOUT(QToolTip::isVisible(), 2000);
    const QString text = QToolTip::text();
    QVERIFY2(text.startsWith(u"web · a\n30 at "), qPrintable(text)); // job · instance
    QVERIFY2(text.contains(QDateTime::fromMSecsSinceEpoch(t0 + 20'000).toString(u"HH:mm:ss")),
             qPrintable(text));
    // Far from every line: nothing.
    QTest::mouseMove(m_chart->viewport(), m_chart->viewPosOf(t0 + 23'000, 70));
    QTRY_VERIFY_WITH_TIMEOUT(!QToolTip::isVisible(), 2000);
}

// Issue 12 §5: the legend names series by the labels that differ, not those all share, and
// wraps instead of disappearing; what does not fit is "+K more", never nothing.
void TestLiveChart::legendListsTheDistinguishingLabelsAndWraps() {
    m_chart->setSelection({eq("__name__", "up")});
    const auto target = [](int i) {
        return Labels::of({{"__name__", "up"},
                           {"job", "nodejs_app"},
                           {"env", "workshop"},
                           {"instance", QByteArray("127.0.0.1:4") + QByteArray::number(1000 + i)}});
    };
    for (int i = 0; i < 3; ++i)
        m_store->append(target(i), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    m_chart->renderNow();
    QVERIFY(m_chart->legendShown());
    QCOMPARE(m_chart->legendTexts(), (QStringList{"…:41000", "…:41001", "…:41002"}));
    // 40 series: more than a row, more than fits; the legend stays, the rest is counted.
    for (int i = 3; i < 40; ++i)
        m_store->append(target(i), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    m_chart->renderNow();
    QCOMPARE(m_chart->visibleSeriesCount(), 40);
    QVERIFY(m_chart->legendShown());
    const QStringList texts = m_chart->legendTexts();
    QVERIFY2(texts.size() > 4, qPrintable(texts.join(u", "))); // wrapped: several a row, rows
    QVERIFY2(texts.last().startsWith(u"+") && texts.last().contains(u"more"),
             qPrintable(texts.last()));
    QCOMPARE(texts.size() - 1 + texts.last().mid(1).section(u' ', 0, 0).toInt(), 40);
    QVERIFY(m_chart->grab().save(screenshotDir() + QStringLiteral("/livechart-legend-40.png")));
}

// A series whose last value is older than the window (stale all along) leaves the legend.
void TestLiveChart::seriesStaleForTheWholeWindowLeaveTheLegend() {
    m_chart->setSelection({eq("__name__", "up")});
    m_store->append(up("gone"), m_clock->nowMs(), 1);
    m_store->append(up("gone"), m_clock->nowMs() + 1000, staleMarker());
    for (int i = 0; i <= 90; ++i)
        m_store->append(up("here"), m_clock->nowMs() + i * 1000, 1);
    m_clock->advance(30'000);
    m_store->flushNotifications();
    m_chart->renderNow();
    QCOMPARE(m_chart->legendTexts(), (QStringList{"gone", "here"}));
    m_clock->advance(60'000); // "gone" went stale 89 s ago: out of the 1 min window
    m_chart->renderNow();
    QCOMPARE(m_chart->legendTexts(), QStringList{"web · here"}); // alone: job · instance
}

// The stale marker of a series is drawn where it was written, with the explainer's reason.
void TestLiveChart::staleMarkSitsWhereTheSeriesWentStale() {
    m_chart->setSelection({eq("__name__", "up")});
    QList<qint64> asked;
    m_chart->setStaleExplainer([&asked](const Labels &series, qint64 ms) {
        asked << ms;
        return QStringLiteral("target down: because of ") +
               QString::fromUtf8(series.value("instance"));
    });
    const qint64 t0 = m_clock->nowMs();
    for (int i = 0; i < 20; ++i)
        m_store->append(up("a"), t0 + i * 1000, 5);
    const qint64 staleAt = t0 + 20'000;
    m_store->append(up("a"), staleAt, staleMarker());
    m_clock->advanceTo(t0 + 40'000);
    m_store->flushNotifications();
    m_chart->renderNow();
    QCoreApplication::processEvents();
    m_chart->renderNow();
    QCOMPARE(m_chart->staleMarks().size(), size_t(1));
    const auto &mark = m_chart->staleMarks().front();
    QCOMPARE(mark.timestampMs, staleAt);
    QCOMPARE(mark.value, 5.0); // at the end of the line
    QCOMPARE(mark.reason, QStringLiteral("target down: because of a"));
    QCOMPARE(asked, QList<qint64>{staleAt}); // asked once, not every frame
    // The mark on screen: its ring above and below the line's end, at the marker's x.
    const QPoint at = m_chart->viewPosOf(staleAt, 5);
    auto *series = m_chart->chart()->series().first();
    const QPointF byAxis = m_chart->chart()->mapToPosition(QPointF(qreal(staleAt), 5), series);
    QVERIFY(std::abs(m_chart->mapFromScene(m_chart->chart()->mapToScene(byAxis)).x() - at.x()) <=
            1);
    const QImage img = m_chart->grab().toImage();
    const auto coloured = [&](int x, int y) {
        const QColor c = img.pixelColor(x, y);
        return c.saturation() > 60 && c.value() > 60; // the series' colour, not grey or white
    };
    const auto ringAt = [&](int dy) {
        for (int y = at.y() + dy - 1; y <= at.y() + dy + 1; ++y)
            for (int x = at.x() - 1; x <= at.x() + 1; ++x)
                if (coloured(x, y))
                    return true;
        return false;
    };
    QVERIFY2(ringAt(-5) && ringAt(5), "no stale mark drawn at the marker's time");
    QVERIFY(img.save(screenshotDir() + QStringLiteral("/livechart-stale-mark.png")));
    const QString tip = m_chart->describeAt(at);
    QVERIFY2(tip.contains(u"target down: because of a"), qPrintable(tip));
    QVERIFY2(tip.contains(QDateTime::fromMSecsSinceEpoch(staleAt).toString(u"HH:mm:ss")),
             qPrintable(tip));
}

void TestLiveChart::screenshotIsNotBlank() {
    m_chart->setSelection({eq("__name__", "up")});
    m_chart->setTitle(QStringLiteral("up"));
    m_chart->show();
    const double stale = std::bit_cast<double>(StaleNaNBits);
    for (int i = 0; i < 60; ++i) {
        m_store->append(up("a"), m_clock->nowMs(), i > 20 && i < 30 ? 0 : 1);
        m_store->append(up("b"), m_clock->nowMs(), i > 40 && i < 45 ? stale : 1);
        m_clock->advance(1000);
    }
    m_store->flushNotifications();
    m_chart->setStepMode(true);
    m_chart->renderNow();
    QCoreApplication::processEvents();
    m_chart->renderNow();
    QCoreApplication::processEvents();
    const QImage img = m_chart->grab().toImage();
    QVERIFY(img.save(screenshotDir() + QStringLiteral("/livechart-up.png")));
    QVERIFY2(colourCount(img, 2) > 5, "the chart grabbed as one flat colour");
}

// The window passes a zoomed font down to its children; the chart scales from the
// application's font, so zoom 2 in a zoomed window is 2x, not 4x.
void TestLiveChart::zoomScalesFontsOnce() {
    QWidget window;
    QFont zoomed = QApplication::font();
    const qreal base = zoomed.pointSizeF();
    zoomed.setPointSizeF(base * 2);
    window.setFont(zoomed);
    LiveChart chart(m_store, m_clock, &window);
    chart.setZoom(2);
    const auto axes = chart.chart()->axes();
    QVERIFY(!axes.isEmpty());
    for (QAbstractAxis *axis : axes)
        QCOMPARE(axis->labelsFont().pointSizeF(), base * 2);
    chart.setZoom(1);
    for (QAbstractAxis *axis : axes)
        QCOMPARE(axis->labelsFont().pointSizeF(), base);
}

// No sample arrives, yet the time axis follows the lab clock: the picture scrolls left.
void TestLiveChart::timeAxisScrollsWithTheLabClock() {
    m_store->append(up("a:1"), m_clock->nowMs(), 1);
    m_store->flushNotifications();
    m_chart->setSelection({eq("__name__", "up")});
    m_chart->renderNow();
    auto *x = qobject_cast<QDateTimeAxis *>(m_chart->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    QCOMPARE(x->max().toMSecsSinceEpoch(), m_clock->nowMs());
    m_clock->advance(10'000);
    QTRY_COMPARE_WITH_TIMEOUT(x->max().toMSecsSinceEpoch(), m_clock->nowMs(), 3000);
    QCOMPARE(x->min().toMSecsSinceEpoch(), m_clock->nowMs() - m_chart->windowMs());
}

// The built-in "age of pushed groups" view: the gateway keeps serving a dead job's
// push_time_seconds, every scrape stores it again, and the chart draws now − push time.
void TestLiveChart::ageOfAPushedGroupGrowsWhileItLingers() {
    const qint64 pushedAt = m_clock->nowMs();
    const Labels group =
        Labels::of({{"__name__", "push_time_seconds"}, {"job", "backup"}, {"instance", "db"}});
    for (int i = 0; i <= 40; ++i) { // a gateway scrape every second, the same value each time
        m_store->append(group, m_clock->nowMs(), double(pushedAt) / 1000.0);
        m_clock->advance(1000);
    }
    m_store->flushNotifications();
    m_chart->setSelection({eq("__name__", "push_time_seconds")});
    m_chart->setTransform(LiveChart::Transform::AgeSeconds);
    m_chart->renderNow();
    QCoreApplication::processEvents();
    m_chart->renderNow();
    auto *series = m_chart->chart()->series().first();
    // Hover where the line should be: at (t, the age then).
    const auto ageAt = [&](qint64 t) {
        const QPointF p = m_chart->chart()->mapToPosition(
            QPointF(qreal(t), double(t - pushedAt) / 1000.0), series);
        return m_chart->describeAt(m_chart->mapFromScene(m_chart->chart()->mapToScene(p)));
    };
    QVERIFY2(ageAt(pushedAt + 10'000).contains(u"\n10 at"), qPrintable(ageAt(pushedAt + 10'000)));
    QVERIFY2(ageAt(pushedAt + 35'000).contains(u"\n35 at"), qPrintable(ageAt(pushedAt + 35'000)));
}

// Issue 12 §4: an expression's result has no staleness markers, its series just ends; the
// chart marks the first step without a value, with the reason, as for a selector.
void TestLiveChart::expressionChartMarksWhereItsSeriesEnded() {
    QString error;
    QVERIFY2(m_chart->setExpression(QStringLiteral("up * 2"), &error), qPrintable(error));
    QList<qint64> asked;
    m_chart->setStaleExplainer([&asked](const Labels &series, qint64 ms) {
        asked << ms;
        return QStringLiteral("target down: because of ") +
               QString::fromUtf8(series.value("instance"));
    });
    const qint64 t0 = m_clock->nowMs();
    for (int i = 0; i < 20; ++i)
        m_store->append(up("a"), t0 + i * 1000, 5);
    const qint64 staleAt = t0 + 20'000;
    m_store->append(up("a"), staleAt, staleMarker());
    m_clock->advanceTo(t0 + 40'000);
    m_store->flushNotifications();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_chart->renderNow();
            return !m_chart->staleMarks().empty();
        }(),
        5000);
    QCOMPARE(m_chart->staleMarks().size(), size_t(1));
    const auto &mark = m_chart->staleMarks().front();
    const qint64 step = m_chart->lastStepMs();
    QVERIFY2(mark.timestampMs > staleAt - step && mark.timestampMs <= staleAt + step,
             qPrintable(QString::number(mark.timestampMs - staleAt)));
    QCOMPARE(mark.value, 10.0); // the expression's last value
    QCOMPARE(mark.reason, QStringLiteral("target down: because of a"));
    // A series that goes on to the newest step has no mark.
    m_chart->renderNow();
    QCOMPARE(m_chart->staleMarks().size(), size_t(1));
    QCOMPARE(asked.size(), 1); // asked once, not every frame
}

QTEST_MAIN(TestLiveChart)
#include "tst_livechart.moc"
