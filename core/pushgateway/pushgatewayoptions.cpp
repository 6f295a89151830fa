#include "pushgatewayoptions.h"

namespace ppl {

bool PushgatewayOptions::setListen(const QString &hostPort) {
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return false;
    QString host = hostPort.left(colon);
    bool ok = false;
    const uint portValue = hostPort.mid(colon + 1).toUInt(&ok);
    if (!ok || portValue > 65535)
        return false;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress parsed;
    if (host.isEmpty())
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    address = parsed;
    port = quint16(portValue);
    return true;
}

bool PushgatewayOptions::setBasicAuth(const QString &userColonHash) {
    const qsizetype colon = userColonHash.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon + 1 >= userColonHash.size())
        return false;
    basicAuthUser = userColonHash.left(colon).toUtf8();
    basicAuthBcrypt = userColonHash.mid(colon + 1).toUtf8();
    return true;
}

} // namespace ppl
