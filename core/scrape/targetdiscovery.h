#pragma once

#include "scrapeconfig.h"
#include "util/clock.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QFileSystemWatcher;

namespace ppl {

class PodSource;

// Service discovery for every job of a configuration: static_configs, file_sd_configs
// (re-read when a file changes, and on refresh_interval through the lab clock) and
// kubernetes_sd_configs role pod (from a PodSource, live). Each discovered target goes
// through populateTarget() (relabel_configs and all); the results are the active and dropped
// targets that the scrape loops and /api/v1/targets show. targetsChanged() fires only when
// the set of active or dropped targets really changed.
// Thread affinity: the thread of the clock; clock and catalog must outlive this object
// (the catalog may be null: kubernetes_sd_configs then discovers nothing).
class TargetDiscovery : public QObject {
    Q_OBJECT
public:
    TargetDiscovery(Clock *clock, PodSource *pods, QObject *parent = nullptr);
    ~TargetDiscovery() override;

    // Replaces the configuration; discovery restarts at once (files are read synchronously).
    void setConfig(const PrometheusConfig &config);
    const PrometheusConfig &config() const { return m_config; }

    // In job order, then discovery order (static, files, pods); duplicates within a job
    // (same labels and URL) are merged as Prometheus merges them.
    QList<ScrapeTarget> activeTargets() const { return m_active; }
    // Relabelled away: jobName and discoveredLabels only.
    QList<ScrapeTarget> droppedTargets() const { return m_dropped; }
    // What is wrong now: unreadable or invalid file_sd files (their last good targets stay in
    // force, as in Prometheus) and targets rejected after relabelling (e.g. "no address").
    QStringList lastErrors() const;

    // Re-reads every file_sd file now (the watcher and the refresh timer call this).
    void refreshFiles();

Q_SIGNALS:
    void targetsChanged();
    void errorsChanged();

private:
    void rebuild();
    void scheduleRefresh(qint64 intervalMs);
    void updateWatches(const QStringList &files);

    Clock *m_clock;
    QPointer<PodSource> m_pods;
    QFileSystemWatcher *m_watcher;
    PrometheusConfig m_config;
    QList<Clock::TimerId> m_refreshTimers;

    // Last good targets of each file_sd file, and the current error of each broken one.
    QHash<QString, QList<Labels>> m_fileTargets;
    QHash<QString, QString> m_fileErrors;
    QStringList m_targetErrors;

    QList<ScrapeTarget> m_active;
    QList<ScrapeTarget> m_dropped;
};

} // namespace ppl
