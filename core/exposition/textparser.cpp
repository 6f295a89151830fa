#include "textparser.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace ppl {

namespace {

inline bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
inline bool isLabelNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool isLabelNameChar(char c) {
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
}
inline bool isMetricNameStart(char c) {
    return isLabelNameStart(c) || c == ':';
}
inline bool isMetricNameChar(char c) {
    return isLabelNameChar(c) || c == ':';
}

// Past the metric name (skipLabelName: the label name) starting at p; p itself if none does.
inline const char *skipMetricName(const char *p) {
    if (isMetricNameStart(*p)) {
        ++p;
        while (isMetricNameChar(*p))
            ++p;
    }
    return p;
}
inline const char *skipLabelName(const char *p) {
    if (isLabelNameStart(*p)) {
        ++p;
        while (isLabelNameChar(*p))
            ++p;
    }
    return p;
}

inline const char *skipBlanks(const char *p) {
    while (isBlank(*p))
        ++p;
    return p;
}

// Every scan below stops at '\n', and the buffer always ends with one: no bounds checks.
inline const char *tokenEnd(const char *p) {
    while (!isBlank(*p) && *p != '\n')
        ++p;
    return p;
}

struct TextParserText {
    Q_DECLARE_TR_FUNCTIONS(ppl::TextParser)
};

bool equalsIgnoreCase(QByteArrayView a, const char *lower) {
    const auto n = qsizetype(std::strlen(lower));
    if (a.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

qsizetype commonPrefixIgnoreCase(QByteArrayView s, const char *lower) {
    qsizetype i = 0;
    for (; i < s.size() && lower[i]; ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            break;
    }
    return i;
}

} // namespace

namespace detail {

bool parseGoFloat(QByteArrayView t, double *out) {
    const char *p = t.data();
    const char *const end = p + t.size();
    // Fast path: a plain non-negative integer that a double holds exactly.
    if (t.size() > 0 && t.size() <= 15) {
        qint64 v = 0;
        const char *q = p;
        while (q != end && *q >= '0' && *q <= '9')
            v = v * 10 + (*q++ - '0');
        if (q == end) {
            *out = double(v);
            return true;
        }
    }
    if (p == end)
        return false;
    bool negative = false;
    const char *s = p;
    if (*s == '+' || *s == '-') {
        negative = *s == '-';
        ++s;
    }
    // Go's special(): [+-]inf, [+-]infinity, nan (no sign), case-insensitive.
    const QByteArrayView rest(s, end - s);
    if (!rest.isEmpty() && (rest[0] == 'i' || rest[0] == 'I')) {
        const qsizetype n = commonPrefixIgnoreCase(rest, "infinity");
        if ((n == 3 && rest.size() == 3) || (n == 8 && rest.size() == 8)) {
            *out = negative ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
            return true;
        }
        return false;
    }
    if (s == p && !rest.isEmpty() && (rest[0] == 'n' || rest[0] == 'N')) {
        if (rest.size() == 3 && commonPrefixIgnoreCase(rest, "nan") == 3) {
            *out = std::numeric_limits<double>::quiet_NaN();
            return true;
        }
        return false;
    }
    // Go's decimal grammar: digits [. digits] | . digits, then [eE [+-] digits].
    const char *q = s;
    bool digits = false;
    int intDigits = 0; // significant digits before the point, for the range check below
    int leadingFractionZeros = 0;
    bool seenNonZero = false;
    while (q != end && *q >= '0' && *q <= '9') {
        digits = true;
        if (*q != '0' || seenNonZero) {
            seenNonZero = true;
            ++intDigits;
        }
        ++q;
    }
    if (q != end && *q == '.') {
        ++q;
        while (q != end && *q >= '0' && *q <= '9') {
            digits = true;
            if (!seenNonZero) {
                if (*q == '0')
                    ++leadingFractionZeros;
                else
                    seenNonZero = true;
            }
            ++q;
        }
    }
    if (!digits)
        return false;
    long exponent = 0;
    if (q != end && (*q == 'e' || *q == 'E')) {
        ++q;
        bool expNegative = false;
        if (q != end && (*q == '+' || *q == '-')) {
            expNegative = *q == '-';
            ++q;
        }
        if (q == end || *q < '0' || *q > '9')
            return false;
        while (q != end && *q >= '0' && *q <= '9') {
            if (exponent < 100000)
                exponent = exponent * 10 + (*q - '0');
            ++q;
        }
        if (expNegative)
            exponent = -exponent;
    }
    if (q != end)
        return false;
    double v = 0;
    // from_chars takes no '+', and handles the rest of this grammar exactly.
    const auto r = std::from_chars(negative ? s - 1 : s, end, v, std::chars_format::general);
    if (r.ec == std::errc::result_out_of_range) {
        // from_chars reports both ends; Go fails only on overflow and rounds underflow to 0.
        const long magnitude =
            seenNonZero ? (intDigits > 0 ? intDigits : -leadingFractionZeros) + exponent : 0;
        if (magnitude > 0)
            return false;
        *out = negative ? -0.0 : 0.0;
        return true;
    }
    if (r.ec != std::errc() || r.ptr != end)
        return false;
    *out = v;
    return true;
}

bool parseGoInt64(QByteArrayView t, qint64 *out) {
    const char *p = t.data();
    const char *const end = p + t.size();
    if (p != end && *p == '+')
        ++p;
    if (p == end || *p == '+')
        return false;
    qint64 v = 0;
    const auto r = std::from_chars(p, end, v, 10);
    if (r.ec != std::errc() || r.ptr != end)
        return false;
    *out = v;
    return true;
}

namespace {
// True when the token is Go decimal float syntax, so a failed parse can only be a range error.
bool isDecimalFloatSyntax(QByteArrayView t) {
    qsizetype i = 0;
    const auto digitsAt = [&] {
        const qsizetype from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
        ++i;
    bool digits = digitsAt();
    if (i < t.size() && t[i] == '.') {
        ++i;
        digits = digitsAt() || digits;
    }
    if (!digits)
        return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digitsAt())
            return false;
    }
    return i == t.size();
}
} // namespace

QString promParseFloatError(QByteArrayView token) {
    // textparse's parseFloat keeps to pre-Go-1.13 syntax before asking strconv.
    for (const char c : token) {
        if (c == 'p' || c == 'P' || c == '_')
            return TextParserText::tr("unsupported character in float");
    }
    const QString quoted = goQuote(token);
    if (isDecimalFloatSyntax(token))
        return TextParserText::tr("strconv.ParseFloat: parsing %1: value out of range").arg(quoted);
    return TextParserText::tr("strconv.ParseFloat: parsing %1: invalid syntax").arg(quoted);
}

void appendLabelValueUnescaped(QByteArray &out, QByteArrayView raw) {
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        const char e = i + 1 < raw.size() ? raw[i + 1] : '\0';
        if (c == '\\' && (e == '"' || e == '\\' || e == 'n')) {
            out.append(e == 'n' ? '\n' : e);
            ++i;
        } else {
            out.append(c);
        }
    }
}

namespace {
// Length of a valid UTF-8 sequence at p (0 when invalid), as Go's utf8.DecodeRune decides.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end) {
    const unsigned char c = p[0];
    int n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (end - p < n)
        return 0;
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void appendHexEscape(QByteArray &out, const char *prefix, unsigned v, int width) {
    static const char hex[] = "0123456789abcdef";
    out.append(prefix);
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4)
        out.append(hex[(v >> shift) & 0xF]);
}

bool appendCommonEscape(QByteArray &out, unsigned char c) {
    switch (c) {
    case '\a':
        out.append("\\a");
        return true;
    case '\b':
        out.append("\\b");
        return true;
    case '\f':
        out.append("\\f");
        return true;
    case '\n':
        out.append("\\n");
        return true;
    case '\r':
        out.append("\\r");
        return true;
    case '\t':
        out.append("\\t");
        return true;
    case '\v':
        out.append("\\v");
        return true;
    case '\\':
        out.append("\\\\");
        return true;
    default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
        appendHexEscape(out, "\\x", c, 2);
        return true;
    }
    return false;
}
} // namespace

