// bench_parse: parsing throughput of the text format on a ~10 MB node-exporter-like
// exposition (generated here: node-exporter's families and label shapes, more series).
// Prints the TextParser iterator's rate in both dialects (promparse's is the scraper's hot
// path for the text format), the OpenMetricsParser's on the same bytes plus `# EOF` (the
// scraper's for OpenMetrics) and parseText()'s rate (building MetricFamily values, as the
// gateway does). Usage: bench_parse [MB]

#include "exposition/openmetricsparser.h"
#include "exposition/textparser.h"
#include "exposition/textwriter.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace ppl;

namespace {

void family(QByteArray &out, const char *name, const char *type, const char *help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

QByteArray generate(qsizetype targetBytes) {
    QByteArray out;
    out.reserve(targetBytes + (1 << 20));
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> big(0, 1e12);
    std::uniform_real_distribution<double> small(0, 1);
    static const char *modes[] = {"idle",    "iowait", "irq",    "nice",
                                  "softirq", "steal",  "system", "user"};
    // Each block repeats node-exporter's shapes with a distinct family suffix so that no
    // family gets a second HELP/TYPE and no series repeats.
    for (int block = 0; out.size() < targetBytes; ++block) {
        const QByteArray sfx = block ? "_" + QByteArray::number(block) : QByteArray();
        family(out, "node_cpu_seconds_total" + sfx, "counter",
               "Seconds the CPUs spent in each mode.");
        for (int cpu = 0; cpu < 16; ++cpu) {
            for (const char *mode : modes) {
                out.append("node_cpu_seconds_total" + sfx + "{cpu=\"")
                    .append(QByteArray::number(cpu))
                    .append("\",mode=\"")
                    .append(mode)
                    .append("\"} ")
                    .append(formatValue(double(qint64(big(rng) / 1e6)) / 100))
                    .append('\n');
            }
        }
        family(out, "node_filesystem_avail_bytes" + sfx, "gauge",
               "Filesystem space available to non-root users in bytes.");
        for (int fs = 0; fs < 12; ++fs) {
            out.append("node_filesystem_avail_bytes" + sfx + "{device=\"/dev/nvme0n1p")
                .append(QByteArray::number(fs))
                .append("\",fstype=\"ext4\",mountpoint=\"/mnt/data")
                .append(QByteArray::number(fs))
                .append("\"} ")
                .append(formatValue(double(qint64(big(rng)))))
                .append('\n');
        }
        family(out, "node_network_receive_bytes_total" + sfx, "counter",
               "Network device statistic receive_bytes.");
        for (int dev = 0; dev < 8; ++dev) {
            out.append("node_network_receive_bytes_total" + sfx + "{device=\"eth")
                .append(QByteArray::number(dev))
                .append("\"} ")
                .append(formatValue(double(qint64(big(rng)))))
                .append('\n');
        }
        family(out, "go_gc_duration_seconds" + sfx, "summary",
               "A summary of the pause duration of garbage collection cycles.");
        for (const char *q : {"0", "0.25", "0.5", "0.75", "1"}) {
            out.append("go_gc_duration_seconds" + sfx + "{quantile=\"")
                .append(q)
                .append("\"} ")
                .append(formatValue(small(rng) / 1000))
                .append('\n');
        }
        out.append("go_gc_duration_seconds" + sfx + "_sum ")
            .append(formatValue(small(rng)))
            .append('\n');
        family(out, "node_scrape_collector_duration_seconds" + sfx, "gauge",
               "node_exporter: Duration of a collector scrape.");
        for (const char *c : {"arp", "bcache", "bonding", "btrfs", "conntrack", "cpu", "cpufreq",
                              "diskstats", "dmi", "edac", "entropy", "fibrechannel"}) {
            out.append("node_scrape_collector_duration_seconds" + sfx + "{collector=\"")
                .append(c)
                .append("\"} ")
                .append(formatValue(small(rng) / 100))
                .append('\n');
        }
        family(out, "node_disk_io_time_weighted_seconds_total" + sfx, "counter",
               "The weighted # of seconds spent doing I/Os.");
        for (int d = 0; d < 4; ++d) {
            out.append("node_disk_io_time_weighted_seconds_total" + sfx + "{device=\"sd")
                .append(char('a' + d))
                .append("\"} ")
                .append(formatValue(big(rng) / 1e7))
                .append('\n');
        }
    }
    return out;
}

// Walks every entry, touching each sample's value and label values; returns the samples.
qsizetype iterate(const auto &makeParser) {
    auto p = makeParser();
    using Entry = typename decltype(p)::Entry;
    qsizetype n = 0;
    double sum = 0;
    for (;;) {
        const Entry e = p.next();
        if (e == Entry::Sample) {
            ++n;
            sum += p.value();
            for (int i = 0; i < p.labelCount(); ++i)
                sum += double(p.labelValue(i).size());
        } else if (e == Entry::End) {
            break;
        } else if (e == Entry::Error) {
            std::fprintf(stderr, "line %d: %s\n", p.lineNumber(), qPrintable(p.error().message));
            std::exit(1);
        }
    }
    if (sum == -1) // keep the loop from being optimised away
        std::puts("");
    return n;
}

double bestSeconds(int rounds, const auto &work) {
    double best = 1e100;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        best = std::min(best, double(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char **argv) {
    const double mb = argc > 1 ? std::atof(argv[1]) : 10.0;
    const QByteArray input = generate(qsizetype(mb * 1024 * 1024));
    const double megabytes = double(input.size()) / (1024.0 * 1024.0);

    // The same bytes as OpenMetrics: every line above is valid OpenMetrics as 2.42 reads it
    // (it checks no suffixes), so only the mandatory `# EOF` is added.
    const QByteArray openMetrics = input + "# EOF\n";

    qsizetype samples = 0;
    const double iterSeconds =
        bestSeconds(10, [&] { samples = iterate([&] { return TextParser(input); }); });
    const double promSeconds = bestSeconds(
        10, [&] { iterate([&] { return TextParser(input, TextParser::Dialect::PromParse); }); });
    qsizetype omSamples = 0;
    const double omSeconds = bestSeconds(
        10, [&] { omSamples = iterate([&] { return OpenMetricsParser(openMetrics); }); });
    if (omSamples != samples) {
        std::fprintf(stderr, "OpenMetrics read %lld samples, the text format %lld\n",
                     static_cast<long long>(omSamples), static_cast<long long>(samples));
        std::exit(1);
    }

    qsizetype families = 0;
    const double buildSeconds = bestSeconds(5, [&] {
        const ParsedExposition parsed = parseText(input);
        if (parsed.error) {
            std::fprintf(stderr, "%s\n", qPrintable(parsed.error->toString()));
            std::exit(1);
        }
        families = qsizetype(parsed.families.size());
    });

    std::printf("input: %.2f MB, %lld families, %lld samples\n", megabytes,
                static_cast<long long>(families), static_cast<long long>(samples));
    std::printf("TextParser iterator: %8.1f MB/s %12.0f samples/s\n", megabytes / iterSeconds,
                double(samples) / iterSeconds);
    std::printf("TextParser, 2.42's promparse dialect (scraper, text format): %8.1f MB/s\n",
                megabytes / promSeconds);
    std::printf("OpenMetricsParser iterator (scraper, OpenMetrics): %8.1f MB/s %12.0f samples/s "
                "(%.0f %% of promparse)\n",
                megabytes / omSeconds, double(samples) / omSeconds,
                100.0 * promSeconds / omSeconds);
    std::printf("parseText (families): %7.1f MB/s %12.0f samples/s\n", megabytes / buildSeconds,
                double(samples) / buildSeconds);
    return 0;
}
