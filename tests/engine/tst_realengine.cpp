// --engine real (issue 17): the lab's simulated world on Debian's real prometheus,
// prometheus-pushgateway and prometheus-alertmanager, started as child processes.
#include "engine/childserver.h"
#include "engine/engineconfig.h"
#include "engine/realengine.h"
#include "engine/reallab.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "realpeer.h"
#include "sim/realexporter.h"
#include "sim/simulatedtarget.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <cerrno>
#include <memory>
#include <signal.h>

using namespace ppl;
using namespace ppl::engine;
using ppl::test::httpRequest;

namespace {

// Everything at 1 s so a case takes seconds: web-1 scraped, a job that pushes at once, an
// alert on web-1 being down that fires after 1 s.
const QByteArray FastScenario = R"(
name: real-fast
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
    evaluation_interval: 1s
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
targets:
  - name: web-1
    profile: service
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: database_backup, instance: db-1}
    every: 60s
    run_at_start: true
rules: |
  groups:
    - name: fast
      interval: 1s
      rules:
        - alert: WebDown
          expr: up{job="app"} == 0
          for: 1s
          labels: {severity: page}
)";

bool installed(QString *missing) {
    for (const char *p : {"/usr/bin/prometheus", "/usr/bin/prometheus-pushgateway",
                          "/usr/bin/prometheus-alertmanager"})
        if (!QFileInfo(QString::fromLatin1(p)).isExecutable()) {
            *missing = QString::fromLatin1(p);
            return false;
        }
    return true;
}

#define REQUIRE_BINARIES()                                                                         \
    do {                                                                                           \
        QString missing;                                                                           \
        if (!installed(&missing))                                                                  \
            QSKIP(qPrintable(missing + QStringLiteral(" is not installed (apt install prometheus " \
                                                      "prometheus-pushgateway "                    \
                                                      "prometheus-alertmanager)")));               \
    } while (false)

Scenario scenarioOf(const QByteArray &yaml) {
    const ScenarioLoadResult r = loadScenario(yaml, QStringLiteral("test.yaml"));
    if (r.error)
        qFatal("test scenario: %s", qPrintable(r.error->toString()));
    return *r.scenario;
}

QJsonObject getJson(const QUrl &url) {
    const test::HttpReply r = httpRequest("GET", url, {}, {}, 3000);
    return r.status == 200 ? QJsonDocument::fromJson(r.body).object() : QJsonObject();
}

// The real Prometheus's view of a target, by instance: its health ("up", "down", "unknown").
QString healthOf(const QUrl &prometheus, const QByteArray &instance) {
    const QJsonObject o = getJson(prometheus.resolved(QUrl(QStringLiteral("/api/v1/targets"))));
    for (const QJsonValue &t : o[u"data"][u"activeTargets"].toArray())
        if (t[u"labels"][u"instance"].toString().toUtf8() == instance)
            return t[u"health"].toString();
    return {};
}

// The state of an alert by name in the real Prometheus's /api/v1/alerts ("" when absent).
QString alertState(const QUrl &prometheus, const QString &name) {
    const QJsonObject o = getJson(prometheus.resolved(QUrl(QStringLiteral("/api/v1/alerts"))));
    for (const QJsonValue &a : o[u"data"][u"alerts"].toArray())
        if (a[u"labels"][u"alertname"].toString() == name)
            return a[u"state"].toString();
    return {};
}

bool postLab(const RealLab &run, const QString &path) {
    return httpRequest("POST", run.labUrl().resolved(QUrl(path)), "{}",
                       {{"Content-Type", "application/json"}}, 3000)
               .status == 200;
}

} // namespace

class TestRealEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void missingBinary_data();
    void missingBinary();
    void renderKeepsTheTextAndAddsRuleFilesAndAlerting();
    void renderRewritesOwnRuleFilesAbsolute();
    void scenarioEngineKey();
    void everyBuiltInScenarioStarts_data();
    void everyBuiltInScenarioStarts();
    void builtInScenarioKillShowsDownInRealPrometheus();
    void pushReachesRealGatewayAndPrometheus();
    void gatewayOperationsReachTheRealGateway();
    void alertFiresInRealPrometheus();
    void rejectedReloadReturnsPrometheusError();
    void childDeathIsReportedAndRestartWorks();
    void takenPortIsRetriedOnAnother();
    void destructionStopsTheChild();
};

void TestRealEngine::missingBinary_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("package");
    QTest::addRow("prometheus") << 0 << QStringLiteral("prometheus");
    QTest::addRow("pushgateway") << 1 << QStringLiteral("prometheus-pushgateway");
    QTest::addRow("alertmanager") << 2 << QStringLiteral("prometheus-alertmanager");
}

