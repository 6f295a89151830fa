#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ppl {

// What a state-changing request (the /lab/* control API, /-/reload, the gateway's admin API)
// must show before the lab acts on it. Prometheus and the Pushgateway trust whoever reaches
// their port; the lab also runs next to a web browser, so it refuses what only a browser
// visiting another site would send:
//   - an Origin that is not this server, or Sec-Fetch-Site other than same-origin/none (403);
//   - without a token, a Host that is neither an IP address nor localhost (DNS rebinding, 403);
//   - with a token, no or another "Authorization: Bearer TOKEN" (401);
//   - a body whose Content-Type is not the one the route reads (415); a browser's form types
//     (text/plain, application/x-www-form-urlencoded, multipart/form-data) never pass.
// Requests from curl, scripts and client libraries send no Origin and pass unchanged.
class RequestGuard {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    enum class Body {
        Ignored, // the route reads no body: a body of a browser form type is refused
        Json,    // application/json (or +json) when a body is sent
        Yaml,    // application/yaml, application/x-yaml, text/yaml, text/x-yaml
    };
    struct Refusal {
        int status = 403; // 401, 403 or 415
        QString message;  // translated
    };

    void setToken(const QByteArray &token) { m_token = token; }
    const QByteArray &token() const { return m_token; }
    bool hasToken() const { return !m_token.isEmpty(); }

    // nullopt when the request may go on.
    std::optional<Refusal> check(const Headers &headers, qsizetype bodySize, Body body) const;

    // 127.0.0.0/8, ::1 and their IPv4-mapped forms: only this machine reaches them.
    static bool isLoopback(const QHostAddress &address);

private:
    QByteArray m_token;
};

} // namespace ppl
