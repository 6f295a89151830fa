#pragma once

#include <optional>
#include <vector>

namespace ppl {

// What the Go client library's process collector reads from /proc for the process_* metrics
// every Prometheus server exposes (Linux only; nullopt elsewhere or when /proc is unreadable).
struct ProcessStats {
    double cpuSeconds = 0;       // utime + stime
    double residentBytes = 0;    // rss pages * page size
    double virtualBytes = 0;     // vsize
    double startTimeSeconds = 0; // boot time + starttime, seconds since the epoch
    double openFds = 0;          // entries of /proc/self/fd
    double maxFds = 0;           // soft "Max open files"
    double virtualMaxBytes = 0;  // soft "Max address space" (unlimited: 2^64-1)
};

std::optional<ProcessStats> readProcessStats();

// The process_* families as client_golang's process collector names and describes them, in
// its order: one definition for every /metrics the lab serves (server and gateway).
struct ProcessMetric {
    const char *name;
    const char *type;
    const char *help;
    double value;
};
std::vector<ProcessMetric> processMetrics(const ProcessStats &stats);

} // namespace ppl
