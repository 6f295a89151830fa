// Building a world in the window (issue 12 §2): the Add job / Edit job dialog, removing jobs
// and targets, and a target's push switch (exercise 4, migrating push to pull).
// Lab clock: a ManualClock; pushes are real loopback HTTP, waited for with bounded QTRY_*.
#include "jobdialog.h"
#include "jobsmodel.h"
#include "jobspanel.h"
#include "lab/lab.h"
#include "labtesthelpers.h"
#include "pushgateway/metricgroups.h"
#include "pushgateway/pushgatewayserver.h"
#include "targetspanel.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ppl;

namespace {

// The gateway's group with exactly these labels (any order), or null.
std::optional<GroupSnapshot> groupOf(Lab &lab, const std::vector<LabelPair> &labels) {
    const GroupingKey want(labels);
    for (const GroupSnapshot &g : lab.gateway()->groups()->groups())
        if (g.key == want)
            return g;
    return std::nullopt;
}

// Every push the lab's targets and jobs make from now on, in order.
struct Pushes {
    explicit Pushes(Lab *lab) {
        QObject::connect(lab, &Lab::pushed, &context, [this](const PushResult &r) { all << r; });
    }
    QObject context;
    QList<PushResult> all;
    qsizetype count() const { return all.size(); }
};

template <typename W> W *child(QWidget *parent, const char *name) {
    return parent->findChild<W *>(QString::fromLatin1(name));
}

} // namespace

class TestJobDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addingAJobRunsItAndPushesWithTheChosenModeAndKey();
    void anInvalidNameIsRefusedInTheDialog_data();
    void anInvalidNameIsRefusedInTheDialog();
    void editingAJobChangesItsSpec();
    void removingAJobAndATargetRemovesThem();
    void thePushSwitchStopsAndResumesATargetsPushes();
    void aTargetWithoutPushBlockGetsTheDefaultPush();

private:
    ManualClock *m_clock = nullptr;
    Lab *m_lab = nullptr;
};

void TestJobDialog::init() {
    m_clock = new ManualClock;
    m_lab = new Lab({m_clock});
    QString error;
    QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
}

void TestJobDialog::cleanup() {
    delete m_lab;
    delete m_clock;
    m_lab = nullptr;
    m_clock = nullptr;
}

void TestJobDialog::addingAJobRunsItAndPushesWithTheChosenModeAndKey() {
    JobsPanel panel(m_lab);
    QSignalSpy jobsChanged(m_lab, &Lab::jobsChanged);
    JobDialog *dialog = panel.openJobDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->objectName(), QStringLiteral("addJobDialog"));
    child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("nightly"));
    child<QDoubleSpinBox>(dialog, "durationBox")->setValue(3);
    child<QDoubleSpinBox>(dialog, "successBox")->setValue(1);
    auto *mode = child<QComboBox>(dialog, "modeBox");
    mode->setCurrentIndex(mode->findData(int(JobPushMode::PushAdd)));
    child<QLineEdit>(dialog, "groupingKeyEdit")->setText(QStringLiteral("job=etl, shard=7"));
    QVERIFY(child<QCheckBox>(dialog, "runNowCheck")->isChecked());
    QSignalSpy accepted(dialog, &QDialog::accepted);
    dialog->accept();
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(jobsChanged.count(), 1);
    QCOMPARE(panel.currentJob(), QByteArray("nightly"));

    BatchJob *job = m_lab->job("nightly");
    QVERIFY(job);
    QCOMPARE(job->spec().durationMs, 3000);
    QCOMPARE(job->spec().pushMode, JobPushMode::PushAdd);
    QVERIFY(job->isRunning());
    QVERIFY(!groupOf(*m_lab, {{"job", "etl"}, {"shard", "7"}}));

    Pushes pushed(m_lab);
    m_clock->advance(3000);
    QTRY_VERIFY_WITH_TIMEOUT(pushed.count() >= 1, 5000);
    const auto r = pushed.all.first();
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.method, PushMethod::Post);
    QVERIFY(groupOf(*m_lab, {{"job", "etl"}, {"shard", "7"}}));
}

