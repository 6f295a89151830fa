#include "httpframing.h"

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

} // namespace ppl
