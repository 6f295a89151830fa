#include "notifier.h"

#include "alertpayload.h"
#include "scrape/relabeler.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace ppl::notify {

namespace {

constexpr qint64 SummaryMaxAgeMs = 10 * 60 * 1000; // the Go summary's default MaxAge

// postPath: path.Join("/", prefix, "/api/<version>/alerts").
QByteArray postPath(const QByteArray &prefix, const QByteArray &version) {
    QList<QByteArray> parts;
    for (const QByteArray &p : (prefix + "/api/" + version + "/alerts").split('/')) {
        if (p.isEmpty() || p == ".")
            continue;
        if (p == "..") {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts << p;
    }
    return '/' + parts.join('/');
}

} // namespace

Notifier::Notifier(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network) {
    if (!m_network) {
        m_ownNetwork = std::make_unique<QNetworkAccessManager>();
        m_ownNetwork->setProxy(QNetworkProxy::NoProxy);
        m_network = m_ownNetwork.get();
    }
    m_monotonic.start();
    qRegisterMetaType<ppl::rules::OutgoingAlert>();
}

Notifier::~Notifier() = default;

void Notifier::applyConfig(const AlertingConfig &config, const Labels &externalLabels) {
    m_externalLabels = externalLabels;
    m_alertRelabel = config.alertRelabelConfigs;
    QList<AlertmanagerSet> sets;
    for (const AlertmanagerConfig &c : config.alertmanagers) {
        AlertmanagerSet set;
        set.config = c;
        const QByteArray path = postPath(c.pathPrefix, c.apiVersion);
        QSet<QString> seen;
        for (const StaticTargetGroup &group : c.staticConfigs) {
            for (const QByteArray &target : group.targets) {
                // AlertmanagerFromGroup: the target, the set's scheme and path, the group's
                // labels, then relabel_configs; a dropped one is listed as dropped.
                Labels::Builder b;
                for (auto it = group.labels.cbegin(); it != group.labels.cend(); ++it)
                    b.set(it.key(), it.value());
                b.set("__address__", target);
                b.set("__scheme__", c.scheme);
                b.set("__alerts_path__", path);
                const Labels before = b.build();
                const std::optional<Labels> after = relabel(before, c.relabelConfigs);
                const Labels &l = after ? *after : before;
                QUrl url;
                url.setScheme(QString::fromUtf8(l.value("__scheme__")));
                url.setAuthority(QString::fromUtf8(l.value("__address__")));
                url.setPath(QString::fromUtf8(l.value("__alerts_path__")));
                if (!after) {
                    set.dropped << url;
                    continue;
                }
                if (l.value("__address__").contains('/') || !url.isValid())
                    continue; // CheckTargetAddress: the set's discovery fails for it
                if (seen.contains(url.toString()))
                    continue;
                seen.insert(url.toString());
                set.urls << url;
                m_perUrl[url.toString()]; // the counters start at 0, as sync() makes them
            }
        }
        sets << set;
    }
    m_sets = sets;
}

QList<QUrl> Notifier::alertmanagers() const {
    QList<QUrl> out;
    for (const AlertmanagerSet &s : m_sets)
        out << s.urls;
    return out;
}

QList<QUrl> Notifier::droppedAlertmanagers() const {
    QList<QUrl> out;
    for (const AlertmanagerSet &s : m_sets)
        out << s.dropped;
    return out;
}

double Notifier::sentTotal(const QUrl &alertmanager) const {
    const auto it = m_perUrl.find(alertmanager.toString());
    return it == m_perUrl.end() ? 0 : it->second.sent;
}

double Notifier::errorsTotal(const QUrl &alertmanager) const {
    const auto it = m_perUrl.find(alertmanager.toString());
    return it == m_perUrl.end() ? 0 : it->second.errors;
}

void Notifier::send(const QList<rules::OutgoingAlert> &alerts) {
    QList<rules::OutgoingAlert> incoming;
    incoming.reserve(alerts.size());
    for (rules::OutgoingAlert a : alerts) {
        // External labels first, then alert_relabel_configs; a dropped alert is not queued.
        if (!m_externalLabels.isEmpty()) {
            Labels::Builder b(a.labels);
            for (int i = 0; i < m_externalLabels.size(); ++i)
                if (a.labels.value(m_externalLabels.nameView(i)).isEmpty())
                    b.set(m_externalLabels.nameView(i), m_externalLabels.valueView(i));
            a.labels = b.build();
        }
        if (!m_alertRelabel.isEmpty()) {
            std::optional<Labels> kept = relabel(a.labels, m_alertRelabel);
            if (!kept)
                continue;
            a.labels = std::move(*kept);
        }
        incoming.append(std::move(a));
    }
    if (incoming.isEmpty())
        return;
    // A batch larger than the queue loses its oldest alerts; a full queue loses its oldest.
    if (const qsizetype d = incoming.size() - m_capacity; d > 0) {
        incoming.remove(0, d);
        m_dropped += double(d);
    }
    if (const qsizetype d = qsizetype(m_queue.size()) + incoming.size() - m_capacity; d > 0) {
        m_queue.erase(m_queue.begin(), m_queue.begin() + d);
        m_dropped += double(d);
    }
    for (rules::OutgoingAlert &a : incoming)
        m_queue.push_back(std::move(a));
    scheduleDispatch();
}

void Notifier::scheduleDispatch() {
    // The run loop's "more" signal: several sends before it runs make one wake-up.
    if (m_dispatchScheduled || m_inFlight > 0)
        return;
    m_dispatchScheduled = true;
    QMetaObject::invokeMethod(this, &Notifier::dispatch, Qt::QueuedConnection);
}

void Notifier::dispatch() {
    m_dispatchScheduled = false;
    while (!m_queue.empty() && m_inFlight == 0) {
        const qsizetype n = std::min<qsizetype>(qsizetype(m_queue.size()), MaxBatchSize);
        QList<rules::OutgoingAlert> batch(m_queue.begin(), m_queue.begin() + n);
        m_queue.erase(m_queue.begin(), m_queue.begin() + n);
        m_batchSize = int(n);
        m_succeeded = 0;
        QByteArray v1, v2;
        const qint64 started = m_monotonic.elapsed();
        for (const AlertmanagerSet &set : std::as_const(m_sets)) {
            QByteArray &payload = set.config.apiVersion == "v1" ? v1 : v2;
            if (payload.isEmpty())
                payload =
                    set.config.apiVersion == "v1" ? alertsPayloadV1(batch) : alertsPayloadV2(batch);
            for (const QUrl &url : set.urls) {
                QNetworkRequest request(url);
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArrayLiteral("application/json"));
                request.setHeader(QNetworkRequest::UserAgentHeader,
                                  QByteArrayLiteral("Prometheus/2.42.0"));
                QNetworkReply *reply = m_network->post(request, payload);
                ++m_inFlight;
                // The set's timeout bounds the whole request (a context deadline), not
                // only silence on the wire.
                auto *deadline = new QTimer(reply);
                deadline->setSingleShot(true);
                QPointer<QNetworkReply> guarded(reply);
                connect(deadline, &QTimer::timeout, reply, [guarded] {
                    if (guarded)
                        guarded->abort();
                });
                deadline->start(int(set.config.timeoutMs));
                const int count = int(n);
                connect(
                    reply, &QNetworkReply::finished, this,
                    [this, reply, url, count, started, deadline] {
                        QString error;
                        const int status =
                            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                        if (status != 0 && status / 100 != 2) {
                            error =
                                tr("bad response status %1 %2")
                                    .arg(status)
                                    .arg(QString::fromUtf8(
                                        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                            .toByteArray()));
                        } else if (reply->error() != QNetworkReply::NoError) {
                            error = reply->error() == QNetworkReply::OperationCanceledError &&
                                            !deadline->isActive()
                                        ? tr("context deadline exceeded")
                                        : reply->errorString();
                        }
                        deadline->stop();
                        reply->deleteLater();
                        finishPost(url, count, error, started);
                    });
            }
        }
        if (m_inFlight == 0) {
            // No Alertmanager: sendAll reports no success, so the batch is dropped.
            m_dropped += double(n);
        }
    }
    if (m_queue.empty() && m_inFlight == 0)
        Q_EMIT drained();
}

