#pragma once

#include "eventlog.h"
#include "labcommand.h"
#include "scenario.h"
#include "scrape/scrapeconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ppl::notify {
class Notifier;
}
namespace ppl::rules {
class RuleManager;
}

namespace ppl {

class Clock;
class ExternalEngine;
class SimulationClock;
class GatewayClient;
class LabApiServer;
class RealExporter;
class PushgatewayServer;
class ScrapeManager;
class SeriesStore;
class StaleReasons;
class TargetDiscovery;
struct ScrapeResult;

// A scrape target of the running configuration as the lab sees it: which of the lab's things
// it reaches, or what else it is. The student's own programs listed in prometheus.yml are
// targets like the lab's own, marked as outside the lab (issue 12).
struct ScrapeSubject {
    enum class Kind {
        Target,   // a simulated target: the lab runs it, so it can kill and fault it
        Pod,      // a simulated pod's service
        Job,      // a push: none job's /metrics, exposed while it runs
        Gateway,  // the lab's Pushgateway
        Exporter, // a real exporter the scenario started (exporters:); the lab cannot fault it
        Server,   // the lab server scraping itself
        Outside,  // a program the lab does not run: the student's own app, anything else
    };
    QByteArray name; // the subject of its scrape events: the lab's name for it, else its instance
    Kind kind = Kind::Outside;
    ScrapeTarget target; // as the scraper has it (job, instance, URL)
    // The lab runs its process: the lab's kill and fault operations apply to it.
    bool simulated() const {
        return kind == Kind::Target || kind == Kind::Pod || kind == Kind::Job;
    }
    // Not one of the lab's simulated things nor its gateway: listed and drawn beside them.
    bool unsimulated() const {
        return kind == Kind::Exporter || kind == Kind::Server || kind == Kind::Outside;
    }
};

// Who pushes a gateway group: one of the lab's jobs, one of its self-pushing targets, or a
// client outside the lab (curl, a client library), told apart by User-Agent.
struct GroupPusher {
    enum class Kind { None, Job, Target, Outside };
    Kind kind = Kind::None;
    // The job's or target's name; Outside: the group as the gateway words it, {job="x",…},
    // which is also the subject of its events.
    QByteArray name;
    std::vector<LabelPair> groupingKey; // job first
    QByteArray userAgent;               // Outside: the User-Agent of its newest push
    qint64 firstPushMs = -1;            // Outside: lab time of its first push
    qint64 lastPushMs = -1;             // Outside: lab time of its newest push
    int pushes = 0, rejected = 0;       // Outside: requests seen (deletes included), refused
};

struct LabOptions {
    Clock *clock = nullptr; // not owned; null: the system clock
    QHostAddress host = QHostAddress::LocalHost;
    quint16 gatewayPort = 0;          // the lab's Pushgateway; 0 = chosen by the OS
    bool gatewayPortFallback = false; // gatewayPort taken: bind an OS-chosen port instead
    qsizetype eventCapacity = 20000;
    // Required as "Authorization: Bearer TOKEN" by /lab/* operations and /-/reload; empty:
    // none. listen() on an address other machines reach needs one.
    QByteArray token = {};
    // --gateway-basic-auth USER:BCRYPT: the lab's gateway requires HTTP basic auth, on every
    // path that starts one (window, scenario runs), as the real one's web config does. The
    // lab's own jobs and targets send the password when they know it (an empty one: they push
    // without credentials and get 401, as any client without them would).
    QByteArray gatewayBasicAuthUser = {};
    QByteArray gatewayBasicAuthBcrypt = {};
    QByteArray gatewayBasicAuthPassword = {};
    // Not owned; set: the monitoring runs elsewhere (--engine real, issue 17). The lab then
    // starts neither its scraper, its rules nor its gateway: its jobs and targets push to the
    // engine's gateway, {{gateway}} and {{server}} name the engine's servers, and each
    // configuration (prometheus.yml and the scenario's rules) goes to engine->applyConfig().
    ExternalEngine *engine = nullptr;
};

// Reads --gateway-basic-auth USER:BCRYPT (and the lab's own clients' password, from
// $PULLPUSH_GATEWAY_PASSWORD; it must match the hash) into options; false with *error.
bool setLabGatewayBasicAuth(LabOptions &options, const QString &userColonHash,
                            const QByteArray &password, QString *error);

// The composition root: owns the store, the scraper, the gateway, the simulated targets, jobs
// and pods, and the event log, and offers the one set of operations that the GUI, scenarios,
// the /lab/* control API and tests all use. Every operation returns false with a translated
// reason when it cannot be done (unknown name, gateway disabled, …) and changes nothing then.
// Thread affinity: the thread of the clock.
class Lab : public QObject {
    Q_OBJECT
public:
    explicit Lab(LabOptions options = {}, QObject *parent = nullptr);
    ~Lab() override;

