#include "scrapemanager.h"

namespace ppl {

namespace {

bool sameRules(const QList<RelabelRule> &a, const QList<RelabelRule> &b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const RelabelRule &x = a[i];
        const RelabelRule &y = b[i];
        if (x.action != y.action || x.sourceLabels != y.sourceLabels ||
            x.separator != y.separator || x.regex != y.regex || x.targetLabel != y.targetLabel ||
            x.replacement != y.replacement || x.modulus != y.modulus)
            return false;
    }
    return true;
}

bool sameAuth(const std::optional<BasicAuthConfig> &a, const std::optional<BasicAuthConfig> &b) {
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->username == b->username && a->password == b->password &&
                  a->passwordFile == b->passwordFile);
}

} // namespace

ScrapeManager::ScrapeManager(Clock *clock, SeriesStore *store, QNetworkAccessManager *network,
                             QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_store(store)
    , m_network(network) {}

ScrapeManager::~ScrapeManager() {
    // Children would be deleted anyway; stopping first keeps their signals from reaching a
    // half-destroyed manager.
    for (ScrapeLoop *loop : std::as_const(m_loops))
        loop->disconnect(this);
    for (ScrapeLoop *loop : std::as_const(m_stopping))
        loop->disconnect(this);
}

QByteArray ScrapeManager::targetKey(const ScrapeTarget &target) {
    return target.jobName + '\0' + target.url.toUtf8() + '\0' + target.labels.toString().toUtf8();
}

bool ScrapeManager::sameScrapeSettings(const ScrapeTarget &a, const ScrapeTarget &b) {
    return a.jobName == b.jobName && a.url == b.url && a.labels == b.labels &&
           a.intervalMs == b.intervalMs && a.timeoutMs == b.timeoutMs &&
           a.honorLabels == b.honorLabels && a.honorTimestamps == b.honorTimestamps &&
           sameAuth(a.basicAuth, b.basicAuth) &&
           sameRules(a.metricRelabelConfigs, b.metricRelabelConfigs) && a.limits == b.limits &&
           a.forcedError == b.forcedError;
}

QList<ScrapeTarget> ScrapeManager::activeTargets() const {
    QList<ScrapeTarget> out;
    out.reserve(m_loops.size());
    for (const ScrapeLoop *loop : m_loops)
        out.append(loop->target());
    return out;
}

void ScrapeManager::setTargets(const QList<ScrapeTarget> &active,
                               const QList<ScrapeTarget> &dropped) {
    m_dropped = dropped;
    QMap<QByteArray, const ScrapeTarget *> wanted;
    for (const ScrapeTarget &t : active)
        wanted.insert(targetKey(t), &t); // duplicates collapse, as in a Prometheus pool

    bool changed = false;
    for (auto it = m_loops.begin(); it != m_loops.end();) {
        const ScrapeTarget *target = wanted.value(it.key());
        if (target && sameScrapeSettings(*target, it.value()->target())) {
            // Discovered labels may differ without changing the scrape; keep the loop.
            ++it;
            continue;
        }
        retire(it.value(), ScrapeLoop::StopMode::WriteStaleMarkers);
        it = m_loops.erase(it);
        changed = true;
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (m_loops.contains(it.key()))
            continue;
        m_loops.insert(it.key(), startLoop(*it.value()));
        changed = true;
    }
    if (changed)
        Q_EMIT targetsChanged();
}

ScrapeLoop *ScrapeManager::startLoop(const ScrapeTarget &target) {
    auto *loop = new ScrapeLoop(target, m_clock, m_store, m_network, this);
    connect(loop, &ScrapeLoop::scrapeFinished, this,
            [this](const ScrapeTarget &t, const ScrapeResult &r) {
                ++m_scrapes;
                if (r.health != TargetHealth::Up)
                    ++m_failedScrapes;
                Q_EMIT scrapeFinished(t, r);
            });
    connect(loop, &ScrapeLoop::scrapeStarted, this,
            [this](const ScrapeTarget &t, qint64) { Q_EMIT scrapeStarted(t); });
    connect(loop, &ScrapeLoop::healthChanged, this,
            [this, loop](TargetHealth h) { Q_EMIT targetHealthChanged(loop->target(), h); });
    loop->start();
    return loop;
}

void ScrapeManager::retire(ScrapeLoop *loop, ScrapeLoop::StopMode mode) {
    loop->disconnect(this);
    m_stopping.append(loop);
    connect(loop, &ScrapeLoop::finished, this, [this, loop] {
        m_stopping.removeOne(loop);
        loop->deleteLater();
    });
    loop->stop(mode);
}

void ScrapeManager::stopAll(ScrapeLoop::StopMode mode) {
    if (m_loops.isEmpty())
        return;
    const auto loops = m_loops;
    m_loops.clear();
    for (ScrapeLoop *loop : loops)
        retire(loop, mode);
    Q_EMIT targetsChanged();
}

} // namespace ppl
