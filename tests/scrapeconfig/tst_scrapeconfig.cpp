#include "scrape/scrapeconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;

// The seed article's three prometheus.yml snippets, verbatim (shared/reference/seed-snippets.md).
static const char *kSeedNodeJs = R"(scrape_configs:
  - job_name: 'nodejs_app'
    scrape_interval: 15s
    static_configs:
      - targets: ['localhost:8080']
)";
static const char *kSeedPushgateway = R"(scrape_configs:
  - job_name: 'pushgateway'
    scrape_interval: 10s
    honor_labels: true # Important - preserve labels pushed by clients
    static_configs:
      - targets: ['localhost:9091']
)";
static const char *kSeedKubernetes = R"(scrape_configs:
  - job_name: 'kubernetes-pods'
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: true
)";

class TestScrapeConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void durations_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::addRow("seconds") << QByteArray("15s") << qint64(15000);
        QTest::addRow("minutes and seconds") << QByteArray("1m30s") << qint64(90000);
        QTest::addRow("milliseconds") << QByteArray("500ms") << qint64(500);
        QTest::addRow("90s is fine") << QByteArray("90s") << qint64(90000);
        QTest::addRow("bare zero") << QByteArray("0") << qint64(0);
        QTest::addRow("zero seconds") << QByteArray("0s") << qint64(0);
        QTest::addRow("every unit")
            << QByteArray("1y1w1d1h1m1s1ms")
            << qint64(1000LL * (365 * 86400 + 7 * 86400 + 86400 + 3661) + 1);
        QTest::addRow("day and ms") << QByteArray("1d1ms") << qint64(86400001);
        QTest::addRow("hours") << QByteArray("2h") << qint64(7200000);
        QTest::addRow("minute then ms") << QByteArray("1m5ms") << qint64(60005);
        QTest::addRow("empty") << QByteArray("") << qint64(-1);
        QTest::addRow("fraction") << QByteArray("1.5s") << qint64(-1);
        QTest::addRow("unit repeated") << QByteArray("1h1h") << qint64(-1);
        QTest::addRow("wrong order") << QByteArray("1s1m") << qint64(-1);
        QTest::addRow("upper case") << QByteArray("5S") << qint64(-1);
        QTest::addRow("negative") << QByteArray("-1s") << qint64(-1);
        QTest::addRow("no unit") << QByteArray("15") << qint64(-1);
        QTest::addRow("unit only") << QByteArray("s") << qint64(-1);
        QTest::addRow("Go style") << QByteArray("1h0m0s0") << qint64(-1);
        QTest::addRow("space") << QByteArray("1m 30s") << qint64(-1);
        QTest::addRow("overflow") << QByteArray("300y") << qint64(-1);
    }
    void durations() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        const std::optional<qint64> got = parsePrometheusDuration(text);
        if (ms < 0) {
            QVERIFY2(!got, qPrintable(QString::number(got.value_or(0))));
        } else {
            QVERIFY(got);
            QCOMPARE(*got, ms);
        }
    }

    void formatDurations_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("text");
        QTest::addRow("zero") << qint64(0) << QByteArray("0s");
        QTest::addRow("15s") << qint64(15000) << QByteArray("15s");
        QTest::addRow("1m30s") << qint64(90000) << QByteArray("1m30s");
        QTest::addRow("1m") << qint64(60000) << QByteArray("1m");
        QTest::addRow("500ms") << qint64(500) << QByteArray("500ms");
        QTest::addRow("90 days, not weeks") << qint64(90LL * 86400000) << QByteArray("90d");
        QTest::addRow("2w exact") << qint64(14LL * 86400000) << QByteArray("2w");
    }
    void formatDurations() {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, text);
        QCOMPARE(formatPrometheusDuration(ms), text);
    }

    void seedSnippets() {
        {
            const ConfigLoadResult r = loadPrometheusConfig(kSeedNodeJs);
            QVERIFY2(r.config, r.error ? qPrintable(r.error->message) : "");
            QVERIFY(r.warnings.isEmpty());
            QCOMPARE(r.config->scrapeConfigs.size(), 1);
            const ScrapeJobConfig &j = r.config->scrapeConfigs[0];
            QCOMPARE(j.jobName, QByteArray("nodejs_app"));
            QCOMPARE(j.scrapeIntervalMs, 15000);
            QCOMPARE(j.scrapeTimeoutMs, 10000);
            QCOMPARE(j.staticConfigs.size(), 1);
            QCOMPARE(j.staticConfigs[0].targets, QList<QByteArray>{"localhost:8080"});
            QCOMPARE(j.honorLabels, false);
        }
        {
            const ConfigLoadResult r = loadPrometheusConfig(kSeedPushgateway);
            QVERIFY(r.config);
            QVERIFY(r.warnings.isEmpty());
            const ScrapeJobConfig &j = r.config->scrapeConfigs[0];
            QCOMPARE(j.jobName, QByteArray("pushgateway"));
            QCOMPARE(j.scrapeIntervalMs, 10000);
            QCOMPARE(j.honorLabels, true);
            QCOMPARE(j.staticConfigs[0].targets, QList<QByteArray>{"localhost:9091"});
        }
        {
            const ConfigLoadResult r = loadPrometheusConfig(kSeedKubernetes);
            QVERIFY(r.config);
            QVERIFY(r.warnings.isEmpty());
            const ScrapeJobConfig &j = r.config->scrapeConfigs[0];
            QCOMPARE(j.kubernetesSdConfigs.size(), 1);
            QCOMPARE(j.kubernetesSdConfigs[0].role, QByteArray("pod"));
            QCOMPARE(j.relabelConfigs.size(), 1);
            const RelabelRule &rule = j.relabelConfigs[0];
            QCOMPARE(rule.action, RelabelRule::Action::Keep);
            QCOMPARE(rule.regex, QStringLiteral("true"));
            QCOMPARE(rule.sourceLabels,
                     QList<QByteArray>{"__meta_kubernetes_pod_annotation_prometheus_io_scrape"});
            QCOMPARE(rule.line, 6);
            QVERIFY(rule.compiledRegex.isValid());
            QVERIFY(!rule.compiledRegex.pattern().isEmpty());
        }
    }

    void defaults() {
        const ConfigLoadResult r = loadPrometheusConfig("scrape_configs:\n  - job_name: a\n");
        QVERIFY(r.config);
        const PrometheusConfig &c = *r.config;
        QCOMPARE(c.global.scrapeIntervalMs, 60000);
        QCOMPARE(c.global.scrapeTimeoutMs, 10000);
        QCOMPARE(c.global.evaluationIntervalMs, 60000);
        const ScrapeJobConfig &j = c.scrapeConfigs[0];
        QCOMPARE(j.scrapeIntervalMs, 60000);
        QCOMPARE(j.scrapeTimeoutMs, 10000);
        QCOMPARE(j.metricsPath, QByteArray("/metrics"));
        QCOMPARE(j.scheme, QByteArray("http"));
        QCOMPARE(j.honorLabels, false);
        QCOMPARE(j.honorTimestamps, true);
        QVERIFY(!j.basicAuth);
        QCOMPARE(j.line, 2);

        const ConfigLoadResult empty = loadPrometheusConfig("");
        QVERIFY(empty.config);
        QVERIFY(empty.config->scrapeConfigs.isEmpty());
        QCOMPARE(empty.config->global.scrapeIntervalMs, 60000);
    }

    // scrape interval/timeout resolution, as Prometheus 2.42's GlobalConfig.UnmarshalYAML and
    // ScrapeConfig.Validate do it.
    void inheritance_data() {
        QTest::addColumn<QByteArray>("global");
        QTest::addColumn<QByteArray>("job");
        QTest::addColumn<qint64>("interval");
        QTest::addColumn<qint64>("timeout");
        QTest::addRow("global values inherited")
            << QByteArray("  scrape_interval: 20s\n  scrape_timeout: 7s\n") << QByteArray()
            << qint64(20000) << qint64(7000);
        QTest::addRow("job interval, global timeout")
            << QByteArray("  scrape_timeout: 7s\n") << QByteArray("    scrape_interval: 30s\n")
            << qint64(30000) << qint64(7000);
        QTest::addRow("inherited timeout clamped to a shorter job interval")
            << QByteArray() << QByteArray("    scrape_interval: 5s\n") << qint64(5000)
            << qint64(5000);
        QTest::addRow("default global timeout clamped to a short global interval")
            << QByteArray("  scrape_interval: 2s\n") << QByteArray() << qint64(2000)
            << qint64(2000);
        QTest::addRow("explicit timeout equal to interval")
            << QByteArray() << QByteArray("    scrape_interval: 5s\n    scrape_timeout: 5s\n")
            << qint64(5000) << qint64(5000);
        QTest::addRow("job timeout only") << QByteArray() << QByteArray("    scrape_timeout: 30s\n")
                                          << qint64(60000) << qint64(30000);
    }
    void inheritance() {
        QFETCH(QByteArray, global);
        QFETCH(QByteArray, job);
        QFETCH(qint64, interval);
        QFETCH(qint64, timeout);
        QByteArray yaml;
        if (!global.isEmpty())
            yaml += "global:\n" + global;
        yaml += "scrape_configs:\n  - job_name: j\n" + job;
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY2(r.config, r.error ? qPrintable(r.error->message) : "");
        QCOMPARE(r.config->scrapeConfigs[0].scrapeIntervalMs, interval);
        QCOMPARE(r.config->scrapeConfigs[0].scrapeTimeoutMs, timeout);
    }

    void fullJob() {
        const QByteArray yaml = R"(global:
  scrape_interval: 15s
  evaluation_interval: 30s
  external_labels:
    cluster: lab
    replica: "1"
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    scheme: http
    params:
      module: [http_2xx]
      target: [a, b]
    honor_timestamps: false
    basic_auth:
      username: alice
      password_file: secret.txt
    static_configs:
      - targets: ['127.0.0.1:9115', '127.0.0.1:9116']
        labels:
          env: dev
      - targets: []
    file_sd_configs:
      - files: ['targets/*.json', /abs/t.yml]
        refresh_interval: 30s
    kubernetes_sd_configs:
      - role: pod
        namespaces:
          names: [default, lab]
    relabel_configs:
      - source_labels: [__address__, env]
        separator: '@'
        regex: '(.*)@(.*)'
        target_label: addr_env
        replacement: '${2}-$1'
      - source_labels: [__address__]
        action: hashmod
        modulus: 4
        target_label: __tmp_shard
      - action: labelmap
        regex: '__meta_(.+)'
      - action: labeldrop
        regex: tmp
      - action: labelkeep
        regex: '.+'
      - action: drop
        source_labels: [env]
        regex: prod
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'go_.*'
        action: drop
)";
        const ConfigLoadResult r = loadPrometheusConfig(yaml, QStringLiteral("/etc/lab"));
        QVERIFY2(r.config, r.error ? qPrintable(formatConfigDiagnostic(*r.error)) : "");
        QVERIFY2(r.warnings.isEmpty(),
                 r.warnings.isEmpty() ? "" : qPrintable(r.warnings[0].message));
        const PrometheusConfig &c = *r.config;
        QCOMPARE(c.yaml, yaml);
        QCOMPARE(c.global.evaluationIntervalMs, 30000);
        QCOMPARE(c.global.externalLabels.value("cluster"), QByteArray("lab"));
        QCOMPARE(c.global.externalLabels.value("replica"), QByteArray("1"));
        const ScrapeJobConfig &j = c.scrapeConfigs[0];
        QCOMPARE(j.scrapeIntervalMs, 15000);
        QCOMPARE(j.metricsPath, QByteArray("/probe"));
        QCOMPARE(j.params.value("module"), QList<QByteArray>{"http_2xx"});
        QCOMPARE(j.params.value("target"), (QList<QByteArray>{"a", "b"}));
        QCOMPARE(j.honorTimestamps, false);
        QVERIFY(j.basicAuth);
        QCOMPARE(j.basicAuth->username, QByteArray("alice"));
        QCOMPARE(j.basicAuth->passwordFile, QStringLiteral("/etc/lab/secret.txt"));
        QCOMPARE(j.staticConfigs.size(), 2);
        QCOMPARE(j.staticConfigs[0].targets.size(), 2);
        QCOMPARE(j.staticConfigs[0].labels.value("env"), QByteArray("dev"));
        QCOMPARE(j.fileSdConfigs.size(), 1);
        QCOMPARE(j.fileSdConfigs[0].files, (QStringList{QStringLiteral("/etc/lab/targets/*.json"),
                                                        QStringLiteral("/abs/t.yml")}));
        QCOMPARE(j.fileSdConfigs[0].refreshIntervalMs, 30000);
        QCOMPARE(j.kubernetesSdConfigs[0].namespaces, (QList<QByteArray>{"default", "lab"}));
        QCOMPARE(j.relabelConfigs.size(), 6);
        QCOMPARE(j.relabelConfigs[0].separator, QByteArray("@"));
        QCOMPARE(j.relabelConfigs[0].replacement, QByteArray("${2}-$1"));
        QCOMPARE(j.relabelConfigs[1].action, RelabelRule::Action::HashMod);
        QCOMPARE(j.relabelConfigs[1].modulus, quint64(4));
        QCOMPARE(j.relabelConfigs[2].action, RelabelRule::Action::LabelMap);
        QCOMPARE(j.relabelConfigs[3].action, RelabelRule::Action::LabelDrop);
        QCOMPARE(j.relabelConfigs[4].action, RelabelRule::Action::LabelKeep);
        QCOMPARE(j.relabelConfigs[5].action, RelabelRule::Action::Drop);
        QCOMPARE(j.metricRelabelConfigs.size(), 1);
        QCOMPARE(j.metricRelabelConfigs[0].line, 50);
    }

    // Semantic and syntax errors: the file is rejected, with Prometheus's wording and a line.
    void errors_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message"); // a substring of the message
        QTest::addRow("job timeout above interval")
            << QByteArray("scrape_configs:\n  - job_name: x\n    scrape_interval: 3s\n"
                          "    scrape_timeout: 4s\n")
            << 4
            << QStringLiteral("scrape timeout greater than scrape interval for scrape config "
                              "with job name \"x\"");
        QTest::addRow("global timeout above interval")
            << QByteArray("global:\n  scrape_timeout: 2m\n") << 2
            << QStringLiteral("global scrape timeout greater than scrape interval");
        QTest::addRow("invalid YAML")
            << QByteArray("scrape_configs:\n  - job_name: x\n    static_configs: [\n") << 4
            << QStringLiteral("invalid YAML");
        QTest::addRow("invalid YAML: bad indentation")
            << QByteArray("scrape_configs:\n  - job_name: x\n   bad: 1\n  - job_name: y\n") << 3
            << QStringLiteral("invalid YAML");
        // The scrape limits, with the type errors promtool 2.42 prints.
        QTest::addRow("body_size_limit without a unit")
            << QByteArray("scrape_configs:\n  - job_name: x\n    body_size_limit: 100\n") << 3
            << QStringLiteral("units: unknown unit  in 100");
        QTest::addRow("body_size_limit lower-case unit")
            << QByteArray("scrape_configs:\n  - job_name: x\n    body_size_limit: 1kb\n") << 3
            << QStringLiteral("units: unknown unit kb in 1kb");
        QTest::addRow("negative sample_limit")
            << QByteArray("scrape_configs:\n  - job_name: x\n    sample_limit: -1\n") << 3
            << QStringLiteral("cannot unmarshal !!int `-1` into uint");
        QTest::addRow("quoted sample_limit")
            << QByteArray("scrape_configs:\n  - job_name: x\n    sample_limit: '5'\n") << 3
            << QStringLiteral("cannot unmarshal !!str `5` into uint");
        QTest::addRow("duplicate job")
            << QByteArray("scrape_configs:\n  - job_name: x\n  - job_name: y\n  - job_name: x\n")
            << 4 << QStringLiteral("found multiple scrape configs with job name \"x\"");
        QTest::addRow("missing job name")
            << QByteArray("scrape_configs:\n  - scrape_interval: 1s\n") << 2
            << QStringLiteral("job_name is empty");
        QTest::addRow("bad duration") << QByteArray("global:\n  scrape_interval: 1.5s\n") << 2
                                      << QStringLiteral("not a valid duration string: \"1.5s\"");
        QTest::addRow("empty duration") << QByteArray("global:\n  scrape_interval: ''\n") << 2
                                        << QStringLiteral("empty duration string");
        QTest::addRow("URL as target")
            << QByteArray("scrape_configs:\n  - job_name: x\n    static_configs:\n"
                          "      - targets:\n          - a:1\n          - http://a:1\n")
            << 6 << QStringLiteral("\"http://a:1\" is not a valid hostname");
        QTest::addRow("bad static label name")
            << QByteArray("scrape_configs:\n  - job_name: x\n    static_configs:\n"
                          "      - labels: {\"a-b\": c}\n")
            << 4 << QStringLiteral("\"a-b\" is not a valid label name");
        QTest::addRow("bad external label name")
            << QByteArray("global:\n  external_labels:\n    1a: x\n") << 3
            << QStringLiteral("\"1a\" is not a valid label name");
        QTest::addRow("file_sd bad extension")
            << QByteArray("scrape_configs:\n  - job_name: x\n    file_sd_configs:\n"
                          "      - files: [a.txt]\n")
            << 4 << QStringLiteral("path name \"a.txt\" is not valid for file discovery");
        QTest::addRow("file_sd without files")
            << QByteArray("scrape_configs:\n  - job_name: x\n    file_sd_configs:\n"
                          "      - refresh_interval: 1m\n")
            << 4 << QStringLiteral("must contain at least one path name");
        QTest::addRow("kubernetes role missing")
            << QByteArray("scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs:\n"
                          "      - namespaces: {names: [a]}\n")
            << 4 << QStringLiteral("role missing");
        QTest::addRow("kubernetes role unknown")
            << QByteArray("scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs:\n"
                          "      - role: foo\n")
            << 4 << QStringLiteral("unknown Kubernetes SD role \"foo\"");
        QTest::addRow("basic auth password and file")
            << QByteArray("scrape_configs:\n  - job_name: x\n    basic_auth:\n"
                          "      username: a\n      password: b\n      password_file: c\n")
            << 4
            << QStringLiteral(
                   "at most one of basic_auth password & password_file must be configured");
        QTest::addRow("honor_labels not a bool")
            << QByteArray("scrape_configs:\n  - job_name: x\n    honor_labels: maybe\n") << 3
            << QStringLiteral("expected true or false");
        const QByteArray rel = "scrape_configs:\n  - job_name: x\n    relabel_configs:\n";
        QTest::addRow("replace without target_label")
            << rel + "      - action: replace\n        source_labels: [a]\n"
            << 4
            << QStringLiteral(
                   "relabel configuration for replace action requires 'target_label' value");
        QTest::addRow("hashmod without modulus")
            << rel + "      - action: hashmod\n        source_labels: [a]\n"
                     "        target_label: b\n"
            << 4 << QStringLiteral("relabel configuration for hashmod requires non-zero modulus");
        QTest::addRow("hashmod with a template target")
            << rel + "      - action: hashmod\n        target_label: $1\n        modulus: 3\n"
            << 4 << QStringLiteral("\"$1\" is invalid 'target_label' for hashmod action");
        QTest::addRow("invalid regex") << rel + "      - target_label: a\n        regex: '('\n"
                                       << 5 << QStringLiteral("error parsing regexp:");
        QTest::addRow("unknown action") << rel + "      - action: bogus\n"
                                        << 4 << QStringLiteral("unknown relabel action \"bogus\"");
        QTest::addRow("invalid source label")
            << rel + "      - action: keep\n        source_labels: ['a-b']\n"
            << 5 << QStringLiteral("\"a-b\" is not a valid label name");
        QTest::addRow("invalid target label")
            << rel + "      - action: replace\n        target_label: 'a-b'\n"
            << 4 << QStringLiteral("\"a-b\" is invalid 'target_label' for replace action");
        QTest::addRow("labelmap invalid replacement")
            << rel + "      - action: labelmap\n        regex: a\n        replacement: '${1}-x'\n"
            << 4 << QStringLiteral("\"${1}-x\" is invalid 'replacement' for labelmap action");
        QTest::addRow("labeldrop with source_labels")
            << rel + "      - action: labeldrop\n        source_labels: [a]\n"
            << 4 << QStringLiteral("labeldrop action requires only 'regex', and no other fields");
        QTest::addRow("labelkeep with target_label")
            << rel + "      - action: labelkeep\n        regex: a\n        target_label: b\n"
            << 4 << QStringLiteral("labelkeep action requires only 'regex', and no other fields");
        QTest::addRow("top level is a list")
            << QByteArray("- a\n- b\n") << 1 << QStringLiteral("top level");
    }
    void errors() {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY(!r.config);
        QVERIFY(r.error);
        QVERIFY2(r.error->message.contains(message), qPrintable(r.error->message));
        QCOMPARE(r.error->line, line);
        QVERIFY(formatConfigDiagnostic(*r.error).startsWith(QStringLiteral("line %1: ").arg(line)));
    }

    // Prometheus accepts these; so must the lab (case-insensitive action, template targets).
    void acceptedLikePrometheus() {
        const QByteArray yaml = "scrape_configs:\n  - job_name: x\n    relabel_configs:\n"
                                "      - action: Replace\n        target_label: b\n"
                                "      - action: replace\n        target_label: '${1}b'\n"
                                "      - action: keep\n        regex: a\n        replacement: x\n"
                                "      - regex: ''\n        target_label: c\n"
                                "        replacement: ''\n";
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY2(r.config, r.error ? qPrintable(r.error->message) : "");
        const QList<RelabelRule> &rules = r.config->scrapeConfigs[0].relabelConfigs;
        QCOMPARE(rules[0].action, RelabelRule::Action::Replace);
        QCOMPARE(rules[3].regex, QString());
        QCOMPARE(rules[3].replacement, QByteArray());
    }

    void limitsParsed() {
        const ConfigLoadResult r = loadPrometheusConfig(
            "scrape_configs:\n  - job_name: x\n    body_size_limit: 1.5MB\n"
            "    sample_limit: 10\n    label_limit: 3\n    label_name_length_limit: 4\n"
            "    label_value_length_limit: 5\n    target_limit: 6\n");
        QVERIFY2(r.config, r.error ? qPrintable(r.error->message) : "");
        QVERIFY(r.warnings.isEmpty()); // simulated: no notice
        const ScrapeJobConfig &job = r.config->scrapeConfigs[0];
        QCOMPARE(job.limits.bodySizeLimit, qint64(1536 * 1024));
        QCOMPARE(job.limits.sampleLimit, quint64(10));
        QCOMPARE(job.limits.labelLimit, quint64(3));
        QCOMPARE(job.limits.labelNameLengthLimit, quint64(4));
        QCOMPARE(job.limits.labelValueLengthLimit, quint64(5));
        QCOMPARE(job.targetLimit, quint64(6));
    }

    // Also accepted by promtool 2.42: any scheme (a wrong one fails at scrape time: a notice
    // here), and URLs as targets when relabel_configs may still rewrite __address__.
    void acceptedWithNotice_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("noticeLine"); // 0: no notice
        QTest::addRow("https") << QByteArray(
                                      "scrape_configs:\n  - job_name: x\n    scheme: https\n")
                               << 3;
        QTest::addRow("ftp") << QByteArray("scrape_configs:\n  - job_name: x\n    scheme: ftp\n")
                             << 3;
        QTest::addRow("URL target with relabelling")
            << QByteArray("scrape_configs:\n  - job_name: x\n    static_configs:\n"
                          "      - targets: ['http://a:1/']\n    relabel_configs:\n"
                          "      - target_label: __address__\n        replacement: b:1\n")
            << 0;
    }
    void acceptedWithNotice() {
        QFETCH(QByteArray, yaml);
        QFETCH(int, noticeLine);
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY2(r.config, r.error ? qPrintable(r.error->message) : "");
        QCOMPARE(r.warnings.size(), noticeLine ? 1 : 0);
        if (noticeLine)
            QCOMPARE(r.warnings[0].line, noticeLine);
    }

    // Unknown and repeated keys reject the file with promtool's wording (each message below
    // is what Debian's `promtool check config` 2.42 prints for that file), all of them
    // listed, the first one's line marked, and a hint for the common mistakes.
    void strictKeys_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("hintMentions"); // empty: no hint expected
        QTest::addRow("typo in global")
            << QByteArray("global:\n  scrape_interval: 15s\n  scrape_intervall: 5s\n") << 3
            << QStringLiteral("field scrape_intervall not found in type config.plain") << QString();
        QTest::addRow("lost indentation (the article's snippet flattened)")
            << QByteArray("scrape_configs:\n- job_name: 'nodejs_app'\nscrape_interval: 15s\n"
                          "static_configs:\n- targets: ['localhost:8080']\n")
            << 3
            << QStringLiteral("field scrape_interval not found in type config.plain\n"
                              "line 4: field static_configs not found in type config.plain")
            << QStringLiteral("indentation");
        QTest::addRow("honor_labels inside static_configs")
            << QByteArray("scrape_configs:\n  - job_name: x\n    static_configs:\n"
                          "      - targets: ['a:1']\n        honor_labels: true\n")
            << 5
            << QStringLiteral("field honor_labels not found in type struct { Targets []string "
                              "\"yaml:\\\"targets\\\"\"; Labels model.LabelSet "
                              "\"yaml:\\\"labels\\\"\" }")
            << QStringLiteral("job_name");
        QTest::addRow("honor_labels at the top level")
            << QByteArray("honor_labels: true\nscrape_configs:\n  - job_name: x\n") << 1
            << QStringLiteral("field honor_labels not found in type config.plain")
            << QStringLiteral("job_name");
        QTest::addRow("targets outside static_configs")
            << QByteArray("scrape_configs:\n  - job_name: x\n    targets: ['a:1']\n") << 3
            << QStringLiteral("field targets not found in type config.ScrapeConfig")
            << QStringLiteral("static_configs");
        QTest::addRow("typo in a relabel rule")
            << QByteArray("scrape_configs:\n  - job_name: x\n    relabel_configs:\n"
                          "      - action: keep\n        regx: x\n")
            << 5 << QStringLiteral("field regx not found in type relabel.plain") << QString();
        QTest::addRow("sample_limit under global (2.42 has it per job only)")
            << QByteArray("global:\n  sample_limit: 10\n") << 2
            << QStringLiteral("field sample_limit not found in type config.plain")
            << QStringLiteral("per scrape config");
        QTest::addRow("a discovery Debian's build leaves out")
            << QByteArray("scrape_configs:\n  - job_name: x\n    consul_sd_configs:\n"
                          "      - server: a:8500\n")
            << 3 << QStringLiteral("field consul_sd_configs not found in type config.ScrapeConfig")
            << QString();
        QTest::addRow("unknown key inside an unsimulated block")
            << QByteArray("scrape_configs:\n  - job_name: x\n    tls_config:\n      ca: x\n") << 4
            << QStringLiteral("field ca not found in type config.plain") << QString();
        QTest::addRow("key given twice")
            << QByteArray("scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n"
                          "    scrape_interval: 6s\n")
            << 4 << QStringLiteral("field scrape_interval already set in type config.ScrapeConfig")
            << QStringLiteral("once");
        QTest::addRow("label given twice")
            << QByteArray("scrape_configs:\n  - job_name: a\n    static_configs:\n"
                          "     - targets: [a:1]\n       labels: {a: b, a: c}\n")
            << 5 << QStringLiteral("key \"a\" already set in map") << QString();
    }
    void strictKeys() {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        QFETCH(QString, hintMentions);
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY(!r.config);
        QVERIFY(r.error);
        QCOMPARE(r.error->line, line);
        QCOMPARE(r.error->message, message);
        if (hintMentions.isEmpty())
            QCOMPARE(r.error->hint, QString());
        else
            QVERIFY2(r.error->hint.contains(hintMentions), qPrintable(r.error->hint));
    }

    // A production prometheus.yml with sections the lab does not simulate: accepted, with a
    // notice naming each of them.
    void realWorldFile() {
        const QByteArray yaml = R"(# my global config
global:
  scrape_interval: 15s
  evaluation_interval: 15s
  query_log_file: /tmp/q.log

alerting:
  alertmanagers:
    - static_configs:
        - targets: ['alertmanager:9093']

rule_files:
  - "first_rules.yml"

remote_write:
  - url: http://remote:9201/write

scrape_configs:
  - job_name: "prometheus"
    static_configs:
      - targets: ["localhost:9090"]
  - job_name: node
    tls_config:
      insecure_skip_verify: true
    dns_sd_configs:
      - names: [node.example]
    kubernetes_sd_configs:
      - role: endpoints
        api_server: https://k8s
    static_configs:
      - targets: ["localhost:9100"]
)";
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QVERIFY2(r.config, r.error ? qPrintable(formatConfigDiagnostic(*r.error)) : "");
        QCOMPARE(r.config->scrapeConfigs.size(), 2);
        QList<int> lines;
        for (const ConfigDiagnostic &w : r.warnings)
            lines.append(w.line);
        QCOMPARE(lines, (QList<int>{5, 15, 23, 25, 28, 29}));
        QVERIFY(r.warnings[0].message.contains(QStringLiteral("global.query_log_file")));
        QVERIFY(r.warnings[1].message.contains(QStringLiteral("remote_write")));
        QVERIFY(r.warnings[3].message.contains(QStringLiteral("dns_sd_configs")));
        QVERIFY(r.warnings[4].message.contains(QStringLiteral("endpoints")));
        QVERIFY(r.warnings[5].message.contains(QStringLiteral("api_server")));
        // alerting.alertmanagers is simulated (the notifier sends to it): no notice.
        QCOMPARE(r.config->alerting.alertmanagers.size(), 1);
        QCOMPARE(r.config->alerting.alertmanagers[0].staticConfigs[0].targets,
                 QList<QByteArray>{"alertmanager:9093"});
        QCOMPARE(r.config->alerting.alertmanagers[0].apiVersion, QByteArray("v2"));
        QCOMPARE(r.config->alerting.alertmanagers[0].timeoutMs, 10000);
        // rule_files are loaded by the lab's rule manager: no notice, kept in the config.
        QCOMPARE(r.config->ruleFiles, QStringList{QStringLiteral("first_rules.yml")});
    }

    void alertingSection_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error"); // empty: loads
        QTest::addRow("defaults") << QByteArray(
                                         "alerting:\n  alertmanagers:\n    - static_configs:\n"
                                         "        - targets: [a:9093]\n")
                                  << QString();
        QTest::addRow("v1 is still accepted by 2.42")
            << QByteArray("alerting:\n  alertmanagers:\n    - api_version: v1\n") << QString();
        QTest::addRow("unknown api version")
            << QByteArray("alerting:\n  alertmanagers:\n    - api_version: v3\n")
            << QStringLiteral("expected Alertmanager api version to be one of [v1 v2] but got v3");
        QTest::addRow("url as target")
            << QByteArray("alerting:\n  alertmanagers:\n    - static_configs:\n"
                          "        - targets: ['http://a:9093']\n")
            << QStringLiteral("\"http://a:9093\" is not a valid hostname");
        QTest::addRow("url as target with relabelling")
            << QByteArray("alerting:\n  alertmanagers:\n    - static_configs:\n"
                          "        - targets: ['http://a:9093']\n      relabel_configs:\n"
                          "        - target_label: x\n          replacement: y\n")
            << QString();
        QTest::addRow("null alert relabel rule")
            << QByteArray("alerting:\n  alert_relabel_configs:\n    -\n")
            << QStringLiteral("empty or null alert relabeling rule");
    }
    void alertingSection() {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        QCOMPARE(bool(r.config), error.isEmpty());
        if (!error.isEmpty())
            QCOMPARE(r.error->message, error);
        else
            QVERIFY(r.warnings.isEmpty());
    }
    void alertingFields() {
        const ConfigLoadResult r = loadPrometheusConfig(
            "alerting:\n  alert_relabel_configs:\n    - action: labeldrop\n      regex: replica\n"
            "  alertmanagers:\n    - scheme: https\n      path_prefix: /am\n      timeout: 3s\n"
            "      api_version: v1\n      static_configs:\n        - targets: [a:1, b:2]\n");
        QVERIFY(r.config);
        const AlertmanagerConfig &am = r.config->alerting.alertmanagers.value(0);
        QCOMPARE(am.scheme, QByteArray("https"));
        QCOMPARE(am.pathPrefix, QByteArray("/am"));
        QCOMPARE(am.timeoutMs, 3000);
        QCOMPARE(am.apiVersion, QByteArray("v1"));
        QCOMPARE(am.staticConfigs.value(0).targets, (QList<QByteArray>{"a:1", "b:2"}));
        QCOMPARE(r.config->alerting.alertRelabelConfigs.size(), 1);
    }

    void ruleFilePaths_data() {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("valid");
        QTest::addRow("plain") << QByteArray("rules/a.yml") << true;
        QTest::addRow("glob in the last element") << QByteArray("rules/*.yml") << true;
        QTest::addRow("glob in a directory") << QByteArray("my/*/rule") << false;
    }
    void ruleFilePaths() {
        QFETCH(QByteArray, path);
        QFETCH(bool, valid);
        const ConfigLoadResult r = loadPrometheusConfig("rule_files: ['" + path + "']\n");
        QCOMPARE(bool(r.config), valid);
        if (!valid)
            QCOMPARE(r.error->message,
                     QStringLiteral("invalid rule file path \"%1\"").arg(QString::fromUtf8(path)));
    }

    void loadFromFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("prometheus.yml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("scrape_configs:\n  - job_name: f\n    file_sd_configs:\n"
                "      - files: [sd/targets.json]\n");
        f.close();
        const ConfigLoadResult r = loadPrometheusConfigFile(path);
        QVERIFY(r.config);
        QCOMPARE(r.config->baseDir, dir.path());
        QCOMPARE(r.config->scrapeConfigs[0].fileSdConfigs[0].files,
                 QStringList{dir.filePath(QStringLiteral("sd/targets.json"))});

        const ConfigLoadResult missing = loadPrometheusConfigFile(dir.filePath("nope.yml"));
        QVERIFY(!missing.config);
        QVERIFY(missing.error);
        QCOMPARE(missing.error->line, 0);
    }
};

QTEST_GUILESS_MAIN(TestScrapeConfig)
#include "tst_scrapeconfig.moc"
