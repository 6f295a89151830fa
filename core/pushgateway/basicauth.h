#pragma once

#include <QByteArray>
#include <QHash>

namespace ppl {

// HTTP basic auth against a bcrypt hash, as Prometheus's exporter-toolkit web config does it:
// bcrypt is slow on purpose, so every outcome (accepted and refused) of a user/password pair
// is remembered in a bounded cache; an unknown user costs the same bcrypt run as a known one,
// so response times do not tell which user names exist.
class BasicAuth {
public:
    BasicAuth() = default;
    BasicAuth(QByteArray user, QByteArray bcryptHash);

    bool enabled() const { return !m_user.isEmpty(); }
    // The raw Authorization header value ("Basic base64(user:pass)").
    bool check(const QByteArray &authorizationHeader);

    // check() in three steps, so that the bcrypt run can leave the serving thread:
    // lookup() answers from the header's shape and the cache, or says that bcrypt must run on
    // credentials ("user:pass"); verify() is that run (thread-safe, touches no member);
    // remember() stores its outcome.
    enum class Verdict { Accepted, Refused, NeedsBcrypt };
    Verdict lookup(const QByteArray &authorizationHeader, QByteArray *credentials) const;
    static bool verify(const QByteArray &credentials, const QByteArray &user,
                       const QByteArray &bcryptHash);
    void remember(const QByteArray &credentials, bool accepted);
    const QByteArray &user() const { return m_user; }
    const QByteArray &hash() const { return m_hash; }
    // True when password matches the bcrypt hash, every byte of it: crypt(3) stops at a NUL,
    // so a password holding one ("pass\0junk") never matches (Go's bcrypt keys on all bytes).
    static bool verifyBcrypt(const QByteArray &password, const QByteArray &hash);
    // A new bcrypt hash ($2b$, random salt from the OS) of password, for a web config's
    // basic_auth_users; empty if the password holds a NUL or crypt fails.
    static QByteArray hashBcrypt(const QByteArray &password, int cost = DefaultCost);
    static constexpr int DefaultCost = 10; // Go's bcrypt.DefaultCost, what htpasswd -B uses

    // How many times check() ran bcrypt (the slow part); the cache keeps it from growing.
    quint64 bcryptRuns() const { return m_bcryptRuns; }
    static constexpr qsizetype CacheSize = 100; // exporter-toolkit's cache holds 100 too

private:
    QByteArray m_user;
    QByteArray m_hash;
    QHash<QByteArray, bool> m_cache; // user:password → outcome
    quint64 m_bcryptRuns = 0;
};

} // namespace ppl
