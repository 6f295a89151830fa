// The window's wiring, driven like a user would (actions, clicks), asserting on what the lab
// and its store saw. Offscreen platform, wall clock, real loopback HTTP, 1 s scrapes.
#include "builtinscenariotexts.h"
#include "chartspanel.h"
#include "errorbar.h"
#include "gatewaygroupsmodel.h"
#include "gatewaypanel.h"
#include "jobspanel.h"
#include "lab/scenario.h"
#include "livechart.h"
#include "mainwindow.h"
#include "pushgateway/pushgatewayserver.h"
#include "realpeer.h"
#include "scenariointrobar.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"
#include "serverpanel.h"
#include "sim/simulatedtarget.h"
#include "storage/seriesstore.h"
#include "targetsmodel.h"
#include "targetspanel.h"
#include "testtarget.h"
#include "timelineview.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "yamlhighlighter.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

using namespace ppl;

namespace {

// The last value of up{instance=<the target's address>}, or NaN.
double upOf(Lab &lab, const QByteArray &target) {
    SimulatedTarget *t = lab.target(target);
    if (!t)
        return std::nan("");
    const auto ids = lab.store()->select(
        {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up"),
         *LabelMatcher::create(LabelMatcher::Op::Equal, "instance", t->address())});
    if (ids.empty())
        return std::nan("");
    const auto last = lab.store()->lastSample(ids.front());
    return last ? last->value : std::nan("");
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void killingATargetFromItsPanelTurnsUpToZero();
    void runningAPushJobAddsItsGroupAndAPushMark();
    void deletingAGroupRemovesIt();
    void invalidConfigShowsTheErrorLineAndKeepsTheOldConfig();
    void strictConfigErrorsUsePromtoolsWordingAndClearOnSuccess();
    void serverPanelListsDiscoveredAndFinalLabels();
    void addingATargetShowsItEverywhere();
    void removingATargetFromItsPanelMakesItsUpSeriesStale();
    void gatewayPersistenceToggleDecidesWhetherARestartKeepsGroups();
    void gatewayBasicAuthFromItsPanel();
    void clickingATopologyNodeSelectsItInItsPanel();
    void actionErrorsAppearInTheWindow();
    void zoomIsRemembered();
    void screenshotIsNotBlank();
    void exportsTheEventLogAndTheScenario();
    void everyTargetActionReachesTheLab_data();
    void everyTargetActionReachesTheLab();
    void labErrorsAppearInTheWindow();
    void everyMenuActionHasAShortcut();
    void opensOnPullBasicsOrTheLastScenario();
    void anOpenedScenarioIntroducesItself();
    void unsavedChangesAskBeforeSwitchingOrClosing();
    void chartsKeepTheirLegendAcrossScenarioSwitches();
    void pauseFreezesChartsAndTimelineAndResumes();
    void bindFailuresAppearInTheWindow();
    void topologyNodeMenuOffersItsActions();
    void anOutsideProgramsMenuOffersOnlyWhatApplies();
    void timeWindowFromTheKeyboard();
    void dockLayoutIsRemembered();

private:
    Lab *m_lab = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestMainWindow::init() {
    m_lab = new Lab;
    QString error;
    QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
    m_window = new MainWindow(m_lab);
    // A test that changes the world and then switches scenario does not stop at a message box.
    m_window->setUnsavedChangesPrompt([] { return MainWindow::UnsavedChoice::Discard; });
    m_window->resize(1400, 900);
    m_window->show();
}

void TestMainWindow::cleanup() {
    delete m_window;
    delete m_lab;
}

void TestMainWindow::killingATargetFromItsPanelTurnsUpToZero() {
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-1"), 1.0, 5000);
    TargetsPanel *panel = m_window->targetsPanel();
    panel->selectTarget("web-1");
    QCOMPARE(panel->currentTarget(), QByteArray("web-1"));
    QVERIFY(panel->killAction()->isEnabled());
    panel->killAction()->trigger();
    QVERIFY(!m_lab->target("web-1")->isRunning());
    // Within two scrape intervals (1 s each), plus slack for a loaded machine.
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-1"), 0.0, 2000 + 1500);
    QCOMPARE(upOf(*m_lab, "web-2"), 1.0); // the other one is untouched
    QTRY_COMPARE_WITH_TIMEOUT(m_window->topology()->nodeState("web-1"),
                              std::optional(TopologyView::NodeState::Killed), 2000);
}

void TestMainWindow::runningAPushJobAddsItsGroupAndAPushMark() {
    QVERIFY(m_lab->gateway());
    GatewayPanel *gateway = m_window->gatewayPanel();
    QCOMPARE(gateway->model()->rowCount(), 0);
    JobsPanel *jobs = m_window->jobsPanel();
    jobs->selectJob("backup");
    jobs->runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(gateway->model()->rowCount(), 1, 5000);
    QVERIFY(gateway->model()
                ->data(gateway->model()->index(0, GatewayGroupsModel::Key))
                .toString()
                .contains(u"database_backup"));
    TimelineView *timeline = m_window->timeline();
    QTRY_COMPARE_WITH_TIMEOUT(timeline->markCount(TimelineView::Lane::Push, LabEvent::Kind::Push),
                              1, 2000);
    // Clicking the mark shows what the push did.
    const QPoint mark =
        timeline->newestMarkPosition(TimelineView::Lane::Push, LabEvent::Kind::Push);
    QVERIFY(mark.x() >= 0);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, mark);
    QVERIFY2(timeline->selectedDetails().contains(u"database_backup"),
             qPrintable(timeline->selectedDetails()));
}

void TestMainWindow::deletingAGroupRemovesIt() {
    QVERIFY(m_lab->gateway());
    QString error;
    QVERIFY(m_lab->runJob("backup", &error));
    GatewayPanel *gateway = m_window->gatewayPanel();
    QTRY_COMPARE_WITH_TIMEOUT(gateway->model()->rowCount(), 1, 5000);
    gateway->view()->selectRow(0);
    gateway->deleteAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(gateway->model()->rowCount(), 0, 2000);
    QVERIFY(m_window->errorBar()->currentMessage().isEmpty());
}

void TestMainWindow::invalidConfigShowsTheErrorLineAndKeepsTheOldConfig() {
    ServerPanel *server = m_window->serverPanel();
    const QByteArray before = m_lab->configYaml();
    QVERIFY(server->editor()->toPlainText().contains(u"scrape_configs"));
    server->editor()->setPlainText(QStringLiteral("global:\n"
                                                  "  scrape_interval: 1s\n"
                                                  "  scrape_timeout: banana\n"
                                                  "scrape_configs: []\n"));
    server->applyAction()->trigger();
    QCOMPARE(server->errorLine(), 3);
    // The editor marks that line for the eye, not only the status text.
    const auto marks = server->editor()->extraSelections();
    QVERIFY(!marks.isEmpty());
    QCOMPARE(marks.first().cursor.blockNumber() + 1, 3);
    QVERIFY(!m_window->errorBar()->currentMessage().isEmpty());
    QCOMPARE(m_lab->configYaml(), before);                       // the running configuration stays
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-2"), 1.0, 5000); // and keeps scraping
}

// Issue 12 §3: the seed article's snippet with its indentation lost is rejected as promtool
// rejects it, at its line, with a hint; the running configuration stays; a later good Apply
// clears the banner and names what the lab accepts but does not simulate.
void TestMainWindow::strictConfigErrorsUsePromtoolsWordingAndClearOnSuccess() {
    ServerPanel *server = m_window->serverPanel();
    const QByteArray before = m_lab->configYaml();
    server->editor()->setPlainText(QStringLiteral("scrape_configs:\n"
                                                  "- job_name: 'nodejs_app'\n"
                                                  "scrape_interval: 15s\n"
                                                  "static_configs:\n"
                                                  "- targets: ['localhost:8080']\n"));
    server->applyAction()->trigger();
    QCOMPARE(server->errorLine(), 3);
    QVERIFY2(server->errorText().contains(
                 u"line 3: field scrape_interval not found in type config.plain"),
             qPrintable(server->errorText()));
    QVERIFY(server->errorText().contains(u"indentation"));           // the hint
    QVERIFY(server->errorText().contains(u"running configuration")); // "… stays"
    const auto marks = server->editor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.blockNumber() + 1, 3);
    QCOMPARE(marks.first().format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QCOMPARE(m_lab->configYaml(), before);
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-2"), 1.0, 5000);

    // Keys are highlighted (bold, coloured) in the editor.
    const QTextBlock first = server->editor()->document()->firstBlock();
    bool keyHighlighted = false;
    for (const QTextLayout::FormatRange &r : first.layout()->formats())
        keyHighlighted = keyHighlighted || (r.start == 0 && r.length == 14 &&
                                            r.format == server->highlighter()->keyFormat());
    QVERIFY(keyHighlighted);

    QString fixed = QString::fromUtf8(before);
    fixed.prepend(QStringLiteral("remote_read: [{url: 'http://remote:9201/read'}]\n"));
    server->editor()->setPlainText(fixed);
    server->applyAction()->trigger();
    QCOMPARE(server->errorText(), QString());
    QCOMPARE(server->errorLine(), 0);
    QVERIFY(server->editor()->extraSelections().isEmpty());
    QVERIFY2(server->noticeText().contains(u"line 1: remote_read"),
             qPrintable(server->noticeText()));
    QVERIFY(m_lab->configYaml().startsWith("remote_read"));
}

void TestMainWindow::serverPanelListsDiscoveredAndFinalLabels() {
    QVERIFY(m_lab->scrapeManager());
    ServerPanel *server = m_window->serverPanel();
    server->refreshTargets();
    QTableWidget *table = server->targetsTable();
    QCOMPARE(table->rowCount(), 3); // web-1, web-2 and the gateway
    bool sawWeb = false;
    for (int r = 0; r < table->rowCount(); ++r) {
        QVERIFY(table->item(r, 2)->text().contains(u"__address__"));
        if (table->item(r, 0)->text() == u"web") {
            sawWeb = true;
            QVERIFY(table->item(r, 3)->text().contains(u"instance=\""));
        }
    }
    QVERIFY(sawWeb);
}

void TestMainWindow::addingATargetShowsItEverywhere() {
    TargetsPanel *panel = m_window->targetsPanel();
    QVERIFY(panel->addTarget("web-3"));
    QVERIFY(m_lab->target("web-3") && m_lab->target("web-3")->isRunning());
    QCOMPARE(panel->currentTarget(), QByteArray("web-3"));
    QCOMPARE(panel->model()->rowCount(), 3);
    QCOMPARE(m_window->topology()->nodeState("web-3"), std::optional(TopologyView::NodeState::Up));
    QVERIFY(!panel->addTarget("web-3")); // a second one by that name is refused, and said so
    QVERIFY(m_window->errorBar()->currentMessage().contains(u"web-3"));
}

void TestMainWindow::removingATargetFromItsPanelMakesItsUpSeriesStale() {
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-1"), 1.0, 5000);
    const QByteArray address = m_lab->target("web-1")->address();
    const auto ids = m_lab->store()->select(
        {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up"),
         *LabelMatcher::create(LabelMatcher::Op::Equal, "instance", address)});
    QCOMPARE(ids.size(), size_t(1));
    TargetsPanel *panel = m_window->targetsPanel();
    QCOMPARE(panel->model()->rowCount(), 2);
    panel->selectTarget("web-1");
    QVERIFY(panel->removeTargetAction()->isEnabled());
    panel->removeTargetAction()->trigger();
    QVERIFY(m_window->errorBar()->currentMessage().isEmpty());
    QVERIFY(!m_lab->target("web-1"));
    QCOMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->nameAt(0), QByteArray("web-2"));
    // Gone from the generated static configuration, hence from discovery…
    for (const ScrapeTarget &t : m_lab->discovery()->activeTargets())
        QVERIFY2(!t.url.contains(QString::fromUtf8(address)), qPrintable(t.url));
    // …and its loop stopped with a staleness marker, as when discovery drops a target.
    QTRY_VERIFY_WITH_TIMEOUT(m_lab->store()->lastSample(ids.front()) &&
                                 isStaleMarker(m_lab->store()->lastSample(ids.front())->value),
                             4000);
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-2"), 1.0, 3000); // the other keeps going
    // Removing it again is refused and said so.
    QString error;
    QVERIFY(!m_lab->removeTarget(QStringLiteral("web-1"), &error));
    QVERIFY(error.contains(u"web-1"));
}

