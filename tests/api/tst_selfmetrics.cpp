// Issue 20 §4: the lab server's own /metrics against the real Prometheus 2.42's, both started
// from the same prometheus.yml in which each scrapes itself (job prometheus, from a file_sd
// file holding its own address): the same names, types and label names, and the same values
// where they are deterministic (pool and discovered target counts, reload success).
#include "api/headlessserver.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "realpeer.h"
#include "testtarget.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;
using namespace ppl::test;

namespace {

constexpr int WaitMs = 30000;

struct Exposition {
    QMap<QString, QString> types;                 // family → type
    QMap<QString, QMap<QString, double>> samples; // sample name → "k=v,…" → value
    QMap<QString, QSet<QString>> labelNames;      // sample name → label name sets ("a,b")
};

Exposition parse(const QByteArray &body) {
    static const QRegularExpression typeRe(QStringLiteral("^# TYPE (\\S+) (\\S+)$"));
    static const QRegularExpression sampleRe(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$"));
    static const QRegularExpression labelRe(
        QStringLiteral("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\""));
    Exposition e;
    for (const QByteArray &raw : body.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (const auto m = typeRe.match(line); m.hasMatch()) {
            e.types.insert(m.captured(1), m.captured(2));
            continue;
        }
        const auto m = sampleRe.match(line);
        if (line.startsWith(QLatin1Char('#')) || !m.hasMatch())
            continue;
        QStringList pairs, names;
        for (auto it = labelRe.globalMatch(m.captured(2)); it.hasNext();) {
            const auto l = it.next();
            pairs << l.captured(1) + QLatin1Char('=') + l.captured(2);
            names << l.captured(1);
        }
        pairs.sort();
        names.sort();
        const QString value = m.captured(3);
        e.samples[m.captured(1)].insert(pairs.join(QLatin1Char(',')),
                                        value == QLatin1String("NaN") ? qQNaN() : value.toDouble());
        e.labelNames[m.captured(1)].insert(names.join(QLatin1Char(',')));
    }
    return e;
}

Exposition scrape(quint16 port) {
    return parse(
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port))).body);
}

bool writeFile(const QString &path, const QByteArray &text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

QByteArray selfSd(quint16 port) {
    return QStringLiteral("[{\"targets\": [\"127.0.0.1:%1\"]}]\n").arg(port).toUtf8();
}

// Ready when the self-scrape has happened at least three times and the 2 s job has an
// interval.
bool selfScraped(const Exposition &e) {
    const auto intervals =
        e.samples.value(QStringLiteral("prometheus_target_interval_length_seconds_count"));
    return intervals.value(QStringLiteral("interval=1s")) >= 2 &&
           intervals.value(QStringLiteral("interval=2s")) >= 1 &&
           e.samples.value(QStringLiteral("prometheus_http_requests_total"))
                   .value(QStringLiteral("code=200,handler=/metrics")) >= 2;
}

const QStringList Families = {
    QStringLiteral("prometheus_target_interval_length_seconds"),
    QStringLiteral("prometheus_target_scrape_pool_targets"),
    QStringLiteral("prometheus_target_scrapes_exceeded_sample_limit_total"),
    QStringLiteral("prometheus_target_scrapes_sample_duplicate_timestamp_total"),
    QStringLiteral("prometheus_sd_discovered_targets"),
    QStringLiteral("prometheus_tsdb_head_series"),
    QStringLiteral("prometheus_tsdb_head_samples_appended_total"),
    QStringLiteral("prometheus_config_last_reload_successful"),
    QStringLiteral("prometheus_config_last_reload_success_timestamp_seconds"),
    QStringLiteral("prometheus_http_requests_total"),
    QStringLiteral("process_cpu_seconds_total"),
    QStringLiteral("process_resident_memory_bytes"),
    QStringLiteral("process_start_time_seconds"),
    QStringLiteral("process_open_fds"),
    QStringLiteral("process_max_fds"),
    QStringLiteral("process_virtual_memory_bytes"),
    QStringLiteral("process_virtual_memory_max_bytes"),
};

} // namespace

class TestSelfMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSelfMetricsAsPrometheus() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("needs the Debian package prometheus");
        TestTarget live, big;
        QVERIFY(live.listen());
        QVERIFY(big.listen());
        live.setBody("app_requests_total 7\n");
        big.setBody("a 1\nb 2\nc 3\nd 4\ne 5\n");
        const quint16 dead = freeLoopbackPort();
        const QByteArray config = QStringLiteral(R"(global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: prometheus
    file_sd_configs:
      - files: [self.json]
        refresh_interval: 1s
  - job_name: app
    static_configs:
      - targets: ['127.0.0.1:%1', '127.0.0.1:%2']
  - job_name: limited
    scrape_interval: 2s
    sample_limit: 2
    static_configs:
      - targets: ['127.0.0.1:%3']
  - job_name: relabelled
    static_configs:
      - targets: ['127.0.0.1:%1', 'drop.invalid:1', 'drop.invalid:2']
    relabel_configs:
      - source_labels: [__address__]
        regex: drop.*
        action: drop
)")
                                      .arg(live.port())
                                      .arg(dead)
                                      .arg(big.port())
                                      .toUtf8();

        RealPeer prometheus(QStringLiteral("prometheus"),
                            {QStringLiteral("--config.file=prometheus.yml"),
                             QStringLiteral("--storage.tsdb.path=tsdb"),
                             QStringLiteral("--web.enable-lifecycle")});
        const QString promDir = prometheus.tempDir();
        QVERIFY(writeFile(promDir + QStringLiteral("/prometheus.yml"), config));
        QVERIFY(writeFile(promDir + QStringLiteral("/self.json"), "[]\n"));
        QVERIFY2(
            prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
            qPrintable(prometheus.output()));
        QVERIFY(writeFile(promDir + QStringLiteral("/self.json"), selfSd(prometheus.port())));

        QTemporaryDir labDir;
        QVERIFY(writeFile(labDir.filePath(QStringLiteral("prometheus.yml")), config));
        QVERIFY(writeFile(labDir.filePath(QStringLiteral("self.json")), "[]\n"));
        HeadlessServer lab;
        HeadlessServer::Options options;
        options.configPath = labDir.filePath(QStringLiteral("prometheus.yml"));
        options.port = 0;
        options.lifecycle = true;
        QString error;
        const auto labPort = lab.start(options, &error);
        QVERIFY2(labPort, qPrintable(error));
        QVERIFY(writeFile(labDir.filePath(QStringLiteral("self.json")), selfSd(*labPort)));

        QTRY_VERIFY_WITH_TIMEOUT(selfScraped(scrape(prometheus.port())), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(selfScraped(scrape(*labPort)), WaitMs);
        const Exposition real = scrape(prometheus.port());
        const Exposition ours = scrape(*labPort);

        // Names, types and label names.
        for (const QString &family : Families) {
            QVERIFY2(real.types.contains(family), qPrintable(family));
            QCOMPARE(ours.types.value(family), real.types.value(family));
            QStringList sampleNames{family};
            if (real.types.value(family) == QLatin1String("summary"))
                sampleNames << family + QStringLiteral("_sum") << family + QStringLiteral("_count");
            for (const QString &name : sampleNames)
                QVERIFY2(ours.labelNames.value(name) == real.labelNames.value(name),
                         qPrintable(name + QStringLiteral(": ") +
                                    ours.labelNames.value(name).values().join(' ') +
                                    QStringLiteral(" vs ") +
                                    real.labelNames.value(name).values().join(' ')));
        }
        // Deterministic values.
        for (const char *name :
             {"prometheus_target_scrape_pool_targets", "prometheus_sd_discovered_targets",
              "prometheus_config_last_reload_successful",
              "prometheus_target_scrapes_sample_duplicate_timestamp_total"})
            QCOMPARE(ours.samples.value(QLatin1String(name)),
                     real.samples.value(QLatin1String(name)));
        QCOMPARE(ours.samples.value("prometheus_target_scrape_pool_targets")
                     .value(QStringLiteral("scrape_job=relabelled")),
                 1.0);
        QCOMPARE(ours.samples.value("prometheus_sd_discovered_targets")
                     .value(QStringLiteral("config=relabelled,name=scrape")),
                 3.0);
        // Both have intervals of both configured lengths, near what was configured.
        for (const Exposition *e : {&real, &ours}) {
            const auto counts =
                e->samples.value(QStringLiteral("prometheus_target_interval_length_seconds_count"));
            QCOMPARE(counts.keys(), (QStringList{"interval=1s", "interval=2s"}));
            const double median = e->samples.value("prometheus_target_interval_length_seconds")
                                      .value(QStringLiteral("interval=1s,quantile=0.5"));
            QVERIFY2(median > 0.8 && median < 1.2, qPrintable(QString::number(median)));
            QVERIFY(e->samples.value("prometheus_target_scrapes_exceeded_sample_limit_total")
                        .value(QString()) >= 1);
            QVERIFY(e->samples.value("prometheus_tsdb_head_series").value(QString()) > 0);
            QVERIFY(e->samples.value("prometheus_tsdb_head_samples_appended_total")
                        .value(QStringLiteral("type=float")) > 0);
            QCOMPARE(e->samples.value("prometheus_tsdb_head_samples_appended_total")
                         .value(QStringLiteral("type=histogram")),
                     0.0);
            const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000;
            const double started = e->samples.value("process_start_time_seconds").value(QString());
            QVERIFY2(started > now - 600 && started <= now + 1,
                     qPrintable(QString::number(started, 'f', 3)));
            const double reloaded =
                e->samples.value("prometheus_config_last_reload_success_timestamp_seconds")
                    .value(QString());
            QVERIFY(reloaded >= started - 1 && reloaded <= now + 1);
            QVERIFY(e->samples.value("process_open_fds").value(QString()) > 0);
            QVERIFY(e->samples.value("process_max_fds").value(QString()) >=
                    e->samples.value("process_open_fds").value(QString()));
            QVERIFY(e->samples.value("process_resident_memory_bytes").value(QString()) > 0);
            QVERIFY(e->samples.value("process_virtual_memory_bytes").value(QString()) >
                    e->samples.value("process_resident_memory_bytes").value(QString()));
        }

        // A broken reload: both say so, and keep the last success's time.
        const double ourSuccess =
            ours.samples.value("prometheus_config_last_reload_success_timestamp_seconds")
                .value(QString());
        const QByteArray broken = config + "  - job_name: app\n";
        QVERIFY(writeFile(promDir + QStringLiteral("/prometheus.yml"), broken));
        QVERIFY(writeFile(labDir.filePath(QStringLiteral("prometheus.yml")), broken));
        for (const quint16 port : {prometheus.port(), *labPort})
            QCOMPARE(
                httpRequest("POST", QUrl(QStringLiteral("http://127.0.0.1:%1/-/reload").arg(port)))
                    .status,
                500);
        for (const quint16 port : {prometheus.port(), *labPort})
            QCOMPARE(scrape(port)
                         .samples.value("prometheus_config_last_reload_successful")
                         .value(QString()),
                     0.0);
        QCOMPARE(scrape(*labPort)
                     .samples.value("prometheus_config_last_reload_success_timestamp_seconds")
                     .value(QString()),
                 ourSuccess);
    }

    // The built-in monitor-the-monitoring: the lab scrapes its own /metrics as job prometheus,
    // so its self-metrics land in its own store and answer queries.
    void builtInScenarioScrapesTheLabItself() {
        const ScenarioLoadResult r =
            loadScenarioByNameOrFile(QStringLiteral("monitor-the-monitoring"));
        QVERIFY2(r.scenario, r.error ? qPrintable(r.error->toString()) : "");
        Lab lab;
        QString error;
        QVERIFY2(lab.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        const QString self = QStringLiteral("127.0.0.1:%1").arg(lab.serverUrl().port());
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(lab.serverUrl(), QStringLiteral("up{job=\"prometheus\"}")),
            (QMap<QString, QString>{
                {QStringLiteral("__name__=up,instance=%1,job=prometheus").arg(self), "1"}}),
            WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(lab.serverUrl(), QStringLiteral("prometheus_target_scrape_pool_targets")),
            (QMap<QString, QString>{
                {QStringLiteral("__name__=prometheus_target_scrape_pool_targets,instance=%1,"
                                "job=prometheus,scrape_job=nodejs_app")
                     .arg(self),
                 "2"},
                {QStringLiteral("__name__=prometheus_target_scrape_pool_targets,instance=%1,"
                                "job=prometheus,scrape_job=prometheus")
                     .arg(self),
                 "1"}}),
            WaitMs);
    }
};

QTEST_GUILESS_MAIN(TestSelfMetrics)
#include "tst_selfmetrics.moc"
