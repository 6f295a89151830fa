#include "openmetricsparser.h"

#include "mediatype.h"
#include "textparser.h"

#include <QCoreApplication>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace ppl {

namespace {

struct OpenMetricsParserText {
    Q_DECLARE_TR_FUNCTIONS(ppl::OpenMetricsParser)
};

enum CharClass : unsigned char {
    kMetricStart = 1,  // [a-zA-Z_:]
    kMetricChar = 2,   // [a-zA-Z0-9_:]
    kLabelStart = 4,   // [a-zA-Z_]
    kLabelChar = 8,    // [a-zA-Z0-9_]
    kValueChar = 16,   // [^\0 \n]: values and timestamps
    kQuotedPlain = 32, // [^\0\n"\\]: label value bytes that need no look
};

constexpr std::array<unsigned char, 256> kClass = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        unsigned char v = 0;
        if (letter || c == ':')
            v |= kMetricStart;
        if (letter || digit || c == ':')
            v |= kMetricChar;
        if (letter)
            v |= kLabelStart;
        if (letter || digit)
            v |= kLabelChar;
        if (c != 0 && c != ' ' && c != '\n')
            v |= kValueChar;
        if (c != 0 && c != '\n' && c != '"' && c != '\\')
            v |= kQuotedPlain;
        t[size_t(c)] = v;
    }
    return t;
}();

inline bool is(unsigned char c, CharClass cls) {
    return kClass[c] & cls;
}

// Go's %q of string(b) for a byte b: the rune U+00XX, quoted.
QString quoteByteAsRune(unsigned char c) {
    if (c < 0x80) {
        const char ch = char(c);
        return detail::goQuote(QByteArrayView(&ch, 1));
    }
    if (c < 0xA1 || c == 0xAD) // not printable for Go's strconv
        return QStringLiteral("\"\\u%1\"").arg(unsigned(c), 4, 16, QLatin1Char('0'));
    return QLatin1Char('"') + QChar(c) + QLatin1Char('"');
}

// Go's int64(f) on amd64 (CVTTSD2SQ): truncation, and the "integer indefinite" value when
// the result does not fit.
qint64 goFloatToInt64(double f) {
    if (!(f > -9223372036854775808.0 && f < 9223372036854775808.0))
        return std::numeric_limits<qint64>::min();
    return qint64(f);
}

} // namespace

QByteArray openMetricsTypeName(OpenMetricsType type) {
    switch (type) {
    case OpenMetricsType::Counter:
        return QByteArrayLiteral("counter");
    case OpenMetricsType::Gauge:
        return QByteArrayLiteral("gauge");
    case OpenMetricsType::Histogram:
        return QByteArrayLiteral("histogram");
    case OpenMetricsType::GaugeHistogram:
        return QByteArrayLiteral("gaugehistogram");
    case OpenMetricsType::Summary:
        return QByteArrayLiteral("summary");
    case OpenMetricsType::Info:
        return QByteArrayLiteral("info");
    case OpenMetricsType::Stateset:
        return QByteArrayLiteral("stateset");
    case OpenMetricsType::Unknown:
        break;
    }
    return QByteArrayLiteral("unknown");
}

bool isOpenMetricsContentType(QByteArrayView contentType, QByteArray *version) {
    const std::optional<MediaType> media = parseMediaType(contentType);
    if (!media || media->type != "application/openmetrics-text")
        return false;
    if (version)
        *version = media->parameter("version");
    return true;
}

OpenMetricsParser::OpenMetricsParser(const QByteArray &input) {
    // An allocated QByteArray always ends with '\0'; one from raw data may not.
    if (input.capacity() > 0 || input.isEmpty()) {
        init(input.constData(), input.size());
        return;
    }
    m_copy = QByteArray(input.constData(), input.size());
    init(m_copy.constData(), m_copy.size());
}

