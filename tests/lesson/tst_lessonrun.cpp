// The check language at work (LessonRun): conditions over queries, events, the gateway's
// groups and the running configuration, for: and within: on the lab clock, predictions,
// hints, actions (advance included) and the JSON report. Lab clock: a ManualClock; scrapes
// and pushes are real loopback HTTP.
#include "api/labapiserver.h"
#include "lab/lab.h"
#include "labtesthelpers.h"
#include "lesson/lessoncontrolapi.h"
#include "lesson/lessonrun.h"
#include "util/simulationclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace ppl;
using namespace ppl::lesson;

namespace {

QByteArray lessonWith(const QByteArray &steps) {
    return R"(id: run-test
title: Run test
scenario:
  inline:
    prometheus: |
      global:
        scrape_interval: 1s
        scrape_timeout: 500ms
      scrape_configs:
        - job_name: app
          static_configs:
            - targets: ['{{target:web-1}}']
    targets:
      - name: web-1
steps:
)" + steps;
}

Lesson load(const QByteArray &steps) {
    const LessonLoadResult r = loadLesson(lessonWith(steps), QStringLiteral("run.yaml"));
    for (const LessonError &e : r.errors)
        qWarning("%s", qPrintable(e.toString()));
    return r.lesson.value_or(Lesson{});
}

int send(Lab &lab, const QByteArray &verb, const QString &path, const QByteArray &body = {}) {
    QNetworkAccessManager network;
    QNetworkRequest request(lab.gatewayUrl().toString() + path);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("curl/7.88.1"));
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
        return 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace

class TestLessonRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_clock = std::make_unique<ManualClock>();
        m_lab = std::make_unique<Lab>(LabOptions{m_clock.get()});
        QString error;
        QVERIFY2(m_lab->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup() {
        m_lab.reset();
        m_clock.reset();
    }

    void aQueryWithForPassesOnlyAfterHoldingThatLong() {
        LessonRun run(m_lab.get(), load(R"(  - id: down
    text: "Kill {{target:web-1}}"
    check:
      - query: 'up{instance="{{target:web-1}}"} == 0'
        for: 10s
)"));
        QSignalSpy passed(&run, &LessonRun::stepPassed);
        QSignalSpy finished(&run, &LessonRun::finished);
        QVERIFY(run.start());
        QVERIFY(run.stepText(0).contains(m_lab->target("web-1")->metricsUrl().authority()));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 3000, 250));
        run.evaluate();
        QCOMPARE(run.checkStates().at(0).met, false);
        QVERIFY(run.checkStates().at(0).measured.contains(QLatin1String("empty")));
        QVERIFY(m_lab->killTarget("web-1"));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 5000, 250));
        run.evaluate();
        QVERIFY(run.checkStates().at(0).holdingSinceMs > 0);
        QCOMPARE(run.checkStates().at(0).met, false); // holds, not yet 10 s
        QVERIFY(run.checkStates().at(0).measured.contains(QLatin1String("up{")));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 8000, 250));
        QTRY_COMPARE(passed.count(), 1);
        QCOMPARE(finished.count(), 1);
        QVERIFY(run.passed());
        QVERIFY(run.record(0).passedMs - run.record(0).startedMs >= 10000);
    }

    void anEventOutsideItsWithinWindowDoesNotCount() {
        LessonRun run(m_lab.get(), load(R"(  - id: kill-fast
    text: t
    check:
      - target: {name: web-1, change: killed}
        within: 5s
)"));
        QVERIFY(run.start());
        QVERIFY(test::stepLab(*m_clock, *m_lab, 6000, 500));
        QVERIFY(m_lab->killTarget("web-1"));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 2000, 500));
        QTRY_VERIFY(run.checkStates().at(0).expired);
        QVERIFY(!run.passed());
        QVERIFY(!run.checkStates().at(0).met);
    }

    void pushesAreMatchedBySourceMethodAndExactGroupingKey() {
        LessonRun run(m_lab.get(), load(R"(  - id: push
    text: t
    check:
      - push: {from: outside, outcome: accepted, method: PUT, job: batch}
  - id: delete
    text: t
    check:
      - push: {from: outside, method: DELETE, grouping_key: {job: batch, instance: a}}
      - group: {job: batch, present: false}
)"));
        QVERIFY(run.start());
        // Wrong job: not this step's push.
        QCOMPARE(send(*m_lab, "PUT", QStringLiteral("/metrics/job/other/instance/a"), "x 1\n"),
                 200);
        QCoreApplication::processEvents();
        run.evaluate();
        QCOMPARE(run.currentStep(), 0);
        // A rejected push of the right job does not count either.
        QCOMPARE(send(*m_lab, "PUT", QStringLiteral("/metrics/job/batch/instance/a"), "x{\n"), 400);
        QCoreApplication::processEvents();
        run.evaluate();
        QCOMPARE(run.currentStep(), 0);
        QCOMPARE(send(*m_lab, "PUT", QStringLiteral("/metrics/job/batch/instance/a"), "x 1\n"),
                 200);
        QTRY_COMPARE(run.currentStep(), 1);
        // A delete with a partial grouping key leaves the group: the step does not pass.
        send(*m_lab, "DELETE", QStringLiteral("/metrics/job/batch"));
        QCoreApplication::processEvents();
        run.evaluate();
        QCOMPARE(run.currentStep(), 1);
        QCOMPARE(run.checkStates().at(1).met, false);
        QVERIFY(run.checkStates().at(1).measured.contains(QLatin1String("instance=\"a\"")));
        QCOMPARE(send(*m_lab, "DELETE", QStringLiteral("/metrics/job/batch/instance/a")), 202);
        QTRY_VERIFY(run.passed());
    }

    void configFactsAreReadFromTheRunningConfiguration() {
        LessonRun run(m_lab.get(), load(R"(  - id: honor
    text: t
    check:
      - config: {scrapes: gateway, honor_labels: true}
      - config: {job: app, present: false}
)"));
        QVERIFY(run.start());
        run.evaluate();
        QVERIFY(!run.passed());
        QCOMPARE(run.checkStates().at(0).measured, QStringLiteral("no such scrape job"));
        QString error;
        // The gateway scraped without honor_labels: not yet.
        QVERIFY2(m_lab->reloadConfig(R"(scrape_configs:
  - job_name: pushgateway
    static_configs:
      - targets: ['{{gateway}}']
)",
                                     &error),
                 qPrintable(error));
        run.evaluate();
        QVERIFY(!run.passed());
        QVERIFY2(m_lab->reloadConfig(R"(scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['{{gateway}}']
)",
                                     &error),
                 qPrintable(error));
        run.evaluate();
        QVERIFY(run.passed());
        QCOMPARE(run.record(0).checks.at(0).measured, QStringLiteral("scrape job pushgateway"));
    }

    void predictionsHintsAndTheReport() {
        LessonRun run(m_lab.get(), load(R"(  - id: first
    title: First
    text: t
    predict:
      question: q
      choices: [a, b, c]
      answer: 2
    hints:
      - one
      - text: two
        after: 30s
    check:
      - target: {name: web-1, change: killed}
  - id: second
    text: t
    check: {query: 'vector(1)'}
)"));
        run.setStudent(QStringLiteral("Ada"));
        QSignalSpy hints(&run, &LessonRun::hintRevealed);
        QVERIFY(run.start());
        QVERIFY(!run.answerPrediction(0)); // wrong, and it is the one that counts
        QVERIFY(run.answerPrediction(1));
        QCOMPARE(run.revealHint(), 0);
        QVERIFY(test::stepLab(*m_clock, *m_lab, 31000, 1000));
        QCOMPARE(hints.count(), 2); // the second revealed itself after 30 s
        QCOMPARE(run.record(0).hintsRequested, 1);
        QCOMPARE(run.revealHint(), -1);
        QJsonObject report = run.reportJson();
        QCOMPARE(report.value(QLatin1String("passed")).toBool(), false);
        QCOMPARE(report.value(QLatin1String("student")).toString(), QStringLiteral("Ada"));
        QVERIFY(m_lab->killTarget("web-1"));
        QTRY_VERIFY(run.passed()); // step 2 passes at its first evaluation
        report = run.reportJson();
        QCOMPARE(report.value(QLatin1String("passed")).toBool(), true);
        QCOMPARE(
            report.value(QLatin1String("lesson")).toObject().value(QLatin1String("id")).toString(),
            QStringLiteral("run-test"));
        QCOMPARE(report.value(QLatin1String("hints_used")).toInt(), 1);
        QCOMPARE(report.value(QLatin1String("predictions_wrong")).toInt(), 1);
        QCOMPARE(report.value(QLatin1String("predictions_right")).toInt(), 0);
        QVERIFY(report.value(QLatin1String("time_to_pass_s")).toDouble() >= 31);
        const QJsonArray steps = report.value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.size(), 2);
        const QJsonObject first = steps.at(0).toObject();
        QCOMPARE(first.value(QLatin1String("id")).toString(), QStringLiteral("first"));
        QCOMPARE(first.value(QLatin1String("passed")).toBool(), true);
        QCOMPARE(first.value(QLatin1String("hints_shown")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("prediction"))
                     .toObject()
                     .value(QLatin1String("choice"))
                     .toInt(),
                 1);
        QVERIFY(first.value(QLatin1String("time_s")).toDouble() >= 31);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.json"));
        QVERIFY(run.writeReport(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(
            QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("passed")).toBool(),
            true);
    }

    void actionsRunWhenTheirStepBeginsAndAdvanceMovesTheLabClock() {
        LessonRun run(m_lab.get(), load(R"(  - id: demo
    text: t
    actions:
      - kill: web-1
    check:
      - target: {name: web-1, change: killed}
  - id: later
    text: t
    actions:
      - advance: 2m
    check:
      - query: 'vector(1)'
        for: 1m
)"));
        QVERIFY(run.start());
        const qint64 before = m_clock->nowMs();
        QTRY_VERIFY(run.currentStep() >= 1);
        QVERIFY(!m_lab->target("web-1")->isRunning());
        QTRY_VERIFY(run.passed());
        QVERIFY(m_clock->nowMs() - before >= 120000);
        QVERIFY(run.record(1).passedMs - run.record(1).startedMs >= 60000);
    }

    void anAdvanceWithoutASimulationClockFailsVisibly() {
        SystemClock wall;
        Lab lab(LabOptions{&wall});
        LessonRun run(&lab, load(R"(  - id: later
    text: t
    actions:
      - advance: 5m
    check: {query: 'vector(1)', for: 1h}
)"));
        QSignalSpy failed(&run, &LessonRun::actionFailed);
        QVERIFY(run.start());
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("steps[0].actions[0]"));
        // With an advancer (the simulation clock's), it is used.
        qint64 asked = 0;
        LessonRun run2(&lab, load(R"(  - id: later
    text: t
    actions:
      - advance: 5m
    check: {query: 'vector(1)', for: 1h}
)"));
        run2.setAdvancer([&](qint64 ms, QString *) {
            asked = ms;
            return true;
        });
        QVERIFY(run2.start());
        QTRY_COMPARE(asked, 300000);
    }

    // The window's and the headless lab's clock: a lesson's advance fast-forwards it.
    void anAdvanceFastForwardsTheSimulationClock() {
        SimulationClock sim;
        Lab lab(LabOptions{&sim});
        const qint64 before = sim.nowMs();
        LessonRun run(&lab, load(R"(  - id: later
    text: t
    actions:
      - advance: 5m
    check: {query: 'vector(1)', for: 1h}
)"));
        QSignalSpy failed(&run, &LessonRun::actionFailed);
        QSignalSpy done(&sim, &SimulationClock::fastForwardFinished);
        QVERIFY(run.start());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QCOMPARE(failed.count(), 0);
        QVERIFY2(sim.nowMs() - before >= 300000, qPrintable(QString::number(sim.nowMs() - before)));
    }

    // Predict → observe → explain: a step with a prediction neither measures nor passes (nor
    // runs its demonstration) before the answer, though its condition holds; after, it does.
    void aPredictionHoldsTheChecksAndActionsUntilAnswered() {
        LessonRun run(m_lab.get(), load(R"(  - id: guess
    text: t
    predict:
      question: q
      choices: [a, b]
      answer: 1
    actions:
      - kill: web-1
    check:
      - query: 'vector(1)'
      - target: {name: web-1, change: killed}
  - id: plain
    text: t
    check: {query: 'vector(1)'}
)"));
        QVERIFY(run.start());
        QVERIFY(run.awaitingPrediction());
        QVERIFY(test::stepLab(*m_clock, *m_lab, 5000, 500));
        run.evaluate();
        QCOMPARE(run.currentStep(), 0);
        QVERIFY(!run.checkStates().at(0).met); // vector(1) holds, but is not measured yet
        QVERIFY(run.checkStates().at(0).measured.isEmpty());
        QVERIFY(m_lab->target("web-1")->isRunning()); // the demonstration waits too
        QVERIFY(run.answerPrediction(0));
        QVERIFY(!run.awaitingPrediction());
        QTRY_VERIFY(!m_lab->target("web-1")->isRunning());
        QTRY_VERIFY(run.passed()); // the step without a prediction passes at once
        QVERIFY(run.record(0).checksFromMs >= run.record(0).startedMs + 5000);
        QCOMPARE(run.reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }

    // An event before the answer still counts once it is answered (the step's events are
    // read from its start); within: runs from the answer.
    void anEventBeforeTheAnswerCountsOnceAnswered() {
        LessonRun run(m_lab.get(), load(R"(  - id: guess
    text: t
    predict:
      question: q
      choices: [a, b]
      answer: 2
    check:
      - target: {name: web-1, change: killed}
        within: 5s
)"));
        QVERIFY(run.start());
        QVERIFY(m_lab->killTarget("web-1"));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 10000, 500));
        run.evaluate();
        QVERIFY(!run.passed());
        QVERIFY(!run.checkStates().at(0).expired); // held, not expired
        QVERIFY(!run.answerPrediction(0));
        QTRY_VERIFY(run.passed());
        QCOMPARE(run.reportJson().value(QLatin1String("predictions_wrong")).toInt(), 1);
    }

    void gatewayRestartsAreMatchedByPersistence() {
        LessonRun run(m_lab.get(), load(R"(  - id: restart
    text: t
    check:
      - gateway: {change: restarted, persistence: true}
)"));
        QVERIFY(run.start());
        QString error;
        LabCommand c;
        c.op = LabCommand::Op::RestartGateway;
        c.flag = false;
        QVERIFY2(m_lab->execute(c, &error), qPrintable(error));
        QVERIFY(test::stepLab(*m_clock, *m_lab, 1000, 500));
        run.evaluate();
        QVERIFY(!run.passed()); // restarted without persistence
        c.flag = true;
        QVERIFY2(m_lab->execute(c, &error), qPrintable(error));
        QTRY_VERIFY(run.passed());
    }

    // GET /lab/lesson and POST /lab/lesson/predict over real HTTP, behind the lab's guard (a
    // lab with a token refuses a POST without it).
    void theLessonApiAnswersPredictionsBehindTheGuard() {
        ManualClock clock;
        Lab lab(LabOptions{&clock, QHostAddress::LocalHost, 0, false, 20000, "s3cret"});
        QString error;
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        LessonRun run(&lab, load(R"(  - id: guess
    text: "Kill {{target:web-1}}"
    predict:
      question: "What does up say for {{target:web-1}}?"
      choices: ["1", "0"]
      answer: 2
    hints: [kill it]
    check:
      - query: 'vector(1)'
)"));
        LessonControlApi api;
        api.setRun(&run);
        api.registerRoutes(lab.apiServer()->httpServer(), &lab.apiServer()->guard());
        QVERIFY(run.start());
        const QString base = lab.serverUrl().toString();
        QNetworkAccessManager network;
        const auto call = [&](const QByteArray &verb, const QString &path, const QByteArray &body,
                              const QByteArray &token, int *status) {
            QNetworkRequest request(base + path);
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token);
            QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
            if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
                return QJsonObject();
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
            delete reply;
            return o;
        };
        int status = 0;
        QJsonObject o = call("GET", QStringLiteral("/lab/lesson"), {}, {}, &status);
        QCOMPARE(status, 200);
        const QJsonObject current =
            o.value(QLatin1String("data")).toObject().value(QLatin1String("current")).toObject();
        QCOMPARE(current.value(QLatin1String("id")).toString(), QStringLiteral("guess"));
        QCOMPARE(current.value(QLatin1String("awaitingPrediction")).toBool(), true);
        const QJsonObject p = current.value(QLatin1String("prediction")).toObject();
        QVERIFY(p.value(QLatin1String("question"))
                    .toString()
                    .contains(lab.target("web-1")->metricsUrl().authority()));
        QCOMPARE(p.value(QLatin1String("choices")).toArray().size(), 2);
        QCOMPARE(p.value(QLatin1String("answered")).toBool(), false);
        // Held: the condition holds, the step does not pass.
        QVERIFY(test::stepLab(clock, lab, 3000, 500));
        QCOMPARE(run.currentStep(), 0);
        // The guard: no token, no answer.
        o = call("POST", QStringLiteral("/lab/lesson/predict"), R"({"choice": 2})", {}, &status);
        QCOMPARE(status, 401);
        QVERIFY(run.awaitingPrediction());
        // A bad choice.
        o = call("POST", QStringLiteral("/lab/lesson/predict"), R"({"choice": 3})", "s3cret",
                 &status);
        QCOMPARE(status, 400);
        o = call("POST", QStringLiteral("/lab/lesson/hint"), {}, "s3cret", &status);
        QCOMPARE(status, 200);
        QCOMPARE(o.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("kill it"));
        o = call("POST", QStringLiteral("/lab/lesson/predict"), R"({"choice": 2})", "s3cret",
                 &status);
        QCOMPARE(status, 200);
        QTRY_VERIFY(run.passed());
        const QJsonObject step0 =
            run.reportJson().value(QLatin1String("steps")).toArray().at(0).toObject();
        QCOMPARE(step0.value(QLatin1String("prediction"))
                     .toObject()
                     .value(QLatin1String("correct"))
                     .toBool(),
                 true);
        QCOMPARE(run.reportJson().value(QLatin1String("hints_used")).toInt(), 1);
        // Finished: nothing left to predict.
        o = call("POST", QStringLiteral("/lab/lesson/predict"), R"({"choice": 1})", "s3cret",
                 &status);
        QCOMPARE(status, 409);
        o = call("GET", QStringLiteral("/lab/lesson"), {}, {}, &status);
        QCOMPARE(o.value(QLatin1String("data")).toObject().value(QLatin1String("passed")).toBool(),
                 true);
        QCOMPARE(o.value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("steps"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("predictionCorrect"))
                     .toBool(),
                 true);
    }

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab> m_lab;
};

QTEST_GUILESS_MAIN(TestLessonRun)
#include "tst_lessonrun.moc"
