#include "configschema.h"

#include <yaml-cpp/yaml.h>

#include <QSet>

#include <algorithm>
#include <string>

namespace ppl {

namespace {

using Field = ConfigSection::Field;

int lineOf(const YAML::Node &node) {
    const int line = node.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

// Not simulated: Prometheus accepts the key, the lab does not act on it.
Field off(const char *name, const ConfigSection *child = nullptr, bool list = false) {
    return Field{name, child, list, false};
}

// Sections from Prometheus 2.42 (config/config.go, model/relabel, discovery/*) and
// prometheus/common v0.39 (HTTPClientConfig, TLSConfig, BasicAuth, Authorization, OAuth2).
// Debian's build leaves out the consul, kuma, linode and nomad discoveries (its promtool
// answers "field consul_sd_configs not found in type config.ScrapeConfig"), so do we; it
// also leaves out kubernetes_sd_configs, which the lab simulates and therefore keeps.
struct Schema {
    ConfigSection tls{"config.plain",
                      {{"ca_file"},
                       {"cert_file"},
                       {"key_file"},
                       {"server_name"},
                       {"insecure_skip_verify"},
                       {"min_version"},
                       {"max_version"}}};
    ConfigSection basicAuth{"config.plain", {{"username"}, {"password"}, {"password_file"}}};
    ConfigSection authorization{"config.Authorization",
                                {{"type"}, {"credentials"}, {"credentials_file"}}};
    ConfigSection oauth2{"config.OAuth2",
                         {{"client_id"},
                          {"client_secret"},
                          {"client_secret_file"},
                          {"scopes"},
                          {"token_url"},
                          {"endpoint_params"},
                          {"tls_config", &tls},
                          {"proxy_url"},
                          {"proxy_connect_header"}}};
    ConfigSection relabel{"relabel.plain",
                          {{"source_labels"},
                           {"separator"},
                           {"regex"},
                           {"modulus"},
                           {"target_label"},
                           {"replacement"},
                           {"action"}}};
    ConfigSection staticConfig{
        "struct { Targets []string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet "
        "\"yaml:\\\"labels\\\"\" }",
        {{"targets"}, {"labels"}}};
    ConfigSection fileSd{"file.plain", {{"files"}, {"refresh_interval"}}};
    ConfigSection k8sNamespaces{"kubernetes.plain", {{"names"}, off("own_namespace")}};
    ConfigSection k8sSelector{"kubernetes.SelectorConfig", {{"role"}, {"label"}, {"field"}}};
    ConfigSection k8sAttach{"kubernetes.AttachMetadataConfig", {{"node"}}};
    ConfigSection kubernetesSd{"kubernetes.plain", withHttp({{"role"},
                                                             {"namespaces", &k8sNamespaces},
                                                             off("api_server"),
                                                             off("kubeconfig_file"),
                                                             off("selectors", &k8sSelector, true),
                                                             off("attach_metadata", &k8sAttach)},
                                                            false)};
    // Discoveries the lab does not simulate: their keys are still checked.
    ConfigSection azureSd{"azure.plain", withHttp({{"environment"},
                                                   {"port"},
                                                   {"subscription_id"},
                                                   {"tenant_id"},
                                                   {"client_id"},
                                                   {"client_secret"},
                                                   {"refresh_interval"},
                                                   {"authentication_method"},
                                                   {"resource_group"}})};
    ConfigSection digitaloceanSd{"digitalocean.plain", withHttp({{"refresh_interval"}, {"port"}})};
    ConfigSection dockerSd{
        "moby.plain",
        withHttp(
            {{"host"}, {"port"}, {"filters"}, {"host_networking_host"}, {"refresh_interval"}})};
    ConfigSection dockerswarmSd{
        "moby.plain", withHttp({{"host"}, {"role"}, {"port"}, {"filters"}, {"refresh_interval"}})};
    ConfigSection dnsSd{"dns.plain", {{"names"}, {"refresh_interval"}, {"type"}, {"port"}}};
    ConfigSection ec2Sd{"aws.plain",
                        {{"endpoint"},
                         {"region"},
                         {"access_key"},
                         {"secret_key"},
                         {"profile"},
                         {"role_arn"},
                         {"refresh_interval"},
                         {"port"},
                         {"filters"}}};
    ConfigSection lightsailSd{"aws.plain", withHttp({{"endpoint"},
                                                     {"region"},
                                                     {"access_key"},
                                                     {"secret_key"},
                                                     {"profile"},
                                                     {"role_arn"},
                                                     {"refresh_interval"},
                                                     {"port"}})};
    ConfigSection eurekaSd{"eureka.plain", withHttp({{"server"}, {"refresh_interval"}})};
    ConfigSection gceSd{
        "gce.plain",
        {{"project"}, {"zone"}, {"filter"}, {"refresh_interval"}, {"port"}, {"tag_separator"}}};
    ConfigSection hetznerSd{"hetzner.plain", withHttp({{"refresh_interval"}, {"port"}, {"role"}})};
    ConfigSection httpSd{"http.plain", withHttp({{"refresh_interval"}, {"url"}})};
    ConfigSection ionosSd{"ionos.plain",
                          withHttp({{"datacenter_id"}, {"refresh_interval"}, {"port"}})};
    ConfigSection marathonSd{
        "marathon.plain",
        withHttp({{"servers"}, {"refresh_interval"}, {"auth_token"}, {"auth_token_file"}})};
    ConfigSection zookeeperSd{"zookeeper.plain", {{"servers"}, {"paths"}, {"timeout"}}};
    ConfigSection openstackSd{"openstack.plain",
                              {{"identity_endpoint"},
                               {"username"},
                               {"userid"},
                               {"password"},
                               {"project_name"},
                               {"project_id"},
                               {"domain_name"},
                               {"domain_id"},
                               {"application_credential_name"},
                               {"application_credential_id"},
                               {"application_credential_secret"},
                               {"role"},
                               {"region"},
                               {"refresh_interval"},
                               {"port"},
                               {"all_tenants"},
                               {"tls_config", &tls},
                               {"availability"}}};
    ConfigSection ovhcloudSd{"ovhcloud.plain",
                             {{"endpoint"},
                              {"application_key"},
                              {"application_secret"},
                              {"consumer_key"},
                              {"refresh_interval"},
                              {"service"}}};
    ConfigSection puppetdbSd{
        "puppetdb.plain",
        withHttp({{"refresh_interval"}, {"url"}, {"query"}, {"include_parameters"}, {"port"}})};
    ConfigSection scalewaySd{"scaleway.plain", withHttp({{"project_id"},
                                                         {"api_url"},
                                                         {"zone"},
                                                         {"access_key"},
                                                         {"secret_key"},
                                                         {"secret_key_file"},
                                                         {"name_filter"},
                                                         {"tags_filter"},
                                                         {"refresh_interval"},
                                                         {"port"},
                                                         {"role"}})};
    ConfigSection tritonSd{"triton.plain",
                           {{"account"},
                            {"role"},
                            {"dns_suffix"},
                            {"endpoint"},
                            {"groups"},
                            {"port"},
                            {"refresh_interval"},
                            {"tls_config", &tls},
                            {"version"}}};
    ConfigSection uyuniSd{"uyuni.plain", withHttp({{"server"},
                                                   {"username"},
                                                   {"password"},
                                                   {"entitlement"},
                                                   {"separator"},
                                                   {"refresh_interval"}})};
    ConfigSection vultrSd{"vultr.plain", withHttp({{"refresh_interval"}, {"port"}})};

    ConfigSection scrape{"config.ScrapeConfig",
                         withDiscovery(withHttp({{"job_name"},
                                                 {"honor_labels"},
                                                 {"honor_timestamps"},
                                                 {"params"},
                                                 {"scrape_interval"},
                                                 {"scrape_timeout"},
                                                 {"metrics_path"},
                                                 {"scheme"},
                                                 {"body_size_limit"},
                                                 {"sample_limit"},
                                                 {"target_limit"},
                                                 {"label_limit"},
                                                 {"label_name_length_limit"},
                                                 {"label_value_length_limit"},
                                                 {"relabel_configs", &relabel, true},
                                                 {"metric_relabel_configs", &relabel, true}},
                                                true),
                                       true)};
    ConfigSection global{"config.plain",
                         {{"scrape_interval"},
                          {"scrape_timeout"},
                          {"evaluation_interval"},
                          off("query_log_file"),
                          {"external_labels"}}};
    // The lab's notifier sends to static_configs targets; other discoveries are accepted.
    ConfigSection alertmanager{
        "config.AlertmanagerConfig",
        simulating("static_configs", withDiscovery(withHttp({{"scheme"},
                                                             {"path_prefix"},
                                                             {"timeout"},
                                                             {"api_version"},
                                                             {"relabel_configs", &relabel, true}}),
                                                   false))};
    ConfigSection alerting{
        "config.plain",
        {{"alert_relabel_configs", &relabel, true}, {"alertmanagers", &alertmanager, true}}};
    ConfigSection queue{"config.QueueConfig",
                        {{"capacity"},
                         {"max_shards"},
                         {"min_shards"},
                         {"max_samples_per_send"},
                         {"batch_send_deadline"},
                         {"min_backoff"},
                         {"max_backoff"},
                         {"retry_on_http_429"}}};
    ConfigSection metadata{"config.MetadataConfig",
                           {{"send"}, {"send_interval"}, {"max_samples_per_send"}}};
    ConfigSection sigv4{"sigv4.SigV4Config",
                        {{"region"}, {"access_key"}, {"secret_key"}, {"profile"}, {"role_arn"}}};
    ConfigSection remoteWrite{"config.plain", withHttp({{"url"},
                                                        {"remote_timeout"},
                                                        {"headers"},
                                                        {"write_relabel_configs", &relabel, true},
                                                        {"name"},
                                                        {"send_exemplars"},
                                                        {"send_native_histograms"},
                                                        {"queue_config", &queue},
                                                        {"metadata_config", &metadata},
                                                        {"sigv4", &sigv4}})};
    ConfigSection remoteRead{"config.plain", withHttp({{"url"},
                                                       {"remote_timeout"},
                                                       {"headers"},
                                                       {"read_recent"},
                                                       {"name"},
                                                       {"required_matchers"},
                                                       {"filter_external_labels"}})};
    ConfigSection tsdb{"config.plain", {{"out_of_order_time_window"}}};
    ConfigSection exemplars{"config.ExemplarsConfig", {{"max_exemplars"}}};
    ConfigSection storage{"config.StorageConfig", {{"tsdb", &tsdb}, {"exemplars", &exemplars}}};
    ConfigSection tracing{"config.plain",
                          {{"client_type"},
                           {"endpoint"},
                           {"sampling_fraction"},
                           {"insecure"},
                           {"tls_config", &tls},
                           {"headers"},
                           {"compression"},
                           {"timeout"}}};
    ConfigSection root{"config.plain",
                       {{"global", &global},
                        {"alerting", &alerting},
                        {"rule_files"},
                        {"scrape_configs", &scrape, true},
                        off("storage", &storage),
                        off("tracing", &tracing),
                        off("remote_write", &remoteWrite, true),
                        off("remote_read", &remoteRead, true)}};

    // HTTPClientConfig's keys, inlined into the sections that embed it. `simulated` marks
    // basic_auth in scrape configs, which the lab's scraper sends.
    std::vector<Field> withHttp(std::vector<Field> fields, bool scrapes = false) const {
        const std::vector<Field> http = {
            Field{"basic_auth", &basicAuth, false, scrapes},
            off("authorization", &authorization),
            off("oauth2", &oauth2),
            off("bearer_token"),
            off("bearer_token_file"),
            off("tls_config", &tls),
            off("proxy_url"),
            off("proxy_connect_header"),
            off("follow_redirects"),
            off("enable_http2"),
        };
        fields.insert(fields.end(), http.begin(), http.end());
        return fields;
    }
    static std::vector<Field> simulating(const char *name, std::vector<Field> fields) {
        for (Field &f : fields)
            if (qstrcmp(f.name, name) == 0)
                f.simulated = true;
        return fields;
    }
    // discovery.Configs inlined: <name>_sd_configs and static_configs.
    std::vector<Field> withDiscovery(std::vector<Field> fields, bool scrapes) const {
        const std::vector<Field> sd = {
            Field{"static_configs", &staticConfig, true, scrapes},
            Field{"file_sd_configs", &fileSd, true, scrapes},
            Field{"kubernetes_sd_configs", &kubernetesSd, true, scrapes},
            off("azure_sd_configs", &azureSd, true),
            off("digitalocean_sd_configs", &digitaloceanSd, true),
            off("docker_sd_configs", &dockerSd, true),
            off("dockerswarm_sd_configs", &dockerswarmSd, true),
            off("dns_sd_configs", &dnsSd, true),
            off("ec2_sd_configs", &ec2Sd, true),
            off("eureka_sd_configs", &eurekaSd, true),
            off("gce_sd_configs", &gceSd, true),
            off("hetzner_sd_configs", &hetznerSd, true),
            off("http_sd_configs", &httpSd, true),
            off("ionos_sd_configs", &ionosSd, true),
            off("lightsail_sd_configs", &lightsailSd, true),
            off("marathon_sd_configs", &marathonSd, true),
            off("nerve_sd_configs", &zookeeperSd, true),
            off("openstack_sd_configs", &openstackSd, true),
            off("ovhcloud_sd_configs", &ovhcloudSd, true),
            off("puppetdb_sd_configs", &puppetdbSd, true),
            off("scaleway_sd_configs", &scalewaySd, true),
            off("serverset_sd_configs", &zookeeperSd, true),
            off("triton_sd_configs", &tritonSd, true),
            off("uyuni_sd_configs", &uyuniSd, true),
            off("vultr_sd_configs", &vultrSd, true),
        };
        fields.insert(fields.end(), sd.begin(), sd.end());
        return fields;
    }
};

const Schema &schema() {
    static const Schema s;
    return s;
}

bool hasField(const ConfigSection &section, const QString &name) {
    const std::string key = name.toStdString();
    return std::any_of(section.fields.begin(), section.fields.end(),
                       [&](const Field &f) { return key == f.name; });
}

} // namespace

const ConfigSection &ConfigSchemaChecker::rootSection() {
    return schema().root;
}

void ConfigSchemaChecker::check(const YAML::Node &root) {
    m_errors.clear();
    m_notices.clear();
    if (root.IsMap())
        checkSection(root, rootSection(), QString(), true);
    const auto byLine = [](const ConfigDiagnostic &a, const ConfigDiagnostic &b) {
        return a.line < b.line;
    };
    std::stable_sort(m_errors.begin(), m_errors.end(), byLine);
    std::stable_sort(m_notices.begin(), m_notices.end(), byLine);
}

void ConfigSchemaChecker::checkSection(const YAML::Node &map, const ConfigSection &section,
                                       const QString &path, bool simulated) {
    QSet<QString> seen;
    for (const auto &kv : map) {
        if (!kv.first.IsScalar())
            continue; // a complex key: the loader reports the shape
        const QString name = QString::fromStdString(kv.first.Scalar());
        if (seen.contains(name)) {
            m_errors.append({lineOf(kv.first),
                             tr("field %1 already set in type %2")
                                 .arg(name, QString::fromLatin1(section.goType)),
                             tr("Hint: each key may appear once in a section; merge the two "
                                "blocks.")});
            continue;
        }
        seen.insert(name);
        const auto field =
            std::find_if(section.fields.begin(), section.fields.end(),
                         [&](const Field &f) { return name.toStdString() == f.name; });
        if (field == section.fields.end()) {
            unknownField(kv.first, name, section);
            continue;
        }
        const QString here = path.isEmpty() ? name : path + QLatin1Char('.') + name;
        if (simulated && !field->simulated) { // one notice for a whole unsimulated block
            m_notices.append({lineOf(kv.first),
                              tr("%1 is valid for Prometheus 2.42 but not simulated by the lab: "
                                 "it has no effect here")
                                  .arg(here),
                              {}});
        }
        if (!field->child)
            continue;
        const YAML::Node &value = kv.second;
        if (field->list && value.IsSequence()) {
            for (const auto &item : value) {
                if (item.IsMap())
                    checkSection(item, *field->child, here, simulated && field->simulated);
            }
        } else if (!field->list && value.IsMap()) {
            checkSection(value, *field->child, here, simulated && field->simulated);
        }
    }
}

void ConfigSchemaChecker::unknownField(const YAML::Node &key, const QString &name,
                                       const ConfigSection &section) {
    const Schema &s = schema();
    QString hint;
    if (name == QLatin1String("targets") || name == QLatin1String("labels")) {
        if (&section != &s.staticConfig) {
            hint = tr("Hint: targets and their labels go inside static_configs: "
                      "\"static_configs:\" then \"- targets: ['host:port']\", indented under "
                      "the job.");
        }
    } else if (name == QLatin1String("honor_labels") || name == QLatin1String("honor_timestamps")) {
        hint = tr("Hint: %1 belongs to a scrape config, at the same level as job_name "
                  "(not under global, static_configs or the top level).")
                   .arg(name);
    } else if (&section == &s.root && hasField(s.scrape, name)) {
        hint = tr("Hint: %1 belongs to a scrape config. It looks as if the indentation was "
                  "lost (as copying from a web page does): indent the job's keys under "
                  "\"- job_name: …\".")
                   .arg(name);
    } else if (&section == &s.scrape && hasField(s.root, name)) {
        hint = tr("Hint: %1 is a top-level section; write it at the start of a line, not "
                  "inside a job.")
                   .arg(name);
    } else if (&section == &s.global && hasField(s.scrape, name)) {
        hint = tr("Hint: in Prometheus 2.42, %1 is set per scrape config, not under global.")
                   .arg(name);
    }
    m_errors.append(
        {lineOf(key),
         tr("field %1 not found in type %2").arg(name, QString::fromLatin1(section.goType)), hint});
}

} // namespace ppl
