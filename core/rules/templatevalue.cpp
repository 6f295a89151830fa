#include "templatevalue.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <QtNumeric>

namespace ppl::rules::tmpl {

namespace {

const char *rootTypeName = "struct { Labels map[string]string; ExternalLabels map[string]string; "
                           "ExternalURL string; Value float64 }";

} // namespace

QByteArray typeName(const Value &v) {
    switch (v.kind) {
    case Value::Kind::Invalid:
    case Value::Kind::Nil:
        return "<nil>";
    case Value::Kind::Bool:
        return "bool";
    case Value::Kind::Int:
        return "int";
    case Value::Kind::Float:
        return "float64";
    case Value::Kind::String:
        return "string";
    case Value::Kind::Map:
        return "map[string]string";
    case Value::Kind::Sample:
        return "*template.sample";
    case Value::Kind::Vector:
        return "template.queryResult";
    case Value::Kind::Root:
        return rootTypeName;
    }
    return {};
}

bool truth(const Value &v) {
    switch (v.kind) {
    case Value::Kind::Invalid:
    case Value::Kind::Nil:
        return false;
    case Value::Kind::Bool:
        return v.b;
    case Value::Kind::Int:
        return v.i != 0;
    case Value::Kind::Float:
        return v.f != 0;
    case Value::Kind::String:
        return !v.s.isEmpty();
    case Value::Kind::Map:
        return !v.map->empty();
    case Value::Kind::Vector:
        return !v.vector->empty();
    case Value::Kind::Sample:
    case Value::Kind::Root:
        return true;
    }
    return false;
}

QByteArray printMap(const RuleTemplate::StringMap &m) {
    QByteArray out = "map[";
    bool first = true;
    for (const auto &[k, v] : m) {
        if (!first)
            out += ' ';
        first = false;
        out += k + ':' + v;
    }
    return out + ']';
}

// fmt.Sprint of one value (%v).
QByteArray printValue(const Value &v) {
    switch (v.kind) {
    case Value::Kind::Invalid:
        return "<no value>";
    case Value::Kind::Nil:
        return "<nil>";
    case Value::Kind::Bool:
        return v.b ? "true" : "false";
    case Value::Kind::Int:
        return QByteArray::number(v.i);
    case Value::Kind::Float:
        return formatGoFloat(v.f);
    case Value::Kind::String:
        return v.s;
    case Value::Kind::Map:
        return printMap(*v.map);
    case Value::Kind::Sample:
        return "&{" + printMap(v.sample->labels) + ' ' + formatGoFloat(v.sample->value) + '}';
    case Value::Kind::Vector: {
        QByteArray out = "[";
        for (size_t i = 0; i < v.vector->size(); ++i) {
            const auto &s = (*v.vector)[i];
            out += (i ? " &{" : "&{") + printMap(s.labels) + ' ' + formatGoFloat(s.value) + '}';
        }
        return out + ']';
    }
    case Value::Kind::Root:
        return "{}";
    }
    return {};
}

// --- printf -------------------------------------------------------------------------------

QByteArray badVerb(char verb, const Value &v) {
    return "%!" + QByteArray(1, verb) + '(' + typeName(v) + '=' + printValue(v) + ')';
}

QByteArray pad(QByteArray s, int width, bool left, bool zero) {
    if (width <= s.size())
        return s;
    const qsizetype n = width - s.size();
    if (left)
        return s + QByteArray(n, ' ');
    if (zero) {
        const qsizetype sign = (!s.isEmpty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
        return s.left(sign) + QByteArray(n, '0') + s.mid(sign);
    }
    return QByteArray(n, ' ') + s;
}

QByteArray goQuoteString(const QByteArray &s) {
    QByteArray out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += QByteArray("\\") + c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (uchar(c) < 0x20)
            out += "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out + '"';
}

QByteArray goSprintf(const QByteArray &format, const std::vector<Value> &args) {
    QByteArray out;
    size_t argi = 0;
    for (qsizetype i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        if (++i >= format.size()) {
            out += "%!(NOVERB)";
            break;
        }
        bool left = false, plus = false, zero = false, space = false, sharp = false;
        for (;; ++i) {
            const char f = i < format.size() ? format[i] : 0;
            if (f == '-')
                left = true;
            else if (f == '+')
                plus = true;
            else if (f == '0')
                zero = true;
            else if (f == ' ')
                space = true;
            else if (f == '#')
                sharp = true;
            else
                break;
        }
        int width = -1, prec = -1;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9')
            width = std::max(width, 0) * 10 + (format[i++] - '0');
        if (i < format.size() && format[i] == '.') {
            ++i;
            prec = 0;
            while (i < format.size() && format[i] >= '0' && format[i] <= '9')
                prec = prec * 10 + (format[i++] - '0');
        }
        if (i >= format.size()) {
            out += "%!(NOVERB)";
            break;
        }
        const char verb = format[i];
        if (verb == '%') {
            out += '%';
            continue;
        }
        if (argi >= args.size()) {
            out += "%!" + QByteArray(1, verb) + "(MISSING)";
            continue;
        }
        const Value &v = args[argi++];
        QByteArray s;
        const bool isNum = v.kind == Value::Kind::Int || v.kind == Value::Kind::Float;
        auto sign = [&](QByteArray n) {
            if (!n.startsWith('-') && !n.startsWith('+')) {
                if (plus)
                    n.prepend('+');
                else if (space)
                    n.prepend(' ');
            }
            return n;
        };
        switch (verb) {
        case 'v':
            s = v.kind == Value::Kind::Float ? sign(formatGoFloat(v.f)) : printValue(v);
            break;
        case 's':
            s = v.kind == Value::Kind::String || v.kind == Value::Kind::Map ? printValue(v)
                                                                            : badVerb(verb, v);
            if (prec >= 0 && v.kind == Value::Kind::String)
                s = s.left(prec);
            break;
        case 'q':
            s = v.kind == Value::Kind::String ? goQuoteString(v.s) : badVerb(verb, v);
            break;
        case 't':
            s = v.kind == Value::Kind::Bool ? printValue(v) : badVerb(verb, v);
            break;
        case 'd':
            s = v.kind == Value::Kind::Int ? sign(QByteArray::number(v.i)) : badVerb(verb, v);
            break;
        case 'x':
        case 'X':
            if (v.kind == Value::Kind::Int)
                s = (v.i < 0 ? "-" : "") + QByteArray::number(std::abs(v.i), 16);
            else if (v.kind == Value::Kind::String)
                s = v.s.toHex();
            else
                s = badVerb(verb, v);
            if (sharp && v.kind == Value::Kind::Int)
                s.prepend("0x");
            if (verb == 'X')
                s = s.toUpper();
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            if (v.kind != Value::Kind::Float) {
                s = badVerb(verb, v);
                break;
            }
            const double d = v.f;
            if (std::isnan(d)) {
                s = plus ? "+NaN" : space ? " NaN" : "NaN";
            } else if (std::isinf(d)) {
                s = d > 0 ? "+Inf" : "-Inf";
                if (d > 0 && !plus)
                    s = space ? " Inf" : "+Inf";
            } else if (verb == 'g' || verb == 'G') {
                s = sign(formatGoFloat(d, prec));
                if (verb == 'G')
                    s = s.toUpper();
            } else {
                const int p = prec < 0 ? 6 : prec;
                char buf[512];
                std::snprintf(buf, sizeof buf, verb == 'f' || verb == 'F' ? "%.*f" : "%.*e", p, d);
                s = sign(QByteArray(buf));
                if (verb == 'E')
                    s = s.toUpper();
            }
            break;
        }
        default:
            s = badVerb(verb, v);
        }
        Q_UNUSED(isNum)
        out += width >= 0 ? pad(s, width, left, zero && !left) : s;
    }
    if (argi < args.size()) {
        out += "%!(EXTRA ";
        for (size_t k = argi; k < args.size(); ++k) {
            if (k > argi)
                out += ", ";
            out += typeName(args[k]) + '=' + printValue(args[k]);
        }
        out += ')';
    }
    return out;
}

// fmt.Sprint: a space between operands when neither is a string.
QByteArray sprint(const std::vector<Value> &args, bool ln) {
    QByteArray out;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i > 0 && (ln || (args[i].kind != Value::Kind::String &&
                             args[i - 1].kind != Value::Kind::String)))
            out += ' ';
        out += printValue(args[i]);
    }
    return ln ? out + '\n' : out;
}

