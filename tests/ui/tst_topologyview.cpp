// The topology view: scrape dots (red when failed), killed/hung/firewalled targets, push
// arrows (accepted and rejected, with the reason), zoom, pods dropped by relabelling, clicks,
// and screenshots of two built-in scenarios. Lab clock: a ManualClock stepped a second at a
// time; scrapes and pushes are real loopback HTTP; animations run in wall time (QTRY_*).
#include "lab/lab.h"
#include "lab/scenario.h"
#include "labpalette.h"
#include "labtesthelpers.h"
#include "scrape/scrapemanager.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QDir>
#include <QGraphicsItem>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ppl;

namespace {

bool hasDot(const TopologyView &view, const QByteArray &target, bool ok) {
    for (const TopologyView::ScrapeDot &d : view.scrapeDots())
        if (d.target == target && d.ok == ok)
            return true;
    return false;
}

// Per scrape event, whether the view drew a dot for it right then (1 ok, 0 failed, -1 none):
// the view hears the event first, and dots live less than a second of wall time.
using DotsSeen = std::shared_ptr<QHash<QByteArray, QList<int>>>;
DotsSeen watchDots(Lab &lab, TopologyView &view) {
    auto seen = std::make_shared<QHash<QByteArray, QList<int>>>();
    QObject::connect(lab.events(), &EventLog::appended, &view, [seen, &view](const LabEvent &e) {
        const auto *scrape = e.as<ScrapeEvent>();
        if (!scrape)
            return;
        const bool up = scrape->up();
        (*seen)[e.subject] << (hasDot(view, e.subject, up) ? int(up) : -1);
    });
    return seen;
}

} // namespace

// Advances the lab clock 100 ms at a time, letting each step's scrapes finish (a whole
// second at once would also pass their 500 ms timeout before the answer is read).
#define STEP(clock, lab, ms)                                                                       \
    for (qint64 total_ = (ms), done_ = 0; done_ < total_; done_ += 100) {                          \
        (clock).advance(std::min<qint64>(100, total_ - done_));                                    \
        QTRY_VERIFY_WITH_TIMEOUT(test::noScrapeInFlight(lab), 5000);                               \
    }

class TestTopologyView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void aScrapeAnimatesBetweenServerAndTarget();
    void aFailedScrapeIsRed();
    void aKilledTargetIsGreyed();
    void aHungTargetPulses();
    void aFirewallIsAWall();
    void pushesAreArrows_data();
    void pushesAreArrows();
    void zoomScalesNodesAndFonts();
    void clickingTheServerEmitsNodeClicked();
    void aPodDroppedByRelabellingIsDrawnDropped();
    void screenshots_data();
    void screenshots();

private:
    void loadBuiltIn(const QString &name);
    void showView();
    ManualClock *m_clock = nullptr;
    Lab *m_lab = nullptr;
    TopologyView *m_view = nullptr;
};

void TestTopologyView::init() {
    m_clock = new ManualClock;
    m_lab = new Lab({m_clock});
    QString error;
    QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
}

void TestTopologyView::cleanup() {
    delete m_view;
    delete m_lab;
    delete m_clock;
    m_view = nullptr;
    m_lab = nullptr;
    m_clock = nullptr;
}

void TestTopologyView::loadBuiltIn(const QString &name) {
    QString error;
    QVERIFY2(loadBuiltInScenario(*m_lab, name, &error), qPrintable(error));
}

