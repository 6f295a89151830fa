// The command line of pullpush-lab: the lines scripts rely on, exit codes, clean shutdown.
#include "realpeer.h"

#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

using ppl::test::httpRequest;

namespace {

QString labBinary() {
    return qEnvironmentVariable("PPL_LAB_BINARY");
}

// Starts the lab and waits (bounded) until it has printed `count` lines.
std::unique_ptr<QProcess> startLab(const QStringList &args, int count) {
    auto process = std::make_unique<QProcess>();
    process->start(labBinary(), args);
    if (!process->waitForStarted(5000))
        return process;
    QElapsedTimer timer;
    timer.start();
    while (process->state() == QProcess::Running && timer.elapsed() < 15000) {
        const QByteArray seen = process->peek(1 << 20);
        if (seen.count('\n') >= count)
            break;
        process->waitForReadyRead(200);
    }
    return process;
}

QUrl urlOnLine(const QByteArray &output, const QString &prefix) {
    const QRegularExpression re(QStringLiteral("^%1 (http://\\S+)$").arg(prefix),
                                QRegularExpression::MultilineOption);
    const auto match = re.match(QString::fromUtf8(output));
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

int finish(QProcess &process) {
    process.terminate(); // SIGTERM, as a service manager would send
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(2000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(labBinary()), qPrintable(labBinary())); }

    void versionAndHelp() {
        QProcess p;
        p.start(labBinary(), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("pullpush-lab " PPL_VERSION));
        p.start(labBinary(), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10000));
        const QByteArray help = p.readAllStandardOutput();
        for (const char *option :
             {"--check-metrics", "--check-rules", "--headless", "--gateway-listen",
              "--gateway-persistence", "--config", "--listen", "--scenario", "--duration",
              "--list-scenarios", "--lab-token", "--gateway-persistence-interval",
              "--check-config"})
            QVERIFY2(help.contains(option), option);
    }

