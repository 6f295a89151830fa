// Issue 12 §1: programs outside the lab are first-class. A real HTTP server the test starts
// (standing for the student's own app, listed in prometheus.yml) is listed in the Targets dock,
// drawn and linked in the topology, given a lane in the timeline and counted in the comparison,
// whose death (up going 0) is noticed; a real PUT with a User-Agent that is not the lab's is a
// pusher in the gateway panel, the timeline, the timestamp view and the comparison. Lab clock:
// a ManualClock; every scrape and push is real loopback HTTP.
#include "comparisonpanel.h"
#include "gatewaygroupsmodel.h"
#include "gatewaypanel.h"
#include "lab/lab.h"
#include "labtesthelpers.h"
#include "mainwindow.h"
#include "pushgateway/pushgatewayserver.h"
#include "targetsmodel.h"
#include "targetspanel.h"
#include "testtarget.h"
#include "timelineview.h"
#include "timestampview.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace ppl;

namespace {

// A web page, a service of the lab's, the gateway, and the student's own app at `port`.
QByteArray worldWith(quint16 port) {
    return QByteArray(R"(name: outside-program
description: the lab's web-1 and the student's own app side by side
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: web
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: nodejs_app
      static_configs:
        - targets: ['127.0.0.1:PORT']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
    profile: service
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: database_backup, instance: db-1}
)")
        .replace("PORT", QByteArray::number(port));
}

bool step(ManualClock &clock, Lab &lab, qint64 ms) {
    return test::stepLab(clock, lab, ms, 100); // shorter than the 500 ms scrape timeout
}

// Records what QDesktopServices::openUrl() was asked to open.
class UrlRecorder : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

int rowWhere(const QAbstractItemModel &model, int column, const QString &contains) {
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.data(model.index(r, column)).toString().contains(contains))
            return r;
    return -1;
}

} // namespace

