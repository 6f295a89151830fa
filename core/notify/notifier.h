#pragma once

#include "rules/alert.h"
#include "scrape/scrapeconfig.h"
#include "storage/labels.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QUrl>

#include <deque>
#include <map>
#include <memory>

class QNetworkAccessManager;

namespace ppl::notify {

// notifier.Manager of Prometheus 2.42: takes the alerts the rule manager hands over
// (rules.SendAlerts), attaches the external labels (without overriding the alert's own),
// applies alerting.alert_relabel_configs and queues them (capacity 10000, the oldest dropped
// when full); one batch of at most 64 is in flight at a time, POSTed to every configured
// Alertmanager at once ({scheme}://{target}{path_prefix}/api/{v1|v2}/alerts) with the set's
// timeout. A batch no Alertmanager accepted (2xx) counts as dropped, as does every batch when
// none is configured. Nothing blocks: the HTTP requests are asynchronous.
// Thread affinity: the thread it was created in (the rule manager's).
class Notifier : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultQueueCapacity = 10000; // --alertmanager.notification-queue-capacity
    static constexpr int MaxBatchSize = 64;

    // network may be null: the notifier then has its own (without proxy).
    explicit Notifier(QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~Notifier() override;

    void setQueueCapacity(int capacity) { m_capacity = qMax(1, capacity); }
    int queueCapacity() const { return m_capacity; }
    // Notifier.ApplyConfig: the Alertmanagers (static_configs targets after their
    // relabel_configs), the alert relabelling and the external labels.
    void applyConfig(const AlertingConfig &config, const Labels &externalLabels);

    // Notifier.Send.
    void send(const QList<ppl::rules::OutgoingAlert> &alerts);

    QList<QUrl> alertmanagers() const;
    QList<QUrl> droppedAlertmanagers() const;
    int queueLength() const { return int(m_queue.size()); }
    bool busy() const { return m_inFlight > 0; }
    int inFlightAlerts() const { return m_inFlight > 0 ? m_batchSize : 0; }
    double droppedTotal() const { return m_dropped; }
    double sentTotal(const QUrl &alertmanager) const;
    double errorsTotal(const QUrl &alertmanager) const;
    // Per Alertmanager URL ever configured (as the Go counters, kept after a reload), sorted
    // by URL: what prometheus_notifications_{sent,errors}_total and _latency_seconds show.
    struct UrlStats {
        QString url;
        double sent = 0;
        double errors = 0;
        quint64 latencyCount = 0; // 0: no latency observed yet (no summary child)
        double latencySum = 0;
        double latencyQuantiles[3] = {0, 0, 0}; // 0.5, 0.9, 0.99 over the last 10 minutes
    };
    QList<UrlStats> urlStats() const;

Q_SIGNALS:
    // One POST finished: error is empty on a 2xx answer, else what went wrong.
    void alertsPosted(const QUrl &alertmanager, int alerts, const QString &error);
    // The queue is empty and nothing is in flight.
    void drained();

private:
    struct AlertmanagerSet {
        AlertmanagerConfig config;
        QList<QUrl> urls;
        QList<QUrl> dropped;
    };
    struct PerUrl {
        double sent = 0;
        double errors = 0;
        std::deque<std::pair<qint64, double>> latencies; // (monotonic ms, seconds), ≤ 10 min
        double latencySum = 0;
        quint64 latencyCount = 0;
    };

    void scheduleDispatch();
    void dispatch();
    void finishPost(const QUrl &url, int count, const QString &error, qint64 startedMs);

    QNetworkAccessManager *m_network;
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    int m_capacity = DefaultQueueCapacity;
    Labels m_externalLabels;
    QList<RelabelRule> m_alertRelabel;
    QList<AlertmanagerSet> m_sets;
    std::deque<rules::OutgoingAlert> m_queue;
    bool m_dispatchScheduled = false;
    int m_inFlight = 0;   // POSTs of the current batch still running
    int m_succeeded = 0;  // of the current batch
    int m_batchSize = 0;  // of the current batch
    double m_dropped = 0; // prometheus_notifications_dropped_total
    std::map<QString, PerUrl> m_perUrl;
    QElapsedTimer m_monotonic;
};

} // namespace ppl::notify