    void listScenariosNamesFirst() {
        QProcess p;
        p.start(labBinary(), {QStringLiteral("--list-scenarios")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QStringList names;
        for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
            if (!line.isEmpty())
                names << QString::fromUtf8(line.split(' ').first());
        names.sort();
        QCOMPARE(names,
                 (QStringList{"duplicate-pushers", "firewall", "honor-labels", "hybrid",
                              "monitor-the-monitoring", "probing-from-outside", "pull-basics",
                              "service-discovery", "short-lived-job", "stale-metrics"}));
    }

    void headlessGatewayPersistsAcrossRestart() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("gateway.db"));
        const QStringList args{QStringLiteral("--headless"), QStringLiteral("--gateway-listen"),
                               QStringLiteral("127.0.0.1:0"),
                               QStringLiteral("--gateway-persistence"), file};
        auto first = startLab(args, 1);
        const QUrl gateway = urlOnLine(first->peek(1 << 20), QStringLiteral("gateway"));
        QVERIFY2(gateway.isValid() && gateway.port() > 0, first->peek(1 << 20).constData());
        QVERIFY(gateway.port() != 9091); // port 0 means the OS chooses
        const auto put =
            httpRequest("PUT", gateway.resolved(QUrl("/metrics/job/backup")), "job_exit_code 0\n");
        QCOMPARE(put.status, 200);
        QCOMPARE(finish(*first), 0);
        QVERIFY(QFile::exists(file)); // written on SIGTERM

        auto second = startLab(args, 1);
        const QUrl again = urlOnLine(second->peek(1 << 20), QStringLiteral("gateway"));
        QVERIFY(again.isValid());
        const auto metrics = httpRequest("GET", again.resolved(QUrl("/metrics")));
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("job_exit_code{instance=\"\",job=\"backup\"} 0"),
                 metrics.body.left(400).constData());
        QCOMPARE(finish(*second), 0);
    }

    // Issue 18, defect 9: the real gateway's --persistence.interval, here
    // --gateway-persistence-interval; the file is the owner's only (0600).
    void headlessGatewayPersistenceInterval() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("gateway.db"));
        auto lab =
            startLab({QStringLiteral("--headless"), QStringLiteral("--gateway-listen"),
                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--gateway-persistence"), file,
                      QStringLiteral("--gateway-persistence-interval"), QStringLiteral("1s")},
                     1);
        const QUrl gateway = urlOnLine(lab->peek(1 << 20), QStringLiteral("gateway"));
        QVERIFY2(gateway.isValid(), lab->peek(1 << 20).constData());
        QCOMPARE(httpRequest("PUT", gateway.resolved(QUrl("/metrics/job/j")), "a 1\n").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 10000); // the default would be 5 minutes
        QCOMPARE(QFile::permissions(file) & 0x7077,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QByteArray status = httpRequest("GET", gateway.resolved(QUrl("/api/v1/status"))).body;
        QVERIFY2(status.contains("\"persistence.interval\":\"1s\""), status.constData());
        QCOMPARE(finish(*lab), 0);
    }

    // Issue 18, defect 2: with --lab-token the control API wants the bearer token.
    void labTokenGuardsTheControlApi() {
        auto lab = startLab({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                             QStringLiteral("pull-basics"), QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:0"), QStringLiteral("--gateway-listen"),
                             QStringLiteral("127.0.0.1:0"), QStringLiteral("--lab-token"),
                             QStringLiteral("classroom-7")},
                            1);
        const QUrl server = urlOnLine(lab->peek(1 << 20), QStringLiteral("server"));
        QVERIFY2(server.isValid(), lab->peek(1 << 20).constData());
        const QUrl pause = server.resolved(QUrl("/lab/pause"));
        QCOMPARE(httpRequest("POST", pause).status, 401);
        QCOMPARE(httpRequest("POST", pause, {}, {{"Authorization", "Bearer classroom-7"}}).status,
                 200);
        QCOMPARE(finish(*lab), 0);
    }

    void headlessServerAnswersAndRejectsBadConfig() {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("scrape_configs:\n  - job_name: 'nodejs_app'\n    scrape_interval: 15s\n"
                "    static_configs:\n      - targets: ['localhost:8080']\n");
        f.close();
        auto lab = startLab({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                             QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                            1);
        const QUrl server = urlOnLine(lab->peek(1 << 20), QStringLiteral("server"));
        QVERIFY2(server.isValid(), lab->peek(1 << 20).constData());
        QCOMPARE(httpRequest("GET", server.resolved(QUrl("/-/ready"))).status, 200);
        const auto targets = httpRequest("GET", server.resolved(QUrl("/api/v1/targets")));
        QVERIFY(targets.body.contains("\"scrapePool\":\"nodejs_app\""));
        QCOMPARE(finish(*lab), 0);

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("scrape_configs:\n  - job_name: x\n    scrape_interval: 5s\n"
                "    scrape_timeout: 10s\n");
        f.close();
        QProcess bad;
        bad.start(labBinary(), {QStringLiteral("--headless"), QStringLiteral("--config"), config,
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 1);
        const QByteArray err = bad.readAllStandardError();
        QVERIFY2(err.contains("parsing YAML file") && err.contains("scrape timeout"),
                 err.constData());
    }

    // Issue 13: the --query.* flags reach the HTTP API. The same configuration (one target
    // that refuses connections, so `up` is 0 every second) in the lab and in the real
    // Prometheus 2.42, both with --query.max-samples=2: a range selector over more samples
    // fails with the same errorType, status and text. --query.lookback-delta decides whether a
    // sample 10 s old is still seen.
    void queryFlagsReachTheApi() {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("global:\n  scrape_interval: 1s\nscrape_configs:\n"
                               "  - job_name: 'gone'\n    static_configs:\n"
                               "      - targets: ['127.0.0.1:%1']\n")
                    .arg(ppl::test::freeLoopbackPort())
                    .toUtf8());
        f.close();
        auto lab = startLab({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                             QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--query.max-samples=2"),
                             QStringLiteral("--query.lookback-delta=3s")},
                            1);
        const QUrl server = urlOnLine(lab->peek(1 << 20), QStringLiteral("server"));
        QVERIFY2(server.isValid(), lab->peek(1 << 20).constData());
        ppl::test::RealPeer prometheus(
            QStringLiteral("prometheus"),
            {QStringLiteral("--config.file=") + config,
             QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
             QStringLiteral("--query.max-samples=2")});
        QVERIFY2(
            prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
            qPrintable(prometheus.output()));
        auto ask = [](const QUrl &base, const QString &query, const QString &time = {}) {
            QUrl url = base.resolved(QUrl(QStringLiteral("/api/v1/query")));
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("query"), query);
            if (!time.isEmpty())
                q.addQueryItem(QStringLiteral("time"), time);
            url.setQuery(q);
            return httpRequest("GET", url);
        };
        // Scraped for 3 s at least on both sides (a query of one sample a series: the limit
        // of 2 holds), so up[1m] holds more samples than the limit.
        QTRY_VERIFY_WITH_TIMEOUT(
            ask(server, QStringLiteral("up offset 3s")).body.contains("\"gone\""), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            ask(prometheus.url(), QStringLiteral("up offset 3s")).body.contains("\"gone\""), 15000);
        const auto real = ask(prometheus.url(), QStringLiteral("up[1m]"));
        const auto ours = ask(server, QStringLiteral("up[1m]"));
        QCOMPARE(ours.status, real.status);
        QCOMPARE(ours.body, real.body);
        QVERIFY(ours.body.contains("query processing would load too many samples"));
        // Within the limit: one sample at a time.
        QCOMPARE(ask(server, QStringLiteral("up")).status, 200);

        // Lookback 3 s: `up` 10 s after now is gone; 1 s after now it is there.
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000;
        QVERIFY(
            ask(server, QStringLiteral("up"), QString::number(now + 1)).body.contains("\"gone\""));
        QVERIFY(!ask(server, QStringLiteral("up"), QString::number(now + 10))
                     .body.contains("\"gone\""));
        QCOMPARE(finish(*lab), 0);

        // A bad value is refused at start, naming the flag.
        QProcess bad;
        bad.start(labBinary(), {QStringLiteral("--headless"), QStringLiteral("--config"), config,
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--query.max-samples=lots")});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("--query.max-samples"));
    }

    // As Prometheus: POST /-/reload is refused (403) unless --web.enable-lifecycle; SIGHUP
    // always re-reads the file, and a broken file keeps the running configuration.
    void reloadNeedsTheLifecycleFlagSighupAlwaysWorks() {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
        const auto writeConfig = [&](const QByteArray &job) {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("scrape_configs:\n  - job_name: '" + job +
                    "'\n    static_configs:\n      - targets: ['localhost:1']\n");
        };
        const auto pools = [](const QUrl &server) {
            return httpRequest("GET", server.resolved(QUrl("/api/v1/targets"))).body;
        };
        writeConfig("first");
        auto plain = startLab({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                              1);
        const QUrl server = urlOnLine(plain->peek(1 << 20), QStringLiteral("server"));
        QVERIFY(server.isValid());
        const auto refused = httpRequest("POST", server.resolved(QUrl("/-/reload")));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.body, QByteArray("Lifecycle API is not enabled."));
        // SIGHUP: the new job replaces the old one.
        writeConfig("second");
        QVERIFY(::kill(pid_t(plain->processId()), SIGHUP) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(pools(server).contains("\"scrapePool\":\"second\""), 5000);
        QVERIFY(!pools(server).contains("\"scrapePool\":\"first\""));
        QCOMPARE(finish(*plain), 0);

        writeConfig("third");
        auto lifecycle = startLab({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--web.enable-lifecycle")},
                                  1);
        const QUrl server2 = urlOnLine(lifecycle->peek(1 << 20), QStringLiteral("server"));
        QVERIFY(server2.isValid());
        writeConfig("fourth");
        QCOMPARE(httpRequest("POST", server2.resolved(QUrl("/-/reload"))).status, 200);
        QVERIFY(pools(server2).contains("\"scrapePool\":\"fourth\""));
        QCOMPARE(finish(*lifecycle), 0);
    }

    void headlessScenarioPrintsEndpointsAndEnds() {
        QProcess p;
        p.start(labBinary(),
                {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                 QStringLiteral("pull-basics"), QStringLiteral("--duration"), QStringLiteral("1"),
                 QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(urlOnLine(out, QStringLiteral("server")).isValid(), out.constData());
        const QRegularExpression target(
            QStringLiteral("^target (\\S+) http://127\\.0\\.0\\.1:\\d+/metrics$"),
            QRegularExpression::MultilineOption);
        int targets = 0;
        for (auto it = target.globalMatch(QString::fromUtf8(out)); it.hasNext(); it.next())
            ++targets;
        QVERIFY2(targets >= 3, out.constData()); // pull-basics scrapes at least three services
    }

    // Issue 12 §4: a headless run ends with a summary, and --report writes it as JSON. A
    // target killed at the start is down in it, a live one up; the gateway's count of
    // accepted pushes equals the lab's own successful pushes (nobody else pushed).
    void headlessScenarioReportsItsRun() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString scenario = dir.filePath(QStringLiteral("report.yaml"));
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name: report-check\n"
                   "prometheus: |\n"
                   "  global:\n"
                   "    scrape_interval: 1s\n"
                   "  scrape_configs:\n"
                   "    - job_name: 'app'\n"
                   "      static_configs:\n"
                   "        - targets: ['{{target:alive}}', '{{target:dead}}']\n"
                   "    - job_name: 'pushgateway'\n"
                   "      honor_labels: true\n"
                   "      static_configs:\n"
                   "        - targets: ['{{gateway}}']\n"
                   "targets:\n"
                   "  - name: alive\n"
                   "  - name: dead\n"
                   "jobs:\n"
                   "  - name: backup\n"
                   "    duration: 200ms\n"
                   "    push: push\n"
                   "    every: 1s\n"
                   "    run_at_start: true\n"
                   "actions:\n"
                   "  - at: 0s\n"
                   "    kill: dead\n");
        file.close();
        const QString report = dir.filePath(QStringLiteral("run.json"));
        QProcess p;
        p.start(labBinary(),
                {QStringLiteral("--headless"), QStringLiteral("--scenario"), scenario,
                 QStringLiteral("--duration"), QStringLiteral("4"), QStringLiteral("--report"),
                 report, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains("summary of report-check"), out.constData());
        QFile json(report);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("scenario")).toString(), QStringLiteral("report-check"));
        QMap<QString, QJsonObject> targets;
        for (const QJsonValue &t : root.value(QStringLiteral("targets")).toArray()) {
            const QJsonObject o = t.toObject();
            QVERIFY(o.value(QStringLiteral("up")).toDouble() <=
                    o.value(QStringLiteral("scrapes")).toDouble());
            // Each line of the summary names its target with the same counts.
            const QString line =
                QStringLiteral("target %1 %2: up %3 % of %4 scrapes")
                    .arg(o.value(QStringLiteral("job")).toString(),
                         o.value(QStringLiteral("instance")).toString())
                    .arg(o.value(QStringLiteral("upRatio")).toDouble() * 100, 0, 'f', 0)
                    .arg(o.value(QStringLiteral("scrapes")).toInt());
            QVERIFY2(out.contains(line.toUtf8()), qPrintable(line + QLatin1Char('\n') + out));
            targets.insert(o.value(QStringLiteral("job")).toString() + QLatin1Char('/') +
                               o.value(QStringLiteral("instance")).toString(),
                           o);
        }
        int appTargets = 0, deadSeen = 0;
        for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
            if (!it.key().startsWith(QLatin1String("app/")))
                continue;
            ++appTargets;
            QVERIFY2(it->value(QStringLiteral("scrapes")).toInt() >= 2, qPrintable(it.key()));
            if (it->value(QStringLiteral("upRatio")).toDouble() == 0.0) {
                ++deadSeen;
                QVERIFY(!it->value(QStringLiteral("lastError")).toString().isEmpty());
            } else {
                QCOMPARE(it->value(QStringLiteral("upRatio")).toDouble(), 1.0);
            }
        }
        QCOMPARE(appTargets, 2);
        QCOMPARE(deadSeen, 1);
        const QJsonObject gateway = root.value(QStringLiteral("gateway")).toObject();
        const double ok = root.value(QStringLiteral("labPushes"))
                              .toObject()
                              .value(QStringLiteral("ok"))
                              .toDouble();
        QVERIFY(ok >= 2);
        QCOMPARE(gateway.value(QStringLiteral("accepted")).toDouble(), ok);
        QCOMPARE(gateway.value(QStringLiteral("rejected")).toDouble(), 0.0);
        QCOMPARE(gateway.value(QStringLiteral("groupsHeld")).toInt(), 1);

        // A report that cannot be written: the summary still prints, the exit code says so.
        QProcess bad;
        bad.start(labBinary(),
                  {QStringLiteral("--headless"), QStringLiteral("--scenario"), scenario,
                   QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--report"),
                   dir.filePath(QStringLiteral("missing/dir/run.json")), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--gateway-listen"),
                   QStringLiteral("127.0.0.1:0")});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("--report: cannot write"));
    }

    // Issue 12 §4: --gateway-basic-auth holds on every path that starts a gateway. Through
    // the window's start-up (offscreen): a push without credentials gets 401, with them 200,
    // and the lab's own job (told the password) gets its group in. Through a scenario run
    // without the password: the lab's own push is refused like anyone's.
    void gatewayBasicAuthHoldsInTheWindowAndScenarioRuns() {
        QProcess htpasswd;
        htpasswd.start(QStringLiteral("htpasswd"),
                       {QStringLiteral("-nbBC"), QStringLiteral("4"), QStringLiteral("student"),
                        QStringLiteral("s3cret")});
        QVERIFY2(htpasswd.waitForFinished(10000), "htpasswd (apache2-utils) is needed");
        const QString userHash = QString::fromUtf8(htpasswd.readAllStandardOutput().trimmed());
        QVERIFY2(userHash.startsWith(QLatin1String("student:$2")), qPrintable(userHash));
        QTemporaryDir settings;
        QVERIFY(settings.isValid());

        const quint16 port = ppl::test::freeLoopbackPort();
        QProcess window;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), settings.path());
        env.insert(QStringLiteral("PULLPUSH_GATEWAY_PASSWORD"), QStringLiteral("s3cret"));
        window.setProcessEnvironment(env);
        window.start(labBinary(),
                     {QStringLiteral("--scenario"), QStringLiteral("short-lived-job"),
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                      QStringLiteral("--gateway-basic-auth"), userHash});
        QVERIFY(window.waitForStarted(5000));
        const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
        const QUrl group = base.resolved(QUrl(QStringLiteral("/metrics/job/outsider")));
        QTRY_VERIFY_WITH_TIMEOUT(httpRequest("GET", base.resolved(QUrl("/-/healthy"))).status != 0,
                                 20000);
        QCOMPARE(httpRequest("PUT", group, "a 1\n").status, 401);
        const QList<QPair<QByteArray, QByteArray>> good{
            {"Authorization", "Basic " + QByteArray("student:s3cret").toBase64()}};
        const QList<QPair<QByteArray, QByteArray>> wrong{
            {"Authorization", "Basic " + QByteArray("student:guess").toBase64()}};
        QCOMPARE(httpRequest("PUT", group, "a 1\n", wrong).status, 401);
        QCOMPARE(httpRequest("PUT", group, "a 1\n", good).status, 200);
        // The scenario's backup job pushes at start with the password it was given.
        QTRY_VERIFY_WITH_TIMEOUT(
            httpRequest("GET", base.resolved(QUrl("/metrics")), {}, good)
                .body.contains("push_time_seconds{instance=\"db-1\",job=\"database_backup\"}"),
            20000);
        // The window has no SIGTERM handler of its own (a desktop app): terminated, not judged.
        window.terminate();
        if (!window.waitForFinished(10000)) {
            window.kill();
            window.waitForFinished(2000);
        }

        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("run.json"));
        QProcess run;
        run.start(labBinary(), {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                                QStringLiteral("short-lived-job"), QStringLiteral("--duration"),
                                QStringLiteral("4"), QStringLiteral("--report"), report,
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--gateway-basic-auth"), userHash});
        QVERIFY(run.waitForFinished(30000));
        QCOMPARE(run.exitCode(), 0);
        QFile json(report);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject gateway = QJsonDocument::fromJson(json.readAll())
                                        .object()
                                        .value(QStringLiteral("gateway"))
                                        .toObject();
        QCOMPARE(gateway.value(QStringLiteral("accepted")).toInt(), 0);
        QVERIFY(gateway.value(QStringLiteral("rejected")).toInt() >= 1);
        QCOMPARE(gateway.value(QStringLiteral("groupsHeld")).toInt(), 0);

        // A password that does not match the hash is refused at start.
        QProcess mismatch;
        env.insert(QStringLiteral("PULLPUSH_GATEWAY_PASSWORD"), QStringLiteral("other"));
        mismatch.setProcessEnvironment(env);
        mismatch.start(labBinary(),
                       {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                        QStringLiteral("short-lived-job"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--gateway-listen"),
                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--gateway-basic-auth"),
                        userHash});
        QVERIFY(mismatch.waitForFinished(20000));
        QVERIFY(mismatch.exitCode() != 0);
        QVERIFY(mismatch.readAllStandardError().contains("does not match"));
    }

    // Issue 20 §3: a scenario's real exporters are announced like targets and stop with it.
    void headlessScenarioPrintsItsExporters() {
        if (!QFile::exists(QStringLiteral("/usr/bin/prometheus-node-exporter")) ||
            !QFile::exists(QStringLiteral("/usr/bin/prometheus-blackbox-exporter")))
            QSKIP("needs prometheus-node-exporter and prometheus-blackbox-exporter");
        QProcess p;
        p.start(labBinary(),
                {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                 QStringLiteral("probing-from-outside"), QStringLiteral("--duration"),
                 QStringLiteral("1"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QRegularExpression exporter(
            QStringLiteral("^exporter (blackbox|node) (http://127\\.0\\.0\\.1:\\d+)$"),
            QRegularExpression::MultilineOption);
        QStringList names;
        for (auto it = exporter.globalMatch(out); it.hasNext();) {
            const auto m = it.next();
            names << m.captured(1);
            // Stopped with the lab: nothing answers there any more.
            QCOMPARE(httpRequest("GET", QUrl(m.captured(2) + QStringLiteral("/metrics"))).status,
                     0);
        }
        QCOMPARE(names, (QStringList{"blackbox", "node"}));
    }

    // The README's screenshots are made this way: the real binary, offscreen, a built-in
    // scenario, a few seconds of the lab running, a PNG, exit 0. The user's settings (here a
    // private config home) are neither read nor written.
    void screenshotRendersTheWindowAndExits() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("window.png"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(labBinary(), {QStringLiteral("--scenario"), QStringLiteral("pull-basics"),
                              QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--screenshot"), png, QStringLiteral("--after"),
                              QStringLiteral("2.5")});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 p.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY2(!QDir(dir.filePath(QStringLiteral("config/PullPushLab"))).exists(),
                 "a screenshot run wrote the user's settings");
    }

    // Issue 20 §2: --check-config prints what `promtool check config --syntax-only` prints, on
    // the same streams, with its exit code; --headless --config refuses with the same error.
    void checkConfigAsPromtool_data() {
        QTest::addColumn<QString>("file");
        const QDir corpus(qEnvironmentVariable("PPL_SOURCE_DIR") +
                          QStringLiteral("/tests/scrapeconfig/data/upstream-testdata"));
        for (const char *name :
             {"agent_mode.good.yml", "global_timeout.good.yml", "jobname.bad.yml",
              "bearertoken_basicauth.bad.yml", "empty_rw_config.bad.yml",
              "azure_client_id_missing.bad.yml", "jobname_dup.bad.yml", "labelname.bad.yml",
              "scrape_body_size_limit.bad.yml", "unknown_attr.bad.yml"})
            QTest::newRow(name) << corpus.filePath(QLatin1String(name));
        const QString tmp = m_tmp.path();
        const auto write = [&](const char *name, const QByteArray &yaml) {
            QFile f(tmp + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(yaml);
            QTest::newRow(name) << f.fileName();
        };
        write("blackbox.yml", "scrape_configs:\n  - job_name: blackbox\n    metrics_path: /probe\n"
                              "    params:\n      module: [http_2xx]\n    static_configs:\n"
                              "      - targets: ['http://127.0.0.1:1/']\n    relabel_configs:\n"
                              "      - source_labels: [__address__]\n"
                              "        target_label: __param_target\n"
                              "      - target_label: __address__\n"
                              "        replacement: 127.0.0.1:9115\n");
        write("bad-duration.yml", "scrape_configs:\n - job_name: a\n   scrape_interval: 1x\n");
        write("unknown-fields.yml", "global:\n  foo: 1\nscrape_configs:\n - job_name: a\n"
                                    "   bar: 2\n   baz: [3]\n");
        write("uint-type.yml", "scrape_configs:\n - job_name: a\n   sample_limit: lots\n");
        write("timeout-over-interval.yml", "scrape_configs:\n  - job_name: x\n"
                                           "    scrape_interval: 5s\n    scrape_timeout: 10s\n");
    }
    void checkConfigAsPromtool() {
        QFETCH(QString, file);
        if (!QFile::exists(QStringLiteral("/usr/bin/promtool")))
            QSKIP("promtool (Debian package prometheus) is not installed");
        QVERIFY(QFile::exists(file));
        QProcess real;
        real.start(QStringLiteral("/usr/bin/promtool"),
                   {QStringLiteral("check"), QStringLiteral("config"),
                    QStringLiteral("--syntax-only"), file});
        QVERIFY(real.waitForFinished(30000));
        QProcess lab;
        lab.start(labBinary(), {QStringLiteral("--check-config"), file});
        QVERIFY(lab.waitForFinished(30000));
        const QByteArray realErr = real.readAllStandardError();
        const QByteArray labErr = lab.readAllStandardError();
        QCOMPARE(lab.exitCode(), real.exitCode());
        QCOMPARE(lab.readAllStandardOutput(), real.readAllStandardOutput());
        // The lab may add a hint or notices after promtool's lines, never change them.
        QVERIFY2(labErr.startsWith(realErr),
                 qPrintable(QStringLiteral("promtool:\n%1\nlab:\n%2")
                                .arg(QString::fromUtf8(realErr), QString::fromUtf8(labErr))));
        if (real.exitCode() == 0) {
            // Accepted, and what the lab will not act on is said (remote_write here).
            if (file.endsWith(QLatin1String("agent_mode.good.yml")))
                QVERIFY2(labErr.contains("notice: line 1: remote_write is valid for Prometheus "
                                         "2.42 but not simulated by the lab"),
                         labErr.constData());
            return;
        }
        // The server refuses the same file with the same words.
        QProcess server;
        server.start(labBinary(), {QStringLiteral("--headless"), QStringLiteral("--config"), file,
                                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 1);
        const QByteArray failed = realErr.trimmed().mid(qsizetype(qstrlen("FAILED: ")));
        const QByteArray serverErr = server.readAllStandardError();
        QVERIFY2(serverErr.contains("couldn't load configuration (--config.file=\"" +
                                    file.toUtf8() + "\"): " + failed),
                 serverErr.constData());
    }

    // The executable's --check-rules prints what promtool check rules prints, on the same
    // streams, for several files at once (one good, one bad: exit 1).
    void checkRulesAsPromtool() {
        if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
            QSKIP("promtool is not installed");
        const QString dir =
            qEnvironmentVariable("PPL_SOURCE_DIR") + QStringLiteral("/tests/rules/data/checkrules");
        const QStringList files{QStringLiteral("good.yml"), QStringLiteral("unknown-key.yml"),
                                QStringLiteral("duplicate-rules-lint-reported-exit-0.yml")};
        QProcess lab, promtool;
        lab.setWorkingDirectory(dir);
        promtool.setWorkingDirectory(dir);
        lab.start(labBinary(), QStringList{QStringLiteral("--check-rules")} + files);
        promtool.start(QStringLiteral("promtool"),
                       QStringList{QStringLiteral("check"), QStringLiteral("rules")} + files);
        QVERIFY(lab.waitForFinished(10000));
        QVERIFY(promtool.waitForFinished(30000));
        QCOMPARE(lab.exitCode(), 1);
        QCOMPARE(lab.exitCode(), promtool.exitCode());
        QCOMPARE(lab.readAllStandardOutput(), promtool.readAllStandardOutput());
        QCOMPARE(lab.readAllStandardError(), promtool.readAllStandardError());
    }

    void badInvocationsFailClearly_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("headless alone")
            << QStringList{"--headless"} << 2 << QByteArray("--scenario");
        QTest::addRow("unknown scenario")
            << QStringList{"--headless", "--scenario", "no-such-scenario"} << 1
            << QByteArray("no-such-scenario");
        QTest::addRow("bad gateway address")
            << QStringList{"--headless", "--gateway-listen", "nonsense"} << 2
            << QByteArray("--gateway-listen");
        QTest::addRow("bad persistence interval")
            << QStringList{"--headless", "--gateway-listen", "127.0.0.1:0",
                           "--gateway-persistence-interval", "soon"}
            << 2 << QByteArray("--gateway-persistence-interval");
        // Issue 18, defect 2: no control API for other machines without a token (refused
        // before anything binds).
        QTest::addRow("lab on every address without token")
            << QStringList{"--headless", "--scenario",       "pull-basics", "--listen",
                           "0.0.0.0:0",  "--gateway-listen", "127.0.0.1:0"}
            << 1 << QByteArray("--lab-token");
        QTest::addRow("gateway admin API on every address without token")
            << QStringList{"--headless", "--gateway-listen", "0.0.0.0:0", "--gateway-admin-api"}
            << 1 << QByteArray("--lab-token");
        QTest::addRow("missing config file")
            << QStringList{"--check-config", "/nonexistent/prometheus.yml"} << 1
            << QByteArray("path '/nonexistent/prometheus.yml' does not exist");
        QTest::addRow("export world without scenario")
            << QStringList{"--export-world", "/tmp/x"} << 2 << QByteArray("--scenario");
        QTest::addRow("missing metrics file")
            << QStringList{"--check-metrics", "/nonexistent/metrics.txt"} << 1
            << QByteArray("/nonexistent/metrics.txt");
    }
    void badInvocationsFailClearly() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        QProcess p;
        p.start(labBinary(), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), exitCode);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(message), err.constData());
    }

    // --scenario hybrid --export-world DIR: no window, the set written, the real promtool
    // accepts its prometheus.yml (and, through it, its rule file).
    void exportWorldWritesARunnableSet() {
        QTemporaryDir dir;
        QProcess p;
        p.start(labBinary(), {QStringLiteral("--scenario"), QStringLiteral("hybrid"),
                              QStringLiteral("--export-world"), dir.path()});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        for (const char *file : {"prometheus.yml", "rules/hybrid-rules.yml", "alertmanager.yml",
                                 "docker-compose.yml", "README.md"})
            QVERIFY2(QFile::exists(dir.filePath(QString::fromLatin1(file))), file);
        if (!ppl::test::RealPeer::available(QStringLiteral("promtool")))
            QSKIP("promtool is not installed");
        QProcess promtool;
        promtool.setWorkingDirectory(dir.path());
        promtool.setProcessChannelMode(QProcess::MergedChannels);
        promtool.start(
            QStringLiteral("promtool"),
            {QStringLiteral("check"), QStringLiteral("config"), QStringLiteral("prometheus.yml")});
        QVERIFY(promtool.waitForFinished(30000));
        QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
