// Lab::setRuleSource (a scenario rule file's new text, as the Server config dock applies it)
// and Lab::subjectOfAlert (which lab thing an alert is about), both sides of each.
#include "labtesthelpers.h"

#include "lab/lab.h"
#include "rules/rulemanager.h"
#include "sim/simulatedtarget.h"

#include <QSignalSpy>
#include <QTest>

using namespace ppl;
using ppl::test::scenarioFrom;

namespace {

const QByteArray World = R"(
prometheus: |
  global:
    scrape_interval: 5s
    scrape_timeout: 2s
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
targets:
  - name: web-1
  - name: pusher
    push:
      interval: 15s
      grouping_key: {job: self_push, zone: a}
jobs:
  - name: backup
    duration: 1s
    grouping_key: {job: database_backup, instance: db-1}
rules: |
  groups:
    - name: first
      rules:
        - alert: TargetDown
          expr: up == 0
)";

QStringList ruleNames(Lab &lab) {
    QStringList names;
    for (const rules::RuleGroup *g : lab.ruleManager()->groups())
        for (const auto &r : g->rules())
            names << QString::fromUtf8(g->name()) + u'/' + QString::fromUtf8(r->name());
    return names;
}

} // namespace

class TestLabRuleSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aGoodFileReplacesTheRulesABrokenOneKeepsThem() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(World), &error), qPrintable(error));
        QCOMPARE(lab.ruleSources().size(), size_t(1));
        const QString name = lab.ruleSources().front().first;
        QVERIFY2(name.endsWith(QStringLiteral("#rules")), qPrintable(name));
        QCOMPARE(ruleNames(lab), QStringList{QStringLiteral("first/TargetDown")});

        QSignalSpy events(lab.events(), &EventLog::appended);
        int line = -1;
        QVERIFY2(lab.setRuleSource(name,
                                   "groups:\n"
                                   "  - name: second\n"
                                   "    rules:\n"
                                   "      - record: job:up:sum\n"
                                   "        expr: sum by (job) (up)\n",
                                   &error, &line),
                 qPrintable(error));
        QCOMPARE(line, 0);
        QCOMPARE(ruleNames(lab), QStringList{QStringLiteral("second/job:up:sum")});
        QVERIFY(lab.ruleErrors().isEmpty());
        QVERIFY(lab.ruleSources().front().second.contains("job:up:sum"));
        QCOMPARE(events.count(), 1);
        QVERIFY(events.last().first().value<LabEvent>().as<ConfigEvent>()->ok);

        // Validation fails (an invalid metric name, promtool's wording, at its line): nothing
        // changes, not even the text the lab holds.
        QVERIFY(!lab.setRuleSource(name,
                                   "groups:\n"
                                   "  - name: third\n"
                                   "    rules:\n"
                                   "      - record: 'not a name'\n"
                                   "        expr: up\n",
                                   &error, &line));
        QVERIFY2(
            error.startsWith(QStringLiteral("error loading rules, previous rule set restored")),
            qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("invalid recording rule name")), qPrintable(error));
        QCOMPARE(line, 4);
        QCOMPARE(ruleNames(lab), QStringList{QStringLiteral("second/job:up:sum")});
        QVERIFY(lab.ruleSources().front().second.contains("job:up:sum"));
        QCOMPARE(lab.ruleErrors().size(), 1);
        QVERIFY(!events.last().first().value<LabEvent>().as<ConfigEvent>()->ok);

        // A yaml error, at its line.
        QVERIFY(!lab.setRuleSource(name, "groups:\n  - name: [\n", &error, &line));
        QVERIFY(line > 0);
        QCOMPARE(ruleNames(lab), QStringList{QStringLiteral("second/job:up:sum")});

        // A new name adds a rule file beside the scenario's.
        QVERIFY2(lab.setRuleSource(QStringLiteral("extra.yml"),
                                   "groups:\n"
                                   "  - name: extra\n"
                                   "    rules:\n"
                                   "      - alert: Always\n"
                                   "        expr: vector(1)\n",
                                   &error, &line),
                 qPrintable(error));
        QCOMPARE(lab.ruleSources().size(), size_t(2));
        QCOMPARE(ruleNames(lab).size(), 2);
        QVERIFY(ruleNames(lab).contains(QStringLiteral("extra/Always")));
    }

    void anAlertsLabelsNameItsTargetOrItsPushedGroup() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(World), &error), qPrintable(error));
        const QByteArray web = lab.target("web-1")->address();
        QCOMPARE(lab.subjectOfAlert(Labels::of(
                     {{"alertname", "TargetDown"}, {"job", "app"}, {"instance", web.constData()}})),
                 QByteArray("web-1"));
        // Same instance, another job: not that target.
        QCOMPARE(lab.subjectOfAlert(Labels::of({{"job", "other"}, {"instance", web.constData()}})),
                 QByteArray());
        QCOMPARE(lab.subjectOfAlert(
                     Labels::of({{"job", "database_backup"}, {"instance", "db-1"}, {"x", "y"}})),
                 QByteArray("backup"));
        QCOMPARE(lab.subjectOfAlert(Labels::of({{"job", "database_backup"}})), QByteArray());
        QCOMPARE(lab.subjectOfAlert(Labels::of({{"job", "self_push"}, {"zone", "a"}})),
                 QByteArray("pusher"));
        QCOMPARE(lab.subjectOfAlert(Labels::of({{"job", "self_push"}, {"zone", "b"}})),
                 QByteArray());
        QCOMPARE(lab.subjectOfAlert(Labels::of({{"alertname", "Always"}})), QByteArray());
    }
};

QTEST_MAIN(TestLabRuleSource)
#include "tst_labrulesource.moc"