void TestMainWindow::gatewayPersistenceToggleDecidesWhetherARestartKeepsGroups() {
    GatewayPanel *gateway = m_window->gatewayPanel();
    QVERIFY(!gateway->persistenceBox()->isChecked());
    QVERIFY(!m_lab->gatewayPersists());
    const QUrl url = m_lab->gatewayUrl();
    QVERIFY(!m_window->gatewayPersistenceAction()->isChecked());
    m_window->gatewayPersistenceAction()->trigger(); // the Gateway menu entry (Ctrl+Shift+P)
    QVERIFY(gateway->persistenceBox()->isChecked()); // and the panel's checkbox agree
    QVERIFY(m_lab->gatewayPersistence());
    QVERIFY(!m_lab->gatewayPersists()); // only from the next restart, like the real flag
    QVERIFY(gateway->persistenceText().contains(u"next restart"));
    gateway->restartAction()->trigger();
    QVERIFY(m_window->errorBar()->currentMessage().isEmpty());
    QVERIFY(m_lab->gatewayPersists());
    QCOMPARE(m_lab->gatewayUrl(), url); // same port: scrapes and pushes still reach it
    QVERIFY(!gateway->persistenceText().contains(u"next restart"));

    QString error;
    QVERIFY(m_lab->runJob("backup", &error));
    QTRY_COMPARE_WITH_TIMEOUT(gateway->model()->rowCount(), 1, 5000);
    gateway->restartAction()->trigger(); // persistence on: the group comes back from the file
    QCOMPARE(gateway->model()->rowCount(), 1);
    QCOMPARE(m_lab->gateway()->groups(), gateway->model()->groups());

    gateway->persistenceBox()->setChecked(false);
    QVERIFY(!m_window->gatewayPersistenceAction()->isChecked());
    QVERIFY(!m_lab->gatewayPersistence());
    gateway->restartAction()->trigger(); // persistence off: a restart loses it
    QVERIFY(!m_lab->gatewayPersists());
    QCOMPARE(gateway->model()->rowCount(), 0);
    QCOMPARE(m_lab->gatewayUrl(), url);
}

