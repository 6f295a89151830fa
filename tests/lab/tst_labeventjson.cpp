#include "lab/labevent.h"

#include <QJsonDocument>
#include <QTest>

using namespace ppl;

Q_DECLARE_METATYPE(ppl::LabEventPayload)

namespace {

PushResult pushResult(PushMethod method, bool ok) {
    PushResult r;
    r.method = method;
    r.url = QUrl(QStringLiteral("http://127.0.0.1:9091/metrics/job/backup"));
    r.groupingKey = {{"job", "backup"}, {"instance", "db-1"}};
    r.ok = ok;
    r.status = ok ? 200 : 400;
    r.reason = ok ? QString() : QStringLiteral("pushed metrics are invalid");
    r.durationMs = 4;
    r.bytes = ok ? 120 : 0;
    return r;
}

} // namespace

// The JSON of lab events, as /lab/events and the exported JSON lines carry it (documented in
// docs/scenarios.md): one row per payload shape, the whole line compared byte for byte, so a
// renamed key or a changed type fails here. The typed payloads inside the lab may change; this
// form may not.
class TestLabEventJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void json_data() {
        QTest::addColumn<QByteArray>("subject");
        QTest::addColumn<LabEventPayload>("payload");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");

        ScrapeEvent up;
        up.job = "app";
        up.instance = "127.0.0.1:41000";
        up.url = QStringLiteral("http://127.0.0.1:41000/metrics");
        up.startMs = 1250;
        up.durationMs = 3;
        up.health = TargetHealth::Up;
        up.httpStatus = 200;
        up.samples = 42;
        up.bytes = 2048;
        up.format = ScrapeFormat::OpenMetricsText1_0_0;
        QTest::newRow("scrape up")
            << QByteArray("web-1") << LabEventPayload(up)
            << QByteArray("{\"cursor\":7,\"data\":{\"bytes\":2048,\"durationMs\":3,\"error\":\"\","
                          "\"format\":\"OpenMetricsText1.0.0\","
                          "\"health\":\"up\",\"instance\":\"127.0.0.1:41000\",\"job\":\"app\","
                          "\"samples\":42,\"start\":1.25,\"status\":200,\"url\":\"http://"
                          "127.0.0.1:41000/metrics\"},\"kind\":\"scrape\",\"message\":\"scraped "
                          "web-1 (app): 42 samples in 3 ms\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("scraped web-1 (app): 42 samples in 3 ms");
        ScrapeEvent down = up;
        down.health = TargetHealth::Down;
        down.httpStatus = 0;
        down.samples = 0;
        down.bytes = 0;
        down.format = ScrapeFormat::None;
        down.error = QStringLiteral("context deadline exceeded");
        QTest::newRow("scrape down")
            << QByteArray("web-1") << LabEventPayload(down)
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"bytes\":0,\"durationMs\":3,\"error\":\"context "
                   "deadline "
                   "exceeded\",\"format\":\"\",\"health\":\"down\",\"instance\":\"127.0.0.1:"
                   "41000\",\"job\":"
                   "\"app\",\"samples\":0,\"start\":1.25,\"status\":0,\"url\":\"http://"
                   "127.0.0.1:41000/metrics\"},\"kind\":\"scrape\",\"message\":\"scrape of web-1 "
                   "(app) failed: context deadline exceeded\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("scrape of web-1 (app) failed: context deadline exceeded");

        QTest::newRow("push from a job")
            << QByteArray("backup")
            << LabEventPayload(PushEvent{PushEvent::From::Job, pushResult(PushMethod::Put, true)})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"bytes\":120,\"durationMs\":4,\"from\":\"job\","
                   "\"groupingKey\":{\"instance\":\"db-1\",\"job\":\"backup\"},\"method\":\"PUT\","
                   "\"ok\":true,\"reason\":\"\",\"status\":200,\"url\":\"http://127.0.0.1:9091/"
                   "metrics/job/backup\"},\"kind\":\"push\",\"message\":\"backup pushed to "
                   "job=backup,instance=db-1: 200\",\"subject\":\"backup\",\"time\":1.5}")
            << QStringLiteral("backup pushed to job=backup,instance=db-1: 200");
        QTest::newRow("delete from a job, rejected")
            << QByteArray("backup")
            << LabEventPayload(
                   PushEvent{PushEvent::From::Job, pushResult(PushMethod::Delete, false)})
            << QByteArray("{\"cursor\":7,\"data\":{\"bytes\":0,\"durationMs\":4,\"from\":\"job\","
                          "\"groupingKey\":{\"instance\":\"db-1\",\"job\":\"backup\"},\"method\":"
                          "\"DELETE\",\"ok\":false,\"reason\":\"pushed metrics are "
                          "invalid\",\"status\":400,\"url\":\"http://127.0.0.1:9091/metrics/job/"
                          "backup\"},\"kind\":\"push\",\"message\":\"backup's delete of "
                          "job=backup,instance=db-1 failed: pushed metrics are "
                          "invalid\",\"subject\":\"backup\",\"time\":1.5}")
            << QStringLiteral("backup's delete of job=backup,instance=db-1 failed: pushed metrics "
                              "are invalid");
        QTest::newRow("push from a target")
            << QByteArray("edge")
            << LabEventPayload(
                   PushEvent{PushEvent::From::Target, pushResult(PushMethod::Post, true)})
            << QByteArray("{\"cursor\":7,\"data\":{\"bytes\":120,\"durationMs\":4,\"from\":"
                          "\"target\",\"groupingKey\":{\"instance\":\"db-1\",\"job\":\"backup\"},"
                          "\"method\":\"POST\",\"ok\":true,\"reason\":\"\",\"status\":200},"
                          "\"kind\":\"push\",\"message\":\"edge pushed POST to "
                          "job=backup,instance=db-1: 200\",\"subject\":\"edge\",\"time\":1.5}")
            << QStringLiteral("edge pushed POST to job=backup,instance=db-1: 200");