OpenMetricsParser::OpenMetricsParser(QByteArray &&input)
    : m_copy(std::move(input)) {
    if (m_copy.capacity() == 0 && !m_copy.isEmpty())
        m_copy = QByteArray(m_copy.constData(), m_copy.size()); // raw data: add the '\0'
    init(m_copy.constData(), m_copy.size());
}

OpenMetricsParser::OpenMetricsParser(QByteArrayView input) {
    m_copy = input.toByteArray(); // owns a '\0' after the data
    init(m_copy.constData(), m_copy.size());
}

void OpenMetricsParser::init(const char *data, qsizetype size) {
    m_b = data ? data : "";
    m_n = size;
    m_labels.reserve(16);
}

const char *OpenMetricsParser::tokenName(Token t) {
    switch (t) {
    case Token::Invalid:
        return "INVALID";
    case Token::Eof:
        return "EOF";
    case Token::Linebreak:
        return "LINEBREAK";
    case Token::Help:
        return "HELP";
    case Token::Type:
        return "TYPE";
    case Token::Unit:
        return "UNIT";
    case Token::EofWord:
        return "EOFWORD";
    case Token::Text:
        return "TEXT";
    case Token::Comment:
        return "COMMENT";
    case Token::MName:
        return "MNAME";
    case Token::BraceOpen:
        return "BOPEN";
    case Token::BraceClose:
        return "BCLOSE";
    case Token::LName:
        return "LNAME";
    case Token::LValue:
        return "LVALUE";
    case Token::Comma:
        return "COMMA";
    case Token::Equal:
        return "EQUAL";
    case Token::Timestamp:
        return "TIMESTAMP";
    case Token::Value:
        return "VALUE";
    }
    return "INVALID";
}

// The lexer's next(): one byte on, 0 at the end of the input. Inside a label value, HELP
// text and a comment's keyword NULs are skipped (openMetricsLexer.next), elsewhere a NUL ends
// every token.
unsigned char OpenMetricsParser::advance() {
    if (m_i >= m_n)
        return 0;
    unsigned char c = static_cast<unsigned char>(m_b[++m_i]); // m_b[m_n] is the '\0'
    if (c == 0 && m_i < m_n &&
        (m_state == State::LValue || m_state == State::Meta2 || m_state == State::Comment)) {
        while (m_i < m_n && m_b[m_i] == 0)
            ++m_i;
        c = static_cast<unsigned char>(m_b[m_i]);
    }
    return c;
}

// \"(\\.|[^\\"\n])*\" from the opening quote at m_i; the byte after the closing quote is
// read in the current state, so in sLValue NULs after the quote are consumed too.
OpenMetricsParser::Token OpenMetricsParser::lexQuoted(State after, bool skipNuls) {
    m_sawBackslash = false;
    m_quotedHigh = 0;
    for (;;) {
        unsigned char c;
        // Fast path over plain bytes; the sentinel '\0' stops it.
        while (is(c = static_cast<unsigned char>(m_b[++m_i]), kQuotedPlain))
            m_quotedHigh |= c;
        if (c == 0) {
            if (m_i >= m_n || !skipNuls)
                return Token::Invalid;
            continue; // a NUL inside a label value is skipped by the lexer (and kept)
        }
        if (c == '"') {
            advance();
            m_state = after;
            return Token::LValue;
        }
        if (c == '\\') {
            m_sawBackslash = true;
            c = advance();
            if (c == 0 || c == '\n')
                return Token::Invalid;
            m_quotedHigh |= c;
            continue;
        }
        return Token::Invalid; // '\n'
    }
}