void TestTopologyView::showView() {
    m_view = new TopologyView(m_lab);
    m_view->resize(1000, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestTopologyView::aScrapeAnimatesBetweenServerAndTarget() {
    showView();
    QVERIFY(m_view->nodeItem("server"));
    QVERIFY(m_view->nodeItem("web-1"));
    QVERIFY(m_view->nodeItem("gateway"));
    QCOMPARE(m_view->activeAnimations(), 0);
    const DotsSeen seen = watchDots(*m_lab, *m_view);
    STEP(*m_clock, *m_lab, 1000);
    QCOMPARE(seen->value("web-1"), QList<int>{1});
    QCOMPARE(seen->value("web-2"), QList<int>{1});
    // The server's scrape of the gateway is drawn too.
    QCOMPARE(seen->value("gateway"), QList<int>{1});
    for (const TopologyView::ScrapeDot &d : m_view->scrapeDots())
        if (d.ok)
            QCOMPARE(d.color, LabPalette::okColor());
    // Dots are decoration: they land and go.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->activeAnimations(), 0, 3000);
}

void TestTopologyView::aFailedScrapeIsRed() {
    showView();
    QVERIFY(m_lab->setTargetFault("web-1", TargetFault::Error));
    QCOMPARE(m_view->nodeState("web-1"), std::optional(TopologyView::NodeState::Error));
    const DotsSeen seen = watchDots(*m_lab, *m_view);
    STEP(*m_clock, *m_lab, 1000);
    QCOMPARE(seen->value("web-1"), QList<int>{0});
    QCOMPARE(seen->value("web-2"), QList<int>{1});
    bool red = false;
    for (const TopologyView::ScrapeDot &d : m_view->scrapeDots())
        if (d.target == "web-1") {
            QCOMPARE(d.color, LabPalette::failColor());
            red = true;
        }
    QVERIFY(red);
    // The node tells the last scrape's error until it changes.
    const QString tip = m_view->nodeItem("web-1")->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("✖")) && tip.contains(QStringLiteral("500")),
             qPrintable(tip));
    QVERIFY(m_view->nodeItem("web-2")->toolTip().contains(QStringLiteral("✔")));
}

void TestTopologyView::aKilledTargetIsGreyed() {
    showView();
    QVERIFY(!m_view->isNodeGreyed("web-1"));
    QVERIFY(m_lab->killTarget("web-1"));
    QCOMPARE(m_view->nodeState("web-1"), std::optional(TopologyView::NodeState::Killed));
    QVERIFY(m_view->isNodeGreyed("web-1"));
    QVERIFY(m_view->nodeItem("web-1")->opacity() < 1);
    QVERIFY(!m_view->isNodeGreyed("web-2"));
    QVERIFY(m_view->nodeItem("web-1")->toolTip().contains(
        LabPalette::stateText(LabPalette::State::Killed)));
    QVERIFY(m_lab->startTarget("web-1"));
    QVERIFY(!m_view->isNodeGreyed("web-1"));
}

void TestTopologyView::aHungTargetPulses() {
    showView();
    QCOMPARE(m_view->pulse("web-1"), 0.0);
    QVERIFY(m_lab->setTargetFault("web-1", TargetFault::Hang));
    QCOMPARE(m_view->nodeState("web-1"), std::optional(TopologyView::NodeState::Hung));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->pulse("web-1") > 0, 2000);
    const qreal first = m_view->pulse("web-1");
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(m_view->pulse("web-1") - first) > 0.05, 3000);
    QCOMPARE(m_view->pulse("web-2"), 0.0);
    QVERIFY(m_lab->healTarget("web-1"));
    QCOMPARE(m_view->pulse("web-1"), 0.0);
}

void TestTopologyView::aFirewallIsAWall() {
    showView();
    QVERIFY(!m_view->wallItem("web-1"));
    QVERIFY(m_lab->setTargetFault("web-1", TargetFault::Firewall));
    QGraphicsItem *wall = m_view->wallItem("web-1");
    QVERIFY(wall);
    QVERIFY(wall->isVisible());
    // On the server's side of the target.
    const QRectF w = wall->sceneBoundingRect();
    const QRectF node = m_view->nodeItem("web-1")->sceneBoundingRect();
    QVERIFY(w.center().x() < node.center().x() || w.center().y() < node.center().y());
    QVERIFY(!m_view->wallItem("web-2"));
    QVERIFY(m_lab->healTarget("web-1"));
    QVERIFY(!m_view->wallItem("web-1"));
}

void TestTopologyView::pushesAreArrows_data() {
    QTest::addColumn<bool>("accepted");
    QTest::newRow("accepted") << true;
    QTest::newRow("rejected: improper label name") << false;
}

