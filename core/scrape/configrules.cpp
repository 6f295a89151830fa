#include "configrules.h"

#include <yaml-cpp/yaml.h>

#include <QSet>
#include <QUrl>

namespace ppl {

namespace {

struct Broken {
    YAML::Node at;
    QString message;
};

int lineOf(const YAML::Node &node) {
    if (!node.IsDefined())
        return 0;
    const int line = node.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

bool isSet(const YAML::Node &node) {
    return node.IsDefined() && !node.IsNull();
}

// map[key] without yaml-cpp's "invalid node" exception for a missing key: a null node.
YAML::Node at(const YAML::Node &map, const char *key) {
    if (!map.IsDefined() || !map.IsMap())
        return YAML::Node();
    const YAML::Node n = map[key];
    return n.IsDefined() ? n : YAML::Node();
}

// The string a key holds ("" when absent or not a plain value), as Go would decode it.
QString text(const YAML::Node &map, const char *key) {
    const YAML::Node n = map[key];
    return isSet(n) && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
}

bool has(const YAML::Node &map, const char *key) {
    return isSet(map[key]);
}

[[noreturn]] void broken(const YAML::Node &at, const QString &message) {
    throw Broken{at, message};
}

void validateKubernetes(const YAML::Node &sd);

// Go's url.Parse is lenient; what the checks below need is its scheme and host.
QUrl goUrl(const QString &s) {
    return QUrl(s, QUrl::TolerantMode);
}

// prometheus/common v0.39 HTTPClientConfig.Validate, for blocks that inline it.
void validateHttp(const YAML::Node &m) {
    const bool bearer =
        !text(m, "bearer_token").isEmpty() || !text(m, "bearer_token_file").isEmpty();
    const YAML::Node basic = at(m, "basic_auth");
    const YAML::Node oauth = at(m, "oauth2");
    const YAML::Node authz = at(m, "authorization");
    if (!text(m, "bearer_token").isEmpty() && !text(m, "bearer_token_file").isEmpty())
        broken(m, QStringLiteral("at most one of bearer_token & bearer_token_file must be "
                                 "configured"));
    if ((isSet(basic) || isSet(oauth)) && bearer)
        broken(m, QStringLiteral("at most one of basic_auth, oauth2, bearer_token & "
                                 "bearer_token_file must be configured"));
    if (isSet(basic) && !text(basic, "password").isEmpty() &&
        !text(basic, "password_file").isEmpty())
        broken(basic, QStringLiteral("at most one of basic_auth password & password_file must "
                                     "be configured"));
    if (isSet(authz)) {
        if (bearer)
            broken(authz, QStringLiteral("authorization is not compatible with bearer_token & "
                                         "bearer_token_file"));
        if (!text(authz, "credentials").isEmpty() && !text(authz, "credentials_file").isEmpty())
            broken(authz, QStringLiteral("at most one of authorization credentials & "
                                         "credentials_file must be configured"));
        if (text(authz, "type").trimmed().compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0)
            broken(authz, QStringLiteral("authorization type cannot be set to \"basic\", use "
                                         "\"basic_auth\" instead"));
        if (isSet(basic) || isSet(oauth))
            broken(authz, QStringLiteral("at most one of basic_auth, oauth2 & authorization must "
                                         "be configured"));
    }
    if (isSet(oauth)) {
        if (isSet(basic))
            broken(oauth, QStringLiteral("at most one of oauth2 & basic_auth must be configured"));
        if (text(oauth, "client_id").isEmpty())
            broken(oauth, QStringLiteral("oauth2 client_id must be configured"));
        if (text(oauth, "client_secret").isEmpty() && text(oauth, "client_secret_file").isEmpty())
            broken(oauth, QStringLiteral("either oauth2 client_secret or client_secret_file must "
                                         "be configured"));
        if (text(oauth, "token_url").isEmpty())
            broken(oauth, QStringLiteral("oauth2 token_url must be configured"));
        if (!text(oauth, "client_secret").isEmpty() && !text(oauth, "client_secret_file").isEmpty())
            broken(oauth, QStringLiteral("at most one of oauth2 client_secret & "
                                         "client_secret_file must be configured"));
    }
}

void requireHttpUrl(const YAML::Node &sd, const char *key) {
    const QString url = text(sd, key);
    if (url.isEmpty())
        broken(sd, QStringLiteral("URL is missing"));
    const QUrl u = goUrl(url);
    if (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))
        broken(sd[key], QStringLiteral("URL scheme must be 'http' or 'https'"));
    if (u.host().isEmpty())
        broken(sd[key], QStringLiteral("host is missing in URL"));
}

void oneOfRoles(const YAML::Node &sd, std::initializer_list<const char *> roles,
                const QString &missing, const QString &unknownFormat) {
    const YAML::Node role = at(sd, "role");
    const QString r = text(sd, "role");
    if (isSet(role)) {
        bool known = false;
        for (const char *k : roles)
            known = known || r == QLatin1String(k);
        if (!known)
            broken(role, unknownFormat.arg(r));
    }
    if (r.isEmpty() && !missing.isEmpty())
        broken(sd, missing);
}

// Each discovery's UnmarshalYAML, for those the lab does not simulate.
void validateDiscovery(const std::string &key, const YAML::Node &sd) {
    if (key == "azure_sd_configs") {
        const auto need = [&](const char *name) {
            if (text(sd, name).isEmpty())
                broken(sd, QStringLiteral("azure SD configuration requires a %1")
                               .arg(QLatin1String(name)));
        };
        need("subscription_id");
        const QString method =
            has(sd, "authentication_method") ? text(sd, "authentication_method") : "OAuth";
        if (method == QLatin1String("OAuth")) {
            need("tenant_id");
            need("client_id");
            need("client_secret");
        }
        if (method != QLatin1String("OAuth") && method != QLatin1String("ManagedIdentity"))
            broken(at(sd, "authentication_method"),
                   QStringLiteral("unknown authentication_type \"%1\". Supported types are "
                                  "\"OAuth\" or \"ManagedIdentity\"")
                       .arg(method));
    } else if (key == "digitalocean_sd_configs" || key == "vultr_sd_configs") {
        validateHttp(sd);
    } else if (key == "docker_sd_configs") {
        if (text(sd, "host").isEmpty())
            broken(sd, QStringLiteral("host missing"));
        validateHttp(sd);
    } else if (key == "dockerswarm_sd_configs") {
        if (text(sd, "host").isEmpty())
            broken(sd, QStringLiteral("host missing"));
        const QString role = text(sd, "role");
        if (role.isEmpty())
            broken(sd, QStringLiteral("role missing (one of: tasks, services, nodes)"));
        if (role != QLatin1String("tasks") && role != QLatin1String("services") &&
            role != QLatin1String("nodes"))
            broken(at(sd, "role"), QStringLiteral("invalid role %1, expected tasks, services, or "
                                                  "nodes")
                                       .arg(role));
        validateHttp(sd);
    } else if (key == "dns_sd_configs") {
        const YAML::Node names = at(sd, "names");
        if (!isSet(names) || names.size() == 0)
            broken(sd, QStringLiteral("DNS-SD config must contain at least one SRV record name"));
        const QString type = has(sd, "type") ? text(sd, "type").toUpper() : QStringLiteral("SRV");
        if (type != QLatin1String("SRV") && type != QLatin1String("A") &&
            type != QLatin1String("AAAA") && type != QLatin1String("MX"))
            broken(at(sd, "type"), QStringLiteral("invalid DNS-SD records type %1").arg(type));
        if (type != QLatin1String("SRV") && text(sd, "port").toInt() == 0)
            broken(sd, QStringLiteral("a port is required in DNS-SD configs for all record "
                                      "types except SRV"));
    } else if (key == "ec2_sd_configs") {
        if (text(sd, "region").isEmpty()) // Debian's promtool asks the metadata service: none
            broken(sd, QStringLiteral("EC2 SD configuration requires a region"));
        for (const auto &f : at(sd, "filters")) {
            const YAML::Node values = at(f, "values");
            if (!isSet(values) || values.size() == 0)
                broken(f, QStringLiteral("EC2 SD configuration filter values cannot be empty"));
        }
    } else if (key == "lightsail_sd_configs") {
        if (text(sd, "region").isEmpty())
            broken(sd, QStringLiteral("Lightsail SD configuration requires a region"));
    } else if (key == "eureka_sd_configs") {
        const QString server = text(sd, "server");
        if (server.isEmpty())
            broken(sd, QStringLiteral("eureka_sd: empty or null eureka server"));
        const QUrl u = goUrl(server);
        if (u.scheme().isEmpty() || u.host().isEmpty())
            broken(at(sd, "server"), QStringLiteral("eureka_sd: invalid eureka server URL"));
        validateHttp(sd);
    } else if (key == "gce_sd_configs") {
        if (text(sd, "project").isEmpty())
            broken(sd, QStringLiteral("GCE SD configuration requires a project"));
        if (text(sd, "zone").isEmpty())
            broken(sd, QStringLiteral("GCE SD configuration requires a zone"));
    } else if (key == "hetzner_sd_configs") {
        oneOfRoles(sd, {"robot", "hcloud"}, QStringLiteral("role missing (one of: robot, hcloud)"),
                   QStringLiteral("unknown role \"%1\""));
        validateHttp(sd);
    } else if (key == "http_sd_configs" || key == "puppetdb_sd_configs") {
        requireHttpUrl(sd, "url");
        if (key == "puppetdb_sd_configs" && text(sd, "query").isEmpty())
            broken(sd, QStringLiteral("query missing"));
    } else if (key == "ionos_sd_configs") {
        if (text(sd, "datacenter_id").isEmpty())
            broken(sd, QStringLiteral("datacenter id can't be empty"));
        validateHttp(sd);
    } else if (key == "marathon_sd_configs") {
        const YAML::Node servers = at(sd, "servers");
        const bool token =
            !text(sd, "auth_token").isEmpty() || !text(sd, "auth_token_file").isEmpty();
        if (!isSet(servers) || servers.size() == 0)
            broken(sd, QStringLiteral("marathon_sd: must contain at least one Marathon server"));
        if (!text(sd, "auth_token").isEmpty() && !text(sd, "auth_token_file").isEmpty())
            broken(sd, QStringLiteral("marathon_sd: at most one of auth_token & auth_token_file "
                                      "must be configured"));
        if (has(sd, "basic_auth") && token)
            broken(sd, QStringLiteral("marathon_sd: at most one of basic_auth, auth_token & "
                                      "auth_token_file must be configured"));
        if ((!text(sd, "bearer_token").isEmpty() || !text(sd, "bearer_token_file").isEmpty()) &&
            token)
            broken(sd, QStringLiteral("marathon_sd: at most one of bearer_token, "
                                      "bearer_token_file, auth_token & auth_token_file must be "
                                      "configured"));
        if (has(sd, "authorization") && token)
            broken(sd, QStringLiteral("marathon_sd: at most one of auth_token, auth_token_file & "
                                      "authorization must be configured"));
        validateHttp(sd);
    } else if (key == "nerve_sd_configs" || key == "serverset_sd_configs") {
        const QString kind =
            key == "nerve_sd_configs" ? QStringLiteral("nerve") : QStringLiteral("serverset");
        const YAML::Node servers = at(sd, "servers");
        const YAML::Node paths = at(sd, "paths");
        if (!isSet(servers) || servers.size() == 0)
            broken(sd, QStringLiteral("%1 SD config must contain at least one Zookeeper server")
                           .arg(kind));
        if (!isSet(paths) || paths.size() == 0)
            broken(sd, QStringLiteral("%1 SD config must contain at least one path").arg(kind));
        for (const auto &p : paths) {
            const QString path = QString::fromStdString(p.Scalar());
            if (!path.startsWith(QLatin1Char('/')))
                broken(
                    p,
                    QStringLiteral("%1 SD config paths must begin with '/': %2").arg(kind, path));
        }
    } else if (key == "openstack_sd_configs") {
        if (has(sd, "role"))
            oneOfRoles(sd, {"hypervisor", "instance"}, {},
                       QStringLiteral("unknown OpenStack SD role \"%1\""));
        const QString availability =
            has(sd, "availability") ? text(sd, "availability") : QStringLiteral("public");
        if (availability != QLatin1String("public") && availability != QLatin1String("internal") &&
            availability != QLatin1String("admin"))
            broken(at(sd, "availability"), QStringLiteral("unknown availability %1, must be one of "
                                                          "admin, internal or public")
                                               .arg(availability));
        if (text(sd, "role").isEmpty())
            broken(sd, QStringLiteral("role missing (one of: instance, hypervisor)"));
        if (text(sd, "region").isEmpty())
            broken(sd, QStringLiteral("openstack SD configuration requires a region"));
    } else if (key == "ovhcloud_sd_configs") {
        const std::pair<const char *, const char *> required[] = {
            {"endpoint", "endpoint can not be empty"},
            {"application_key", "application key can not be empty"},
            {"application_secret", "application secret can not be empty"},
            {"consumer_key", "consumer key can not be empty"}};
        const bool endpointDefault = !has(sd, "endpoint"); // "ovh-eu" by default
        for (const auto &[name, message] : required) {
            if (QLatin1String(name) == QLatin1String("endpoint") && endpointDefault)
                continue;
            if (text(sd, name).isEmpty())
                broken(sd, QString::fromLatin1(message));
        }
        const QString service = text(sd, "service");
        if (service != QLatin1String("dedicated_server") && service != QLatin1String("vps"))
            broken(sd, QStringLiteral("unknown service: %1").arg(service));
    } else if (key == "scaleway_sd_configs") {
        oneOfRoles(sd, {"instance", "baremetal"},
                   QStringLiteral("role missing (one of: instance, baremetal)"),
                   QStringLiteral("unknown role \"%1\""));
        if (text(sd, "project_id").isEmpty())
            broken(sd, QStringLiteral("project_id is mandatory"));
        const bool key1 = !text(sd, "secret_key").isEmpty();
        const bool key2 = !text(sd, "secret_key_file").isEmpty();
        if (!key1 && !key2)
            broken(sd, QStringLiteral("one of secret_key & secret_key_file must be configured"));
        if (key1 && key2)
            broken(sd, QStringLiteral("at most one of secret_key & secret_key_file must be "
                                      "configured"));
        if (text(sd, "access_key").isEmpty())
            broken(sd, QStringLiteral("access_key is mandatory"));
        validateHttp(sd);
    } else if (key == "triton_sd_configs") {
        const QString role = has(sd, "role") ? text(sd, "role") : QStringLiteral("container");
        if (role != QLatin1String("container") && role != QLatin1String("cn"))
            broken(sd, QStringLiteral("triton SD configuration requires role to be 'container' "
                                      "or 'cn'"));
        if (text(sd, "account").isEmpty())
            broken(sd, QStringLiteral("triton SD configuration requires an account"));
        if (text(sd, "dns_suffix").isEmpty())
            broken(sd, QStringLiteral("triton SD configuration requires a dns_suffix"));
        if (text(sd, "endpoint").isEmpty())
            broken(sd, QStringLiteral("triton SD configuration requires an endpoint"));
    } else if (key == "uyuni_sd_configs") {
        if (text(sd, "server").isEmpty())
            broken(sd, QStringLiteral("Uyuni SD configuration requires server host"));
        if (text(sd, "username").isEmpty())
            broken(sd, QStringLiteral("Uyuni SD configuration requires a username"));
        if (text(sd, "password").isEmpty())
            broken(sd, QStringLiteral("Uyuni SD configuration requires a password"));
    } else if (key == "kubernetes_sd_configs") {
        validateKubernetes(sd);
    }
}

void validateDiscoveries(const YAML::Node &owner) {
    for (const auto &kv : owner) {
        const std::string key = kv.first.Scalar();
        if (key.size() < 11 || key.compare(key.size() - 11, 11, "_sd_configs") != 0 ||
            !kv.second.IsSequence())
            continue;
        for (const auto &sd : kv.second) {
            if (sd.IsMap())
                validateDiscovery(key, sd);
        }
    }
}

void validateHeaders(const YAML::Node &headers, bool tracing) {
    static const QSet<QString> reserved = {"host",
                                           "content-encoding",
                                           "content-length",
                                           "content-type",
                                           "user-agent",
                                           "connection",
                                           "keep-alive",
                                           "proxy-authenticate",
                                           "proxy-authorization",
                                           "www-authenticate",
                                           "accept-encoding",
                                           "x-prometheus-remote-write-version",
                                           "x-prometheus-remote-read-version",
                                           "x-amz-date",
                                           "x-amz-security-token",
                                           "x-amz-content-sha256"};
    if (!headers.IsMap())
        return;
    for (const auto &kv : headers) {
        const QString name = QString::fromStdString(kv.first.Scalar());
        if (name.toLower() == QLatin1String("authorization"))
            broken(kv.first, tracing ? QStringLiteral("custom authorization header configuration "
                                                      "is not yet supported")
                                     : QStringLiteral("authorization header must be changed via "
                                                      "the basic_auth, authorization, oauth2, or "
                                                      "sigv4 parameter"));
        if (reserved.contains(name.toLower()))
            broken(kv.first,
                   QStringLiteral("%1 is a reserved header. It must not be changed").arg(name));
    }
}

void validateRemote(const YAML::Node &root, const char *section, const QString &what) {
    const YAML::Node list = at(root, section);
    if (!list.IsSequence())
        return;
    QSet<QString> names;
    for (const auto &entry : list) {
        if (!entry.IsMap())
            continue; // null entries: the loader's "empty or null … section"
        if (!has(entry, "url"))
            broken(entry, QStringLiteral("url for %1 is empty").arg(what));
        validateHeaders(at(entry, "headers"), false);
        validateHttp(entry);
        if (what == QLatin1String("remote_write") &&
            (has(entry, "basic_auth") || has(entry, "authorization") || has(entry, "oauth2")) &&
            has(entry, "sigv4"))
            broken(entry, QStringLiteral("at most one of basic_auth, authorization, oauth2, & "
                                         "sigv4 must be configured"));
    }
    // Config.UnmarshalYAML, after every entry decoded.
    for (const auto &entry : list) {
        const QString name = entry.IsMap() ? text(entry, "name") : QString();
        if (!name.isEmpty() && names.contains(name))
            broken(at(entry, "name"),
                   QStringLiteral("found multiple %1 configs with job name \"%2\"")
                       .arg(QString(what).replace(QLatin1Char('_'), QLatin1Char(' ')), name));
        names.insert(name);
    }
}

// Upstream 2.42's kubernetes SDConfig.UnmarshalYAML (Debian's build lacks this discovery;
// the lab simulates it, so upstream's verdict is the one to match).
void validateKubernetes(const YAML::Node &sd) {
    if (text(sd, "role").isEmpty())
        broken(sd, QStringLiteral("role missing (one of: pod, service, endpoints, endpointslice, "
                                  "node, ingress)"));
    validateHttp(sd);
    static const char *const httpKeys[] = {
        "basic_auth",        "authorization", "oauth2",    "bearer_token",
        "bearer_token_file", "tls_config",    "proxy_url", "proxy_connect_header",
        "follow_redirects",  "enable_http2"};
    bool customHttp = false;
    for (const char *k : httpKeys)
        customHttp = customHttp || has(sd, k);
    const bool apiServer = has(sd, "api_server");
    const bool kubeconfig = !text(sd, "kubeconfig_file").isEmpty();
    const YAML::Node ns = at(sd, "namespaces");
    const bool ownNamespace =
        isSet(ns) && ns.IsMap() && text(ns, "own_namespace") == QLatin1String("true");
    if (apiServer && kubeconfig)
        broken(sd, QStringLiteral("cannot use 'kubeconfig_file' and 'api_server' simultaneously"));
    if (kubeconfig && customHttp)
        broken(sd, QStringLiteral("cannot use a custom HTTP client configuration together with "
                                  "'kubeconfig_file'"));
    if (!apiServer && customHttp)
        broken(sd, QStringLiteral("to use custom HTTP client configuration please provide the "
                                  "'api_server' URL explicitly"));
    if (apiServer && ownNamespace)
        broken(sd, QStringLiteral("cannot use 'api_server' and 'namespaces.own_namespace' "
                                  "simultaneously"));
    if (kubeconfig && ownNamespace)
        broken(sd, QStringLiteral("cannot use 'kubeconfig_file' and 'namespaces.own_namespace' "
                                  "simultaneously"));
    const QString role = text(sd, "role");
    const QMap<QString, QStringList> allowed = {
        {QStringLiteral("pod"), {QStringLiteral("pod")}},
        {QStringLiteral("service"), {QStringLiteral("service")}},
        {QStringLiteral("endpointslice"),
         {QStringLiteral("pod"), QStringLiteral("service"), QStringLiteral("endpointslice")}},
        {QStringLiteral("endpoints"),
         {QStringLiteral("pod"), QStringLiteral("service"), QStringLiteral("endpoints")}},
        {QStringLiteral("node"), {QStringLiteral("node")}},
        {QStringLiteral("ingress"), {QStringLiteral("ingress")}},
    };
    QSet<QString> seen;
    for (const auto &selector : at(sd, "selectors")) {
        const QString r = text(selector, "role");
        if (seen.contains(r))
            broken(selector, QStringLiteral("duplicated selector role: %1").arg(r));
        seen.insert(r);
        if (!allowed.value(role).contains(r))
            broken(selector, QStringLiteral("%1 role supports only %2 selectors")
                                 .arg(role, allowed.value(role).join(QStringLiteral(", "))));
        // fields.ParseSelector: each comma-separated term is key=value, key==value or
        // key!=value.
        const QString field = text(selector, "field");
        for (const QString &term : field.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!term.contains(QLatin1Char('=')))
                broken(at(selector, "field"), QStringLiteral("invalid selector: '%1'; can't "
                                                             "understand '%2'")
                                                  .arg(field, term));
        }
    }
}

void validateTracing(const YAML::Node &tracing) {
    if (!tracing.IsMap())
        return;
    if (has(tracing, "client_type")) {
        const QString type = text(tracing, "client_type");
        if (type != QLatin1String("http") && type != QLatin1String("grpc"))
            broken(at(tracing, "client_type"),
                   QStringLiteral("expected tracing client type to be to "
                                  "be http or grpc, but got %1")
                       .arg(type));
    }
    validateHeaders(at(tracing, "headers"), true);
    if (text(tracing, "endpoint").isEmpty())
        broken(tracing, QStringLiteral("tracing endpoint must be set"));
    const QString compression = text(tracing, "compression");
    if (!compression.isEmpty() && compression != QLatin1String("gzip"))
        broken(at(tracing, "compression"), QStringLiteral("invalid compression type %1 provided, "
                                                          "valid options: gzip")
                                               .arg(compression));
}

void validateAlerting(const YAML::Node &alerting) {
    if (!alerting.IsMap())
        return;
    for (const auto &am : at(alerting, "alertmanagers")) {
        if (!am.IsMap())
            continue;
        validateDiscoveries(am);
        validateHttp(am);
        if (has(am, "api_version")) {
            const QString v = text(am, "api_version");
            if (v != QLatin1String("v1") && v != QLatin1String("v2"))
                broken(at(am, "api_version"),
                       QStringLiteral("expected Alertmanager api version to be "
                                      "one of [v1 v2] but got %1")
                           .arg(v));
        }
        if (!has(am, "relabel_configs")) {
            for (const auto &group : at(am, "static_configs")) {
                for (const auto &t : at(group, "targets")) {
                    const QString target = QString::fromStdString(t.Scalar());
                    if (target.contains(QLatin1Char('/')))
                        broken(t, QStringLiteral("\"%1\" is not a valid hostname").arg(target));
                }
            }
        }
    }
}

} // namespace