QString goQuote(QByteArrayView bytes) {
    QByteArray out;
    out.reserve(bytes.size() + 2);
    out.append('"');
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if (c == '"')
                out.append("\\\"");
            else if (!appendCommonEscape(out, c))
                out.append(char(c));
            ++p;
            continue;
        }
        const int n = utf8SequenceLength(p, end);
        if (n == 0) {
            appendHexEscape(out, "\\x", c, 2);
            ++p;
        } else {
            out.append(reinterpret_cast<const char *>(p), n);
            p += n;
        }
    }
    out.append('"');
    return QString::fromUtf8(out);
}

QString goQuoteByte(char ch) {
    // Go's %q of a byte quotes it as the rune U+00XX.
    const auto c = static_cast<unsigned char>(ch);
    QByteArray out("'");
    if (c == '\'')
        out.append("\\'");
    else if (c < 0x80) {
        if (!appendCommonEscape(out, c))
            out.append(char(c));
    } else if (c < 0xA1 || c == 0xAD) {
        appendHexEscape(out, "\\u", c, 4);
    } else {
        out.append(QString(QChar(c)).toUtf8());
    }
    out.append('\'');
    return QString::fromUtf8(out);
}

} // namespace detail

TextParser::TextParser(QByteArrayView input, Dialect dialect)
    : m_dialect(dialect) {
    if (!input.isEmpty() && input.back() != '\n') {
        // The scanners rely on a final '\n' as a sentinel; one copy only in this rare case.
        m_padded.reserve(input.size() + 1);
        m_padded.append(input.data(), input.size());
        m_padded.append('\n');
        input = m_padded;
    }
    m_pos = input.data();
    m_end = input.data() + input.size();
    m_labels.reserve(16);
}

