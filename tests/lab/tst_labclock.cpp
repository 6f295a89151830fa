// The lab on a SimulationClock (issue 15): faithfulness under speed over real sockets,
// fast-forward through the 5-minute lookback, /lab/clock, scenario actions, and the refusal
// of other speeds while an outside program is attached.
#include "labtesthelpers.h"
#include "realpeer.h"

#include "lab/lab.h"
#include "rules/rulemanager.h"
#include "scrape/scrapemanager.h"
#include "sim/simulatedtarget.h"
#include "util/simulationclock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QUrlQuery>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::scenarioFrom;

namespace {
constexpr qint64 Start = 1'700'000'000'000; // both runs start here: the same scrape phases

// Everything a run did that a student would see, by lab time since Start.
struct Trace {
    QMap<QByteArray, int> scrapes;                        // per target instance
    QList<std::tuple<QByteArray, int, qint64>> upChanges; // instance, up, at
    QList<qint64> pushes;
    QList<std::tuple<QByteArray, int, qint64>> alerts; // instance, new state, at
};

QByteArray faithfulScenario(quint16 web1, quint16 web2) {
    return QStringLiteral(R"(
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}', '{{target:web-2}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
    port: %1
  - name: web-2
    port: %2
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: backup, instance: db-1}
    every: 5s
    run_at_start: true
rules: |
  groups:
    - name: t
      interval: 1s
      rules:
        - alert: TargetDown
          expr: up{job="app"} == 0
          for: 3s
actions:
  - at: 6s
    kill: web-2
  - at: 14s
    start: web-2
)")
        .arg(web1)
        .arg(web2)
        .toUtf8();
}

