#include "processstats.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace ppl {

namespace {

QByteArray readProc(const char *path) {
    QFile f(QString::fromLatin1(path));
    // /proc files report size 0: read until the end.
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The soft limit of one row of /proc/self/limits ("unlimited" as the largest uint64, as
// procfs reports it to the Go collector).
double softLimit(const QByteArray &limits, const QByteArray &row) {
    for (const QByteArray &line : limits.split('\n')) {
        if (!line.startsWith(row))
            continue;
        const QList<QByteArray> fields = line.mid(row.size()).simplified().split(' ');
        if (fields.isEmpty())
            return 0;
        return fields[0] == "unlimited" ? 18446744073709551615.0 : fields[0].toDouble();
    }
    return 0;
}

} // namespace

std::optional<ProcessStats> readProcessStats() {
    const QByteArray stat = readProc("/proc/self/stat");
    // The command name may hold spaces and parentheses: fields count from the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> f = stat.mid(close + 2).simplified().split(' ');
    // f[0] is field 3 (state): utime 14, stime 15, starttime 22, vsize 23, rss 24.
    if (f.size() < 22)
        return std::nullopt;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double page = double(sysconf(_SC_PAGESIZE));
    double bootTime = 0;
    for (const QByteArray &line : readProc("/proc/stat").split('\n')) {
        if (line.startsWith("btime "))
            bootTime = line.mid(6).trimmed().toDouble();
    }
    ProcessStats s;
    s.cpuSeconds = (f[11].toDouble() + f[12].toDouble()) / ticks;
    s.startTimeSeconds = bootTime + f[19].toDouble() / ticks;
    s.virtualBytes = f[20].toDouble();
    s.residentBytes = f[21].toDouble() * page;
    s.openFds = double(QDir(QStringLiteral("/proc/self/fd"))
                           .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                           .size());
    const QByteArray limits = readProc("/proc/self/limits");
    s.maxFds = softLimit(limits, "Max open files");
    s.virtualMaxBytes = softLimit(limits, "Max address space");
    return s;
}

std::vector<ProcessMetric> processMetrics(const ProcessStats &p) {
    return {
        {"process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
         p.cpuSeconds},
        {"process_max_fds", "gauge", "Maximum number of open file descriptors.", p.maxFds},
        {"process_open_fds", "gauge", "Number of open file descriptors.", p.openFds},
        {"process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
         p.residentBytes},
        {"process_start_time_seconds", "gauge",
         "Start time of the process since unix epoch in seconds.", p.startTimeSeconds},
        {"process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", p.virtualBytes},
        {"process_virtual_memory_max_bytes", "gauge",
         "Maximum amount of virtual memory available in bytes.", p.virtualMaxBytes},
    };
}

} // namespace ppl