double toFloat(const Value &v) {
    switch (v.kind) {
    case Value::Kind::Float:
        return v.f;
    case Value::Kind::Int:
        return double(v.i);
    case Value::Kind::String: {
        // strconv.ParseFloat
        const QByteArray t = v.s;
        bool ok = false;
        double d = t.toDouble(&ok);
        if (!ok) {
            const QByteArray l = t.toLower();
            if (l == "inf" || l == "+inf" || l == "infinity" || l == "+infinity")
                return qInf();
            if (l == "-inf" || l == "-infinity")
                return -qInf();
            if (l == "nan")
                return qQNaN();
            throw CallFailure{QStringLiteral("strconv.ParseFloat: parsing %1: invalid syntax")
                                  .arg(QString::fromUtf8(goQuoteString(t)))};
        }
        return d;
    }
    default:
        throw CallFailure{
            QStringLiteral("can't convert %1 to float").arg(QString::fromUtf8(typeName(v)))};
    }
}

QByteArray humanizeSmall(double v, const char *suffix) {
    static const char *prefixes[] = {"m", "u", "n", "p", "f", "a", "z", "y"};
    QByteArray prefix;
    for (const char *p : prefixes) {
        if (std::abs(v) >= 1)
            break;
        prefix = p;
        v *= 1000;
    }
    return formatGoFloat(v, 4) + prefix + suffix;
}

