#pragma once

#include "scrapeconfig.h"
#include "storage/labels.h"

#include <QString>

namespace ppl {

// What became of one discovered target (Prometheus 2.42's scrape.PopulateLabels).
struct TargetBuildResult {
    enum class Outcome {
        Active,  // `target` is complete
        Dropped, // a relabel rule dropped it: `target` holds jobName and discoveredLabels only
        Failed,  // invalid after relabelling (no address, bad interval…): see `error`
    };
    Outcome outcome = Outcome::Failed;
    ScrapeTarget target;
    QString error;
};

// Adds job, __address__ defaults (__scheme__, __metrics_path__, __scrape_interval__,
// __scrape_timeout__, __param_<name>), applies the job's relabel_configs, defaults
// `instance` to __address__ (adding :80 to a port-less address, as Prometheus does), drops
// __meta_* and then every __* label from the final set, and builds the scrape URL from
// __scheme__, __address__, __metrics_path__ and the params (a __param_<name> label replaces
// that parameter's first value). The interval and timeout come from the relabelled
// __scrape_interval__/__scrape_timeout__, so relabelling can change them, as in Prometheus.
TargetBuildResult populateTarget(const Labels &discovered, const ScrapeJobConfig &job);

} // namespace ppl
