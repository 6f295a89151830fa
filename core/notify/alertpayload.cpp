#include "alertpayload.h"

#include <QDateTime>
#include <QTimeZone>

namespace ppl::notify {

namespace {

// encoding/json's string form: ", \ and control characters escaped, and <, >, & as \u00XX
// (HTML-safe, Go's default), U+2028/U+2029 escaped too.
QByteArray goJson(QByteArrayView utf8) {
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out += "\\u00";
                out += QByteArray::number(c, 16).rightJustified(2, '0');
            } else if (c == 0xE2 && i + 2 < utf8.size() && uchar(utf8[i + 1]) == 0x80 &&
                       (uchar(utf8[i + 2]) == 0xA8 || uchar(utf8[i + 2]) == 0xA9)) {
                out += uchar(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
    return out;
}

QByteArray labelObject(const Labels &labels) {
    QByteArray out = "{";
    for (int i = 0; i < labels.size(); ++i) {
        if (i)
            out += ',';
        out += goJson(labels.nameView(i)) + ':' + goJson(labels.valueView(i));
    }
    return out + '}';
}

QByteArray labelObject(const rules::LabelList &pairs) {
    QByteArray out = "{";
    bool first = true;
    for (const auto &[k, v] : pairs) {
        if (!first)
            out += ',';
        first = false;
        out += goJson(k) + ':' + goJson(v);
    }
    return out + '}';
}

// strfmt.DateTime's MarshalJSON: "2006-01-02T15:04:05.000Z07:00" (UTC here).
QByteArray millisTime(qint64 ms) {
    return '"' +
           QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))
               .toLatin1() +
           '"';
}

// time.Time's MarshalJSON: RFC 3339 with nanoseconds, trailing zeros (and the dot) dropped.
QByteArray nanoTime(qint64 ms) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    QByteArray out = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1();
    if (const int frac = int(((ms % 1000) + 1000) % 1000)) {
        QByteArray digits = QByteArray::number(frac).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        out += '.' + digits;
    }
    return '"' + out + "Z\"";
}

} // namespace

QByteArray alertsPayloadV2(const QList<rules::OutgoingAlert> &alerts) {
    QByteArray out = "[";
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const rules::OutgoingAlert &a = alerts[i];
        if (i)
            out += ',';
        out += '{';
        if (!a.annotations.empty()) // omitempty
            out += "\"annotations\":" + labelObject(a.annotations) + ',';
        out += "\"endsAt\":" + millisTime(a.endsAtMs) + ",\"startsAt\":" + millisTime(a.startsAtMs);
        if (!a.generatorUrl.isEmpty())
            out += ",\"generatorURL\":" + goJson(a.generatorUrl);
        out += ",\"labels\":" + labelObject(a.labels) + '}';
    }
    return out + ']';
}

QByteArray alertsPayloadV1(const QList<rules::OutgoingAlert> &alerts) {
    QByteArray out = "[";
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const rules::OutgoingAlert &a = alerts[i];
        if (i)
            out += ',';
        out += "{\"labels\":" + labelObject(a.labels) +
               ",\"annotations\":" + labelObject(a.annotations) +
               ",\"startsAt\":" + nanoTime(a.startsAtMs) + ",\"endsAt\":" + nanoTime(a.endsAtMs);
        if (!a.generatorUrl.isEmpty())
            out += ",\"generatorURL\":" + goJson(a.generatorUrl);
        out += '}';
    }
    return out + ']';
}

} // namespace ppl::notify
