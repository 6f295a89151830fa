#include "labevent.h"

namespace ppl {

QString labEventKindName(LabEvent::Kind kind) {
    switch (kind) {
    case LabEvent::Kind::Scrape:
        return QStringLiteral("scrape");
    case LabEvent::Kind::Push:
        return QStringLiteral("push");
    case LabEvent::Kind::Target:
        return QStringLiteral("target");
    case LabEvent::Kind::Job:
        return QStringLiteral("job");
    case LabEvent::Kind::Pod:
        return QStringLiteral("pod");
    case LabEvent::Kind::Gateway:
        return QStringLiteral("gateway");
    case LabEvent::Kind::Config:
        return QStringLiteral("config");
    case LabEvent::Kind::Lab:
        return QStringLiteral("lab");
    }
    return QStringLiteral("lab");
}

QJsonObject LabEvent::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("cursor"), qint64(cursor));
    o.insert(QStringLiteral("time"), double(atMs) / 1000.0);
    o.insert(QStringLiteral("kind"), labEventKindName(kind));
    o.insert(QStringLiteral("subject"), QString::fromUtf8(subject));
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("data"), data);
    return o;
}

} // namespace ppl