OpenMetricsParser::Token OpenMetricsParser::lex() {
    if (m_i >= m_n)
        return Token::Eof;
    unsigned char c = static_cast<unsigned char>(m_b[m_i]);
    m_start = m_i;
    switch (m_state) {
    case State::Init:
        if (is(c, kMetricStart)) {
            while (is(static_cast<unsigned char>(m_b[++m_i]), kMetricChar)) {
            }
            m_state = State::Value;
            return Token::MName;
        }
        if (c != '#' || advance() != ' ')
            return Token::Invalid;
        c = advance(); // still in sInit: a NUL here is not skipped
        m_state = State::Comment;
        [[fallthrough]];
    case State::Comment: {
        const char *keyword = c == 'E'   ? "EOF"
                              : c == 'H' ? "HELP "
                              : c == 'T' ? "TYPE "
                              : c == 'U' ? "UNIT "
                                         : nullptr;
        if (!keyword)
            return Token::Invalid;
        for (const char *k = keyword + 1; *k; ++k) {
            if (advance() != static_cast<unsigned char>(*k))
                return Token::Invalid;
        }
        c = advance();
        if (keyword[0] == 'E') { // "EOF"\n?
            if (c == '\n')
                advance();
            m_state = State::Init;
            return Token::EofWord;
        }
        m_state = State::Meta1;
        return keyword[0] == 'H' ? Token::Help : keyword[0] == 'T' ? Token::Type : Token::Unit;
    }
    case State::Meta1:
        if (!is(c, kMetricStart))
            return Token::Invalid;
        while (is(static_cast<unsigned char>(m_b[++m_i]), kMetricChar)) {
        }
        m_state = State::Meta2;
        return Token::MName;
    case State::Meta2:
        // {S}{C}*\n, NULs skipped; the byte after the '\n' is read here too.
        if (c != ' ')
            return Token::Invalid;
        {
            // Fast path: the line holds no NUL (the lexer would skip it).
            const char *from = m_b + m_i + 1;
            const auto *nl =
                static_cast<const char *>(std::memchr(from, '\n', size_t(m_n - m_i - 1)));
            if (nl && !std::memchr(from, '\0', size_t(nl - from))) {
                m_i = nl - m_b;
                advance();
                m_state = State::Init;
                return Token::Text;
            }
        }
        for (;;) {
            c = advance();
            if (c == '\n') {
                advance();
                m_state = State::Init;
                return Token::Text;
            }
            if (c == 0)
                return Token::Invalid;
        }
    case State::Labels:
    case State::Exemplar: {
        const bool exemplar = m_state == State::Exemplar;
        switch (c) {
        case ',':
            advance();
            return Token::Comma;
        case '=':
            advance();
            m_state = exemplar ? State::EValue : State::LValue;
            return Token::Equal;
        case '}':
            advance();
            m_state = exemplar ? State::EValue : State::Value;
            return Token::BraceClose;
        default:
            if (!is(c, kLabelStart))
                return Token::Invalid;
            while (is(static_cast<unsigned char>(m_b[++m_i]), kLabelChar)) {
            }
            return Token::LName;
        }
    }
    case State::LValue:
        if (c != '"')
            return Token::Invalid;
        return lexQuoted(State::Labels, true);
    case State::Value:
    case State::EValue:
        if (c == '{' && m_state == State::Value) {
            advance();
            m_state = State::Labels;
            return Token::BraceOpen;
        }
        if (c == '"' && m_state == State::EValue)
            return lexQuoted(State::Exemplar, false);
        if (c != ' ' || !is(advance(), kValueChar))
            return Token::Invalid;
        while (is(static_cast<unsigned char>(m_b[++m_i]), kValueChar)) {
        }
        m_state = m_state == State::Value ? State::Timestamp : State::ETimestamp;
        return Token::Value;
    case State::Timestamp:
    case State::ETimestamp:
        if (c == '\n') {
            advance();
            m_state = State::Init;
            return Token::Linebreak;
        }
        if (c != ' ')
            return Token::Invalid;
        c = advance();
        if (c == '#' && m_state == State::Timestamp) {
            c = advance();
            if (c == ' ') { // {S}#{S}\{ opens an exemplar, with no way back
                if (advance() != '{')
                    return Token::Invalid;
                advance();
                m_state = State::Exemplar;
                return Token::Comment;
            }
            if (!is(c, kValueChar))
                return Token::Timestamp; // a lone "#"
        } else if (!is(c, kValueChar)) {
            return Token::Invalid;
        }
        while (is(static_cast<unsigned char>(m_b[++m_i]), kValueChar)) {
        }
        return Token::Timestamp;
    }
    return Token::Invalid;
}