    // Starts the lab server (the Prometheus-compatible /api/v1/* plus /lab/*): returns the
    // bound port, or 0 with *error.
    quint16 listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0,
                   QString *error = nullptr);
    QUrl serverUrl() const { return m_serverUrl; } // empty before listen()

    // Replaces the running world with the scenario's: all of it starts, or none of it (the
    // previous world is gone either way). Timed actions count from now.
    bool loadScenario(const Scenario &scenario, QString *error = nullptr);
    void clear(); // stops and removes everything the scenario created
    QString scenarioName() const { return m_scenario.name; }
    const Scenario &scenario() const { return m_scenario; }
    // When the running scenario was loaded (lab clock); what the store holds from before is
    // an earlier world's (the store is not emptied: queries over the past still work).
    qint64 scenarioStartMs() const { return m_scenarioStartMs; }

    // Building blocks, usable without a scenario (tests, the GUI's "add" buttons).
    bool addTarget(const TargetSpec &spec, QString *error = nullptr);
    bool addJob(const JobSpec &spec, QString *error = nullptr);
    bool addPod(const PodSpec &spec, QString *error = nullptr);
    // Whether a job is one the lab can run, by the scenario loader's rules: a valid name,
    // grouping key label names valid with job first (and a value), success probability in
    // [0, 1], every at least 100 ms. False with the reason (translated). Names taken are not
    // checked here (addJob() and replaceJob() do).
    static bool checkJob(const JobSpec &spec, QString *error = nullptr);
    // Stops and removes a job; its gateway group stays until deleted, as in real life.
    bool removeJob(const QByteArray &name, QString *error = nullptr);
    // Edits a job: the job `name` is replaced by spec (which may rename it). Checked first;
    // on any refusal the old job stays as it was.
    bool replaceJob(const QByteArray &name, const JobSpec &spec, QString *error = nullptr);
    // A target's push to the gateway (its scenario push: block), switched at runtime as a
    // migration from push to pull would: off, the target stops pushing and its group stays
    // at the gateway until deleted; on, it pushes again with its push block, or, when it has
    // none, with defaultTargetPush() (PUT every 15 s to the lab gateway, job=<target name>).
    bool setTargetPushing(const QByteArray &name, bool on, QString *error = nullptr);
    bool isTargetPushing(const QByteArray &name) const;
    // It has a push block of its own (pushing now or switched off), not only the default.
    bool targetHasPushBlock(const QByteArray &name) const;
    // What the target pushes when switched on (its own push block or the default one).
    std::optional<SelfPush> targetPushSpec(const QByteArray &name) const;
    SelfPush defaultTargetPush() const;
    // Stops and removes a target (or a pod's target): it leaves the generated configuration
    // and discovery, so its scrape stops with staleness markers; emits targetsChanged().
    bool removeTarget(const QString &name, QString *error = nullptr);
    // The prometheus.yml text (placeholders allowed); replaces the scraper's configuration.
    // When rejected, *errorLine gets the loader's line of the problem (1-based), 0 when it
    // has none (an unknown placeholder, …), so an editor can mark it in any language.
    bool reloadConfig(const QByteArray &yaml = {}, QString *error = nullptr,
                      int *errorLine = nullptr);
    // With an external engine (LabOptions::engine): what its server said of the configuration
    // reloadConfig() handed it, logged as the lab's own reloads are (ok, or its error text).
    void noteEngineConfig(bool ok, const QString &error);

