#include "apiformat.h"

#include "util/promduration.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>
#include <limits>

namespace ppl::api {

QByteArray jsonString(QByteArrayView s) {
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char c : s) {
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
            if (uchar(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(uchar(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray jsonLabels(const Labels &labels) {
    QByteArray out = "{";
    for (int i = 0; i < labels.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(labels.nameView(i));
        out += ':';
        out += jsonString(labels.valueView(i));
    }
    out += '}';
    return out;
}

QByteArray formatSampleValue(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (v == 0) // Go's FormatFloat keeps the sign of zero
        return std::signbit(v) ? "-0" : "0";
    return QByteArray::number(v, 'f', QLocale::FloatingPointShortest);
}

QByteArray formatTimestamp(qint64 ms) {
    QByteArray out;
    if (ms < 0) {
        out += '-';
        ms = -ms;
    }
    out += QByteArray::number(ms / 1000);
    const qint64 fraction = ms % 1000;
    if (fraction) {
        out += '.';
        out += QByteArray::number(fraction).rightJustified(3, '0');
    }
    return out;
}

QByteArray jsonPoint(qint64 ms, double value) {
    return '[' + formatTimestamp(ms) + ",\"" + formatSampleValue(value) + "\"]";
}

QByteArray formatRfc3339(qint64 ms) {
    if (ms == 0)
        return "0001-01-01T00:00:00Z";
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QByteArray out = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1();
    const int frac = int(((ms % 1000) + 1000) % 1000);
    if (frac) {
        QByteArray digits = QByteArray::number(frac).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        out += '.' + digits;
    }
    out += 'Z';
    return out;
}

QByteArray formatJsonFloat(double value) {
    if (!std::isfinite(value))
        return "0";
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

std::optional<qint64> parseApiTime(const QString &text) {
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok && !std::isfinite(seconds)) {
        // Go's strconv.ParseFloat takes NaN and ±Inf, and Prometheus 2.42 (amd64) evaluates
        // at this instant then: a time with no data, not a 400.
        return -9223372036854LL;
    }
    if (ok) {
        // As Prometheus: whole seconds plus the fraction rounded to milliseconds. Go turns
        // seconds beyond int64 into its minimum and multiplies with wrap-around; so do we.
        double whole = 0;
        const double frac = std::modf(seconds, &whole);
        const qint64 s = whole >= -9.223372036854775808e18 && whole < 9.223372036854775808e18
                             ? qint64(whole)
                             : std::numeric_limits<qint64>::min();
        return qint64(quint64(s) * 1000u + quint64(qint64(std::llround(frac * 1000))));
    }
    // RFC3339 with up to nanoseconds; the lab keeps milliseconds.
    static const QRegularExpression rfc3339(
        QStringLiteral(R"(^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|z|[+-]\d\d:\d\d)$)"));
    const QRegularExpressionMatch m = rfc3339.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    QString zone = m.captured(3);
    if (zone.compare(QLatin1String("z"), Qt::CaseInsensitive) == 0)
        zone = QStringLiteral("Z");
    const QDateTime t = QDateTime::fromString(m.captured(1) + zone, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    const QString frac = (m.captured(2) + QStringLiteral("000")).left(3);
    return t.toMSecsSinceEpoch() + frac.toLongLong();
}

std::optional<qint64> parseApiDuration(const QString &text) {
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok) {
        if (!std::isfinite(seconds) || seconds * 1e9 > 9.2e18 || seconds * 1e9 < -9.2e18)
            return std::nullopt;
        return qint64(std::llround(seconds * 1000));
    }
    return parsePrometheusDuration(text.toUtf8());
}

QList<QPair<QString, QString>> parseForm(QByteArrayView encoded) {
    QList<QPair<QString, QString>> out;
    for (const QByteArray &part : encoded.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        QByteArray p = QByteArray(part).replace('+', ' ');
        const qsizetype eq = p.indexOf('=');
        const QByteArray key = eq < 0 ? p : p.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : p.mid(eq + 1);
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return out;
}

QByteArray successJson(const QByteArray &data) {
    return "{\"status\":\"success\",\"data\":" + data + '}';
}

QByteArray queryResultJson(const query::QueryResult &r) {
    using query::ValueType;
    QByteArray out = "{\"resultType\":";
    switch (r.type) {
    case ValueType::Scalar:
        return out + "\"scalar\",\"result\":" + jsonPoint(r.t, r.scalar) + '}';
    case ValueType::String:
        return out + "\"string\",\"result\":[" + formatTimestamp(r.t) + ',' + jsonString(r.string) +
               "]}";
    case ValueType::Vector: {
        out += "\"vector\",\"result\":[";
        for (size_t i = 0; i < r.series.size(); ++i) {
            if (i)
                out += ',';
            const auto &p = r.series[i].points.front();
            out += "{\"metric\":" + jsonLabels(r.series[i].metric) +
                   ",\"value\":" + jsonPoint(p.t, p.v) + '}';
        }
        return out + "]}";
    }
    case ValueType::Matrix:
    case ValueType::None: {
        out += "\"matrix\",\"result\":[";
        for (size_t i = 0; i < r.series.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"metric\":" + jsonLabels(r.series[i].metric) + ",\"values\":[";
            const auto &points = r.series[i].points;
            for (size_t j = 0; j < points.size(); ++j) {
                if (j)
                    out += ',';
                out += jsonPoint(points[j].t, points[j].v);
            }
            out += "]}";
        }
        return out + "]}";
    }
    }
    return out;
}

QByteArray errorJson(QByteArrayView errorType, const QString &error) {
    return "{\"status\":\"error\",\"errorType\":" + jsonString(errorType) +
           ",\"error\":" + jsonString(error.toUtf8()) + '}';
}

} // namespace ppl::api
