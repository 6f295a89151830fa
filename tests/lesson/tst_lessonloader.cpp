// The lesson format (docs/lessons.md): what loads, and every error with its file, line and
// path; several problems are reported together.
#include "lesson/lesson.h"

#include <QtTest>

using namespace ppl;
using namespace ppl::lesson;

namespace {

const QByteArray Scenario = R"(scenario:
  inline:
    prometheus: |
      scrape_configs:
        - job_name: app
          static_configs:
            - targets: ['{{target:web-1}}']
    targets:
      - name: web-1
)";

QByteArray lessonYaml(const QByteArray &steps) {
    return "id: demo\ntitle: Demo\n" + Scenario + "steps:\n" + steps;
}

QStringList errorsOf(const QByteArray &yaml) {
    const LessonLoadResult r = loadLesson(yaml, QStringLiteral("demo.yaml"));
    QStringList out;
    for (const LessonError &e : r.errors)
        out << e.toString();
    return out;
}

// moc reads this file too: no "//" inside raw strings (it takes them for comments).
const QByteArray CompleteSteps = R"(  - id: kill
    title: {en: Kill it, de: Abschalten}
    text: "Kill {{target:web-1}} via {{server}}/lab/targets/web-1/kill"
    predict:
      question: What happens to up?
      choices: [It stays 1, It drops to 0]
      answer: 2
      explanation: The scrape fails.
    check:
      - query: 'up{instance="{{target:web-1}}"} == 0'
        for: 10s
      - target: {name: web-1, change: killed}
        within: 1m
      - alert: {name: TargetDown, state: firing}
      - config: {job: app, honor_labels: false}
      - group: {grouping_key: {job: x, instance: y}, present: false}
      - push: {from: outside, outcome: accepted, method: delete, grouping_key: {job: x}}
      - scrape: {outcome: failed, error: refused, job: app}
    hints:
      - Look at the Targets dock.
      - text: {en: Use curl., de: Nimm curl.}
        after: 2m
    actions:
      - advance: 5m
      - kill: web-1
        after: 10s
      - delete_group: {job: x, instance: y}
    explain: Done.
)";

} // namespace

class TestLessonLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aCompleteLessonLoads() {
        const QByteArray yaml = lessonYaml(CompleteSteps);
        const LessonLoadResult r = loadLesson(yaml, QStringLiteral("demo.yaml"));
        QVERIFY2(r.lesson, qPrintable(errorsOf(yaml).join(u'\n')));
        const Lesson &l = *r.lesson;
        QCOMPARE(l.id, QStringLiteral("demo"));
        QCOMPARE(l.scenarioRef, QStringLiteral("inline"));
        QCOMPARE(l.scenario.targets.size(), 1);
        QCOMPARE(l.steps.size(), std::size_t(1));
        const Step &s = l.steps[0];
        QCOMPARE(s.title.in(QStringLiteral("de")), QStringLiteral("Abschalten"));
        QCOMPARE(s.title.in(QStringLiteral("fr")), QStringLiteral("Kill it"));
        QCOMPARE(s.predict->answer, 1);
        QCOMPARE(s.checks.size(), std::size_t(7));
        QCOMPARE(s.checks[0].kind, Condition::Kind::Query);
        QCOMPARE(s.checks[0].forMs, 10000);
        QCOMPARE(s.checks[0].path, QStringLiteral("steps[0].check[0]"));
        QCOMPARE(s.checks[1].kind, Condition::Kind::Target);
        QCOMPARE(s.checks[1].withinMs, 60000);
        QCOMPARE(s.checks[2].kind, Condition::Kind::Alert);
        QCOMPARE(s.checks[3].honorLabels, std::optional<bool>(false));
        QCOMPARE(s.checks[4].present, false);
        QCOMPARE(s.checks[5].method, QStringLiteral("DELETE"));
        QCOMPARE(s.checks[5].source, Condition::Source::Outside);
        QCOMPARE(s.checks[6].errorKind, QStringLiteral("refused"));
        QCOMPARE(s.hints.size(), 2);
        QCOMPARE(s.hints[1].afterMs, 120000);
        QCOMPARE(s.actions.size(), std::size_t(3));
        QCOMPARE(s.actions[0].kind, LessonAction::Kind::Advance);
        QCOMPARE(s.actions[0].advanceMs, 300000);
        QCOMPARE(s.actions[1].command.op, LabCommand::Op::KillTarget);
        QCOMPARE(s.actions[1].afterMs, 10000);
        QCOMPARE(s.actions[2].command.groupingKey.size(), std::size_t(2));
    }

    void errorsNameFileLineAndPath_data() {
        QTest::addColumn<QByteArray>("steps");
        QTest::addColumn<QString>("error");
        // Line numbers count from the start of the file: the first step is at line 13.
        QTest::newRow("no check") << QByteArray("  - id: a\n    text: t\n")
                                  << "demo.yaml:13: steps[0].check: check is required: what the "
                                     "lab must show for the step to pass";
        QTest::newRow("bad promql")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - query: 'up{'\n")
            << "demo.yaml:16: steps[0].check[0].query: not valid PromQL: 1:4: parse error: "
               "unexpected end of input inside braces";
        QTest::newRow("unknown key")
            << QByteArray("  - id: a\n    text: t\n    check: {query: up}\n    hint: x\n")
            << "demo.yaml:16: steps[0].hint: unknown key \"hint\" (expected one of: id, title, "
               "text, predict, check, hints, actions, explain)";
        QTest::newRow("for on an event")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - push: {job: x}\n"
                          "        for: 10s\n")
            << "demo.yaml:17: steps[0].check[0].for: for: applies to states (query, alert, "
               "config, group), not to events (push, scrape, target, gateway)";
        QTest::newRow("unknown placeholder")
            << QByteArray("  - id: a\n    text: 'curl {{target:web-9}}'\n    check: {query: up}\n")
            << "demo.yaml:14: steps[0].text: unknown placeholder {{target:web-9}} (the scenario "
               "has no such thing)";
        QTest::newRow("answer out of range")
            << QByteArray("  - id: a\n    text: t\n    predict:\n      question: q\n"
                          "      choices: [a, b]\n      answer: 3\n    check: {query: up}\n")
            << "demo.yaml:18: steps[0].predict.answer: answer is the number of the right choice, "
               "from 1 to 2";
        QTest::newRow("grouping key without job")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - group: {grouping_key: "
                          "{instance: x}}\n")
            << "demo.yaml:16: steps[0].check[0].group.grouping_key: a grouping key starts with "
               "job";
        QTest::newRow("action on nothing")
            << QByteArray("  - id: a\n    text: t\n    check: {query: up}\n    actions:\n"
                          "      - kill: web-7\n")
            << "demo.yaml:17: steps[0].actions[0].kill: the scenario has nothing named \"web-7\"";
        QTest::newRow("bad duration")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - query: up\n"
                          "        within: soon\n")
            << "demo.yaml:17: steps[0].check[0].within: \"soon\" is not a duration (like 500ms, "
               "15s, 1m30s)";
        QTest::newRow("gateway change")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - gateway: {change: "
                          "crashed}\n")
            << "demo.yaml:16: steps[0].check[0].gateway.change: change is one of: restarted, "
               "group_deleted, persistence_changed";
        QTest::newRow("gateway persistence of a delete")
            << QByteArray("  - id: a\n    text: t\n    check:\n      - gateway: {change: "
                          "group_deleted, persistence: true}\n")
            << "demo.yaml:16: steps[0].check[0].gateway.persistence: persistence: applies to "
               "restarted and persistence_changed";
        QTest::newRow("duplicate key")
            << QByteArray("  - id: a\n    text: t\n    text: u\n    check: {query: up}\n")
            << "demo.yaml:15: duplicate key \"text\" (first at line 14)";
    }
    void errorsNameFileLineAndPath() {
        QFETCH(QByteArray, steps);
        QFETCH(QString, error);
        const QStringList errors = errorsOf(lessonYaml(steps));
        QVERIFY2(!errors.isEmpty(), "expected an error");
        QCOMPARE(errors.first(), error);
    }

    void everyProblemIsReportedAtOnce() {
        const QByteArray yaml = R"(id: demo
title: Demo
level: expert
scenario: {builtin: no-such-world}
steps:
  - id: a
    text: t
    check: {query: 'rate(x[5m]'}
  - id: a
    check: {push: {outcome: maybe}}
)";
        const QStringList errors = errorsOf(yaml);
        const QStringList expected{
            QStringLiteral("demo.yaml:3: level: level is beginner, intermediate or advanced"),
            QStringLiteral("demo.yaml:4: scenario.builtin: no built-in scenario \"no-such-world\""),
            QStringLiteral("demo.yaml:8: steps[0].check.query: not valid PromQL: "),
            QStringLiteral("demo.yaml:9: steps[1].text: text is required"),
            QStringLiteral("demo.yaml:9: steps[1].id: the step id \"a\" is used twice"),
            QStringLiteral("demo.yaml:10: steps[1].check.push.outcome: outcome is accepted, "
                           "rejected or any")};
        QCOMPARE(errors.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(errors[i].startsWith(expected[i]), qPrintable(errors[i]));
    }

    void anInlineScenarioErrorPointsIntoTheLessonFile() {
        const QByteArray yaml = R"(id: demo
title: Demo
scenario:
  inline: |
    targets:
      - name: web-1
        colour: blue
steps:
  - id: a
    text: t
    check: {query: up}
)";
        const QStringList errors = errorsOf(yaml);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0], QStringLiteral("demo.yaml:7: scenario.inline.targets[0].colour: "
                                           "unknown key \"colour\""));
    }

    void everyBuiltInLessonLoads() {
        const QList<LessonInfo> all = builtInLessons();
        QVERIFY(all.size() >= 8);
        QCOMPARE(all.first().id, QStringLiteral("basic-pull"));
        // Every lesson file compiled in is listed (BuiltInIds names it), and nothing else.
        const QStringList files =
            QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.yaml")}, QDir::Files);
        QCOMPARE(qsizetype(all.size()), files.size());
        for (const LessonInfo &info : all)
            QVERIFY2(files.contains(info.id + QLatin1String(".yaml")), qPrintable(info.id));
        for (const LessonInfo &info : all) {
            const LessonLoadResult r = loadLessonByNameOrFile(info.id);
            QStringList errors;
            for (const LessonError &e : r.errors)
                errors << e.toString();
            QVERIFY2(r.lesson, qPrintable(errors.join(u'\n')));
            QCOMPARE(r.lesson->id, info.id);
            QVERIFY(!info.title.isEmpty());
            // Both languages: every built-in has German titles and step texts.
            QVERIFY2(!r.lesson->title.byLanguage.value(QStringLiteral("de")).isEmpty(),
                     qPrintable(info.id));
            for (const Step &s : r.lesson->steps)
                QVERIFY2(!s.text.byLanguage.value(QStringLiteral("de")).isEmpty(),
                         qPrintable(info.id + u'/' + s.id));
        }
    }
};

QTEST_GUILESS_MAIN(TestLessonLoader)
#include "tst_lessonloader.moc"
