// bench_store: appends/s and bytes per stored sample of SeriesStore for 100k series x 100
// samples (issue 3 §7; targets >= 10 M appends/s and <= 24 bytes a sample).
// Memory is the heap growth reported by mallinfo2() (in-use chunks plus mmapped blocks),
// measured from before the first label is interned, so it includes the intern table, the
// label sets, the id hash table, the inverted index and the sample rings. The RSS growth
// (/proc/self/statm) is printed next to it as a cross-check.
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

using namespace ppl;

namespace {

qint64 heapBytes() {
    const struct mallinfo2 mi = mallinfo2();
    return qint64(mi.uordblks + mi.hblkhd);
}

qint64 rssBytes() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

struct Run {
    double appendsPerSec = 0;
    double heapPerSample = 0;
    double rssPerSample = 0;
};

// One fresh store: create the series, append samplesPerSeries rounds, measure.
Run runOnce(int seriesCount, int samplesPerSeries, bool verbose) {
    const qint64 interval = 15'000; // a scrape every 15 s: 100 samples = 25 min < retention
    ManualClock clock;
    const qint64 heap0 = heapBytes();
    const qint64 rss0 = rssBytes();
    Run run;
    auto *store = new SeriesStore(&clock);
    std::vector<SeriesStore::SeriesId> ids;
    ids.reserve(size_t(seriesCount));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < seriesCount; ++i) {
        // 1000 metric names x 100 instances, like many exporters scraped by one job.
        const QByteArray name = "bench_metric_" + QByteArray::number(i % 1000) + "_total";
        const QByteArray instance = "host-" + QByteArray::number(i / 1000) + ":9100";
        ids.push_back(store->seriesFor(
            Labels::fromPairs({{"__name__", name}, {"job", "bench"}, {"instance", instance}})));
    }
    const qint64 createNs = timer.nsecsElapsed();

    const qint64 t0 = clock.nowMs() - samplesPerSeries * interval;
    timer.restart();
    qint64 accepted = 0;
    // Time order across series, as a scrape loop appends: one sample per series a round.
    for (int k = 0; k < samplesPerSeries; ++k) {
        const qint64 t = t0 + k * interval;
        for (SeriesStore::SeriesId id : ids)
            accepted += store->append(id, t, double(k) * 0.5 + double(id));
    }
    const qint64 appendNs = timer.nsecsElapsed();
    store->flushNotifications();
    ids = {};

    const double appends = double(seriesCount) * samplesPerSeries;
    run.appendsPerSec = appends / (double(appendNs) / 1e9);
    run.heapPerSample = double(heapBytes() - heap0) / double(store->sampleCount());
    run.rssPerSample = double(rssBytes() - rss0) / double(store->sampleCount());
    if (verbose) {
        std::printf("series:                  %d x %d samples (%lld accepted)\n", seriesCount,
                    samplesPerSeries, static_cast<long long>(accepted));
        std::printf("series creation:         %.0f series/s\n",
                    seriesCount / (double(createNs) / 1e9));
        std::printf("heap (mallinfo2 delta):  %.1f MB = %.2f bytes per stored sample\n",
                    double(heapBytes() - heap0) / 1e6, run.heapPerSample);
        std::printf("RSS (statm delta):       %.1f MB = %.2f bytes per stored sample\n",
                    double(rssBytes() - rss0) / 1e6, run.rssPerSample);

        // The slower path for callers without a cached id: hash probe + label-set compare.
        std::vector<Labels> labelSets;
        labelSets.reserve(size_t(seriesCount));
        for (SeriesStore::SeriesId id = 0; id < SeriesStore::SeriesId(seriesCount); ++id)
            labelSets.push_back(store->labels(id));
        const qint64 t = t0 + samplesPerSeries * interval;
        timer.restart();
        for (const Labels &l : labelSets)
            store->append(l, t, 1.0);
        std::printf("append(Labels,t,v):      %.1f M appends/s\n",
                    double(seriesCount) / (double(timer.nsecsElapsed()) / 1e9) / 1e6);
        store->flushNotifications();

        // A read pass, to show reads stay cheap: one selector through the index.
        timer.restart();
        const auto sel = store->select(
            {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "bench_metric_7_total"),
             *LabelMatcher::create(LabelMatcher::Op::RegexMatch, "instance", "host-1.*")});
        std::size_t read = 0;
        for (auto id : sel)
            read += store->samples(id, 0, clock.nowMs()).size();
        std::printf("select+read:             %zu series, %zu samples in %.2f ms\n", sel.size(),
                    read, double(timer.nsecsElapsed()) / 1e6);
    }
    delete store;
    return run;
}

} // namespace

// Usage: bench_store [series=100000] [samples=100] [runs=3]
int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int seriesCount = argc > 1 ? atoi(argv[1]) : 100'000;
    const int samplesPerSeries = argc > 2 ? atoi(argv[2]) : 100;
    const int runs = argc > 3 ? std::max(1, atoi(argv[3])) : 3;
    std::vector<double> rates;
    for (int r = 0; r < runs; ++r) {
        const Run run = runOnce(seriesCount, samplesPerSeries, r == 0);
        rates.push_back(run.appendsPerSec);
        std::printf("run %d append(SeriesId,t,v): %.1f M appends/s (%.1f ns each)\n", r + 1,
                    run.appendsPerSec / 1e6, 1e9 / run.appendsPerSec);
    }
    std::sort(rates.begin(), rates.end());
    std::printf("append(SeriesId,t,v):    best %.1f, median %.1f M appends/s over %d runs\n",
                rates.back() / 1e6, rates[rates.size() / 2] / 1e6, runs);
    return 0;
}
