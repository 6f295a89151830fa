// The replay window (File → Open recording, --replay): a recording made by
// `--headless --scenario … --record FILE` opens without running anything, and its docks show
// the state at the scrubber's position, forwards and backwards; File → Record in the live
// window makes a recording that opens the same way.
#include "alertsmodel.h"
#include "alertspanel.h"
#include "gatewaygroupsmodel.h"
#include "gatewaypanel.h"
#include "jobsmodel.h"
#include "jobspanel.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "labpalette.h"
#include "mainwindow.h"
#include "querypanel.h"
#include "record/replaysession.h"
#include "replaybar.h"
#include "replaypanel.h"
#include "replaywindow.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "targetsmodel.h"
#include "targetspanel.h"
#include "topologyview.h"
#include "uitestlab.h"

#include <QComboBox>
#include <QLabel>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace ppl;

namespace {

bool runQuery(QueryPanel *panel, const QString &expression) {
    QSignalSpy finished(panel, &QueryPanel::finished);
    panel->setExpression(expression);
    panel->execute();
    return !finished.isEmpty() || finished.wait(10000);
}

QStringList column(const QTreeWidget *tree, int c) {
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(c);
    return out;
}

QString cell(const QAbstractItemModel *model, int row, int column) {
    return model->data(model->index(row, column)).toString();
}

// ui-test's world with an alerting rule on up: what the docks test records.
QByteArray docksScenario() {
    QByteArray yaml = uiTestScenario();
    yaml.replace("name: ui-test", "name: replay-docks");
    yaml += R"(rules: |
  groups:
    - name: availability
      interval: 1s
      rules:
        - alert: TargetDown
          expr: up{job="web"} == 0
)";
    return yaml;
}

} // namespace

class TestReplayWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void headlessRecordingOpensInTheWindow() {
        const QString binary = qEnvironmentVariable("PPL_LAB_BINARY");
        if (binary.isEmpty())
            QSKIP("PPL_LAB_BINARY is not set (run through ctest)");
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("ui-test.yaml"));
        {
            QFile f(scenario);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(uiTestScenario());
        }
        const QString path = dir.filePath(QStringLiteral("run.pplrec"));
        QProcess lab;
        lab.start(binary, {QStringLiteral("--headless"), QStringLiteral("--scenario"), scenario,
                           QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--duration"), QStringLiteral("4"),
                           QStringLiteral("--record"), path});
        QVERIFY(lab.waitForFinished(60'000));
        QVERIFY2(lab.exitCode() == 0, lab.readAllStandardError().constData());

        QString error;
        QPointer<MainWindow> window = openReplayWindow(path, &error);
        QVERIFY2(window, qPrintable(error));
        window->resize(1400, 900);
        window->show();
        auto *bar = window->findChild<ReplayBar *>();
        auto *panel = window->findChild<ReplayPanel *>();
        QVERIFY(bar && panel);
        record::ReplaySession *session = bar->session();
        Lab *replayLab = session->lab();
        QCOMPARE(session->scenario().name, QStringLiteral("ui-test"));
        QVERIFY(session->endMs() - session->startMs() >= 3500);
        // Nothing runs: no server, no gateway, no target, no scrape.
        QVERIFY(replayLab->apiServer() == nullptr);
        QVERIFY(replayLab->gatewayUrl().isEmpty());
        QVERIFY(replayLab->targets().isEmpty());
        QVERIFY(replayLab->scrapeManager()->loops().empty());
        QVERIFY(!window->recordAction()->isEnabled());

        // At the start: the scenario has just loaded, nothing scraped yet.
        QCOMPARE(bar->slider()->value(), 0);
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("up")));
        QCOMPARE(window->queryPanel()->table()->rowCount(), 0);

        // The scrubber to the end: every target scraped, up 1 for each, as the run left them.
        bar->slider()->setValue(bar->slider()->maximum());
        QCOMPARE(session->positionMs(),
                 session->endMs() - (session->endMs() - session->startMs()) % 100);
        QCOMPARE(replayLab->clock()->nowMs(), session->positionMs());
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("up")));
        QCOMPARE(window->queryPanel()->table()->rowCount(), 3); // web-1, web-2, the gateway
        for (int r = 0; r < 3; ++r)
            QCOMPARE(window->queryPanel()->table()->item(r, 1)->text(), QStringLiteral("1"));
        panel->refresh();
        const QStringList targets = column(panel->targets(), 0);
        QVERIFY2(targets.contains(QStringLiteral("web-1")) &&
                     targets.contains(QStringLiteral("web-2")),
                 qPrintable(targets.join(u',')));
        QVERIFY(column(panel->targets(), 2).join(u',').contains(QLatin1String("up")));
        const qsizetype eventsAtEnd = replayLab->events()->size();
        QVERIFY(eventsAtEnd > 6);

        // Backwards to the middle: fewer events, and queries see only what was there then.
        QSignalSpy rewound(session, &record::ReplaySession::rewound);
        bar->slider()->setValue(bar->slider()->maximum() / 2);
        QCOMPARE(rewound.size(), 1);
        const qsizetype eventsInMiddle = replayLab->events()->size();
        QVERIFY(eventsInMiddle < eventsAtEnd);
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("count_over_time(up[1h])")));
        const int scrapesInMiddle = window->queryPanel()->table()->item(0, 1)->text().toInt();
        bar->slider()->setValue(bar->slider()->maximum());
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("count_over_time(up[1h])")));
        QVERIFY(window->queryPanel()->table()->item(0, 1)->text().toInt() > scrapesInMiddle);

        // Play from the start at 10×: the position moves on its own, and pause stops it.
        bar->slider()->setValue(0);
        bar->speedBox()->setCurrentIndex(bar->speedBox()->findData(10.0));
        QCOMPARE(session->speed(), 10.0);
        QTest::mouseClick(bar->playButton(), Qt::LeftButton);
        QVERIFY(session->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(bar->slider()->value() > 10, 5000);
        QTest::mouseClick(bar->playButton(), Qt::LeftButton);
        QVERIFY(!session->isPlaying());

        QImage shot = window->grab().toImage();
        shot.save(screenshotDir() + QStringLiteral("/replay-window.png"));
        window->close(); // deletes itself, then the session
        QTRY_VERIFY(window.isNull());
    }

    // The live docks show the replayed world at the position: a short real session records
    // both targets up, then the job's run and push, web-2 killed and the alert on it firing.
    void docksShowTheReplayedWorld() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("docks.pplrec"));
        bool pushed = false, firing = false; // before the lab: it may log as it goes
        QSet<QByteArray> upTargets;
        Lab lab;
        const auto loaded = loadScenario(docksScenario(), QStringLiteral("replay-docks.yaml"));
        QVERIFY2(loaded.scenario, qPrintable(loaded.error ? loaded.error->toString() : QString()));
        QString error;
        QVERIFY2(lab.loadScenario(*loaded.scenario, &error), qPrintable(error));
        connect(lab.events(), &EventLog::appended, this, [&](const LabEvent &e) {
            if (const auto *p = e.as<PushEvent>(); p && p->result.ok)
                pushed = true;
            if (const auto *a = e.as<AlertEvent>(); a && a->to == rules::AlertState::Firing)
                firing = true;
            if (const auto *sc = e.as<ScrapeEvent>(); sc && sc->up())
                upTargets.insert(e.subject);
        });
        MainWindow window(&lab);
        QVERIFY2(window.startRecording(path, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(upTargets.contains("web-1") && upTargets.contains("web-2"),
                                 15'000);
        const qint64 bothUp = lab.clock()->nowMs();
        QTRY_VERIFY(lab.clock()->nowMs() > bothUp); // the job starts after that moment
        QVERIFY2(lab.runJob("backup", &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(pushed, 15'000);
        QVERIFY2(lab.killTarget("web-2", &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(firing, 20'000);
        window.stopRecording();
        lab.pause();

        QPointer<MainWindow> replay = openReplayWindow(path, &error);
        QVERIFY2(replay, qPrintable(error));
        replay->resize(1600, 1000);
        replay->show();
        auto *bar = replay->findChild<ReplayBar *>();
        QVERIFY(bar);
        record::ReplaySession *session = bar->session();
        const TargetsModel *targets = replay->targetsPanel()->model();
        const JobsModel *jobs = replay->jobsPanel()->model();
        const GatewayGroupsModel *groups = replay->gatewayPanel()->model();
        AlertsModel *alerts = replay->alertsPanel()->model();
        const TopologyView *topology = replay->topology();
        const auto state = [topology](const QByteArray &name) {
            const auto st = topology->nodeState(name);
            return st ? int(*st) : -1;
        };
        const auto is = [](TopologyView::NodeState st) { return int(st); };
        QVERIFY(session->lab()->targets().isEmpty()); // nothing runs in the replay

        const auto checkBothUp = [&] {
            QVERIFY(session->seek(bothUp));
            alerts->flushNow();
            const int web1 = targets->rowOf("web-1"), web2 = targets->rowOf("web-2");
            QVERIFY2(web1 >= 0 && web2 >= 0, qPrintable(QString::number(targets->rowCount())));
            for (int row : {web1, web2}) {
                QCOMPARE(cell(targets, row, TargetsModel::Health),
                         LabPalette::stateLabel(LabPalette::State::Up));
                QVERIFY2(cell(targets, row, TargetsModel::State).contains(QLatin1String("running")),
                         qPrintable(cell(targets, row, TargetsModel::State)));
                QVERIFY(cell(targets, row, TargetsModel::Url).startsWith(QLatin1String("http://")));
                QVERIFY(!cell(targets, row, TargetsModel::LastScrape).isEmpty());
            }
            QCOMPARE(jobs->rowCount(), 1);
            QCOMPARE(jobs->nameAt(0), QByteArray("backup"));
            QCOMPARE(cell(jobs, 0, JobsModel::LastRun), JobsModel::tr("never ran"));
            QCOMPARE(cell(jobs, 0, JobsModel::Mode), QStringLiteral("push"));
            QCOMPARE(groups->rowCount(), 0);
            QCOMPARE(alerts->rowCount(), 0);
            QCOMPARE(state("web-1"), is(TopologyView::NodeState::Up));
            QCOMPARE(state("web-2"), is(TopologyView::NodeState::Up));
            QCOMPARE(state("backup"), is(TopologyView::NodeState::Idle));
            QVERIFY(topology->nodeItem("gateway"));
            QVERIFY(topology->firingAlerts("web-2").isEmpty());
        };
        checkBothUp();
        if (QTest::currentTestFailed())
            return;

        // The end: the job ran and pushed, web-2 is down and killed, the alert fires.
        QVERIFY(session->seek(session->endMs()));
        alerts->flushNow();
        const int web2 = targets->rowOf("web-2");
        QVERIFY(web2 >= 0);
        QCOMPARE(cell(targets, web2, TargetsModel::State),
                 LabPalette::stateLabel(LabPalette::State::Killed));
        QCOMPARE(cell(targets, web2, TargetsModel::Health),
                 LabPalette::stateLabel(LabPalette::State::Down));
        QVERIFY(!cell(targets, web2, TargetsModel::LastError).isEmpty());
        QCOMPARE(cell(targets, targets->rowOf("web-1"), TargetsModel::Health),
                 LabPalette::stateLabel(LabPalette::State::Up));
        QVERIFY2(cell(jobs, 0, JobsModel::LastRun).startsWith(QStringLiteral("#1 ✔")),
                 qPrintable(cell(jobs, 0, JobsModel::LastRun)));
        QVERIFY2(cell(jobs, 0, JobsModel::Push).startsWith(QStringLiteral("✔")),
                 qPrintable(cell(jobs, 0, JobsModel::Push)));
        QCOMPARE(groups->rowCount(), 1);
        QVERIFY(
            cell(groups, 0, GatewayGroupsModel::Key).contains(QLatin1String("database_backup")));
        QVERIFY2(cell(groups, 0, GatewayGroupsModel::PushedBy).contains(QLatin1String("backup")),
                 qPrintable(cell(groups, 0, GatewayGroupsModel::PushedBy)));
        QVERIFY(cell(groups, 0, GatewayGroupsModel::LastPush) != GatewayGroupsModel::tr("never"));
        const int rule = alerts->rowOf(AlertsModel::RowKind::AlertingRule, "TargetDown");
        QVERIFY(rule >= 0);
        QCOMPARE(cell(alerts, rule, AlertsModel::State),
                 AlertsModel::stateLabel(rules::AlertState::Firing));
        const int alert = alerts->rowOf(AlertsModel::RowKind::Alert, "TargetDown");
        QVERIFY(alert > rule);
        QVERIFY(cell(alerts, alert, AlertsModel::AlertLabels).contains(QLatin1String("web-2")) ||
                cell(alerts, alert, AlertsModel::AlertLabels).contains(QLatin1String("instance")));
        QCOMPARE(alerts->count(rules::AlertState::Firing), 1);
        QCOMPARE(state("web-2"), is(TopologyView::NodeState::Killed));
        QVERIFY(topology->isNodeGreyed("web-2"));
        QCOMPARE(state("web-1"), is(TopologyView::NodeState::Up));
        QCOMPARE(topology->firingAlerts("web-2"), QStringList{QStringLiteral("TargetDown")});
        QVERIFY(topology->alertItem("web-2"));
        // The status bar says where the replay stands, not "running".
        const auto statusText = [&replay] {
            QStringList texts;
            for (const QLabel *l : replay->statusBar()->findChildren<QLabel *>())
                texts << l->text();
            return texts.join(u'|');
        };
        QVERIFY2(statusText().contains(QLatin1String("replay paused at")) &&
                     !statusText().contains(QLatin1String("running")),
                 qPrintable(statusText()));
        QImage shot = replay->grab().toImage();
        QVERIFY(shot.save(screenshotDir() + QStringLiteral("/replay-docks.png")));

        // Scrubbing back: the docks show the earlier world again.
        checkBothUp();
        // The replay keeps its layout apart from the live window's.
        const QVariant liveState = QSettings().value(QStringLiteral("window/state"));
        replay->close();
        QTRY_VERIFY(replay.isNull());
        QVERIFY(QSettings().contains(QStringLiteral("replayWindow/state")));
        QCOMPARE(QSettings().value(QStringLiteral("window/state")), liveState);
    }

    void windowRecordingReplays() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("window.pplrec"));
        Lab lab;
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        MainWindow window(&lab);
        window.show();
        QVERIFY2(window.startRecording(path, &error), qPrintable(error));
        QVERIFY(window.isRecording());
        QVERIFY(window.recordAction()->isChecked());
        const auto upSamples = [&lab] {
            qsizetype n = 0;
            for (const auto id : lab.store()->select(
                     {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")}))
                n += lab.store()->sampleCount(id);
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(upSamples() >= 6, 15'000);
        window.stopRecording();
        QVERIFY(!window.isRecording());
        QVERIFY(!window.recordAction()->isChecked());
        const qsizetype recorded = upSamples();

        QPointer<MainWindow> replay = window.openRecording(path);
        QVERIFY(replay);
        auto *bar = replay->findChild<ReplayBar *>();
        QVERIFY(bar);
        QVERIFY(bar->session()->seek(bar->session()->endMs()));
        Lab *replayLab = bar->session()->lab();
        qsizetype replayed = 0;
        for (const auto id : replayLab->store()->select(
                 {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")}))
            replayed += replayLab->store()->sampleCount(id);
        QCOMPARE(replayed, recorded);

        // Not a recording: the error bar says why, no window opens.
        const QString bad = dir.filePath(QStringLiteral("bad.pplrec"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a recording");
        }
        QVERIFY(window.openRecording(bad) == nullptr);
        replay->close();
        QTRY_VERIFY(replay.isNull());
    }
};

QTEST_MAIN(TestReplayWindow)
#include "tst_replaywindow.moc"
