#include "lab.h"

#include "api/labapiserver.h"
#include "api/selfmetrics.h"
#include "exposition/metricfamily.h"
#include "externalengine.h"
#include "labcontrolapi.h"
#include "labname.h"
#include "notify/notifier.h"
#include "pushgateway/basicauth.h"
#include "pushgateway/pushgatewayserver.h"
#include "rules/rulemanager.h"
#include "scrape/podscrape.h"
#include "scrape/scrapeconfig.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"
#include "sim/gatewayclient.h"
#include "sim/realexporter.h"
#include "stalereasons.h"
#include "storage/seriesstore.h"
#include "util/clock.h"
#include "util/simulationclock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <set>

namespace ppl {

namespace {
QString str(const QByteArray &b) {
    return QString::fromUtf8(b);
}
} // namespace

struct TargetSnapshot {
    bool running = false;
    bool listening = false;
    TargetFault fault = TargetFault::None;
    qint64 param = 0;
};

// The parts of the lab that come from the scraper, gateway and API areas.
struct Lab::Integration {
    std::map<SimulatedTarget *, TargetSnapshot> seen; // last logged state per target
    // Removed targets: their {{target:NAME}} resolves to removedAddress, which applyConfig
    // drops from static_configs so the rest of the configuration keeps working.
    QSet<QByteArray> removed;
    static constexpr QByteArrayView removedAddress = "removed-target.invalid:1";
    QNetworkAccessManager network;
    std::unique_ptr<TargetDiscovery> discovery;
    std::unique_ptr<ScrapeManager> scrapes;
    std::unique_ptr<PushgatewayServer> gateway;
    std::unique_ptr<QTemporaryDir> gatewayDir; // the lab-managed persistence file's home
    std::unique_ptr<LabApiServer> api;
    std::unique_ptr<LabControlApi> control;
    // The scenario's real exporters, by name; stopped with the scenario.
    std::map<QByteArray, std::unique_ptr<RealExporter>> exporters;
    std::unique_ptr<rules::RuleManager> rules;
    std::unique_ptr<notify::Notifier> notifier; // the rules' alerts → alerting.alertmanagers

