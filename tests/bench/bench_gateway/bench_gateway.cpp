// bench_gateway: the lab's Pushgateway and the real prometheus-pushgateway under the same
// wrk load in one run. Phase 1: PUT of 3 metrics into 1000 rotating groups over 8
// connections. Phase 2: GET /metrics while those 1000 groups are held. Prints requests/s of
// each and the ratio lab/real. Usage: bench_gateway [seconds-per-phase, default 5]
#include "pushgateway/pushgatewayserver.h"
#include "realpeer.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace ppl;

namespace {

const char *kPutScript = R"lua(
counter = 0
request = function()
  counter = counter + 1
  local g = counter % 1000
  local body = "# TYPE bench_duration_seconds gauge\nbench_duration_seconds " .. counter ..
    "\n# TYPE bench_records_total counter\nbench_records_total " .. g ..
    "\nbench_last_status 0\n"
  return wrk.format("PUT", "/metrics/job/bench/instance/i" .. g,
                    {["Content-Type"] = "text/plain; version=0.0.4"}, body)
end
)lua";

struct WrkResult {
    double rps = 0;
    QString non2xx;
    QString raw;
};

WrkResult runWrk(const QStringList &args) {
    QProcess wrk;
    wrk.start(QStringLiteral("wrk"), args);
    wrk.waitForFinished(600000);
    WrkResult r;
    r.raw = QString::fromUtf8(wrk.readAllStandardOutput() + wrk.readAllStandardError());
    const auto m = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(r.raw);
    if (m.hasMatch())
        r.rps = m.captured(1).toDouble();
    const auto n =
        QRegularExpression(QStringLiteral("Non-2xx or 3xx responses: (\\d+)")).match(r.raw);
    if (n.hasMatch())
        r.non2xx = n.captured(1);
    return r;
}

// The lab gateway on its own thread, as it would be next to a busy GUI.
class LabThread : public QThread {
public:
    quint16 port = 0;
    QString error;
    QSemaphore *ready = nullptr;

protected:
    void run() override {
        PushgatewayOptions options;
        options.port = 0;
        PushgatewayServer server(options);
        error = server.start();
        port = server.port();
        ready->release();
        if (error.isEmpty())
            exec();
    }
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? QString::fromLatin1(argv[1]).toInt() : 5;
    if (!test::RealPeer::available(QStringLiteral("wrk"))) {
        std::fprintf(stderr, "wrk is not installed\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("put.lua"));
    {
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly))
            return 2;
        f.write(kPutScript);
    }

    QSemaphore ready;
    LabThread lab;
    lab.ready = &ready;
    lab.start();
    ready.acquire();
    if (!lab.error.isEmpty()) {
        std::fprintf(stderr, "lab gateway: %s\n", qPrintable(lab.error));
        return 1;
    }
    test::RealPeer real(QStringLiteral("prometheus-pushgateway"),
                        {QStringLiteral("--persistence.file=")});
    if (!real.start()) {
        std::fprintf(stderr, "real pushgateway did not start: %s\n", qPrintable(real.output()));
        return 1;
    }
    const QString labUrl = QStringLiteral("http://127.0.0.1:%1").arg(lab.port);
    const QString realUrl = real.url().toString(QUrl::StripTrailingSlash);
    const QString dur = QStringLiteral("%1s").arg(seconds);
    const QStringList common{QStringLiteral("-t2"), QStringLiteral("-c8"), QStringLiteral("-d"),
                             dur};

    struct Row {
        const char *phase;
        WrkResult real, lab;
    };
    QList<Row> rows;
    for (const char *phase : {"PUT 3 metrics, 1000 rotating groups", "GET /metrics, 1000 groups"}) {
        const bool put = QByteArrayView(phase).startsWith("PUT");
        auto args = [&](const QString &base) {
            QStringList a = common;
            if (put)
                a << QStringLiteral("-s") << script << base;
            else
                a << base + QStringLiteral("/metrics");
            return a;
        };
        if (!put) {
            // Both hold exactly the same 1000 groups, whatever the PUT phase reached.
            for (int g = 0; g < 1000; ++g) {
                const QByteArray body = "# TYPE bench_duration_seconds gauge\n"
                                        "bench_duration_seconds 1.5\n"
                                        "# TYPE bench_records_total counter\n"
                                        "bench_records_total " +
                                        QByteArray::number(g) + "\nbench_last_status 0\n";
                const QString path = QStringLiteral("/metrics/job/bench/instance/i%1").arg(g);
                test::httpRequest("PUT", QUrl(realUrl + path), body);
                test::httpRequest("PUT", QUrl(labUrl + path), body);
            }
        }
        Row row{phase, runWrk(args(realUrl)), runWrk(args(labUrl))};
        rows.append(row);
    }
    const auto labMetrics = test::httpRequest("GET", QUrl(labUrl + QStringLiteral("/metrics")));
    const auto realMetrics = test::httpRequest("GET", QUrl(realUrl + QStringLiteral("/metrics")));

    std::printf("bench_gateway: wrk -t2 -c8 -d%ds, same machine, same run\n", seconds);
    std::printf("%-38s %12s %12s %8s\n", "phase", "real req/s", "lab req/s", "lab/real");
    for (const Row &row : rows) {
        std::printf("%-38s %12.0f %12.0f %7.1fx", row.phase, row.real.rps, row.lab.rps,
                    row.real.rps > 0 ? row.lab.rps / row.real.rps : 0.0);
        if (!row.real.non2xx.isEmpty() || !row.lab.non2xx.isEmpty())
            std::printf("  (non-2xx real %s lab %s)", qPrintable(row.real.non2xx),
                        qPrintable(row.lab.non2xx));
        std::printf("\n");
    }
    std::printf("/metrics size with 1000 groups: real %lld bytes, lab %lld bytes\n",
                qlonglong(realMetrics.body.size()), qlonglong(labMetrics.body.size()));
    lab.quit();
    lab.wait();
    return 0;
}
