// bench_scrape: the lab's scraper and the real Prometheus 2.42 scrape the same targets
// (default 500 targets x 200 series, 1 s interval, 60 s) served by a light canned-body HTTP
// server in a child process of this benchmark. Reports CPU seconds per million samples
// scraped and resident memory per active series for both, and the lab/Prometheus ratio.
//
//   bench_scrape [--duration 60] [--targets 500] [--series 200] [--ports 4] [--no-prometheus]
#include "api/headlessserver.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <unistd.h>

#include <cstdio>

using namespace ppl;

namespace {

// ---- the target server (child process) ----

QByteArray cannedBody(int series) {
    QByteArray body;
    const int perFamily = 10;
    for (int f = 0; f * perFamily < series; ++f) {
        const QByteArray name = "bench_requests_" + QByteArray::number(f) + "_total";
        body += "# HELP " + name + " Requests handled, by handler and code.\n";
        body += "# TYPE " + name + " counter\n";
        for (int i = 0; i < perFamily && f * perFamily + i < series; ++i)
            body += name + "{handler=\"/api/v1/h" + QByteArray::number(i) + "\",code=\"200\"} " +
                    QByteArray::number(1000 + f * 37 + i * 3) + ".5\n";
    }
    return body;
}

int serve(int ports, int series) {
    const QByteArray body = cannedBody(series);
    const QByteArray response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; "
                                "charset=utf-8\r\nContent-Length: " +
                                QByteArray::number(body.size()) + "\r\n\r\n" + body;
    std::vector<std::unique_ptr<QTcpServer>> servers;
    QByteArray portList;
    for (int i = 0; i < ports; ++i) {
        auto server = std::make_unique<QTcpServer>();
        if (!server->listen(QHostAddress::LocalHost, 0))
            return 1;
        QObject::connect(
            server.get(), &QTcpServer::newConnection, server.get(), [s = server.get(), &response] {
                while (QTcpSocket *socket = s->nextPendingConnection()) {
                    QObject::connect(socket, &QTcpSocket::disconnected, socket,
                                     &QObject::deleteLater);
                    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, &response] {
                        QByteArray buffer = socket->property("b").toByteArray() + socket->readAll();
                        qsizetype end;
                        // Keep-alive and pipelining: answer every complete request head.
                        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
                            socket->write(response);
                            buffer.remove(0, end + 4);
                        }
                        socket->setProperty("b", buffer);
                    });
                }
            });
        portList += (i ? " " : "") + QByteArray::number(server->serverPort());
        servers.push_back(std::move(server));
    }
    std::printf("ports %s\n", portList.constData());
    std::fflush(stdout);
    // Ends when the parent closes our stdin.
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (getppid() == 1)
            QCoreApplication::quit();
    });
    poll.start(500);
    return QCoreApplication::exec();
}

// ---- measuring ----

struct ProcStat {
    double cpuSeconds = 0;
    qint64 rssBytes = 0;
};

ProcStat procStat(qint64 pid) {
    ProcStat out;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the ")" that ends the command name: state is field 3; utime 14, stime 15.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        const double tick = double(sysconf(_SC_CLK_TCK));
        out.cpuSeconds = (f.value(11).toDouble() + f.value(12).toDouble()) / tick;
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : status.readAll().split('\n')) {
            if (l.startsWith("VmRSS:"))
                out.rssBytes = l.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    return out;
}

QByteArray httpGet(const QUrl &url) {
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

double promScalar(quint16 port, const QString &query) {
    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(port));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromUtf8(QUrl::toPercentEncoding(query)));
    url.setQuery(q);
    const QByteArray body = httpGet(url);
    static const QRegularExpression value(QStringLiteral(R"re("value":\[[0-9.]+,"([^"]+)"\])re"));
    const auto m = value.match(QString::fromUtf8(body));
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

double promMetric(quint16 port, const QByteArray &name) {
    const QByteArray body = httpGet(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)));
    for (const QByteArray &l : body.split('\n')) {
        if (l.startsWith(name + ' '))
            return l.mid(name.size() + 1).toDouble();
    }
    return -1;
}