    std::optional<QUrl> startGateway(Lab *lab, const GatewaySpec &spec, QString *error) {
        PushgatewayOptions o;
        o.address = lab->m_options.host;
        o.port = lab->m_options.gatewayPort;
        o.adminApi = spec.adminApi;
        o.adminToken = lab->m_options.token;
        o.basicAuthUser = lab->m_options.gatewayBasicAuthUser;
        o.basicAuthBcrypt = lab->m_options.gatewayBasicAuthBcrypt;
        o.persistenceIntervalMs = spec.persistenceIntervalMs;
        if (spec.persistence) {
            if (!spec.persistenceFile.isEmpty()) {
                o.persistenceFile = spec.persistenceFile;
            } else {
                gatewayDir = std::make_unique<QTemporaryDir>();
                o.persistenceFile = gatewayDir->filePath(QStringLiteral("pushgateway.data"));
            }
        }
        return createGateway(lab, o, error);
    }
    std::optional<QUrl> createGateway(Lab *lab, const PushgatewayOptions &o, QString *error) {
        gateway = std::make_unique<PushgatewayServer>(o, lab->m_clock);
        QString why = gateway->start();
        // Bound, not probed beforehand: a probe's port can be taken before the real bind.
        if (!why.isEmpty() && lab->m_options.gatewayPortFallback && o.port != 0) {
            PushgatewayOptions any = o;
            any.port = 0;
            gateway = std::make_unique<PushgatewayServer>(any, lab->m_clock);
            why = gateway->start();
        }
        if (!why.isEmpty()) {
            *error = why;
            gateway.reset();
            return std::nullopt;
        }
        // "client": the lab's own jobs (they also log a Push event of their own) or anyone
        // else on 127.0.0.1 — curl, a client library — whose pushes only the gateway sees.
        const auto received = [](const QString &group, const QString &method, int status,
                                 const QString &reason, const QByteArray &userAgent) {
            GatewayEvent e;
            e.method = method;
            e.group = group;
            e.status = status;
            e.ok = reason.isNull();
            e.reason = reason;
            e.userAgent = userAgent;
            e.external = userAgent != GatewayClient::UserAgent;
            return e;
        };
        QObject::connect(gateway.get(), &PushgatewayServer::pushAccepted, lab,
                         [lab, received](const QString &group, const QString &method, int status,
                                         const QByteArray &userAgent) {
                             GatewayEvent e = received(group, method, status, QString(), userAgent);
                             if (e.external) // known as a pusher before its event is read
                                 lab->noteOutsidePush(group, userAgent, true);
                             lab->log(group.toUtf8(), std::move(e));
                         });
        QObject::connect(gateway.get(), &PushgatewayServer::pushRejected, lab,
                         [lab, received](const QString &group, const QString &method, int status,
                                         const QString &reason, const QByteArray &userAgent) {
                             GatewayEvent e = received(group, method, status, reason, userAgent);
                             e.ok = false;
                             if (e.external)
                                 lab->noteOutsidePush(group, userAgent, false);
                             lab->log(group.toUtf8(), std::move(e));
                         });
        return gateway->url();
    }
    void stopGateway(Lab *) {
        gateway.reset(); // writes its persistence file
        gatewayDir.reset();
    }
    bool deleteGroup(const std::vector<LabelPair> &key, QString *error) {
        if (!gateway) {
            *error = Lab::tr("the lab gateway is not running");
            return false;
        }
        gateway->deleteGroup(GroupingKey(key));
        return true;
    }
    bool restartGateway(Lab *lab, bool keepPersistence, QString *error) {
        if (!gateway) {
            *error = Lab::tr("the lab gateway is not running");
            return false;
        }
        // Without persistence the gateway comes back empty, as one started without
        // --persistence.file; its file (if any) then holds the empty state too.
        if (!keepPersistence)
            gateway->wipe();
        const bool persists = !gateway->options().persistenceFile.isEmpty();
        if (persists == lab->m_gatewayPersistence) {
            gateway->restart(true);
            return true;
        }
        // The flag changed: a new process on the same port. The old one writes its file on the
        // way down (if it had one); the new one reads only its own.
        PushgatewayOptions o = gateway->options();
        o.port = gateway->port();
        gateway.reset();
        if (lab->m_gatewayPersistence) {
            if (!gatewayDir)
                gatewayDir = std::make_unique<QTemporaryDir>();
            o.persistenceFile = gatewayDir->filePath(QStringLiteral("pushgateway.data"));
        } else {
            o.persistenceFile.clear();
            gatewayDir.reset();
        }
        if (!createGateway(lab, o, error)) {
            lab->m_gatewayUrl.clear();
            return false;
        }
        return true;
    }
    bool applyConfig(Lab *lab, const QByteArray &yaml, QString *error, int *errorLine) {
        const ConfigLoadResult r = loadPrometheusConfig(yaml);
        if (r.error) {
            *errorLine = r.error->line;
            *error = formatConfigDiagnostic(*r.error); // "line N: …" and the hint, if any
            return false;
        }
        lab->m_configNotices.clear();
        for (const ConfigDiagnostic &notice : r.warnings)
            lab->m_configNotices.append(formatConfigDiagnostic(notice));
        PrometheusConfig config = *r.config;
        for (ScrapeJobConfig &job : config.scrapeConfigs)
            for (StaticTargetGroup &group : job.staticConfigs)
                group.targets.removeAll(removedAddress.toByteArray());
        discovery->setConfig(config);
        if (api) {
            api->setConfigYaml(yaml);
            api->selfMetrics()->recordConfigLoad(true, jobNames(config));
        }
        syncTargets(lab);
        // The rules reload like Prometheus's rule manager: scraping already follows the new
        // configuration, but rules that do not load leave the running ones in place and the
        // reload counts as failed.
        if (!applyRules(lab, config, error)) {
            *errorLine = 0;
            return false;
        }
        return true;
    }
    bool applyRules(Lab *lab, const PrometheusConfig &config, QString *error) {
        QStringList errors;
        std::vector<rules::RuleManager::Source> sources =
            rules::RuleManager::readRuleFiles(config.ruleFiles, lab->m_ruleBaseDir, &errors);
        for (const auto &[name, yaml] : lab->m_ruleSources)
            sources.push_back({name, yaml});
        std::vector<std::pair<QByteArray, QByteArray>> external;
        for (auto it = config.global.externalLabels.cbegin();
             it != config.global.externalLabels.cend(); ++it)
            external.emplace_back(it.key(), it.value());
        rules::RuleManager::Options options = rules->options();
        if (lab->m_serverUrl.isValid())
            options.externalUrl = lab->m_serverUrl.toString().toUtf8();
        rules->setOptions(options);
        const Labels externalLabels = Labels::fromPairs(std::move(external));
        notifier->applyConfig(config.alerting, externalLabels);
        if (errors.isEmpty())
            rules->update(sources, config.global.evaluationIntervalMs, externalLabels, &errors);
        lab->m_ruleErrors = errors;
        if (errors.isEmpty())
            return true;
        *error = Lab::tr("error loading rules, previous rule set restored:\n%1")
                     .arg(errors.join(QLatin1Char('\n')));
        return false;
    }
    void syncTargets(Lab *lab) {
        // On a simulation clock the paused clock holds every loop; a step or fast-forward
        // while paused must see the targets discovery finds.
        if (lab->m_paused && !lab->simulationClock())
            return;
        scrapes->setTargets(discovery->activeTargets(), discovery->droppedTargets());
    }
    void stopScraper(Lab *) {
        discovery->setConfig(PrometheusConfig{});
        scrapes->stopAll(ScrapeLoop::StopMode::Immediately);
    }
};

bool setLabGatewayBasicAuth(LabOptions &options, const QString &userColonHash,
                            const QByteArray &password, QString *error) {
    PushgatewayOptions parsed;
    if (!parsed.setBasicAuth(userColonHash)) {
        *error = Lab::tr("invalid --gateway-basic-auth: expected USER:BCRYPT-HASH");
        return false;
    }
    if (!password.isEmpty() && !BasicAuth::verifyBcrypt(password, parsed.basicAuthBcrypt)) {
        *error = Lab::tr("PULLPUSH_GATEWAY_PASSWORD does not match the --gateway-basic-auth hash");
        return false;
    }
    options.gatewayBasicAuthUser = parsed.basicAuthUser;
    options.gatewayBasicAuthBcrypt = parsed.basicAuthBcrypt;
    options.gatewayBasicAuthPassword = password;
    return true;
}

Lab::Lab(LabOptions options, QObject *parent)
    : QObject(parent)
    , m_clock(options.clock ? options.clock : Clock::system())
    , m_options(options)
    , m_store(new SeriesStore(m_clock, this))
    , m_events(new EventLog(options.eventCapacity, this))
    , m_staleReasons(new StaleReasons(m_events, this))
    , m_pods(new PodCatalog(this))
    , m_pusher(new GatewayClient(m_clock, this))
    , d(std::make_unique<Integration>()) {
    d->discovery = std::make_unique<TargetDiscovery>(m_clock, m_pods);
    d->scrapes = std::make_unique<ScrapeManager>(m_clock, m_store, &d->network);
    connect(d->discovery.get(), &TargetDiscovery::targetsChanged, this,
            [this] { d->syncTargets(this); });
    connect(d->scrapes.get(), &ScrapeManager::targetsChanged, this, &Lab::scrapeTargetsChanged);
    connect(d->scrapes.get(), &ScrapeManager::scrapeStarted, this, [this](const ScrapeTarget &t) {
        QList<qint64> &expected = m_expectedScrapes[QUrl(t.url).port()];
        if (expected.size() < 64)
            expected.append(QDateTime::currentMSecsSinceEpoch());
    });
    if (SimulationClock *sim = simulationClock()) {
        m_paused = sim->isPaused();
        connect(sim, &SimulationClock::pausedChanged, this, [this](bool paused) {
            if (paused != m_paused)
                paused ? pause() : resume();
        });
    }
    connect(d->scrapes.get(), &ScrapeManager::scrapeFinished, this,
            [this](const ScrapeTarget &target, const ScrapeResult &r) { logScrape(target, r); });
    d->rules = std::make_unique<rules::RuleManager>(m_clock, m_store);
    // rules.SendAlerts → notifier.Manager.Send, as cmd/prometheus wires them.
    d->notifier = std::make_unique<notify::Notifier>(&d->network);
    connect(d->rules.get(), &rules::RuleManager::alertsToSend, d->notifier.get(),
            &notify::Notifier::send);
    connect(d->rules.get(), &rules::RuleManager::alertStateChanged, this,
            [this](const rules::AlertTransition &t) {
                log(t.rule,
                    AlertEvent{t.rule, t.group, t.file, t.labels, t.from, t.to, t.value, t.atMs});
            });
}

quint16 Lab::listen(const QHostAddress &address, quint16 port, QString *error) {
    // The /lab/* API can kill, partition and reconfigure everything: other machines reach it
    // only with a token.
    if (!RequestGuard::isLoopback(address) && m_options.token.isEmpty()) {
        fail(error, tr("refusing to serve the lab's control API on %1, which other machines can "
                       "reach, without a token: start the lab with --lab-token, or listen on "
                       "127.0.0.1")
                        .arg(address.toString()));
        return 0;
    }
    if (!d->api) {
        d->api = std::make_unique<LabApiServer>(m_clock, m_store, d->scrapes.get());
        d->api->setRuleManager(d->rules.get());
        d->api->setNotifier(d->notifier.get());
        d->api->setReloadHandler([this] {
            QString why;
            reloadConfig({}, &why);
            return why;
        });
        d->api->setConfigYaml(resolvedConfig(m_configYaml, nullptr));
        d->api->selfMetrics()->recordConfigLoad(true, jobNames(d->discovery->config()));
        d->control = std::make_unique<LabControlApi>(this);
        d->api->guard().setToken(m_options.token);
        d->control->registerRoutes(d->api->httpServer(), &d->api->guard());
    }
    const quint16 bound = d->api->listen(address, port);
    if (bound == 0) {
        fail(error, tr("cannot listen on %1:%2").arg(address.toString()).arg(port));
        d->api.reset();
        d->control.reset();
        return 0;
    }
    m_serverUrl = QUrl(QStringLiteral("http://%1:%2").arg(address.toString()).arg(bound));
    return bound;
}

RealExporter *Lab::exporter(const QByteArray &name) const {
    const auto it = d->exporters.find(name);
    return it == d->exporters.end() ? nullptr : it->second.get();
}

QList<RealExporter *> Lab::exporters() const {
    QList<RealExporter *> out;
    for (const auto &[n, e] : d->exporters)
        out << e.get();
    return out;
}

LabApiServer *Lab::apiServer() const {
    return d->api.get();
}

rules::RuleManager *Lab::ruleManager() const {
    return d->rules.get();
}
notify::Notifier *Lab::notifier() const {
    return d->notifier.get();
}
ScrapeManager *Lab::scrapeManager() const {
    return d->scrapes.get();
}
TargetDiscovery *Lab::discovery() const {
    return d->discovery.get();
}
PushgatewayServer *Lab::gateway() const {
    return d->gateway.get();
}

QByteArray Lab::subjectOf(const ScrapeTarget &target) const {
    const quint16 port = scrapeTargetPort(target);
    if (port == 0)
        return {};
    if (!m_gatewayUrl.isEmpty() && m_gatewayUrl.port() == port)
        return "gateway";
    for (const auto &[n, t] : m_targets)
        if (t->port() == port)
            return n;
    for (const auto &[n, j] : m_jobs)
        if (j->exposure() && j->exposure()->port() == port)
            return n;
    return {};
}

ScrapeSubject Lab::scrapeSubject(const ScrapeTarget &target) const {
    using Kind = ScrapeSubject::Kind;
    ScrapeSubject s;
    s.target = target;
    s.name = subjectOf(target);
    if (!s.name.isEmpty()) {
        if (s.name == "gateway")
            s.kind = Kind::Gateway;
        else if (m_targets.count(s.name))
            s.kind = isPod(s.name) ? Kind::Pod : Kind::Target;
        else
            s.kind = Kind::Job;
        return s;
    }
    // Named after its instance, as its scrape events are.
    s.name = target.labels.value(QByteArrayView("instance"));
    const quint16 port = scrapeTargetPort(target);
    const QString host = QUrl(target.url).host();
    const auto local = [&](const QString &h) {
        return h == host || (QHostAddress(h).isLoopback() && QHostAddress(host).isLoopback()) ||
               (host == u"localhost" && QHostAddress(h).isLoopback());
    };
    if (port != 0 && !m_serverUrl.isEmpty() && m_serverUrl.port() == port &&
        local(m_serverUrl.host()))
        s.kind = Kind::Server;
    else if (port != 0)
        for (const auto &[n, e] : d->exporters)
            if (e->port() == port) {
                s.kind = Kind::Exporter;
                break;
            }
    return s;
}

QList<ScrapeSubject> Lab::scrapeSubjects() const {
    QList<ScrapeSubject> out;
    for (const ScrapeTarget &t : d->scrapes->activeTargets())
        out << scrapeSubject(t);
    return out;
}

QList<ScrapeSubject> Lab::unsimulatedScrapeSubjects() const {
    QList<ScrapeSubject> out;
    QSet<QByteArray> seen;
    for (const ScrapeTarget &t : d->scrapes->activeTargets()) {
        if (!subjectOf(t).isEmpty())
            continue; // one of the lab's: cheap to tell, and most targets are
        ScrapeSubject s = scrapeSubject(t);
        if (s.unsimulated() && !s.name.isEmpty() && !seen.contains(s.name)) {
            seen.insert(s.name);
            out << std::move(s);
        }
    }
    return out;
}

std::optional<ScrapeSubject> Lab::unsimulatedScrapeSubject(const QByteArray &name) const {
    if (name.isEmpty() || name == "gateway" || m_targets.count(name) || m_jobs.count(name))
        return std::nullopt;
    for (const ScrapeTarget &t : d->scrapes->activeTargets())
        if (t.labels.value(QByteArrayView("instance")) == name && subjectOf(t).isEmpty())
            return scrapeSubject(t);
    return std::nullopt;
}

namespace {

// {job="x",instance="y"} (GroupingKey::toString()) back into its pairs, job first.
std::vector<LabelPair> groupPairs(const QString &group) {
    std::vector<LabelPair> out;
    const QByteArray text = group.toUtf8();
    if (!text.startsWith('{') || !text.endsWith('}'))
        return out;
    qsizetype at = 1;
    while (at < text.size() - 1) {
        const qsizetype eq = text.indexOf("=\"", at);
        if (eq < 0)
            break;
        qsizetype end = text.indexOf("\",", eq + 2);
        if (end < 0)
            end = text.size() - 2; // the closing quote before }
        out.push_back({text.mid(at, eq - at), text.mid(eq + 2, end - eq - 2)});
        at = end + 2;
    }
    return out;
}

} // namespace

void Lab::noteOutsidePush(const QString &group, const QByteArray &userAgent, bool ok) {
    if (!group.startsWith(u'{'))
        return; // no grouping key in the URL: nobody to name
    const QByteArray name = group.toUtf8();
    const qint64 now = m_clock->nowMs();
    auto it = std::find_if(m_outsidePushers.begin(), m_outsidePushers.end(),
                           [&](const GroupPusher &p) { return p.name == name; });
    const bool added = it == m_outsidePushers.end();
    if (added) {
        GroupPusher p;
        p.kind = GroupPusher::Kind::Outside;
        p.name = name;
        p.firstPushMs = now;
        // The key as the gateway holds it (exact), else as its text spells it.
        if (d->gateway)
            for (const GroupSnapshot &g : d->gateway->groups()->groups())
                if (g.key.toString() == group) {
                    p.groupingKey = g.key.labels();
                    break;
                }
        if (p.groupingKey.empty())
            p.groupingKey = groupPairs(group);
        std::stable_partition(p.groupingKey.begin(), p.groupingKey.end(),
                              [](const LabelPair &l) { return l.name == "job"; });
        m_outsidePushers.push_back(std::move(p));
        it = m_outsidePushers.end() - 1;
    }
    it->userAgent = userAgent;
    it->lastPushMs = now;
    ++it->pushes;
    it->rejected += ok ? 0 : 1;
    if (added)
        Q_EMIT outsidePushersChanged();
}

GroupPusher Lab::pusherOf(const std::vector<LabelPair> &groupingKey) const {
    const GroupingKey key(groupingKey);
    GroupPusher p;
    p.groupingKey = key.labels();
    std::stable_partition(p.groupingKey.begin(), p.groupingKey.end(),
                          [](const LabelPair &l) { return l.name == "job"; });
    for (const auto &[n, j] : m_jobs)
        if (j->spec().pushMode != JobPushMode::None && GroupingKey(j->groupingKey()) == key) {
            p.kind = GroupPusher::Kind::Job;
            p.name = n;
            return p;
        }
    for (const auto &[n, t] : m_targets) {
        const std::optional<SelfPush> &push = t->options().push;
        if (!push)
            continue;
        std::vector<LabelPair> own = push->groupingKey;
        if (own.empty())
            own.push_back({"job", n});
        if (GroupingKey(own) == key) {
            p.kind = GroupPusher::Kind::Target;
            p.name = n;
            return p;
        }
    }
    for (const GroupPusher &outside : m_outsidePushers)
        if (GroupingKey(outside.groupingKey) == key)
            return outside;
    return p;
}

QList<GroupPusher> Lab::outsidePushers() const {
    return QList<GroupPusher>(m_outsidePushers.begin(), m_outsidePushers.end());
}

std::optional<GroupPusher> Lab::outsidePusher(const QByteArray &name) const {
    for (const GroupPusher &p : m_outsidePushers)
        if (p.name == name)
            return p;
    return std::nullopt;
}

void Lab::logScrape(const ScrapeTarget &target, const ScrapeResult &r) {
    // Named after the simulated thing when the scrape hit one of ours, else its instance
    // (scrapeSubject()'s name).
    QByteArray subject = subjectOf(target);
    if (subject.isEmpty())
        subject = target.labels.value(QByteArrayView("instance"));
    ScrapeEvent e;
    e.job = target.jobName;
    e.instance = target.labels.value(QByteArrayView("instance"));
    e.url = target.url;
    e.startMs = r.startMs;
    e.durationMs = r.durationMs;
    e.health = r.health;
    e.httpStatus = r.httpStatus;
    e.samples = r.samplesScraped;
    e.bytes = r.bytes;
    e.error = r.error;
    e.format = r.format;
    log(subject, std::move(e));
}

Lab::~Lab() {
    clear();
}

bool Lab::fail(QString *error, const QString &message) const {
    if (error)
        *error = message;
    return false;
}

void Lab::log(const QByteArray &subject, LabEventPayload payload) {
    m_events->append(LabEvent::make(m_clock->nowMs(), subject, std::move(payload)));
}

void Lab::logPush(const QByteArray &subject, PushEvent::From from, const PushResult &r) {
    log(subject, PushEvent{from, r});
    Q_EMIT pushed(r);
}

QList<SimulatedTarget *> Lab::targets() const {
    QList<SimulatedTarget *> out;
    for (const auto &[n, t] : m_targets)
        out << t;
    return out;
}

SimulatedTarget *Lab::target(const QByteArray &name) const {
    auto it = m_targets.find(name);
    return it == m_targets.end() ? nullptr : it->second;
}

QList<BatchJob *> Lab::jobs() const {
    QList<BatchJob *> out;
    for (const auto &[n, j] : m_jobs)
        out << j;
    return out;
}

BatchJob *Lab::job(const QByteArray &name) const {
    auto it = m_jobs.find(name);
    return it == m_jobs.end() ? nullptr : it->second;
}

bool Lab::isPod(const QByteArray &name) const {
    return m_podSpecs.count(name) > 0;
}

QUrl Lab::gatewayUrl() const {
    return m_gatewayUrl;
}

SimulatedTarget *Lab::createTarget(TargetOptions options, bool pod) {
    auto *t = new SimulatedTarget(std::move(options), m_clock, m_pusher, this);
    t->setPartitioned(m_partitioned);
    m_targets[t->name()] = t;
    d->seen[t] = {};
    connect(t, &SimulatedTarget::requestServed, this, &Lab::targetRequest);
    connect(t, &SimulatedTarget::requestReceived, this,
            [this, t](const TargetRequest &r) { noteTargetRequest(r, t->port()); });
    connect(t, &SimulatedTarget::pushFinished, this,
            [this, t](const PushResult &r) { logPush(t->name(), PushEvent::From::Target, r); });
    connect(t, &SimulatedTarget::stateChanged, this, [this, t] {
        TargetSnapshot &was = d->seen[t];
        const TargetSnapshot now{t->isRunning(), t->isListening(), t->fault(), t->faultParamMs()};
        TargetEvent e{TargetEvent::Change::Started,
                      now.running,
                      now.listening,
                      now.fault,
                      now.param,
                      t->port()};
        using Change = TargetEvent::Change;
        bool changed = true;
        if (now.running != was.running)
            e.change = now.running ? Change::Started : Change::Killed;
        else if (now.fault != was.fault || now.param != was.param)
            e.change = now.fault == TargetFault::None ? Change::Healed : Change::Faulted;
        else if (now.listening != was.listening)
            e.change = now.listening ? Change::Reachable : Change::Unreachable;
        else
            changed = false;
        if (changed)
            log(t->name(), e);
        was = now;
        Q_EMIT targetStateChanged(t->name());
    });
    Q_UNUSED(pod);
    return t;
}

bool Lab::startOrReserve(SimulatedTarget *t, bool running, QString *error) {
    if (!t->start(error))
        return false;
    if (!running)
        t->kill(); // the port is known now, so a scrape config can name it
    return true;
}

bool Lab::addTarget(const TargetSpec &spec, QString *error) {
    if (spec.options.name.isEmpty())
        return fail(error, tr("a target needs a name"));
    if (m_targets.count(spec.options.name) || m_jobs.count(spec.options.name))
        return fail(error, tr("the name \"%1\" is taken").arg(str(spec.options.name)));
    TargetOptions o = spec.options;
    if (o.push && spec.pushToLabGateway) {
        if (m_gatewayUrl.isEmpty())
            return fail(error,
                        tr("%1 pushes to the lab gateway, which is not running").arg(str(o.name)));
        o.push->gateway = m_gatewayUrl;
    }
    SimulatedTarget *t = createTarget(o, false);
    t->setFault(spec.fault, spec.faultParamMs);
    if (!startOrReserve(t, spec.running, error)) {
        m_targets.erase(t->name());
        d->seen.erase(t);
        delete t;
        return false;
    }
    m_targetSpecs[spec.options.name] = spec;
    m_worldOrder.removeAll(spec.options.name);
    m_worldOrder << spec.options.name;
    worldTouched();
    Q_EMIT targetsChanged();
    return true;
}

bool Lab::checkJob(const JobSpec &spec, QString *error) {
    const BatchJobSpec &s = spec.spec;
    const auto no = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (s.name.isEmpty())
        return no(tr("a job needs a name"));
    if (!isValidLabName(s.name))
        return no(invalidLabNameText(str(s.name)));
    if (s.durationMs < 0)
        return no(tr("the duration cannot be negative"));
    if (!(s.successProbability >= 0 && s.successProbability <= 1))
        return no(tr("the success probability is between 0 and 1"));
    if (!s.groupingKey.empty()) {
        if (s.groupingKey.front().name != "job")
            return no(tr("a grouping key starts with job"));
        if (s.groupingKey.front().value.isEmpty())
            return no(tr("the job label of a grouping key needs a value"));
        std::set<QByteArray> seen;
        for (const LabelPair &l : s.groupingKey) {
            if (!isValidLabelName(l.name))
                return no(tr("\"%1\" is not a valid label name").arg(str(l.name)));
            if (!seen.insert(l.name).second)
                return no(
                    tr("the label \"%1\" appears twice in the grouping key").arg(str(l.name)));
        }
    }
    if (s.repeatEveryMs != 0 && s.repeatEveryMs < 100)
        return no(tr("every is at least 100ms"));
    return true;
}

bool Lab::addJob(const JobSpec &spec, QString *error) {
    if (!checkJob(spec, error))
        return false;
    if (m_targets.count(spec.spec.name) || m_jobs.count(spec.spec.name))
        return fail(error, tr("the name \"%1\" is taken").arg(str(spec.spec.name)));
    BatchJobSpec s = spec.spec;
    if (spec.useLabGateway && s.pushMode != JobPushMode::None) {
        if (m_gatewayUrl.isEmpty())
            return fail(error,
                        tr("%1 pushes to the lab gateway, which is not running").arg(str(s.name)));
        s.gateway = m_gatewayUrl;
    }
    auto *job = new BatchJob(s, m_clock, m_pusher, this);
    if (!job->prepare(error)) {
        delete job;
        return false;
    }
    m_jobs[job->name()] = job;
    const QByteArray n = job->name();
    connect(job, &BatchJob::started, this, [this, n](const JobRun &run) {
        log(n, JobEvent{run.number, JobRunState::Running, 0, 0, 0});
    });
    connect(job, &BatchJob::finished, this, [this, n](const JobRun &run) {
        const JobRunState state = run.stopped     ? JobRunState::Stopped
                                  : run.succeeded ? JobRunState::Succeeded
                                                  : JobRunState::Failed;
        log(n, JobEvent{run.number, state, run.exitCode, run.endMs - run.startMs, run.records});
    });
    connect(job, &BatchJob::pushFinished, this,
            [this, n](const PushResult &r) { logPush(n, PushEvent::From::Job, r); });
    connect(job, &BatchJob::stateChanged, this, [this, n] { Q_EMIT jobStateChanged(n); });
    if (SimulatedTarget *exposure = job->exposure())
        connect(exposure, &SimulatedTarget::requestServed, this, &Lab::targetRequest);
    m_jobSpecs[spec.spec.name] = spec;
    m_worldOrder.removeAll(spec.spec.name);
    m_worldOrder << spec.spec.name;
    worldTouched();
    Q_EMIT jobsChanged();
    return true;
}

bool Lab::removeJob(const QByteArray &name, QString *error) {
    auto it = m_jobs.find(name);
    if (it == m_jobs.end())
        return fail(error, tr("no job named \"%1\"").arg(str(name)));
    BatchJob *job = it->second;
    m_jobs.erase(it);
    m_jobSpecs.erase(name); // out of the world Save scenario as writes
    m_worldOrder.removeAll(name);
    worldTouched();
    job->stop();
    job->disconnect(this);
    const bool exposed = job->exposure() != nullptr;
    if (SimulatedTarget *exposure = job->exposure())
        exposure->disconnect(this);
    job->deleteLater();
    if (exposed)
        d->removed.insert(name);
    if (exposed && !m_configYaml.isEmpty()) {
        // {{job:NAME}} of a push: none job now resolves to nothing: its scrape stops.
        QString why;
        if (!reloadConfig({}, &why))
            log(name, ConfigEvent{false, why, str(name)});
    }
    Q_EMIT jobsChanged();
    return true;
}

bool Lab::replaceJob(const QByteArray &name, const JobSpec &spec, QString *error) {
    BatchJob *old = job(name);
    if (!old)
        return fail(error, tr("no job named \"%1\"").arg(str(name)));
    if (!checkJob(spec, error))
        return false;
    if (spec.spec.name != name && (m_targets.count(spec.spec.name) || m_jobs.count(spec.spec.name)))
        return fail(error, tr("the name \"%1\" is taken").arg(str(spec.spec.name)));
    if (spec.useLabGateway && spec.spec.pushMode != JobPushMode::None && m_gatewayUrl.isEmpty())
        return fail(
            error,
            tr("%1 pushes to the lab gateway, which is not running").arg(str(spec.spec.name)));
    JobSpec previous;
    previous.spec = old->spec();
    previous.useLabGateway = false; // its gateway URL as it was resolved
    if (!removeJob(name, error))
        return false;
    if (addJob(spec, error))
        return true;
    QString ignored;
    addJob(previous, &ignored); // put the old one back
    return false;
}

SelfPush Lab::defaultTargetPush() const {
    SelfPush p;
    p.gateway = m_gatewayUrl;
    p.intervalMs = 15000;
    p.method = PushMethod::Put;
    return p; // an empty grouping key: job=<target name>
}

bool Lab::isTargetPushing(const QByteArray &name) const {
    const SimulatedTarget *t = target(name);
    return t && t->options().push.has_value();
}

bool Lab::targetHasPushBlock(const QByteArray &name) const {
    return isTargetPushing(name) || m_pushesOff.count(name) > 0;
}

std::optional<SelfPush> Lab::targetPushSpec(const QByteArray &name) const {
    const SimulatedTarget *t = target(name);
    if (!t)
        return std::nullopt;
    if (t->options().push)
        return t->options().push;
    if (auto it = m_pushesOff.find(name); it != m_pushesOff.end())
        return it->second;
    return defaultTargetPush();
}

bool Lab::setTargetPushing(const QByteArray &name, bool on, QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    if (on == isTargetPushing(name))
        return true;
    auto declared = m_targetSpecs.find(name); // the world Save scenario as writes
    if (!on) {
        m_pushesOff[name] = *t->options().push;
        t->setSelfPush(std::nullopt); // its group stays at the gateway until deleted
        if (declared != m_targetSpecs.end())
            declared->second.options.push.reset();
    } else {
        SelfPush p = *targetPushSpec(name);
        if (p.gateway.isEmpty()) {
            if (m_gatewayUrl.isEmpty())
                return fail(
                    error, tr("%1 pushes to the lab gateway, which is not running").arg(str(name)));
            p.gateway = m_gatewayUrl;
        }
        m_pushesOff.erase(name);
        t->setSelfPush(p);
        if (declared != m_targetSpecs.end()) {
            declared->second.options.push = p;
            declared->second.pushToLabGateway = p.gateway == m_gatewayUrl;
        }
    }
    worldTouched();
    Q_EMIT targetStateChanged(name);
    return true;
}

bool Lab::addPod(const PodSpec &spec, QString *error) {
    if (spec.pod.name.isEmpty())
        return fail(error, tr("a pod needs a name"));
    if (!isValidLabName(spec.pod.name))
        return fail(error, invalidLabNameText(str(spec.pod.name)));
    if (!isValidLabName(spec.pod.namespaceName))
        return fail(error, invalidLabNameText(str(spec.pod.namespaceName)));
    if (m_targets.count(spec.pod.name) || m_jobs.count(spec.pod.name))
        return fail(error, tr("the name \"%1\" is taken").arg(str(spec.pod.name)));
    TargetOptions o;
    o.name = spec.pod.name;
    o.port = spec.port;
    o.profile = spec.profile;
    SimulatedTarget *t = createTarget(o, true);
    if (!startOrReserve(t, spec.pod.phase == "Running", error)) {
        m_targets.erase(t->name());
        d->seen.erase(t);
        delete t;
        return false;
    }
    Pod pod = spec.pod;
    const QByteArray port = QByteArray::number(t->port());
    for (auto &cp : pod.ports)
        if (cp.port == 0)
            cp.port = t->port();
    for (auto it = pod.annotations.begin(); it != pod.annotations.end(); ++it)
        it.value().replace("{{port}}", port);
    m_podSpecs[pod.name] = spec;
    m_podSpecs[pod.name].pod = pod;
    m_pods->upsert(pod);
    m_podDeclared[pod.name] = spec;
    m_worldOrder.removeAll(pod.name);
    m_worldOrder << pod.name;
    worldTouched();
    log(pod.name, PodEvent{PodEvent::Change::Added, pod.namespaceName, t->port(), {}, {}});
    Q_EMIT targetsChanged();
    return true;
}

bool Lab::removePod(const QByteArray &ns, const QByteArray &name, QString *error) {
    auto it = m_podSpecs.find(name);
    if (it == m_podSpecs.end() || it->second.pod.namespaceName != ns)
        return fail(error, tr("no pod %1/%2").arg(str(ns), str(name)));
    m_podSpecs.erase(it);
    m_podDeclared.erase(name);
    m_worldOrder.removeAll(name);
    worldTouched();
    m_pods->remove(ns, name);
    if (SimulatedTarget *t = target(name)) {
        t->kill();
        m_targets.erase(name);
        d->seen.erase(t);
        t->deleteLater();
    }
    log(name, PodEvent{PodEvent::Change::Removed, ns, 0, {}, {}});
    Q_EMIT targetsChanged();
    return true;
}

bool Lab::annotatePod(const QByteArray &ns, const QByteArray &name, const QByteArray &key,
                      const QByteArray &value, QString *error) {
    auto it = m_podSpecs.find(name);
    if (it == m_podSpecs.end() || it->second.pod.namespaceName != ns)
        return fail(error, tr("no pod %1/%2").arg(str(ns), str(name)));
    QByteArray v = value;
    if (SimulatedTarget *t = target(name))
        v.replace("{{port}}", QByteArray::number(t->port()));
    if (v.isEmpty())
        it->second.pod.annotations.remove(key);
    else
        it->second.pod.annotations.insert(key, v);
    m_pods->annotate(ns, name, key, v);
    if (auto declared = m_podDeclared.find(name); declared != m_podDeclared.end()) {
        if (value.isEmpty())
            declared->second.pod.annotations.remove(key);
        else
            declared->second.pod.annotations.insert(key, value);
    }
    worldTouched();
    log(name, PodEvent{PodEvent::Change::Annotated, ns, 0, key, v});
    return true;
}

bool Lab::startTarget(const QByteArray &name, QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    return t->start(error);
}

bool Lab::killTarget(const QByteArray &name, QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    if (!t->isRunning())
        return fail(error, tr("%1 is not running").arg(str(name)));
    t->kill();
    return true;
}

bool Lab::restartTarget(const QByteArray &name, QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    return t->restart(error);
}

bool Lab::setTargetFault(const QByteArray &name, TargetFault fault, qint64 paramMs,
                         QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    if ((fault == TargetFault::Slow || fault == TargetFault::Flap) && paramMs <= 0)
        return fail(error, tr("%1 needs a positive duration").arg(targetFaultName(fault)));
    t->setFault(fault, paramMs);
    return true;
}

bool Lab::setTargetFormat(const QByteArray &name, TargetFormat format, QString *error) {
    SimulatedTarget *t = target(name);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(str(name)));
    t->setFormat(format);
    if (auto spec = m_targetSpecs.find(name);
        spec != m_targetSpecs.end() && spec->second.options.format != format) {
        spec->second.options.format = format;
        worldTouched();
    }
    return true;
}

