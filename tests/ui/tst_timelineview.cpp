// The pull/push timeline's details and the timestamp view of a job, on a ManualClock: the lab
// scrapes over real loopback HTTP, but time moves only when the test says so.
#include "chartspanel.h"
#include "lab/lab.h"
#include "labtesthelpers.h"
#include "pushgateway/pushgatewayserver.h"
#include "scrape/scrapemanager.h"
#include "timelineview.h"
#include "timestampview.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHelpEvent>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>

using namespace ppl;

namespace {

// Steps shorter than the scenario's 500 ms scrape timeout (or the timeout would fire first).
bool step(ManualClock &clock, Lab &lab, qint64 ms) {
    return test::stepLab(clock, lab, ms, 100);
}

// The newest event of a kind about a subject (any but the gateway when subject is empty).
LabEvent lastEvent(Lab &lab, LabEvent::Kind kind, const QByteArray &subject) {
    LabEvent out;
    for (const LabEvent &e : lab.events()->since(0, 100000).events)
        if (e.kind == kind && (subject.isEmpty() ? e.subject != "gateway" : e.subject == subject))
            out = e;
    return out;
}

} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void clickingAMarkShowsItsDetails_data() {
        QTest::addColumn<int>("lane");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("subject");
        QTest::addColumn<QString>("expected"); // besides status and bytes
        QTest::addRow("scrape of a target")
            << int(TimelineView::Lane::Pull) << int(LabEvent::Kind::Scrape) << QByteArray()
            << QStringLiteral("Samples: ");
        QTest::addRow("push of backup")
            << int(TimelineView::Lane::Push) << int(LabEvent::Kind::Push) << QByteArray("backup")
            << QStringLiteral("database_backup");
    }
    void clickingAMarkShowsItsDetails() {
        QFETCH(int, lane);
        QFETCH(int, kind);
        QFETCH(QByteArray, subject);
        QFETCH(QString, expected);
        ManualClock clock;
        Lab lab({&clock});
        TimelineView view(&lab);
        view.setWindowMs(60'000);
        view.resize(900, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        QVERIFY(lab.runJob("backup"));
        QVERIFY(step(clock, lab, 2000));
        QTRY_VERIFY_WITH_TIMEOUT(lastEvent(lab, LabEvent::Kind::Push, "backup").cursor > 0, 5000);
        QVERIFY(step(clock, lab, 3000));
        view.update();

        const QPoint mark = view.newestMarkPosition(TimelineView::Lane(lane), LabEvent::Kind(kind));
        QVERIFY(mark.x() >= 0);
        QVERIFY(!view.detailsLabel()->isVisible());
        QSignalSpy clicked(&view, &TimelineView::markClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, mark);
        QCOMPARE(clicked.count(), 1);
        QVERIFY(view.detailsLabel()->isVisible());
        const QString shown = view.detailsLabel()->text();
        // The details strip sits under the lanes, inside the view.
        QVERIFY(view.rect().contains(view.detailsLabel()->geometry()));
        QVERIFY(view.detailsLabel()->geometry().top() > mark.y());

        // The mark clicked is the newest of its kind in its lane.
        const LabEvent e = lastEvent(lab, LabEvent::Kind(kind), subject);
        const qint64 bytes = e.as<ScrapeEvent>() ? e.as<ScrapeEvent>()->bytes
                             : e.as<PushEvent>() ? e.as<PushEvent>()->result.bytes
                                                 : -1;
        QVERIFY2(bytes > 0, QJsonDocument(e.toJson()).toJson().constData());
        QVERIFY2(shown.contains(QStringLiteral("HTTP status: 200")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("Bytes: %1 bytes").arg(QLocale().toString(bytes))),
                 qPrintable(shown));
        QVERIFY2(shown.contains(expected), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("Duration: ")), qPrintable(shown));
        // Human words, not the event's JSON keys.
        QVERIFY2(!shown.contains(QStringLiteral("durationMs")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("groupingKey")), qPrintable(shown));
        QCOMPARE(clicked.first().first().toString(), shown);

        const QImage img = view.grab().toImage();
        QVERIFY(img.save(screenshotDir() +
                         QStringLiteral("/timeline-details-%1.png")
                             .arg(QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-'))));

        // Hovering the mark shows the same details as a tooltip.
        QHelpEvent help(QEvent::ToolTip, mark, view.mapToGlobal(mark));
        QApplication::sendEvent(&view, &help);
        QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), shown, 2000);
        QToolTip::hideText();

        // A click on empty space clears the selection.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(view.width() - 3, 3));
        QVERIFY(!view.detailsLabel()->isVisible());
        QVERIFY(view.selectedDetails().isEmpty());
    }

    void zoomScalesOnce() {
        // The window zooms its own font, which its children inherit; a view must not scale
        // that again.
        QWidget window;
        QFont zoomed = QApplication::font();
        zoomed.setPointSizeF(QApplication::font().pointSizeF() * 2);
        window.setFont(zoomed);
        auto *timeline = new TimelineView(nullptr, &window);
        auto *timestamps = new TimestampView(nullptr, &window);
        timeline->setZoom(2);
        timestamps->setZoom(2);
        const qreal want = QApplication::font().pointSizeF() * 2;
        QCOMPARE(timeline->scaledFont().pointSizeF(), want);
        QCOMPARE(timeline->detailsLabel()->font().pointSizeF(), want);
        QCOMPARE(timestamps->scaledFont().pointSizeF(), want);
        QCOMPARE(timestamps->jobPicker()->font().pointSizeF(), want);
        timeline->setZoom(1);
        QCOMPARE(timeline->scaledFont().pointSizeF(), QApplication::font().pointSizeF());
    }

    void timestampViewOfAPushJob() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        TimestampView view(&lab);
        view.setWindowMs(60'000);
        view.resize(1000, 380);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.jobPicker()->count(), 1);
        view.setJob("backup");
        QCOMPARE(view.job(), QByteArray("backup"));
        QVERIFY(step(clock, lab, 3000));
        QCOMPARE(view.runCount(), 0);
        QCOMPARE(view.linkCount(), 0);

        QSignalSpy pushed(&lab, &Lab::pushed);
        QVERIFY(lab.runJob("backup"));
        QVERIFY(step(clock, lab, 1000)); // the 1 s job ends and pushes
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        QVERIFY(step(clock, lab, 1000)); // past the push's trip
        const qint64 pushedBy = clock.nowMs();
        const int ticksBefore = view.gatewayScrapeCount();
        const int linksBefore = view.linkCount();

        constexpr int N = 6; // scrape intervals of 1 s after the job died
        QVERIFY(step(clock, lab, N * 1000));
        QCOMPARE(view.runCount(), 1);
        QCOMPARE(view.pushCount(), 1);
        QCOMPARE(view.gatewayScrapeCount() - ticksBefore, N);
        QCOMPARE(view.gatewayScrapeCount(pushedBy + 1), N);
        // Every one of those scrapes returned the job's one push, again and again.
        if (view.linkCount() - linksBefore != N)
            for (auto id : lab.store()->select({}))
                qWarning() << lab.store()->labels(id).toString();
        QCOMPARE(view.linkCount() - linksBefore, N);
        QCOMPARE(view.linkedPushCount(), 1);
        QVERIFY(view.pushMarkPosition().x() >= 0);

        // Hovering the push tells its time and how often the server collected it.
        QHelpEvent help(QEvent::ToolTip, view.pushMarkPosition(),
                        view.mapToGlobal(view.pushMarkPosition()));
        QApplication::sendEvent(&view, &help);
        QTRY_VERIFY_WITH_TIMEOUT(QToolTip::text().contains(QStringLiteral("Time: ")), 2000);
        QVERIFY2(QToolTip::text().contains(
                     QStringLiteral("Collected by %1 scrapes").arg(view.linkCount())),
                 qPrintable(QToolTip::text()));
        QToolTip::hideText();

        const QImage img = view.grab().toImage();
        QVERIFY(!img.isNull());
        QVERIFY2(colourCount(img, 3) > 8, "the timestamp view looks blank");
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/timestamp-view.png")));
        // For a projector: everything larger, the same picture.
        view.setZoom(1.6);
        view.resize(1300, 500);
        const QImage zoomed = view.grab().toImage();
        QVERIFY2(colourCount(zoomed, 3) > 8, "the zoomed timestamp view looks blank");
        QVERIFY(zoomed.save(screenshotDir() + QStringLiteral("/timestamp-view-zoomed.png")));
    }

    void aRejectedPushIsNeverCollected() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        TimestampView view(&lab);
        view.setWindowMs(30'000);
        view.resize(1000, 380);
        view.setJob("backup");
        lab.setPartitioned(true); // the job's push cannot reach the gateway
        QSignalSpy pushed(&lab, &Lab::pushed);
        QVERIFY(lab.runJob("backup"));
        QVERIFY(step(clock, lab, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        QVERIFY(!pushed.first().first().value<PushResult>().ok);
        lab.setPartitioned(false);
        QVERIFY(step(clock, lab, 5000));
        QCOMPARE(view.runCount(), 1);
        QCOMPARE(view.pushCount(), 1);
        QVERIFY(view.gatewayScrapeCount() >= 4);
        QCOMPARE(view.linkCount(), 0);
        const QImage img = view.grab().toImage();
        QVERIFY2(colourCount(img, 3) > 8, "the timestamp view looks blank");
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/timestamp-view-rejected.png")));
    }

    // A push from outside the lab (curl, as a student would type it) has its own row in the
    // push lane; the lab's own job's push is drawn once (its Push event), not again from the
    // gateway's side.
    void outsideClientsPushesAreDrawn() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        TimelineView view(&lab);
        const QUrl gateway = lab.gateway()->url();
        QProcess curl;
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("-s"), QStringLiteral("--noproxy"), QStringLiteral("*"),
                    QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                    QStringLiteral("%{http_code}"), QStringLiteral("--data-binary"),
                    QStringLiteral("@-"),
                    gateway.toString() + QStringLiteral("/metrics/job/from_curl")});
        QVERIFY(curl.waitForStarted(5000));
        curl.write("some_metric 3.14\n");
        curl.closeWriteChannel();
        // The gateway answers in this thread: spin the event loop while curl waits.
        QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 10000);
        QCOMPARE(curl.readAllStandardOutput(), QByteArray("200"));
        QCOMPARE(view.markCount(TimelineView::Lane::Push, LabEvent::Kind::Gateway), 1);
        const LabEvent e = lastEvent(lab, LabEvent::Kind::Gateway, {});
        QVERIFY(e.as<GatewayEvent>());
        QVERIFY(e.as<GatewayEvent>()->external);
        QVERIFY(e.as<GatewayEvent>()->userAgent.startsWith("curl/"));
        QVERIFY(TimelineView::eventDetails(e).contains(u"curl/"));
        // The lab's own job: one Push mark, no second mark from the gateway's side.
        QVERIFY(lab.runJob("backup"));
        QVERIFY(step(clock, lab, 1500));
        QTRY_COMPARE_WITH_TIMEOUT(view.markCount(TimelineView::Lane::Push, LabEvent::Kind::Push), 1,
                                  5000);
        QCOMPARE(view.markCount(TimelineView::Lane::Push, LabEvent::Kind::Gateway), 1);
        const LabEvent own = lastEvent(lab, LabEvent::Kind::Gateway, {});
        QVERIFY(own.as<GatewayEvent>());
        QVERIFY(!own.as<GatewayEvent>()->external);
    }

    // Issue 12 §4: a job that does not push (push: none) is scraped while it runs. Its lane is
    // named after the job, not its address, and its box is linked to the server that scrapes
    // it, not to the gateway it never pushes to.
    void aPullOnlyJobsLaneIsNamedAfterTheJob() {
        ManualClock clock;
        Lab lab({&clock});
        const Scenario scenario = test::scenarioFrom(R"(name: pull-only-job
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
    - job_name: report
      static_configs:
        - targets: ['{{job:report}}']
jobs:
  - name: report
    duration: 3s
    push: none
  - name: backup
    duration: 1s
    push: push
)");
        QString error;
        QVERIFY2(lab.loadScenario(scenario, &error), qPrintable(error));
        TimelineView view(&lab);
        TopologyView topology(&lab);
        QVERIFY(lab.runJob("report"));
        QVERIFY(step(clock, lab, 2500)); // scraped while it runs
        const LabEvent scrape = lastEvent(lab, LabEvent::Kind::Scrape, "report");
        QVERIFY2(scrape.as<ScrapeEvent>() && scrape.as<ScrapeEvent>()->up(),
                 "the running job was not scraped");
        // Its scrapes and its runs side by side, both named after the job.
        const QStringList lanes = view.rowLabels(TimelineView::Lane::Pull);
        QCOMPARE(lanes, (QStringList{QStringLiteral("job report runs"), QStringLiteral("report")}));
        for (const QString &lane : view.rowLabels(TimelineView::Lane::Push))
            QVERIFY2(!lane.contains(u"127.0.0.1"), qPrintable(lane));

        QVERIFY(topology.nodeItem("report"));
        QVERIFY(topology.isLinked("server", "report"));
        QVERIFY(!topology.isLinked("report", "gateway"));
        QVERIFY(topology.isLinked("backup", "gateway")); // a pushing job stays the gateway's
        QVERIFY(!topology.isLinked("server", "backup"));
    }

    void chartsPanelOffersTheTimestampView() {
        ManualClock clock;
        Lab lab({&clock});
        ChartsPanel panel(lab.store(), lab.clock());
        bool found = false;
        for (int i = 0; i < panel.tabs()->count(); ++i)
            if (panel.tabs()->tabText(i) == QStringLiteral("Timestamps of a job")) {
                found = qobject_cast<TimestampView *>(panel.tabs()->widget(i)) != nullptr;
                // Closing its tab is safe: the panel forgets it.
                panel.removeChart(i);
            }
        QVERIFY(found);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        panel.setZoom(1.5);
        panel.setWindowMs(30'000);
        panel.setPaused(true);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