    // --- operations ---
    bool execute(const LabCommand &command, QString *error = nullptr);
    bool startTarget(const QByteArray &name, QString *error = nullptr);
    bool killTarget(const QByteArray &name, QString *error = nullptr);
    bool restartTarget(const QByteArray &name, QString *error = nullptr);
    bool setTargetFault(const QByteArray &name, TargetFault fault, qint64 paramMs = 0,
                        QString *error = nullptr);
    bool healTarget(const QByteArray &name, QString *error = nullptr) {
        return setTargetFault(name, TargetFault::None, 0, error);
    }
    // Which exposition format the target offers from its next answer on.
    bool setTargetFormat(const QByteArray &name, TargetFormat format, QString *error = nullptr);
    bool runJob(const QByteArray &name, QString *error = nullptr);
    bool stopJob(const QByteArray &name, QString *error = nullptr);
    bool removePod(const QByteArray &namespaceName, const QByteArray &name,
                   QString *error = nullptr);
    bool annotatePod(const QByteArray &namespaceName, const QByteArray &name, const QByteArray &key,
                     const QByteArray &value, QString *error = nullptr);
    bool deleteGroup(const std::vector<LabelPair> &groupingKey, QString *error = nullptr);
    bool restartGateway(bool keepPersistence, QString *error = nullptr);
    // Whether the gateway keeps a persistence file (in a temporary directory of the lab's),
    // as after restarting it with or without --persistence.file: it takes effect at the next
    // restartGateway(), which then brings up a gateway on the same port with the new flag.
    void setGatewayPersistence(bool on);
    bool gatewayPersistence() const { return m_gatewayPersistence; } // wanted (next restart)
    bool gatewayPersists() const; // the running gateway has a persistence file
    // Basic auth on the gateway from now on, as the real one's web config basic_auth_users:
    // the password is hashed with bcrypt (cost 10) and the lab's own jobs and targets push
    // with it; an empty user turns it off. Every endpoint asks, /metrics too, so the server's
    // scrape of the gateway then needs basic_auth in prometheus.yml (401 and up 0 otherwise),
    // as with the real gateway. Kept across gateway restarts; refused: a user with ':' or a
    // control character, an empty password.
    bool setGatewayBasicAuth(const QByteArray &user, const QByteArray &password,
                             QString *error = nullptr);
    QByteArray gatewayBasicAuthUser() const { return m_options.gatewayBasicAuthUser; }
    void setPartitioned(bool partitioned);
    void pause();
    void resume();

    // --- the simulation clock (issue 15) ---
    // The lab's clock when it is a SimulationClock (the window's and headless runs'), else null.
    SimulationClock *simulationClock() const;
    // Each false with *error (translated) when the clock is not a SimulationClock, or — for
    // anything but 1× — while wallTimeReason() says an outside program needs wall time.
    bool setSpeed(double speed, QString *error = nullptr);
    bool stepClock(QString *error = nullptr);                       // while paused
    bool advanceClock(qint64 durationMs, QString *error = nullptr); // fast-forward
    // Why the lab must keep wall time now (an outside program is attached), or empty.
    QString wallTimeReason() const;