// Issue 12 §4: the gateway panel turns basic auth on (user + password, stored as a bcrypt
// hash as the real web config expects) and off. While on, a push without the credentials is
// 401 and one with them 200; the lab's own job still gets through; a gateway restart keeps it;
// a user name with ':' is refused in the window and changes nothing.
void TestMainWindow::gatewayBasicAuthFromItsPanel() {
    GatewayPanel *panel = m_window->gatewayPanel();
    QVERIFY(!panel->basicAuthAction()->isChecked());
    QVERIFY(panel->basicAuthText().contains(u"off"));
    const QUrl group(m_lab->gatewayUrl().toString() + QStringLiteral("/metrics/job/student"));
    const auto push = [&](const QByteArray &credentials) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!credentials.isEmpty())
            headers.append({"Authorization", "Basic " + credentials.toBase64()});
        return ppl::test::httpRequest("PUT", group, "done 1\n", headers).status;
    };
    QCOMPARE(push({}), 200);

    QVERIFY(!panel->applyBasicAuth(QStringLiteral("a:b"), QStringLiteral("x")));
    QVERIFY2(m_window->errorBar()->currentMessage().contains(u"':'"),
             qPrintable(m_window->errorBar()->currentMessage()));
    QVERIFY(!panel->basicAuthAction()->isChecked());
    QCOMPARE(push({}), 200);

    QVERIFY(panel->applyBasicAuth(QStringLiteral("teacher"), QStringLiteral("s3cret")));
    QVERIFY(panel->basicAuthAction()->isChecked());
    QVERIFY2(panel->basicAuthText().contains(u"teacher"), qPrintable(panel->basicAuthText()));
    QCOMPARE(push({}), 401);
    QCOMPARE(push("teacher:wrong"), 401);
    QCOMPARE(push("teacher:s3cret"), 200);
    QString error;
    QVERIFY(m_lab->runJob("backup", &error)); // the lab's own pusher sends the credentials
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, 5000);
    panel->restartAction()->trigger();
    QCOMPARE(push({}), 401); // a restart keeps the web config

    panel->basicAuthAction()->trigger(); // off
    QVERIFY(!panel->basicAuthAction()->isChecked());
    QVERIFY(panel->basicAuthText().contains(u"off"));
    QCOMPARE(push({}), 200);
}

