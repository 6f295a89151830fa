#include "httpframing.h"

#include <QString>
#include <QUrl>

#include <limits>

namespace ppl {

std::optional<qint64> requestContentLength(const QList<QPair<QByteArray, QByteArray>> &headers) {
    std::optional<qint64> length;
    for (const auto &[name, raw] : headers) {
        if (name.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = raw.trimmed();
        if (value.isEmpty())
            continue;
        qint64 n = 0;
        for (const char c : value) {
            if (c < '0' || c > '9' || n > (std::numeric_limits<qint64>::max() - 9) / 10)
                return -1;
            n = n * 10 + (c - '0');
        }
        if (length && *length != n)
            return -1; // "cannot contain multiple Content-Length headers"
        length = n;
    }
    return length;
}

QByteArray cleanPath(const QByteArray &path) {
    QList<QByteArray> kept;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray cleaned = '/' + kept.join('/');
    if (path.endsWith('/') && cleaned != "/")
        cleaned += '/';
    return cleaned;
}

std::optional<ServeMuxRedirect> serveMuxRedirect(const QByteArray &method,
                                                 const QByteArray &decodedPath,
                                                 const QByteArray &encodedQuery) {
    const QByteArray cleaned = cleanPath(decodedPath);
    if (cleaned == decodedPath || method == "CONNECT")
        return std::nullopt;
    ServeMuxRedirect r;
    r.location = QUrl::toPercentEncoding(QString::fromUtf8(cleaned), "$&+,/:;=@");
    if (!encodedQuery.isEmpty())
        r.location += '?' + encodedQuery;
    if (method == "GET" || method == "HEAD")
        r.contentType = "text/html; charset=utf-8";
    if (method == "GET")
        r.body = "<a href=\"" + QString::fromUtf8(r.location).toHtmlEscaped().toUtf8() +
                 "\">Moved Permanently</a>.\n\n";
    return r;
}

} // namespace ppl