TextParser::Entry TextParser::fail(QString message) {
    m_failed = true;
    m_error.line = m_line;
    m_error.message = std::move(message);
    return Entry::Error;
}

bool TextParser::failed(QString message) {
    fail(std::move(message));
    return false;
}

TextParser::Entry TextParser::next() {
    if (m_failed)
        return Entry::Error;
    if (m_dialect == Dialect::PromParse)
        return nextPromParse();
    for (;;) {
        if (m_pos == m_end)
            return Entry::End;
        ++m_line;
        m_pos = skipBlanks(m_pos);
        const char c = *m_pos;
        if (c == '\n') {
            ++m_pos;
            continue;
        }
        if (c == '#')
            return parseComment();
        return parseSample();
    }
}

TextParser::Entry TextParser::parseComment() {
    m_name = {};
    const char *p = skipBlanks(m_pos + 1);
    const char *keywordEnd = tokenEnd(p);
    const QByteArrayView keyword(p, keywordEnd - p);
    p = keywordEnd;
    const bool isHelp = keyword == "HELP";
    if (*p == '\n' || (!isHelp && keyword != "TYPE")) {
        // A bare keyword or any other comment: ignored, as Go does.
        m_pos = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p))) + 1;
        return Entry::Comment;
    }
    p = skipBlanks(p);
    const char *nameBegin = p;
    p = skipMetricName(p);
    if (*p == '\n') {
        m_pos = p + 1;
        return Entry::Comment;
    }
    if (!isBlank(*p))
        return fail(TextParserText::tr("invalid metric name in comment"));
    m_name = QByteArrayView(nameBegin, p - nameBegin);
    p = skipBlanks(p);
    if (*p == '\n') {
        m_pos = p + 1;
        return Entry::Comment;
    }
    m_pos = p;
    if (isHelp)
        return readHelpText() ? Entry::Help : Entry::Error;

    const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p)));
    const QByteArrayView typeName(p, lineEnd - p);
    m_pos = lineEnd + 1;
    // Go looks the type up case-insensitively and takes the whole rest of the line.
    if (equalsIgnoreCase(typeName, "counter"))
        m_type = MetricType::Counter;
    else if (equalsIgnoreCase(typeName, "gauge"))
        m_type = MetricType::Gauge;
    else if (equalsIgnoreCase(typeName, "histogram"))
        m_type = MetricType::Histogram;
    else if (equalsIgnoreCase(typeName, "summary"))
        m_type = MetricType::Summary;
    else if (equalsIgnoreCase(typeName, "untyped"))
        m_type = MetricType::Untyped;
    else
        return fail(TextParserText::tr("unknown metric type %1").arg(detail::goQuote(typeName)));
    return Entry::Type;
}

