// The window's side of alerting (issue 14 §3): the Alerts dock, the timeline's alert lane,
// the topology's firing mark and the rule-file editor, driven on a built-in scenario's rules.
// Lab clock: a ManualClock stepped a second at a time; scrapes are real loopback HTTP.
#include "alertsmodel.h"
#include "alertspanel.h"
#include "errorbar.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "labtesthelpers.h"
#include "mainwindow.h"
#include "rules/alertingrule.h"
#include "rules/rulemanager.h"
#include "serverpanel.h"
#include "sim/simulatedtarget.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"
#include "timelineview.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAction>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBlock>

using namespace ppl;

namespace {

// The state of the first alert of a rule, inactive when it has none.
rules::AlertState alertState(Lab &lab, const QByteArray &rule) {
    for (const rules::AlertingRule *r : lab.ruleManager()->alertingRules())
        if (r->name() == rule)
            return r->state();
    return rules::AlertState::Inactive;
}

QStringList ruleNames(Lab &lab) {
    QStringList names;
    for (const rules::RuleGroup *g : lab.ruleManager()->groups())
        for (const auto &r : g->rules())
            names << QString::fromUtf8(r->name());
    return names;
}

} // namespace

class TestAlertsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void init() {
        m_clock = new ManualClock;
        m_lab = new Lab(LabOptions{m_clock});
        QString error;
        QVERIFY2(loadBuiltInScenario(*m_lab, QStringLiteral("pull-basics"), &error),
                 qPrintable(error));
        m_window = new MainWindow(m_lab);
        m_window->resize(1366, 768);
        m_window->show();
        m_window->alertsPanel()->parentWidget()->raise();
    }
    void cleanup() {
        delete m_window;
        delete m_lab;
        delete m_clock;
    }

    void killedTargetsAlertGoesPendingThenFiringAndResolves();
    void ruleFileApplyChangesRulesAndABrokenFileKeepsThem();
    void aGatewayGroupsAlertMarksItsJob();
    void evaluationsAreAnnouncedCoalesced();
    void aFailingRuleShowsItsErrorAndTheGroupsHealth();

private:
    void step(qint64 ms) { PPL_STEP(*m_clock, *m_lab, ms); }
    // Steps a second at a time until the rule's state is `state`, at most maxMs.
    bool stepUntil(const QByteArray &rule, rules::AlertState state, qint64 maxMs) {
        for (qint64 t = 0; t < maxMs; t += 1000) {
            if (alertState(*m_lab, rule) == state)
                return true;
            step(1000);
        }
        return alertState(*m_lab, rule) == state;
    }
    void grabAt(const QSize &size, const QString &name) {
        m_window->resize(size);
        QApplication::processEvents();
        const QImage img = m_window->grab().toImage();
        QVERIFY(img.save(screenshotDir() + u'/' + name));
        QVERIFY2(colourCount(img, 9) > 8, "the window grabbed as a flat picture");
    }

    // The alert transitions logged so far ("pending→firing"), of one alert or of all.
    QStringList alertTransitions(const QByteArray &alert = {}) const {
        QStringList out;
        for (const LabEvent &e : m_lab->events()->since(0, 100000).events)
            if (const auto *a = e.as<AlertEvent>(); a && (alert.isEmpty() || a->alert == alert))
                out << QString::fromUtf8(rules::alertStateName(a->from) + "→" +
                                         rules::alertStateName(a->to));
        return out;
    }

    ManualClock *m_clock = nullptr;
    Lab *m_lab = nullptr;
    MainWindow *m_window = nullptr;
};

