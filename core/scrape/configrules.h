#pragma once

#include "scrapeconfig.h"

#include <QCoreApplication>

#include <optional>

namespace YAML {
class Node;
}

namespace ppl {

// The checks Prometheus 2.42 makes on the blocks the lab accepts but does not simulate
// (HTTP client settings, remote write/read, tracing, alerting, the cloud discoveries…), so
// that a file gets the verdict promtool gives it even where the lab will not act on it.
// Same wording as Prometheus (its UnmarshalYAML and Validate methods, and prometheus/common
// v0.39's HTTPClientConfig.Validate). Runs after ConfigSchemaChecker found no unknown keys.
class ConfigRuleChecker {
    Q_DECLARE_TR_FUNCTIONS(ppl::ConfigRuleChecker)
public:
    // The first broken rule, in file order; nullopt when every block is valid.
    static std::optional<ConfigDiagnostic> check(const YAML::Node &root);
    // A scrape config's discovery blocks alone: 2.42 decodes (and checks) them before it
    // looks at job_name.
    static std::optional<ConfigDiagnostic> checkDiscoveries(const YAML::Node &job);
};

} // namespace ppl
