#pragma once

#include "scrapecache.h"
#include "scrapeconfig.h"
#include "scrapehttpclient.h"
#include "scrapeingest.h"
#include "scrapelimits.h"
#include "scrapereport.h"
#include "targethealth.h"
#include "util/clock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace ppl {

class SeriesStore;

// Scrapes one target, as Prometheus's scrapeLoop does: wait for the target's stable offset
// inside the interval, then every interval GET the target (asynchronously, a new connection per
// scrape: ScrapeHttpClient with keep-alive off, which measured cheaper than hundreds of idle
// kept-alive sockets; the shared QNetworkAccessManager only follows redirects;
// the timeout runs on the lab clock), parse, merge target labels (honor_labels), apply
// metric_relabel_configs, append everything stamped with the scrape's start (or the exposed
// timestamp when honor_timestamps), write stale markers for series that vanished, then the report
// series. A failed scrape appends an empty result, so every series of the previous scrape goes
// stale. A big body (ScrapeIngest::runsInline) is parsed on a worker thread and its new series
// are created in slices of at most ~10 ms, so that one scrape of tens of thousands of series
// never holds the event loop; its samples, stale markers and report series are then appended in
// one go, as for a small body, which is ingested inline (the manual-clock tests see it finish
// the moment it is answered). The next scrape waits for the ingest, as Go's loop waits for its
// append. Thread affinity: the thread of the clock, store and network manager (the lab's).
class ScrapeLoop : public QObject {
    Q_OBJECT
public:
    enum class StopMode {
        WriteStaleMarkers, // target removed: end-of-run stale markers, as Prometheus does
        Immediately        // shutting down: no markers (Prometheus also skips them then)
    };

