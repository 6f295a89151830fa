#pragma once

#include "exposition/metricfamily.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace ppl {

// What a simulated process exposes, as data: a scenario file can define its own metrics, and
// the two built-in profiles below are just values of this struct. Every value is a pure
// function of the time elapsed since the process started, so a ManualClock drives a target
// deterministically and a restart (elapsed = 0) resets its counters like a real one.

// A synthetic HTTP workload modelled on the seed's Node.js service (prom-client's
// http_requests_total and http_request_duration_seconds).
struct HttpWorkload {
    struct Route {
        QByteArray method = "GET";
        QByteArray status = "200";
        double share = 1; // fraction of all requests (shares are normalised)
        friend bool operator==(const Route &, const Route &) = default;
    };
    double requestsPerSecond = 5;
    // The rate swings by ±variation around its mean over variationPeriodS, so charts move.
    double variation = 0.2;
    double variationPeriodS = 60;
    QList<Route> routes = {
        {"GET", "200", 0.8}, {"POST", "200", 0.12}, {"GET", "404", 0.05}, {"GET", "500", 0.03}};
    double meanLatencyS = 0.08; // exponential latency distribution
    QList<double> buckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    friend bool operator==(const HttpWorkload &, const HttpWorkload &) = default;
};

// One free-form metric: a counter grows at `rate` per second, a gauge is
// value + amplitude·sin(2πt/period).
struct ProfileMetric {
    QByteArray name;
    MetricType type = MetricType::Gauge;
    QByteArray help;
    std::vector<LabelPair> labels;
    double value = 0;     // gauge base value (counter: initial value)
    double rate = 0;      // counter increase per second
    double amplitude = 0; // gauge swing
    double periodS = 60;
    friend bool operator==(const ProfileMetric &, const ProfileMetric &) = default;
};

struct MetricProfile {
    QString name;
    std::optional<HttpWorkload> http;
    bool processMetrics = true; // process_cpu_seconds_total, _resident_memory_bytes, _start_time
    double cpuSecondsPerSecond = 0.02;
    double residentMemoryBytes = 48 * 1024 * 1024;
    QList<ProfileMetric> metrics;
    friend bool operator==(const MetricProfile &, const MetricProfile &) = default;

    static MetricProfile service(); // the seed's Node.js service
    static MetricProfile node();    // a few node_exporter-style gauges and counters
    static MetricProfile empty();   // only what `metrics` holds (process metrics off)
    static std::optional<MetricProfile> builtIn(const QString &name); // "service", "node"
    static QStringList builtInNames();
};

// The exposition of a profile for a process that started at startMs and is asked at nowMs.
std::vector<MetricFamily> renderProfile(const MetricProfile &profile, qint64 startMs, qint64 nowMs);

// Requests served by the workload after elapsedS seconds (the integral of the swinging rate).
double workloadRequests(const HttpWorkload &workload, double elapsedS);

} // namespace ppl