void TestJobDialog::anInvalidNameIsRefusedInTheDialog_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown"); // a part of the reason shown
    QTest::newRow("space in name") << "my job"
                                   << ""
                                   << "not a valid name";
    QTest::newRow("empty name") << ""
                                << ""
                                << "needs a name";
    QTest::newRow("taken by a target") << "web-1"
                                       << ""
                                       << "taken";
    QTest::newRow("taken by a job") << "backup"
                                    << ""
                                    << "taken";
    QTest::newRow("bad label name") << "ok-name"
                                    << "job=x, 1bad=y"
                                    << "not a valid label name";
    QTest::newRow("key without job first") << "ok-name"
                                           << "instance=a, job=x"
                                           << "starts with job";
    QTest::newRow("key without =") << "ok-name"
                                   << "job"
                                   << "has no =";
}

void TestJobDialog::anInvalidNameIsRefusedInTheDialog() {
    QFETCH(QString, name);
    QFETCH(QString, key);
    QFETCH(QString, shown);
    const qsizetype before = m_lab->jobs().size();
    JobDialog dialog(m_lab);
    child<QLineEdit>(&dialog, "nameEdit")->setText(name);
    child<QLineEdit>(&dialog, "groupingKeyEdit")->setText(key);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy jobsChanged(m_lab, &Lab::jobsChanged);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    QCOMPARE(jobsChanged.count(), 0);
    QCOMPARE(m_lab->jobs().size(), before);
    QVERIFY2(dialog.problem().contains(shown), qPrintable(dialog.problem()));
    QVERIFY(!child<QLabel>(&dialog, "problemLabel")->isHidden());
}

void TestJobDialog::editingAJobChangesItsSpec() {
    JobsPanel panel(m_lab);
    panel.selectJob("backup");
    QCOMPARE(panel.currentJob(), QByteArray("backup"));
    QVERIFY(panel.editJobAction()->isEnabled());
    JobDialog *dialog = panel.openJobDialog(panel.currentJob());
    QCOMPARE(dialog->objectName(), QStringLiteral("editJobDialog"));
    // Filled in from the running job.
    QCOMPARE(child<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("backup"));
    QCOMPARE(child<QLineEdit>(dialog, "groupingKeyEdit")->text(),
             QStringLiteral("job=database_backup, instance=db-1"));
    QCOMPARE(child<QDoubleSpinBox>(dialog, "durationBox")->value(), 1.0);
    QVERIFY(!child<QCheckBox>(dialog, "runNowCheck")->isChecked());
    child<QDoubleSpinBox>(dialog, "durationBox")->setValue(5);
    child<QDoubleSpinBox>(dialog, "successBox")->setValue(0.25);
    child<QCheckBox>(dialog, "repeatCheck")->setChecked(true);
    child<QDoubleSpinBox>(dialog, "repeatBox")->setValue(30);
    child<QCheckBox>(dialog, "deleteAfterCheck")->setChecked(true);
    child<QDoubleSpinBox>(dialog, "deleteAfterBox")->setValue(10);
    auto *mode = child<QComboBox>(dialog, "modeBox");
    mode->setCurrentIndex(mode->findData(int(JobPushMode::None)));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    dialog->accept();
    QCOMPARE(accepted.count(), 1);
    const BatchJob *job = m_lab->job("backup");
    QVERIFY(job);
    QCOMPARE(job->spec().durationMs, 5000);
    QCOMPARE(job->spec().successProbability, 0.25);
    QCOMPARE(job->spec().repeatEveryMs, 30000);
    QCOMPARE(job->spec().deleteAfterMs, 10000);
    QCOMPARE(job->spec().pushMode, JobPushMode::None);
    QVERIFY(job->exposure()); // push: none serves /metrics
    QCOMPARE(m_lab->jobs().size(), 1);

    // A rename to a taken name is refused, and the job stays as it was.
    JobDialog again(m_lab, "backup");
    child<QLineEdit>(&again, "nameEdit")->setText(QStringLiteral("web-2"));
    again.accept();
    QVERIFY2(again.problem().contains(QStringLiteral("taken")), qPrintable(again.problem()));
    QVERIFY(m_lab->job("backup"));
    QCOMPARE(m_lab->job("backup")->spec().durationMs, 5000);
    // A rename to a free one renames it.
    child<QLineEdit>(&again, "nameEdit")->setText(QStringLiteral("backup-2"));
    again.accept();
    QVERIFY2(again.problem().isEmpty(), qPrintable(again.problem()));
    QVERIFY(!m_lab->job("backup"));
    QVERIFY(m_lab->job("backup-2"));
}