bool Lab::runJob(const QByteArray &name, QString *error) {
    BatchJob *j = job(name);
    if (!j)
        return fail(error, tr("no job named \"%1\"").arg(str(name)));
    if (!j->run())
        return fail(error, tr("%1 is already running").arg(str(name)));
    return true;
}

bool Lab::stopJob(const QByteArray &name, QString *error) {
    BatchJob *j = job(name);
    if (!j)
        return fail(error, tr("no job named \"%1\"").arg(str(name)));
    j->stop();
    return true;
}

void Lab::setPartitioned(bool partitioned) {
    if (partitioned == m_partitioned)
        return;
    m_partitioned = partitioned;
    for (const auto &[n, t] : m_targets)
        t->setPartitioned(partitioned);
    m_pusher->setBlocked(partitioned, tr("network partitioned: the gateway is unreachable"));
    LabStateEvent e;
    e.change =
        partitioned ? LabStateEvent::Change::Partitioned : LabStateEvent::Change::PartitionHealed;
    log({}, e);
    Q_EMIT partitionChanged(partitioned);
}

QByteArray Lab::resolvedConfig(const QByteArray &yaml, QString *error) const {
    QByteArray text = yaml;
    const auto bad = substitutePlaceholders(
        text, [this](const QByteArray &kind, const QByteArray &n) -> std::optional<QByteArray> {
            if (kind == "exporter")
                if (RealExporter *e = exporter(n))
                    return e->address();
            if (kind == "server" && m_options.engine) // the real Prometheus scraping itself
                return QStringLiteral("%1:%2")
                    .arg(m_options.engine->serverUrl().host())
                    .arg(m_options.engine->serverUrl().port())
                    .toUtf8();
            if (kind == "server" && !m_serverUrl.isEmpty()) // the lab scraping itself
                return QStringLiteral("%1:%2")
                    .arg(m_serverUrl.host())
                    .arg(m_serverUrl.port())
                    .toUtf8();
            if (kind == "gateway" && !m_gatewayUrl.isEmpty())
                return QStringLiteral("%1:%2")
                    .arg(m_gatewayUrl.host())
                    .arg(m_gatewayUrl.port())
                    .toUtf8();
            if (kind == "target" || kind == "pod") {
                if (SimulatedTarget *t = target(n))
                    return t->address();
                if (d->removed.contains(n))
                    return Integration::removedAddress.toByteArray();
            }
            if (kind == "job") {
                if (BatchJob *j = job(n); j && j->exposure())
                    return j->exposure()->address();
                if (d->removed.contains(n))
                    return Integration::removedAddress.toByteArray();
            }
            return std::nullopt;
        });
    if (bad) {
        if (error)
            *error = *bad;
        return {};
    }
    return text;
}