void TestAlertsPanel::killedTargetsAlertGoesPendingThenFiringAndResolves() {
    AlertsPanel *panel = m_window->alertsPanel();
    AlertsModel *model = panel->model();
    step(12'000); // scrapes every 5 s, the group every 5 s
    model->flushNow();
    const int rule = model->rowOf(AlertsModel::RowKind::AlertingRule, "TargetDown");
    QVERIFY(rule >= 0);
    QVERIFY(model->rowOf(AlertsModel::RowKind::Group, "pull-basics") >= 0);
    QCOMPARE(model->index(rule, AlertsModel::State).data().toString(),
             QStringLiteral("○ inactive"));
    QCOMPARE(model->count(rules::AlertState::Pending), 0);
    QCOMPARE(model->rowOf(AlertsModel::RowKind::Alert, "TargetDown"), -1);
    const int group = model->rowOf(AlertsModel::RowKind::Group, "pull-basics");
    QCOMPARE(model->index(group, AlertsModel::State).data().toString(), QStringLiteral("✔ ok"));

    const QByteArray address = m_lab->target("web-2")->address();
    QVERIFY(m_lab->killTarget("web-2"));
    QVERIFY(stepUntil("TargetDown", rules::AlertState::Pending, 15'000));
    model->flushNow();
    int alert = model->rowOf(AlertsModel::RowKind::Alert, "TargetDown");
    QVERIFY(alert >= 0);
    QCOMPARE(model->index(alert, AlertsModel::State).data().toString(),
             QStringLiteral("◇ pending"));
    QVERIFY2(model->index(alert, AlertsModel::AlertLabels)
                 .data()
                 .toString()
                 .contains(QStringLiteral("instance=\"%1\"").arg(QString::fromUtf8(address))),
             qPrintable(model->index(alert, AlertsModel::AlertLabels).data().toString()));
    // Pending is not firing: the topology does not mark it yet.
    QVERIFY(m_window->topology()->firingAlerts("web-2").isEmpty());
    QVERIFY(!m_window->topology()->alertItem("web-2"));
    QVERIFY(m_window->timeline()->markCount(TimelineView::Lane::Alert, LabEvent::Kind::Alert) >= 1);

    QVERIFY(stepUntil("TargetDown", rules::AlertState::Firing, 25'000));
    model->flushNow();
    alert = model->rowOf(AlertsModel::RowKind::Alert, "TargetDown");
    QVERIFY(alert >= 0);
    QCOMPARE(model->index(alert, AlertsModel::State).data().toString(), QStringLiteral("◆ firing"));
    QCOMPARE(model->index(alert, AlertsModel::Value).data().toString(), QStringLiteral("0"));
    QVERIFY(!model->index(alert, AlertsModel::ActiveSince).data().toString().isEmpty());
    const QString annotations = model->index(alert, AlertsModel::Annotations).data().toString();
    QVERIFY2(annotations.contains(QStringLiteral("summary: %1 of job nodejs_app is down")
                                      .arg(QString::fromUtf8(address))),
             qPrintable(annotations));
    QCOMPARE(model->index(rule, AlertsModel::State).data().toString(), QStringLiteral("◆ firing"));
    QCOMPARE(model->count(rules::AlertState::Firing), 1);
    QVERIFY2(panel->summaryText().contains(QStringLiteral("◆ 1")),
             qPrintable(panel->summaryText()));
    // The state is in the shape and the word, not in the colour alone.
    QVERIFY(model->index(alert, AlertsModel::State).data(Qt::ForegroundRole).isValid());

    // The timeline: a pending and a firing mark on the alert lane, with their details.
    TimelineView *timeline = m_window->timeline();
    // Every logged transition has its mark; TargetDown's are pending and firing. (TargetMissing
    // may have gone pending and resolved at the start: when the group's first slot comes
    // before the first scrape, absent(up{…}) is 1 there, as it would be in Prometheus.)
    QCOMPARE(timeline->markCount(TimelineView::Lane::Alert, LabEvent::Kind::Alert),
             alertTransitions().size());
    QCOMPARE(alertTransitions("TargetDown"),
             (QStringList{QStringLiteral("inactive→pending"), QStringLiteral("pending→firing")}));
    QCOMPARE(timeline->markCount(TimelineView::Lane::Pull, LabEvent::Kind::Alert), 0);
    m_window->findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
    QApplication::processEvents();
    const QPoint mark = timeline->newestMarkPosition(TimelineView::Lane::Alert);
    QVERIFY(mark.x() >= 0);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, mark);
    QVERIFY2(timeline->selectedDetails().startsWith(QStringLiteral("Alert TargetDown fired")),
             qPrintable(timeline->selectedDetails()));
    QVERIFY(timeline->selectedDetails().contains(QStringLiteral("◇ pending → ◆ firing")));

    // The topology marks web-2, and only web-2.
    TopologyView *topology = m_window->topology();
    QCOMPARE(topology->firingAlerts("web-2"), QStringList{QStringLiteral("TargetDown")});
    QVERIFY(topology->alertItem("web-2"));
    QVERIFY(topology->alertItem("web-2")->toolTip().contains(QStringLiteral("TargetDown")));
    QVERIFY(topology->firingAlerts("web-1").isEmpty());
    QVERIFY(!topology->alertItem("web-1"));
    QVERIFY(!topology->alertItem("node-1"));

    m_window->alertsPanel()->parentWidget()->raise();
    grabAt(QSize(1366, 768), QStringLiteral("alerts-1366x768.png"));
    grabAt(QSize(1920, 1080), QStringLiteral("alerts-1920x1080.png"));
    m_window->setZoom(1.6); // the projector zoom: columns follow the font
    grabAt(QSize(1920, 1080), QStringLiteral("alerts-zoom-1920x1080.png"));
    m_window->setZoom(1);
    m_window->findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
    grabAt(QSize(1366, 768), QStringLiteral("alerts-timeline-1366x768.png"));

    // Revived: the alert resolves; a tick on the lane, the mark leaves the topology.
    QVERIFY(m_lab->startTarget("web-2"));
    QVERIFY(stepUntil("TargetDown", rules::AlertState::Inactive, 15'000));
    model->flushNow();
    QCOMPARE(model->rowOf(AlertsModel::RowKind::Alert, "TargetDown"), -1);
    QCOMPARE(model->index(rule, AlertsModel::State).data().toString(),
             QStringLiteral("○ inactive"));
    QCOMPARE(timeline->markCount(TimelineView::Lane::Alert, LabEvent::Kind::Alert),
             alertTransitions().size());
    QCOMPARE(alertTransitions("TargetDown").size(), 3);
    QCOMPARE(alertTransitions("TargetDown").last(), QStringLiteral("firing→inactive"));
    QVERIFY(topology->firingAlerts("web-2").isEmpty());
    QVERIFY(!topology->alertItem("web-2"));
}

void TestAlertsPanel::ruleFileApplyChangesRulesAndABrokenFileKeepsThem() {
    ServerPanel *server = m_window->serverPanel();
    AlertsPanel *panel = m_window->alertsPanel();
    QVERIFY(server->ruleEditor()->toPlainText().contains(QStringLiteral("alert: TargetDown")));
    QCOMPARE(ruleNames(*m_lab),
             (QStringList{QStringLiteral("TargetDown"), QStringLiteral("TargetMissing")}));

    // A good file: the rules change.
    server->ruleEditor()->setPlainText(
        QStringLiteral("groups:\n"
                       "  - name: edited\n"
                       "    interval: 5s\n"
                       "    rules:\n"
                       "      - record: job:up:sum\n"
                       "        expr: sum by (job) (up)\n"
                       "      - alert: WebDown\n"
                       "        expr: up{job=\"nodejs_app\"} == 0\n"));
    server->applyRulesAction()->trigger();
    QVERIFY2(server->ruleErrorText().isEmpty(), qPrintable(server->ruleErrorText()));
    QCOMPARE(ruleNames(*m_lab),
             (QStringList{QStringLiteral("job:up:sum"), QStringLiteral("WebDown")}));
    step(12'000);
    panel->model()->flushNow();
    const int recording = panel->model()->rowOf(AlertsModel::RowKind::RecordingRule, "job:up:sum");
    QVERIFY(recording >= 0);
    // nodejs_app has three targets up, node one: two series, the first shown.
    QCOMPARE(panel->model()->index(recording, AlertsModel::Value).data().toString(),
             QStringLiteral("1 (+1 more series)"));
    QVERIFY(panel->model()->index(recording, AlertsModel::LastError).data().toString().isEmpty());
    QVERIFY(panel->errorText().isEmpty());

    // A broken file (an expression that does not parse, on line 6): rejected at its line,
    // the running rules stay.
    const QString broken = QStringLiteral("groups:\n"
                                          "  - name: edited\n"
                                          "    interval: 5s\n"
                                          "    rules:\n"
                                          "      - record: job:up:sum\n"
                                          "        expr: sum by (job) (up\n");
    server->ruleEditor()->setPlainText(broken);
    server->applyRulesAction()->trigger();
    QVERIFY(!server->ruleErrorText().isEmpty());
    QVERIFY2(server->ruleErrorText().contains(QStringLiteral("running rules stay")),
             qPrintable(server->ruleErrorText()));
    QCOMPARE(server->ruleErrorLine(), 6);
    const auto marks = server->ruleEditor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.blockNumber() + 1, 6);
    QCOMPARE(marks.first().format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QVERIFY(!m_window->errorBar()->currentMessage().isEmpty());
    QCOMPARE(ruleNames(*m_lab),
             (QStringList{QStringLiteral("job:up:sum"), QStringLiteral("WebDown")}));
    QVERIFY2(panel->errorText().contains(QStringLiteral("previous rules keep running")),
             qPrintable(panel->errorText()));
    // The editor keeps the broken text to fix; the lab kept the good one.
    QCOMPARE(server->ruleEditor()->toPlainText(), broken);
    QVERIFY(m_lab->ruleSources().front().second.contains("WebDown"));
    server->tabs()->setCurrentIndex(1);
    server->parentWidget()->raise();
    grabAt(QSize(1366, 768), QStringLiteral("rulefile-error-1366x768.png"));

    // An unknown key is yaml's strict decoding error, at its line too.
    server->ruleEditor()->setPlainText(QStringLiteral("groups:\n"
                                                      "  - name: edited\n"
                                                      "    rules:\n"
                                                      "      - alert: WebDown\n"
                                                      "        expr: up == 0\n"
                                                      "        fore: 5s\n"));
    server->applyRulesAction()->trigger();
    QCOMPARE(server->ruleErrorLine(), 6);
    QVERIFY2(server->ruleErrorText().contains(QStringLiteral("field fore not found")),
             qPrintable(server->ruleErrorText()));
    QCOMPARE(ruleNames(*m_lab),
             (QStringList{QStringLiteral("job:up:sum"), QStringLiteral("WebDown")}));

    // Fixed: accepted, the error goes from the editor and the dock.
    server->ruleEditor()->setPlainText(QStringLiteral("groups:\n"
                                                      "  - name: edited\n"
                                                      "    rules:\n"
                                                      "      - alert: WebDown\n"
                                                      "        expr: up == 0\n"
                                                      "        for: 5s\n"));
    server->applyRulesAction()->trigger();
    QVERIFY2(server->ruleErrorText().isEmpty(), qPrintable(server->ruleErrorText()));
    QCOMPARE(server->ruleErrorLine(), 0);
    QVERIFY(server->ruleEditor()->extraSelections().isEmpty());
    QCOMPARE(ruleNames(*m_lab), QStringList{QStringLiteral("WebDown")});
    QVERIFY(panel->errorText().isEmpty());

    server->tabs()->setCurrentIndex(1);
    server->parentWidget()->raise();
    grabAt(QSize(1366, 768), QStringLiteral("rulefile-1366x768.png"));
}

// A pushed group's alert belongs to the job that pushes the group (its grouping labels are on
// the alert, honor_labels keeps them): the topology marks that job, not the gateway or a
// target; an alert with only some of the grouping labels marks nothing. (The scrape timeout
// outlasts one 1 s step of the manual clock, so a scrape is never timed out mid-step.)
void TestAlertsPanel::aGatewayGroupsAlertMarksItsJob() {
    static const char *World = R"(name: group-alert
prometheus: |
  global:
    scrape_interval: 2s
    scrape_timeout: 1500ms
  scrape_configs:
    - job_name: 'web'
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: 'pushgateway'
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: database_backup, instance: db-1}
  - name: report
    duration: 1s
    push: push
    grouping_key: {job: report}
rules: |
  groups:
    - name: pushes
      interval: 1s
      rules:
        - alert: BackupPushed
          expr: push_time_seconds{job="database_backup"} > 0
)";
    const auto loaded = loadScenario(World, QStringLiteral("group-alert.yaml"));
    QVERIFY(!loaded.error);
    QString error;
    QVERIFY2(m_lab->loadScenario(*loaded.scenario, &error), qPrintable(error));

    // The one answer, both sides.
    const QByteArray web = m_lab->target("web-1")->address();
    QCOMPARE(m_lab->subjectOfAlert(Labels::of({{"job", "web"}, {"instance", web.constData()}})),
             QByteArray("web-1"));
    QCOMPARE(m_lab->subjectOfAlert(Labels::of({{"job", "database_backup"}, {"instance", "db-1"}})),
             QByteArray("backup"));
    QCOMPARE(m_lab->subjectOfAlert(Labels::of({{"job", "report"}})), QByteArray("report"));
    QCOMPARE(m_lab->subjectOfAlert(Labels::of({{"job", "database_backup"}})), QByteArray());
    QCOMPARE(m_lab->subjectOfAlert(Labels::of({{"job", "web"}, {"instance", "elsewhere:1"}})),
             QByteArray());
    const QByteArray gateway = m_lab->gatewayUrl().authority().toUtf8();
    QCOMPARE(m_lab->subjectOfAlert(
                 Labels::of({{"job", "pushgateway"}, {"instance", gateway.constData()}})),
             QByteArray("gateway"));

    QSignalSpy pushed(m_lab, &Lab::pushed);
    QVERIFY(m_lab->runJob("backup"));
    QVERIFY(m_lab->runJob("report"));
    step(1000); // the runs end and push (real HTTP): wait for both before the clock moves on
    QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 2, 5000);
    const bool fired = stepUntil("BackupPushed", rules::AlertState::Firing, 15'000);
    QString why;
    for (const auto &id : m_lab->store()->select({*LabelMatcher::create(
             LabelMatcher::Op::RegexMatch, "__name__", "up|push_time_seconds")})) {
        const auto last = m_lab->store()->lastSample(id);
        why += m_lab->store()->labels(id).toString() + QStringLiteral(" = ") +
               (last ? QString::number(last->value, 'g', 12) + u'@' +
                           QString::number(last->timestampMs)
                     : QString()) +
               u'\n';
    }
    for (const rules::AlertingRule *r : m_lab->ruleManager()->alertingRules())
        why += QString::fromUtf8(r->name()) + u' ' + r->lastError + u' ' +
               QString::number(r->lastEvaluationMs) + u'\n';
    why += QString::number(m_clock->nowMs());
    QVERIFY2(fired, qPrintable(why));
    TopologyView *topology = m_window->topology();
    QCOMPARE(topology->firingAlerts("backup"), QStringList{QStringLiteral("BackupPushed")});
    QVERIFY(topology->alertItem("backup"));
    QVERIFY(topology->firingAlerts("report").isEmpty());
    QVERIFY(topology->firingAlerts("gateway").isEmpty());
    QVERIFY(!topology->alertItem("web-1"));
    // The lane's row names the job too.
    m_window->findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
    QApplication::processEvents();
    const QPoint mark = m_window->timeline()->newestMarkPosition(TimelineView::Lane::Alert);
    QVERIFY(mark.x() >= 0);
    QTest::mouseClick(m_window->timeline(), Qt::LeftButton, {}, mark);
    QVERIFY2(m_window->timeline()->selectedDetails().contains(
                 QStringLiteral("instance=\"db-1\", job=\"database_backup\"")),
             qPrintable(m_window->timeline()->selectedDetails()));
    grabAt(QSize(1920, 1080), QStringLiteral("alerts-group-1920x1080.png"));
}

// Many evaluations in a burst: nothing at once, one announcement within the flush interval.
void TestAlertsPanel::evaluationsAreAnnouncedCoalesced() {
    AlertsModel *model = m_window->alertsPanel()->model();
    model->flushNow();
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    rules::RuleManager *manager = m_lab->ruleManager();
    for (int i = 0; i < 50; ++i)
        Q_EMIT manager->groupEvaluated(QString(), "pull-basics", m_clock->nowMs());
    QCOMPARE(changed.count() + reset.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count() + reset.count(), 1, 3000);
    // Nothing more is scheduled: the burst made one announcement, not a second one later.
    QVERIFY(!model->flushPending());
    QCOMPARE(changed.count() + reset.count(), 1);
}

// An evaluation error (many-to-many matching) is the rule's last error and the group's health;
// the rule beside it still records.
void TestAlertsPanel::aFailingRuleShowsItsErrorAndTheGroupsHealth() {
    ServerPanel *server = m_window->serverPanel();
    server->ruleEditor()->setPlainText(QStringLiteral("groups:\n"
                                                      "  - name: mixed\n"
                                                      "    interval: 5s\n"
                                                      "    rules:\n"
                                                      "      - record: job:up:sum\n"
                                                      "        expr: sum by (job) (up)\n"
                                                      "      - record: bad:many\n"
                                                      "        expr: up * on() up\n"));
    server->applyRulesAction()->trigger();
    QVERIFY2(server->ruleErrorText().isEmpty(), qPrintable(server->ruleErrorText()));
    step(12'000);
    AlertsModel *model = m_window->alertsPanel()->model();
    model->flushNow();
    const int bad = model->rowOf(AlertsModel::RowKind::RecordingRule, "bad:many");
    const int good = model->rowOf(AlertsModel::RowKind::RecordingRule, "job:up:sum");
    const int group = model->rowOf(AlertsModel::RowKind::Group, "mixed");
    QVERIFY(bad >= 0 && good >= 0 && group >= 0);
    QCOMPARE(model->index(bad, AlertsModel::State).data().toString(), QStringLiteral("✖ error"));
    const QString error = model->index(bad, AlertsModel::LastError).data().toString();
    QVERIFY2(error.contains(QStringLiteral("many-to-many matching not allowed")),
             qPrintable(error));
    QVERIFY(model->index(bad, AlertsModel::Value).data().toString().isEmpty());
    QCOMPARE(model->index(good, AlertsModel::State).data().toString(),
             QStringLiteral("● recording"));
    QVERIFY(model->index(good, AlertsModel::LastError).data().toString().isEmpty());
    QCOMPARE(model->index(group, AlertsModel::State).data().toString(),
             QStringLiteral("✖ error (1 failing)"));
}

QTEST_MAIN(TestAlertsPanel)
#include "tst_alertspanel.moc"
