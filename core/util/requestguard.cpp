#include "requestguard.h"

#include <QCoreApplication>
#include <QUrl>

namespace ppl {

namespace {

struct RequestGuardText {
    Q_DECLARE_TR_FUNCTIONS(ppl::RequestGuard)
};

QByteArray headerValue(const RequestGuard::Headers &headers, QByteArrayView name) {
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

bool hasHeader(const RequestGuard::Headers &headers, QByteArrayView name) {
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// "host:port", "[v6]:port" or "host" → lower-case host (brackets kept off) and port (-1: none).
std::pair<QString, int> splitHostPort(const QByteArray &hostPort) {
    const QString text = QString::fromLatin1(hostPort).toLower();
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return {text, -1};
        const QString rest = text.mid(close + 1);
        bool ok = false;
        const int port = rest.startsWith(u':') ? rest.mid(1).toInt(&ok) : -1;
        return {text.mid(1, close - 1), ok ? port : -1};
    }
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0 || text.count(u':') > 1)
        return {text, -1};
    bool ok = false;
    const int port = text.mid(colon + 1).toInt(&ok);
    return {text.left(colon), ok ? port : -1};
}

// Compares every byte whatever the first difference, so timing does not reveal the prefix.
bool sameSecret(const QByteArray &a, const QByteArray &b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i % std::max<qsizetype>(b.size(), 1)));
    return diff == 0 && !b.isEmpty();
}

QByteArray mediaType(const QByteArray &contentType) {
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

} // namespace

bool RequestGuard::isLoopback(const QHostAddress &address) {
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped)
        return (v4 >> 24) == 127;
    return address.isLoopback();
}

std::optional<RequestGuard::Refusal> RequestGuard::check(const Headers &headers, qsizetype bodySize,
                                                         Body body) const {
    const QByteArray host = headerValue(headers, "Host");
    // A browser marks every request it makes; only its own pages or the address bar pass.
    const QByteArray fetchSite = headerValue(headers, "Sec-Fetch-Site").toLower();
    if (!fetchSite.isEmpty() && fetchSite != "same-origin" && fetchSite != "none")
        return Refusal{403, RequestGuardText::tr("cross-site request refused (Sec-Fetch-Site: %1)")
                                .arg(QString::fromLatin1(fetchSite))};
    if (hasHeader(headers, "Origin")) {
        const QByteArray origin = headerValue(headers, "Origin");
        const QUrl url(QString::fromLatin1(origin), QUrl::StrictMode);
        const auto [hostName, hostPort] = splitHostPort(host);
        const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
        const bool same =
            url.isValid() &&
            (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
            url.host().toLower() == hostName &&
            url.port(defaultPort) == (hostPort < 0 ? 80 : hostPort);
        if (!same)
            return Refusal{403, RequestGuardText::tr("cross-site request refused: Origin %1 is "
                                                     "not this server")
                                    .arg(QString::fromLatin1(origin))};
    }
    if (!hasToken() && !host.isEmpty()) {
        // A name other than localhost may be an attacker's, pointed at 127.0.0.1 (DNS
        // rebinding); an address cannot be.
        const QString name = splitHostPort(host).first;
        if (name != QLatin1String("localhost") && QHostAddress(name).isNull())
            return Refusal{403, RequestGuardText::tr("request refused: Host %1 is neither an IP "
                                                     "address nor localhost (start the lab with "
                                                     "--lab-token to use host names)")
                                    .arg(QString::fromLatin1(host))};
    }
    if (hasToken()) {
        const QByteArray auth = headerValue(headers, "Authorization");
        const bool bearer = auth.size() > 7 && auth.left(7).toLower() == "bearer ";
        if (!bearer || !sameSecret(auth.mid(7).trimmed(), m_token))
            return Refusal{401, RequestGuardText::tr("missing or wrong token: send "
                                                     "\"Authorization: Bearer TOKEN\" with the "
                                                     "--lab-token the lab was started with")};
    }
    if (bodySize > 0) {
        const QByteArray type = mediaType(headerValue(headers, "Content-Type"));
        bool ok = false;
        QString wanted;
        switch (body) {
        case Body::Ignored:
            ok = type != "text/plain" && type != "application/x-www-form-urlencoded" &&
                 type != "multipart/form-data";
            wanted = RequestGuardText::tr("no body");
            break;
        case Body::Json:
            ok = type == "application/json" || type.endsWith("+json");
            wanted = QStringLiteral("application/json");
            break;
        case Body::Yaml:
            ok = type == "application/yaml" || type == "application/x-yaml" ||
                 type == "text/yaml" || type == "text/x-yaml";
            wanted = QStringLiteral("application/yaml");
            break;
        }
        if (!ok)
            return Refusal{415, RequestGuardText::tr("unsupported Content-Type \"%1\": this "
                                                     "request takes %2")
                                    .arg(QString::fromLatin1(type), wanted)};
    }
    return std::nullopt;
}

} // namespace ppl
