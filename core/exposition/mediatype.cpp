#include "mediatype.h"

#include <cstring>

namespace ppl {

namespace {

// Go's mime package, as much of it as ParseMediaType needs.
bool isTSpecial(char c) {
    return std::strchr("()<>@,;:\\\"/[]?=", c) != nullptr && c != '\0';
}
bool isTokenChar(char c) {
    return c > 0x20 && c < 0x7f && !isTSpecial(c);
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
QByteArrayView trimLeft(QByteArrayView v) {
    while (!v.isEmpty() && isSpace(v.front()))
        v = v.sliced(1);
    return v;
}
QByteArrayView consumeToken(QByteArrayView v, QByteArrayView *rest) {
    qsizetype i = 0;
    while (i < v.size() && isTokenChar(v[i]))
        ++i;
    *rest = v.sliced(i);
    return v.first(i);
}
// consumeValue: a token or a quoted string; false (nothing consumed) when neither.
bool consumeValue(QByteArrayView v, QByteArrayView *rest, QByteArray *value) {
    value->clear();
    if (v.isEmpty() || v.front() != '"') {
        *value = consumeToken(v, rest).toByteArray();
        return !value->isEmpty();
    }
    for (qsizetype i = 1; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '"') {
            *rest = v.sliced(i + 1);
            return true;
        }
        if (c == '\\' && i + 1 < v.size() && isTSpecial(v[i + 1]))
            value->append(v[++i]);
        else if (c == '\r' || c == '\n')
            return false;
        else
            value->append(c);
    }
    return false;
}

} // namespace

QByteArray MediaType::parameter(QByteArrayView key) const {
    for (const auto &[k, v] : parameters) {
        if (k == key)
            return v.isNull() ? QByteArray("") : v;
    }
    return {};
}

std::optional<MediaType> parseMediaType(QByteArrayView contentType) {
    // mime.ParseMediaType: the lower-cased, trimmed part before ';' must be token[/token],
    // and the parameters must parse; any error makes textparse.New fall back to promparse.
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView base = semicolon < 0 ? contentType : contentType.first(semicolon);
    const QByteArray mediaType = base.toByteArray().toLower().trimmed();
    QByteArrayView rest;
    if (consumeToken(mediaType, &rest).isEmpty())
        return std::nullopt;
    if (!rest.isEmpty()) {
        if (rest.front() != '/' || consumeToken(rest.sliced(1), &rest).isEmpty() || !rest.isEmpty())
            return std::nullopt;
    }
    QByteArrayView v = contentType.sliced(base.size());
    MediaType media;
    media.type = mediaType;
    for (;;) {
        v = trimLeft(v);
        if (v.isEmpty())
            return media;
        // consumeMediaParam
        QByteArrayView p = v.sliced(1); // v starts with ';' (the cut above, or a value's end)
        if (v.front() != ';')
            return std::nullopt;
        p = trimLeft(p);
        const QByteArray key = consumeToken(p, &p).toByteArray().toLower();
        if (key.isEmpty()) {
            if (v.trimmed() == ";")
                return media; // a trailing semicolon is fine
            return std::nullopt;
        }
        p = trimLeft(p);
        if (p.isEmpty() || p.front() != '=')
            return std::nullopt;
        p = trimLeft(p.sliced(1));
        QByteArray value;
        if (!consumeValue(p, &p, &value))
            return std::nullopt;
        if (!media.parameter(key).isNull())
            return std::nullopt; // "mime: duplicate parameter name"
        media.parameters.emplace_back(key, std::move(value));
        v = p;
    }
}

} // namespace ppl