void TestRealEngine::missingBinary() {
    QFETCH(int, which);
    QFETCH(QString, package);
    const QString nowhere = QStringLiteral("/nonexistent/bin/") + package;
    RealEngineOptions o;
    o.alertmanager = true;
    (which == 0   ? o.prometheusProgram
     : which == 1 ? o.pushgatewayProgram
                  : o.alertmanagerProgram) = nowhere;
    RealEngine engine(o);
    QString error;
    QVERIFY(!engine.prepare(&error));
    QVERIFY2(error.contains(nowhere), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("install the Debian package ") + package),
             qPrintable(error));

    // Through the lab as well: nothing starts, the lab's port is not even opened.
    RealLabOptions ro;
    ro.engine = o;
    RealLab run(ro);
    QString why;
    Scenario s = scenarioOf(FastScenario);
    QVERIFY(!run.start(s, &why));
    QVERIFY2(why.contains(package), qPrintable(why));
}

void TestRealEngine::renderKeepsTheTextAndAddsRuleFilesAndAlerting() {
    EngineConfig c;
    c.prometheusYaml = "global:\n  scrape_interval: 1s\n# a comment kept\nscrape_configs: []";
    const QByteArray out =
        renderPrometheusConfig(c, {QStringLiteral("/d/rules-1.yml")}, "127.0.0.1:9093");
    QVERIFY2(out.startsWith(c.prometheusYaml + '\n'), out.constData()); // lines keep their numbers
    QVERIFY(out.contains("rule_files:\n  - '/d/rules-1.yml'\n"));
    QVERIFY(out.contains("alerting:\n  alertmanagers:\n"));
    QVERIFY(out.contains("- targets: ['127.0.0.1:9093']"));

    c.prometheusYaml = "alerting:\n  alertmanagers: []\n";
    const QByteArray own = renderPrometheusConfig(c, {}, "127.0.0.1:9093");
    QCOMPARE(own, c.prometheusYaml); // the configuration's own alerting wins

    c.ruleSources = {{QStringLiteral("x#rules"), "groups:\n- name: g\n  rules:\n  - alert: A\n"
                                                 "    expr: vector(1)\n"}};
    QVERIFY(hasAlertingRules(c));
    c.ruleSources = {{QStringLiteral("x#rules"), "groups:\n- name: g\n  rules:\n  - record: r\n"
                                                 "    expr: vector(1)\n"}};
    QVERIFY(!hasAlertingRules(c));
}

void TestRealEngine::renderRewritesOwnRuleFilesAbsolute() {
    EngineConfig c;
    c.baseDir = QStringLiteral("/course/week1");
    c.prometheusYaml = "rule_files: ['alerts.yml', '/abs/other.yml']\n";
    const QByteArray out = renderPrometheusConfig(c, {QStringLiteral("/d/rules-1.yml")}, {});
    QVERIFY2(out.contains("/course/week1/alerts.yml"), out.constData());
    QVERIFY(out.contains("/abs/other.yml"));
    QVERIFY(out.contains("/d/rules-1.yml"));
    QCOMPARE(out.count("rule_files"), 1);
}

void TestRealEngine::scenarioEngineKey() {
    ScenarioLoadResult r = loadScenario("name: x\nengine: real\n", QStringLiteral("s.yaml"));
    QVERIFY(r.scenario);
    QCOMPARE(r.scenario->engine, QStringLiteral("real"));
    r = loadScenario("name: x\nengine: embedded\n", QStringLiteral("s.yaml"));
    QVERIFY(r.scenario);
    QCOMPARE(r.scenario->engine, QStringLiteral("embedded"));
    r = loadScenario("name: x\ndescription: y\nengine: docker\n", QStringLiteral("s.yaml"));
    QVERIFY(r.error);
    QCOMPARE(r.error->line, 3);
    QCOMPARE(r.error->path, QStringLiteral("engine"));
    QVERIFY2(r.error->message.contains(QStringLiteral("real or embedded")),
             qPrintable(r.error->message));
}

void TestRealEngine::everyBuiltInScenarioStarts_data() {
    QTest::addColumn<QString>("name");
    for (const ScenarioInfo &s : builtInScenarios())
        QTest::addRow("%s", qPrintable(s.name)) << s.name;
}

