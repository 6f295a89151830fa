#include "targetdiscovery.h"

#include "filesd.h"
#include "kubernetessd.h"
#include "podsource.h"
#include "targetbuilder.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSet>

namespace ppl {

namespace {

// What makes two targets the same target: Prometheus keys a pool's targets by a hash of
// their labels and URL.
QString identity(const ScrapeTarget &t) {
    return QString::fromUtf8(t.jobName) + u'\n' + t.url + u'\n' + t.labels.toString() + u'\n' +
           t.discoveredLabels.toString();
}

bool sameTargets(const QList<ScrapeTarget> &a, const QList<ScrapeTarget> &b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const ScrapeTarget &x = a[i];
        const ScrapeTarget &y = b[i];
        if (x.jobName != y.jobName || x.url != y.url || !(x.labels == y.labels) ||
            !(x.discoveredLabels == y.discoveredLabels) || x.intervalMs != y.intervalMs ||
            x.timeoutMs != y.timeoutMs || x.honorLabels != y.honorLabels ||
            x.honorTimestamps != y.honorTimestamps || x.dropReason != y.dropReason ||
            !(x.limits == y.limits) || x.forcedError != y.forcedError)
            return false;
    }
    return true;
}

} // namespace

TargetDiscovery::TargetDiscovery(Clock *clock, PodSource *pods, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_pods(pods)
    , m_watcher(new QFileSystemWatcher(this)) {
    if (pods)
        connect(pods, &PodSource::changed, this, &TargetDiscovery::rebuild);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &TargetDiscovery::refreshFiles);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &TargetDiscovery::refreshFiles);
}

TargetDiscovery::~TargetDiscovery() {
    for (Clock::TimerId id : std::as_const(m_refreshTimers))
        m_clock->cancel(id);
}

void TargetDiscovery::setConfig(const PrometheusConfig &config) {
    for (Clock::TimerId id : std::as_const(m_refreshTimers))
        m_clock->cancel(id);
    m_refreshTimers.clear();
    m_config = config;
    m_fileTargets.clear();
    m_fileErrors.clear();
    // One timer per file_sd config, each with its own refresh_interval.
    for (const ScrapeJobConfig &job : std::as_const(m_config.scrapeConfigs)) {
        for (const FileSdConfig &sd : job.fileSdConfigs) {
            if (sd.refreshIntervalMs > 0)
                scheduleRefresh(sd.refreshIntervalMs);
        }
    }
    refreshFiles(); // reads the files and rebuilds
}

void TargetDiscovery::scheduleRefresh(qint64 intervalMs) {
    const Clock::TimerId id = m_clock->callAfter(intervalMs, this, [this, intervalMs] {
        refreshFiles();
        scheduleRefresh(intervalMs);
    });
    m_refreshTimers.append(id);
    // Keep the list short: only the pending timer of each config matters for cancel().
    if (m_refreshTimers.size() > 64)
        m_refreshTimers.remove(0, m_refreshTimers.size() - 64);
}

void TargetDiscovery::refreshFiles() {
    QStringList patterns;
    for (const ScrapeJobConfig &job : std::as_const(m_config.scrapeConfigs)) {
        for (const FileSdConfig &sd : job.fileSdConfigs)
            patterns += sd.files;
    }
    const QStringList files = expandFileSdPatterns(patterns);
    const QSet<QString> present(files.cbegin(), files.cend());
    bool errorsChanged = false;
    // A file that is gone takes its targets with it (Prometheus clears its groups).
    for (auto it = m_fileTargets.begin(); it != m_fileTargets.end();) {
        if (!present.contains(it.key()))
            it = m_fileTargets.erase(it);
        else
            ++it;
    }
    for (auto it = m_fileErrors.begin(); it != m_fileErrors.end();) {
        if (!present.contains(it.key())) {
            it = m_fileErrors.erase(it);
            errorsChanged = true;
        } else {
            ++it;
        }
    }
    for (const QString &file : files) {
        FileSdReadResult r = readFileSdFile(file);
        if (r.ok) {
            m_fileTargets.insert(file, std::move(r.targets));
            errorsChanged = m_fileErrors.remove(file) > 0 || errorsChanged;
        } else if (m_fileErrors.value(file) != r.error) {
            // Broken: the last good targets of this file stay, as in Prometheus.
            m_fileErrors.insert(file, r.error);
            errorsChanged = true;
        }
    }
    updateWatches(patterns);
    if (errorsChanged)
        Q_EMIT this->errorsChanged();
    rebuild();
}

