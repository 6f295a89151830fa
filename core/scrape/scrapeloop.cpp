#include "scrapeloop.h"

#include "exposition/openmetricsparser.h"
#include "exposition/protobufparser.h"
#include "exposition/textparser.h"
#include "relabeler.h"
#include "scrapehttpclient.h"
#include "scrapelabels.h"
#include "storage/seriesstore.h"
#include "util/gzip.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <type_traits>

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

} // namespace

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
    , m_clock(clock)
    , m_store(store)
    , m_network(network)
    , m_report(store, m_target.labels)
    , m_limits(m_target.limits)
    , m_url(m_target.url)
    , m_http(new ScrapeHttpClient(this)) {
    connect(m_http, &ScrapeHttpClient::finished, this, &ScrapeLoop::onHttpFinished);
    m_http->setBodyLimit(m_limits.readLimit()); // past it the scrape has failed anyway
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
    if (m_clock) {
        m_clock->cancel(m_tickTimer);
        m_clock->cancel(m_timeoutTimer);
        m_clock->cancel(m_staleTimer);
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
    if (m_inFlight) {
        // Still scraping (timeout == interval): like Go's buffered ticker, scrape right after.
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
        finishScrape(std::move(result), {});
        return;
    }
    m_timeoutTimer =
        m_clock->callAt(m_scrapeStartMs + m_target.timeoutMs, this, [this] { onTimeout(); });
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
    finishScrape(std::move(result), {});
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
        finishScrape(std::move(result), {});
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
        finishScrape(std::move(result), {});
        return;
    }
    result.format = scrapeFormatOf(contentType);
    // Gunzip before result is moved: a corrupt body must fail the scrape.
    QByteArray plain =
        contentEncoding.trimmed().toLower() == "gzip" ? gunzipped(body, &result) : body;
    finishScrape(std::move(result), std::move(plain));
}

QString ScrapeLoop::httpStatusError(int status, QByteArray reason) {
    // Prometheus accepts exactly 200, and words the error with Go's resp.Status.
    if (reason.isEmpty())
        reason = standardReason(status);
    return QStringLiteral("server returned HTTP status %1 %2")
        .arg(status)
        .arg(QString::fromUtf8(reason));
}

QByteArray ScrapeLoop::gunzipped(const QByteArray &body, ScrapeResult *result) {
    if (!result->error.isEmpty())
        return {};
    QString gzError;
    if (auto plain = gunzip(body, &gzError))
        return std::move(*plain);
    result->error = gzError;
    return {};
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
    finishScrape(std::move(result), {});
}

void ScrapeLoop::finishScrape(ScrapeResult result, QByteArray body) {
    if (result.error.isEmpty())
        result.error = m_limits.checkBodySize(body.size()); // body_size_limit, uncompressed
    if (!result.error.isEmpty()) {
        body.clear();
        result.format = ScrapeFormat::None; // Prometheus then appends an empty classic body
    }
    result.bytes = body.size();

    QString appendError = parseAndAppend(body, m_scrapeStartMs, result);
    if (appendError.isEmpty()) {
        commitBatch(result);
        writeStaleness(m_scrapeStartMs);
        m_cache.iterDone(!body.isEmpty());
    } else {
        // As Prometheus: roll back, then append an empty scrape to write the stale markers.
        m_batch.clear();
        result.error = appendError;
        writeStaleness(m_scrapeStartMs);
        m_cache.iterDone(false);
    }
    result.health = result.error.isEmpty() ? TargetHealth::Up : TargetHealth::Down;
    result.durationMs = m_clock->nowMs() - m_scrapeStartMs;
    complete(std::move(result));
}

QString ScrapeLoop::parseAndAppend(const QByteArray &body, qint64 startMs, ScrapeResult &result) {
    std::vector<QByteArray> replaced; // a body may repeat these: the target's value wins
    if (!m_target.honorLabels) {
        for (int i = 0; i < m_target.labels.size(); ++i)
            replaced.push_back(m_target.labels.name(i));
    }
    // The parser textparse.New picks from the Content-Type. An empty OpenMetrics body is
    // an error (no # EOF); an empty classic one an empty scrape.
    if (result.format == ScrapeFormat::OpenMetricsText0_0_1 ||
        result.format == ScrapeFormat::OpenMetricsText1_0_0) {
        OpenMetricsParser parser(body);
        parser.setReplacedLabelNames(std::move(replaced));
        return appendBody(parser, startMs, result);
    }
    if (result.format == ScrapeFormat::PrometheusProto) {
        ProtobufParser parser(body);
        parser.setReplacedLabelNames(std::move(replaced));
        return appendBody(parser, startMs, result);
    }
    if (body.isEmpty())
        return {};
    TextParser parser(body, TextParser::Dialect::PromParse); // what Prometheus 2.42 reads
    parser.setReplacedLabelNames(std::move(replaced));
    return appendBody(parser, startMs, result);
}

namespace {
// The sample the parser just read, as a label set with "__name__" first.
template <class Parser> LabelPairs scrapedPairs(const Parser &parser) {
    LabelPairs pairs;
    pairs.reserve(size_t(parser.labelCount()) + 1);
    pairs.emplace_back(QByteArrayLiteral("__name__"), parser.name().toByteArray());
    for (int i = 0; i < parser.labelCount(); ++i)
        pairs.emplace_back(parser.labelName(i).toByteArray(), parser.labelValue(i).toByteArray());
    return pairs;
}
} // namespace

