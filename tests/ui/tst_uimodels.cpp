// The window's table models, each under QAbstractItemModelTester while the lab changes.
#include "gatewaygroupsmodel.h"
#include "jobsmodel.h"
#include "labtesthelpers.h"
#include "pushgateway/pushgatewayserver.h"
#include "targetsmodel.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ppl;

class TestUiModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void targetsModelFollowsTheLab();
    void jobsModelFollowsTheLab();
    void gatewayGroupsModelFollowsPushes();
    void gatewayAgesTickWithTheLabClock();
};

void TestUiModels::targetsModelFollowsTheLab() {
    Lab lab;
    TargetsModel model(&lab);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QString error;
    QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.nameAt(0), QByteArray("web-1"));
    QVERIFY(
        model.data(model.index(0, TargetsModel::Url)).toString().startsWith(u"http://127.0.0.1:"));
    // A scrape result arrives through the event log: health becomes "up".
    QTRY_VERIFY_WITH_TIMEOUT(
        model.data(model.index(0, TargetsModel::Health)).toString().contains(u"up"), 5000);
    QVERIFY(lab.killTarget("web-1", &error));
    model.flushNow();
    QVERIFY(model.data(model.index(0, TargetsModel::State)).toString().contains(u"killed"));
    QTRY_VERIFY_WITH_TIMEOUT(
        model.data(model.index(0, TargetsModel::Health)).toString().contains(u"down"), 5000);
    QVERIFY(!model.data(model.index(0, TargetsModel::LastError)).toString().isEmpty());
}

void TestUiModels::jobsModelFollowsTheLab() {
    Lab lab;
    JobsModel model(&lab);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, JobsModel::Mode)).toString(), QStringLiteral("push"));
    QCOMPARE(model.data(model.index(0, JobsModel::LastRun)).toString(), JobsModel::tr("never ran"));
    QVERIFY(lab.runJob("backup", &error));
    QTRY_VERIFY_WITH_TIMEOUT(
        model.data(model.index(0, JobsModel::Push)).toString().contains(u"accepted"), 5000);
    QVERIFY(model.data(model.index(0, JobsModel::LastRun)).toString().contains(u"#1"));
}

void TestUiModels::gatewayGroupsModelFollowsPushes() {
    Lab lab;
    QString error;
    QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
    PushgatewayServer *gateway = lab.gateway();
    QVERIFY(gateway);
    GatewayGroupsModel model(lab.clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroups(gateway->groups());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(lab.runJob("backup", &error));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
    const QString key = model.data(model.index(0, GatewayGroupsModel::Key)).toString();
    QVERIFY2(key.contains(u"database_backup") && key.contains(u"db-1"), qPrintable(key));
    QVERIFY(model.data(model.index(0, GatewayGroupsModel::Metrics)).toString().contains(u"job_"));
    QVERIFY(model.data(model.index(0, GatewayGroupsModel::LastPushOk)).toString().contains(u"✔"));
    QCOMPARE(model.keyLabelsAt(0).front().name, QByteArray("job"));
    QVERIFY2(lab.deleteGroup(model.keyLabelsAt(0), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, 5000);
}

// The age column follows the lab clock while nothing is pushed: a dead job's group gets older
// on screen, once a second, without any event.
void TestUiModels::gatewayAgesTickWithTheLabClock() {
    ManualClock clock;
    Lab lab({&clock});
    QString error;
    QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
    GatewayGroupsModel model(lab.clock());
    model.setGroups(lab.gateway()->groups());
    QVERIFY(lab.runJob("backup", &error));
    PPL_STEP(clock, lab, 2000); // the job works 1 s, then pushes
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
    const auto age = [&] { return model.data(model.index(0, GatewayGroupsModel::Age)).toString(); };
    const QString before = age();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advance(42'000); // the lab's time moves; no push, no scrape result awaited
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 2500); // the once-a-second repaint
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(GatewayGroupsModel::Age));
    const int secondsBefore = before.section(u' ', 0, 0).toInt();
    QCOMPARE(age(), QStringLiteral("%1 s").arg(secondsBefore + 42));
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
