#include "lab/eventlog.h"
#include "lab/scenario.h"

#include <QtTest>

using namespace ppl;

class TestScenario : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInsAreTheTenNamedOnes() {
        QStringList names;
        for (const ScenarioInfo &s : builtInScenarios()) {
            names << s.name;
            QVERIFY2(!s.description.isEmpty(), qPrintable(s.name));
        }
        QCOMPARE(names,
                 (QStringList{"pull-basics", "short-lived-job", "stale-metrics", "firewall",
                              "service-discovery", "hybrid", "duplicate-pushers",
                              "monitor-the-monitoring", "probing-from-outside", "honor-labels"}));
        for (const QString &n : names) {
            const ScenarioLoadResult r = loadScenarioByNameOrFile(n);
            QVERIFY2(r.scenario, qPrintable(r.error ? r.error->toString() : n));
            QCOMPARE(r.scenario->name, n);
        }
    }

    void errorsNameFilePathAndProblem_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::addRow("port out of range")
            << QByteArray("targets:\n  - name: a\n  - name: b\n  - name: c\n    port: 70000\n")
            << "targets[2].port" << 5 << "out of range";
        QTest::addRow("duplicate name") << QByteArray("targets:\n  - name: a\n  - name: a\n")
                                        << "targets[1].name" << 3 << "used twice";
        QTest::addRow("unknown key") << QByteArray("targets:\n  - name: a\n    colour: red\n")
                                     << "targets[0].colour" << 3 << "unknown key";
        QTest::addRow("bad duration") << QByteArray("jobs:\n  - name: j\n    duration: soon\n")
                                      << "jobs[0].duration" << 3 << "not a duration";
        QTest::addRow("unknown push mode") << QByteArray("jobs:\n  - name: j\n    push: yell\n")
                                           << "jobs[0].push" << 3 << "push, pushadd or none";
        QTest::addRow("action on unknown target")
            << QByteArray("targets:\n  - name: a\nactions:\n  - at: 1s\n    kill: b\n")
            << "actions[0]" << 4 << "no target or pod named \"b\"";
        QTest::addRow("unknown action") << QByteArray("actions:\n  - at: 1s\n    explode: a\n")
                                        << "actions[0].explode" << 3 << "unknown action";
        QTest::addRow("unknown placeholder")
            << QByteArray("prometheus: |\n  scrape_configs:\n    - job_name: x\n"
                          "      static_configs:\n        - targets: ['{{target:nope}}']\n")
            << "prometheus" << 1 << "unknown placeholder";
        QTest::addRow("invalid prometheus.yml")
            << QByteArray("prometheus: |\n  global:\n    scrape_interval: 5s\n"
                          "    scrape_timeout: 10s\n")
            << "prometheus" << 0 << "scrape timeout";
        QTest::addRow("yaml syntax") << QByteArray("targets: [a\n") << "" << 0 << "";
        // Issue 18, defect 9: yaml-cpp kept the first of two equal keys without a word.
        QTest::addRow("duplicate top-level key")
            << QByteArray("name: a\ntargets:\n  - name: t\nname: b\n") << "" << 4
            << "duplicate key \"name\" (first at line 1)";
        QTest::addRow("duplicate key in a target")
            << QByteArray("targets:\n  - name: t\n    port: 1\n    port: 2\n") << "" << 4
            << "duplicate key \"port\" (first at line 3)";
        QTest::addRow("duplicate key in a flow map")
            << QByteArray("targets:\n  - {name: t, name: u}\n") << "" << 2
            << "duplicate key \"name\" (first at line 2)";
        // Issue 18, defect 1: nesting deeper than yaml-cpp's guard is an error, not a crash.
        QTest::addRow("deep flow nesting")
            << (QByteArray("targets: ") + QByteArray(100000, '[')) << "" << 0 << "";
        QTest::addRow("deep nesting in prometheus.yml")
            << (QByteArray("prometheus: |\n  scrape_configs: ") + QByteArray(100000, '[') + '\n')
            << "prometheus" << 0 << "";
        QTest::addRow("deep block nesting") << [] {
            QByteArray y = "targets:\n";
            for (int i = 0; i < 5000; ++i)
                y += QByteArray(2 * i + 2, ' ') + "- \n";
            return y;
        }() << "" << 0 << "";
        // Rule files are checked as promtool checks them; an inline block's errors point at
        // the scenario's line.
        QTest::addRow("rule expression that does not parse")
            << QByteArray("rules: |\n  groups:\n    - name: g\n      rules:\n        - alert: A\n"
                          "          expr: up ==\n")
            << "rules" << 6 << "group \"g\", rule 1, \"A\": could not parse expression";
        QTest::addRow("unknown key in a rule")
            << QByteArray("rules: |\n  groups:\n    - name: g\n      rules:\n        - record: r\n"
                          "          expr: up\n          severity: x\n")
            << "rules" << 0 << "field severity not found in type rulefmt.RuleNode";
        QTest::addRow("missing rule file")
            << QByteArray("rule_files: [nope.yml]\n") << "rule_files[0]" << 1 << "cannot read";
        QTest::addRow("unknown format") << QByteArray("targets:\n  - name: a\n    format: json\n")
                                        << "targets[0].format" << 3 << "text or openmetrics";
    }

    void rulesAreKeptWithTheirNames() {
        const auto r = loadScenario("rules: |\n  groups:\n    - name: g\n      rules:\n"
                                    "        - record: r\n          expr: vector(1)\n",
                                    QStringLiteral("t.yaml"));
        QVERIFY2(r.scenario, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.scenario->ruleSources.size(), size_t(1));
        QCOMPARE(r.scenario->ruleSources.front().first, QStringLiteral("t.yaml#rules"));
        QVERIFY(r.scenario->ruleSources.front().second.startsWith("groups:"));
    }

    void targetFormat() {
        const auto r = loadScenario(
            "targets:\n  - name: a\n    format: openmetrics\n  - name: b\n    format: text\n"
            "  - name: c\n",
            QStringLiteral("t.yaml"));
        QVERIFY2(r.scenario, qPrintable(r.error ? r.error->toString() : QString()));
        QCOMPARE(r.scenario->targets.size(), 3);
        QCOMPARE(r.scenario->targets[0].options.format, TargetFormat::OpenMetrics);
        QCOMPARE(r.scenario->targets[1].options.format, TargetFormat::Text);
        QCOMPARE(r.scenario->targets[2].options.format, TargetFormat::Text);
    }
    void errorsNameFilePathAndProblem() {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ScenarioLoadResult r = loadScenario(yaml, QStringLiteral("my.yaml"));
        QVERIFY(!r.scenario);
        QVERIFY(r.error);
        QCOMPARE(r.error->path, path);
        if (line > 0)
            QCOMPARE(r.error->line, line);
        QVERIFY2(r.error->message.contains(message, Qt::CaseInsensitive),
                 qPrintable(r.error->message));
        QVERIFY(r.error->toString().startsWith(QLatin1String("my.yaml")));
    }

    void actionsAreSortedAndParsed() {
        const auto r = loadScenario("targets:\n  - name: a\njobs:\n  - name: j\nactions:\n"
                                    "  - at: 20s\n    run: j\n"
                                    "  - at: 5s\n    slow: {target: a, delay: 2s}\n"
                                    "  - at: 10s\n    delete_group: {job: x, instance: y}\n",
                                    QStringLiteral("t.yaml"));
        QVERIFY2(r.scenario, qPrintable(r.error->toString()));
        const auto &a = r.scenario->actions;
        QCOMPARE(a.size(), 3);
        QCOMPARE(a[0].command.op, LabCommand::Op::SlowTarget);
        QCOMPARE(a[0].command.paramMs, 2000);
        QCOMPARE(a[1].command.groupingKey.front().name, QByteArray("job"));
        QCOMPARE(a[2].atMs, 20000);
    }

    void eventLogReadsIncrementallyAndStaysBounded() {
        EventLog log(3);
        for (int i = 0; i < 5; ++i)
            log.append(LabEvent{});
        QCOMPARE(log.size(), 3);
        auto page = log.since(0);
        QVERIFY(page.truncated);
        QCOMPARE(page.events.size(), size_t(3));
        QCOMPARE(page.events.front().cursor, quint64(3));
        QCOMPARE(page.next, quint64(5));
        page = log.since(page.next);
        QVERIFY(page.events.empty());
        QCOMPARE(page.next, quint64(5));
        log.append(LabEvent{});
        page = log.since(5);
        QCOMPARE(page.events.size(), size_t(1));
        QVERIFY(!page.truncated);
        page = log.since(3, 1);
        QCOMPARE(page.events.size(), size_t(1));
        QCOMPARE(page.events.front().cursor, quint64(4));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