OpenMetricsParser::Entry OpenMetricsParser::fail(QString message) {
    m_failed = true;
    m_error = ParseError();
    m_error.message = std::move(message);
    m_error.line = lineAt(m_errorPos >= 0 ? m_errorPos : m_start);
    return Entry::Error;
}

OpenMetricsParser::Entry OpenMetricsParser::failToken(const QString &expected, Token got) {
    if (got == Token::Eof)
        m_errorPos = m_n;
    // parseError: `%s, got %q` of the token's name.
    return fail(OpenMetricsParserText::tr("%1, got \"%2\"")
                    .arg(expected, QLatin1StringView(tokenName(got))));
}

int OpenMetricsParser::lineAt(qsizetype pos) {
    pos = std::min(pos, m_n);
    if (pos < m_linesCountedTo) { // only after an error pointing back; count afresh
        m_linesCountedTo = 0;
        m_linesBefore = 0;
    }
    for (qsizetype i = m_linesCountedTo; i < pos; ++i)
        m_linesBefore += m_b[i] == '\n';
    m_linesCountedTo = pos;
    return m_linesBefore + 1;
}

int OpenMetricsParser::lineNumber() {
    if (m_failed)
        return m_error.line;
    return lineAt(m_entryStart);
}

OpenMetricsParser::Entry OpenMetricsParser::next() {
    if (m_failed)
        return Entry::Error;
    if (m_done)
        return Entry::End;
    m_entryStart = m_i;
    m_errorPos = -1;
    const Token t = lex();
    switch (t) {
    case Token::EofWord:
        if (lex() != Token::Eof)
            return fail(OpenMetricsParserText::tr("unexpected data after # EOF"));
        m_done = true;
        return Entry::End;
    case Token::Eof:
        m_errorPos = m_n;
        return fail(OpenMetricsParserText::tr("data does not end with # EOF"));
    case Token::Help:
    case Token::Type:
    case Token::Unit:
        return parseMeta(t);
    case Token::MName:
        return parseSample();
    default: {
        // `%q %q is not a valid start token` of the token and the byte the lexer stopped at.
        const unsigned char cur = m_i < m_n ? static_cast<unsigned char>(m_b[m_i]) : ' ';
        return fail(OpenMetricsParserText::tr("\"%1\" %2 is not a valid start token")
                        .arg(QLatin1StringView(tokenName(t)), quoteByteAsRune(cur)));
    }
    }
}