        GatewayEvent accepted{
            QStringLiteral("PUT"), QStringLiteral("job=\"x\""), 200, true, {}, "curl/7.88.1", true};
        QTest::newRow("gateway accepted")
            << QByteArray("job=\"x\"") << LabEventPayload(accepted)
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"client\":\"external\",\"group\":\"job=\\\"x\\\"\","
                   "\"method\":\"PUT\",\"ok\":true,\"status\":200,\"userAgent\":\"curl/"
                   "7.88.1\"},\"kind\":\"gateway\",\"message\":\"gateway: PUT job=\\\"x\\\" "
                   "accepted (200)\",\"subject\":\"job=\\\"x\\\"\",\"time\":1.5}")
            << QStringLiteral("gateway: PUT job=\"x\" accepted (200)");
        GatewayEvent rejected{QStringLiteral("POST"),
                              QStringLiteral("job=\"x\""),
                              400,
                              false,
                              QStringLiteral("bad"),
                              "pullpush-lab",
                              false};
        QTest::newRow("gateway rejected")
            << QByteArray("job=\"x\"") << LabEventPayload(rejected)
            << QByteArray("{\"cursor\":7,\"data\":{\"client\":\"lab\",\"group\":\"job=\\\"x\\\"\","
                          "\"method\":\"POST\",\"ok\":false,\"reason\":\"bad\",\"status\":400,"
                          "\"userAgent\":\"pullpush-lab\"},\"kind\":\"gateway\",\"message\":"
                          "\"gateway: POST job=\\\"x\\\" rejected (400): "
                          "bad\",\"subject\":\"job=\\\"x\\\"\",\"time\":1.5}")
            << QStringLiteral("gateway: POST job=\"x\" rejected (400): bad");
        QTest::newRow("group deleted")
            << QByteArray("backup")
            << LabEventPayload(GatewayAdminEvent{
                   GatewayAdminEvent::Change::GroupDeleted, {{"job", "backup"}}, false, false})
            << QByteArray("{\"cursor\":7,\"data\":{\"groupingKey\":{\"job\":\"backup\"}},\"kind\":"
                          "\"gateway\",\"message\":\"group job=backup "
                          "deleted\",\"subject\":\"backup\",\"time\":1.5}")
            << QStringLiteral("group job=backup deleted");
        QTest::newRow("gateway restarted")
            << QByteArray()
            << LabEventPayload(
                   GatewayAdminEvent{GatewayAdminEvent::Change::Restarted, {}, true, true})
            << QByteArray("{\"cursor\":7,\"data\":{\"persistence\":true,\"persistenceFile\":true},"
                          "\"kind\":\"gateway\",\"message\":\"gateway restarted; groups reloaded "
                          "from its persistence file\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("gateway restarted; groups reloaded from its persistence file");
        QTest::newRow("gateway persistence")
            << QByteArray()
            << LabEventPayload(GatewayAdminEvent{
                   GatewayAdminEvent::Change::PersistenceChanged, {}, false, false})
            << QByteArray("{\"cursor\":7,\"data\":{\"persistence\":false},\"kind\":\"gateway\","
                          "\"message\":\"gateway persistence off: it takes effect when the gateway "
                          "restarts\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("gateway persistence off: it takes effect when the gateway restarts");

        QTest::newRow("target started")
            << QByteArray("web-1")
            << LabEventPayload(TargetEvent{TargetEvent::Change::Started, true, true,
                                           TargetFault::None, 0, 41000})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"fault\":\"none\",\"faultParamMs\":0,\"listening\":"
                   "true,\"port\":41000,\"running\":true},\"kind\":\"target\",\"message\":\"web-1 "
                   "started on port 41000\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("web-1 started on port 41000");
        QTest::newRow("target slow")
            << QByteArray("web-1")
            << LabEventPayload(TargetEvent{TargetEvent::Change::Faulted, true, true,
                                           TargetFault::Slow, 3000, 41000})
            << QByteArray("{\"cursor\":7,\"data\":{\"fault\":\"slow\",\"faultParamMs\":3000,"
                          "\"listening\":true,\"port\":41000,\"running\":true},\"kind\":\"target\","
                          "\"message\":\"web-1: fault slow\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("web-1: fault slow");
        TargetEvent removed;
        removed.change = TargetEvent::Change::Removed;
        QTest::newRow("target removed")
            << QByteArray("web-1") << LabEventPayload(removed)
            << QByteArray("{\"cursor\":7,\"data\":{},\"kind\":\"target\",\"message\":\"target "
                          "web-1 removed\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("target web-1 removed");

        QTest::newRow("job started")
            << QByteArray("backup") << LabEventPayload(JobEvent{3, JobRunState::Running, 0, 0, 0})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"run\":3,\"state\":\"running\"},\"kind\":\"job\","
                   "\"message\":\"backup run 3 started\",\"subject\":\"backup\",\"time\":1.5}")
            << QStringLiteral("backup run 3 started");
        QTest::newRow("job failed")
            << QByteArray("backup")
            << LabEventPayload(JobEvent{3, JobRunState::Failed, 2, 1500, 12.5})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"durationMs\":1500,\"exitCode\":2,\"records\":12.5,"
                   "\"run\":3,\"state\":\"failed\"},\"kind\":\"job\",\"message\":\"backup run 3 "
                   "failed (exit code 2)\",\"subject\":\"backup\",\"time\":1.5}")
            << QStringLiteral("backup run 3 failed (exit code 2)");

        QTest::newRow("pod added")
            << QByteArray("api-0")
            << LabEventPayload(PodEvent{PodEvent::Change::Added, "shop", 41001, {}, {}})
            << QByteArray("{\"cursor\":7,\"data\":{\"namespace\":\"shop\",\"port\":41001},\"kind\":"
                          "\"pod\",\"message\":\"pod shop/api-0 added (port "
                          "41001)\",\"subject\":\"api-0\",\"time\":1.5}")
            << QStringLiteral("pod shop/api-0 added (port 41001)");
        QTest::newRow("pod removed")
            << QByteArray("api-0")
            << LabEventPayload(PodEvent{PodEvent::Change::Removed, "shop", 0, {}, {}})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{\"namespace\":\"shop\"},\"kind\":\"pod\",\"message\":"
                   "\"pod shop/api-0 removed\",\"subject\":\"api-0\",\"time\":1.5}")
            << QStringLiteral("pod shop/api-0 removed");
        QTest::newRow("pod annotated")
            << QByteArray("api-0")
            << LabEventPayload(
                   PodEvent{PodEvent::Change::Annotated, "shop", 0, "prometheus.io/scrape", "true"})
            << QByteArray("{\"cursor\":7,\"data\":{\"key\":\"prometheus.io/"
                          "scrape\",\"namespace\":\"shop\",\"value\":\"true\"},\"kind\":\"pod\","
                          "\"message\":\"pod shop/api-0: "
                          "prometheus.io/scrape=true\",\"subject\":\"api-0\",\"time\":1.5}")
            << QStringLiteral("pod shop/api-0: prometheus.io/scrape=true");

        QTest::newRow("config loaded")
            << QByteArray() << LabEventPayload(ConfigEvent{true, {}, {}})
            << QByteArray("{\"cursor\":7,\"data\":{\"ok\":true},\"kind\":\"config\",\"message\":"
                          "\"configuration loaded\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("configuration loaded");
        QTest::newRow("config rejected")
            << QByteArray()
            << LabEventPayload(ConfigEvent{false, QStringLiteral("line 3: bad"), {}})
            << QByteArray("{\"cursor\":7,\"data\":{\"error\":\"line 3: "
                          "bad\",\"ok\":false},\"kind\":\"config\",\"message\":\"configuration "
                          "rejected: line 3: bad\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("configuration rejected: line 3: bad");
        QTest::newRow("config without a target rejected")
            << QByteArray("web-1")
            << LabEventPayload(ConfigEvent{false, QStringLiteral("bad"), QStringLiteral("web-1")})
            << QByteArray(
                   "{\"cursor\":7,\"data\":{},\"kind\":\"config\",\"message\":\"configuration "
                   "without web-1 rejected: bad\",\"subject\":\"web-1\",\"time\":1.5}")
            << QStringLiteral("configuration without web-1 rejected: bad");

        QTest::newRow("partitioned")
            << QByteArray()
            << LabEventPayload(LabStateEvent{LabStateEvent::Change::Partitioned, {}, {}, {}, {}})
            << QByteArray("{\"cursor\":7,\"data\":{\"partitioned\":true},\"kind\":\"lab\","
                          "\"message\":\"network partitioned: scrapes and pushes cannot get "
                          "through\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("network partitioned: scrapes and pushes cannot get through");
        QTest::newRow("paused")
            << QByteArray()
            << LabEventPayload(LabStateEvent{LabStateEvent::Change::Paused, {}, {}, {}, {}})
            << QByteArray("{\"cursor\":7,\"data\":{},\"kind\":\"lab\",\"message\":\"lab "
                          "paused\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("lab paused");
        QTest::newRow("scenario started")
            << QByteArray()
            << LabEventPayload(LabStateEvent{
                   LabStateEvent::Change::ScenarioStarted, QStringLiteral("hybrid"), {}, {}, {}})
            << QByteArray("{\"cursor\":7,\"data\":{\"scenario\":\"hybrid\"},\"kind\":\"lab\","
                          "\"message\":\"scenario hybrid started\",\"subject\":\"\",\"time\":1.5}")
            << QStringLiteral("scenario hybrid started");
        QTest::newRow("scenario action failed")
            << QByteArray("web-9")
            << LabEventPayload(LabStateEvent{LabStateEvent::Change::ScenarioActionFailed,
                                             {},
                                             QStringLiteral("actions[0]"),
                                             QStringLiteral("kill_target"),
                                             QStringLiteral("no target named \"web-9\"")})
            << QByteArray("{\"cursor\":7,\"data\":{},\"kind\":\"lab\",\"message\":\"scenario "
                          "action actions[0] (kill_target) failed: no target named "
                          "\\\"web-9\\\"\",\"subject\":\"web-9\",\"time\":1.5}")
            << QStringLiteral("scenario action actions[0] (kill_target) failed: no target named "
                              "\"web-9\"");
        QTest::newRow("alert firing")
            << QByteArray("TargetDown")
            << LabEventPayload(AlertEvent{
                   "TargetDown", "pull-basics", QStringLiteral("s#rules"),
                   Labels::of(
                       {{"alertname", "TargetDown"}, {"instance", "web-2"}, {"job", "nodejs_app"}}),
                   rules::AlertState::Pending, rules::AlertState::Firing, 0, 1500})
            << QByteArray("{\"cursor\":7,\"data\":{\"alert\":\"TargetDown\",\"evaluatedAt\":1500,"
                          "\"file\":\"s#rules\",\"from\":\"pending\",\"group\":\"pull-basics\","
                          "\"labels\":{\"alertname\":\"TargetDown\",\"instance\":\"web-2\","
                          "\"job\":\"nodejs_app\"},\"to\":\"firing\",\"value\":0},\"kind\":"
                          "\"alert\",\"message\":\"alert TargetDown {instance=web-2, "
                          "job=nodejs_app}: pending → firing\",\"subject\":\"TargetDown\","
                          "\"time\":1.5}")
            << QStringLiteral(
                   "alert TargetDown {instance=web-2, job=nodejs_app}: pending → firing");
        QTest::newRow("alert resolved")
            << QByteArray("TargetDown")
            << LabEventPayload(AlertEvent{"TargetDown", "g", QStringLiteral("r.yml"),
                                          Labels::of({{"alertname", "TargetDown"}}),
                                          rules::AlertState::Firing, rules::AlertState::Inactive,
                                          qQNaN(), 1500})
            << QByteArray("{\"cursor\":7,\"data\":{\"alert\":\"TargetDown\",\"evaluatedAt\":1500,"
                          "\"file\":\"r.yml\",\"from\":\"firing\",\"group\":\"g\","
                          "\"labels\":{\"alertname\":\"TargetDown\"},\"to\":\"inactive\","
                          "\"value\":\"NaN\"},\"kind\":\"alert\",\"message\":\"alert TargetDown "
                          "{} resolved (was firing)\",\"subject\":\"TargetDown\",\"time\":1.5}")
            << QStringLiteral("alert TargetDown {} resolved (was firing)");
    }
    void json() {
        QFETCH(QByteArray, subject);
        QFETCH(LabEventPayload, payload);
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        LabEvent e = LabEvent::make(1500, subject, payload);
        e.cursor = 7;
        QCOMPARE(e.message, message);
        QCOMPARE(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact), json);
    }
};

QTEST_GUILESS_MAIN(TestLabEventJson)
#include "tst_labeventjson.moc"