void TestMainWindow::clickingATopologyNodeSelectsItInItsPanel() {
    TopologyView *topology = m_window->topology();
    QCOMPARE(topology->nodeCount(), 5); // server, web-1, web-2, gateway, backup
    QTest::mouseClick(topology->viewport(), Qt::LeftButton, {},
                      topology->nodeViewPosition("web-2"));
    QCOMPARE(m_window->targetsPanel()->currentTarget(), QByteArray("web-2"));
    QTest::mouseClick(topology->viewport(), Qt::LeftButton, {},
                      topology->nodeViewPosition("backup"));
    QCOMPARE(m_window->jobsPanel()->currentJob(), QByteArray("backup"));
}

void TestMainWindow::actionErrorsAppearInTheWindow() {
    // Starting a target that already runs is refused by the lab; the window says so.
    m_window->targetsPanel()->selectTarget("web-2");
    m_window->targetsPanel()->startAction()->trigger();
    QVERIFY(!m_window->errorBar()->currentMessage().isEmpty());
    QVERIFY(m_window->errorBar()->currentMessage().contains(u"web-2"));
}

void TestMainWindow::zoomIsRemembered() {
    const qreal base = m_window->font().pointSizeF() / m_window->zoom();
    m_window->zoomInAction()->trigger();
    m_window->zoomInAction()->trigger();
    const qreal zoomed = m_window->zoom();
    QVERIFY(zoomed > 1.25);
    QVERIFY(m_window->font().pointSizeF() > base * 1.25);
    m_window->close(); // saves the dock layout too
    MainWindow again(m_lab);
    QCOMPARE(again.zoom(), zoomed);
    again.setZoom(1); // leave the settings as we found them
}

void TestMainWindow::screenshotIsNotBlank() {
    QTRY_COMPARE_WITH_TIMEOUT(upOf(*m_lab, "web-2"), 1.0, 5000);
    QString error;
    QVERIFY(m_lab->runJob("backup", &error));
    QVERIFY(m_lab->killTarget("web-1", &error));
    // Let a few scrapes land so the charts and the timeline have something to show.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->markCount(TimelineView::Lane::Pull) >= 8, 8000);
    m_window->setTimeWindowMs(60'000); // a minute: the marks spread out
    const QString file = screenshotDir() + QStringLiteral("/mainwindow.png");
    QVERIFY(m_window->saveScreenshot(file));
    QImage img(file);
    QVERIFY(!img.isNull());
    QVERIFY(img.width() >= 1000);
    QVERIFY2(colourCount(img, 3) > 20, "the window grabbed as a flat picture");
}

void TestMainWindow::exportsTheEventLogAndTheScenario() {
    QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->markCount(TimelineView::Lane::Pull) >= 2, 5000);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString log = dir.filePath(QStringLiteral("events.jsonl"));
    QString error;
    QVERIFY2(m_window->exportEventLog(log, &error), qPrintable(error));
    QFile in(log);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    QVERIFY(lines.last().isEmpty()); // every line ends
    QVERIFY(lines.size() - 1 >= 3);
    QSet<QString> kinds;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i]);
        QVERIFY2(doc.isObject(), lines[i].constData());
        kinds.insert(doc.object().value(u"kind").toString());
    }
    QVERIFY2(kinds.contains(QStringLiteral("scrape")), qPrintable(kinds.values().join(u',')));

    const QString yaml = dir.filePath(QStringLiteral("scenario.yaml"));
    QVERIFY2(m_window->exportScenario(yaml, &error), qPrintable(error));
    const ScenarioLoadResult again = loadScenarioFile(yaml);
    QVERIFY2(again.scenario, again.error ? qPrintable(again.error->toString()) : "");
    QCOMPARE(again.scenario->name, m_lab->scenarioName());
    QCOMPARE(again.scenario->prometheusYaml, m_lab->scenario().prometheusYaml);

    // An unwritable place is an error the user reads, and nothing is half-written.
    QVERIFY(!m_window->exportEventLog(QStringLiteral("/nonexistent/dir/e.jsonl"), &error));
    QVERIFY2(error.contains(u"/nonexistent/dir/e.jsonl"), qPrintable(error));
}

