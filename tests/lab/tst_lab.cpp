#include "labtesthelpers.h"
#include "realpeer.h"

#include "lab/lab.h"
#include "pushgateway/pushgatewayserver.h"
#include "rules/rulemanager.h"
#include "scrape/scrapemanager.h"
#include "sim/simulatedtarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::lastSample;
using ppl::test::OneService;
using ppl::test::scenarioFrom;

namespace {
std::optional<double> upOf(Lab &lab, const QByteArray &target) {
    const auto s = lastSample(lab.store(), "up", {{"instance", lab.target(target)->address()}});
    return s ? std::optional<double>(s->value) : std::nullopt;
}
} // namespace

class TestLab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killGivesUpZeroAndStaleMarkersThenStartResetsTheCounter() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(OneService), &error), qPrintable(error));
        PPL_STEP(clock, lab, 5000);
        QCOMPARE(upOf(lab, "web-1"), 1.0);
        clock.advance(60'000 - 5000); // counters grow
        PPL_STEP(clock, lab, 5000);
        const std::vector<LabelPair> ok{{"method", "GET"}, {"status", "200"}};
        const double before = lastSample(lab.store(), "http_requests_total", ok)->value;
        QVERIFY(before > 100);

        QVERIFY(lab.killTarget("web-1", &error));
        PPL_STEP(clock, lab, 5000);
        QCOMPARE(upOf(lab, "web-1"), 0.0);
        QVERIFY(isStaleMarker(lastSample(lab.store(), "http_requests_total", ok)->value));
        QVERIFY(lab.scrapeManager()->loops().front()->lastError().contains(
            QLatin1String("connection refused")));

        QVERIFY(lab.startTarget("web-1", &error));
        PPL_STEP(clock, lab, 10'000);
        QCOMPARE(upOf(lab, "web-1"), 1.0);
        const double after = lastSample(lab.store(), "http_requests_total", ok)->value;
        QVERIFY2(after < before, qPrintable(QStringLiteral("%1 %2").arg(after).arg(before)));
    }

    void hangTimesOutOnTheLabClock() {
        ManualClock clock;
        Lab lab({&clock});
        QVERIFY(lab.loadScenario(scenarioFrom(OneService)));
        QVERIFY(lab.setTargetFault("web-1", TargetFault::Hang));
        QSignalSpy received(lab.target("web-1"), &SimulatedTarget::requestReceived);
        clock.advanceTo(lab.scrapeManager()->loops().front()->nextScrapeMs());
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 5000);
        clock.advance(2000); // the scrape_timeout
        QTRY_VERIFY_WITH_TIMEOUT(ppl::test::noScrapeInFlight(lab), 5000);
        QCOMPARE(upOf(lab, "web-1"), 0.0);
        QVERIFY(lab.scrapeManager()->loops().front()->lastError().contains(
            QLatin1String("deadline exceeded")));
    }

    void firewallFailsScrapesWhileTheTargetsPushesArrive() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(*loadScenarioByNameOrFile(QStringLiteral("firewall")).scenario,
                                  &error),
                 qPrintable(error));
        QSignalSpy pushed(&lab, &Lab::pushed);
        clock.advance(0);
        QTRY_VERIFY_WITH_TIMEOUT(pushed.count() >= 1, 5000);
        QVERIFY(pushed.last().first().value<PushResult>().ok);
        PPL_STEP(clock, lab, 5000);
        QCOMPARE(upOf(lab, "billing"), 0.0);
        QCOMPARE(upOf(lab, "web-1"), 1.0);
        const auto viaGateway = lastSample(lab.store(), "process_start_time_seconds",
                                           {{"job", "billing"}, {"instance", "billing-1"}});
        QVERIFY(viaGateway);
        QCOMPARE(viaGateway->value, clock.nowMs() / 1000.0 - 5);
    }

    void shortJobIsSeenOnlyWhenItPushes() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(R"(
prometheus: |
  global:
    scrape_interval: 15s
    scrape_timeout: 2s
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
    - job_name: report
      static_configs:
        - targets: ['{{job:report}}']
jobs:
  - name: backup
    duration: 2s
    grouping_key: {job: database_backup, instance: db-1}
  - name: report
    duration: 2s
    push: none
)"),
                                  &error),
                 qPrintable(error));
        // Start both jobs just after the report target's scrape: the next one comes 15 s
        // later, long after the 2 s job has gone.
        ScrapeLoop *reportLoop = ppl::test::loopOf(lab, "report");
        QVERIFY(reportLoop);
        const qint64 scrapeAt = reportLoop->nextScrapeMs();
        PPL_STEP(clock, lab, scrapeAt - clock.nowMs());
        // Past that scrape's timeout, so it is over whatever happened to it.
        PPL_STEP(clock, lab, 5000);
        QSignalSpy pushed(&lab, &Lab::pushed);
        const qint64 jobsAt = clock.nowMs();
        QVERIFY(lab.runJob("backup"));
        QVERIFY(lab.runJob("report"));
        PPL_STEP(clock, lab, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        PPL_STEP(clock, lab, 30'000);
        const auto seen =
            lastSample(lab.store(), "job_records_processed_total", {{"job", "report"}});
        QVERIFY2(!seen, qPrintable(QStringLiteral("scraped at +%1 ms, jobs ran +%2..+%3 ms")
                                       .arg(seen ? seen->timestampMs - scrapeAt : 0)
                                       .arg(jobsAt - scrapeAt)
                                       .arg(jobsAt + 2000 - scrapeAt)));
        const auto exit = lastSample(lab.store(), "job_exit_code",
                                     {{"job", "database_backup"}, {"instance", "db-1"}});
        QVERIFY(exit);
        QCOMPARE(exit->value, 0.0);
    }

    // The window's default gateway port, when taken, falls back to an OS-chosen one by
    // binding (no probe that can race); without the fallback a taken port is an error.
    void aTakenGatewayPortFallsBackOnlyWhenAllowed_data() {
        QTest::addColumn<bool>("fallback");
        QTest::newRow("fallback") << true;
        QTest::newRow("no fallback") << false;
    }
    void aTakenGatewayPortFallsBackOnlyWhenAllowed() {
        QFETCH(bool, fallback);
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        ManualClock clock;
        LabOptions options{&clock};
        options.gatewayPort = taken.serverPort();
        options.gatewayPortFallback = fallback;
        Lab lab(options);
        QString error;
        const bool loaded = lab.loadScenario(scenarioFrom("gateway:\n  enabled: true\n"), &error);
        QCOMPARE(loaded, fallback);
        if (fallback) {
            QVERIFY(lab.gatewayUrl().port() > 0);
            QVERIFY(lab.gatewayUrl().port() != taken.serverPort());
        } else {
            QVERIFY(!error.isEmpty());
            QVERIFY(lab.gatewayUrl().isEmpty());
        }
    }

    void pushedValuesLingerUntilDeletedOrRestartedWithoutPersistence() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(R"(
gateway:
  persistence: true
prometheus: |
  global:
    scrape_interval: 5s
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
jobs:
  - name: nightly
    duration: 1s
    grouping_key: {job: nightly_backup}
)"),
                                  &error),
                 qPrintable(error));
        QSignalSpy pushed(&lab, &Lab::pushed);
        auto present = [&] {
            const auto s = lastSample(lab.store(), "job_exit_code", {{"job", "nightly_backup"}});
            return s && !isStaleMarker(s->value) && s->timestampMs > clock.nowMs() - 5000;
        };
        auto runOnce = [&] {
            const int before = pushed.count();
            QVERIFY(lab.runJob("nightly"));
            PPL_STEP(clock, lab, 1000);
            QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), before + 1, 5000);
            PPL_STEP(clock, lab, 5000);
        };
        runOnce();
        QVERIFY(present());
        PPL_STEP(clock, lab, 120'000); // long after the job ended, the value is still scraped
        QVERIFY(present());

        QVERIFY2(lab.deleteGroup({{"job", "nightly_backup"}}, &error), qPrintable(error));
        PPL_STEP(clock, lab, 5000);
        QVERIFY(!present());

        runOnce();
        QVERIFY(lab.restartGateway(true, &error));
        PPL_STEP(clock, lab, 5000);
        QVERIFY(present()); // came back from the persistence file

        QVERIFY(lab.restartGateway(false, &error));
        PPL_STEP(clock, lab, 5000);
        QVERIFY(!present());
    }

    void controlApi() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error) != 0, qPrintable(error));
        QVERIFY(lab.loadScenario(scenarioFrom(OneService)));
        const QUrl base = lab.serverUrl();
        auto call = [&](const QByteArray &method, const QString &path,
                        const QByteArray &body = {}) {
            QUrl u = base;
            u.setPath(path.section('?', 0, 0));
            if (path.contains('?'))
                u.setQuery(path.section('?', 1));
            return httpRequest(method, u, body, {{"Content-Type", "application/json"}});
        };
        auto json = [](const test::HttpReply &r) {
            return QJsonDocument::fromJson(r.body).object();
        };

        auto r = call("GET", "/lab/targets");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r)["data"].toArray().first().toObject()["name"].toString(),
                 QStringLiteral("web-1"));

        r = call("POST", "/lab/targets/web-1/kill");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r)["data"].toObject()["running"].toBool(), false);
        QVERIFY(!lab.target("web-1")->isRunning());
        QCOMPARE(call("POST", "/lab/targets/web-1/kill").status, 409); // already dead
        QCOMPARE(call("POST", "/lab/targets/web-1/start").status, 200);

        r = call("POST", "/lab/targets/web-1/slow", R"({"delay":"2s"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(lab.target("web-1")->fault(), TargetFault::Slow);
        QCOMPARE(lab.target("web-1")->faultParamMs(), 2000);
        QCOMPARE(call("POST", "/lab/targets/web-1/heal").status, 200);

        QCOMPARE(call("POST", "/lab/targets/nope/kill").status, 404);
        QCOMPARE(call("POST", "/lab/targets/web-1/explode").status, 404);
        QCOMPARE(call("POST", "/lab/targets/web-1/slow", "{bad").status, 400);
        QCOMPARE(call("POST", "/lab/targets/web-1/flap", R"({"period":"soon"})").status, 400);
        QCOMPARE(call("POST", "/lab/jobs/none/run").status, 404);
        QCOMPARE(call("POST", "/lab/gateway/delete", "{}").status, 400);

        // The one name rule (labname.h): a bad pod name or namespace is bad data.
        QCOMPARE(call("POST", "/lab/pods", R"({"name":"-p1"})").status, 400);
        QCOMPARE(call("POST", "/lab/pods", R"({"name":"p1","namespace":"a/b"})").status, 400);
        QVERIFY(!lab.pods()->find("default", "-p1"));
        r = call("POST", "/lab/pods",
                 R"({"name":"p1","annotations":{"prometheus.io/scrape":"true"}})");
        QCOMPARE(r.status, 200);
        QVERIFY(lab.pods()->find("default", "p1"));
        QCOMPARE(call("POST", "/lab/pods/p1/annotate", R"({"key":"a","value":"b"})").status, 200);
        QCOMPARE(lab.pods()->find("default", "p1")->annotations.value("a"), QByteArray("b"));
        QCOMPARE(call("POST", "/lab/pods/p1/remove").status, 200);
        QVERIFY(!lab.pods()->find("default", "p1"));

        QCOMPARE(call("POST", "/lab/pause").status, 200);
        QVERIFY(lab.isPaused());
        QCOMPARE(call("POST", "/lab/resume").status, 200);
        QCOMPARE(call("POST", "/lab/network/partition").status, 200);
        QVERIFY(lab.isPartitioned());
        QCOMPARE(call("POST", "/lab/network/heal").status, 200);

        r = call("POST", "/lab/targets/web-1/remove");
        QCOMPARE(r.status, 200);
        QVERIFY(!lab.target("web-1"));
        QCOMPARE(call("POST", "/lab/targets/web-1/remove").status, 404); // gone already
        QVERIFY(json(call("GET", "/lab/targets"))["data"].toArray().isEmpty());

        r = call("GET", "/lab/events?since=0");
        QCOMPARE(r.status, 200);
        const QJsonObject page = json(r)["data"].toObject();
        QVERIFY(page["events"].toArray().size() >= 5);
        const qint64 next = page["next"].toInteger();
        QCOMPARE(next, qint64(lab.events()->lastCursor()));
        r = call("GET", QStringLiteral("/lab/events?since=%1").arg(next));
        QCOMPARE(json(r)["data"].toObject()["events"].toArray().size(), 0);
        QCOMPARE(call("GET", "/lab/events?since=x").status, 400);
    }

    // pull-basics' TargetDown: a killed target goes pending at the first evaluation that sees
    // up == 0, fires 15 s later, and resolves when it is back; each step is an alert event,
    // and the lab server's /api/v1/alerts shows the firing alert.
    void killedTargetFiresTargetDownAndResolves() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        const ScenarioLoadResult r = loadScenarioByNameOrFile(QStringLiteral("pull-basics"));
        QVERIFY(r.scenario);
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        PPL_STEP(clock, lab, 10'000);
        QVERIFY(lab.killTarget("web-2", &error));
        const qint64 killedAt = clock.nowMs();
        PPL_STEP(clock, lab, 30'000);
        auto transitions = [&] {
            QStringList out;
            for (const LabEvent &e : lab.events()->since(0, 100000).events)
                if (const AlertEvent *a = e.as<AlertEvent>())
                    out << QString::fromUtf8(a->alert + ' ' +
                                             a->labels.value(QByteArrayView("instance")) + ' ' +
                                             rules::alertStateName(a->to));
            return out;
        };
        const QString web2 = QString::fromUtf8(lab.target("web-2")->address());
        QCOMPARE(transitions(), (QStringList{QStringLiteral("TargetDown %1 pending").arg(web2),
                                             QStringLiteral("TargetDown %1 firing").arg(web2)}));
        const auto reply = httpRequest("GET", lab.serverUrl().resolved(QUrl("/api/v1/alerts")));
        const QJsonArray alerts =
            QJsonDocument::fromJson(reply.body).object()["data"].toObject()["alerts"].toArray();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts[0].toObject()["state"].toString(), QStringLiteral("firing"));
        QCOMPARE(alerts[0].toObject()["annotations"].toObject()["summary"].toString(),
                 QStringLiteral("%1 of job nodejs_app is down").arg(web2));
        // Fired within for (15 s) + a scrape interval + an evaluation interval of the kill.
        for (const LabEvent &e : lab.events()->since(0, 100000).events)
            if (const AlertEvent *a = e.as<AlertEvent>(); a && a->to == rules::AlertState::Firing)
                QVERIFY(a->evaluatedAtMs - killedAt <= 15'000 + 5000 + 5000);

        QVERIFY(lab.startTarget("web-2", &error));
        PPL_STEP(clock, lab, 15'000);
        QCOMPARE(transitions().size(), 3);
        QCOMPARE(transitions().last(), QStringLiteral("TargetDown %1 inactive").arg(web2));
    }

    // Issue 12 §4: the honor-labels scenario scrapes the gateway both ways; the same pushed
    // sample is stored under the pushed job and instance, and (honor_labels false) under the
    // scrape job with the pushed ones kept as exported_job / exported_instance.
    void honorLabelsScenarioStoresThePushBothWays() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        const ScenarioLoadResult r = loadScenarioByNameOrFile(QStringLiteral("honor-labels"));
        QVERIFY(r.scenario);
        QSignalSpy pushed(&lab, &Lab::pushed);
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        // The job runs 2 s, then pushes over real HTTP: the clock waits for its answer (the
        // steps only wait for scrapes), else both gateway scrapes can come before the push.
        PPL_STEP(clock, lab, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        PPL_STEP(clock, lab, 10'000);
        QUrl url = lab.serverUrl().resolved(QUrl(QStringLiteral("/api/v1/query")));
        url.setQuery(QStringLiteral("query=job_records_processed_total"));
        const QJsonArray result = QJsonDocument::fromJson(httpRequest("GET", url).body)
                                      .object()["data"]
                                      .toObject()["result"]
                                      .toArray();
        QStringList seen;
        for (const QJsonValue &v : result) {
            const QJsonObject m = v.toObject()["metric"].toObject();
            QStringList labels;
            for (auto it = m.begin(); it != m.end(); ++it)
                if (it.key() != QLatin1String("__name__"))
                    labels << it.key() + QLatin1Char('=') + it.value().toString();
            seen << labels.join(QLatin1Char(','));
        }
        seen.sort();
        const QString gateway = lab.gatewayUrl().authority();
        QCOMPARE(seen, (QStringList{QStringLiteral("exported_instance=exporter-1,exported_job="
                                                   "nightly_export,instance=%1,job=pushgateway-"
                                                   "plain")
                                        .arg(gateway),
                                    QStringLiteral("instance=exporter-1,job=nightly_export")}));
    }

    void everyBuiltInScenarioRunsAFewSimulatedSeconds_data() {
        QTest::addColumn<QString>("name");
        for (const ScenarioInfo &s : builtInScenarios())
            QTest::addRow("%s", qPrintable(s.name)) << s.name;
    }
    void everyBuiltInScenarioRunsAFewSimulatedSeconds() {
        QFETCH(QString, name);
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        const ScenarioLoadResult r = loadScenarioByNameOrFile(name);
        QVERIFY(r.scenario);
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        PPL_STEP(clock, lab, 16'000); // longer than every built-in scrape interval
        QVERIFY(lab.scrapeManager()->scrapesTotal() > 0);
        for (const LabEvent &e : lab.events()->since(0, 100000).events) {
            const bool failedAction =
                e.kind == LabEvent::Kind::Lab && e.message.contains(QLatin1String("failed"));
            const bool rejectedConfig = e.as<ConfigEvent>() && !e.as<ConfigEvent>()->ok;
            QVERIFY2(!failedAction && !rejectedConfig, qPrintable(e.message));
        }
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