void Lab::scheduleAction(const ScenarioAction &action, qint64 atMs) {
    const quint64 id = m_nextPending++;
    PendingAction &p = m_pending[id];
    p.dueMs = atMs;
    p.action = action;
    p.timer = m_clock->callAt(atMs, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        const ScenarioAction a = it->second.action;
        m_pending.erase(it);
        QString error;
        ++m_quietWorld; // the scenario's own action: the world is still the file's
        const bool ok = execute(a.command, &error);
        --m_quietWorld;
        if (!ok) {
            LabStateEvent e;
            e.change = LabStateEvent::Change::ScenarioActionFailed;
            e.action = a.path;
            e.command = labCommandName(a.command.op);
            e.error = error;
            log(a.command.name, e);
        }
    });
}

void Lab::pause() {
    if (m_paused)
        return;
    m_paused = true;
    m_pausedAtMs = m_clock->nowMs();
    if (SimulationClock *sim = simulationClock()) {
        // The whole lab stops with its clock; timed actions stay scheduled, so a step or a
        // fast-forward while paused reaches them.
        sim->pause();
    } else {
        // Timed actions wait; they keep the delay they had left.
        for (auto &[id, p] : m_pending) {
            m_clock->cancel(p.timer);
            p.timer = 0;
        }
    }
    log({}, LabStateEvent{LabStateEvent::Change::Paused, {}, {}, {}, {}});
    Q_EMIT pausedChanged(true);
}