bool TextParser::readHelpText() {
    const char *p = m_pos;
    const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p)));
    const char *backslash = static_cast<const char *>(std::memchr(p, '\\', size_t(lineEnd - p)));
    if (!backslash) {
        m_help = QByteArrayView(p, lineEnd - p);
        m_pos = lineEnd + 1;
        return true;
    }
    // HELP knows only \\ and \n (the Pushgateway 1.5.1 parser rejects \" here).
    m_scratch.clear();
    m_scratch.append(p, backslash - p);
    for (p = backslash; p != lineEnd; ++p) {
        if (*p != '\\') {
            m_scratch.append(*p);
            continue;
        }
        const char e = p[1];
        if (e == '\\')
            m_scratch.append('\\');
        else if (e == 'n')
            m_scratch.append('\n');
        else
            return failed(TextParserText::tr("invalid escape sequence '\\%1'")
                              .arg(QString::fromLatin1(&e, 1)));
        ++p;
    }
    m_help = m_scratch;
    m_pos = lineEnd + 1;
    return true;
}

TextParser::Entry TextParser::parseSample() {
    const char *p = m_pos;
    const char *nameBegin = p;
    p = skipMetricName(p);
    if (p == nameBegin)
        return fail(TextParserText::tr("invalid metric name"));
    m_name = QByteArrayView(nameBegin, p - nameBegin);
    p = skipBlanks(p);
    m_labels.clear();
    m_scratch.clear();
    if (*p == '{') {
        m_pos = p;
        if (!readLabels())
            return Entry::Error;
        p = m_pos;
    }
    const char *valueEnd = tokenEnd(p);
    const QByteArrayView valueToken(p, valueEnd - p);
    if (!detail::parseGoFloat(valueToken, &m_value))
        return fail(
            TextParserText::tr("expected float as value, got %1").arg(detail::goQuote(valueToken)));
    p = valueEnd;
    if (*p == '\n') {
        m_timestamp.reset();
        m_pos = p + 1;
        return Entry::Sample;
    }
    p = skipBlanks(p);
    const char *tsEnd = tokenEnd(p);
    const QByteArrayView tsToken(p, tsEnd - p);
    qint64 ts = 0;
    if (!detail::parseGoInt64(tsToken, &ts))
        return fail(TextParserText::tr("expected integer as timestamp, got %1")
                        .arg(detail::goQuote(tsToken)));
    m_timestamp = ts;
    p = tsEnd;
    if (*p != '\n') {
        const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p)));
        return fail(TextParserText::tr("spurious string after timestamp: %1")
                        .arg(detail::goQuote(QByteArrayView(p, lineEnd - p))));
    }
    m_pos = p + 1;
    return Entry::Sample;
}

