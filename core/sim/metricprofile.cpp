#include "metricprofile.h"

#include "exposition/textwriter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ppl {

MetricProfile MetricProfile::service() {
    MetricProfile p;
    p.name = QStringLiteral("service");
    p.http = HttpWorkload{};
    return p;
}

MetricProfile MetricProfile::node() {
    MetricProfile p;
    p.name = QStringLiteral("node");
    p.processMetrics = false;
    p.metrics = {
        {"node_load1", MetricType::Gauge, "1m load average.", {}, 0.6, 0, 0.4, 90},
        {"node_memory_MemAvailable_bytes",
         MetricType::Gauge,
         "Memory information field MemAvailable_bytes.",
         {},
         4.2e9,
         0,
         3e8,
         300},
        {"node_filesystem_avail_bytes",
         MetricType::Gauge,
         "Filesystem space available to non-root users in bytes.",
         {{"device", "/dev/sda1"}, {"fstype", "ext4"}, {"mountpoint", "/"}},
         5.0e10,
         0,
         1e8,
         600},
        {"node_cpu_seconds_total",
         MetricType::Counter,
         "Seconds the CPUs spent in each mode.",
         {{"cpu", "0"}, {"mode", "idle"}},
         0,
         0.9,
         0,
         60},
        {"node_cpu_seconds_total",
         MetricType::Counter,
         "Seconds the CPUs spent in each mode.",
         {{"cpu", "0"}, {"mode", "user"}},
         0,
         0.08,
         0,
         60},
        {"node_cpu_seconds_total",
         MetricType::Counter,
         "Seconds the CPUs spent in each mode.",
         {{"cpu", "0"}, {"mode", "system"}},
         0,
         0.02,
         0,
         60},
    };
    return p;
}

MetricProfile MetricProfile::empty() {
    MetricProfile p;
    p.name = QStringLiteral("empty");
    p.processMetrics = false;
    return p;
}

std::optional<MetricProfile> MetricProfile::builtIn(const QString &name) {
    if (name == QLatin1String("service"))
        return service();
    if (name == QLatin1String("node"))
        return node();
    if (name == QLatin1String("empty"))
        return empty();
    return std::nullopt;
}

QStringList MetricProfile::builtInNames() {
    return {QStringLiteral("service"), QStringLiteral("node"), QStringLiteral("empty")};
}

double workloadRequests(const HttpWorkload &w, double t) {
    if (t <= 0)
        return 0;
    const double v = std::clamp(w.variation, 0.0, 1.0); // > 1 would make the counter go down
    const double period = w.variationPeriodS > 0 ? w.variationPeriodS : 60;
    const double omega = 2 * std::numbers::pi / period;
    return w.requestsPerSecond * (t + v / omega * (1 - std::cos(omega * t)));
}

namespace {

MetricFamily &familyFor(std::vector<MetricFamily> &out, const QByteArray &name, MetricType type,
                        const QByteArray &help) {
    for (MetricFamily &f : out)
        if (f.name == name)
            return f;
    MetricFamily f;
    f.name = name;
    f.type = type;
    f.help = help;
    f.hasHelp = !help.isEmpty();
    out.push_back(std::move(f));
    return out.back();
}

void addSample(MetricFamily &f, const QByteArray &name, std::vector<LabelPair> labels,
               double value) {
    MetricSample s;
    s.name = name;
    s.labels = std::move(labels);
    s.value = value;
    f.samples.push_back(std::move(s));
}

void renderHttp(std::vector<MetricFamily> &out, const HttpWorkload &w, double t) {
    const double total = workloadRequests(w, t);
    double shares = 0;
    for (const auto &r : w.routes)
        shares += std::max(0.0, r.share);
    if (shares <= 0)
        return;
    // Both families exist before either is referenced: push_back would move the first.
    familyFor(out, "http_requests_total", MetricType::Counter, "Total number of HTTP requests");
    familyFor(out, "http_request_duration_seconds", MetricType::Histogram,
              "Duration of HTTP requests in seconds");
    MetricFamily &requests = familyFor(out, "http_requests_total", {}, {});
    MetricFamily &duration = familyFor(out, "http_request_duration_seconds", {}, {});
    const double mean = w.meanLatencyS > 0 ? w.meanLatencyS : 0.1;
    for (const auto &r : w.routes) {
        // Whole requests only, and floor() of a growing value never goes down.
        const double count = std::floor(total * std::max(0.0, r.share) / shares);
        std::vector<LabelPair> labels{{"method", r.method}, {"status", r.status}};
        addSample(requests, "http_requests_total", labels, count);
        for (double le : w.buckets) {
            auto bl = labels;
            bl.push_back({"le", formatValue(le)});
            addSample(duration, "http_request_duration_seconds_bucket", std::move(bl),
                      std::floor(count * (1 - std::exp(-le / mean))));
        }
        auto inf = labels;
        inf.push_back({"le", "+Inf"});
        addSample(duration, "http_request_duration_seconds_bucket", std::move(inf), count);
        addSample(duration, "http_request_duration_seconds_sum", labels, count * mean);
        addSample(duration, "http_request_duration_seconds_count", labels, count);
    }
}

} // namespace

std::vector<MetricFamily> renderProfile(const MetricProfile &profile, qint64 startMs,
                                        qint64 nowMs) {
    const double t = std::max<qint64>(0, nowMs - startMs) / 1000.0;
    std::vector<MetricFamily> out;
    if (profile.http)
        renderHttp(out, *profile.http, t);
    for (const ProfileMetric &m : profile.metrics) {
        MetricFamily &f = familyFor(out, m.name, m.type, m.help);
        double v = m.value;
        if (m.type == MetricType::Counter) {
            v = m.value + std::max(0.0, m.rate) * t;
        } else if (m.amplitude != 0) {
            const double period = m.periodS > 0 ? m.periodS : 60;
            v = m.value + m.amplitude * std::sin(2 * std::numbers::pi * t / period);
        }
        addSample(f, m.name, m.labels, v);
    }
    if (profile.processMetrics) {
        addSample(familyFor(out, "process_cpu_seconds_total", MetricType::Counter,
                            "Total user and system CPU time spent in seconds."),
                  "process_cpu_seconds_total", {}, profile.cpuSecondsPerSecond * t);
        addSample(familyFor(out, "process_resident_memory_bytes", MetricType::Gauge,
                            "Resident memory size in bytes."),
                  "process_resident_memory_bytes", {},
                  std::round(profile.residentMemoryBytes * (1 + 0.05 * std::sin(t / 30))));
        addSample(familyFor(out, "process_start_time_seconds", MetricType::Gauge,
                            "Start time of the process since unix epoch in seconds."),
                  "process_start_time_seconds", {}, startMs / 1000.0);
    }
    return out;
}

} // namespace ppl