void Lab::resume() {
    if (!m_paused)
        return;
    m_paused = false;
    if (SimulationClock *sim = simulationClock()) {
        sim->resume();
        log({}, LabStateEvent{LabStateEvent::Change::Resumed, {}, {}, {}, {}});
        Q_EMIT pausedChanged(false);
        return;
    }
    const qint64 shift = m_clock->nowMs() - m_pausedAtMs;
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[id, p] : pending)
        scheduleAction(p.action, p.dueMs + shift);
    log({}, LabStateEvent{LabStateEvent::Change::Resumed, {}, {}, {}, {}});
    Q_EMIT pausedChanged(false);
}

bool Lab::execute(const LabCommand &c, QString *error) {
    QString why;
    bool ok = false;
    using Op = LabCommand::Op;
    switch (c.op) {
    case Op::StartTarget:
        ok = startTarget(c.name, &why);
        break;
    case Op::KillTarget:
        ok = killTarget(c.name, &why);
        break;
    case Op::RestartTarget:
        ok = restartTarget(c.name, &why);
        break;
    case Op::HangTarget:
        ok = setTargetFault(c.name, TargetFault::Hang, 0, &why);
        break;
    case Op::SlowTarget:
        ok = setTargetFault(c.name, TargetFault::Slow, c.paramMs, &why);
        break;
    case Op::FlapTarget:
        ok = setTargetFault(c.name, TargetFault::Flap, c.paramMs, &why);
        break;
    case Op::FirewallTarget:
        ok = setTargetFault(c.name, TargetFault::Firewall, 0, &why);
        break;
    case Op::ErrorTarget:
        ok = setTargetFault(c.name, TargetFault::Error, qint64(c.errorKind), &why);
        break;
    case Op::HealTarget:
        ok = healTarget(c.name, &why);
        break;
    case Op::RunJob:
        ok = runJob(c.name, &why);
        break;
    case Op::StopJob:
        ok = stopJob(c.name, &why);
        break;
    case Op::AddPod:
        ok = c.pod ? addPod(*c.pod, &why) : fail(&why, tr("add_pod needs a pod"));
        break;
    case Op::RemovePod:
        ok = removePod(c.namespaceName, c.name, &why);
        break;
    case Op::AnnotatePod:
        ok = annotatePod(c.namespaceName, c.name, c.key, c.value, &why);
        break;
    case Op::DeleteGroup:
        ok = deleteGroup(c.groupingKey, &why);
        break;
    case Op::RestartGateway:
        ok = restartGateway(c.flag, &why);
        break;
    case Op::Partition:
        setPartitioned(c.flag);
        ok = true;
        break;
    case Op::ReloadConfig:
        ok = reloadConfig(c.yaml, &why);
        break;
    case Op::Pause:
        pause();
        ok = true;
        break;
    case Op::Resume:
        resume();
        ok = true;
        break;
    case Op::SetSpeed:
        ok = setSpeed(c.speed, &why);
        break;
    case Op::AdvanceClock:
        ok = advanceClock(c.paramMs, &why);
        break;
    case Op::StepClock:
        ok = stepClock(&why);
        break;
    }
    if (!ok && error)
        *error = why;
    Q_EMIT commandExecuted(c, ok, why);
    return ok;
}

} // namespace ppl

