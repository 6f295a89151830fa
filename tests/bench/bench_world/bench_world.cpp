// bench_world: 1000 simulated targets scraped every second by the lab's own scraper, in one
// process, for N seconds (default 60): CPU use, resident memory and the event loop's worst
// delay (target: under 50 ms). Usage: bench_world [seconds] [targets]
#include "lab/lab.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace ppl;

namespace {
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long rssKiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    return 0;
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 60;
    const int count = argc > 2 ? std::max(1, atoi(argv[2])) : 1000;

    // Each target needs a listening socket, a scraper connection and its accepted end.
    rlimit nofile{};
    getrlimit(RLIMIT_NOFILE, &nofile);
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);

    Lab lab;
    QByteArray yaml = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                      "scrape_configs:\n  - job_name: world\n    static_configs:\n"
                      "      - targets:\n";
    for (int i = 0; i < count; ++i) {
        TargetSpec spec;
        spec.options.name = "svc-" + QByteArray::number(i);
        spec.options.profile = (i % 4 == 3) ? MetricProfile::node() : MetricProfile::service();
        QString error;
        if (!lab.addTarget(spec, &error)) {
            std::fprintf(stderr, "target %d: %s\n", i, qPrintable(error));
            return 1;
        }
        yaml += "          - '{{target:" + spec.options.name + "}}'\n";
    }
    QString error;
    if (!lab.reloadConfig(yaml, &error)) {
        std::fprintf(stderr, "config: %s\n", qPrintable(error));
        return 1;
    }
    const double cpu0 = cpuSeconds();
    const long rss0 = rssKiB();

    // Event-loop delay: a 10 ms timer that notes how late it fires (worst, after warm-up).
    QElapsedTimer wall;
    wall.start();
    qint64 last = 0;
    qint64 worst = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = wall.elapsed();
        if (now > 3000) // the first interval spreads the loops: not steady state
            worst = std::max(worst, now - last - 10);
        last = now;
    });
    probe.start(10);
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();

    const double cpu = cpuSeconds() - cpu0;
    const quint64 scrapes = lab.scrapeManager()->scrapesTotal();
    const quint64 failed = lab.scrapeManager()->failedScrapesTotal();
    std::printf("bench_world: %d targets, 1s interval, %d s\n", count, seconds);
    std::printf("  scrapes %llu (failed %llu), %.0f/s\n", (unsigned long long)scrapes,
                (unsigned long long)failed, double(scrapes) / seconds);
    std::printf("  series %lld, events %llu\n", (long long)lab.store()->seriesCount(),
                (unsigned long long)lab.events()->lastCursor());
    std::printf("  CPU %.2f s = %.1f%% of one core\n", cpu, 100.0 * cpu / seconds);
    std::printf("  RSS %ld MiB (after setup %ld MiB)\n", rssKiB() / 1024, rss0 / 1024);
    QMap<QString, int> errors;
    for (ScrapeLoop *l : lab.scrapeManager()->loops())
        if (!l->lastError().isEmpty())
            ++errors[l->lastError().section(QLatin1Char(':'), -1).trimmed()];
    for (auto it = errors.begin(); it != errors.end(); ++it)
        std::printf("  last error on %d targets: %s\n", it.value(), qPrintable(it.key()));
    std::printf("  worst event-loop delay %lld ms (target < 50 ms)\n", (long long)worst);
    return 0;
}
