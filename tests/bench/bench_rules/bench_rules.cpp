// bench_rules: 200 recording and 100 alerting rules over 100,000 series, evaluated every
// second, in the lab's headless server and the real Prometheus 2.42 side by side. Both scrape
// the same four test targets (25,000 series each, served by a child process so that serving
// costs neither side) every 5 s. First both run without rules (the baseline), then both
// reload with the rule file and evaluate it for the measured period. CPU comes from
// /proc/<pid>/stat (utime + stime) for each side; a side's evaluation CPU per cycle is its
// CPU per second with rules minus without, over one cycle per second. The lab's event loop
// is watched by a 5 ms timer: the worst lateness is its longest stall; the percentiles of
// its lateness and the number of stalls over 50 ms are printed beside it.
//   bench_rules                 (60 s of evaluation, 20 s of baseline)
//   BENCH_RULES_SECONDS=20 BENCH_RULES_BASELINE_SECONDS=10 bench_rules   (a quick run)
#include "api/headlessserver.h"
#include "realpeer.h"
#include "testtarget.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

using namespace ppl;
using namespace ppl::test;

namespace {

constexpr int Targets = 4;
constexpr int Services = 50, Paths = 25, Codes = 10; // × 2 metrics = 25,000 per target

// The child: serves Targets bodies whose counters grow at each scrape; prints the ports.
int serveTargets() {
    std::vector<std::unique_ptr<TestTarget>> targets;
    QByteArrayList counterHeads, gaugeHeads;
    std::vector<int> svcOf;
    for (int s = 0; s < Services; ++s)
        for (int p = 0; p < Paths; ++p)
            for (int c = 0; c < Codes; ++c) {
                const QByteArray labels = "{svc=\"s" + QByteArray::number(s) + "\",path=\"p" +
                                          QByteArray::number(p) + "\",code=\"c" +
                                          QByteArray::number(c) + "\"} ";
                counterHeads << "bench_requests_total" + labels;
                gaugeHeads << "bench_temperature" + labels;
                svcOf.push_back(s * 100 + p);
            }
    for (int t = 0; t < Targets; ++t) {
        auto target = std::make_unique<TestTarget>();
        if (!target->listen())
            return 1;
        TestTarget *raw = target.get();
        auto scrapes = std::make_shared<qint64>(0);
        auto refresh = [raw, scrapes, &counterHeads, &gaugeHeads, &svcOf] {
            // A counter of service s grows by s per scrape on each series (the sum over a
            // service's 1,000 series is 200·s per second at a 5 s interval); a gauge sits at
            // 2·s + path mod 3.
            ++*scrapes;
            QByteArray body;
            body.reserve(1 << 21);
            body += "# TYPE bench_requests_total counter\n";
            for (qsizetype i = 0; i < counterHeads.size(); ++i)
                body += counterHeads[i] + QByteArray::number(*scrapes * (svcOf[size_t(i)] / 100)) +
                        '\n';
            body += "# TYPE bench_temperature gauge\n";
            for (qsizetype i = 0; i < gaugeHeads.size(); ++i)
                body += gaugeHeads[i] +
                        QByteArray::number(2 * (svcOf[size_t(i)] / 100) + svcOf[size_t(i)] % 3) +
                        '\n';
            raw->setBody(body);
        };
        refresh();
        QObject::connect(raw, &TestTarget::requested, raw, refresh);
        std::printf("%d\n", raw->port());
        targets.push_back(std::move(target));
    }
    std::fflush(stdout);
    return QCoreApplication::exec();
}

QByteArray ruleFile() {
    QByteArray out = "groups:\n";
    for (int g = 0; g < 10; ++g) {
        out += "  - name: bench" + QByteArray::number(g) + "\n    rules:\n";
        for (int r = 0; r < 20; ++r) {
            const int k = g * 20 + r;
            const QByteArray svc = "s" + QByteArray::number(k % Services);
            const char *exprs[] = {
                "sum by (code) (rate(bench_requests_total{svc=\"%1\"}[1m]))",
                "sum by (path) (rate(bench_requests_total{svc=\"%1\"}[1m]))",
                "max by (instance) (bench_temperature{svc=\"%1\"})",
                "quantile by (instance) (0.9, bench_temperature{svc=\"%1\"})",
            };
            out += "      - record: bench:rule" + QByteArray::number(k % 4) + "\n        expr: '" +
                   QByteArray(exprs[k / 50]).replace("%1", svc) +
                   "'\n        labels:\n          rule: k" + QByteArray::number(k) + '\n';
        }
        for (int r = 0; r < 10; ++r) {
            const int a = g * 10 + r;
            const QByteArray svc = "s" + QByteArray::number(a % Services);
            if (a < 50)
                out += "      - alert: BenchHighRate\n        expr: 'sum by (svc) "
                       "(rate(bench_requests_total{svc=\"" +
                       svc +
                       "\"}[1m])) > 5000'\n        for: 30s\n        labels:\n"
                       "          severity: page\n        annotations:\n"
                       "          summary: '{{ $labels.svc }} serves {{ $value | humanize }} "
                       "requests per second'\n";
            else
                out += "      - alert: BenchHot\n        expr: 'avg by (svc, instance) "
                       "(bench_temperature{svc=\"" +
                       svc +
                       "\"}) > 50'\n        annotations:\n"
                       "          summary: '{{ $labels.instance }}/{{ $labels.svc }} at "
                       "{{ $value }} degrees'\n";
        }
    }
    return out;
}

double cpuSeconds(qint64 pid) {
    QFile f(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the ")" of the command name: state is field 3; utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) /
           double(sysconf(_SC_CLK_TCK));
}

// The sum over groups of prometheus_rule_group_last_duration_seconds, and of
// prometheus_rule_group_iterations_missed_total, from a /metrics page.
std::pair<double, double> groupFigures(const QByteArray &metrics);
std::pair<double, double> groupFigures(quint16 port) {
    return groupFigures(
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port))).body);
}
std::pair<double, double> groupFigures(const QByteArray &metrics) {
    double duration = 0, missed = 0;
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("prometheus_rule_group_last_duration_seconds{"))
            duration += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        else if (line.startsWith("prometheus_rule_group_iterations_missed_total{"))
            missed += line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return {duration, missed};
}