    // --- state ---
    Clock *clock() const { return m_clock; }
    SeriesStore *store() const { return m_store; }
    EventLog *events() const { return m_events; }
    // Why a series went stale at a marker's time (target down, vanished, end of scrape).
    StaleReasons *staleReasons() const { return m_staleReasons; }
    PodCatalog *pods() const { return m_pods; }
    GatewayClient *gatewayClient() const { return m_pusher; }
    QList<SimulatedTarget *> targets() const; // declared targets and pods' targets
    SimulatedTarget *target(const QByteArray &name) const;
    // The scenario's real exporters (exporters:), running while the scenario is loaded.
    RealExporter *exporter(const QByteArray &name) const;
    QList<RealExporter *> exporters() const;
    QList<BatchJob *> jobs() const;
    BatchJob *job(const QByteArray &name) const;
    bool isPod(const QByteArray &name) const;
    bool isPaused() const { return m_paused; }
    bool isPartitioned() const { return m_partitioned; }
    QUrl gatewayUrl() const;            // empty when the lab runs no gateway
    PushgatewayServer *gateway() const; // null when the lab runs no gateway
    ScrapeManager *scrapeManager() const;
    TargetDiscovery *discovery() const;
    LabApiServer *apiServer() const; // null before listen()
    // The lab server's alerting and recording rules (prometheus.yml's rule_files and the
    // scenario's rules); their alert transitions are logged as AlertEvents.
    rules::RuleManager *ruleManager() const;
    // Sends the rules' alerts to the configuration's alerting.alertmanagers.
    notify::Notifier *notifier() const;
    // Why the last rule load failed (each "FILE: error"), empty when it succeeded.
    QStringList ruleErrors() const { return m_ruleErrors; }
    // The scenario's own rule files (rules: as FILE#rules, rule_files: by path): (name, YAML).
    std::vector<std::pair<QString, QByteArray>> ruleSources() const { return m_ruleSources; }
    // Replaces the text of the scenario's rule file `name` (a new name adds one) and reloads
    // the rules with the running configuration. As Prometheus's reload: a file that does not
    // load keeps the running rules; *error gets promtool's wording, *errorLine the line of
    // the first error in that file (1-based; 0 when it names none).
    bool setRuleSource(const QString &name, const QByteArray &yaml, QString *error = nullptr,
                       int *errorLine = nullptr);
    // Which of the lab's things an alert is about, by its labels: the target (or pod, or the
    // "gateway") whose scrape target has the alert's job and instance, else the lab's job or
    // self-pushing target whose gateway group's grouping labels the alert carries (with
    // honor_labels a pushed series keeps them); empty when none.
    QByteArray subjectOfAlert(const Labels &alertLabels) const;
    // Which of the lab's things a scrape target reaches: "gateway", a target's or pod's name,
    // a job's name (one that exposes /metrics while it runs), or empty for anything else (a
    // real exporter, a removed target). The one answer to "which target is this?"; matched by
    // port, as each simulated process listens on its own port (scrapeTargetPort()).
    QByteArray subjectOf(const ScrapeTarget &target) const;
    // The same answer with what the target is: subjectOf()'s name, else its instance, and the
    // kind (the lab's target, pod, job or gateway, a real exporter, the server itself, or a
    // program outside the lab). The one answer to "does the lab own this target?".
    ScrapeSubject scrapeSubject(const ScrapeTarget &target) const;
    // Every active scrape target of the running configuration, in the scraper's order.
    QList<ScrapeSubject> scrapeSubjects() const;
    // Those the lab does not simulate (exporters, the server itself, outside programs), one
    // per name, in the scraper's order; and one of them by name (nullopt: none).
    QList<ScrapeSubject> unsimulatedScrapeSubjects() const;
    std::optional<ScrapeSubject> unsimulatedScrapeSubject(const QByteArray &name) const;
    // Who pushes the group with this key (job first or not): a job, a self-pushing target,
    // an outside client that pushed it, or Kind::None.
    GroupPusher pusherOf(const std::vector<LabelPair> &groupingKey) const;
    // Every grouping key pushed to the lab's gateway from outside the lab since the scenario
    // started, oldest first; and one of them by its name (the group as the gateway words it).
    QList<GroupPusher> outsidePushers() const;
    std::optional<GroupPusher> outsidePusher(const QByteArray &name) const;
    QByteArray configYaml() const { return m_configYaml; } // as given, with placeholders

    // The world as it is now, as a scenario (File → Save scenario as…): the loaded scenario's
    // name, description, exporters and rules as they run now, its targets, jobs and pods as
    // added (the declared ones as declared, those added or removed since included or left
    // out, format switches kept), the gateway's persistence switch, and the applied
    // prometheus.yml with the addresses of the lab's own things written back as placeholders
    // ({{target:NAME}}, {{gateway}}, {{server}}, …) so it reopens on fresh ports; a removed
    // target's {{target:NAME}} entries are dropped. Actions are kept except those that name
    // something no longer in the world or add a pod that is in it already. Runtime state
    // (kills, faults set live, pause, partition, job runs) is not part of the world.
    Scenario currentWorld() const;
    // Counts the changes to the world since the scenario was loaded: adding or removing a
    // target, job or pod, annotating a pod, applying a configuration or a rule file,
    // switching a target's format or the gateway's persistence. Faults, kills, job runs,
    // pause and partition are runtime, not the world; nor are a scenario's own timed actions.
    quint64 worldGeneration() const { return m_worldGeneration; }
    bool worldChanged() const { return m_worldGeneration != m_savedGeneration; }
    void markWorldSaved() { m_savedGeneration = m_worldGeneration; }
    // What the running configuration holds that Prometheus accepts but the lab does not act
    // on ("rule_files is valid … not simulated"), one line each ("line N: …").
    QStringList configNotices() const { return m_configNotices; }

Q_SIGNALS:
    void targetsChanged(); // added or removed
    void targetStateChanged(const QByteArray &name);
    void jobsChanged();
    void jobStateChanged(const QByteArray &name);
    void targetRequest(const ppl::TargetRequest &request); // for the topology animation
    void pushed(const ppl::PushResult &result);
    void commandExecuted(const ppl::LabCommand &command, bool ok, const QString &error);
    void pausedChanged(bool paused);
    // An outside program showed up while the clock ran at another speed than 1×: it was set
    // back to 1×, for this reason.
    void wallTimeRequired(const QString &reason);
    void partitionChanged(bool partitioned);
    void scenarioLoaded(const QString &name);
    // After restartGateway(): the gateway object (and its groups) may be a new one.
    void gatewayRestarted();
    void gatewayBasicAuthChanged(bool on);
    void gatewayPersistenceChanged(bool on);
    // The scraper's targets changed (a reload, discovery): scrapeSubjects() may differ.
    void scrapeTargetsChanged();
    // A grouping key was pushed from outside the lab for the first time (outsidePushers()).
    void outsidePushersChanged();

private:
    SimulatedTarget *createTarget(TargetOptions options, bool isPod);
    bool startScenario(const Scenario &scenario, QString *error);
    bool startOrReserve(SimulatedTarget *t, bool running, QString *error);
    void logScrape(const ScrapeTarget &target, const ScrapeResult &result);
    void scheduleAction(const ScenarioAction &action, qint64 atMs);
    void log(const QByteArray &subject, LabEventPayload payload);
    // A push by one of the lab's targets or jobs: logged, then announced (pushed()).
    void logPush(const QByteArray &subject, PushEvent::From from, const PushResult &r);
    // A request the gateway received from outside the lab: remembered as a pusher.
    void noteOutsidePush(const QString &group, const QByteArray &userAgent, bool ok);
    QByteArray resolvedConfig(const QByteArray &yaml, QString *error) const;
    bool fail(QString *error, const QString &message) const;
    void worldTouched() {
        if (m_quietWorld == 0)
            ++m_worldGeneration;
    }