OpenMetricsParser::Entry OpenMetricsParser::parseMeta(Token keyword) {
    const QLatin1StringView kind(tokenName(keyword));
    Token t = lex();
    if (t != Token::MName)
        return failToken(OpenMetricsParserText::tr("expected metric name after %1").arg(kind), t);
    m_name = tokenText();
    if (lex() != Token::Text)
        return fail(OpenMetricsParserText::tr("expected text in %1").arg(kind));
    // The text is the token without its leading blank and its last byte (the '\n').
    const qsizetype len = m_i - m_start;
    m_text = len > 1 ? QByteArrayView(m_b + m_start + 1, len - 2) : QByteArrayView("", 0);
    switch (keyword) {
    case Token::Type: {
        static const std::array<std::pair<const char *, OpenMetricsType>, 8> types = {{
            {"counter", OpenMetricsType::Counter},
            {"gauge", OpenMetricsType::Gauge},
            {"histogram", OpenMetricsType::Histogram},
            {"gaugehistogram", OpenMetricsType::GaugeHistogram},
            {"summary", OpenMetricsType::Summary},
            {"info", OpenMetricsType::Info},
            {"stateset", OpenMetricsType::Stateset},
            {"unknown", OpenMetricsType::Unknown},
        }};
        for (const auto &[word, type] : types) {
            if (m_text == word) {
                m_type = type;
                return Entry::Type;
            }
        }
        return fail(
            OpenMetricsParserText::tr("invalid metric type %1").arg(detail::goQuote(m_text)));
    }
    case Token::Help:
        if (!m_text.isValidUtf8())
            return fail(OpenMetricsParserText::tr("help text is not a valid utf8 string"));
        if (m_text.contains('\\')) {
            m_scratch.clear();
            ScrapedLabel unused;
            m_text = unescaped(m_text, &unused);
        }
        return Entry::Help;
    default: {
        // A unit must be the name's last `_`-separated part.
        const QByteArrayView u = m_text;
        const QByteArrayView m = m_name;
        if (!u.isEmpty() &&
            (!m.endsWith(u) || m.size() < u.size() + 1 || m[m.size() - u.size() - 1] != '_'))
            return fail(OpenMetricsParserText::tr("unit not a suffix of metric %1")
                            .arg(detail::goQuote(m)));
        return Entry::Unit;
    }
    }
}

// lvalReplacer, which 2.42 applies to label values and HELP text alike: \" \\ and \n are
// replaced, any other escape stays as written. Appends to m_scratch.
QByteArrayView OpenMetricsParser::unescaped(QByteArrayView raw, ScrapedLabel *label) {
    label->inScratch = true;
    label->valueOffset = m_scratch.size();
    detail::appendLabelValueUnescaped(m_scratch, raw);
    label->valueSize = m_scratch.size() - label->valueOffset;
    return valueOf(*label);
}

bool OpenMetricsParser::parseLabels(std::vector<ScrapedLabel> &labels, bool unescape) {
    bool first = true;
    for (;;) {
        Token t = lex();
        switch (t) {
        case Token::BraceClose:
            return true;
        case Token::Comma:
            if (first) {
                failToken(OpenMetricsParserText::tr("expected label name or left brace"), t);
                return false;
            }
            t = lex();
            if (t != Token::LName) {
                failToken(OpenMetricsParserText::tr("expected label name"), t);
                return false;
            }
            break;
        case Token::LName:
            if (!first) {
                failToken(OpenMetricsParserText::tr("expected comma"), t);
                return false;
            }
            break;
        default:
            failToken(first ? OpenMetricsParserText::tr("expected label name or left brace")
                            : OpenMetricsParserText::tr("expected comma or left brace"),
                      t);
            return false;
        }
        first = false;
        ScrapedLabel &label = labels.emplace_back();
        label.name = tokenText();
        if (const Token e = lex(); e != Token::Equal) {
            failToken(OpenMetricsParserText::tr("expected equal"), e);
            return false;
        }
        if (const Token v = lex(); v != Token::LValue) {
            failToken(OpenMetricsParserText::tr("expected label value"), v);
            return false;
        }
        if ((m_quotedHigh & 0x80) && !tokenText().isValidUtf8()) {
            fail(OpenMetricsParserText::tr("invalid UTF-8 label value"));
            return false;
        }
        // The value is the token without its first and last byte (the quotes, unless NULs
        // followed the closing quote).
        const QByteArrayView raw(m_b + m_start + 1, m_i - m_start - 2);
        if (unescape && m_sawBackslash) {
            unescaped(raw, &label);
        } else {
            label.valueBegin = raw.data();
            label.valueSize = raw.size();
            label.inScratch = false;
        }
    }
}

bool OpenMetricsParser::parseFloatToken(Token t, bool exemplar, double *out) {
    if (t != Token::Value) {
        // Translated only here: tr() on every sample would cost more than the parse.
        failToken(exemplar ? OpenMetricsParserText::tr("expected value after exemplar labels")
                           : OpenMetricsParserText::tr("expected value after metric"),
                  t);
        return false;
    }
    const QByteArrayView token(m_b + m_start + 1, m_i - m_start - 1);
    if (detail::parseGoFloat(token, out))
        return true;
    fail(detail::promParseFloatError(token));
    return false;
}

