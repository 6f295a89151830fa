#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace ppl {

// Go's net/http rules for a request's Content-Length (what the real Pushgateway and
// Prometheus run on): every Content-Length field is a plain decimal number without sign or
// spaces inside, and all of them agree. An empty field counts as absent.
// nullopt when there is none; -1 when the request is malformed (Go answers 400 and closes).
std::optional<qint64> requestContentLength(const QList<QPair<QByteArray, QByteArray>> &headers);

inline bool hasValidContentLength(const QList<QPair<QByteArray, QByteArray>> &headers) {
    return requestContentLength(headers).value_or(0) >= 0;
}

// Go's http.ServeMux, in front of every route of the real Pushgateway and Prometheus, answers
// a path with empty, "." or ".." segments ("//metrics", "/./metrics", "/a/../b"; after
// percent-decoding) with 301 to the cleaned path (path.Clean, a trailing slash kept), for every
// method but CONNECT. nullopt when path is clean.
struct ServeMuxRedirect {
    QByteArray location;    // the cleaned path, percent-encoded, plus "?query" if any
    QByteArray contentType; // for GET and HEAD
    QByteArray body;        // for GET
};
std::optional<ServeMuxRedirect> serveMuxRedirect(const QByteArray &method,
                                                 const QByteArray &decodedPath,
                                                 const QByteArray &encodedQuery);
QByteArray cleanPath(const QByteArray &path); // Go's cleanPath

} // namespace ppl
