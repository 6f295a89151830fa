#include "headlessservers.h"

#include "api/headlessserver.h"
#include "listenaddress.h"
#include "pushgateway/pushgatewayoptions.h"
#include "pushgateway/pushgatewayserver.h"
#include "util/clock.h"

#include <QTextStream>

namespace ppl {

HeadlessServers::HeadlessServers(QObject *parent)
    : QObject(parent) {}

HeadlessServers::~HeadlessServers() {
    stop();
}

int HeadlessServers::start(const HeadlessServersOptions &options, QTextStream &out,
                           QTextStream &err) {
    if (!options.gatewayListen && options.configPath.isEmpty()) {
        err << tr("--headless needs --scenario, --config or --gateway-listen.") << Qt::endl;
        return 2;
    }
    if (options.gatewayListen)
        if (const int code = startGateway(options, out, err))
            return code;
    if (!options.configPath.isEmpty())
        if (const int code = startServer(options, out, err))
            return code;
    if (options.durationS > 0)
        Clock::system()->callAfter(qint64(options.durationS * 1000), this,
                                   [this] { Q_EMIT finished(0); });
    return 0;
}

int HeadlessServers::startGateway(const HeadlessServersOptions &options, QTextStream &out,
                                  QTextStream &err) {
    PushgatewayOptions gateway;
    if (!gateway.setListen(*options.gatewayListen)) {
        err << tr("invalid --gateway-listen address: %1").arg(*options.gatewayListen) << Qt::endl;
        return 2;
    }
    gateway.persistenceFile = options.gatewayPersistence;
    gateway.adminApi = options.gatewayAdminApi;
    gateway.adminToken = options.token;
    if (options.gatewayPersistenceIntervalMs)
        gateway.persistenceIntervalMs = *options.gatewayPersistenceIntervalMs;
    if (options.gatewayBasicAuth && !gateway.setBasicAuth(*options.gatewayBasicAuth)) {
        err << tr("invalid --gateway-basic-auth: expected USER:BCRYPT-HASH") << Qt::endl;
        return 2;
    }
    m_gateway = std::make_unique<PushgatewayServer>(gateway);
    const QString error = m_gateway->start();
    if (!error.isEmpty()) {
        err << error << Qt::endl;
        m_gateway.reset();
        return 1;
    }
    out << "gateway " << m_gateway->url().toString() << Qt::endl;
    return 0;
}

int HeadlessServers::startServer(const HeadlessServersOptions &options, QTextStream &out,
                                 QTextStream &err) {
    const std::optional<ListenAddress> listen = parseListenAddress(options.listen);
    if (!listen) {
        err << tr("invalid --listen address: %1").arg(options.listen) << Qt::endl;
        return 2;
    }
    HeadlessServer::Options server;
    server.configPath = options.configPath;
    server.lifecycle = options.lifecycle;
    server.query = options.query;
    server.token = options.token;
    server.address = listen->host;
    server.port = listen->port;
    m_server = std::make_unique<HeadlessServer>();
    QString error;
    const auto port = m_server->start(server, &error);
    for (const QString &warning : m_server->warnings())
        err << tr("warning: %1").arg(warning) << Qt::endl;
    if (!port) {
        err << error << Qt::endl;
        m_server.reset();
        return 1;
    }
    const QString host = listen->host.toString();
    out << "server http://"
        << (listen->host.protocol() == QAbstractSocket::IPv6Protocol ? '[' + host + ']' : host)
        << ':' << *port << Qt::endl;
    return 0;
}

void HeadlessServers::reload(QTextStream &err) {
    if (!m_server)
        return;
    const QString error = m_server->reload();
    if (error.isEmpty())
        err << tr("configuration reloaded") << Qt::endl;
    else
        err << error << Qt::endl;
}

void HeadlessServers::stop() {
    if (m_server)
        m_server->stop();
    if (m_gateway)
        m_gateway->stop(); // writes the persistence file
    m_server.reset();
    m_gateway.reset();
}

} // namespace ppl