Trace runAt(double speed, quint16 web1, quint16 web2, quint16 gateway, qint64 forMs) {
    Trace trace;
    SimulationClock clock(Start);
    clock.pause(); // nothing moves while the world starts
    LabOptions options;
    options.clock = &clock;
    options.gatewayPort = gateway;
    Lab lab(options);
    QString error;
    if (!lab.loadScenario(scenarioFrom(faithfulScenario(web1, web2)), &error)) {
        qWarning("%s", qPrintable(error));
        return trace;
    }
    QMap<QByteArray, int> lastUp;
    QObject::connect(lab.scrapeManager(), &ScrapeManager::scrapeFinished, &lab,
                     [&](const ScrapeTarget &t, const ScrapeResult &r) {
                         if (t.jobName != "app" || r.startMs >= Start + forMs)
                             return;
                         const QByteArray instance = t.labels.value("instance");
                         ++trace.scrapes[instance];
                         const int up = r.health == TargetHealth::Up ? 1 : 0;
                         if (!lastUp.contains(instance) || lastUp[instance] != up)
                             trace.upChanges.append({instance, up, r.startMs - Start});
                         lastUp[instance] = up;
                     });
    QObject::connect(&lab, &Lab::pushed, &lab, [&](const PushResult &r) {
        if (r.atMs < Start + forMs)
            trace.pushes.append(r.atMs - Start);
    });
    QObject::connect(
        lab.ruleManager(), &rules::RuleManager::alertStateChanged, &lab,
        [&](const rules::AlertTransition &t) {
            if (t.atMs < Start + forMs)
                trace.alerts.append({t.labels.value("instance"), int(t.to), t.atMs - Start});
        });
    bool done = false;
    clock.callAt(Start + forMs + 1000, &lab, [&] { done = true; });
    if (!lab.setSpeed(speed, &error))
        qWarning("%s", qPrintable(error));
    clock.resume();
    if (!QTest::qWaitFor([&] { return done; }, int(forMs / speed) + 30'000))
        qWarning("the run did not reach its end");
    clock.pause();
    qDebug() << "speed" << speed << "io waits expired" << clock.ioWaitsExpired() << "in flight"
             << clock.ioInFlight();
    return trace;
}

QJsonObject getJson(const QUrl &url) {
    const auto reply = httpRequest("GET", url);
    return QJsonDocument::fromJson(reply.body).object();
}

int instantResults(Lab &lab, const QString &query) {
    QUrl url = lab.serverUrl().resolved(QUrl(QStringLiteral("/api/v1/query")));
    url.setQuery(QUrlQuery{{QStringLiteral("query"), query}});
    const QJsonObject o = getJson(url);
    if (o.value(QStringLiteral("status")).toString() != QLatin1String("success"))
        return -1;
    return int(o.value(QStringLiteral("data"))
                   .toObject()
                   .value(QStringLiteral("result"))
                   .toArray()
                   .size());
}

bool advanceAndWait(Lab &lab, qint64 ms) {
    QSignalSpy finished(lab.simulationClock(), &SimulationClock::fastForwardFinished);
    QString error;
    if (!lab.advanceClock(ms, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return finished.wait(60'000) &&
           QTest::qWaitFor([&] { return test::noScrapeInFlight(lab); }, 5000);
}

test::HttpReply postClock(Lab &lab, const QByteArray &json) {
    return httpRequest("POST", lab.serverUrl().resolved(QUrl(QStringLiteral("/lab/clock"))), json,
                       {{"Content-Type", "application/json"}});
}
} // namespace

class TestLabClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameEventsAtOneAndThirtyTimes() {
        const quint16 web1 = test::freeLoopbackPort();
        const quint16 web2 = test::freeLoopbackPort();
        const quint16 gateway = test::freeLoopbackPort();
        QVERIFY(web1 && web2 && gateway && web1 != web2 && web2 != gateway && web1 != gateway);
        constexpr qint64 For = 20'000;
        constexpr qint64 Tolerance = 1000; // one scrape interval
        const Trace slow = runAt(1, web1, web2, gateway, For);
        QElapsedTimer wall;
        wall.start();
        const Trace fast = runAt(30, web1, web2, gateway, For);
        QVERIFY2(wall.elapsed() < 10'000, qPrintable(QString::number(wall.elapsed())));

        // The run did what the scenario says: web-2 went down and came back, alerts followed.
        QCOMPARE(slow.scrapes.size(), 2);
        for (auto it = slow.scrapes.begin(); it != slow.scrapes.end(); ++it) {
            QVERIFY2(it.value() >= 18, qPrintable(QString::number(it.value())));
            QVERIFY2(std::abs(fast.scrapes.value(it.key()) - it.value()) <= 1,
                     qPrintable(QStringLiteral("%1: %2 at 1x, %3 at 30x")
                                    .arg(QString::fromUtf8(it.key()))
                                    .arg(it.value())
                                    .arg(fast.scrapes.value(it.key()))));
        }
        QCOMPARE(slow.upChanges.size(), 4); // web-1 up; web-2 up, down, up
        QCOMPARE(fast.upChanges.size(), slow.upChanges.size());
        for (int i = 0; i < slow.upChanges.size(); ++i) {
            QCOMPARE(std::get<0>(fast.upChanges[i]), std::get<0>(slow.upChanges[i]));
            QCOMPARE(std::get<1>(fast.upChanges[i]), std::get<1>(slow.upChanges[i]));
            QVERIFY2(std::abs(std::get<2>(fast.upChanges[i]) - std::get<2>(slow.upChanges[i])) <=
                         Tolerance,
                     qPrintable(QStringLiteral("up change %1: %2 ms vs %3 ms")
                                    .arg(i)
                                    .arg(std::get<2>(slow.upChanges[i]))
                                    .arg(std::get<2>(fast.upChanges[i]))));
        }
        qDebug() << "pushes at 1x" << slow.pushes << "at 30x" << fast.pushes;
        qDebug() << "alerts at 1x" << slow.alerts.size() << "at 30x" << fast.alerts.size();
        QVERIFY(slow.pushes.size() >= 4);
        QCOMPARE(fast.pushes.size(), slow.pushes.size());
        for (int i = 0; i < slow.pushes.size(); ++i)
            QVERIFY(std::abs(fast.pushes[i] - slow.pushes[i]) <= Tolerance);
        QVERIFY(slow.alerts.size() >= 3); // pending, firing, inactive
        QCOMPARE(fast.alerts.size(), slow.alerts.size());
        for (int i = 0; i < slow.alerts.size(); ++i) {
            QCOMPARE(std::get<0>(fast.alerts[i]), std::get<0>(slow.alerts[i]));
            QCOMPARE(std::get<1>(fast.alerts[i]), std::get<1>(slow.alerts[i]));
            QVERIFY2(std::abs(std::get<2>(fast.alerts[i]) - std::get<2>(slow.alerts[i])) <=
                         Tolerance,
                     qPrintable(QStringLiteral("alert change %1: %2 ms vs %3 ms")
                                    .arg(i)
                                    .arg(std::get<2>(slow.alerts[i]))
                                    .arg(std::get<2>(fast.alerts[i]))));
        }
    }

    void fastForwardAgesAPushedSeriesOutOfInstantQueries() {
        // The gateway is scraped every 10 minutes, longer than the 5-minute lookback: a pushed
        // series is in instant queries for 5 minutes after each scrape, then gone.
        SimulationClock clock(Start);
        clock.pause();
        Lab lab({&clock});
        QVERIFY(lab.listen());
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(R"(
prometheus: |
  global:
    scrape_interval: 10m
    scrape_timeout: 10s
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: backup, instance: db-1}
    run_at_start: true
)"),
                                  &error),
                 qPrintable(error));
        const QString query = QStringLiteral("push_time_seconds{job=\"backup\"}");
        QVERIFY(advanceAndWait(lab, 2000)); // the job ran and pushed
        QTRY_VERIFY_WITH_TIMEOUT(
            lab.job("backup")->lastRun() && lab.job("backup")->lastRun()->push.has_value(), 5000);
        ScrapeLoop *gatewayLoop = test::loopOf(lab, "pushgateway");
        QVERIFY(gatewayLoop);
        const qint64 scrapeAt = gatewayLoop->nextScrapeMs();
        QVERIFY(advanceAndWait(lab, scrapeAt - clock.nowMs()));
        QCOMPARE(clock.nowMs(), scrapeAt);
        QCOMPARE(instantResults(lab, query), 1);

        QElapsedTimer wall;
        wall.start();
        QVERIFY(advanceAndWait(lab, 5 * 60'000 - 1000));
        QVERIFY2(wall.elapsed() < 30'000, qPrintable(QString::number(wall.elapsed())));
        QCOMPARE(clock.nowMs(), scrapeAt + 5 * 60'000 - 1000);
        QCOMPARE(instantResults(lab, query), 1); // 4 m 59 s old: still looked back to
        QVERIFY(advanceAndWait(lab, 2000));
        QCOMPARE(instantResults(lab, query), 0); // 5 m 1 s old: past the lookback
        QVERIFY(clock.isPaused());
        // The gateway still holds the group: the next scrape brings it back.
        QVERIFY(advanceAndWait(lab, 5 * 60'000));
        QCOMPARE(instantResults(lab, query), 1);
    }

    void pauseStopsTheClockAndStepReachesTimedActions() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(QByteArray(test::OneService) + R"(
actions:
  - at: 1h
    kill: web-1
)"),
                                  &error),
                 qPrintable(error));
        const qint64 loadedMs = clock.nowMs();
        lab.pause();
        QVERIFY(clock.isPaused());
        QVERIFY(lab.isPaused());
        QVERIFY(lab.advanceClock(3'600'000 - 10'000, &error));
        QTRY_VERIFY_WITH_TIMEOUT(!clock.isJumping(), 30'000);
        QVERIFY(lab.target("web-1")->isRunning());
        // Step by step, through the scrapes, until the timed action.
        for (int i = 0; i < 10 && lab.target("web-1")->isRunning(); ++i) {
            QSignalSpy stepped(&clock, &SimulationClock::stepped);
            QVERIFY2(lab.stepClock(&error), qPrintable(error));
            QVERIFY(stepped.wait(5000));
            QVERIFY(QTest::qWaitFor([&] { return test::noScrapeInFlight(lab); }, 5000));
        }
        QVERIFY(!lab.target("web-1")->isRunning());
        // On the action, 1 h after the scenario loaded. The clock ran at 1× until pause(), and
        // loading takes a few milliseconds (more under ASan): the action's due time lies
        // between the load's start and its end, plus 1 h; a step stops on it, not past it.
        QVERIFY2(clock.nowMs() >= lab.scenarioStartMs() + 3'600'000 &&
                     clock.nowMs() <= loadedMs + 3'600'000,
                 qPrintable(QStringLiteral("%1 ms after the load began, %2 after it ended")
                                .arg(clock.nowMs() - lab.scenarioStartMs())
                                .arg(clock.nowMs() - loadedMs)));
        QVERIFY(lab.isPaused());
        // The clock's own pause is the lab's.
        clock.resume();
        QVERIFY(!lab.isPaused());
        QVERIFY(!lab.stepClock(&error));
        QVERIFY(error.contains(QLatin1String("paused")));
    }

    void clockApi() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QVERIFY(lab.listen());
        QVERIFY(lab.loadScenario(scenarioFrom(test::OneService)));
        const QUrl url = lab.serverUrl().resolved(QUrl(QStringLiteral("/lab/clock")));
        QJsonObject data = getJson(url).value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("speed")).toDouble(), 1.0);
        QCOMPARE(data.value(QStringLiteral("paused")).toBool(), false);
        QVERIFY(data.value(QStringLiteral("time")).toDouble() >= Start / 1000.0);

        auto reply = postClock(lab, R"({"speed": 10})");
        QCOMPARE(reply.status, 200);
        QCOMPARE(clock.speed(), 10.0);
        reply = postClock(lab, R"({"speed": 100})");
        QCOMPARE(reply.status, 400);
        QCOMPARE(clock.speed(), 10.0);
        reply = postClock(lab, R"({"step": true})");
        QCOMPARE(reply.status, 409); // only while paused
        reply = postClock(lab, R"({"advance": "soon"})");
        QCOMPARE(reply.status, 400);
        reply = postClock(lab, R"({"rewind": true})");
        QCOMPARE(reply.status, 400);
        reply = httpRequest("POST", url, R"({"speed": 2})", {{"Content-Type", "text/plain"}});
        QCOMPARE(reply.status, 415); // as every JSON POST of /lab/*
        QCOMPARE(clock.speed(), 10.0);

        reply = postClock(lab, R"({"paused": true})");
        QCOMPARE(reply.status, 200);
        QVERIFY(lab.isPaused());
        const qint64 before = clock.nowMs();
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        reply = postClock(lab, R"({"advance": "5m"})");
        QCOMPARE(reply.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QCOMPARE(clock.nowMs(), before + 300'000);
        data = getJson(url).value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(data.value(QStringLiteral("fastForwarding")).toBool(), false);
        QCOMPARE(qint64(data.value(QStringLiteral("time")).toDouble() * 1000), before + 300'000);
        QSignalSpy stepped(&clock, &SimulationClock::stepped);
        reply = postClock(lab, R"({"step": true})");
        QCOMPARE(reply.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(stepped.count(), 1, 5000);
        QVERIFY(clock.nowMs() > before + 300'000);
    }

    void scenarioSpeedAndAdvanceActions() {
        const auto bad = [](const QByteArray &action) {
            const auto r =
                loadScenario(QByteArray(test::OneService) + "actions:\n  - " + action + "\n",
                             QStringLiteral("t.yaml"));
            return r.error ? r.error->toString() : QString();
        };
        QVERIFY(bad("{at: 1s, speed: 10}").isEmpty());
        QVERIFY(bad("{at: 1s, advance: 5m}").isEmpty());
        QVERIFY(bad("{at: 1s, step: true}").isEmpty());
        QVERIFY(bad("{at: 1s, speed: 100}").contains(QLatin1String("speed is a number from")));
        QVERIFY(bad("{at: 1s, speed: fast}").contains(QLatin1String("speed is a number from")));
        QVERIFY(bad("{at: 1s, advance: 0s}").contains(QLatin1String("above zero")));
        QVERIFY(bad("{at: 1s, advance: later}").contains(QLatin1String("not a duration")));

        SimulationClock clock(Start);
        clock.pause();
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(QByteArray(test::OneService) + R"(
actions:
  - at: 1s
    speed: 30
  - at: 2s
    advance: 10m
  - at: 20m
    kill: web-1
)"),
                                  &error),
                 qPrintable(error));
        QSignalSpy speed(&clock, &SimulationClock::speedChanged);
        QSignalSpy finished(&clock, &SimulationClock::fastForwardFinished);
        clock.resume();
        QVERIFY(speed.wait(5000));
        QCOMPARE(clock.speed(), 30.0);
        QVERIFY(finished.wait(30'000));
        QVERIFY(clock.nowMs() >= Start + 2000 + 600'000);
        QVERIFY(lab.target("web-1")->isRunning());
        // At 30× the rest of the way to 20 min takes ~20 s; a fast-forward gets there now.
        QVERIFY(lab.advanceClock(Start + 1'200'000 - clock.nowMs() + 100, &error));
        QTRY_VERIFY_WITH_TIMEOUT(!lab.target("web-1")->isRunning(), 30'000);
    }

    void otherSpeedsAreRefusedWhileAnOutsideProgramScrapes() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QVERIFY(lab.loadScenario(scenarioFrom(test::OneService)));
        QString error;
        QVERIFY2(lab.setSpeed(5, &error), qPrintable(error));
        QVERIFY(lab.wallTimeReason().isEmpty());
        // Lab scrapes alone are the lab's own: still nothing outside after a few.
        QTRY_VERIFY_WITH_TIMEOUT(lab.target("web-1")->requestCount() >= 3, 10'000);
        QVERIFY(lab.wallTimeReason().isEmpty());
        QSignalSpy required(&lab, &Lab::wallTimeRequired);
        // A real Prometheus sends the same User-Agent as the lab's scraper.
        const auto reply = httpRequest("GET", lab.target("web-1")->metricsUrl(), {},
                                       {{"User-Agent", "Prometheus/2.42.0"}});
        QCOMPARE(reply.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!lab.wallTimeReason().isEmpty(), 5000);
        QCOMPARE(required.count(), 1);
        QCOMPARE(clock.speed(), 1.0); // set back
        QVERIFY(!lab.setSpeed(10, &error));
        QVERIFY2(error.contains(QLatin1String("wall time")), qPrintable(error));
        QVERIFY(!lab.advanceClock(60'000, &error));
        QVERIFY(lab.setSpeed(1, &error)); // 1× is always fine
    }

    void otherSpeedsAreRefusedForJobsPushingToAnOutsideGateway() {
        SimulationClock clock(Start);
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(R"(
jobs:
  - name: backup
    duration: 1s
    push: push
    gateway: http://127.0.0.1:1
    grouping_key: {job: backup}
)"),
                                  &error),
                 qPrintable(error));
        QVERIFY(!lab.setSpeed(30, &error));
        QVERIFY2(error.contains(QLatin1String("outside the lab")), qPrintable(error));
        QCOMPARE(clock.speed(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestLabClock)
#include "tst_labclock.moc"