void Notifier::finishPost(const QUrl &url, int count, const QString &error, qint64 startedMs) {
    PerUrl &u = m_perUrl[url.toString()];
    if (error.isEmpty())
        ++m_succeeded;
    else
        ++u.errors;
    // sendAll counts the alerts as sent whether or not the POST succeeded.
    u.sent += count;
    const qint64 now = m_monotonic.elapsed();
    const double seconds = double(now - startedMs) / 1000.0;
    u.latencies.emplace_back(now, seconds);
    u.latencySum += seconds;
    ++u.latencyCount;
    while (!u.latencies.empty() && u.latencies.front().first < now - SummaryMaxAgeMs)
        u.latencies.pop_front();
    while (u.latencies.size() > 10000)
        u.latencies.pop_front();
    Q_EMIT alertsPosted(url, count, error);
    if (--m_inFlight > 0)
        return;
    if (m_succeeded == 0)
        m_dropped += double(m_batchSize);
    if (!m_queue.empty())
        scheduleDispatch();
    else
        Q_EMIT drained();
}

QList<Notifier::UrlStats> Notifier::urlStats() const {
    QList<UrlStats> out;
    const qint64 now = m_monotonic.elapsed();
    for (const auto &[url, u] : m_perUrl) {
        UrlStats s;
        s.url = url;
        s.sent = u.sent;
        s.errors = u.errors;
        s.latencyCount = u.latencyCount;
        s.latencySum = u.latencySum;
        std::vector<double> recent;
        for (const auto &[at, v] : u.latencies)
            if (at >= now - SummaryMaxAgeMs)
                recent.push_back(v);
        std::sort(recent.begin(), recent.end());
        const double qs[3] = {0.5, 0.9, 0.99};
        for (int i = 0; i < 3; ++i) {
            // The q-quantile as the sample of rank ⌈q·n⌉ (NaN without samples, as Go's).
            const size_t rank = size_t(std::ceil(qs[i] * double(recent.size())));
            s.latencyQuantiles[i] = recent.empty()
                                        ? std::nan("")
                                        : recent[std::clamp<size_t>(rank, 1, recent.size()) - 1];
        }
        out << s;
    }
    return out;
}

} // namespace ppl::notify
