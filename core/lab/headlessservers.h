#pragma once

#include "query/engine.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QTextStream;

namespace ppl {

class HeadlessServer;
class PushgatewayServer;

// What `pullpush-lab --headless --config FILE [--listen HOST:PORT] [--web.enable-lifecycle]
// [--gateway-listen HOST:PORT [--gateway-persistence FILE] [--gateway-admin-api]
// [--gateway-basic-auth USER:BCRYPT]] [--duration S]` asks for.
struct HeadlessServersOptions {
    QString configPath; // empty: no scraper
    QString listen = QStringLiteral("127.0.0.1:9090");
    bool lifecycle = false;
    std::optional<QString> gatewayListen; // unset: no gateway
    QString gatewayPersistence;
    bool gatewayAdminApi = false;
    std::optional<QString> gatewayBasicAuth;
    double durationS = 0; // > 0: finished(0) after that many seconds
    QByteArray token;     // --lab-token: control requests need it as a bearer token
    std::optional<qint64> gatewayPersistenceIntervalMs; // unset: the gateway's default (5m)
    query::Engine::Options query; // --query.lookback-delta, --query.timeout, --query.max-samples
};

// Runs the lab's Pushgateway and/or its scraper with the Prometheus-compatible API, without a
// window, on the system clock. start() prints, each on its own line and with the real bound
// ports, `gateway http://HOST:PORT` and `server http://HOST:PORT`; ports are bound, never
// probed first, so a taken port is an error and port 0 is whatever the OS gave.
class HeadlessServers : public QObject {
    Q_OBJECT
public:
    explicit HeadlessServers(QObject *parent = nullptr);
    ~HeadlessServers() override;

    // 0 when running; otherwise the exit code (2: bad options, 1: could not start) with the
    // reason on err. Configuration warnings go to err either way.
    int start(const HeadlessServersOptions &options, QTextStream &out, QTextStream &err);
    // As Prometheus on SIGHUP: re-reads the configuration file; a broken file keeps the
    // running configuration. The outcome goes to err.
    void reload(QTextStream &err);
    void stop(); // the gateway writes its persistence file
    bool hasScraper() const { return m_server != nullptr; }

Q_SIGNALS:
    void finished(int exitCode); // the duration elapsed

private:
    int startGateway(const HeadlessServersOptions &options, QTextStream &out, QTextStream &err);
    int startServer(const HeadlessServersOptions &options, QTextStream &out, QTextStream &err);

    std::unique_ptr<PushgatewayServer> m_gateway;
    std::unique_ptr<HeadlessServer> m_server;
};

} // namespace ppl