void TestMainWindow::timeWindowFromTheKeyboard() {
    const auto actions = m_window->findChildren<QAction *>();
    const auto withKeys = [&](const QKeySequence &keys) -> QAction * {
        for (QAction *a : actions)
            if (a->shortcuts().contains(keys))
                return a;
        return nullptr;
    };
    QAction *oneMinute = withKeys(QKeySequence(Qt::ALT | Qt::Key_1));
    QAction *oneHour = withKeys(QKeySequence(Qt::ALT | Qt::Key_5));
    QVERIFY(oneMinute && oneHour);
    oneHour->trigger();
    QCOMPARE(m_window->timeWindowMs(), 3'600'000);
    QVERIFY(oneHour->isChecked());
    oneMinute->trigger();
    QCOMPARE(m_window->timeWindowMs(), 60'000);
    QVERIFY(oneMinute->isChecked() && !oneHour->isChecked());
    // The server node brings the server's configuration forward.
    auto *serverDock = m_window->findChild<QDockWidget *>(QStringLiteral("serverDock"));
    QVERIFY(serverDock);
    serverDock->hide();
    TopologyView *topology = m_window->topology();
    QTest::mouseClick(topology->viewport(), Qt::LeftButton, {},
                      topology->nodeViewPosition("server"));
    QVERIFY(serverDock->isVisible());
}

void TestMainWindow::dockLayoutIsRemembered() {
    auto *comparison = m_window->findChild<QDockWidget *>(QStringLiteral("comparisonDock"));
    auto *charts = m_window->findChild<QDockWidget *>(QStringLiteral("chartsDock"));
    QVERIFY(comparison && charts);
    const bool wasVisible = comparison->isVisible();
    comparison->setVisible(!wasVisible);
    m_window->removeDockWidget(charts);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, charts);
    charts->show();
    m_window->close(); // saves the layout
    MainWindow again(m_lab);
    again.resize(1400, 900);
    again.show();
    auto *comparison2 = again.findChild<QDockWidget *>(QStringLiteral("comparisonDock"));
    auto *charts2 = again.findChild<QDockWidget *>(QStringLiteral("chartsDock"));
    QVERIFY(comparison2 && charts2);
    QCOMPARE(comparison2->isVisible(), !wasVisible);
    QCOMPARE(again.dockWidgetArea(charts2), Qt::LeftDockWidgetArea);
    // Leave the layout as we found it for the next tests.
    QSettings().remove(QStringLiteral("window/state"));
}

void TestMainWindow::everyTargetActionReachesTheLab_data() {
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("fault"); // TargetFault
    QTest::addRow("hang") << "hang" << int(TargetFault::Hang);
    QTest::addRow("slow") << "slow" << int(TargetFault::Slow);
    QTest::addRow("flap") << "flap" << int(TargetFault::Flap);
    QTest::addRow("firewall") << "firewall" << int(TargetFault::Firewall);
    QTest::addRow("error") << "error" << int(TargetFault::Error);
}

void TestMainWindow::everyTargetActionReachesTheLab() {
    QFETCH(QString, action);
    QFETCH(int, fault);
    TargetsPanel *panel = m_window->targetsPanel();
    QAction *a = panel->findChild<QAction *>(action);
    QVERIFY2(a, qPrintable(action));
    QVERIFY(!a->shortcut().isEmpty()); // every action has a key
    panel->selectTarget("web-2");
    a->trigger();
    QCOMPARE(int(m_lab->target("web-2")->fault()), fault);
    QCOMPARE(int(m_lab->target("web-1")->fault()), int(TargetFault::None));
    // Heal undoes it.
    QAction *heal = panel->findChild<QAction *>(QStringLiteral("heal"));
    QVERIFY(heal);
    heal->trigger();
    QCOMPARE(int(m_lab->target("web-2")->fault()), int(TargetFault::None));
}

// What goes wrong in the lab is said in the window, not only on the console.
void TestMainWindow::labErrorsAppearInTheWindow() {
    // A scenario that does not load: its file and line.
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.yaml"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("name: broken\ntargets:\n  - name: a\n    profile: no-such-profile\n");
    f.close();
    QVERIFY(!m_window->openScenario(broken));
    QVERIFY2(m_window->errorBar()->currentMessage().contains(u"broken.yaml"),
             qPrintable(m_window->errorBar()->currentMessage()));
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("ui-test")); // the running one stays
    // A push the gateway never gets (the network is partitioned): rejected, and why.
    m_lab->setPartitioned(true);
    QVERIFY(m_lab->runJob("backup"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->currentMessage().contains(u"rejected"), 8000);
    m_lab->setPartitioned(false);
}