// Each built-in scenario comes up on the real binaries, Prometheus takes its configuration,
// and every target of the lab's that it names is one of the real Prometheus's targets
// (discovered pods included, kept or dropped by the scenario's relabelling).
void TestRealEngine::everyBuiltInScenarioStarts() {
    REQUIRE_BINARIES();
    QFETCH(QString, name);
    const ScenarioLoadResult loaded = loadScenarioByNameOrFile(name);
    QVERIFY(loaded.scenario);
    for (const ExporterSpec &e : loaded.scenario->exporters)
        if (!QFileInfo(RealExporter::defaultProgram(e.kind)).isExecutable())
            QSKIP(qPrintable(RealExporter::debianPackage(e.kind) +
                             QStringLiteral(" is not installed")));
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(*loaded.scenario, &error, 30000), qPrintable(error));
    const QUrl prometheus = run.engine()->serverUrl();
    const QJsonObject info =
        getJson(prometheus.resolved(QUrl(QStringLiteral("/api/v1/status/runtimeinfo"))));
    QCOMPARE(info[u"data"][u"reloadConfigSuccess"].toBool(), true);
    const QByteArray config = getJson(prometheus.resolved(
        QUrl(QStringLiteral("/api/v1/status/config"))))[u"data"][u"yaml"]
                                  .toString()
                                  .toUtf8();
    QSet<QByteArray> expected;
    for (SimulatedTarget *t : run.lab()->targets())
        if (config.contains(t->address()) || run.lab()->isPod(t->name()))
            expected.insert(t->address());
    if (loaded.scenario->prometheusYaml.contains("{{gateway}}"))
        expected.insert(run.engine()->gatewayUrl().authority().toUtf8());
    const auto known = [&] {
        const QJsonObject o = getJson(prometheus.resolved(QUrl(QStringLiteral("/api/v1/targets"))));
        QSet<QByteArray> seen;
        for (const char *kind : {"activeTargets", "droppedTargets"})
            for (const QJsonValue &t : o[u"data"][QLatin1String(kind)].toArray())
                seen.insert(t[u"discoveredLabels"][u"__address__"].toString().toUtf8());
        return seen;
    };
    QTRY_VERIFY_WITH_TIMEOUT(known().contains(expected), 15000);
    QVERIFY(!expected.isEmpty());
}

void TestRealEngine::builtInScenarioKillShowsDownInRealPrometheus() {
    REQUIRE_BINARIES();
    const ScenarioLoadResult loaded = loadScenarioByNameOrFile(QStringLiteral("pull-basics"));
    QVERIFY(loaded.scenario);
    RealLab run;
    QString error;
    QElapsedTimer t;
    t.start();
    QVERIFY2(run.startAndWait(*loaded.scenario, &error, 30000), qPrintable(error));
    qInfo("pull-basics up on the real engine in %lld ms", qint64(t.elapsed()));
    QVERIFY(run.engine()->alertmanagerUrl().isValid()); // it has alerting rules
    const QUrl prometheus = run.engine()->serverUrl();
    const QByteArray web2 = run.lab()->target("web-2")->address();
    // pull-basics scrapes every 5 s: both states are seen within two intervals.
    QTRY_COMPARE_WITH_TIMEOUT(healthOf(prometheus, web2), QStringLiteral("up"), 12000);
    QVERIFY(postLab(run, QStringLiteral("/lab/targets/web-2/kill")));
    QTRY_COMPARE_WITH_TIMEOUT(healthOf(prometheus, web2), QStringLiteral("down"), 12000);
    QCOMPARE(healthOf(prometheus, run.lab()->target("web-1")->address()), QStringLiteral("up"));
}

void TestRealEngine::pushReachesRealGatewayAndPrometheus() {
    REQUIRE_BINARIES();
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(scenarioOf(FastScenario), &error, 30000), qPrintable(error));
    // The lab's job pushed to the real gateway (run_at_start; the gateway answered first).
    QCOMPARE(run.lab()->gatewayUrl(), run.engine()->gatewayUrl());
    const QUrl metrics =
        run.engine()->gatewayUrl().resolved(QUrl(QStringLiteral("/api/v1/metrics")));
    QTRY_VERIFY_WITH_TIMEOUT(
        httpRequest("GET", metrics, {}, {}, 3000).body.contains("database_backup"), 10000);
    // Scraped from the gateway with honor_labels: the pushed job label is kept.
    QTRY_COMPARE_WITH_TIMEOUT(
        test::instantQuery(run.engine()->serverUrl(),
                           QStringLiteral("push_time_seconds{job=\"database_backup\"}"))
            .size(),
        1, 10000);
    // The gateway and web-1, both scraped by the real Prometheus.
    QTRY_COMPARE_WITH_TIMEOUT(
        test::instantQuery(run.engine()->serverUrl(), QStringLiteral("up == 1")).size(), 2, 10000);
}

