#include "groupingkey.h"

#include <QCoreApplication>

#include <algorithm>

namespace ppl {

namespace {

constexpr QByteArrayView kBase64Suffix = "@base64";

struct GroupingKeyText {
    Q_DECLARE_TR_FUNCTIONS(ppl::GroupingKey)
};

QString quoteGo(QByteArrayView s) {
    // Go's %q is close enough to a JSON string for the ASCII we expect in URLs.
    QString out = QStringLiteral("\"");
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += QLatin1Char('\\');
        out += QLatin1Char(c);
    }
    return out + QLatin1Char('"');
}

} // namespace

GroupingKey::GroupingKey(const std::vector<LabelPair> &labels) {
    for (const auto &pair : labels) {
        auto it = std::find_if(m_labels.begin(), m_labels.end(),
                               [&](const LabelPair &p) { return p.name == pair.name; });
        if (it != m_labels.end())
            it->value = pair.value; // last value wins
        else
            m_labels.push_back(pair);
    }
    std::sort(m_labels.begin(), m_labels.end(),
              [](const LabelPair &a, const LabelPair &b) { return a.name < b.name; });
    for (const auto &pair : m_labels) {
        m_id += pair.name;
        m_id += '\xff';
        m_id += pair.value;
        m_id += '\xff';
    }
}

QByteArray GroupingKey::value(QByteArrayView name) const {
    for (const auto &pair : m_labels) {
        if (pair.name == name)
            return pair.value;
    }
    return {};
}

bool GroupingKey::contains(QByteArrayView name) const {
    return std::any_of(m_labels.begin(), m_labels.end(),
                       [&](const LabelPair &p) { return p.name == name; });
}

QString GroupingKey::toString() const {
    QString out = QStringLiteral("{job=\"%1\"").arg(QString::fromUtf8(job()));
    for (const auto &pair : m_labels) {
        if (pair.name == "job")
            continue;
        out += QStringLiteral(",%1=\"%2\"")
                   .arg(QString::fromUtf8(pair.name), QString::fromUtf8(pair.value));
    }
    return out + QLatin1Char('}');
}

std::optional<QByteArray> decodeUrlSafeBase64(QByteArrayView text) {
    while (!text.isEmpty() && text.back() == '=')
        text.chop(1);
    if (text.size() % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    quint32 acc = 0;
    int bits = 0;
    for (char c : text) {
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '-')
            v = 62;
        else if (c == '_')
            v = 63;
        else
            return std::nullopt;
        acc = (acc << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xff);
        }
    }
    return out;
}

std::optional<QByteArray> percentDecodePath(QByteArrayView encoded) {
    QByteArray out;
    out.reserve(encoded.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 2 >= encoded.size())
            return std::nullopt;
        const int hi = hex(encoded[i + 1]);
        const int lo = hex(encoded[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out += char(hi * 16 + lo);
        i += 2;
    }
    return out;
}

GroupingKeyParse parseGroupingKeyPath(QByteArrayView path) {
    GroupingKeyParse result;
    bool jobBase64 = false;
    QByteArrayView rest;
    if (path.startsWith("/metrics/job@base64/")) {
        jobBase64 = true;
        rest = path.sliced(qsizetype(sizeof("/metrics/job@base64/") - 1));
    } else if (path.startsWith("/metrics/job/")) {
        rest = path.sliced(qsizetype(sizeof("/metrics/job/") - 1));
    } else {
        result.status = 404;
        return result;
    }
    // Go's router cleans paths first: an empty segment is answered with a redirect.
    if (path.contains("//")) {
        QByteArray cleaned = path.toByteArray();
        while (cleaned.contains("//"))
            cleaned.replace("//", "/");
        result.status = 301;
        result.location = cleaned;
        return result;
    }
    const qsizetype slash = rest.indexOf('/');
    QByteArrayView jobText = slash < 0 ? rest : rest.first(slash);
    QByteArrayView labelsText = slash < 0 ? QByteArrayView() : rest.sliced(slash);
    if (jobText.isEmpty()) {
        if (jobBase64) {
            result.status = 404;
        } else {
            // `/metrics/job/` only matches the route without its trailing slash.
            result.status = 307;
            result.location = "/metrics/job";
        }
        return result;
    }
    QByteArray job = jobText.toByteArray();
    if (jobBase64) {
        auto decoded = decodeUrlSafeBase64(jobText);
        if (!decoded) {
            result.status = 400;
            result.error =
                GroupingKeyText::tr("invalid base64 encoding in job name %1").arg(quoteGo(jobText));
            return result;
        }
        job = *decoded;
    }
    std::vector<LabelPair> pairs;
    if (labelsText.size() > 1) {
        const QList<QByteArray> parts = labelsText.sliced(1).toByteArray().split('/');
        if (parts.size() % 2 != 0) {
            result.status = 400;
            result.error = GroupingKeyText::tr("odd number of components in label string %1")
                               .arg(quoteGo(labelsText));
            return result;
        }
        for (qsizetype i = 0; i + 1 < parts.size(); i += 2) {
            QByteArrayView name = parts[i];
            const bool base64 = name.endsWith(kBase64Suffix);
            if (base64)
                name.chop(kBase64Suffix.size());
            if (!isValidLabelName(name) || isReservedLabelName(name)) {
                result.status = 400;
                result.error = GroupingKeyText::tr("improper label name %1").arg(quoteGo(name));
                return result;
            }
            QByteArray value = parts[i + 1];
            if (base64) {
                auto decoded = decodeUrlSafeBase64(value);
                if (!decoded) {
                    result.status = 400;
                    result.error = GroupingKeyText::tr("invalid base64 encoding for label %1=%2")
                                       .arg(QString::fromUtf8(name), quoteGo(value));
                    return result;
                }
                value = *decoded;
            }
            pairs.push_back({name.toByteArray(), value});
        }
    }
    if (job.isEmpty()) {
        result.status = 400;
        result.error = GroupingKeyText::tr("job name is required");
        return result;
    }
    // The URL's job wins over a `job` label pair, as in the real gateway (it is set last).
    pairs.push_back({"job", job});
    result.key = GroupingKey(pairs);
    return result;
}

} // namespace ppl
