#pragma once

#include "api/headlessserver.h"
#include "realpeer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPair>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ppl::test {

inline QUrl loopback(quint16 port) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// The real Prometheus 2.42 and the lab's headless server, both started from the same
// prometheus.yml, for differential scrape tests. Both stop when this is destroyed.
class TwoScrapers {
public:
    // False with *error set when the config cannot be written or either fails to start.
    bool start(const QByteArray &config, QString *error) {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
        {
            QFile f(configPath);
            if (!f.open(QIODevice::WriteOnly) || f.write(config) != config.size()) {
                *error = QStringLiteral("cannot write %1").arg(configPath);
                return false;
            }
        }
        m_prometheus = std::make_unique<RealPeer>(
            QStringLiteral("prometheus"),
            QStringList{QStringLiteral("--config.file=") + configPath,
                        QStringLiteral("--storage.tsdb.path=") + m_dir.filePath("tsdb")});
        if (!m_prometheus->start(QStringLiteral("--web.listen-address"),
                                 QStringLiteral("/-/ready"))) {
            *error = m_prometheus->output();
            return false;
        }
        HeadlessServer::Options options;
        options.configPath = configPath;
        options.port = 0;
        const auto port = m_lab.start(options, error);
        m_labPort = port.value_or(0);
        return port.has_value();
    }

    quint16 labPort() const { return m_labPort; }
    quint16 prometheusPort() const { return m_prometheus ? m_prometheus->port() : 0; }
    HeadlessServer &lab() { return m_lab; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RealPeer> m_prometheus;
    HeadlessServer m_lab;
    quint16 m_labPort = 0;
};

// What differential scrape tests compare, read through the HTTP API of either server.
// job -> health, lastError.
inline QMap<QString, QPair<QString, QString>> targetStates(quint16 port) {
    const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/api/v1/targets")));
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("data")).toObject();
    QMap<QString, QPair<QString, QString>> out;
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(QLatin1String("scrapePool")).toString(),
                   {o.value(QLatin1String("health")).toString(),
                    o.value(QLatin1String("lastError")).toString()});
    }
    return out;
}

inline QString labTargetFormat(quint16 port, const QString &job) {
    const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/api/v1/targets")));
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("data")).toObject();
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        if (v.toObject().value(QLatin1String("scrapePool")).toString() == job)
            return v.toObject().value(QLatin1String("lastScrapeFormat")).toString();
    }
    return QStringLiteral("(no target)");
}

// Everything one job produced as one comparable text. Values of series whose name ends in
// `_created` are left out when ignoreCreated (the Python client's start times).
inline QString view(quint16 port, const QString &job, bool ignoreCreated = false) {
    const auto state = targetStates(port).value(job);
    QStringList lines{QStringLiteral("health=%1 lastError=%2").arg(state.first, state.second)};
    for (const char *report : {"up", "scrape_samples_scraped"}) {
        const auto r = instantQuery(
            loopback(port), QStringLiteral("%1{job=\"%2\"}").arg(QLatin1String(report), job));
        lines << QStringLiteral("%1=%2").arg(QLatin1String(report),
                                             r.isEmpty() ? QStringLiteral("-") : r.first());
    }
    const auto series = instantQuery(
        loopback(port), QStringLiteral("{job=\"%1\",__name__!~\"up|scrape_.*\"}").arg(job));
    for (auto it = series.begin(); it != series.end(); ++it) {
        const bool created = it.key().contains(QLatin1String("_created,")) ||
                             it.key().endsWith(QLatin1String("_created"));
        lines << it.key() + QLatin1String(" => ") +
                     (ignoreCreated && created ? QStringLiteral("(start time)") : it.value());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ppl::test
