// bench_speed: the hybrid scenario (pulled services, cron jobs pushing to the gateway, alert
// rules) with N targets scraped every 15 s, run on the simulation clock at each given speed
// for S simulated seconds: the achieved speed-up, CPU use, the slowest the clock ran, and
// whether any scrape was lost (fewer scrapes than the 15 s grid asks for) or failed.
// Usage: bench_speed [simulated seconds=600] [targets=100] [speeds=10,30,60]
#include "lab/lab.h"
#include "scrape/scrapemanager.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <sys/resource.h>

#include <cstdio>

using namespace ppl;

namespace {
constexpr qint64 IntervalMs = 15'000;

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QByteArray hybridScenario(int targets) {
    QByteArray y = "prometheus: |\n  global:\n    scrape_interval: 15s\n    scrape_timeout: 10s\n"
                   "  scrape_configs:\n    - job_name: services\n      static_configs:\n"
                   "        - targets: [";
    for (int i = 0; i < targets; ++i)
        y += (i ? ", " : "") + QByteArray("'{{target:svc-") + QByteArray::number(i) + "}}'";
    y += "]\n    - job_name: pushgateway\n      honor_labels: true\n      static_configs:\n"
         "        - targets: ['{{gateway}}']\ntargets:\n";
    for (int i = 0; i < targets; ++i)
        y += "  - name: svc-" + QByteArray::number(i) +
             (i % 4 == 3 ? "\n    profile: node\n" : "\n");
    y += R"(jobs:
  - name: database-backup
    duration: 3s
    push: push
    grouping_key: {job: database_backup, instance: db-1}
    every: 60s
    run_at_start: true
  - name: batch-processor
    duration: 5s
    push: pushadd
    success_probability: 0.8
    seed: 7
    grouping_key: {job: batch_processor, instance: job-instance-1}
    every: 30s
    run_at_start: true
rules: |
  groups:
    - name: hybrid
      interval: 15s
      rules:
        - alert: TargetDown
          expr: up == 0
          for: 30s
        - alert: PushedGroupStale
          expr: time() - push_time_seconds > 150
        - alert: BatchJobFailed
          expr: job_exit_code != 0
)";
    return y;
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const qint64 simMs = (argc > 1 ? std::max(30, atoi(argv[1])) : 600) * 1000LL;
    const int targets = argc > 2 ? std::max(1, atoi(argv[2])) : 100;
    QList<double> speeds{10, 30, 60};
    if (argc > 3) {
        speeds.clear();
        for (const QByteArray &s : QByteArray(argv[3]).split(','))
            speeds.append(s.toDouble());
    }
    rlimit nofile{};
    getrlimit(RLIMIT_NOFILE, &nofile);
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);

    const ScenarioLoadResult loaded =
        loadScenario(hybridScenario(targets), QStringLiteral("bench"));
    if (loaded.error) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error->toString()));
        return 1;
    }
    std::printf("hybrid scenario, %d targets at 15 s, %lld s simulated per speed\n", targets,
                simMs / 1000);
    std::printf("%8s %9s %7s %9s %8s %8s %8s %8s %6s\n", "speed", "achieved", "cpu%", "slowest",
                "scrapes", "expected", "lost", "failed", "ioWait");
    int exitCode = 0;
    for (const double speed : speeds) {
        SimulationClock clock;
        clock.pause();
        LabOptions options;
        options.clock = &clock;
        Lab lab(options);
        QString error;
        if (!lab.loadScenario(*loaded.scenario, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        // Warm-up: every loop past its first (offset) scrape, at 1×-independent fast-forward.
        bool warm = false;
        QObject::connect(&clock, &SimulationClock::fastForwardFinished, &app, [&] { warm = true; });
        clock.advance(IntervalMs);
        while (!warm)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const qint64 from = clock.nowMs();
        const qint64 to = from + simMs;
        QHash<QByteArray, int> scrapes;
        int failed = 0;
        QObject::connect(lab.scrapeManager(), &ScrapeManager::scrapeFinished, &app,
                         [&](const ScrapeTarget &t, const ScrapeResult &r) {
                             // A scrape due just before the end may start up to the
                             // clock's lag after it: late, not lost.
                             if (t.jobName != "services" || r.startMs < from ||
                                 r.startMs >= to + clock.maxLagMs())
                                 return;
                             ++scrapes[t.labels.value("instance")];
                             if (r.health != TargetHealth::Up)
                                 ++failed;
                         });
        double slowest = speed;
        QObject::connect(&clock, &SimulationClock::effectiveSpeedChanged, &app, [&](double e) {
            if (clock.isPaused() || clock.isJumping())
                return;
            slowest = std::min(slowest, e);
        });
        bool done = false;
        clock.callAt(to + 2000, &lab, [&] { done = true; });
        if (!lab.setSpeed(speed, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const double cpu0 = cpuSeconds();
        QElapsedTimer wall;
        wall.start();
        clock.resume();
        while (!done)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const double wallS = wall.elapsed() / 1000.0;
        const double cpu = cpuSeconds() - cpu0;
        clock.pause();
        const double achieved = double(to + 2000 - from) / 1000.0 / wallS;
        // Each target's grid has floor or ceil of simMs / 15 s scrapes in the window: fewer is
        // a lost scrape.
        const int perTarget = int(simMs / IntervalMs);
        int total = 0, lost = 0;
        for (int i = 0; i < targets; ++i) {
            const SimulatedTarget *t = lab.target("svc-" + QByteArray::number(i));
            const int n = t ? scrapes.value(t->address()) : 0;
            total += n;
            lost += std::max(0, perTarget - n);
        }
        std::printf("%7.1fx %8.1fx %6.0f%% %8.1fx %8d %8d %8d %8d %6d\n", speed, achieved,
                    100 * cpu / wallS, slowest, total, perTarget * targets, lost, failed,
                    clock.ioWaitsExpired());
        std::fflush(stdout);
        if (lost > 0)
            exitCode = 2;
    }
    return exitCode;
}