std::optional<ConfigDiagnostic> ConfigRuleChecker::checkDiscoveries(const YAML::Node &job) {
    try {
        validateDiscoveries(job);
    } catch (const Broken &b) {
        return ConfigDiagnostic{lineOf(b.at), b.message, {}};
    }
    return std::nullopt;
}

std::optional<ConfigDiagnostic> ConfigRuleChecker::check(const YAML::Node &root) {
    if (!root.IsMap())
        return std::nullopt;
    try {
        // In the order Prometheus decodes the top-level sections: the file's.
        for (const auto &kv : root) {
            const std::string key = kv.first.Scalar();
            if (key == "scrape_configs" && kv.second.IsSequence()) {
                for (const auto &job : kv.second) {
                    if (!job.IsMap())
                        continue;
                    validateDiscoveries(job);
                    validateHttp(job);
                }
            } else if (key == "alerting") {
                validateAlerting(kv.second);
            } else if (key == "remote_write") {
                validateRemote(root, "remote_write", QStringLiteral("remote_write"));
            } else if (key == "remote_read") {
                validateRemote(root, "remote_read", QStringLiteral("remote_read"));
            } else if (key == "tracing") {
                validateTracing(kv.second);
            }
        }
    } catch (const Broken &b) {
        return ConfigDiagnostic{lineOf(b.at), b.message, {}};
    }
    return std::nullopt;
}

} // namespace ppl