// "Every action also available from menus with keyboard shortcuts" (the lists of built-in and
// recent scenarios in submenus aside).
void TestMainWindow::everyMenuActionHasAShortcut() {
    QStringList missing;
    int checked = 0;
    for (QAction *top : m_window->menuBar()->actions()) {
        QMenu *menu = top->menu();
        if (!menu)
            continue;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || a->menu()) // submenus: built-in and recent scenarios
                continue;
            ++checked;
            if (a->shortcut().isEmpty())
                missing << top->text() + u'/' + a->text();
        }
    }
    QVERIFY(checked >= 25);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
}

void TestMainWindow::opensOnPullBasicsOrTheLastScenario() {
    QSettings().remove(QStringLiteral("scenario/last"));
    QVERIFY(m_window->openInitialScenario());
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("pull-basics"));
    QVERIFY(m_window->openScenario(QStringLiteral("stale-metrics")));
    MainWindow again(m_lab);
    QVERIFY(again.openInitialScenario());
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("stale-metrics"));
    QSettings().remove(QStringLiteral("scenario/last"));
}

// Issue 12 §2: switching scenario or closing the window with unsaved changes to the world asks
// first; Cancel stays, Discard goes on, Save writes the world as it is now and goes on. A world
// without changes (or with only runtime faults) asks nothing.
void TestMainWindow::unsavedChangesAskBeforeSwitchingOrClosing() {
    using Choice = MainWindow::UnsavedChoice;
    int asked = 0;
    Choice answer = Choice::Cancel;
    m_window->setUnsavedChangesPrompt([&] {
        ++asked;
        return answer;
    });
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString saved = dir.filePath(QStringLiteral("saved.yaml"));
    m_window->setSaveScenarioPathPrompt([&] { return saved; });

    // Clean: no question, even after a kill (runtime, not the world).
    QVERIFY(m_window->openScenario(QStringLiteral("pull-basics")));
    QVERIFY(m_lab->killTarget("web-1"));
    QVERIFY(m_window->openScenario(QStringLiteral("stale-metrics")));
    QCOMPARE(asked, 0);

    // Changed: asked; Cancel keeps the scenario and the change, and keeps the window open.
    TargetSpec extra;
    extra.options.name = "extra-1";
    QString error;
    QVERIFY2(m_lab->addTarget(extra, &error), qPrintable(error));
    QVERIFY(!m_window->openScenario(QStringLiteral("pull-basics")));
    QCOMPARE(asked, 1);
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("stale-metrics"));
    QVERIFY(m_lab->target("extra-1"));
    QVERIFY(!m_window->close());
    QCOMPARE(asked, 2);
    QVERIFY(m_window->isVisible());

    // Save: the world as it is now is written, then the switch goes on.
    answer = Choice::Save;
    QVERIFY(m_window->openScenario(QStringLiteral("pull-basics")));
    QCOMPARE(asked, 3);
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("pull-basics"));
    const ScenarioLoadResult written = loadScenarioFile(saved);
    QVERIFY2(written.scenario, written.error ? qPrintable(written.error->toString()) : "");
    QCOMPARE(written.scenario->name, QStringLiteral("stale-metrics"));
    QVERIFY(std::any_of(written.scenario->targets.begin(), written.scenario->targets.end(),
                        [](const TargetSpec &t) { return t.options.name == "extra-1"; }));

    // Discard: goes on without writing; the saved file reopens as the saved world.
    QVERIFY2(m_lab->addTarget(extra, &error), qPrintable(error));
    answer = Choice::Discard;
    QVERIFY(m_window->openScenario(saved));
    QCOMPARE(asked, 4);
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("stale-metrics"));
    QVERIFY(m_lab->target("extra-1"));
    QVERIFY(!m_lab->worldChanged());

    // Closing with a change asks; Discard closes.
    QVERIFY(m_lab->removeTarget(QStringLiteral("extra-1")));
    QVERIFY(m_window->close());
    QCOMPARE(asked, 5);
    QVERIFY(!m_window->isVisible());
    QSettings().remove(QStringLiteral("scenario/last"));
}

// Issue 12 §2: the scenario's description is shown when it opens (a band above the topology,
// in the user's language for a built-in) and again under Help → About this scenario; a file
// without one says so instead of showing an empty band.
void TestMainWindow::anOpenedScenarioIntroducesItself() {
    ScenarioIntroBar *intro = m_window->scenarioIntro();
    QVERIFY(intro);
    QVERIFY(m_window->openScenario(QStringLiteral("stale-metrics")));
    const Scenario &opened = m_lab->scenario();
    QVERIFY(!opened.description.isEmpty());
    QVERIFY(intro->isVisible());
    QVERIFY2(intro->title().contains(QStringLiteral("stale-metrics")), qPrintable(intro->title()));
    QCOMPARE(intro->description(), builtInScenarioDescription(opened.description));
    const QString about = m_window->aboutScenarioText();
    QVERIFY2(about.contains(QStringLiteral("stale-metrics")), qPrintable(about));
    QVERIFY2(about.contains(builtInScenarioDescription(opened.description).toHtmlEscaped()),
             qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("Targets: %1").arg(opened.targets.size())),
             qPrintable(about));

    // Dismissed, it stays hidden until the next scenario opens, which brings its own text.
    QToolButton *dismiss = intro->findChild<QToolButton *>();
    QVERIFY(dismiss);
    dismiss->click();
    QVERIFY(!intro->isVisible());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bare.yaml"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("name: bare\nprometheus: |\n  scrape_configs: []\n");
    f.close();
    QVERIFY(m_window->openScenario(file));
    QVERIFY(intro->isVisible());
    QVERIFY2(intro->title().contains(QStringLiteral("bare")), qPrintable(intro->title()));
    QCOMPARE(intro->description(), QStringLiteral("This scenario file has no description."));
    QVERIFY(m_window->aboutScenarioText().contains(QDir::toNativeSeparators(file)));
    QSettings().remove(QStringLiteral("scenario/last"));
}