void waitMs(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Scrape benchmark: the lab vs Prometheus 2.42"));
    cli.addHelpOption();
    QCommandLineOption durationOpt(QStringLiteral("duration"), QStringLiteral("Measured seconds."),
                                   QStringLiteral("s"), QStringLiteral("60"));
    QCommandLineOption targetsOpt(QStringLiteral("targets"), QStringLiteral("Targets."),
                                  QStringLiteral("n"), QStringLiteral("500"));
    QCommandLineOption seriesOpt(QStringLiteral("series"), QStringLiteral("Series per target."),
                                 QStringLiteral("n"), QStringLiteral("200"));
    QCommandLineOption portsOpt(QStringLiteral("ports"), QStringLiteral("Server ports."),
                                QStringLiteral("n"), QStringLiteral("4"));
    QCommandLineOption noPromOpt(QStringLiteral("no-prometheus"),
                                 QStringLiteral("Measure the lab only."));
    QCommandLineOption serveOpt(QStringLiteral("serve"),
                                QStringLiteral("(internal) serve targets."));
    cli.addOptions({durationOpt, targetsOpt, seriesOpt, portsOpt, noPromOpt, serveOpt});
    cli.process(app);
    const int duration = cli.value(durationOpt).toInt();
    const int targets = cli.value(targetsOpt).toInt();
    const int series = cli.value(seriesOpt).toInt();
    const int ports = std::max(1, cli.value(portsOpt).toInt());
    if (cli.isSet(serveOpt))
        return serve(ports, series);
    const bool withPrometheus = !cli.isSet(noPromOpt);
    const int warmup = 5;

    // 1. The target server, in its own process so its CPU is nobody's.
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--serve"), QStringLiteral("--ports"), QString::number(ports),
                  QStringLiteral("--series"), QString::number(series)});
    if (!server.waitForReadyRead(10000)) {
        std::fprintf(stderr, "target server did not start\n");
        return 1;
    }
    const QList<QByteArray> portList = server.readLine().trimmed().split(' ').mid(1);

    // 2. One prometheus.yml for both: each target a path on one of the server's ports.
    QTemporaryDir dir;
    QByteArray yaml = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n"
                      "  - job_name: bench\n    static_configs:\n";
    for (int t = 0; t < targets; ++t) {
        yaml += "      - targets: ['127.0.0.1:" + portList.at(t % portList.size()) + "']\n";
        yaml += "        labels: {__metrics_path__: '/m/" + QByteArray::number(t) +
                "', target: 't" + QByteArray::number(t) + "'}\n";
    }
    const QString configPath = dir.filePath(QStringLiteral("prometheus.yml"));
    {
        QFile f(configPath);
        f.open(QIODevice::WriteOnly);
        f.write(yaml);
    }

    // 3. The real Prometheus.
    QProcess prometheus;
    quint16 promPort = 0;
    if (withPrometheus) {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        promPort = probe.serverPort();
        probe.close();
        prometheus.setProcessChannelMode(QProcess::MergedChannels);
        prometheus.setStandardOutputFile(dir.filePath(QStringLiteral("prometheus.log")));
        prometheus.start(QStringLiteral("prometheus"),
                         {QStringLiteral("--config.file=") + configPath,
                          QStringLiteral("--storage.tsdb.path=") + dir.filePath("tsdb"),
                          QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(promPort)});
        if (!prometheus.waitForStarted(5000)) {
            std::fprintf(stderr, "prometheus did not start\n");
            return 1;
        }
    }

    // 4. The lab, in this process.
    const ProcStat labIdle = procStat(getpid());
    HeadlessServer lab;
    HeadlessServer::Options options;
    options.configPath = configPath;
    options.port = 0;
    QString error;
    if (!lab.start(options, &error)) {
        std::fprintf(stderr, "lab: %s\n", qPrintable(error));
        return 1;
    }
    qint64 labSamples = 0;
    qint64 labScrapes = 0;
    qint64 labFailures = 0;
    bool measuring = false;
    QObject::connect(lab.scrapeManager(), &ScrapeManager::scrapeFinished, &app,
                     [&](const ScrapeTarget &, const ScrapeResult &r) {
                         if (!measuring)
                             return;
                         labSamples += r.samplesScraped;
                         ++labScrapes;
                         labFailures += r.health != TargetHealth::Up;
                     });
    std::printf("lab: %lld targets, prometheus pid %lld, warming up %d s\n",
                qlonglong(lab.scrapeManager()->loops().size()),
                qlonglong(withPrometheus ? prometheus.processId() : 0), warmup);
    std::fflush(stdout);
    waitMs(warmup * 1000);

    const ProcStat lab0 = procStat(getpid());
    const ProcStat prom0 = withPrometheus ? procStat(prometheus.processId()) : ProcStat{};
    QElapsedTimer wall;
    wall.start();
    measuring = true;
    waitMs(duration * 1000);
    measuring = false;
    const double elapsed = double(wall.elapsed()) / 1000.0;
    const ProcStat lab1 = procStat(getpid());
    const ProcStat prom1 = withPrometheus ? procStat(prometheus.processId()) : ProcStat{};

    const double labCpu = lab1.cpuSeconds - lab0.cpuSeconds;
    const double labSeries = double(lab.store()->seriesCount());
    const double labCpuPerM = labCpu / (double(labSamples) / 1e6);
    std::printf("\nwindow %.1f s, %d targets x %d series, 1 s interval\n", elapsed, targets,
                series);
    std::printf("lab:        %lld scrapes (%lld failed), %.2f M samples, CPU %.2f s -> %.3f CPU s "
                "per M samples; RSS %.1f MB (idle %.1f MB), %.0f series -> %.0f bytes/series "
                "(%.0f above idle)\n",
                qlonglong(labScrapes), qlonglong(labFailures), double(labSamples) / 1e6, labCpu,
                labCpuPerM, double(lab1.rssBytes) / 1e6, double(labIdle.rssBytes) / 1e6, labSeries,
                double(lab1.rssBytes) / labSeries,
                double(lab1.rssBytes - labIdle.rssBytes) / labSeries);
    if (withPrometheus) {
        const double promCpu = prom1.cpuSeconds - prom0.cpuSeconds;
        // Samples Prometheus scraped inside the same window, from its own report series.
        const double promSamples = promScalar(
            promPort,
            QStringLiteral("sum(sum_over_time(scrape_samples_scraped[%1s]))").arg(qRound(elapsed)));
        const double promScrapes = promScalar(
            promPort, QStringLiteral("sum(count_over_time(up[%1s]))").arg(qRound(elapsed)));
        const double promSeries = promMetric(promPort, "prometheus_tsdb_head_series");
        const double promCpuPerM = promCpu / (promSamples / 1e6);
        std::printf("prometheus: %.0f scrapes, %.2f M samples, CPU %.2f s -> %.3f CPU s per M "
                    "samples; RSS %.1f MB, %.0f series -> %.0f bytes/series\n",
                    promScrapes, promSamples / 1e6, promCpu, promCpuPerM,
                    double(prom1.rssBytes) / 1e6, promSeries, double(prom1.rssBytes) / promSeries);
        std::printf("ratio lab/prometheus: CPU per sample %.2f, memory per series %.2f\n",
                    labCpuPerM / promCpuPerM,
                    (double(lab1.rssBytes) / labSeries) / (double(prom1.rssBytes) / promSeries));
        prometheus.terminate();
        prometheus.waitForFinished(10000);
    }
    lab.stop();
    server.kill();
    server.waitForFinished(5000);
    return 0;
}