bool TextParser::readLabels() {
    const char *p = m_pos; // at '{'
    for (;;) {
        p = skipBlanks(p + 1);
        if (*p == '}') {
            m_pos = skipBlanks(p + 1);
            return true;
        }
        const char *nameBegin = p;
        p = skipLabelName(p);
        if (p == nameBegin)
            return failed(TextParserText::tr("invalid label name for metric %1")
                              .arg(detail::goQuote(m_name)));
        const QByteArrayView name(nameBegin, p - nameBegin);
        p = skipBlanks(p);
        if (*p != '=')
            return failed(TextParserText::tr("expected '=' after label name, found %1")
                              .arg(detail::goQuoteByte(*p)));
        if (name == "__name__")
            return failed(TextParserText::tr("label name \"__name__\" is reserved"));
        for (const Label &l : m_labels) {
            if (l.name == name)
                return failed(TextParserText::tr("duplicate label names for metric %1")
                                  .arg(detail::goQuote(m_name)));
        }
        p = skipBlanks(p + 1);
        if (*p != '"')
            return failed(TextParserText::tr("expected '\"' at start of label value, found %1")
                              .arg(detail::goQuoteByte(*p)));
        Label &label = m_labels.emplace_back();
        label.name = name;
        m_pos = p;
        if (!readLabelValue(label))
            return false;
        p = skipBlanks(m_pos);
        if (*p == ',')
            continue;
        if (*p == '}') {
            m_pos = skipBlanks(p + 1);
            return true;
        }
        return failed(TextParserText::tr("unexpected end of label value %1")
                          .arg(detail::goQuote(labelValue(labelCount() - 1))));
    }
}

bool TextParser::readLabelValue(Label &label) {
    const char *begin = m_pos + 1; // after the opening quote
    const char *p = begin;
    unsigned char high = 0;
    char c;
    while ((c = *p) != '"' && c != '\\' && c != '\n') {
        high |= static_cast<unsigned char>(c);
        ++p;
    }
    QByteArrayView value;
    if (c == '"') {
        label.valueBegin = begin;
        label.valueSize = p - begin;
        label.inScratch = false;
        value = QByteArrayView(begin, p - begin);
    } else {
        label.inScratch = true;
        label.valueOffset = m_scratch.size();
        m_scratch.append(begin, p - begin);
        for (;;) {
            c = *p;
            if (c == '"')
                break;
            if (c == '\n') {
                label.valueSize = m_scratch.size() - label.valueOffset;
                return failed(TextParserText::tr("label value %1 contains unescaped new-line")
                                  .arg(detail::goQuote(labelValue(labelCount() - 1))));
            }
            if (c == '\\') {
                const char e = p[1];
                if (e == '\\' || e == '"')
                    m_scratch.append(e);
                else if (e == 'n')
                    m_scratch.append('\n');
                else
                    return failed(TextParserText::tr("invalid escape sequence '\\%1'")
                                      .arg(QString::fromLatin1(&e, 1)));
                p += 2;
                continue;
            }
            high |= static_cast<unsigned char>(c);
            m_scratch.append(c);
            ++p;
        }
        label.valueSize = m_scratch.size() - label.valueOffset;
        value = QByteArrayView(m_scratch.constData() + label.valueOffset, label.valueSize);
    }
    if ((high & 0x80) && !value.isValidUtf8())
        return failed(TextParserText::tr("invalid label value %1").arg(detail::goQuote(value)));
    m_pos = p + 1;
    return true;
}

// ---- PromParse dialect (promlex.l's automaton, written as direct scans) ----
//
// The lexer's start conditions map onto the code below: sInit is the line start, sComment
// the text after `#` and blanks, sMeta1/sMeta2 the name and text of HELP/TYPE, sLabels/sLValue
// the braces, sValue/sTimestamp the rest of a sample line. Blanks ([ \t]+) may separate any two
// tokens. The body always ends with '\n' (as NewPromParser appends one).

namespace {
// The name of the promlex token starting with c inside braces, for messages like promparse's.
const char *promLabelsTokenAt(char c) {
    switch (c) {
    case ',':
        return "COMMA";
    case '=':
        return "EQUAL";
    case '}':
        return "BCLOSE";
    default:
        return isLabelNameStart(c) ? "LNAME" : "INVALID";
    }
}
// <sValue>[^{ \t\n]+ (a NUL does not belong to it either).
constexpr auto kNotPromValueChar = [] {
    std::array<bool, 256> t{};
    for (const unsigned char c : {'{', ' ', '\t', '\n', '\0'})
        t[c] = true;
    return t;
}();
inline const char *skipNuls(const char *p) {
    while (*p == '\0')
        ++p;
    return p;
}
inline bool isPromValueChar(char c) {
    return !kNotPromValueChar[static_cast<unsigned char>(c)];
}
} // namespace

