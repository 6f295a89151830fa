#pragma once

#include "scrapeconfig.h"
#include "scrapeloop.h"

#include <QList>
#include <QMap>
#include <QObject>

class QNetworkAccessManager;

namespace ppl {

class Clock;
class SeriesStore;

// Owns one ScrapeLoop per active target and keeps them in step with discovery, as
// Prometheus's scrape manager and pools do on every target update and reload: a target whose
// labels, URL and scrape settings are unchanged keeps its loop (no gap, same phase); a removed
// or changed one is stopped with end-of-run staleness; a new one starts at its offset.
// Thread affinity: the lab's thread.
class ScrapeManager : public QObject {
    Q_OBJECT
public:
    // clock, store and network are not owned and must outlive the manager.
    ScrapeManager(Clock *clock, SeriesStore *store, QNetworkAccessManager *network,
                  QObject *parent = nullptr);
    ~ScrapeManager() override; // stops every loop at once, without stale markers (shutdown)

    // The full set of targets after discovery and relabelling (dropped ones only for display).
    void setTargets(const QList<ScrapeTarget> &active, const QList<ScrapeTarget> &dropped = {});
    // Stops every loop (WriteStaleMarkers: as if every target vanished).
    void stopAll(ScrapeLoop::StopMode mode);

    // Active loops, ordered by job name, then URL, then labels.
    QList<ScrapeLoop *> loops() const { return m_loops.values(); }
    QList<ScrapeTarget> activeTargets() const;
    QList<ScrapeTarget> droppedTargets() const { return m_dropped; }
    // Loops that were stopped and are still waiting to write their stale markers.
    int stoppingCount() const { return int(m_stopping.size()); }

    quint64 scrapesTotal() const { return m_scrapes; }
    quint64 failedScrapesTotal() const { return m_failedScrapes; }

    // Identity of a target inside the manager: job, URL and labels.
    static QByteArray targetKey(const ScrapeTarget &target);
    // True when two targets with the same key would scrape identically.
    static bool sameScrapeSettings(const ScrapeTarget &a, const ScrapeTarget &b);

Q_SIGNALS:
    void targetsChanged(); // the set of loops changed
    // A scrape begins (its request is about to be sent).
    void scrapeStarted(const ppl::ScrapeTarget &target);
    void scrapeFinished(const ppl::ScrapeTarget &target, const ppl::ScrapeResult &result);
    void targetHealthChanged(const ppl::ScrapeTarget &target, ppl::TargetHealth health);

private:
    ScrapeLoop *startLoop(const ScrapeTarget &target);
    void retire(ScrapeLoop *loop, ScrapeLoop::StopMode mode);

    Clock *m_clock;
    SeriesStore *m_store;
    QNetworkAccessManager *m_network;
    QMap<QByteArray, ScrapeLoop *> m_loops;
    QList<ScrapeLoop *> m_stopping;
    QList<ScrapeTarget> m_dropped;
    quint64 m_scrapes = 0;
    quint64 m_failedScrapes = 0;
};

} // namespace ppl