int alertCount(quint16 port, const char *state) {
    const HttpReply r =
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/alerts").arg(port)));
    int n = 0;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.body)
                                   .object()
                                   .value(QLatin1String("data"))
                                   .toObject()
                                   .value(QLatin1String("alerts"))
                                   .toArray())
        n += v.toObject().value(QLatin1String("state")).toString() == QLatin1String(state);
    return n;
}

// The slowest rule's evaluationTime in /api/v1/rules, in ms (its last evaluation).
double slowestRuleMs(quint16 port) {
    const HttpReply r =
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/rules").arg(port)));
    double worst = 0;
    for (const QJsonValue &g : QJsonDocument::fromJson(r.body)
                                   .object()
                                   .value(QLatin1String("data"))
                                   .toObject()
                                   .value(QLatin1String("groups"))
                                   .toArray())
        for (const QJsonValue &rule : g.toObject().value(QLatin1String("rules")).toArray())
            worst = std::max(
                worst, rule.toObject().value(QLatin1String("evaluationTime")).toDouble() * 1000);
    return worst;
}

void wait(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--serve-targets") == 0)
        return serveTargets();
    const int seconds = qEnvironmentVariableIntValue("BENCH_RULES_SECONDS") > 0
                            ? qEnvironmentVariableIntValue("BENCH_RULES_SECONDS")
                            : 60;
    const int baseline = qEnvironmentVariableIntValue("BENCH_RULES_BASELINE_SECONDS") > 0
                             ? qEnvironmentVariableIntValue("BENCH_RULES_BASELINE_SECONDS")
                             : 20;

    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--serve-targets")});
    QList<quint16> ports;
    while (ports.size() < Targets && child.waitForReadyRead(20000))
        while (child.canReadLine())
            ports << quint16(child.readLine().trimmed().toUInt());
    if (ports.size() < Targets) {
        std::fprintf(stderr, "the target process did not start\n");
        return 1;
    }
    QTemporaryDir dir;
    const QString rulePath = dir.filePath(QStringLiteral("rules.yml"));
    auto writeRules = [&rulePath](const QByteArray &text) {
        QFile f(rulePath);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    };
    writeRules("groups: []\n");
    QByteArray targets;
    for (quint16 p : ports)
        targets +=
            (targets.isEmpty() ? "'127.0.0.1:" : ", '127.0.0.1:") + QByteArray::number(p) + '\'';
    const QString configPath = dir.filePath(QStringLiteral("prometheus.yml"));
    {
        QFile f(configPath);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\n"
                "  evaluation_interval: 1s\nrule_files:\n  - " +
                rulePath.toUtf8() +
                "\nscrape_configs:\n  - job_name: bench\n    static_configs:\n"
                "      - targets: [" +
                targets + "]\n");
    }
    RealPeer prometheus(QStringLiteral("prometheus"),
                        {QStringLiteral("--config.file=") + configPath,
                         QStringLiteral("--storage.tsdb.path=") + dir.filePath("tsdb"),
                         QStringLiteral("--web.enable-lifecycle")});
    if (!prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready"),
                          60000)) {
        std::fprintf(stderr, "prometheus did not start: %s\n", qPrintable(prometheus.output()));
        return 1;
    }
    HeadlessServer lab;
    HeadlessServer::Options options;
    options.configPath = configPath;
    options.port = 0;
    QString error;
    const auto labPort = lab.start(options, &error);
    if (!labPort) {
        std::fprintf(stderr, "the lab did not start: %s\n", qPrintable(error));
        return 1;
    }

    // The lab's event loop: a 5 ms timer's worst lateness, and every lateness for the
    // percentiles.
    qint64 worstStallMs = 0;
    std::vector<qint64> lateness;
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 late = std::max<qint64>(0, sinceTick.restart() - 5);
        worstStallMs = std::max(worstStallMs, late);
        lateness.push_back(late);
    });
    tick.start();
    auto stallSummary = [&lateness] {
        std::vector<qint64> v = lateness;
        std::sort(v.begin(), v.end());
        auto at = [&v](double q) {
            return v.empty() ? qint64(0) : v[std::min(v.size() - 1, size_t(q * double(v.size())))];
        };
        const auto over = std::count_if(v.begin(), v.end(), [](qint64 x) { return x > 50; });
        return QStringLiteral("lateness p50 %1 ms, p99 %2 ms, p99.9 %3 ms, max %4 ms; %5 of %6 "
                              "ticks over 50 ms")
            .arg(at(0.5))
            .arg(at(0.99))
            .arg(at(0.999))
            .arg(v.empty() ? 0 : v.back())
            .arg(over)
            .arg(v.size());
    };

    std::printf("4 targets x 25,000 series, scraped every 5 s by both; warming up 15 s...\n");
    std::fflush(stdout);
    wait(15000);
    const qint64 promPid = prometheus.pid();
    auto measure = [&](int secs, double *labCpu, double *promCpu) {
        const double l0 = cpuSeconds(0), p0 = cpuSeconds(promPid);
        QElapsedTimer t;
        t.start();
        wait(secs * 1000);
        const double elapsed = double(t.elapsed()) / 1000;
        *labCpu = (cpuSeconds(0) - l0) / elapsed;
        *promCpu = (cpuSeconds(promPid) - p0) / elapsed;
    };
    double labBase = 0, promBase = 0;
    worstStallMs = 0;
    lateness.clear();
    measure(baseline, &labBase, &promBase);
    const qint64 baselineStall = worstStallMs;
    const QString baselineSummary = stallSummary();
    std::printf("baseline (scraping only, %d s): lab %.1f ms CPU/s, prometheus %.1f ms CPU/s, "
                "lab worst stall %lld ms\n",
                baseline, labBase * 1000, promBase * 1000, baselineStall);

    // Both load the 300 rules.
    writeRules(ruleFile());
    const HttpReply reloaded = httpRequest("POST", prometheus.url(QStringLiteral("/-/reload")));
    const QString labReload = lab.reload();
    if (reloaded.status != 200 || !labReload.isEmpty()) {
        std::fprintf(stderr, "reload failed: prometheus %d %s; lab %s\n", reloaded.status,
                     reloaded.body.constData(), qPrintable(labReload));
        return 1;
    }
    wait(3000); // the groups' first evaluations
    worstStallMs = 0;
    lateness.clear();
    double labRules = 0, promRules = 0;
    // Group durations sampled each second alongside.
    double labDurSum = 0, promDurSum = 0, labDurMax = 0, promDurMax = 0;
    int samples = 0;
    // Asynchronous, so that the sampling never holds the lab's event loop (a blocking
    // request from a timer's slot would keep the stall timer from firing).
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QTimer sampler;
    sampler.setInterval(1000);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        for (const quint16 port : {*labPort, prometheus.port()}) {
            QNetworkReply *reply = network.get(
                QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port))));
            QObject::connect(reply, &QNetworkReply::finished, [&, reply, port] {
                reply->deleteLater();
                const double d = groupFigures(reply->readAll()).first;
                double &sum = port == *labPort ? labDurSum : promDurSum;
                double &max = port == *labPort ? labDurMax : promDurMax;
                sum += d;
                max = std::max(max, d);
                if (port == *labPort)
                    ++samples;
            });
        }
    });
    sampler.start();
    measure(seconds, &labRules, &promRules);
    sampler.stop();
    const qint64 rulesStall = worstStallMs;
    const QString rulesSummary = stallSummary();
    const auto labEnd = groupFigures(*labPort);
    const auto promEnd = groupFigures(prometheus.port());

    std::printf("with 200 recording + 100 alerting rules every 1 s (%d s):\n", seconds);
    std::printf("%-52s %12s %12s\n", "", "lab", "prometheus");
    std::printf("%-52s %12.1f %12.1f\n", "process CPU, ms per second", labRules * 1000,
                promRules * 1000);
    std::printf("%-52s %12.1f %12.1f\n", "evaluation CPU per cycle, ms (minus baseline)",
                (labRules - labBase) * 1000, (promRules - promBase) * 1000);
    std::printf("%-52s %12.1f %12.1f\n", "mean sum of group durations per cycle, ms (wall)",
                samples ? labDurSum / samples * 1000 : 0.0,
                samples ? promDurSum / samples * 1000 : 0.0);
    std::printf("%-52s %12.1f %12.1f\n", "worst sum of group durations, ms (wall)",
                labDurMax * 1000, promDurMax * 1000);
    std::printf("%-52s %12.1f %12.1f\n", "slowest rule's last evaluation, ms (wall)",
                slowestRuleMs(*labPort), slowestRuleMs(prometheus.port()));
    std::printf("%-52s %12.0f %12.0f\n", "iterations missed", labEnd.second, promEnd.second);
    std::printf("%-52s %12d %12d\n", "alerts firing", alertCount(*labPort, "firing"),
                alertCount(prometheus.port(), "firing"));
    std::printf("%-52s %12d %12d\n", "alerts pending", alertCount(*labPort, "pending"),
                alertCount(prometheus.port(), "pending"));
    std::printf("lab event loop worst stall: %lld ms with rules (%lld ms in the baseline)\n",
                rulesStall, baselineStall);
    std::printf("  with rules: %s\n  baseline:   %s\n", qPrintable(rulesSummary),
                qPrintable(baselineSummary));
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) == 3)
        std::printf("machine load average at the end: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
    lab.stop();
    child.kill();
    child.waitForFinished(5000);
    return 0;
}
