#include "basicauth.h"

#include <crypt.h>

#include <cstring>
#include <memory>

namespace ppl {

BasicAuth::BasicAuth(QByteArray user, QByteArray bcryptHash)
    : m_user(std::move(user))
    , m_hash(std::move(bcryptHash)) {}

bool BasicAuth::verifyBcrypt(const QByteArray &password, const QByteArray &hash) {
    if (!(hash.startsWith("$2y$") || hash.startsWith("$2b$") || hash.startsWith("$2a$")))
        return false;
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char *out = crypt_r(password.constData(), hash.constData(), data.get());
    if (!out || out[0] == '*')
        return false;
    const qsizetype n = qsizetype(std::strlen(out));
    // Constant-time compare: the hash is public, but the habit is cheap.
    if (n != hash.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(out[i] ^ hash[i]);
    return diff == 0;
}

bool BasicAuth::check(const QByteArray &header) {
    if (!enabled())
        return true;
    if (m_verified.contains(header))
        return true;
    if (!header.startsWith("Basic "))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0 || decoded.left(colon) != m_user)
        return false;
    if (!verifyBcrypt(decoded.mid(colon + 1), m_hash))
        return false;
    if (m_verified.size() < 64)
        m_verified.insert(header);
    return true;
}

} // namespace ppl