template <class Parser>
QString ScrapeLoop::appendBody(Parser &parser, qint64 startMs, ScrapeResult &result) {
    m_batch.clear();
    m_limits.begin();
    bool overSampleLimit = false; // 2.42 parses on to count every sample, then fails
    const bool honorTimestamps = m_target.honorTimestamps;
    QString error;
    while (true) {
        const typename Parser::Entry entry = parser.next();
        if (entry == Parser::Entry::End)
            break;
        if (entry == Parser::Entry::Error) {
            if (parser.error().kind == ParseError::Kind::Consistency)
                ++result.samplesScraped; // a whole sample with a bad label set, as Prometheus
            error = parser.error().invalidLabelSet
                        ? invalidLabelSetError(scrapedPairs(parser), m_target.labels,
                                               m_target.honorLabels)
                        : parser.error().message; // already in 2.42's words
            break;
        }
        if (entry == Parser::Entry::Help) {
            m_cache.setHelp(parser.name(), parser.help());
            continue;
        }
        if (entry == Parser::Entry::Type) {
            if constexpr (std::is_same_v<Parser, TextParser>) {
                // promparse reads "untyped" as textparse's MetricTypeUnknown.
                const MetricType type = parser.type();
                m_cache.setType(parser.name(), type == MetricType::Untyped
                                                   ? QByteArrayLiteral("unknown")
                                                   : metricTypeName(type));
            } else if constexpr (std::is_same_v<Parser, ProtobufParser>) {
                m_cache.setType(parser.name(), parser.typeName());
            } else {
                m_cache.setType(parser.name(), openMetricsTypeName(parser.type()));
            }
            continue;
        }
        if constexpr (!std::is_same_v<Parser, TextParser>) {
            if (entry == Parser::Entry::Unit) {
                m_cache.setUnit(parser.name(), parser.unit());
                continue;
            }
        }
        if (entry != Parser::Entry::Sample)
            continue;
        ++result.samplesScraped;

        const QByteArrayView name = parser.name();
        const int labelCount = parser.labelCount();
        m_key.resize(0);
        m_key.append(name);
        for (int i = 0; i < labelCount; ++i) {
            m_key.append('\xff');
            m_key.append(parser.labelName(i));
            m_key.append('\xfe');
            m_key.append(parser.labelValue(i));
        }
        qint64 t = startMs;
        bool ownTimestamp = false;
        if (honorTimestamps) {
            if (const auto ts = parser.timestampMs()) {
                t = *ts;
                ownTimestamp = true;
            }
        }
        if (m_cache.isDropped(m_key))
            continue;

        SeriesStore::SeriesId id;
        bool newSeries = false;
        if (const ScrapeCache::Entry *cached = m_cache.get(m_key)) {
            id = cached->id;
        } else {
            Labels labels =
                mergeTargetLabels(scrapedPairs(parser), m_target.labels, m_target.honorLabels);
            if (!m_target.metricRelabelConfigs.isEmpty()) {
                std::optional<Labels> relabelled = relabel(labels, m_target.metricRelabelConfigs);
                if (!relabelled || relabelled->isEmpty()) {
                    m_cache.addDropped(m_key);
                    continue;
                }
                labels = std::move(*relabelled);
            }
            if (!labels.has("__name__")) {
                error = QStringLiteral("missing metric name (__name__ label)"); // 2.42 wording
                break;
            }
            if (error = m_limits.checkLabels(labels); !error.isEmpty())
                break;
            id = m_store->seriesFor(labels);
            m_cache.add(m_key, id);
            newSeries = true;
        }
        if (!m_limits.countSample(parser.value()))
            overSampleLimit = true;
        else if (newSeries && !overSampleLimit)
            ++result.seriesAdded;
        m_batch.push_back(PendingSample{id, t, parser.value()});
        if (!ownTimestamp)
            m_cache.markSeen(id); // a sample with its own timestamp never goes stale
        ++result.samplesPostMetricRelabeling;
    }
    if (overSampleLimit && error.isEmpty()) {
        error = ScrapeLimitChecker::sampleLimitError();
        result.sampleLimitExceeded = true;
    }
    return error;
}

void ScrapeLoop::commitBatch(ScrapeResult &result) {
    for (const PendingSample &s : m_batch) {
        // 2.42 drops such a sample and counts it (..._sample_duplicate_timestamp_total).
        if (m_store->tryAppend(s.id, s.timestampMs, s.value) ==
            SeriesStore::AppendResult::DuplicateTimestamp)
            ++result.duplicateTimestamps;
    }
    m_batch.clear();
}

void ScrapeLoop::writeStaleness(qint64 timestampMs) {
    const double stale = staleMarker();
    m_cache.forEachStale([this, timestampMs, stale](SeriesStore::SeriesId id) {
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
        m_state = State::Done;
        QMetaObject::invokeMethod(this, &ScrapeLoop::finished, Qt::QueuedConnection);
        return;
    }
    // Wait for when the next scrape would have been (the markers' timestamp), one more
    // interval in case the target comes back, and 10 % more, as Prometheus does.
    const qint64 interval = std::max<qint64>(1, m_target.intervalMs);
    const qint64 staleMs = m_nextScrapeMs;
    m_staleTimer = m_clock->callAt(staleMs + interval + interval / 10, this,
                                   [this, staleMs] { endOfRunStaleness(staleMs); });
}

void ScrapeLoop::endOfRunStaleness(qint64 staleMs) {
    m_staleTimer = 0;
    writeStaleness(staleMs); // an empty scrape: everything of the previous one goes stale
    m_cache.iterDone(false);
    m_report.appendStale(staleMs);
    m_state = State::Done;
    Q_EMIT finished();
}

} // namespace ppl
