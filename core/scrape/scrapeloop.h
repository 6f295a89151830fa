#pragma once

#include "scrapecache.h"
#include "scrapeconfig.h"
#include "scrapehttpclient.h"
#include "scrapelimits.h"
#include "scrapereport.h"
#include "targethealth.h"
#include "util/clock.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
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
// stale. Thread affinity: the thread of the clock, store and network manager (the lab's).
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
    bool isScraping() const { return m_inFlight; }

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
    qsizetype cachedSeries() const { return m_cache.size(); }
    // The target's metadata by metric family (for /api/v1/metadata).
    const QHash<QByteArray, ScrapeCache::Metadata> &metadata() const { return m_cache.metadata(); }

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
    struct PendingSample {
        SeriesStore::SeriesId id;
        qint64 timestampMs;
        double value;
    };

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
    // An HTTP answer from either client: status 200 or Prometheus's error, then gunzip.
    void finishResponse(ScrapeResult result, int status, const QByteArray &reason,
                        const QByteArray &contentType, const QByteArray &contentEncoding,
                        const QByteArray &body);
    void finishScrape(ScrapeResult result, QByteArray body);
    static QString httpStatusError(int status, QByteArray reason);
    static QByteArray gunzipped(const QByteArray &body, ScrapeResult *result);
    QString socketErrorText(QAbstractSocket::SocketError error, const QString &text) const;
    // Parses body with the parser result.format calls for and queues its samples; returns the
    // parse error, if any.
    QString parseAndAppend(const QByteArray &body, qint64 startMs, ScrapeResult &result);
    template <class Parser>
    QString appendBody(Parser &parser, qint64 startMs, ScrapeResult &result);
    void commitBatch(ScrapeResult &result);
    void writeStaleness(qint64 timestampMs);
    void complete(ScrapeResult result);
    void endOfRunStaleness(qint64 staleMs);

    ScrapeTarget m_target;
    QPointer<Clock> m_clock;
    SeriesStore *m_store;
    QNetworkAccessManager *m_network;
    ScrapeReport m_report;
    ScrapeCache m_cache;
    ScrapeLimitChecker m_limits; // sample, body size and label limits of the scrape config
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

    QByteArray m_key;                   // reused buffer for the exposed series text
    std::vector<PendingSample> m_batch; // the scrape's samples, committed when it succeeds
};

} // namespace ppl