namespace ppl {

bool Lab::reloadConfig(const QByteArray &yaml, QString *error, int *errorLine) {
    const QByteArray source = yaml.isEmpty() ? m_configYaml : yaml;
    QString why;
    int line = 0;
    const QByteArray resolved = resolvedConfig(source, &why);
    if (m_options.engine && why.isEmpty()) {
        // The engine's server judges it, in its own words, when its reload answers.
        m_options.engine->applyConfig(resolved, m_ruleSources, m_ruleBaseDir);
        if (source != m_configYaml)
            worldTouched();
        m_configYaml = source;
        return true;
    }
    if (!why.isEmpty() || !d->applyConfig(this, resolved, &why, &line)) {
        if (errorLine)
            *errorLine = line;
        if (d->api)
            d->api->selfMetrics()->recordConfigLoad(false);
        log({}, ConfigEvent{false, why, {}});
        return fail(error, why);
    }
    if (source != m_configYaml)
        worldTouched();
    m_configYaml = source;
    log({}, ConfigEvent{true, {}, {}});
    return true;
}

void Lab::noteEngineConfig(bool ok, const QString &error) {
    log({}, ConfigEvent{ok, ok ? QString() : error, {}});
}

bool Lab::deleteGroup(const std::vector<LabelPair> &groupingKey, QString *error) {
    if (groupingKey.empty() || groupingKey.front().name != "job")
        return fail(error, tr("a grouping key starts with job"));
    QString why;
    if (m_options.engine && !m_gatewayUrl.isEmpty()) {
        // The engine's gateway: its DELETE, as any client sends it (the outcome is its event).
        m_pusher->send(PushMethod::Delete, m_gatewayUrl, groupingKey, {}, this,
                       [](const PushResult &) {});
    } else if (!d->deleteGroup(groupingKey, &why)) {
        return fail(error, why);
    }
    log(groupingKey.front().value,
        GatewayAdminEvent{GatewayAdminEvent::Change::GroupDeleted, groupingKey, false, false});
    return true;
}

bool Lab::restartGateway(bool keepPersistence, QString *error) {
    QString why;
    if (m_options.engine && m_gatewayUrl.isEmpty())
        return fail(error, tr("the lab gateway is not running"));
    if (m_options.engine ? !m_options.engine->restartGateway(keepPersistence, &why)
                         : !d->restartGateway(this, keepPersistence, &why)) {
        Q_EMIT gatewayRestarted();
        return fail(error, why);
    }
    log({}, GatewayAdminEvent{
                GatewayAdminEvent::Change::Restarted, {}, keepPersistence, gatewayPersists()});
    Q_EMIT gatewayRestarted();
    return true;
}

void Lab::setGatewayPersistence(bool on) {
    if (on == m_gatewayPersistence)
        return;
    m_gatewayPersistence = on;
    worldTouched();
    log({}, GatewayAdminEvent{GatewayAdminEvent::Change::PersistenceChanged, {}, on, false});
    Q_EMIT gatewayPersistenceChanged(on);
}

bool Lab::setGatewayBasicAuth(const QByteArray &user, const QByteArray &password, QString *error) {
    QByteArray hash;
    if (!user.isEmpty()) {
        const bool control =
            std::any_of(user.cbegin(), user.cend(), [](char c) { return uchar(c) < 0x20; });
        if (user.contains(':') || control)
            return fail(error, tr("a basic auth user name cannot hold ':' or control characters"));
        if (password.isEmpty())
            return fail(error, tr("a basic auth password cannot be empty"));
        hash = BasicAuth::hashBcrypt(password);
        if (hash.isEmpty())
            return fail(error, tr("the password could not be hashed with bcrypt"));
    }
    m_options.gatewayBasicAuthUser = user;
    m_options.gatewayBasicAuthBcrypt = hash;
    m_options.gatewayBasicAuthPassword = user.isEmpty() ? QByteArray() : password;
    if (d->gateway)
        d->gateway->setBasicAuth(user, hash);
    if (!m_gatewayUrl.isEmpty())
        m_pusher->setCredentials(m_gatewayUrl, user, m_options.gatewayBasicAuthPassword);
    Q_EMIT gatewayBasicAuthChanged(!user.isEmpty());
    return true;
}

bool Lab::gatewayPersists() const {
    return d->gateway && !d->gateway->options().persistenceFile.isEmpty();
}

bool Lab::removeTarget(const QString &name, QString *error) {
    const QByteArray n = name.toUtf8();
    SimulatedTarget *t = target(n);
    if (!t)
        return fail(error, tr("no target named \"%1\"").arg(name));
    if (auto pod = m_podSpecs.find(n); pod != m_podSpecs.end())
        return removePod(pod->second.pod.namespaceName, n, error);
    // Out of the generated static configuration: {{target:NAME}} now resolves to nothing, so
    // the scraper retires its loop with staleness markers, as when discovery drops a target.
    m_targets.erase(n);
    m_targetSpecs.erase(n);
    m_worldOrder.removeAll(n);
    worldTouched();
    m_pushesOff.erase(n);
    d->seen.erase(t);
    d->removed.insert(n);
    if (!m_configYaml.isEmpty()) {
        QString why;
        if (!reloadConfig({}, &why))
            log(n, ConfigEvent{false, why, name});
    }
    t->disconnect(this);
    t->kill();
    t->deleteLater();
    TargetEvent removed;
    removed.change = TargetEvent::Change::Removed;
    log(n, removed);
    Q_EMIT targetsChanged();
    return true;
}

void Lab::clear() {
    for (auto &[id, p] : m_pending)
        m_clock->cancel(p.timer);
    m_pending.clear();
    d->stopScraper(this);
    d->rules->clear();
    d->notifier->applyConfig({}, {});
    m_ruleSources.clear();
    m_ruleErrors.clear();
    m_ruleBaseDir.clear();
    for (auto &[n, j] : m_jobs) {
        j->stop();
        j->disconnect(this);
        delete j;
    }
    m_jobs.clear();
    m_pushesOff.clear();
    for (auto &[n, t] : m_targets) {
        t->disconnect(this);
        t->kill();
        delete t;
    }
    m_targets.clear();
    d->seen.clear();
    d->removed.clear();
    m_podSpecs.clear();
    m_targetSpecs.clear();
    m_jobSpecs.clear();
    m_podDeclared.clear();
    m_worldOrder.clear();
    m_outsidePushers.clear();
    m_pods->clear();
    d->exporters.clear(); // each stops its process
    d->stopGateway(this);
    m_gatewayUrl.clear();
    m_configYaml.clear();
    m_scenario = Scenario{};
    // A simulation clock stays as the user left it (its pause is the lab's).
    m_paused = simulationClock() && simulationClock()->isPaused();
    m_partitioned = false;
    m_pusher->setBlocked(false);
}

bool Lab::loadScenario(const Scenario &scenario, QString *error) {
    ++m_quietWorld;
    const bool ok = startScenario(scenario, error);
    --m_quietWorld;
    m_savedGeneration = ++m_worldGeneration; // a new world, as its file has it
    return ok;
}

bool Lab::startScenario(const Scenario &scenario, QString *error) {
    clear();
    m_scenarioStartMs = m_clock->nowMs();
    QString why;
    auto abort = [&](const QString &message) {
        clear();
        LabStateEvent e;
        e.change = LabStateEvent::Change::ScenarioNotStarted;
        e.scenario = scenario.name;
        e.error = message;
        log({}, e);
        return fail(error, message);
    };
    if (scenario.gateway.enabled && m_options.engine) {
        m_gatewayUrl = m_options.engine->gatewayUrl();
    } else if (scenario.gateway.enabled) {
        const std::optional<QUrl> url = d->startGateway(this, scenario.gateway, &why);
        if (!url)
            return abort(why);
        m_gatewayUrl = *url;
        if (!m_options.gatewayBasicAuthPassword.isEmpty())
            m_pusher->setCredentials(m_gatewayUrl, m_options.gatewayBasicAuthUser,
                                     m_options.gatewayBasicAuthPassword);
    }
    m_gatewayPersistence = scenario.gateway.enabled && scenario.gateway.persistence;
    for (const ExporterSpec &spec : scenario.exporters) {
        auto e = std::make_unique<RealExporter>(spec);
        if (!e->start(&why))
            return abort(why);
        d->exporters[spec.name] = std::move(e);
    }
    for (const TargetSpec &t : scenario.targets)
        if (!addTarget(t, &why))
            return abort(why);
    for (const JobSpec &j : scenario.jobs)
        if (!addJob(j, &why))
            return abort(why);
    for (const PodSpec &p : scenario.pods)
        if (!addPod(p, &why))
            return abort(why);
    m_ruleSources = scenario.ruleSources;
    m_ruleBaseDir = scenario.baseDir;
    if (m_options.engine && scenario.prometheusYaml.isEmpty())
        m_options.engine->applyConfig({}, m_ruleSources, m_ruleBaseDir); // rules alone
    if (!scenario.prometheusYaml.isEmpty() && !reloadConfig(scenario.prometheusYaml, &why))
        return abort(why);
    if (!m_options.engine && scenario.prometheusYaml.isEmpty() && !m_ruleSources.empty() &&
        !d->applyRules(this, PrometheusConfig{}, &why))
        return abort(why);
    m_scenario = scenario;
    const qint64 now = m_clock->nowMs();
    for (const ScenarioAction &a : scenario.actions)
        scheduleAction(a, now + a.atMs);
    for (const JobSpec &j : scenario.jobs)
        if (j.runAtStart)
            runJob(j.spec.name);
    LabStateEvent started;
    started.change = LabStateEvent::Change::ScenarioStarted;
    started.scenario = scenario.name;
    log({}, started);
    Q_EMIT scenarioLoaded(scenario.name);
    return true;
}

} // namespace ppl