void TestTopologyView::pushesAreArrows() {
    QFETCH(bool, accepted);
    QByteArray job = "backup";
    if (!accepted) {
        // A reserved label name in the grouping key: the gateway answers 400.
        JobSpec spec;
        spec.spec.name = "bad-key";
        spec.spec.durationMs = 1000;
        spec.spec.groupingKey = {{"job", "bad"}, {"__reserved", "x"}};
        QString error;
        QVERIFY2(m_lab->addJob(spec, &error), qPrintable(error));
        job = spec.spec.name;
    }
    showView();
    QVERIFY(m_view->nodeItem(job));
    QVERIFY(m_view->arrowsFor(job).isEmpty());
    QVERIFY(m_lab->runJob(job));
    STEP(*m_clock, *m_lab, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->arrowsFor(job).size(), 1, 5000);
    const TopologyView::PushArrow a = m_view->arrowsFor(job).first();
    QCOMPARE(a.accepted, accepted);
    QVERIFY(a.opacity > 0); // fully drawn for 2.5 s, then fading (wall time: not exact here)
    const QString nodeTip = m_view->nodeItem(job)->toolTip();
    if (accepted) {
        QCOMPARE(a.status, 200);
        QCOMPARE(a.mark, QStringLiteral("✔"));
        QCOMPARE(a.style, Qt::SolidLine);
        QCOMPARE(a.color, LabPalette::okColor());
        QVERIFY2(a.toolTip.contains(QStringLiteral("200")), qPrintable(a.toolTip));
        QVERIFY2(nodeTip.contains(QStringLiteral("✔")), qPrintable(nodeTip));
    } else {
        QCOMPARE(a.status, 400);
        QCOMPARE(a.mark, QStringLiteral("✖"));
        QCOMPARE(a.style, Qt::DashLine);
        QCOMPARE(a.color, LabPalette::failColor());
        QVERIFY2(a.reason.contains(QStringLiteral("__reserved")), qPrintable(a.reason));
        QVERIFY2(a.toolTip.contains(QStringLiteral("400")) && a.toolTip.contains(a.reason),
                 qPrintable(a.toolTip));
        // The job's node keeps the outcome until the next push.
        QVERIFY2(nodeTip.contains(QStringLiteral("400")) && nodeTip.contains(a.reason),
                 qPrintable(nodeTip));
    }
    // The arrow fades and goes; the node's tooltip stays.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_view->arrowsFor(job).isEmpty() || m_view->arrowsFor(job).first().opacity < 1, 5000);
    QCOMPARE(m_view->nodeItem(job)->toolTip(), nodeTip);
}

void TestTopologyView::zoomScalesNodesAndFonts() {
    showView();
    const QRectF r1 = m_view->nodeItem("web-1")->boundingRect();
    const QFont f1 = m_view->nodeFont("web-1");
    QVERIFY(f1.pointSizeF() >= 10); // readable on a projector at zoom 1
    m_view->setZoom(2);
    QCOMPARE(m_view->zoom(), 2.0);
    const QRectF r2 = m_view->nodeItem("web-1")->boundingRect();
    QVERIFY2(std::abs(r2.width() / r1.width() - 2) < 0.05, qPrintable(QString::number(r2.width())));
    QVERIFY2(std::abs(r2.height() / r1.height() - 2) < 0.1,
             qPrintable(QString::number(r2.height() / r1.height())));
    QCOMPARE(m_view->nodeFont("web-1").pointSizeF(), 2 * f1.pointSizeF());
    // On screen too: the nodes grow (the scene fits the view only down to a legible floor).
    const QRect onScreen1 =
        m_view->mapFromScene(m_view->nodeItem("server")->sceneBoundingRect()).boundingRect();
    m_view->setZoom(1);
    const QRect onScreen2 =
        m_view->mapFromScene(m_view->nodeItem("server")->sceneBoundingRect()).boundingRect();
    QVERIFY2(std::abs(double(onScreen1.width()) / onScreen2.width() - 2) < 0.1,
             qPrintable(QStringLiteral("%1 vs %2").arg(onScreen1.width()).arg(onScreen2.width())));
}

void TestTopologyView::clickingTheServerEmitsNodeClicked() {
    showView();
    QSignalSpy clicked(m_view, &TopologyView::nodeClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewPosition("server"));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).value<TopologyView::NodeKind>(), TopologyView::NodeKind::Server);
    QCOMPARE(clicked.at(0).at(1).toByteArray(), QByteArray("server"));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->nodeViewPosition("web-2"));
    QCOMPARE(clicked.size(), 2);
    QCOMPARE(clicked.at(1).at(0).value<TopologyView::NodeKind>(), TopologyView::NodeKind::Target);
    QCOMPARE(clicked.at(1).at(1).toByteArray(), QByteArray("web-2"));
}

