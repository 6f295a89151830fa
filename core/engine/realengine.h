#pragma once

#include "childserver.h"
#include "engineconfig.h"
#include "lab/externalengine.h"

#include <QObject>
#include <QPointer>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace ppl {
class PodSource;
}

namespace ppl::engine {

struct RealEngineOptions {
    // Debian's binaries (injectable: tests point one at a path that does not exist).
    QString prometheusProgram = QStringLiteral("/usr/bin/prometheus");
    QString pushgatewayProgram = QStringLiteral("/usr/bin/prometheus-pushgateway");
    QString alertmanagerProgram = QStringLiteral("/usr/bin/prometheus-alertmanager");
    bool pushgateway = true;   // the scenario has the gateway
    bool alertmanager = false; // the scenario has alerting rules
    int readyTimeoutMs = 30000;
    int stopGraceMs = 5000;
    int reloadTimeoutMs = 30000;
};

// Issue 17's `--engine real`: Debian's prometheus, prometheus-pushgateway and (for alerting)
// prometheus-alertmanager as child processes on free loopback ports, with their data, the
// generated prometheus.yml and the rule files in a temporary directory of their own. The lab's
// simulated world (targets, jobs, pods) stays in the lab and is scraped and pushes for real;
// the lab hands its configuration over through ExternalEngine. Started in two steps because
// the lab's jobs must find the gateway answering and Prometheus needs the lab's addresses:
// startGateway() (gatewayReady()), then — the lab loaded — startServers() (ready()).
// Every child stops (SIGTERM, then kill) when the engine goes.
class RealEngine : public QObject, public ExternalEngine {
    Q_OBJECT
public:
    enum class Child { Prometheus, Pushgateway, Alertmanager };
    Q_ENUM(Child)

    explicit RealEngine(RealEngineOptions options = {}, QObject *parent = nullptr);
    ~RealEngine() override;

    // Checks that the binaries are installed (a missing one: *error names its Debian
    // package), makes the directory and chooses the ports. False with *error.
    bool prepare(QString *error);
    bool startGateway(QString *error); // gatewayReady() or failed() follows
    bool startServers(QString *error); // the Alertmanager (if any), then Prometheus; ready()
    void stop();
    // Starts a child again on its port (Prometheus keeps its data; the gateway, run without
    // persistence, comes back empty as the real one does). childReady() or failed() follows.
    bool restart(Child child, QString *error = nullptr);

    // ExternalEngine: where the lab points its jobs and placeholders.
    QUrl gatewayUrl() const override;
    QUrl serverUrl() const override;
    // Writes the files; while Prometheus runs, reloads it too (configApplied() tells).
    void applyConfig(const QByteArray &resolvedYaml,
                     const std::vector<std::pair<QString, QByteArray>> &ruleSources,
                     const QString &baseDir) override;
    // The gateway runs with a persistence file in the engine's directory (written when it
    // stops); without keepPersistence the file goes first, so it comes back empty.
    bool restartGateway(bool keepPersistence, QString *error) override;

    QUrl alertmanagerUrl() const;          // empty without an Alertmanager
    ChildServer *child(Child child) const; // null when the engine does not run it
    static QString childName(Child child);
    QString directory() const { return m_dir.path(); }
    QString configFile() const;
    QString gatewayPersistenceFile() const;
    // The lab's pods, for the scrape configs' kubernetes_sd_configs (see replaceKubernetesSd):
    // their discovery files follow every change. Not owned.
    void setPodSource(PodSource *pods);
    bool isReady() const; // every child it runs answers

    // Writes the configuration and POSTs /-/reload (the server runs with --web.enable-lifecycle).
    // done(true, {}) when Prometheus took it; done(false, why) with Prometheus's own error text
    // (the reload response's body: "failed to reload config: …") when it rejected it, or the
    // transport's error. done is not called once context is gone.
    void reload(const EngineConfig &config, QObject *context,
                std::function<void(bool ok, const QString &error)> done);

Q_SIGNALS:
    void gatewayReady();
    void ready();                                          // startServers(): every child answers
    void childReady(ppl::engine::RealEngine::Child child); // also after restart()
    void failed(const QString &error);                     // a child did not come up
    // A child ended on its own: "prometheus stopped: killed by signal 9 …" (restart() it).
    void childDied(ppl::engine::RealEngine::Child child, const QString &message);
    // Prometheus had to take another port ("address already in use"): {{server}} moved. The
    // configuration is written again by the next applyConfig(), before it starts.
    void serverPortChanged(const QUrl &url);
    void configApplied(bool ok, const QString &error); // each reload applyConfig() started

private:
    ChildServer *makeChild(Child which, ChildSpec spec);
    bool writeFiles(const EngineConfig &config, QString *error);
    void checkAllReady();
    void writePodFiles();

    RealEngineOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<ChildServer> m_prometheus;
    std::unique_ptr<ChildServer> m_pushgateway;
    std::unique_ptr<ChildServer> m_alertmanager;
    QNetworkAccessManager *m_network;
    EngineConfig m_config;
    std::vector<PodSdFile> m_podFiles;
    QPointer<PodSource> m_pods;
    bool m_serversStarted = false;
    bool m_announcedReady = false;
};

} // namespace ppl::engine
