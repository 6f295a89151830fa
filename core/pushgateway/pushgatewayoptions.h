#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace ppl {

// Everything that configures a lab Pushgateway; the flags of the real one in struct form.
struct PushgatewayOptions {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 9091;     // 0: the OS chooses; read it back with PushgatewayServer::port()
    QString persistenceFile; // empty: metrics live in memory only (--persistence.file=)
    qint64 persistenceIntervalMs = 5 * 60 * 1000; // --persistence.interval (5m)
    bool adminApi = false;                        // PUT /api/v1/admin/wipe (--web.enable-admin-api)
    QByteArray adminToken = {}; // "Authorization: Bearer" this for the admin API (--lab-token)
    QByteArray basicAuthUser;   // empty: no authentication
    QByteArray basicAuthBcrypt; // bcrypt hash ($2y$/$2b$/$2a$) of the password
    qint64 bodyLimitBytes = 16 * 1024 * 1024; // larger push bodies → 413
    qint64 idleTimeoutMs = 5 * 60 * 1000;     // a connection silent this long is closed

    // "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback) into address and port; false if invalid.
    bool setListen(const QString &hostPort);
    // "USER:BCRYPT" into basicAuthUser and basicAuthBcrypt; false if there is no ':' or hash.
    bool setBasicAuth(const QString &userColonHash);
};

} // namespace ppl