QByteArray humanize(double v) {
    if (v == 0 || std::isnan(v) || std::isinf(v))
        return formatGoFloat(v, 4);
    if (std::abs(v) >= 1) {
        static const char *prefixes[] = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
        QByteArray prefix;
        for (const char *p : prefixes) {
            if (std::abs(v) < 1000)
                break;
            prefix = p;
            v /= 1000;
        }
        return formatGoFloat(v, 4) + prefix;
    }
    return humanizeSmall(v, "");
}

QByteArray humanize1024(double v) {
    if (std::abs(v) <= 1 || std::isnan(v) || std::isinf(v))
        return formatGoFloat(v, 4);
    static const char *prefixes[] = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    QByteArray prefix;
    for (const char *p : prefixes) {
        if (std::abs(v) < 1024)
            break;
        prefix = p;
        v /= 1024;
    }
    return formatGoFloat(v, 4) + prefix;
}

QByteArray humanizeDuration(double v) {
    if (std::isnan(v) || std::isinf(v))
        return formatGoFloat(v, 4);
    if (v == 0)
        return formatGoFloat(v, 4) + 's';
    if (std::abs(v) >= 1) {
        QByteArray sign;
        if (v < 0) {
            sign = "-";
            v = -v;
        }
        const qint64 d = qint64(v);
        const qint64 seconds = d % 60, minutes = (d / 60) % 60, hours = (d / 3600) % 24,
                     days = d / 86400;
        auto n = [](qint64 x) { return QByteArray::number(x); };
        if (days)
            return sign + n(days) + "d " + n(hours) + "h " + n(minutes) + "m " + n(seconds) + 's';
        if (hours)
            return sign + n(hours) + "h " + n(minutes) + "m " + n(seconds) + 's';
        if (minutes)
            return sign + n(minutes) + "m " + n(seconds) + 's';
        return sign + formatGoFloat(v, 4) + 's';
    }
    return humanizeSmall(v, "s");
}

QByteArray formatGoFloat(double v, int prec) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    // Decimal digits (no trailing zeros) and the exponent, as strconv computes them.
    char buf[64];
    const bool shortest = prec < 0;
    if (prec == 0)
        prec = 1;
    const auto res =
        shortest ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific)
                 : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, prec - 1);
    const QByteArray sci(buf, res.ptr - buf);
    const qsizetype e = sci.indexOf('e');
    QByteArray mant = sci.left(e);
    const int exp10 = sci.mid(e + 1).toInt();
    const bool neg = mant.startsWith('-');
    if (neg)
        mant = mant.mid(1);
    QByteArray digits = mant;
    digits.replace(".", "");
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const bool zero = digits == "0";
    const int nd = zero ? 0 : int(digits.size());
    const int dp = zero ? 0 : exp10 + 1;
    if (zero)
        digits.clear();
    if (shortest)
        prec = nd;
    int eprec = prec;
    if (eprec > nd && nd >= dp)
        eprec = nd;
    if (shortest)
        eprec = 6;
    const int exp = dp - 1;
    QByteArray out = neg ? "-" : "";
    auto digit = [&](int i) { return i >= 0 && i < nd ? digits[i] : '0'; };
    if (exp < -4 || exp >= eprec) {
        const int p = std::min(prec, nd) - 1;
        out += nd ? digits[0] : '0';
        if (p > 0) {
            out += '.';
            for (int i = 1; i <= p; ++i)
                out += digit(i);
        }
        const int x = nd ? exp : 0;
        out += x < 0 ? "e-" : "e+";
        out += QByteArray::number(std::abs(x)).rightJustified(2, '0');
        return out;
    }
    if (prec > dp)
        prec = nd;
    const int frac = std::max(prec - dp, 0);
    if (dp > 0) {
        for (int i = 0; i < dp; ++i)
            out += digit(i);
    } else {
        out += '0';
    }
    if (frac > 0) {
        out += '.';
        for (int i = 0; i < frac; ++i)
            out += digit(dp + i);
    }
    return out;
}

} // namespace ppl::rules::tmpl