class TestOutsideTargets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void init() {
        m_app = std::make_unique<test::TestTarget>();
        QVERIFY(m_app->listen());
        m_app->setBody("# TYPE app_requests_total counter\napp_requests_total 7\n");
        m_clock = std::make_unique<ManualClock>();
        m_lab = std::make_unique<Lab>(LabOptions{m_clock.get()});
        const Scenario scenario = test::scenarioFrom(worldWith(m_app->port()));
        QString error;
        QVERIFY2(m_lab->loadScenario(scenario, &error), qPrintable(error));
        m_instance = "127.0.0.1:" + QByteArray::number(m_app->port());
    }

    void cleanup() {
        m_lab.reset();
        m_clock.reset();
        m_app.reset();
    }

    // The core's answer first: the lab runs web-1 and the gateway, not the student's app.
    void theLabTellsItsOwnTargetsFromOutsideOnes() {
        const auto outside = m_lab->unsimulatedScrapeSubject(m_instance);
        QVERIFY(outside);
        QCOMPARE(outside->kind, ScrapeSubject::Kind::Outside);
        QCOMPARE(outside->target.jobName, QByteArray("nodejs_app"));
        QVERIFY(!outside->simulated());
        QCOMPARE(m_lab->unsimulatedScrapeSubjects().size(), 1);
        QVERIFY(!m_lab->unsimulatedScrapeSubject("web-1"));
        QVERIFY(!m_lab->unsimulatedScrapeSubject("gateway"));
        int own = 0;
        for (const ScrapeSubject &s : m_lab->scrapeSubjects())
            own += s.simulated() || s.kind == ScrapeSubject::Kind::Gateway;
        QCOMPARE(own, 2);
    }

    void anOutsideTargetIsListedWithOnlyTheActionsThatApply() {
        TargetsPanel panel(m_lab.get());
        QAbstractItemModelTester tester(panel.model());
        TargetsModel *model = panel.model();
        const int row = model->rowOf(m_instance);
        QVERIFY2(row >= 0, "the student's app is not in the Targets dock");
        QCOMPARE(model->rowCount(), 2); // web-1 and the app
        const QString name = model->data(model->index(row, TargetsModel::Name)).toString();
        QVERIFY2(name.contains(u"outside the lab"), qPrintable(name)); // in words
        QVERIFY(model->data(model->index(row, TargetsModel::State))
                    .toString()
                    .contains(u"outside the lab"));
        QCOMPARE(model->data(model->index(row, TargetsModel::Url)).toString(), m_app->url());
        QVERIFY(!model->data(model->index(row, 0), TargetsModel::SimulatedRole).toBool());
        QVERIFY(step(*m_clock, *m_lab, 1500));
        QVERIFY(m_app->requestCount() > 0);
        QVERIFY2(model->data(model->index(row, TargetsModel::Health)).toString().contains(u"up"),
                 qPrintable(model->data(model->index(row, TargetsModel::Health)).toString()));

        // Selected: no kill or fault for a program the lab does not run; Open /metrics works.
        panel.selectTarget(m_instance);
        QCOMPARE(panel.currentTarget(), m_instance);
        QVERIFY(!panel.killAction()->isEnabled());
        QVERIFY(!panel.startAction()->isEnabled());
        QVERIFY(!panel.removeTargetAction()->isEnabled());
        QVERIFY(panel.openUrlAction()->isEnabled());
        QCOMPARE(panel.applicableActions(), QList<QAction *>{panel.openUrlAction()});
        UrlRecorder recorder;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &recorder, "open");
        panel.openUrlAction()->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QCOMPARE(recorder.opened, QList<QUrl>{QUrl(m_app->url())});

        // The lab's own target keeps every action.
        panel.selectTarget("web-1");
        QVERIFY(panel.killAction()->isEnabled());
        QVERIFY(panel.applicableActions().contains(panel.killAction()));
        QVERIFY(panel.applicableActions().contains(panel.openUrlAction()));
    }

    void anOutsideTargetIsDrawnAndLinkedToTheServer() {
        TopologyView view(m_lab.get());
        view.resize(1000, 600);
        QVERIFY(view.nodeItem(m_instance));
        QCOMPARE(view.nodeBadge(m_instance), QStringLiteral("outside the lab"));
        QVERIFY(view.isLinked("server", m_instance));
        QVERIFY(view.isLinked("server", "web-1"));
        QVERIFY(view.nodeItem(m_instance)->toolTip().contains(u"nodejs_app"));
        QVERIFY(step(*m_clock, *m_lab, 1500));
        QCOMPARE(view.nodeState(m_instance), std::optional(TopologyView::NodeState::Up));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage img = view.grab().toImage();
        QVERIFY2(colourCount(img, 3) > 8, "the topology looks blank");
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/topology-outside-program.png")));
        m_app->close(); // the student stops their app
        QVERIFY(step(*m_clock, *m_lab, 1500));
        QCOMPARE(view.nodeState(m_instance), std::optional(TopologyView::NodeState::Down));

        // Leaving the configuration removes the box.
        QByteArray yaml = m_lab->configYaml();
        const qsizetype at = yaml.lastIndexOf('\n', yaml.indexOf("- job_name: nodejs_app")) + 1;
        const qsizetype end = yaml.lastIndexOf('\n', yaml.indexOf("- job_name: pushgateway")) + 1;
        QVERIFY(at > 0 && end > at);
        yaml.remove(at, end - at);
        QString error;
        QVERIFY2(m_lab->reloadConfig(yaml, &error), qPrintable(error));
        QVERIFY(!view.nodeItem(m_instance));
        QVERIFY(view.nodeItem("web-1"));
    }

    void anOutsideTargetHasItsLaneAndItsDeathIsNoticed() {
        TimelineView timeline(m_lab.get());
        ComparisonPanel comparison(m_lab.get());
        TargetsPanel targets(m_lab.get());
        comparison.refresh();
        QVERIFY2(
            comparison.cell(ComparisonPanel::Discovery, ComparisonPanel::PullMeasured)
                .contains(u"2 target"),
            qPrintable(comparison.cell(ComparisonPanel::Discovery, ComparisonPanel::PullMeasured)));
        QVERIFY(comparison.cell(ComparisonPanel::Discovery, ComparisonPanel::PullMeasured)
                    .contains(u"1 of them outside the lab"));
        QVERIFY(step(*m_clock, *m_lab, 2500));
        const QStringList lanes = timeline.rowLabels(TimelineView::Lane::Pull);
        QVERIFY2(
            lanes.contains(QString::fromUtf8(m_instance) + QStringLiteral(" (outside the lab)")),
            qPrintable(lanes.join(u" | ")));
        QVERIFY2(lanes.contains(QStringLiteral("web-1")), qPrintable(lanes.join(u" | ")));
        comparison.refresh();
        QVERIFY(comparison.cell(ComparisonPanel::Health, ComparisonPanel::PullMeasured)
                    .contains(u"no target has died yet"));

        m_app->close(); // the student's app dies: nobody in the lab killed it
        QVERIFY(step(*m_clock, *m_lab, 2000));
        const auto up = test::lastSample(m_lab->store(), "up", {{"instance", m_instance}});
        QVERIFY(up);
        QCOMPARE(up->value, 0.0);
        comparison.refresh();
        const QString health =
            comparison.cell(ComparisonPanel::Health, ComparisonPanel::PullMeasured);
        QVERIFY2(health.contains(u"✔ detected") && health.contains(QString::fromUtf8(m_instance)) &&
                     health.contains(u"outside the lab"),
                 qPrintable(health));
        comparison.resize(1300, 560);
        comparison.show();
        QVERIFY(QTest::qWaitForWindowExposed(&comparison));
        QVERIFY(comparison.grab().toImage().save(screenshotDir() +
                                                 QStringLiteral("/comparison-outside-death.png")));
        const int row = targets.model()->rowOf(m_instance);
        QVERIFY(targets.model()
                    ->data(targets.model()->index(row, TargetsModel::Health))
                    .toString()
                    .contains(u"down"));
    }

    void anOutsidePushIsAFirstClassPusher() {
        GatewayPanel gateway(m_lab.get());
        QAbstractItemModelTester tester(gateway.model());
        TimelineView timeline(m_lab.get());
        TimestampView timestamps(m_lab.get());
        timestamps.setWindowMs(60'000);
        ComparisonPanel comparison(m_lab.get());
        TopologyView topology(m_lab.get());
        QCOMPARE(timestamps.jobPicker()->count(), 1); // backup

        // The student's own script, pushing with its own User-Agent.
        QNetworkAccessManager network;
        QNetworkRequest request(m_lab->gatewayUrl().toString() +
                                QStringLiteral("/metrics/job/student_batch/instance/laptop"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("student-script/1.0"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
        QNetworkReply *reply = network.put(request, QByteArray("# TYPE records_processed gauge\n"
                                                               "records_processed 42\n"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();

        // The lab knows it as a pusher: its grouping key and its client.
        QCOMPARE(m_lab->outsidePushers().size(), 1);
        const GroupPusher pusher = m_lab->outsidePushers().first();
        QCOMPARE(pusher.kind, GroupPusher::Kind::Outside);
        QCOMPARE(pusher.userAgent, QByteArray("student-script/1.0"));
        QCOMPARE(pusher.groupingKey.front().value, QByteArray("student_batch"));
        QCOMPARE(m_lab->pusherOf({{"instance", "laptop"}, {"job", "student_batch"}}).kind,
                 GroupPusher::Kind::Outside);
        QCOMPARE(m_lab->pusherOf({{"job", "database_backup"}, {"instance", "db-1"}}).kind,
                 GroupPusher::Kind::Job);

        // Gateway panel: who pushed it.
        const int row =
            rowWhere(*gateway.model(), GatewayGroupsModel::Key, QStringLiteral("student_batch"));
        QVERIFY(row >= 0);
        const QString by = gateway.model()
                               ->data(gateway.model()->index(row, GatewayGroupsModel::PushedBy))
                               .toString();
        QVERIFY2(by.contains(u"outside the lab") && by.contains(u"student-script/1.0"),
                 qPrintable(by));

        // Topology: beside the jobs, badged, linked to the gateway it pushes to.
        QVERIFY(topology.nodeItem(pusher.name));
        QCOMPARE(topology.nodeBadge(pusher.name), QStringLiteral("outside the lab"));
        QVERIFY(topology.isLinked(pusher.name, "gateway"));
        QVERIFY(topology.nodeItem(pusher.name)->toolTip().contains(u"student-script/1.0"));
        QVERIFY(topology.nodeItem(pusher.name)->toolTip().contains(u"accepted (200)"));
        topology.resize(1100, 600);
        topology.show();
        QVERIFY(QTest::qWaitForWindowExposed(&topology));
        QVERIFY(topology.grab().toImage().save(screenshotDir() +
                                               QStringLiteral("/topology-outside-pusher.png")));
        topology.hide();

        // Timeline: a row named by the grouping key and the client.
        const QStringList pushRows = timeline.rowLabels(TimelineView::Lane::Push);
        QVERIFY2(
            pushRows.contains(QStringLiteral("student_batch, instance=laptop (outside the lab: "
                                             "student-script/1.0)")),
            qPrintable(pushRows.join(u" | ")));

        // Timestamp view: pick it like a job; its push and the gateway scrapes that return it.
        QCOMPARE(timestamps.jobPicker()->count(), 2);
        timestamps.setJob(pusher.name);
        QCOMPARE(timestamps.job(), pusher.name);
        QVERIFY(timestamps.jobPicker()->currentText().contains(u"student-script/1.0"));
        QVERIFY(step(*m_clock, *m_lab, 3000));
        QCOMPARE(timestamps.pushCount(), 1);
        QVERIFY2(timestamps.linkCount() >= 2, qPrintable(QString::number(timestamps.linkCount())));
        QCOMPARE(timestamps.linkedPushCount(), 1);
        timestamps.resize(1000, 380);
        const QImage img = timestamps.grab().toImage();
        QVERIFY2(colourCount(img, 3) > 8, "the timestamp view looks blank");
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/timestamp-view-outside-pusher.png")));

        // Comparison: counted as a push, from outside the lab.
        comparison.refresh();
        const QString control =
            comparison.cell(ComparisonPanel::ControlFlow, ComparisonPanel::PushMeasured);
        QVERIFY2(control.contains(u"1 push") && control.contains(u"outside the lab"),
                 qPrintable(control));
        const QString named =
            comparison.table()
                ->item(ComparisonPanel::ControlFlow, ComparisonPanel::PushMeasured)
                ->toolTip();
        QVERIFY2(named.contains(u"student_batch, instance=laptop (outside the lab: "
                                u"student-script/1.0)"),
                 qPrintable(named));
        QVERIFY(comparison.cell(ComparisonPanel::Scaling, ComparisonPanel::PushMeasured)
                    .contains(u"1 pusher"));
    }

    // The whole window at a laptop projector's size, for a person to look at.
    void theWindowShowsBothSides() {
        MainWindow window(m_lab.get());
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QNetworkAccessManager network;
        QNetworkRequest request(m_lab->gatewayUrl().toString() +
                                QStringLiteral("/metrics/job/student_batch/instance/laptop"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("student-script/1.0"));
        QNetworkReply *reply = network.put(request, QByteArray("records_processed 42\n"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        reply->deleteLater();
        QVERIFY(m_lab->runJob("backup"));
        QVERIFY(step(*m_clock, *m_lab, 4000));
        QVERIFY(window.topology()->nodeItem(m_instance));
        QVERIFY(window.targetsPanel()->model()->rowOf(m_instance) >= 0);
        QApplication::processEvents();
        const QImage img = window.grab().toImage();
        QVERIFY2(colourCount(img, 4) > 16, "the window looks blank");
        QVERIFY(img.save(screenshotDir() + QStringLiteral("/outside-program-1366x768.png")));
        // The gateway dock in front, too.
        window.gatewayPanel()->parentWidget()->raise();
        QApplication::processEvents();
        QVERIFY(window.grab().toImage().save(screenshotDir() +
                                             QStringLiteral("/outside-pusher-1366x768.png")));
    }

private:
    std::unique_ptr<test::TestTarget> m_app;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab> m_lab;
    QByteArray m_instance;
};

QTEST_MAIN(TestOutsideTargets)
#include "tst_outsidetargets.moc"