TextParser::Entry TextParser::nextPromParse() {
    for (;;) {
        if (m_pos == m_end)
            return Entry::End;
        ++m_line;
        const char *lineStart = m_pos;
        const char *p = skipBlanks(m_pos);
        const char c = *p;
        if (c == '\n') { // a blank line, blanks only or empty
            m_pos = p + 1;
            continue;
        }
        if (c == '#')
            return parseCommentPromParse(p);
        if (isMetricNameStart(c))
            return parseSamplePromParse(lineStart, p);
        if (c == '\0') { // \0 at a token start is tEOF: the rest is ignored, no error
            m_pos = m_end;
            return Entry::End;
        }
        return fail(TextParserText::tr("\"INVALID\" is not a valid start token"));
    }
}

TextParser::Entry TextParser::parseCommentPromParse(const char *p) {
    m_name = {};
    const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', size_t(m_end - p)));
    ++p;
    // `#` without a blank is consumed in sInit, where a NUL is tEOF; after `#[ \t]+` (sComment)
    // NULs are skipped, except one right after the blanks, which is read before the switch.
    if (!isBlank(*p) || (p = skipBlanks(p), *p == '\0')) {
        if (std::memchr(p, '\0', size_t(lineEnd - p))) {
            m_pos = m_end;
            return Entry::End;
        }
        m_pos = lineEnd + 1;
        return Entry::Comment;
    }
    // <sComment>(HELP|TYPE)[\t ]+; in sComment the lexer skips NULs (promlexer.next), so
    // they may hide anywhere in it after the first letter.
    const bool isHelp = *p == 'H';
    const char *keyword = isHelp ? "HELP" : *p == 'T' ? "TYPE" : nullptr;
    for (int k = 1; keyword && k <= 4; ++k) {
        p = skipNuls(p + 1);
        if (k < 4 ? *p != keyword[k] : !isBlank(*p))
            keyword = nullptr;
    }
    if (!keyword) { // any other comment, `# EOF` and `# UNIT` included
        m_pos = lineEnd + 1;
        return Entry::Comment;
    }
    const bool isType = !isHelp;
    const char *kind = keyword;
    while (isBlank(*p))
        p = skipNuls(p + 1);
    const char *nameBegin = p;
    p = skipMetricName(p);
    if (p == nameBegin)
        return fail(TextParserText::tr("expected metric name after %1, got \"INVALID\"")
                        .arg(QLatin1StringView(kind)));
    m_name = QByteArrayView(nameBegin, p - nameBegin);
    // A NUL read in sMeta1 is not skipped: the text is empty and the input ends there. promparse
    // checks the text (a type must be one it knows) before it asks for the line break.
    if (*p == '\0')
        return fail(isType ? TextParserText::tr("invalid metric type \"\"")
                           : TextParserText::tr("linebreak expected after metadata, got \"EOF\""));
    // <sMeta2>{C}* starts right after the name; its first byte (the separating blank, or
    // whatever follows the name) is dropped. Blanks up to the line end are whitespace.
    // NULs after the first byte are skipped there, so blanks and NULs up to the line end
    // are whitespace too.
    QByteArrayView text;
    const char *q = p;
    while (isBlank(*q))
        q = skipNuls(q + 1);
    if (lineEnd - p > 1 && q != lineEnd)
        text = QByteArrayView(p + 1, lineEnd - p - 1);
    m_pos = lineEnd + 1;
    if (isType) {
        if (text == "counter")
            m_type = MetricType::Counter;
        else if (text == "gauge")
            m_type = MetricType::Gauge;
        else if (text == "histogram")
            m_type = MetricType::Histogram;
        else if (text == "summary")
            m_type = MetricType::Summary;
        else if (text == "untyped")
            m_type = MetricType::Untyped;
        else
            return fail(TextParserText::tr("invalid metric type %1").arg(detail::goQuote(text)));
        return Entry::Type;
    }
    if (!text.isValidUtf8())
        return fail(TextParserText::tr("help text is not a valid utf8 string"));
    if (!text.contains('\\')) {
        m_help = text;
        return Entry::Help;
    }
    // helpReplacer: only \\ and \n mean something; any other escape stays as written.
    m_scratch.clear();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char e = i + 1 < text.size() ? text[i + 1] : '\0';
        if (text[i] == '\\' && (e == '\\' || e == 'n')) {
            m_scratch.append(e == 'n' ? '\n' : '\\');
            ++i;
        } else {
            m_scratch.append(text[i]);
        }
    }
    m_help = m_scratch;
    return Entry::Help;
}