// The toolbar's pause: the lab holds its scrapes and timed actions, and every chart and the
// timeline stop at the same moment; resume lets all of them go on.
// Issue 12: after four scenario switches the `up` chart still shows its legend, listing the
// running scenario's targets only (before, 17 stale `up` series of earlier scenarios were kept
// and the legend, over 12 entries, vanished). The store keeps the old series for queries.
void TestMainWindow::chartsKeepTheirLegendAcrossScenarioSwitches() {
    m_window->resize(1366, 768);
    LiveChart *up = m_window->chartsPanel()->charts().value(0);
    QVERIFY(up);
    QCOMPARE(up->expression(), QStringLiteral("up"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Every `up` series the store has before the switches (ui-test's, as far as they were
    // scraped) and every instance of each switched scenario: the store keeps them all.
    const auto upSeries = [&] {
        QSet<QByteArray> instances;
        const SeriesStore *store = m_lab->store();
        for (const SeriesStore::SeriesId id :
             store->select({*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")}))
            instances.insert(store->labels(id).value("job") + ' ' +
                             store->labels(id).value("instance"));
        return instances;
    };
    QSet<QByteArray> expected = upSeries();
    for (int round = 1; round <= 4; ++round) {
        const QByteArray n = "s" + QByteArray::number(round);
        QByteArray yaml = "name: switch-" + n + R"(
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: 'web'
      static_configs:
        - targets: ['{{target:N-a}}', '{{target:N-b}}', '{{target:N-c}}', '{{target:N-d}}']
    - job_name: 'pushgateway'
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: N-a
  - name: N-b
  - name: N-c
  - name: N-d
)";
        yaml.replace("N-", n + "-");
        const QString file = dir.filePath(QStringLiteral("switch-%1.yaml").arg(round));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(yaml) == yaml.size());
        f.close();
        QVERIFY(m_window->openScenario(file));
        // This scenario's instances: its four targets and its gateway.
        QSet<QByteArray> current;
        for (SimulatedTarget *t : m_lab->targets())
            current.insert(t->address());
        current.insert(m_lab->gatewayUrl().authority().toUtf8());
        QCOMPARE(current.size(), 5);
        for (SimulatedTarget *t : m_lab->targets())
            expected.insert("web " + t->address());
        expected.insert("pushgateway " + m_lab->gatewayUrl().authority().toUtf8());
        const auto shown = [&] {
            QSet<QByteArray> instances;
            for (const Labels &l : up->seriesLabels())
                instances.insert(l.value("instance"));
            return instances;
        };
        // Each scraped once (1 s interval), then the chart holds exactly them.
        [[maybe_unused]] const bool settled = QTest::qWaitFor(
            [&] {
                up->renderNow();
                return shown() == current && up->legendShown();
            },
            8000);
        const auto joined = [](const QSet<QByteArray> &set) {
            QStringList out;
            for (const QByteArray &v : set)
                out << QString::fromUtf8(v);
            out.sort();
            return out.join(u',');
        };
        QVERIFY2(shown() == current, qPrintable(QStringLiteral("round %1: shown %2, current %3")
                                                    .arg(round)
                                                    .arg(joined(shown()), joined(current))));
        QVERIFY2(up->legendShown(), qPrintable(up->legendTexts().join(u", ")));
    }
    // The store still has every scenario's `up` (ui-test's, then 5 a switch): over 12.
    const QSet<QByteArray> stored = upSeries();
    QVERIFY2(stored.contains(expected) && stored.size() > 12,
             qPrintable(
                 QStringLiteral("%1 stored, %2 expected").arg(stored.size()).arg(expected.size())));
    QVERIFY(up->legendShown());
    QCOMPARE(up->visibleSeriesCount(), 5);
    // job · instance, the labels that differ; what does not fit is counted, not dropped.
    int listed = 0;
    for (const QString &text : up->legendTexts()) {
        if (text.startsWith(u'+')) {
            listed += text.mid(1).section(u' ', 0, 0).toInt();
            continue;
        }
        QVERIFY2(text.startsWith(u"web · ") || text.startsWith(u"pushgateway · "),
                 qPrintable(text));
        ++listed;
    }
    QCOMPARE(listed, 5);
    const QString shot =
        screenshotDir() + QStringLiteral("/mainwindow-after-switches-1366x768.png");
    QVERIFY(m_window->saveScreenshot(shot));
    QCOMPARE(QImage(shot).width(), 1366);
}

void TestMainWindow::pauseFreezesChartsAndTimelineAndResumes() {
    QAction *pause = m_window->pauseAction();
    QVERIFY(!m_lab->isPaused());
    pause->trigger();
    QVERIFY(m_lab->isPaused());
    QVERIFY(pause->isChecked());
    QVERIFY(m_window->timeline()->isPaused());
    const auto charts = m_window->chartsPanel()->charts();
    QVERIFY(!charts.isEmpty());
    for (LiveChart *c : charts)
        QVERIFY(c->isPaused());
    pause->trigger();
    QVERIFY(!m_lab->isPaused());
    QVERIFY(!m_window->timeline()->isPaused());
    for (LiveChart *c : charts)
        QVERIFY(!c->isPaused());
}

// A port someone else holds (a real Prometheus on 9090, say): the window says so, falls back
// to a free port when allowed, and a gateway that cannot bind fails its scenario visibly.
void TestMainWindow::bindFailuresAppearInTheWindow() {
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();
    Lab lab;
    MainWindow window(&lab);
    QVERIFY(!window.startServer(QHostAddress::LocalHost, taken, false));
    QVERIFY2(window.errorBar()->currentMessage().contains(QString::number(taken)),
             qPrintable(window.errorBar()->currentMessage()));
    QVERIFY(lab.serverUrl().isEmpty());
    QVERIFY(window.startServer(QHostAddress::LocalHost, taken, true)); // falls back
    QVERIFY(lab.serverUrl().port() > 0 && lab.serverUrl().port() != taken);

    LabOptions options;
    options.gatewayPort = taken;
    Lab blocked(options);
    MainWindow blockedWindow(&blocked);
    QVERIFY(!blockedWindow.openScenario(QStringLiteral("pull-basics")));
    QVERIFY2(blockedWindow.errorBar()->currentMessage().contains(QString::number(taken)),
             qPrintable(blockedWindow.errorBar()->currentMessage()));
}

// Right-clicking a node offers what can be done to it: a target's actions, a job's run.
void TestMainWindow::topologyNodeMenuOffersItsActions() {
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    TopologyView *topology = m_window->topology();
    QSignalSpy requested(topology, &TopologyView::nodeMenuRequested);
    QTRY_COMPARE_WITH_TIMEOUT(topology->nodeCount(), 5, 2000); // laid out
    const auto menuTextsFor = [&](const QByteArray &node) {
        QStringList texts;
        QTimer poll; // the menu runs its own event loop: look at it from in there
        int polls = 0;
        connect(&poll, &QTimer::timeout, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu && ++polls < 200)
                return;
            poll.stop();
            if (!menu)
                return;
            for (QAction *a : menu->actions())
                if (!a->isSeparator())
                    texts << a->text();
            menu->close();
        });
        poll.start(10);
        QTest::mouseClick(topology->viewport(), Qt::RightButton, {},
                          topology->nodeViewPosition(node));
        return texts;
    };
    const QStringList target = menuTextsFor("web-1");
    QCOMPARE(requested.count(), 1);
    QVERIFY2(target.contains(m_window->targetsPanel()->killAction()->text()),
             qPrintable(target.join(u", ")));
    QCOMPARE(m_window->targetsPanel()->currentTarget(), QByteArray("web-1")); // acts on it
    const QStringList job = menuTextsFor("backup");
    QVERIFY2(job.contains(m_window->jobsPanel()->runAction()->text()), qPrintable(job.join(u", ")));
    // Issue 12 §2: a job is edited or removed from its node too.
    QVERIFY2(job.contains(m_window->jobsPanel()->editJobAction()->text()),
             qPrintable(job.join(u", ")));
    QVERIFY2(job.contains(m_window->jobsPanel()->removeJobAction()->text()),
             qPrintable(job.join(u", ")));
}

// Issue 12 §1: the student's own app, listed in prometheus.yml, is in the Targets dock and the
// topology; its node's menu offers Open /metrics and none of the lab's faults (the lab does
// not run it).
void TestMainWindow::anOutsideProgramsMenuOffersOnlyWhatApplies() {
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    test::TestTarget app;
    QVERIFY(app.listen());
    app.setBody("app_requests_total 1\n");
    const QByteArray instance = "127.0.0.1:" + QByteArray::number(app.port());
    QByteArray yaml = m_lab->configYaml();
    yaml +=
        "  - job_name: nodejs_app\n    static_configs:\n      - targets: ['" + instance + "']\n";
    QString error;
    QVERIFY2(m_lab->reloadConfig(yaml, &error), qPrintable(error + u'\n' + QString(yaml)));
    TopologyView *topology = m_window->topology();
    QTRY_VERIFY_WITH_TIMEOUT(topology->nodeItem(instance), 2000);
    QVERIFY(m_window->targetsPanel()->model()->rowOf(instance) >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(app.requestCount() > 0, 5000); // scraped like any target
    QStringList texts;
    QTimer poll;
    int polls = 0;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu && ++polls < 200)
            return;
        poll.stop();
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                texts << a->text();
        menu->close();
    });
    poll.start(10);
    QTest::mouseClick(topology->viewport(), Qt::RightButton, {},
                      topology->nodeViewPosition(instance));
    QCOMPARE(m_window->targetsPanel()->currentTarget(), instance);
    QCOMPARE(texts, QStringList{m_window->targetsPanel()->openUrlAction()->text()});
    QVERIFY(!m_window->targetsPanel()->killAction()->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