void TestRealEngine::gatewayOperationsReachTheRealGateway() {
    REQUIRE_BINARIES();
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(scenarioOf(FastScenario), &error, 30000), qPrintable(error));
    const QUrl metrics =
        run.engine()->gatewayUrl().resolved(QUrl(QStringLiteral("/api/v1/metrics")));
    const auto holdsBackup = [&] {
        return httpRequest("GET", metrics, {}, {}, 3000).body.contains("database_backup");
    };
    QTRY_VERIFY_WITH_TIMEOUT(holdsBackup(), 10000);
    // Restarted keeping its persistence: the real gateway reads the group back.
    QSignalSpy back(run.engine(), &RealEngine::childReady);
    QVERIFY2(run.lab()->restartGateway(true, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 15000);
    QVERIFY(holdsBackup());
    // Deleted through the lab (the window's and /lab/gateway/delete's operation).
    QVERIFY2(run.lab()->deleteGroup({{"job", "database_backup"}, {"instance", "db-1"}}, &error),
             qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!holdsBackup(), 10000);
    // Pushed again, then a restart without persistence: it comes back empty.
    QVERIFY(run.lab()->runJob("backup", &error));
    QTRY_VERIFY_WITH_TIMEOUT(holdsBackup(), 10000);
    QVERIFY2(run.lab()->restartGateway(false, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 2, 15000);
    QVERIFY(!holdsBackup());
}

void TestRealEngine::alertFiresInRealPrometheus() {
    REQUIRE_BINARIES();
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(scenarioOf(FastScenario), &error, 30000), qPrintable(error));
    const QUrl prometheus = run.engine()->serverUrl();
    QTRY_COMPARE_WITH_TIMEOUT(healthOf(prometheus, run.lab()->target("web-1")->address()),
                              QStringLiteral("up"), 10000);
    QCOMPARE(alertState(prometheus, QStringLiteral("WebDown")), QString());
    QVERIFY(postLab(run, QStringLiteral("/lab/targets/web-1/kill")));
    QTRY_COMPARE_WITH_TIMEOUT(alertState(prometheus, QStringLiteral("WebDown")),
                              QStringLiteral("firing"), 15000);
    // …and sent on to the real Alertmanager.
    const QUrl am =
        run.engine()->alertmanagerUrl().resolved(QUrl(QStringLiteral("/api/v2/alerts")));
    QTRY_VERIFY_WITH_TIMEOUT(httpRequest("GET", am, {}, {}, 3000).body.contains("WebDown"), 15000);
}

void TestRealEngine::rejectedReloadReturnsPrometheusError() {
    REQUIRE_BINARIES();
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(scenarioOf(FastScenario), &error, 30000), qPrintable(error));
    // Directly: Prometheus's own words come back.
    std::optional<std::pair<bool, QString>> outcome;
    EngineConfig bad;
    bad.prometheusYaml = "scrape_configs:\n  - job_name: x\n    scrape_intervall: 1s\n";
    run.engine()->reload(bad, this, [&](bool ok, const QString &why) { outcome = {ok, why}; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
    QVERIFY(!outcome->first);
    QVERIFY2(outcome->second.contains(QStringLiteral("failed to reload config")),
             qPrintable(outcome->second));
    QVERIFY2(outcome->second.contains(QStringLiteral("field scrape_intervall not found")),
             qPrintable(outcome->second));
    // Through the lab (a config edit in the window or /lab/config/reload): configApplied tells.
    QSignalSpy applied(run.engine(), &RealEngine::configApplied);
    QVERIFY(run.lab()->reloadConfig("global: {scrape_interval: 1s}\nscrape_configs:\n"
                                    "  - job_name: app\n    honor_labelz: true\n"));
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, 10000);
    QCOMPARE(applied.at(0).at(0).toBool(), false);
    QVERIFY2(applied.at(0).at(1).toString().contains(QStringLiteral("honor_labelz")),
             qPrintable(applied.at(0).at(1).toString()));
    // …and in the lab's event log, in Prometheus's words.
    const EventLog::Page page = run.lab()->events()->since(0, 100000);
    const auto rejected =
        std::find_if(page.events.begin(), page.events.end(), [](const LabEvent &e) {
            const ConfigEvent *c = e.as<ConfigEvent>();
            return c && !c->ok && c->error.contains(QStringLiteral("honor_labelz"));
        });
    QVERIFY(rejected != page.events.end());
    // A good one is taken: the running configuration says so.
    QVERIFY(run.lab()->reloadConfig("global: {scrape_interval: 1s}\nscrape_configs:\n"
                                    "  - job_name: renamed\n    static_configs:\n"
                                    "      - targets: ['{{target:web-1}}']\n"));
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 2, 10000);
    QCOMPARE(applied.at(1).at(0).toBool(), true);
    const QJsonObject config =
        getJson(run.engine()->serverUrl().resolved(QUrl(QStringLiteral("/api/v1/status/config"))));
    QVERIFY(config[u"data"][u"yaml"].toString().contains(QStringLiteral("job_name: renamed")));
}