TextParser::Entry TextParser::parseSamplePromParse(const char *lineStart, const char *p) {
    const char *nameBegin = p;
    ++p;
    while (isMetricNameChar(*p))
        ++p;
    m_name = QByteArrayView(nameBegin, p - nameBegin);
    p = skipBlanks(p);
    m_labels.clear();
    m_scratch.clear();
    if (*p == '{') {
        if (!readLabelsPromParse(p))
            return Entry::Error;
        p = skipBlanks(m_pos);
    }
    if (!isPromValueChar(*p))
        return fail(TextParserText::tr("expected value after metric, got \"%1\"")
                        .arg(QLatin1StringView(*p == '{' ? "BOPEN" : "INVALID")));
    const char *valueBegin = p;
    while (isPromValueChar(*p))
        ++p;
    const QByteArrayView valueToken(valueBegin, p - valueBegin);
    if (!detail::parseGoFloat(valueToken, &m_value))
        return fail(detail::promParseFloatError(valueToken));
    p = skipBlanks(p);
    m_timestamp.reset();
    if (*p != '\n') {
        // <sTimestamp>{D}+: digits only, no sign.
        const char *tsBegin = p;
        while (*p >= '0' && *p <= '9')
            ++p;
        if (p == tsBegin)
            return fail(TextParserText::tr("expected timestamp or new record, got \"INVALID\""));
        const QByteArrayView tsToken(tsBegin, p - tsBegin);
        qint64 ts = 0;
        if (!detail::parseGoInt64(tsToken, &ts))
            return fail(TextParserText::tr("strconv.ParseInt: parsing %1: value out of range")
                            .arg(detail::goQuote(tsToken)));
        m_timestamp = ts;
        p = skipBlanks(p);
        if (*p != '\n')
            return fail(
                TextParserText::tr("expected next entry after timestamp, got \"%1\"")
                    .arg(QLatin1StringView(*p >= '0' && *p <= '9' ? "TIMESTAMP" : "INVALID")));
    }
    m_pos = p + 1;
    // The checks Prometheus's scrape loop and head make on the label set, in their order:
    // `__name__=""` deletes the name; every `__name__` must be a valid metric name (promparse
    // keeps leading blanks in the name, and a `__name__` label in the braces is a second one,
    // checked before the head finds it repeated: `a{__name__="\r"} 1`); the scraper words
    // that with the merged label set. Then no name may repeat (resolveDuplicateLabels()).
    bool nameDeleted = false;
    bool invalidName = nameBegin != lineStart;
    for (int i = 0; i < labelCount(); ++i) {
        if (m_labels[size_t(i)].name != "__name__")
            continue;
        if (m_labels[size_t(i)].valueSize == 0)
            nameDeleted = true;
        else if (!isValidMetricName(labelValue(i)))
            invalidName = true;
    }
    if (nameDeleted) {
        fail(TextParserText::tr("missing metric name (__name__ label)"));
    } else if (invalidName) {
        m_name = QByteArrayView(lineStart, m_name.end());
        fail(TextParserText::tr("invalid metric name or label names"));
        m_error.invalidLabelSet = true;
    } else if (resolveDuplicateLabels()) {
        return Entry::Sample;
    }
    // A whole sample was read: Prometheus counts it in scrape_samples_scraped before failing.
    m_error.kind = ParseError::Kind::Consistency;
    return Entry::Error;
}