void TestJobDialog::removingAJobAndATargetRemovesThem() {
    JobsPanel jobs(m_lab);
    jobs.selectJob("backup");
    QSignalSpy jobsChanged(m_lab, &Lab::jobsChanged);
    jobs.removeJobAction()->trigger();
    QCOMPARE(jobsChanged.count(), 1);
    QVERIFY(!m_lab->job("backup"));
    QCOMPARE(jobs.model()->rowCount(), 0);
    QVERIFY(!jobs.removeJobAction()->isEnabled());
    QSignalSpy errors(&jobs, &JobsPanel::errorOccurred);
    QVERIFY(!jobs.removeCurrentJob());
    QCOMPARE(errors.count(), 1);

    TargetsPanel targets(m_lab);
    targets.selectTarget("web-2");
    QCOMPARE(targets.currentTarget(), QByteArray("web-2"));
    targets.removeTargetAction()->trigger();
    QVERIFY(!m_lab->target("web-2"));
    QVERIFY(m_lab->target("web-1"));
}

void TestJobDialog::thePushSwitchStopsAndResumesATargetsPushes() {
    // A target with its own push block, as exercise 4 starts: it pushes every 2 s.
    TargetSpec spec;
    spec.options.name = "legacy";
    SelfPush push;
    push.intervalMs = 2000;
    push.groupingKey = {{"job", "legacy_app"}};
    spec.options.push = push;
    spec.pushToLabGateway = true;
    Pushes first(m_lab);
    QVERIFY(m_lab->addTarget(spec));
    m_clock->advance(1); // its first push goes out as it comes up
    TargetsPanel panel(m_lab);
    panel.selectTarget("legacy");
    QAction *toggle = panel.pushAction();
    QVERIFY(toggle->isEnabled());
    QVERIFY(toggle->isCheckable());
    QVERIFY(toggle->isChecked());
    QVERIFY(m_lab->isTargetPushing("legacy"));
    QTRY_VERIFY_WITH_TIMEOUT(groupOf(*m_lab, {{"job", "legacy_app"}}), 5000);
    SimulatedTarget *t = m_lab->target("legacy");
    QTRY_VERIFY_WITH_TIMEOUT(first.count() >= 1, 5000); // its first push answered
    QVERIFY(first.all.first().ok);

    // Off: no more pushes, however long the lab runs; the group stays at the gateway.
    toggle->trigger();
    QVERIFY(!m_lab->isTargetPushing("legacy"));
    QVERIFY(!toggle->isChecked());
    QVERIFY2(toggle->toolTip().contains(QStringLiteral("again")), qPrintable(toggle->toolTip()));
    const quint64 before = t->pushCount();
    Pushes pushed(m_lab);
    for (int i = 0; i < 10; ++i)
        m_clock->advance(2000);
    QTest::qWait(0); // let anything queued run
    QVERIFY(!QTest::qWaitFor([&] { return pushed.count() > 0; }, 300));
    QCOMPARE(t->pushCount(), before);
    QVERIFY(groupOf(*m_lab, {{"job", "legacy_app"}}));

    // On again: pushes resume with the same push block.
    toggle->trigger();
    QVERIFY(m_lab->isTargetPushing("legacy"));
    QVERIFY(toggle->isChecked());
    m_clock->advance(2000);
    QTRY_VERIFY_WITH_TIMEOUT(pushed.count() >= 1, 5000);
    const auto r = pushed.all.first();
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.groupingKey, (std::vector<LabelPair>{{"job", "legacy_app"}}));
    QVERIFY(t->pushCount() > before);
}

void TestJobDialog::aTargetWithoutPushBlockGetsTheDefaultPush() {
    TargetsPanel panel(m_lab);
    panel.selectTarget("web-1");
    QAction *toggle = panel.pushAction();
    QVERIFY(!toggle->isChecked());
    QVERIFY(!m_lab->targetHasPushBlock("web-1"));
    // The UI says what switching it on does.
    QVERIFY2(toggle->toolTip().contains(QStringLiteral("PUT every 15 s")) &&
                 toggle->toolTip().contains(QStringLiteral("job=web-1")),
             qPrintable(toggle->toolTip()));
    Pushes pushed(m_lab);
    toggle->trigger();
    QVERIFY(toggle->isChecked());
    m_clock->advance(15000);
    QTRY_VERIFY_WITH_TIMEOUT(pushed.count() >= 1, 5000);
    const auto r = pushed.all.first();
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.method, PushMethod::Put);
    QTRY_VERIFY_WITH_TIMEOUT(groupOf(*m_lab, {{"job", "web-1"}}), 5000);
    // Unknown targets are refused by the lab.
    QString error;
    QVERIFY(!m_lab->setTargetPushing("nope", true, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestJobDialog)
#include "tst_jobdialog.moc"
