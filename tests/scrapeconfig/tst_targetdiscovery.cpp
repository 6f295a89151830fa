#include "scrape/filesd.h"
#include "scrape/kubernetessd.h"
#include "scrape/scrapeconfig.h"
#include "scrape/targetbuilder.h"
#include "scrape/targetdiscovery.h"
#include "sim/podcatalog.h"
#include "util/clock.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;

namespace {

PrometheusConfig configOf(const QByteArray &yaml, const QString &baseDir = {}) {
    const ConfigLoadResult r = loadPrometheusConfig(yaml, baseDir);
    if (!r.config)
        qFatal("config did not load: %s", qPrintable(formatConfigDiagnostic(*r.error)));
    return *r.config;
}

bool writeFile(const QString &path, const QByteArray &content) {
    // Write a sibling and rename, as editors and config tools do: the reader never sees a
    // half-written file, and the watcher must survive the replacement.
    const QString tmp = path + QStringLiteral(".tmp");
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        return false;
    f.close();
    QFile::remove(path);
    return QFile::rename(tmp, path);
}

QStringList addresses(const QList<ScrapeTarget> &targets) {
    QStringList out;
    for (const ScrapeTarget &t : targets)
        out.append(QString::fromUtf8(t.labels.value("instance")));
    out.sort();
    return out;
}

Pod makePod(const QByteArray &name, quint16 port, bool scrape) {
    Pod p;
    p.name = name;
    p.labels.insert("app", name);
    if (scrape)
        p.annotations.insert("prometheus.io/scrape", "true");
    Pod::ContainerPort cp;
    cp.portName = "metrics";
    cp.port = port;
    p.ports.append(cp);
    return p;
}

const char *kSeedKubernetes = R"(scrape_configs:
  - job_name: 'kubernetes-pods'
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: true
)";

constexpr int kWaitMs = 5000; // bound for file watcher notifications

} // namespace

class TestTargetDiscovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // populateTarget: the final labels and URL of one discovered target.
    void populate_data() {
        QTest::addColumn<QByteArray>("job");       // YAML of one job, without the "- "
        QTest::addColumn<QList<QByteArray>>("in"); // discovered labels, name=value
        QTest::addColumn<QByteArray>("outcome");   // active | dropped | failed
        QTest::addColumn<QString>("labels");       // final labels, Labels::toString()
        QTest::addColumn<QString>("url");

        QTest::addRow("instance defaults to the address")
            << QByteArray("job_name: j") << QList<QByteArray>{"__address__=127.0.0.1:9100"}
            << QByteArray("active") << QStringLiteral("{instance=\"127.0.0.1:9100\", job=\"j\"}")
            << QStringLiteral("http://127.0.0.1:9100/metrics");
        QTest::addRow("static labels kept, __ and __meta_ dropped")
            << QByteArray("job_name: j")
            << QList<QByteArray>{"__address__=a:1", "env=dev", "__meta_x=y", "__tmp=z"}
            << QByteArray("active") << QStringLiteral("{env=\"dev\", instance=\"a:1\", job=\"j\"}")
            << QStringLiteral("http://a:1/metrics");
        QTest::addRow("a discovered job label is kept")
            << QByteArray("job_name: j") << QList<QByteArray>{"__address__=a:1", "job=other"}
            << QByteArray("active") << QStringLiteral("{instance=\"a:1\", job=\"other\"}")
            << QStringLiteral("http://a:1/metrics");
        QTest::addRow("port-less address gets :80 (Prometheus 2.42)")
            << QByteArray("job_name: j") << QList<QByteArray>{"__address__=x"}
            << QByteArray("active") << QStringLiteral("{instance=\"x:80\", job=\"j\"}")
            << QStringLiteral("http://x:80/metrics");
        QTest::addRow("instance relabelled")
            << QByteArray("job_name: j\nrelabel_configs:\n  - target_label: instance\n"
                          "    replacement: node-1")
            << QList<QByteArray>{"__address__=a:1"} << QByteArray("active")
            << QStringLiteral("{instance=\"node-1\", job=\"j\"}")
            << QStringLiteral("http://a:1/metrics");
        QTest::addRow("params and __param_ override, sorted and escaped (Prometheus 2.42)")
            << QByteArray("job_name: a\nparams:\n  module: [x, y]\n  z: ['a b&c']\n"
                          "relabel_configs:\n  - target_label: __param_module\n"
                          "    replacement: override\n  - target_label: __param_extra\n"
                          "    replacement: 'e/f'")
            << QList<QByteArray>{"__address__=127.0.0.1:1"} << QByteArray("active")
            << QStringLiteral("{instance=\"127.0.0.1:1\", job=\"a\"}")
            << QStringLiteral(
                   "http://127.0.0.1:1/metrics?extra=e%2Ff&module=override&module=y&z=a+b%26c");
        QTest::addRow("metrics_path and address rewritten by relabelling")
            << QByteArray("job_name: probe\nmetrics_path: /probe\nrelabel_configs:\n"
                          "  - source_labels: [__address__]\n    target_label: __param_target\n"
                          "  - target_label: __address__\n    replacement: 127.0.0.1:9115")
            << QList<QByteArray>{"__address__=example.org"} << QByteArray("active")
            << QStringLiteral("{instance=\"127.0.0.1:9115\", job=\"probe\"}")
            << QStringLiteral("http://127.0.0.1:9115/probe?target=example.org");
        QTest::addRow("dropped by keep")
            << QByteArray("job_name: j\nrelabel_configs:\n  - source_labels: [env]\n"
                          "    action: keep\n    regex: prod")
            << QList<QByteArray>{"__address__=a:1", "env=dev"} << QByteArray("dropped") << QString()
            << QString();
        QTest::addRow("no address after relabelling")
            << QByteArray("job_name: j\nrelabel_configs:\n  - target_label: __address__\n"
                          "    replacement: ''")
            << QList<QByteArray>{"__address__=a:1"} << QByteArray("failed") << QString()
            << QString();
        // Issue 20 §1: addresses are checked after relabelling, with 2.42's wording.
        QTest::addRow("URL left in __address__ after relabelling")
            << QByteArray("job_name: j\nrelabel_configs:\n  - target_label: env\n"
                          "    replacement: x")
            << QList<QByteArray>{"__address__=http://a:1/"} << QByteArray("failed")
            << QStringLiteral("\"http://a:1/\" is not a valid hostname") << QString();
        QTest::addRow("blackbox pattern: the URL becomes ?target=")
            << QByteArray("job_name: bb\nmetrics_path: /probe\nparams:\n  module: [http_2xx]\n"
                          "relabel_configs:\n  - source_labels: [__address__]\n"
                          "    target_label: __param_target\n"
                          "  - source_labels: [__param_target]\n    target_label: instance\n"
                          "  - target_label: __address__\n    replacement: 127.0.0.1:9115")
            << QList<QByteArray>{"__address__=http://127.0.0.1:8080/a b"} << QByteArray("active")
            << QStringLiteral("{instance=\"http://127.0.0.1:8080/a b\", job=\"bb\"}")
            << QStringLiteral("http://127.0.0.1:9115/probe?module=http_2xx&"
                              "target=http%3A%2F%2F127.0.0.1%3A8080%2Fa+b");
        QTest::addRow("https: a target all the same (its scrape fails in the lab)")
            << QByteArray("job_name: j\nscheme: https") << QList<QByteArray>{"__address__=a"}
            << QByteArray("active") << QStringLiteral("{instance=\"a:443\", job=\"j\"}")
            << QStringLiteral("https://a:443/metrics");
        QTest::addRow("__scheme__ and __metrics_path__ from relabelling")
            << QByteArray("job_name: j\nrelabel_configs:\n  - target_label: __scheme__\n"
                          "    replacement: https\n  - target_label: __metrics_path__\n"
                          "    replacement: x/y")
            << QList<QByteArray>{"__address__=a:1"} << QByteArray("active")
            << QStringLiteral("{instance=\"a:1\", job=\"j\"}") << QStringLiteral("https://a:1/x/y");
        QTest::addRow("unknown scheme and no port")
            << QByteArray("job_name: j\nscheme: ftp") << QList<QByteArray>{"__address__=a"}
            << QByteArray("failed") << QStringLiteral("invalid scheme: \"ftp\"") << QString();
        QTest::addRow("timeout relabelled above interval")
            << QByteArray("job_name: j\nscrape_interval: 5s\nrelabel_configs:\n"
                          "  - target_label: __scrape_timeout__\n    replacement: 10s")
            << QList<QByteArray>{"__address__=a:1"} << QByteArray("failed") << QString()
            << QString();
    }
    void populate() {
        QFETCH(QByteArray, job);
        QFETCH(QList<QByteArray>, in);
        QFETCH(QByteArray, outcome);
        QFETCH(QString, labels);
        QFETCH(QString, url);
        QByteArray yaml = "scrape_configs:\n";
        bool first = true;
        for (const QByteArray &line : job.split('\n')) {
            yaml += (first ? "  - " : "    ") + line + "\n";
            first = false;
        }
        const PrometheusConfig cfg = configOf(yaml);
        std::vector<std::pair<QByteArray, QByteArray>> pairs;
        for (const QByteArray &e : in)
            pairs.emplace_back(e.left(e.indexOf('=')), e.mid(e.indexOf('=') + 1));
        const Labels discovered = Labels::fromPairs(pairs);
        const TargetBuildResult r = populateTarget(discovered, cfg.scrapeConfigs[0]);
        QCOMPARE(r.target.jobName, cfg.scrapeConfigs[0].jobName);
        if (outcome == "failed") {
            QCOMPARE(r.outcome, TargetBuildResult::Outcome::Failed);
            QVERIFY(!r.error.isEmpty());
            if (!labels.isEmpty())
                QCOMPARE(r.error, labels); // the expected error, for these rows
            return;
        }
        // discoveredLabels: the input plus the job's defaults, before relabelling.
        QCOMPARE(r.target.discoveredLabels.value("__address__"), discovered.value("__address__"));
        QVERIFY(!r.target.discoveredLabels.value("job").isEmpty());
        QCOMPARE(r.target.discoveredLabels.value("__scheme__"),
                 QByteArray(job.contains("scheme: https") ? "https" : "http"));
        QVERIFY(!r.target.discoveredLabels.value("__metrics_path__").isEmpty());
        if (outcome == "dropped") {
            QCOMPARE(r.outcome, TargetBuildResult::Outcome::Dropped);
            QVERIFY(r.target.labels.isEmpty());
            return;
        }
        QCOMPARE(r.outcome, TargetBuildResult::Outcome::Active);
        QCOMPARE(r.target.labels.toString(), labels);
        QCOMPARE(r.target.url, url);
    }

    void populateCarriesJobSettings() {
        const PrometheusConfig cfg = configOf(
            "scrape_configs:\n  - job_name: j\n    scrape_interval: 5s\n    honor_labels: true\n"
            "    honor_timestamps: false\n    params:\n      module: [m]\n"
            "    basic_auth: {username: u, password: p}\n"
            "    metric_relabel_configs:\n      - action: labeldrop\n        regex: x\n");
        const TargetBuildResult r =
            populateTarget(Labels::of({{"__address__", "a:1"}}), cfg.scrapeConfigs[0]);
        QCOMPARE(r.outcome, TargetBuildResult::Outcome::Active);
        QCOMPARE(r.target.intervalMs, 5000);
        QCOMPARE(r.target.timeoutMs, 5000); // the default 10s timeout, clamped to 5s
        QCOMPARE(r.target.honorLabels, true);
        QCOMPARE(r.target.honorTimestamps, false);
        QVERIFY(r.target.basicAuth);
        QCOMPARE(r.target.basicAuth->password, QByteArray("p"));
        QCOMPARE(r.target.metricRelabelConfigs.size(), 1);
        QCOMPARE(r.target.discoveredLabels.toString(),
                 QStringLiteral("{__address__=\"a:1\", __metrics_path__=\"/metrics\", "
                                "__param_module=\"m\", __scheme__=\"http\", "
                                "__scrape_interval__=\"5s\", __scrape_timeout__=\"5s\", "
                                "job=\"j\"}"));
    }

    void staticTargets() {
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        QSignalSpy changed(&d, &TargetDiscovery::targetsChanged);
        d.setConfig(configOf("scrape_configs:\n"
                             "  - job_name: a\n    static_configs:\n"
                             "      - targets: ['h:1', 'h:2', 'h:1']\n        labels: {env: x}\n"
                             "  - job_name: b\n    static_configs:\n"
                             "      - targets: ['h:3']\n"
                             "    relabel_configs:\n      - action: drop\n"
                             "        source_labels: [__address__]\n        regex: 'h:3'\n"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"h:1", "h:2"})); // h:1 merged
        QCOMPARE(d.activeTargets()[0].labels.value("env"), QByteArray("x"));
        QCOMPARE(d.droppedTargets().size(), 1);
        QCOMPARE(d.droppedTargets()[0].jobName, QByteArray("b"));
        QCOMPARE(d.droppedTargets()[0].discoveredLabels.value("__address__"), QByteArray("h:3"));
        // The same configuration again changes nothing.
        d.setConfig(d.config());
        QCOMPARE(changed.size(), 1);
        QVERIFY(d.lastErrors().isEmpty());
    }

    // A target relabelled into an invalid one is listed as dropped with 2.42's reason
    // (Prometheus only logs it), next to one dropped by a rule.
    void invalidTargetsAreDroppedWithTheirReason() {
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        d.setConfig(configOf("scrape_configs:\n"
                             "  - job_name: a\n    static_configs:\n"
                             "      - targets: ['http://h:1/', 'h:2', 'h:3']\n"
                             "    relabel_configs:\n      - action: drop\n"
                             "        source_labels: [__address__]\n        regex: 'h:3'\n"));
        QCOMPARE(addresses(d.activeTargets()), QStringList{"h:2"});
        QCOMPARE(d.droppedTargets().size(), 2);
        QCOMPARE(d.droppedTargets()[0].discoveredLabels.value("__address__"),
                 QByteArray("http://h:1/"));
        QCOMPARE(d.droppedTargets()[0].dropReason,
                 QStringLiteral("\"http://h:1/\" is not a valid hostname"));
        QCOMPARE(d.droppedTargets()[1].dropReason, QStringLiteral("dropped by relabel_configs"));
        QCOMPARE(d.lastErrors().size(), 1);
    }

    // target_limit: more targets than the limit fail every scrape of the job, with 2.42's text.
    void targetLimitMarksEveryTargetOfTheJob() {
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        d.setConfig(configOf("scrape_configs:\n"
                             "  - job_name: a\n    target_limit: 2\n    static_configs:\n"
                             "      - targets: ['h:1', 'h:2', 'h:3']\n"
                             "  - job_name: b\n    target_limit: 2\n    static_configs:\n"
                             "      - targets: ['h:4', 'h:5']\n"));
        QCOMPARE(d.activeTargets().size(), 5);
        for (const ScrapeTarget &t : d.activeTargets()) {
            QCOMPARE(t.forcedError,
                     t.jobName == "a"
                         ? QStringLiteral("target_limit exceeded (number of targets: 3, limit: 2)")
                         : QString());
        }
    }

    void fileSdJsonAndYaml() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(
            dir.filePath("a.json"),
            R"([{"targets": ["127.0.0.1:1", "127.0.0.1:2"], "labels": {"env": "json"}}])"));
        QVERIFY(writeFile(dir.filePath("b.yml"),
                          "- targets: ['127.0.0.1:3']\n  labels:\n    env: yaml\n"
                          "- targets: ['127.0.0.1:4']\n"));
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        d.setConfig(configOf("scrape_configs:\n  - job_name: f\n    file_sd_configs:\n"
                             "      - files: ['*.json', b.yml]\n",
                             dir.path()));
        const QList<ScrapeTarget> active = d.activeTargets();
        QCOMPARE(addresses(active),
                 (QStringList{"127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4"}));
        QCOMPARE(active[0].labels.value("env"), QByteArray("json"));
        QCOMPARE(active[0].discoveredLabels.value("__meta_filepath"),
                 dir.filePath("a.json").toUtf8());
        QVERIFY(!active[0].labels.has("__meta_filepath"));
        QCOMPARE(active[2].labels.value("env"), QByteArray("yaml"));
        QCOMPARE(active[3].labels.value("env"), QByteArray());
        QVERIFY(d.lastErrors().isEmpty());
    }

    // The watcher notices a rewritten file; a broken file keeps the last good targets.
    void fileSdChangeAndBrokenFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("targets.yaml");
        QVERIFY(writeFile(path, "- targets: ['127.0.0.1:1']\n"));
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        d.setConfig(configOf("scrape_configs:\n  - job_name: f\n    file_sd_configs:\n"
                             "      - files: [targets.yaml]\n",
                             dir.path()));
        QCOMPARE(addresses(d.activeTargets()), QStringList{"127.0.0.1:1"});
        QSignalSpy changed(&d, &TargetDiscovery::targetsChanged);
        QSignalSpy errors(&d, &TargetDiscovery::errorsChanged);

        QVERIFY(writeFile(path, "- targets: ['127.0.0.1:1', '127.0.0.1:2']\n"));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kWaitMs);
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"127.0.0.1:1", "127.0.0.1:2"}));

        QVERIFY(writeFile(path, "- targets: ['127.0.0.1:9'\n")); // broken YAML
        QTRY_VERIFY_WITH_TIMEOUT(!d.lastErrors().isEmpty(), kWaitMs);
        QVERIFY(errors.size() >= 1);
        QVERIFY2(d.lastErrors()[0].contains(path), qPrintable(d.lastErrors()[0]));
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"127.0.0.1:1", "127.0.0.1:2"}));
        QCOMPARE(changed.size(), 1);

        QVERIFY(writeFile(path, "- targets: ['127.0.0.1:3']\n"));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kWaitMs);
        QCOMPARE(addresses(d.activeTargets()), QStringList{"127.0.0.1:3"});
        QVERIFY(d.lastErrors().isEmpty());

        QVERIFY(QFile::remove(path)); // a deleted file takes its targets with it
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, kWaitMs);
        QVERIFY(d.activeTargets().isEmpty());
    }

    // Without any watcher event, refresh_interval on the lab clock re-reads the files.
    void fileSdRefreshInterval() {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        QVERIFY(writeFile(path, R"([{"targets": ["127.0.0.1:1"]}])"));
        ManualClock clock;
        TargetDiscovery d(&clock, nullptr);
        d.setConfig(configOf("scrape_configs:\n  - job_name: f\n    file_sd_configs:\n"
                             "      - files: [t.json]\n        refresh_interval: 30s\n",
                             dir.path()));
        QCOMPARE(addresses(d.activeTargets()), QStringList{"127.0.0.1:1"});
        // Change the file behind the watcher's back (the watcher is then deliberately not
        // given a chance to run: no event loop until the clock has moved).
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"([{"targets": ["127.0.0.1:5"]}])");
        f.close();
        clock.advance(29'000);
        QCOMPARE(addresses(d.activeTargets()), QStringList{"127.0.0.1:1"});
        clock.advance(1'000);
        QCOMPARE(addresses(d.activeTargets()), QStringList{"127.0.0.1:5"});
        QCOMPARE(clock.pendingCount(), 1); // the next refresh
        d.setConfig(configOf("scrape_configs: []\n"));
        QCOMPARE(clock.pendingCount(), 0);
        QVERIFY(d.activeTargets().isEmpty());
    }

    void fileSdReader_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("targets");
        QTest::addRow("empty file") << QByteArray("") << true << 0;
        QTest::addRow("empty list") << QByteArray("[]") << true << 0;
        QTest::addRow("two groups") << QByteArray("[{\"targets\":[\"a:1\"]},{\"targets\":[\"b:1\","
                                                  "\"c:1\"],\"labels\":{\"x\":\"y\"}}]")
                                    << true << 3;
        QTest::addRow("not a list") << QByteArray("{\"targets\": [\"a:1\"]}") << false << 0;
        QTest::addRow("bad label name")
            << QByteArray("[{\"targets\":[\"a:1\"],\"labels\":{\"a-b\":\"y\"}}]") << false << 0;
        QTest::addRow("syntax error") << QByteArray("[{\"targets\": [\"a:1\"}") << false << 0;
    }
    void fileSdReader() {
        QFETCH(QByteArray, content);
        QFETCH(bool, ok);
        QFETCH(int, targets);
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        QVERIFY(writeFile(path, content));
        const FileSdReadResult r = readFileSdFile(path);
        QCOMPARE(r.ok, ok);
        QCOMPARE(r.targets.size(), targets);
        QCOMPARE(r.error.isEmpty(), ok);
    }

    void podLabels() {
        Pod p;
        p.name = "web-1";
        p.namespaceName = "shop";
        p.ip = "127.0.0.2";
        p.labels.insert("app.kubernetes.io/name", "web");
        p.annotations.insert("prometheus.io/scrape", "true");
        p.annotations.insert("prometheus.io/path", "/m");
        p.ports.append({"app", "metrics", 8080, "TCP"});
        p.ports.append({"app", "admin", 9000, "TCP"});
        p.ports.append({"sidecar", {}, 0, "TCP"});
        Pod pending = p;
        pending.name = "web-2";
        pending.phase = "Pending";
        pending.ip.clear(); // not scheduled: no target
        Pod other = p;
        other.namespaceName = "kube-system";

        KubernetesSdConfig sd;
        QList<Labels> got = discoverPodTargets({p, pending, other}, sd);
        QCOMPARE(got.size(), 6);
        sd.namespaces = {"shop"};
        got = discoverPodTargets({p, pending, other}, sd);
        QCOMPARE(got.size(), 3);
        const Labels &t = got[0];
        QCOMPARE(t.value("__address__"), QByteArray("127.0.0.2:8080"));
        QCOMPARE(t.value("__meta_kubernetes_namespace"), QByteArray("shop"));
        QCOMPARE(t.value("__meta_kubernetes_pod_name"), QByteArray("web-1"));
        QCOMPARE(t.value("__meta_kubernetes_pod_ip"), QByteArray("127.0.0.2"));
        QCOMPARE(t.value("__meta_kubernetes_pod_ready"), QByteArray("true"));
        QCOMPARE(t.value("__meta_kubernetes_pod_phase"), QByteArray("Running"));
        QCOMPARE(t.value("__meta_kubernetes_pod_node_name"), QByteArray("lab-node"));
        QCOMPARE(t.value("__meta_kubernetes_pod_label_app_kubernetes_io_name"), QByteArray("web"));
        QCOMPARE(t.value("__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name"),
                 QByteArray("true"));
        QCOMPARE(t.value("__meta_kubernetes_pod_annotation_prometheus_io_scrape"),
                 QByteArray("true"));
        QCOMPARE(t.value("__meta_kubernetes_pod_annotationpresent_prometheus_io_path"),
                 QByteArray("true"));
        QCOMPARE(t.value("__meta_kubernetes_pod_container_name"), QByteArray("app"));
        QCOMPARE(t.value("__meta_kubernetes_pod_container_port_name"), QByteArray("metrics"));
        QCOMPARE(t.value("__meta_kubernetes_pod_container_port_number"), QByteArray("8080"));
        QCOMPARE(t.value("__meta_kubernetes_pod_container_port_protocol"), QByteArray("TCP"));
        QCOMPARE(got[1].value("__address__"), QByteArray("127.0.0.2:9000"));
        // A container without ports: the pod IP alone, no port labels.
        QCOMPARE(got[2].value("__address__"), QByteArray("127.0.0.2"));
        QCOMPARE(got[2].value("__meta_kubernetes_pod_container_name"), QByteArray("sidecar"));
        QVERIFY(!got[2].has("__meta_kubernetes_pod_container_port_number"));

        sd.role = "service";
        QVERIFY(discoverPodTargets({p}, sd).isEmpty());
    }

    // The seed article's snippet keeps exactly the annotated pods, live.
    void seedKubernetesSnippet() {
        ManualClock clock;
        PodCatalog catalog;
        catalog.upsert(makePod("a", 8081, true));
        catalog.upsert(makePod("b", 8082, false));
        catalog.upsert(makePod("c", 8083, true));
        TargetDiscovery d(&clock, &catalog);
        QSignalSpy changed(&d, &TargetDiscovery::targetsChanged);
        d.setConfig(configOf(kSeedKubernetes));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"127.0.0.1:8081", "127.0.0.1:8083"}));
        QCOMPARE(d.droppedTargets().size(), 1);
        QCOMPARE(d.droppedTargets()[0].discoveredLabels.value("__meta_kubernetes_pod_name"),
                 QByteArray("b"));
        const ScrapeTarget t = d.activeTargets()[0];
        QCOMPARE(t.labels.toString(),
                 QStringLiteral("{instance=\"127.0.0.1:8081\", job=\"kubernetes-pods\"}"));
        QCOMPARE(t.url, QStringLiteral("http://127.0.0.1:8081/metrics"));

        // Re-annotate b: it becomes active.
        QVERIFY(catalog.annotate("default", "b", "prometheus.io/scrape", "true"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(addresses(d.activeTargets()),
                 (QStringList{"127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083"}));
        QVERIFY(d.droppedTargets().isEmpty());

        // Remove the annotation from a: dropped.
        QVERIFY(catalog.annotate("default", "a", "prometheus.io/scrape", QByteArray()));
        QCOMPARE(changed.size(), 3);
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"127.0.0.1:8082", "127.0.0.1:8083"}));

        // A new annotated pod appears; a pod is deleted.
        catalog.upsert(makePod("d", 8084, true));
        QCOMPARE(changed.size(), 4);
        QVERIFY(catalog.remove("default", "c"));
        QCOMPARE(changed.size(), 5);
        QCOMPARE(addresses(d.activeTargets()), (QStringList{"127.0.0.1:8082", "127.0.0.1:8084"}));

        // A change that does not alter any target is not signalled.
        Pod dPod = *catalog.find("default", "d");
        catalog.upsert(dPod);
        QCOMPARE(changed.size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestTargetDiscovery)
#include "tst_targetdiscovery.moc"