void TestRealEngine::childDeathIsReportedAndRestartWorks() {
    REQUIRE_BINARIES();
    RealLab run;
    QString error;
    QVERIFY2(run.startAndWait(scenarioOf(FastScenario), &error, 30000), qPrintable(error));
    QSignalSpy died(run.engine(), &RealEngine::childDied);
    ChildServer *prometheus = run.engine()->child(RealEngine::Child::Prometheus);
    const qint64 pid = prometheus->processId();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(died.size(), 1, 10000);
    QCOMPARE(died.at(0).at(0).value<RealEngine::Child>(), RealEngine::Child::Prometheus);
    const QString message = died.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("prometheus")) &&
                 message.contains(QStringLiteral("killed by signal 9")),
             qPrintable(message));
    QCOMPARE(prometheus->state(), ChildServer::State::Failed);

    // Restarted on its port, with its data: it answers again.
    QSignalSpy back(run.engine(), &RealEngine::childReady);
    const quint16 port = prometheus->port();
    QVERIFY2(run.engine()->restart(RealEngine::Child::Prometheus, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 20000);
    QCOMPARE(prometheus->port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(
        test::instantQuery(run.engine()->serverUrl(), QStringLiteral("up{job=\"app\"}")).size(), 1,
        10000);

    // A child that exits with a code: the code and the last lines of what it printed.
    ChildSpec spec;
    spec.name = QStringLiteral("prometheus");
    spec.program = QStringLiteral("/usr/bin/prometheus");
    spec.args = {QStringLiteral("--no-such-flag")};
    ChildServer broken(spec);
    QSignalSpy failed(&broken, &ChildServer::failed);
    QVERIFY(broken.start(&error));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    const QString why = failed.at(0).at(0).toString();
    QVERIFY2(why.contains(QStringLiteral("exited with code")) &&
                 why.contains(QStringLiteral("no-such-flag")),
             qPrintable(why));
}

void TestRealEngine::takenPortIsRetriedOnAnother() {
    REQUIRE_BINARIES();
    ChildSpec spec;
    spec.name = QStringLiteral("prometheus-pushgateway");
    spec.program = QStringLiteral("/usr/bin/prometheus-pushgateway");
    ChildServer gateway(spec);
    const quint16 reserved = gateway.reservePort();
    QVERIFY(reserved != 0);
    // Someone else binds the port between our probe and the child's own bind.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, reserved));
    QSignalSpy moved(&gateway, &ChildServer::portChanged);
    QSignalSpy ready(&gateway, &ChildServer::ready);
    QString error;
    QVERIFY2(gateway.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 15000);
    QCOMPARE(moved.size(), 1);
    QVERIFY(gateway.port() != reserved);
    QCOMPARE(moved.at(0).at(0).value<quint16>(), gateway.port());
    QCOMPARE(httpRequest("GET", gateway.url().resolved(QUrl(QStringLiteral("/-/ready")))).status,
             200);
}

void TestRealEngine::destructionStopsTheChild() {
    REQUIRE_BINARIES();
    ChildSpec spec;
    spec.name = QStringLiteral("prometheus-pushgateway");
    spec.program = QStringLiteral("/usr/bin/prometheus-pushgateway");
    auto gateway = std::make_unique<ChildServer>(spec);
    QSignalSpy ready(gateway.get(), &ChildServer::ready);
    QVERIFY(gateway->start());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 15000);
    const pid_t pid = pid_t(gateway->processId());
    const QUrl url = gateway->url();
    QSignalSpy died(gateway.get(), &ChildServer::died);
    QElapsedTimer t;
    t.start();
    gateway.reset(); // SIGTERM (then kill after the grace period), and reaped
    qInfo("stopped in %lld ms", qint64(t.elapsed()));
    QCOMPARE(died.size(), 0); // a stop is no death
    QCOMPARE(::kill(pid, 0), -1);
    QCOMPARE(errno, ESRCH);
    QCOMPARE(
        httpRequest("GET", url.resolved(QUrl(QStringLiteral("/-/ready"))), {}, {}, 2000).status, 0);
}

QTEST_GUILESS_MAIN(TestRealEngine)
#include "tst_realengine.moc"