namespace ppl {

bool Lab::setRuleSource(const QString &name, const QByteArray &yaml, QString *error,
                        int *errorLine) {
    if (errorLine)
        *errorLine = 0;
    const auto previous = m_ruleSources;
    auto it = std::find_if(m_ruleSources.begin(), m_ruleSources.end(),
                           [&](const auto &source) { return source.first == name; });
    if (it == m_ruleSources.end())
        m_ruleSources.emplace_back(name, yaml);
    else
        it->second = yaml;
    QString why;
    if (m_options.engine) { // the engine's Prometheus judges the rules on its reload
        if (previous != m_ruleSources)
            worldTouched();
        return reloadConfig({}, error);
    }
    if (d->applyRules(this, d->discovery->config(), &why)) {
        if (previous != m_ruleSources)
            worldTouched();
        log({}, ConfigEvent{true, {}, {}});
        return true;
    }
    // rules.Manager.Update failed: the running groups are untouched; so is what we hold.
    m_ruleSources = previous;
    if (errorLine) {
        // promtool's wording after "NAME: ": "4:17: group …", or yaml's "… line 6: …".
        static const QRegularExpression lineCol(QStringLiteral("^(\\d+):\\d+: "));
        static const QRegularExpression yamlLine(QStringLiteral("\\bline (\\d+)\\b"));
        const QString prefix = name + QStringLiteral(": ");
        for (const QString &e : std::as_const(m_ruleErrors)) {
            if (!e.startsWith(prefix))
                continue;
            const QString rest = e.mid(prefix.size());
            QRegularExpressionMatch m = lineCol.match(rest);
            if (!m.hasMatch())
                m = yamlLine.match(rest);
            if (m.hasMatch()) {
                *errorLine = m.captured(1).toInt();
                break;
            }
        }
    }
    log({}, ConfigEvent{false, why, {}});
    return fail(error, why);
}

QByteArray Lab::subjectOfAlert(const Labels &alertLabels) const {
    const QByteArray job = alertLabels.value(QByteArrayView("job"));
    const QByteArray instance = alertLabels.value(QByteArrayView("instance"));
    if (!job.isEmpty() && !instance.isEmpty())
        for (const ScrapeTarget &t : d->scrapes->activeTargets())
            if (t.labels.value(QByteArrayView("job")) == job &&
                t.labels.value(QByteArrayView("instance")) == instance) {
                const QByteArray subject = subjectOf(t);
                if (!subject.isEmpty())
                    return subject;
            }
    // A gateway group: every label of its grouping key is on the alert.
    const auto carries = [&](const std::vector<LabelPair> &key) {
        return !key.empty() && std::all_of(key.begin(), key.end(), [&](const LabelPair &l) {
            return alertLabels.value(QByteArrayView(l.name)) == l.value;
        });
    };
    for (const auto &[n, j] : m_jobs)
        if (carries(j->groupingKey()))
            return n;
    for (const auto &[n, t] : m_targets) {
        const std::optional<SelfPush> &push = t->options().push;
        if (!push)
            continue;
        std::vector<LabelPair> key = push->groupingKey;
        if (key.empty())
            key.push_back({"job", n});
        if (carries(key))
            return n;
    }
    return {};
}

} // namespace ppl

namespace ppl {

namespace {

// Drops, from every list in the configuration, the entries that name a thing no longer in the
// world ({{target:web-2}} of a removed target): as the running lab leaves it out of the
// generated static configuration.
QByteArray withoutGone(const QByteArray &yaml, const std::function<bool(const QString &)> &gone) {
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{(\\w+):([^}]+)\\}\\}"));
    bool any = false;
    for (auto it = placeholder.globalMatch(QString::fromUtf8(yaml)); it.hasNext();)
        if (gone(it.next().captured(0)))
            any = true;
    if (!any)
        return yaml;
    std::function<YAML::Node(const YAML::Node &)> prune = [&](const YAML::Node &n) {
        if (n.IsSequence()) {
            YAML::Node out(YAML::NodeType::Sequence);
            for (const YAML::Node &item : n) {
                if (item.IsScalar()) {
                    bool drop = false;
                    for (auto it = placeholder.globalMatch(QString::fromStdString(item.Scalar()));
                         it.hasNext();)
                        if (gone(it.next().captured(0)))
                            drop = true;
                    if (drop)
                        continue;
                }
                out.push_back(prune(item));
            }
            return out;
        }
        if (n.IsMap()) {
            YAML::Node out(YAML::NodeType::Map);
            for (auto it = n.begin(); it != n.end(); ++it)
                out[it->first] = prune(it->second);
            return out;
        }
        return n;
    };
    try {
        YAML::Emitter out;
        out << prune(YAML::Load(yaml.toStdString()));
        return QByteArray(out.c_str()) + '\n';
    } catch (const YAML::Exception &) {
        return yaml;
    }
}

} // namespace