    // clock, store and network are not owned and must outlive the loop.
    ScrapeLoop(ScrapeTarget target, Clock *clock, SeriesStore *store,
               QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ScrapeLoop() override; // aborts a scrape in flight; writes nothing

    const ScrapeTarget &target() const { return m_target; }

    // Schedules the first scrape at the target's offset inside the interval.
    void start();
    // Stops scraping. WriteStaleMarkers waits, like Prometheus's endOfRunStaleness, until just
    // over two intervals have passed and then stamps stale markers for every series of the
    // target (report series included) at the time the next scrape would have been; a
    // recreated loop for the same target overwrites nothing, since older samples are ignored.
    // finished() is emitted when the loop is done (at once for Immediately).
    void stop(StopMode mode = StopMode::WriteStaleMarkers);
    bool isRunning() const { return m_state == State::Running; }
    // A request in flight or a body being ingested.
    bool isScraping() const { return m_inFlight || m_ingest; }
    // A big body is being parsed on a worker or committed in slices (never true between
    // event-loop turns for a body ingested inline).
    bool isIngesting() const { return bool(m_ingest); }

    // The phase of the target's scrapes inside the interval, from a hash of its labels and
    // URL: stable across restarts, spread across targets (Prometheus's target.offset).
    static qint64 offsetMs(const ScrapeTarget &target);
    // The first scrape time after nowMs for that phase.
    static qint64 firstScrapeMs(const ScrapeTarget &target, qint64 nowMs);
    qint64 nextScrapeMs() const { return m_nextScrapeMs; }

    TargetHealth health() const { return m_last.health; }
    QString lastError() const { return m_last.error; }
    qint64 lastScrapeMs() const { return m_last.startMs; } // 0 before the first scrape
    qint64 lastScrapeDurationMs() const { return m_last.durationMs; }
    const ScrapeResult &lastResult() const { return m_last; }
    // While a worker parses a body, these answer as of the previous scrape.
    qsizetype cachedSeries() const { return m_cacheLent ? m_cachedSeriesShown : m_cache->size(); }
    // The target's metadata by metric family (for /api/v1/metadata).
    const QHash<QByteArray, ScrapeCache::Metadata> &metadata() const {
        return m_cacheLent ? m_metadataShown : m_cache->metadata();
    }

    // The request headers Prometheus 2.42 sends.
    static QByteArray acceptHeader();
    static QByteArray userAgent();

Q_SIGNALS:
    void scrapeStarted(const ppl::ScrapeTarget &target, qint64 startMs);
    void scrapeFinished(const ppl::ScrapeTarget &target, const ppl::ScrapeResult &result);
    void healthChanged(ppl::TargetHealth health);
    void finished();

private:
    enum class State { Idle, Running, Stopping, Done };
    struct Ingest;

    void tick();
    void beginScrape();
    void beginRedirectedScrape();
    void abortRequest();
    void onHttpFinished(const ppl::ScrapeHttpResponse &response);
    void onReplyFinished();
    void onTimeout();
    // The request is over (answered, failed or timed out): stops its timeout; a result for it.
    ScrapeResult endRequest();
    QList<QPair<QByteArray, QByteArray>> requestHeaders() const;
    // An HTTP answer from either client: status 200 or Prometheus's error.
    void finishResponse(ScrapeResult result, int status, const QByteArray &reason,
                        const QByteArray &contentType, const QByteArray &contentEncoding,
                        const QByteArray &body);
    // A failed scrape (result.error set): an empty one, which writes the stale markers.
    void finishScrape(ScrapeResult result) { ingest(std::move(result), {}, false); }
    static QString httpStatusError(int status, QByteArray reason);
    QString socketErrorText(QAbstractSocket::SocketError error, const QString &text) const;
    // Parses the body (inline or on a worker, by its size), then commits it.
    void ingest(ScrapeResult result, QByteArray body, bool gzipped);
    void onIngestParsed(const std::shared_ptr<Ingest> &job);
    void continueIngest(); // the next slice of new series, or the commit
    // Creates the store series of the body's new series, in slices when sliced; then commits.
    void resolveNewSeries(const std::shared_ptr<Ingest> &job, bool sliced);
    // Appends the batch, stale markers and report: the scrape ends here.
    void commit(const std::shared_ptr<Ingest> &job);
    // Forgets an ingest that must not reach the store (stopped at once, destroyed).
    void dropIngest();
    void writeStaleness(qint64 timestampMs);
    void complete(ScrapeResult result);
    void endOfRunStaleness(qint64 staleMs);

    ScrapeTarget m_target;
    std::shared_ptr<const ScrapeTarget> m_sharedTarget; // the same, for ingest workers
    QPointer<Clock> m_clock;
    SeriesStore *m_store;
    QNetworkAccessManager *m_network;
    ScrapeReport m_report;
    // Lent to a worker while it parses (m_cacheLent): then the accessors answer from copies.
    std::shared_ptr<ScrapeCache> m_cache;
    bool m_cacheLent = false;
    qsizetype m_cachedSeriesShown = 0;
    QHash<QByteArray, ScrapeCache::Metadata> m_metadataShown;
    QByteArray m_requestAuth;
    QUrl m_url;
    ScrapeHttpClient *m_http; // child

    State m_state = State::Idle;
    Clock::TimerId m_tickTimer = 0;
    Clock::TimerId m_timeoutTimer = 0;
    Clock::TimerId m_staleTimer = 0;
    qint64 m_nextScrapeMs = 0;
    qint64 m_scrapeStartMs = 0;
    bool m_tickPending = false;
    bool m_inFlight = false;
    QNetworkReply *m_reply = nullptr; // only while following a redirect
    ScrapeResult m_last;

    std::shared_ptr<Ingest> m_ingest;         // the body being ingested, if any
    bool m_ioHeld = false;                    // the request counts as the clock's in-flight I/O
    QTimer m_ingestTimer;                     // a zero timer: the ingest's next turn
    std::optional<qint64> m_staleAfterIngest; // end-of-run staleness waiting for the ingest
};

} // namespace ppl
