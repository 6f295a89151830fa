#include "basicauth.h"

#include <crypt.h>

#include <cstring>
#include <memory>

namespace ppl {

namespace {

bool sameBytes(const QByteArray &a, const QByteArray &b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

BasicAuth::BasicAuth(QByteArray user, QByteArray bcryptHash)
    : m_user(std::move(user))
    , m_hash(std::move(bcryptHash)) {}

bool BasicAuth::verifyBcrypt(const QByteArray &password, const QByteArray &hash) {
    if (!(hash.startsWith("$2y$") || hash.startsWith("$2b$") || hash.startsWith("$2a$")))
        return false;
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    // crypt_r reads a C string: the bytes after a NUL would go unchecked. Still run it, so a
    // refused NUL password costs what any other does.
    const bool hasNul = password.contains('\0');
    const char *out = crypt_r(password.constData(), hash.constData(), data.get());
    if (!out || out[0] == '*')
        return false;
    // Constant-time compare: the hash is public, but the habit is cheap.
    return sameBytes(QByteArray(out), hash) && !hasNul;
}

QByteArray BasicAuth::hashBcrypt(const QByteArray &password, int cost) {
    if (password.contains('\0'))
        return {};
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    // No random bytes given: libxcrypt reads them from the OS.
    if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof salt))
        return {};
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char *out = crypt_r(password.constData(), salt, data.get());
    if (!out || out[0] == '*')
        return {};
    return QByteArray(out);
}

BasicAuth::Verdict BasicAuth::lookup(const QByteArray &header, QByteArray *credentials) const {
    if (!enabled())
        return Verdict::Accepted;
    if (!header.startsWith("Basic "))
        return Verdict::Refused;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    if (decoded.indexOf(':') < 0)
        return Verdict::Refused;
    if (const auto cached = m_cache.constFind(decoded); cached != m_cache.cend())
        return *cached ? Verdict::Accepted : Verdict::Refused;
    if (credentials)
        *credentials = decoded;
    return Verdict::NeedsBcrypt;
}

bool BasicAuth::verify(const QByteArray &credentials, const QByteArray &user,
                       const QByteArray &hash) {
    const qsizetype colon = credentials.indexOf(':');
    if (colon < 0)
        return false;
    // An unknown user is checked against the real hash too (and refused): the same work.
    const bool knownUser = sameBytes(credentials.left(colon), user);
    return verifyBcrypt(credentials.mid(colon + 1), hash) && knownUser;
}

void BasicAuth::remember(const QByteArray &credentials, bool accepted) {
    ++m_bcryptRuns;
    if (m_cache.size() >= CacheSize && !m_cache.contains(credentials))
        m_cache.erase(m_cache.begin()); // any one, as exporter-toolkit drops a random one
    m_cache.insert(credentials, accepted);
}

bool BasicAuth::check(const QByteArray &header) {
    QByteArray credentials;
    switch (lookup(header, &credentials)) {
    case Verdict::Accepted:
        return true;
    case Verdict::Refused:
        return false;
    case Verdict::NeedsBcrypt:
        break;
    }
    const bool ok = verify(credentials, m_user, m_hash);
    remember(credentials, ok);
    return ok;
}

} // namespace ppl
