#include "scrapeloop.h"

#include "scrapehttpclient.h"
#include "storage/seriesstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThreadPool>
#include <QUrl>

#include <mutex>

namespace ppl {

namespace {

quint64 fnv1a64(QByteArrayView data, quint64 h = 14695981039346656037ULL) {
    for (char c : data) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return h;
}

// Go's strconv.FormatFloat(seconds, 'f', -1, 64) for the timeout header: "10", "0.5".
QByteArray formatSeconds(qint64 ms) {
    return QByteArray::number(double(ms) / 1000.0, 'f', QLocale::FloatingPointShortest);
}

QByteArray standardReason(int status) {
    switch (status) {
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return {};
    }
}

// A slice of new-series creation on the lab's thread: as EvaluationQueue's rule slices.
constexpr qint64 ResolveSliceMs = 10;

} // namespace

// One body on its way to the store. The worker reports back through receiver, which the
// loop clears (under the mutex) before it forgets the job or dies; a report already posted
// dies with the loop (Qt drops a deleted object's posted events) or is ignored as stale.
struct ScrapeLoop::Ingest {
    Ingest(std::shared_ptr<const ScrapeTarget> target, std::shared_ptr<ScrapeCache> cache,
           ScrapeResult result, QByteArray body, bool gzipped)
        : work(std::move(target), std::move(cache), std::move(result), std::move(body), gzipped) {}
    ScrapeIngest work;
    std::vector<SeriesStore::SeriesId> newIds; // of work.newSeries, as created
    std::mutex mutex;
    ScrapeLoop *receiver = nullptr;
};

QByteArray ScrapeLoop::acceptHeader() {
    return QByteArrayLiteral(
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
        "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
}

QByteArray ScrapeLoop::userAgent() {
    return QByteArrayLiteral("Prometheus/2.42.0");
}

ScrapeLoop::ScrapeLoop(ScrapeTarget target, Clock *clock, SeriesStore *store,
                       QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_sharedTarget(std::make_shared<const ScrapeTarget>(m_target))
    , m_clock(clock)
    , m_store(store)
    , m_network(network)
    , m_report(store, m_target.labels)
    , m_cache(std::make_shared<ScrapeCache>())
    , m_url(m_target.url)
    , m_http(new ScrapeHttpClient(this)) {
    connect(m_http, &ScrapeHttpClient::finished, this, &ScrapeLoop::onHttpFinished);
    // A zero timer, not queued calls: Qt delivers calls posted during event delivery in the
    // same pass, so those would not let timers and sockets in between slices.
    m_ingestTimer.setSingleShot(true);
    m_ingestTimer.setInterval(0);
    connect(&m_ingestTimer, &QTimer::timeout, this, &ScrapeLoop::continueIngest);
    // Past body_size_limit the scrape has failed anyway.
    m_http->setBodyLimit(ScrapeLimitChecker(m_target.limits).readLimit());
    if (m_target.basicAuth) {
        QByteArray password = m_target.basicAuth->password;
        if (!m_target.basicAuth->passwordFile.isEmpty()) {
            QFile f(m_target.basicAuth->passwordFile);
            if (f.open(QIODevice::ReadOnly))
                password = f.readAll().trimmed(); // Prometheus trims the file's whitespace
        }
        m_requestAuth = "Basic " + (m_target.basicAuth->username + ':' + password).toBase64();
    }
}

ScrapeLoop::~ScrapeLoop() {
    dropIngest();
    if (m_clock) {
        m_clock->cancel(m_tickTimer);
        m_clock->cancel(m_timeoutTimer);
        m_clock->cancel(m_staleTimer);
        if (m_ioHeld)
            m_clock->endIo();
    }
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

qint64 ScrapeLoop::offsetMs(const ScrapeTarget &target) {
    const qint64 interval = std::max<qint64>(1, target.intervalMs);
    const size_t labelsHash = target.labels.hash();
    const quint64 h = fnv1a64(
        target.url.toUtf8(),
        fnv1a64(QByteArrayView(reinterpret_cast<const char *>(&labelsHash), sizeof(labelsHash))));
    return qint64(h % quint64(interval));
}

qint64 ScrapeLoop::firstScrapeMs(const ScrapeTarget &target, qint64 nowMs) {
    const qint64 interval = std::max<qint64>(1, target.intervalMs);
    qint64 first = nowMs - nowMs % interval + offsetMs(target);
    if (first <= nowMs)
        first += interval;
    return first;
}

void ScrapeLoop::start() {
    if (m_state != State::Idle || !m_clock)
        return;
    m_state = State::Running;
    m_nextScrapeMs = firstScrapeMs(m_target, m_clock->nowMs());
    m_tickTimer = m_clock->callAt(m_nextScrapeMs, this, [this] { tick(); });
}

void ScrapeLoop::tick() {
    m_tickTimer = 0;
    if (m_state != State::Running)
        return;
    // Scrapes stay on the phase grid; the next is scheduled before this one starts.
    m_nextScrapeMs += std::max<qint64>(1, m_target.intervalMs);
    m_tickTimer = m_clock->callAt(m_nextScrapeMs, this, [this] { tick(); });
    if (m_inFlight || m_ingest) {
        // Still scraping (timeout == interval) or appending: like Go's buffered ticker, scrape
        // right after.
        m_tickPending = true;
        return;
    }
    beginScrape();
}

void ScrapeLoop::beginScrape() {
    m_scrapeStartMs = m_clock->nowMs();
    m_inFlight = true;
    Q_EMIT scrapeStarted(m_target, m_scrapeStartMs);
    if (!m_target.forcedError.isEmpty()) {
        // 2.42's scrape pool over its target_limit: no request, a failed (empty) scrape.
        m_inFlight = false;
        ScrapeResult result;
        result.startMs = m_scrapeStartMs;
        result.error = m_target.forcedError;
        finishScrape(std::move(result));
        return;
    }
    m_timeoutTimer =
        m_clock->callAt(m_scrapeStartMs + m_target.timeoutMs, this, [this] { onTimeout(); });
    m_clock->beginIo(); // ended in endRequest(), or when the loop is destroyed mid-scrape
    m_ioHeld = true;
    m_http->get(m_url, requestHeaders());
}

QList<QPair<QByteArray, QByteArray>> ScrapeLoop::requestHeaders() const {
    QList<QPair<QByteArray, QByteArray>> headers = {
        {"User-Agent", userAgent()},
        {"Accept", acceptHeader()},
        {"Accept-Encoding", "gzip"},
        {"X-Prometheus-Scrape-Timeout-Seconds", formatSeconds(m_target.timeoutMs)}};
    if (!m_requestAuth.isEmpty())
        headers.append({"Authorization", m_requestAuth});
    return headers;
}

void ScrapeLoop::beginRedirectedScrape() {
    // Redirects are rare for /metrics; Qt's full client follows them as Go's does.
    QNetworkRequest request{m_url};
    for (const auto &[name, value] : requestHeaders())
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ScrapeLoop::onReplyFinished);
}

void ScrapeLoop::abortRequest() {
    m_http->abort();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    endRequest();
}

ScrapeResult ScrapeLoop::endRequest() {
    if (m_clock)
        m_clock->cancel(m_timeoutTimer);
    m_timeoutTimer = 0;
    m_inFlight = false;
    if (m_ioHeld) {
        m_ioHeld = false;
        m_clock->endIo();
    }
    ScrapeResult result;
    result.startMs = m_scrapeStartMs;
    return result;
}

void ScrapeLoop::onTimeout() {
    m_timeoutTimer = 0;
    if (!m_inFlight)
        return;
    abortRequest();
    ScrapeResult result = endRequest();
    result.error = QStringLiteral("Get \"%1\": context deadline exceeded").arg(m_target.url);
    finishScrape(std::move(result));
}

QString ScrapeLoop::socketErrorText(QAbstractSocket::SocketError error, const QString &text) const {
    // Go's net/http client wording, which Prometheus shows verbatim as lastError.
    QString host = m_url.host();
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    const QString hostPort =
        (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
        QLatin1Char(':') + QString::number(m_url.port(80));
    const QString prefix = QStringLiteral("Get \"%1\": ").arg(m_target.url);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return prefix + QStringLiteral("dial tcp %1: connect: connection refused").arg(hostPort);
    case QAbstractSocket::RemoteHostClosedError:
        return prefix + QStringLiteral("EOF");
    case QAbstractSocket::HostNotFoundError:
        return prefix + QStringLiteral("dial tcp: lookup %1: no such host").arg(m_url.host());
    case QAbstractSocket::SocketTimeoutError:
        return prefix + QStringLiteral("context deadline exceeded");
    default:
        return prefix + text;
    }
}

void ScrapeLoop::onHttpFinished(const ScrapeHttpResponse &response) {
    if (!m_inFlight || m_state != State::Running)
        return;
    const int status = response.status;
    if (!response.socketError && status >= 300 && status < 400 && status != 304 &&
        !response.location.isEmpty()) {
        beginRedirectedScrape(); // the timeout keeps running
        return;
    }
    ScrapeResult result = endRequest();
    if (response.socketError) {
        result.error = socketErrorText(*response.socketError, response.socketErrorText);
        finishScrape(std::move(result));
        return;
    }
    finishResponse(std::move(result), status, response.reason, response.contentType,
                   response.contentEncoding, response.body);
}

void ScrapeLoop::finishResponse(ScrapeResult result, int status, const QByteArray &reason,
                                const QByteArray &contentType, const QByteArray &contentEncoding,
                                const QByteArray &body) {
    result.httpStatus = status;
    if (status != 200) {
        result.error = httpStatusError(status, reason);
        finishScrape(std::move(result));
        return;
    }
    result.format = scrapeFormatOf(contentType);
    ingest(std::move(result), body, contentEncoding.trimmed().toLower() == "gzip");
}

QString ScrapeLoop::httpStatusError(int status, QByteArray reason) {
    // Prometheus accepts exactly 200, and words the error with Go's resp.Status.
    if (reason.isEmpty())
        reason = standardReason(status);
    return QStringLiteral("server returned HTTP status %1 %2")
        .arg(status)
        .arg(QString::fromUtf8(reason));
}

void ScrapeLoop::onReplyFinished() {
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (!m_inFlight || m_state != State::Running)
        return; // stopped while in flight: Prometheus discards a cancelled scrape
    ScrapeResult result = endRequest();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        finishResponse(std::move(result), status.toInt(),
                       reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
                       reply->rawHeader("Content-Type"), reply->rawHeader("Content-Encoding"),
                       reply->readAll());
        return;
    }
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        error = QAbstractSocket::ConnectionRefusedError;
        break;
    case QNetworkReply::RemoteHostClosedError:
        error = QAbstractSocket::RemoteHostClosedError;
        break;
    case QNetworkReply::HostNotFoundError:
        error = QAbstractSocket::HostNotFoundError;
        break;
    default:
        break;
    }
    result.error = socketErrorText(error, reply->errorString());
    finishScrape(std::move(result));
}

void ScrapeLoop::ingest(ScrapeResult result, QByteArray body, bool gzipped) {
    const bool inline_ = ScrapeIngest::runsInline(body.size(), gzipped);
    auto job = std::make_shared<Ingest>(m_sharedTarget, m_cache, std::move(result), std::move(body),
                                        gzipped);
    m_ingest = job;
    if (inline_) {
        job->work.run();
        resolveNewSeries(job, false);
        return;
    }
    // The worker alone touches the cache until it reports back.
    m_cachedSeriesShown = m_cache->size();
    m_metadataShown = m_cache->metadata(); // shared, not copied, until the worker writes
    m_cacheLent = true;
    job->receiver = this;
    QThreadPool::globalInstance()->start([job] {
        job->work.run();
        const std::lock_guard<std::mutex> lock(job->mutex);
        if (ScrapeLoop *loop = job->receiver)
            QMetaObject::invokeMethod(
                loop, [loop, job] { loop->onIngestParsed(job); }, Qt::QueuedConnection);
    });
}

void ScrapeLoop::onIngestParsed(const std::shared_ptr<Ingest> &job) {
    if (job != m_ingest)
        return; // dropped meanwhile
    m_cacheLent = false;
    m_metadataShown.clear();
    m_ingestTimer.start();
}

void ScrapeLoop::continueIngest() {
    m_ingestTimer.setInterval(0); // after a commit's retry
    if (!m_ingest)
        return;
    if (m_ingest->newIds.size() < m_ingest->work.newSeries.size())
        resolveNewSeries(m_ingest, true);
    else
        commit(m_ingest);
}

void ScrapeLoop::resolveNewSeries(const std::shared_ptr<Ingest> &job, bool sliced) {
    // Even a scrape that fails creates the series it read before the error, and caches them,
    // as Prometheus's head creates series on Append before the rollback.
    const std::vector<ScrapeIngest::NewSeries> &fresh = job->work.newSeries;
    QElapsedTimer slice;
    slice.start();
    while (job->newIds.size() < fresh.size()) {
        const ScrapeIngest::NewSeries &series = fresh[job->newIds.size()];
        const SeriesStore::SeriesId id = m_store->seriesFor(series.labels);
        m_cache->add(series.text, id);
        if (series.seen)
            m_cache->markSeen(id);
        job->newIds.push_back(id);
        if (sliced && job->newIds.size() % 256 == 0 && job->newIds.size() < fresh.size() &&
            slice.elapsed() >= ResolveSliceMs) {
            m_ingestTimer.start(); // the next slice
            return;
        }
    }
    if (sliced && !fresh.empty() && slice.elapsed() >= ResolveSliceMs / 2) {
        m_ingestTimer.start(); // the commit appends the whole batch: a turn of its own
        return;
    }
    commit(job);
}

void ScrapeLoop::commit(const std::shared_ptr<Ingest> &job) {
    // The samples, the stale markers and the report reach readers on other threads (rule
    // evaluations) together, as a Prometheus appender's Commit does under its isolation. While
    // a reader is in, the commit comes back on a later pass instead of holding the loop.
    const SeriesStore::WriteLock batch(*m_store, std::try_to_lock);
    if (!batch.ownsLock()) {
        m_ingestTimer.start(1); // asleep meanwhile: a spinning thread loses the scheduler's favour
        return;
    }
    ScrapeIngest &work = job->work;
    ScrapeResult result = std::move(work.result);
    if (work.appendError.isEmpty()) {
        for (const ScrapeIngest::Sample &s : work.samples) {
            const SeriesStore::SeriesId id =
                s.newIndex < 0 ? s.id : job->newIds[size_t(s.newIndex)];
            // 2.42 drops such a sample and counts it (..._sample_duplicate_timestamp_total).
            if (m_store->tryAppend(id, s.timestampMs, s.value) ==
                SeriesStore::AppendResult::DuplicateTimestamp)
                ++result.duplicateTimestamps;
        }
        writeStaleness(result.startMs);
        m_cache->iterDone(!work.bodyEmpty);
    } else {
        // As Prometheus: roll back, then append an empty scrape to write the stale markers.
        result.error = work.appendError;
        writeStaleness(result.startMs);
        m_cache->iterDone(false);
    }
    m_ingest.reset();
    result.health = result.error.isEmpty() ? TargetHealth::Up : TargetHealth::Down;
    result.durationMs = m_clock->nowMs() - result.startMs;
    complete(std::move(result));
    if (m_staleAfterIngest && !m_ingest) {
        const qint64 staleMs = *m_staleAfterIngest;
        m_staleAfterIngest.reset();
        endOfRunStaleness(staleMs);
    }
}

void ScrapeLoop::dropIngest() {
    if (!m_ingest)
        return;
    {
        const std::lock_guard<std::mutex> lock(m_ingest->mutex);
        m_ingest->receiver = nullptr;
    }
    m_ingest->work.cancel();
    m_ingest.reset();
    m_ingestTimer.stop();
    m_staleAfterIngest.reset();
    // m_cacheLent stays as it is: a worker may still be writing the cache, which this loop
    // no longer needs (it is stopped or dying).
}

void ScrapeLoop::writeStaleness(qint64 timestampMs) {
    const double stale = staleMarker();
    m_cache->forEachStale([this, timestampMs, stale](SeriesStore::SeriesId id) {
        m_store->append(id, timestampMs, stale);
    });
}

void ScrapeLoop::complete(ScrapeResult result) {
    m_report.append(result.startMs, result);
    const bool healthChanged = result.health != m_last.health;
    m_last = std::move(result);
    Q_EMIT scrapeFinished(m_target, m_last);
    if (healthChanged)
        Q_EMIT this->healthChanged(m_last.health);
    if (m_tickPending && m_state == State::Running) {
        m_tickPending = false;
        beginScrape();
    }
}

void ScrapeLoop::stop(StopMode mode) {
    if (m_state == State::Stopping || m_state == State::Done)
        return;
    const bool wasRunning = m_state == State::Running;
    m_state = State::Stopping;
    if (m_clock)
        m_clock->cancel(m_tickTimer);
    m_tickTimer = 0;
    m_tickPending = false;
    if (m_inFlight)
        abortRequest();
    if (mode == StopMode::Immediately || !wasRunning || m_last.startMs == 0 || !m_clock) {
        dropIngest(); // like a request in flight: Prometheus discards a cancelled scrape
        m_state = State::Done;
        QMetaObject::invokeMethod(this, &ScrapeLoop::finished, Qt::QueuedConnection);
        return;
    }
    // Wait for when the next scrape would have been (the markers' timestamp), one more
    // interval in case the target comes back, and 10 % more, as Prometheus does. A body
    // being ingested is committed meanwhile, as Go's loop finishes the append in progress.
    const qint64 interval = std::max<qint64>(1, m_target.intervalMs);
    const qint64 staleMs = m_nextScrapeMs;
    m_staleTimer = m_clock->callAt(staleMs + interval + interval / 10, this,
                                   [this, staleMs] { endOfRunStaleness(staleMs); });
}

void ScrapeLoop::endOfRunStaleness(qint64 staleMs) {
    m_staleTimer = 0;
    if (m_ingest) {
        m_staleAfterIngest = staleMs; // after the commit, which needs the cache as it is
        return;
    }
    writeStaleness(staleMs); // an empty scrape: everything of the previous one goes stale
    m_cache->iterDone(false);
    m_report.appendStale(staleMs);
    m_state = State::Done;
    Q_EMIT finished();
}

} // namespace ppl
