#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace ppl {

struct ListenAddress {
    QHostAddress host;
    quint16 port = 0; // 0: the OS chooses
};

// "HOST:PORT" as --listen and --gateway-listen take it (the Pushgateway's
// --web.listen-address grammar, which the lab server's flag shares); nullopt if it is not one.
std::optional<ListenAddress> parseListenAddress(const QString &text);

} // namespace ppl