bool OpenMetricsParser::parseTimestamp(bool exemplar, qint64 *out) {
    const QByteArrayView token(m_b + m_start + 1, m_i - m_start - 1);
    double seconds = 0;
    if (!detail::parseGoFloat(token, &seconds)) {
        fail(detail::promParseFloatError(token));
        return false;
    }
    if (std::isnan(seconds) || std::isinf(seconds)) {
        fail(exemplar ? OpenMetricsParserText::tr("invalid exemplar timestamp")
                      : OpenMetricsParserText::tr("invalid timestamp"));
        return false;
    }
    *out = goFloatToInt64(seconds * 1000); // a float is enough for milliseconds, as in 2.42
    return true;
}

bool OpenMetricsParser::parseExemplar() {
    // Exemplars only on counters' _total and histograms' _bucket.
    if (!m_name.endsWith("_total") && !m_name.endsWith("_bucket")) {
        fail(OpenMetricsParserText::tr("metric name %1 does not support exemplars")
                 .arg(QString::fromUtf8(m_name)));
        return false;
    }
    m_hasExemplar = true;
    if (!parseLabels(m_exemplarLabels, false))
        return false;
    if (!parseFloatToken(lex(), true, &m_exemplarValue))
        return false;
    const Token t = lex();
    switch (t) {
    case Token::Eof:
        m_errorPos = m_n;
        fail(OpenMetricsParserText::tr("data does not end with # EOF"));
        return false;
    case Token::Linebreak:
        return true;
    case Token::Timestamp: {
        qint64 ts = 0;
        if (!parseTimestamp(true, &ts))
            return false;
        m_exemplarTimestampMs = ts;
        if (const Token t2 = lex(); t2 != Token::Linebreak) {
            failToken(OpenMetricsParserText::tr("expected next entry after exemplar timestamp"),
                      t2);
            return false;
        }
        return true;
    }
    default:
        failToken(OpenMetricsParserText::tr("expected timestamp or comment"), t);
        return false;
    }
}

// The common sample line, `name{a="b",c="d"} value\n` with plain ASCII label values, read in
// one pass as the lexer would read it. Anything else (escapes, NULs, non-ASCII, a timestamp,
// an exemplar, any error) leaves everything as it was for the token-by-token path, which
// gives the same result on what this accepts.
bool OpenMetricsParser::fastSample() {
    const char *const begin = m_b + m_i; // just after the metric name
    const char *p = begin;
    const auto at = [](const char *q) { return static_cast<unsigned char>(*q); };
    if (*p == '{') {
        ++p;
        if (*p != '}') {
            for (;;) {
                const char *name = p;
                if (!is(at(p), kLabelStart)) {
                    p = nullptr; // `{,` or a trailing comma: an error for the slow path
                    break;
                }
                while (is(at(++p), kLabelChar)) {
                }
                const QByteArrayView labelName(name, p - name);
                if (p[0] != '=' || p[1] != '"') {
                    p = nullptr;
                    break;
                }
                p += 2;
                const char *value = p;
                unsigned char high = 0;
                while (is(at(p), kQuotedPlain)) {
                    high |= at(p);
                    ++p;
                }
                if (*p != '"' || (high & 0x80) || p[1] == '\0') {
                    p = nullptr;
                    break;
                }
                ScrapedLabel &l = m_labels.emplace_back();
                l.name = labelName;
                l.valueBegin = value;
                l.valueSize = p - value;
                ++p;
                if (*p == ',') {
                    ++p;
                    continue;
                }
                if (*p == '}')
                    break;
                p = nullptr; // anything else: the slow path words the error
                break;
            }
        }
        if (!p || *p != '}') {
            m_labels.clear();
            return false;
        }
        ++p;
    }
    if (*p != ' ' || !is(at(p + 1), kValueChar)) {
        m_labels.clear();
        return false;
    }
    const char *value = ++p;
    while (is(at(p), kValueChar))
        ++p;
    if (*p != '\n' || p == m_b + m_n ||
        !detail::parseGoFloat(QByteArrayView(value, p - value), &m_value) ||
        (!m_labels.empty() && !isPlainLabelSet())) {
        m_labels.clear();
        return false;
    }
    m_i = p + 1 - m_b; // past the '\n', in sInit
    m_state = State::Init;
    return true;
}

