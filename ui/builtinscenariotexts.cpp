#include "builtinscenariotexts.h"

#include <QCoreApplication>

namespace ppl {

namespace {
// lupdate reads only literals, not resources/scenarios/*.yaml: each built-in scenario's
// description is repeated here (whitespace simplified, as builtInScenarios() returns it) so it
// lands in the .ts. tst_translation fails when a YAML description no longer matches its entry.
[[maybe_unused]] constexpr const char *kDescriptions[] = {
    // pull-basics
    QT_TRANSLATE_NOOP("BuiltInScenarios",
                      "Three Node.js-style services and a node are scraped every 5 s. Kill one "
                      "(POST /lab/targets/web-2/kill or the Kill button) and watch its up drop to "
                      "0 at the next scrape and its series go stale."),
    // short-lived-job
    QT_TRANSLATE_NOOP("BuiltInScenarios",
                      "Two 2-second batch jobs every 40 s, scraped every 15 s. backup pushes its "
                      "result to the Pushgateway, so it is always seen; report only exposes "
                      "/metrics while it runs, so the scraper almost never catches it."),
    // stale-metrics
    QT_TRANSLATE_NOOP("BuiltInScenarios",
                      "A job pushes once and dies; its value lingers in the Pushgateway and keeps "
                      "being scraped. At 60 s the group is deleted; the job pushes again; at 90 s "
                      "the gateway restarts without persistence (the group is lost); the job "
                      "pushes again; at 120 s it restarts with persistence (the group survives)."),
    // firewall
    QT_TRANSLATE_NOOP("BuiltInScenarios",
                      "billing sits behind a firewall: the lab server's scrapes are refused (up "
                      "0), but billing pushes its own metrics to the Pushgateway every 10 s, which "
                      "the server scrapes instead. web-1 is scraped normally for comparison."),
    // service-discovery
    QT_TRANSLATE_NOOP(
        "BuiltInScenarios",
        "Pods discovered with kubernetes_sd_configs (role pod) and kept only when annotated "
        "prometheus.io/scrape \"true\", as in the seed article. batch-worker is annotated at 30 s, "
        "web-b is removed at 60 s, web-c is added at 90 s."),
    // hybrid
    QT_TRANSLATE_NOOP("BuiltInScenarios",
                      "The usual mix: long-running services are pulled, cron jobs push to the "
                      "Pushgateway, and the server scrapes the gateway with honor_labels."),
    // duplicate-pushers
    QT_TRANSLATE_NOOP(
        "BuiltInScenarios",
        "Two instances of one batch job push under the same grouping key (job=batch_processor, "
        "instance=job-instance-1): each push overwrites the other's, so the gateway only ever "
        "shows the last one. Give each instance its own instance label to keep both."),
    // monitor-the-monitoring
    QT_TRANSLATE_NOOP(
        "BuiltInScenarios",
        "The lab server scrapes its own /metrics as job prometheus, as the Prometheus "
        "getting-started guide's first configuration does, beside two services. Query "
        "prometheus_target_interval_length_seconds, "
        "prometheus_target_scrape_pool_targets, prometheus_tsdb_head_series or "
        "prometheus_config_last_reload_successful; break the configuration (Server "
        "config dock) and watch the reload gauge drop to 0."),
    // probing-from-outside
    QT_TRANSLATE_NOOP(
        "BuiltInScenarios",
        "Two views of one death. Debian's real blackbox exporter, started by the lab, "
        "probes web-1 and web-2 from outside (the multi-target exporter pattern: "
        "probe_success per URL) while the lab server also scrapes them directly (up); "
        "Debian's real node exporter stands for a real host. Kill web-2: its probe "
        "fails (probe_success 0) and its up goes 0. Needs the packages "
        "prometheus-blackbox-exporter and prometheus-node-exporter."),
    // honor-labels
    QT_TRANSLATE_NOOP(
        "BuiltInScenarios",
        "One batch job pushes under job=nightly_export, instance=exporter-1. The lab server "
        "scrapes the Pushgateway twice: pushgateway-honor with honor_labels: true keeps the "
        "pushed job and instance; pushgateway-plain without it stores the same sample as "
        "exported_job=\"nightly_export\", exported_instance=\"exporter-1\", "
        "job=\"pushgateway-plain\". Query job_records_processed_total to compare."),
};
} // namespace

QString builtInScenarioDescription(const QString &description) {
    return QCoreApplication::translate("BuiltInScenarios", description.toUtf8().constData());
}

} // namespace ppl
