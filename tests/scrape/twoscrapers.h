#pragma once

#include "api/headlessserver.h"
#include "realpeer.h"

#include <QFile>
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

} // namespace ppl::test