void TargetDiscovery::updateWatches(const QStringList &patterns) {
    // Watch each named file and its directory: editors replace files by renaming, which ends
    // a file watch, and a glob can gain new files. Re-adding after each refresh keeps the
    // watches alive.
    QStringList paths;
    for (const QString &pattern : patterns) {
        const QFileInfo info(pattern);
        if (info.exists() && !info.fileName().contains(u'*'))
            paths.append(info.filePath());
        if (info.dir().exists())
            paths.append(info.dir().path());
    }
    for (const QString &file : expandFileSdPatterns(patterns))
        paths.append(file);
    paths.removeDuplicates();
    QStringList watched = m_watcher->files() + m_watcher->directories();
    QStringList stale;
    for (const QString &w : std::as_const(watched)) {
        if (!paths.contains(w))
            stale.append(w);
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList fresh;
    for (const QString &p : std::as_const(paths)) {
        if (!watched.contains(p))
            fresh.append(p);
    }
    if (!fresh.isEmpty())
        m_watcher->addPaths(fresh);
}

void TargetDiscovery::rebuild() {
    QList<ScrapeTarget> active;
    QList<ScrapeTarget> dropped;
    QStringList errors;
    const QList<Pod> pods = m_pods ? m_pods->pods() : QList<Pod>();
    for (const ScrapeJobConfig &job : std::as_const(m_config.scrapeConfigs)) {
        QList<Labels> discovered;
        for (const StaticTargetGroup &group : job.staticConfigs) {
            for (const QByteArray &target : group.targets) {
                std::vector<std::pair<QByteArray, QByteArray>> pairs;
                for (auto it = group.labels.cbegin(); it != group.labels.cend(); ++it)
                    pairs.emplace_back(it.key(), it.value());
                pairs.emplace_back("__address__", target);
                discovered.append(Labels::fromPairs(std::move(pairs)));
            }
        }
        for (const FileSdConfig &sd : job.fileSdConfigs) {
            for (const QString &file : expandFileSdPatterns(sd.files))
                discovered += m_fileTargets.value(file);
        }
        for (const KubernetesSdConfig &sd : job.kubernetesSdConfigs)
            discovered += discoverPodTargets(pods, sd);

        QSet<QString> seen;
        const qsizetype firstOfJob = active.size();
        for (const Labels &labels : std::as_const(discovered)) {
            TargetBuildResult r = populateTarget(labels, job);
            switch (r.outcome) {
            case TargetBuildResult::Outcome::Active: {
                const QString id = identity(r.target);
                if (!seen.contains(id)) {
                    seen.insert(id);
                    active.append(std::move(r.target));
                }
                break;
            }
            case TargetBuildResult::Outcome::Dropped:
                r.target.dropReason = tr("dropped by relabel_configs");
                dropped.append(std::move(r.target));
                break;
            case TargetBuildResult::Outcome::Failed:
                // 2.42 only logs these; the lab also lists them as dropped, with the reason,
                // so that a learner sees why a target never appears.
                errors.append(tr("job %1: target %2: %3")
                                  .arg(QString::fromUtf8(job.jobName), labels.toString(), r.error));
                r.target.dropReason = r.error;
                dropped.append(std::move(r.target));
                break;
            }
        }
        // scrapePool.refreshTargetLimitErr: too many targets fail every scrape of the pool.
        const qsizetype count = active.size() - firstOfJob;
        if (job.targetLimit > 0 && quint64(count) > job.targetLimit) {
            const QString error =
                QStringLiteral("target_limit exceeded (number of targets: %1, limit: %2)")
                    .arg(count)
                    .arg(job.targetLimit);
            for (qsizetype i = firstOfJob; i < active.size(); ++i)
                active[i].forcedError = error;
        }
    }
    const bool errorsDiffer = errors != m_targetErrors;
    m_targetErrors = errors;
    const bool changed = !sameTargets(active, m_active) || !sameTargets(dropped, m_dropped);
    m_active = std::move(active);
    m_dropped = std::move(dropped);
    if (errorsDiffer)
        Q_EMIT errorsChanged();
    if (changed)
        Q_EMIT targetsChanged();
}

QStringList TargetDiscovery::lastErrors() const {
    QStringList out;
    QStringList files = m_fileErrors.keys();
    files.sort();
    for (const QString &f : std::as_const(files))
        out.append(tr("file_sd: %1").arg(m_fileErrors.value(f)));
    out += m_targetErrors;
    return out;
}

} // namespace ppl