void TestTopologyView::aPodDroppedByRelabellingIsDrawnDropped() {
    loadBuiltIn(QStringLiteral("service-discovery"));
    showView();
    STEP(*m_clock, *m_lab, 2000);
    QCOMPARE(m_view->podScrape("web-a"), std::optional(PodsModel::Scrape::Scraped));
    QCOMPARE(m_view->podScrape("batch-worker"), std::optional(PodsModel::Scrape::Dropped));
    QVERIFY(!m_view->isNodeGreyed("web-a"));
    QVERIFY(m_view->isNodeGreyed("batch-worker"));
    QVERIFY2(m_view->nodeItem("batch-worker")->toolTip().contains(QStringLiteral("relabel")),
             qPrintable(m_view->nodeItem("batch-worker")->toolTip()));
    QVERIFY(!m_view->podScrape("server")); // not a pod

    QVERIFY(m_lab->annotatePod("default", "web-a", "prometheus.io/scrape", "false"));
    STEP(*m_clock, *m_lab, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->podScrape("web-a"), std::optional(PodsModel::Scrape::Dropped),
                              3000);
    QVERIFY(m_view->isNodeGreyed("web-a"));
    QVERIFY(m_lab->annotatePod("default", "web-a", "prometheus.io/scrape", "true"));
    STEP(*m_clock, *m_lab, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->podScrape("web-a"), std::optional(PodsModel::Scrape::Scraped),
                              3000);
    QVERIFY(!m_view->isNodeGreyed("web-a"));
}

void TestTopologyView::screenshots_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<qreal>("zoom");
    QTest::addColumn<QSize>("size"); // about the topology's share of a 1400×900 window
    QTest::addRow("pushes@1") << QStringLiteral("ui-test") << 1.0 << QSize(1000, 560);
    QTest::addRow("pushes, tall@1") << QStringLiteral("ui-test") << 1.0 << QSize(520, 900);
    for (const char *s : {"pull-basics", "service-discovery"})
        for (const qreal z : {1.0, 1.5})
            QTest::addRow("%s@%g", s, z) << QString::fromLatin1(s) << z << QSize(1000, 560);
}

void TestTopologyView::screenshots() {
    QFETCH(QString, scenario);
    QFETCH(qreal, zoom);
    QFETCH(QSize, size);
    if (scenario == u"ui-test") {
        JobSpec spec; // a rejected push next to the accepted one
        spec.spec.name = "bad-key";
        spec.spec.durationMs = 1000;
        spec.spec.groupingKey = {{"job", "bad"}, {"__reserved", "x"}};
        QVERIFY(m_lab->addJob(spec));
        QVERIFY(m_lab->setTargetFault("web-1", TargetFault::Error));
    } else {
        loadBuiltIn(scenario);
    }
    showView();
    m_view->resize(size);
    m_view->setZoom(zoom);
    STEP(*m_clock, *m_lab, 3000);
    for (const QByteArray &job : {QByteArray("bad-key"), QByteArray("backup")})
        if (m_lab->job(job))
            QVERIFY(m_lab->runJob(job));
    STEP(*m_clock, *m_lab, 3000);
    if (scenario == u"ui-test") { // hung only now: its scrapes would stay in flight
        QTRY_COMPARE_WITH_TIMEOUT(m_view->arrowsFor("backup").size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->arrowsFor("bad-key").size(), 1, 5000);
        QVERIFY(m_lab->setTargetFault("web-2", TargetFault::Hang));
    }
    m_clock->advance(1000);
    QCoreApplication::processEvents();
    const QImage image = m_view->grab().toImage();
    const QString file =
        QStringLiteral("%1/topology-%2-%3%4.png")
            .arg(screenshotDir(), scenario, QString::number(zoom),
                 size.height() > size.width() ? QStringLiteral("-tall") : QString());
    QVERIFY(image.save(file));
    QVERIFY2(colourCount(image, 7) > 4, qPrintable(file));
}

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
