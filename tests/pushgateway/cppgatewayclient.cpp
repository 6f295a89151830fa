// A real C++ client of the Pushgateway, using Debian's prometheus-cpp Gateway.
// Usage: cppgatewayclient PORT push|pushadd|delete VALUE  → prints the HTTP status code.
#include <prometheus/counter.h>
#include <prometheus/gateway.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdio>
#include <memory>
#include <string>

int main(int argc, char **argv) {
    if (argc < 4)
        return 2;
    const std::string port = argv[1];
    const std::string mode = argv[2];
    const double value = std::stod(argv[3]);
    prometheus::Gateway gateway("http://127.0.0.1", port, "cpp_job", {{"instance", "cpp-1"}});
    auto registry = std::make_shared<prometheus::Registry>();
    auto &runs = prometheus::BuildCounter()
                     .Name("cpp_job_runs_total")
                     .Help("Runs of the C++ job.")
                     .Register(*registry);
    runs.Add({{"status", "success"}}).Increment(value);
    if (mode == "push") {
        auto &last = prometheus::BuildGauge()
                         .Name("cpp_job_last_value")
                         .Help("Last value.")
                         .Register(*registry);
        last.Add({}).Set(value);
    }
    gateway.RegisterCollectable(registry);
    int code = 0;
    if (mode == "push")
        code = gateway.Push();
    else if (mode == "pushadd")
        code = gateway.PushAdd();
    else
        code = gateway.DeleteForInstance(); // Delete() would address {job} only
    std::printf("%d\n", code);
    return 0;
}
