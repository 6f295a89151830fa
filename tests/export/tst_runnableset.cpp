#include "export/runnableset.h"
#include "lab/lab.h"
#include "realpeer.h"
#include "sim/simulatedtarget.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace ppl;

namespace {

QByteArray fileOf(const RunnableSet &set, const QString &path) {
    for (const auto &[p, content] : set.files)
        if (p == path)
            return content;
    return {};
}

// Runs a Debian tool in dir: (exit code, what it printed).
std::pair<int, QString> run(const QString &program, const QStringList &args, const QString &dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60'000))
        return {-1, QStringLiteral("timed out")};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

YAML::Node jobNamed(const YAML::Node &config, const std::string &name) {
    for (const YAML::Node &job : config["scrape_configs"])
        if (job["job_name"].as<std::string>() == name)
            return job;
    return {};
}

} // namespace

class TestRunnableSet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Every built-in scenario, loaded and exported: prometheus.yml passes the real
    // `promtool check config` (which also loads the rule files it names), the rule files pass
    // `promtool check rules`, alertmanager.yml `amtool check-config`, and docker-compose.yml
    // is YAML with the services the set needs.
    void builtInScenariosPassTheRealTools_data() {
        QTest::addColumn<QString>("scenario");
        for (const ScenarioInfo &info : builtInScenarios())
            QTest::newRow(qPrintable(info.name)) << info.name;
    }
    void builtInScenariosPassTheRealTools() {
        QFETCH(QString, scenario);
        if (!test::RealPeer::available(QStringLiteral("promtool")))
            QSKIP("promtool is not installed");
        ManualClock clock;
        Lab lab({&clock});
        const ScenarioLoadResult loaded = loadScenarioByNameOrFile(scenario);
        QVERIFY(loaded.scenario);
        QString error;
        // The lab server too: monitor-the-monitoring scrapes it ({{server}}).
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error) != 0, qPrintable(error));
        QVERIFY2(lab.loadScenario(*loaded.scenario, &error), qPrintable(error));
        QTemporaryDir dir;
        RunnableSet set;
        QVERIFY2(exportWorld(lab, dir.path(), &error, &set), qPrintable(error));

        const auto [code, output] = run(
            QStringLiteral("promtool"),
            {QStringLiteral("check"), QStringLiteral("config"), QStringLiteral("prometheus.yml")},
            dir.path());
        QVERIFY2(code == 0, qPrintable(output + QString::fromUtf8(fileOf(set, "prometheus.yml"))));

        QStringList ruleFiles;
        for (const auto &[path, content] : set.files)
            if (path.startsWith(QLatin1String("rules/")))
                ruleFiles << path;
        QCOMPARE(ruleFiles.isEmpty(), lab.ruleSources().empty());
        if (!ruleFiles.isEmpty()) {
            const auto [rc, rout] =
                run(QStringLiteral("promtool"),
                    QStringList{QStringLiteral("check"), QStringLiteral("rules")} + ruleFiles,
                    dir.path());
            QVERIFY2(rc == 0, qPrintable(rout));
        }

        const YAML::Node compose = YAML::LoadFile(dir.filePath("docker-compose.yml").toStdString());
        const YAML::Node services = compose["services"];
        QVERIFY(services.IsMap());
        QVERIFY(services["prometheus"].IsMap());
        QVERIFY(services["pushgateway"].IsMap());
        QCOMPARE(bool(services["alertmanager"]), set.alertmanager);
        for (const char *s : {"prometheus", "pushgateway"})
            QCOMPARE(services[s]["network_mode"].as<std::string>(), std::string("host"));
        if (set.alertmanager) {
            QCOMPARE(services.size(), size_t(3));
            if (test::RealPeer::available(QStringLiteral("amtool"))) {
                const auto [ac, aout] =
                    run(QStringLiteral("amtool"),
                        {QStringLiteral("check-config"), QStringLiteral("alertmanager.yml")},
                        dir.path());
                QVERIFY2(ac == 0, qPrintable(aout));
            }
        }

        // The lab's targets at their real ports; the gateway's job honours labels.
        const YAML::Node config = YAML::LoadFile(dir.filePath("prometheus.yml").toStdString());
        const std::string gateway = "127.0.0.1:" + std::to_string(set.ports.pushgateway);
        bool gatewayJob = false;
        QSet<QByteArray> addresses;
        for (const YAML::Node &job : config["scrape_configs"]) {
            for (const YAML::Node &sc : job["static_configs"])
                for (const YAML::Node &t : sc["targets"]) {
                    addresses.insert(QByteArray::fromStdString(t.as<std::string>()));
                    if (t.as<std::string>() == gateway) {
                        gatewayJob = true;
                        QVERIFY(job["honor_labels"].as<bool>());
                    }
                }
        }
        QVERIFY(gatewayJob);
        const QString text = QString::fromUtf8(fileOf(set, "prometheus.yml"));
        QVERIFY2(!text.contains(QLatin1String("{{")), qPrintable(text));
        for (const TargetSpec &t : loaded.scenario->targets)
            if (loaded.scenario->prometheusYaml.contains("{{target:" + t.options.name + "}}"))
                QVERIFY2(addresses.contains(lab.target(t.options.name)->address()),
                         t.options.name.constData());
    }

    // The hybrid scenario: three services, its alerts go to the set's Alertmanager, the lab's
    // own ports are not taken by the set's programs.
    void hybridHasAnAlertmanager() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(
            lab.loadScenario(*loadScenarioByNameOrFile(QStringLiteral("hybrid")).scenario, &error),
            qPrintable(error));
        const WorldForExport world = worldForExport(lab);
        QVERIFY(world.labPorts.contains(quint16(lab.gatewayUrl().port())));
        const auto set = buildRunnableSet(world, &error);
        QVERIFY2(set, qPrintable(error));
        QVERIFY(set->alertmanager);
        const YAML::Node config = YAML::Load(fileOf(*set, "prometheus.yml").toStdString());
        QCOMPARE(config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"][0]
                     .as<std::string>(),
                 "127.0.0.1:" + std::to_string(set->ports.alertmanager));
        QCOMPARE(config["rule_files"][0].as<std::string>(), std::string("rules/hybrid-rules.yml"));
        QCOMPARE(fileOf(*set, "rules/hybrid-rules.yml"), lab.ruleSources().front().second);
        QVERIFY(jobNamed(config, "pushgateway")["honor_labels"].as<bool>());
        for (quint16 p : {set->ports.prometheus, set->ports.pushgateway, set->ports.alertmanager})
            QVERIFY(!world.labPorts.contains(p));
    }

    // Pods found by kubernetes_sd_configs become static targets with their meta labels, and
    // the real Prometheus's relabelling (promtool test of the config above) keeps the same ones.
    void podsBecomeStaticTargetsWithMetaLabels() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(
            lab.loadScenario(
                *loadScenarioByNameOrFile(QStringLiteral("service-discovery")).scenario, &error),
            qPrintable(error));
        const auto set = buildRunnableSet(worldForExport(lab), &error);
        QVERIFY2(set, qPrintable(error));
        const YAML::Node job =
            jobNamed(YAML::Load(fileOf(*set, "prometheus.yml").toStdString()), "kubernetes-pods");
        QVERIFY(!job["kubernetes_sd_configs"]);
        QSet<QByteArray> scraped;
        int listed = 0;
        for (const YAML::Node &sc : job["static_configs"]) {
            ++listed;
            const YAML::Node labels = sc["labels"];
            QVERIFY(labels["__meta_kubernetes_pod_name"]);
            if (labels["__meta_kubernetes_pod_annotation_prometheus_io_scrape"].as<std::string>(
                    "") == "true")
                scraped.insert(QByteArray::fromStdString(sc["targets"][0].as<std::string>()));
        }
        QCOMPARE(listed, 3); // web-a, web-b, batch-worker (not annotated yet)
        QSet<QByteArray> labScrapes;
        for (const ScrapeSubject &s : lab.scrapeSubjects())
            if (s.target.jobName == "kubernetes-pods")
                labScrapes.insert(lab.target(s.name)->address());
        QCOMPARE(scraped, labScrapes);
        QVERIFY(!set->notes.isEmpty());
    }

    // The set taken to the real Prometheus while the lab runs: Debian's prometheus, started
    // with the exported prometheus.yml, scrapes the lab's target and, through the static
    // targets that stand for discovery, exactly the pod the relabelling keeps, labelled as in
    // the lab.
    void realPrometheusScrapesTheLabsTargets() {
        if (!test::RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        const QByteArray scenario = R"(name: export-real
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: pods
      kubernetes_sd_configs:
        - role: pod
      relabel_configs:
        - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
          action: keep
          regex: true
        - source_labels: [__meta_kubernetes_pod_name]
          target_label: pod
targets:
  - name: web-1
pods:
  - name: web-a
    annotations: {prometheus.io/scrape: "true"}
  - name: web-b
)";
        Lab lab; // wall clock: the real Prometheus scrapes in real time
        const ScenarioLoadResult loaded = loadScenario(scenario, QStringLiteral("x.yaml"));
        QVERIFY2(loaded.scenario, qPrintable(loaded.error ? loaded.error->toString() : QString()));
        QString error;
        QVERIFY2(lab.loadScenario(*loaded.scenario, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY2(exportWorld(lab, dir.path(), &error), qPrintable(error));
        test::RealPeer prometheus(
            QStringLiteral("prometheus"),
            {QStringLiteral("--config.file=") + dir.filePath(QStringLiteral("prometheus.yml")),
             QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data"))});
        QVERIFY2(
            prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
            qPrintable(prometheus.output()));
        auto query = [&](const QString &expr) {
            QUrl url = prometheus.url(QStringLiteral("/api/v1/query"));
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("query"), expr);
            url.setQuery(q);
            return QJsonDocument::fromJson(test::httpRequest("GET", url).body)
                .object()
                .value(QStringLiteral("data"))
                .toObject()
                .value(QStringLiteral("result"))
                .toArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("up{job=\"app\"} == 1")).size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("up{job=\"pods\"} == 1")).size(), 1, 20000);
        const QJsonObject pod = query(QStringLiteral("up{job=\"pods\"}"))
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("metric"))
                                    .toObject();
        QCOMPARE(pod.value(QStringLiteral("pod")).toString(), QStringLiteral("web-a"));
        QCOMPARE(pod.value(QStringLiteral("instance")).toString(),
                 QString::fromUtf8(lab.target("web-a")->address()));
        // No discovery label is left on the stored series, as with real discovery.
        for (auto it = pod.begin(); it != pod.end(); ++it)
            QVERIFY2(it.key() == QLatin1String("__name__") ||
                         !it.key().startsWith(QLatin1String("__")),
                     qPrintable(it.key()));
    }

    void portsAvoidTheLabs() {
        WorldForExport world;
        world.labPorts = {9090, 9093};
        const auto set = buildRunnableSet(world);
        QVERIFY(set);
        QCOMPARE(set->ports.prometheus, quint16(9091));
        QCOMPARE(set->ports.pushgateway, quint16(9092));
        QCOMPARE(set->ports.alertmanager, quint16(9094));
    }

    // A gateway scraped without honor_labels gets it; none scraped: a job is added.
    void gatewayJobHonoursLabels() {
        WorldForExport world;
        world.prometheusYaml = "scrape_configs:\n"
                               "  - job_name: gw\n"
                               "    honor_labels: false\n"
                               "    static_configs:\n"
                               "      - targets: ['{{gateway}}']\n";
        auto set = buildRunnableSet(world);
        QVERIFY(set);
        YAML::Node config = YAML::Load(fileOf(*set, "prometheus.yml").toStdString());
        QCOMPARE(config["scrape_configs"].size(), size_t(1));
        QVERIFY(jobNamed(config, "gw")["honor_labels"].as<bool>());
        QVERIFY(!set->alertmanager);
        QVERIFY(!fileOf(*set, "docker-compose.yml").contains("alertmanager"));

        world.prometheusYaml = "scrape_configs:\n"
                               "  - job_name: pushgateway\n"
                               "    static_configs:\n"
                               "      - targets: ['{{server}}']\n";
        set = buildRunnableSet(world);
        QVERIFY(set);
        config = YAML::Load(fileOf(*set, "prometheus.yml").toStdString());
        QCOMPARE(config["scrape_configs"].size(), size_t(2));
        QCOMPARE(
            jobNamed(config, "pushgateway")["static_configs"][0]["targets"][0].as<std::string>(),
            std::string("127.0.0.1:9090"));
        const YAML::Node added = jobNamed(config, "pushgateway-2");
        QVERIFY(added.IsMap());
        QVERIFY(added["honor_labels"].as<bool>());
        QCOMPARE(added["static_configs"][0]["targets"][0].as<std::string>(),
                 std::string("127.0.0.1:9091"));
    }

    void unknownPlaceholderFails() {
        WorldForExport world;
        world.prometheusYaml = "scrape_configs:\n"
                               "  - job_name: a\n"
                               "    static_configs:\n"
                               "      - targets: ['{{target:gone}}']\n";
        QString error;
        QVERIFY(!buildRunnableSet(world, &error));
        QVERIFY2(error.contains(QLatin1String("gone")), qPrintable(error));
    }

    void writeFailureIsReported() {
        WorldForExport world;
        const auto set = buildRunnableSet(world);
        QVERIFY(set);
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QString error;
        // A directory below a plain file cannot be made.
        QVERIFY(!writeRunnableSet(*set, dir.filePath(QStringLiteral("file/sub")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunnableSet)
#include "tst_runnableset.moc"
