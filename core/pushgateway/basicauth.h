#pragma once

#include <QByteArray>
#include <QSet>

namespace ppl {

// HTTP basic auth against a bcrypt hash, as Prometheus's exporter-toolkit web config does it.
// bcrypt is slow on purpose, so an Authorization header that verified once is remembered.
class BasicAuth {
public:
    BasicAuth() = default;
    BasicAuth(QByteArray user, QByteArray bcryptHash);

    bool enabled() const { return !m_user.isEmpty(); }
    // The raw Authorization header value ("Basic base64(user:pass)").
    bool check(const QByteArray &authorizationHeader);
    // crypt_r with the hash as setting; true when password matches.
    static bool verifyBcrypt(const QByteArray &password, const QByteArray &hash);

private:
    QByteArray m_user;
    QByteArray m_hash;
    QSet<QByteArray> m_verified;
};

} // namespace ppl