// No repeated label name and no __name__: nothing for resolveDuplicateLabels to do.
bool OpenMetricsParser::isPlainLabelSet() const {
    for (size_t i = 0; i < m_labels.size(); ++i) {
        if (m_labels[i].name == "__name__")
            return false;
        for (size_t j = 0; j < i; ++j) {
            if (m_labels[j].name == m_labels[i].name)
                return false;
        }
    }
    return true;
}

OpenMetricsParser::Entry OpenMetricsParser::parseSample() {
    m_name = tokenText();
    m_labels.clear();
    m_scratch.clear();
    m_hasTimestamp = false;
    if (m_hasExemplar) {
        m_hasExemplar = false;
        m_exemplarLabels.clear();
        m_exemplarTimestampMs.reset();
    }
    if (m_fastPath && fastSample())
        return Entry::Sample;
    Token t = lex();
    if (t == Token::BraceOpen) {
        if (!parseLabels(m_labels, true))
            return Entry::Error;
        t = lex();
    }
    if (!parseFloatToken(t, false, &m_value))
        return Entry::Error;
    t = lex();
    switch (t) {
    case Token::Eof:
        m_errorPos = m_n;
        return fail(OpenMetricsParserText::tr("data does not end with # EOF"));
    case Token::Linebreak:
        break;
    case Token::Comment:
        if (!parseExemplar())
            return Entry::Error;
        break;
    case Token::Timestamp: {
        if (!parseTimestamp(false, &m_timestampMs))
            return Entry::Error;
        m_hasTimestamp = true;
        const Token t3 = lex();
        if (t3 == Token::Comment) {
            if (!parseExemplar())
                return Entry::Error;
        } else if (t3 != Token::Linebreak) {
            return failToken(OpenMetricsParserText::tr("expected next entry after timestamp"), t3);
        }
        break;
    }
    default:
        return failToken(OpenMetricsParserText::tr("expected timestamp or # symbol"), t);
    }
    // The scrape loop's and the head's checks on the sample's label set, in their order: a
    // `__name__=""` deletes the name (resolveDuplicateLabels says so); a `__name__` label that
    // is no valid metric name fails the label-set check, which the scraper words with the
    // merged set (`a{__name__="-"} 1`, as Prometheus 2.42); then no name may repeat.
    bool nameDeleted = false;
    bool invalidName = false;
    for (int i = 0; i < labelCount(); ++i) {
        if (m_labels[size_t(i)].name != "__name__")
            continue;
        if (labelValue(i).isEmpty())
            nameDeleted = true;
        else if (!isValidMetricName(labelValue(i)))
            invalidName = true;
    }
    if (invalidName && !nameDeleted) {
        m_start = m_entryStart;
        fail(OpenMetricsParserText::tr("invalid metric name or label names"));
        m_error.kind = ParseError::Kind::Consistency;
        m_error.invalidLabelSet = true;
        return Entry::Error;
    }
    if (m_labels.size() > 1 || (m_labels.size() == 1 && m_labels[0].name == "__name__")) {
        QString error;
        if (!resolveDuplicateLabels(m_labels, m_replacedLabelNames, &error)) {
            m_start = m_entryStart;
            fail(error);
            m_error.kind = ParseError::Kind::Consistency;
            return Entry::Error;
        }
    }
    return Entry::Sample;
}

} // namespace ppl