bool TextParser::readLabelsPromParse(const char *p) {
    p = skipBlanks(p + 1); // after '{'
    for (;;) {
        if (*p == '}') {
            m_pos = p + 1;
            return true;
        }
        const char *nameBegin = p;
        if (!isLabelNameStart(*p))
            return failed(TextParserText::tr("expected label name, got \"%1\"")
                              .arg(QLatin1StringView(promLabelsTokenAt(*p))));
        ++p;
        while (isLabelNameChar(*p))
            ++p;
        Label &label = m_labels.emplace_back();
        label.name = QByteArrayView(nameBegin, p - nameBegin);
        p = skipBlanks(p);
        if (*p != '=')
            return failed(TextParserText::tr("expected equal, got \"%1\"")
                              .arg(QLatin1StringView(promLabelsTokenAt(*p))));
        ++p;
        // Blanks before the value are lexed in sLValue, where NULs are skipped.
        while (isBlank(*p))
            p = skipNuls(p + 1);
        if (*p != '"')
            return failed(TextParserText::tr("expected label value, got \"INVALID\""));
        // \"(\\.|[^\\"])*\": a raw newline is fine, a backslash escapes any byte but '\n'.
        const char *begin = ++p;
        const char *firstBackslash = nullptr;
        unsigned char high = 0;
        for (;;) {
            char c;
            while ((c = *p) != '"' && c != '\\' && c != '\n') {
                high |= static_cast<unsigned char>(c);
                ++p;
            }
            if (c == '"')
                break;
            if (c == '\\') {
                if (!firstBackslash)
                    firstBackslash = p;
                p = skipNuls(p + 1); // the escaped byte; NULs before it are skipped
                if (*p == '\n')
                    return failed(TextParserText::tr("expected label value, got \"INVALID\""));
                high |= static_cast<unsigned char>(*p);
                ++p;
                continue;
            }
            if (p + 1 == m_end) // the final '\n': the value never ends
                return failed(TextParserText::tr("expected label value, got \"INVALID\""));
            ++m_line;
            ++p;
        }
        // The lexer reads the byte after the closing quote still in sLValue, so NULs there are
        // skipped; promparse then takes the value as ending one byte before the lexer's
        // position: the quote and all but one of those NULs become part of the value.
        const char *after = p + 1;
        const char *valueEnd = p;
        if (*after == '\0') {
            after = skipNuls(after);
            valueEnd = after - 1;
        }
        const QByteArrayView raw(begin, valueEnd - begin);
        if ((high & 0x80) && !raw.isValidUtf8())
            return failed(TextParserText::tr("invalid UTF-8 label value"));
        if (!firstBackslash) {
            label.valueBegin = begin;
            label.valueSize = raw.size();
            label.inScratch = false;
        } else {
            // On the value's bytes, NULs included: an escape split by a NUL is no escape here.
            label.inScratch = true;
            label.valueOffset = m_scratch.size();
            m_scratch.append(begin, firstBackslash - begin);
            detail::appendLabelValueUnescaped(m_scratch, QByteArrayView(firstBackslash, valueEnd));
            label.valueSize = m_scratch.size() - label.valueOffset;
        }
        p = skipBlanks(after);
        if (*p == ',') // commas are optional, a trailing one is fine
            p = skipBlanks(p + 1);
    }
}

bool TextParser::resolveDuplicateLabels() {
    QString error;
    if (ppl::resolveDuplicateLabels(m_labels, m_replacedLabelNames, &error))
        return true;
    return failed(error);
}

} // namespace ppl
