#include "notifierjson.h"

#include "apiformat.h"
#include "notify/notifier.h"

namespace ppl::api {

QByteArray alertmanagersDataJson(const notify::Notifier *notifier) {
    auto list = [](const QList<QUrl> &urls) {
        QByteArray out = "[";
        for (qsizetype i = 0; i < urls.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"url\":" + jsonString(urls[i].toString().toUtf8()) + '}';
        }
        return out + ']';
    };
    const QList<QUrl> active = notifier ? notifier->alertmanagers() : QList<QUrl>();
    const QList<QUrl> dropped = notifier ? notifier->droppedAlertmanagers() : QList<QUrl>();
    return "{\"activeAlertmanagers\":" + list(active) +
           ",\"droppedAlertmanagers\":" + list(dropped) + '}';
}

QByteArray notifierMetricsText(const notify::Notifier *notifier) {
    if (!notifier)
        return {};
    QByteArray out;
    auto family = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    auto sample = [&out](const QByteArray &name, const QByteArray &labels, double value) {
        out += name;
        if (!labels.isEmpty())
            out += '{' + labels + '}';
        out += ' ' + formatSampleValue(value) + '\n';
    };
    const QList<notify::Notifier::UrlStats> stats = notifier->urlStats();
    auto am = [](const notify::Notifier::UrlStats &s) {
        return "alertmanager=" + jsonString(s.url.toUtf8());
    };
    family("prometheus_notifications_alertmanagers_discovered", "gauge",
           "The number of alertmanagers discovered and active.");
    sample("prometheus_notifications_alertmanagers_discovered", {},
           double(notifier->alertmanagers().size()));
    family("prometheus_notifications_dropped_total", "counter",
           "Total number of alerts dropped due to errors when sending to Alertmanager.");
    sample("prometheus_notifications_dropped_total", {}, notifier->droppedTotal());
    if (!stats.isEmpty()) {
        family("prometheus_notifications_errors_total", "counter",
               "Total number of errors sending alert notifications.");
        for (const auto &s : stats)
            sample("prometheus_notifications_errors_total", am(s), s.errors);
    }
    bool anyLatency = false;
    for (const auto &s : stats)
        anyLatency = anyLatency || s.latencyCount > 0;
    if (anyLatency) {
        family("prometheus_notifications_latency_seconds", "summary",
               "Latency quantiles for sending alert notifications.");
        const char *quantiles[3] = {"0.5", "0.9", "0.99"};
        for (const auto &s : stats) {
            if (s.latencyCount == 0)
                continue;
            for (int i = 0; i < 3; ++i)
                sample("prometheus_notifications_latency_seconds",
                       am(s) + ",quantile=\"" + quantiles[i] + '"', s.latencyQuantiles[i]);
            sample("prometheus_notifications_latency_seconds_sum", am(s), s.latencySum);
            sample("prometheus_notifications_latency_seconds_count", am(s), double(s.latencyCount));
        }
    }
    family("prometheus_notifications_queue_capacity", "gauge",
           "The capacity of the alert notifications queue.");
    sample("prometheus_notifications_queue_capacity", {}, double(notifier->queueCapacity()));
    family("prometheus_notifications_queue_length", "gauge",
           "The number of alert notifications in the queue.");
    sample("prometheus_notifications_queue_length", {}, double(notifier->queueLength()));
    if (!stats.isEmpty()) {
        family("prometheus_notifications_sent_total", "counter", "Total number of alerts sent.");
        for (const auto &s : stats)
            sample("prometheus_notifications_sent_total", am(s), s.sent);
    }
    return out;
}

} // namespace ppl::api