Scenario Lab::currentWorld() const {
    Scenario s;
    s.name = m_scenario.name;
    s.description = m_scenario.description;
    s.engine = m_scenario.engine;
    s.file = m_scenario.file;
    s.source = m_scenario.source;
    s.baseDir = m_scenario.baseDir;
    s.exporters = m_scenario.exporters;
    s.gateway = m_scenario.gateway;
    s.gateway.enabled = !m_gatewayUrl.isEmpty();
    s.gateway.persistence = s.gateway.enabled && m_gatewayPersistence;
    s.ruleSources = m_ruleSources;
    std::set<QByteArray> targetNames, jobNames, podNames;
    for (const QByteArray &n : m_worldOrder) {
        if (auto t = m_targetSpecs.find(n); t != m_targetSpecs.end()) {
            s.targets << t->second;
            targetNames.insert(n);
        } else if (auto j = m_jobSpecs.find(n); j != m_jobSpecs.end()) {
            s.jobs << j->second;
            jobNames.insert(n);
        } else if (auto p = m_podDeclared.find(n); p != m_podDeclared.end()) {
            s.pods << p->second;
            podNames.insert(n);
        }
    }
    // The scenario's actions that still fit this world.
    std::set<QByteArray> added;
    for (const ScenarioAction &a : m_scenario.actions) {
        using Op = LabCommand::Op;
        const Op op = a.command.op;
        const QByteArray &n = a.command.name;
        const bool pod = podNames.count(n) || added.count(n);
        if (op <= Op::HealTarget && !targetNames.count(n) && !pod)
            continue;
        if ((op == Op::RunJob || op == Op::StopJob) && !jobNames.count(n))
            continue;
        if ((op == Op::RemovePod || op == Op::AnnotatePod) && !pod)
            continue;
        if (op == Op::AddPod) {
            if (targetNames.count(n) || jobNames.count(n) || pod)
                continue;
            added.insert(n);
        }
        if ((op == Op::DeleteGroup || op == Op::RestartGateway) && !s.gateway.enabled)
            continue;
        s.actions << a;
    }
    // The applied configuration, the lab's own addresses written back as placeholders.
    std::vector<std::pair<QByteArray, QByteArray>> owned; // address → placeholder
    auto own = [&](const QByteArray &address, const QByteArray &placeholder) {
        owned.emplace_back(address, placeholder);
        if (address.startsWith("127.0.0.1:"))
            owned.emplace_back("localhost" + address.mid(9), placeholder);
    };
    for (const auto &[n, t] : m_targets)
        own(t->address(), (isPod(n) ? "{{pod:" : "{{target:") + n + "}}");
    for (const auto &[n, j] : m_jobs)
        if (j->exposure())
            own(j->exposure()->address(), "{{job:" + n + "}}");
    for (const auto &[n, e] : d->exporters)
        own(e->address(), "{{exporter:" + n + "}}");
    if (!m_gatewayUrl.isEmpty())
        own(QStringLiteral("%1:%2").arg(m_gatewayUrl.host()).arg(m_gatewayUrl.port()).toUtf8(),
            "{{gateway}}");
    const QUrl server = m_options.engine ? m_options.engine->serverUrl() : m_serverUrl;
    if (!server.isEmpty())
        own(QStringLiteral("%1:%2").arg(server.host()).arg(server.port()).toUtf8(), "{{server}}");
    QString config = QString::fromUtf8(m_configYaml);
    for (const auto &[address, placeholder] : owned) {
        const QRegularExpression exact(
            QStringLiteral("(?<![\\w.-])%1(?!\\d)")
                .arg(QRegularExpression::escape(QString::fromUtf8(address))));
        config.replace(exact, QString::fromUtf8(placeholder));
    }
    s.prometheusYaml = withoutGone(config.toUtf8(), [&](const QString &p) {
        const QStringList parts = p.mid(2, p.size() - 4).split(u':');
        if (parts.size() != 2)
            return false;
        const QByteArray kind = parts[0].toUtf8(), n = parts[1].toUtf8();
        if (kind == "target" || kind == "pod")
            return !targetNames.count(n) && !podNames.count(n);
        if (kind == "job")
            return !jobNames.count(n);
        return false;
    });
    return s;
}

SimulationClock *Lab::simulationClock() const {
    return qobject_cast<SimulationClock *>(m_clock);
}

void Lab::noteTargetRequest(const TargetRequest &request, int port) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> &expected = m_expectedScrapes[port];
    // A scrape that never reached its target (refused, firewalled) is forgotten after a while.
    while (!expected.isEmpty() && now - expected.first() > 10'000)
        expected.removeFirst();
    if (!expected.isEmpty()) {
        expected.removeFirst();
        return;
    }
    m_outsideScrapeWallMs = now;
    m_outsideScrapeAgent = request.userAgent;
    m_outsideScrapeTarget = request.target;
    SimulationClock *sim = simulationClock();
    if (sim && !qFuzzyCompare(sim->speed(), 1.0)) {
        sim->setSpeed(1.0);
        Q_EMIT wallTimeRequired(wallTimeReason());
    }
}

// Outside programs run on wall time, so the lab keeps it while one is attached:
//  - a program other than the lab's scraper requested a simulated target's page within the
//    last two minutes of wall time (Prometheus scrapes every 1 m by default; two minutes of
//    silence means it has gone). Told apart by counting: each request a target receives is
//    matched against the lab's own scrapes of its port; one with no scrape to match is
//    outside (a real Prometheus sends the same User-Agent as the lab's scraper);
//  - a job or a pushing target sends to a Pushgateway other than the lab's own (a real one,
//    which stamps push times and expires nothing on its own clock).
// Pushes from outside into the lab's gateway do not count: the lab stamps them on its clock.
QString Lab::wallTimeReason() const {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_outsideScrapeWallMs >= 0 && now - m_outsideScrapeWallMs < 120'000)
        return tr("a program outside the lab (User-Agent \"%1\") scraped %2 %n second(s) ago; "
                  "outside programs run on wall time, so the lab stays at 1\u00d7",
                  nullptr, int((now - m_outsideScrapeWallMs) / 1000))
            .arg(str(m_outsideScrapeAgent), str(m_outsideScrapeTarget));
    const auto outside = [this](const QUrl &gateway) {
        return gateway.isValid() && !gateway.isEmpty() &&
               gateway.adjusted(QUrl::RemovePath | QUrl::RemoveQuery) !=
                   m_gatewayUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    };
    for (const auto &[name, job] : m_jobs)
        if (job->spec().pushMode != JobPushMode::None && outside(job->spec().gateway))
            return tr("job %1 pushes to %2, a Pushgateway outside the lab; it runs on wall time, "
                      "so the lab stays at 1\u00d7")
                .arg(str(name), job->spec().gateway.toString());
    for (const auto &[name, target] : m_targets)
        if (const auto &push = target->options().push; push && outside(push->gateway))
            return tr("target %1 pushes to %2, a Pushgateway outside the lab; it runs on wall "
                      "time, so the lab stays at 1\u00d7")
                .arg(str(name), push->gateway.toString());
    return {};
}

bool Lab::setSpeed(double speed, QString *error) {
    SimulationClock *sim = simulationClock();
    if (!sim)
        return fail(error, tr("this lab runs on wall time; its speed cannot change"));
    if (speed < SimulationClock::MinSpeed || speed > SimulationClock::MaxSpeed)
        return fail(error, tr("the speed must be from %1\u00d7 to %2\u00d7")
                               .arg(SimulationClock::MinSpeed)
                               .arg(SimulationClock::MaxSpeed));
    if (!qFuzzyCompare(speed, 1.0))
        if (const QString why = wallTimeReason(); !why.isEmpty())
            return fail(error, why);
    sim->setSpeed(speed);
    return true;
}

bool Lab::stepClock(QString *error) {
    SimulationClock *sim = simulationClock();
    if (!sim)
        return fail(error, tr("this lab runs on wall time; it cannot step"));
    if (const QString why = wallTimeReason(); !why.isEmpty())
        return fail(error, why);
    if (!sim->isPaused() || sim->isJumping())
        return fail(error, tr("step works while the lab is paused"));
    if (!sim->step())
        return fail(error, tr("nothing is scheduled to step to"));
    return true;
}

bool Lab::advanceClock(qint64 durationMs, QString *error) {
    SimulationClock *sim = simulationClock();
    if (!sim)
        return fail(error, tr("this lab runs on wall time; it cannot fast-forward"));
    if (durationMs <= 0)
        return fail(error, tr("fast-forward needs a duration above zero"));
    if (const QString why = wallTimeReason(); !why.isEmpty())
        return fail(error, why);
    if (!sim->advance(durationMs))
        return fail(error, tr("a step or fast-forward is already running"));
    return true;
}

} // namespace ppl