    Clock *m_clock;
    LabOptions m_options;
    SeriesStore *m_store;
    EventLog *m_events;
    StaleReasons *m_staleReasons;
    PodCatalog *m_pods;
    GatewayClient *m_pusher;
    std::map<QByteArray, SimulatedTarget *> m_targets;
    std::map<QByteArray, BatchJob *> m_jobs;
    std::map<QByteArray, PodSpec> m_podSpecs; // by pod name
    // The world as declared (currentWorld()): specs as given, in the order they were added.
    std::map<QByteArray, TargetSpec> m_targetSpecs;
    std::map<QByteArray, JobSpec> m_jobSpecs;
    std::map<QByteArray, PodSpec> m_podDeclared;
    QByteArrayList m_worldOrder;
    quint64 m_worldGeneration = 0;
    quint64 m_savedGeneration = 0;
    int m_quietWorld = 0;                       // > 0: loading a scenario or running its actions
    std::map<QByteArray, SelfPush> m_pushesOff; // targets switched off: their push block
    std::vector<GroupPusher> m_outsidePushers;  // oldest first
    Scenario m_scenario;
    QByteArray m_configYaml;
    QStringList m_configNotices;
    QStringList m_ruleErrors;
    std::vector<std::pair<QString, QByteArray>> m_ruleSources; // the scenario's rules
    QString m_ruleBaseDir; // rule_files resolve against this (the scenario's directory)
    QUrl m_gatewayUrl;
    QUrl m_serverUrl;
    qint64 m_scenarioStartMs = 0;
    bool m_paused = false;
    bool m_partitioned = false;
    bool m_gatewayPersistence = false;
    // Pending timed actions: (due time, action); paused actions keep their remaining delay.
    struct PendingAction {
        quint64 timer = 0;
        qint64 dueMs = 0;
        ScenarioAction action;
    };
    std::map<quint64, PendingAction> m_pending; // by a sequence number
    quint64 m_nextPending = 1;
    qint64 m_pausedAtMs = 0;
    // Outside scrapes of the simulated targets (wallTimeReason()): the wall times of the lab's
    // own scrapes not yet seen by their target, by port; a request that finds none is from
    // outside. The lab's scraper sends Prometheus 2.42's User-Agent, as a real 2.42 does, so
    // the User-Agent alone cannot tell them apart.
    QHash<int, QList<qint64>> m_expectedScrapes;
    qint64 m_outsideScrapeWallMs = -1;
    QByteArray m_outsideScrapeAgent;
    QByteArray m_outsideScrapeTarget;
    void noteTargetRequest(const TargetRequest &request, int port);

    struct Integration; // the scraper, the gateway and the API server
    std::unique_ptr<Integration> d;
};

} // namespace ppl
