#include "promparseoracle.h"

#include "exposition/textparser.h"

#include <QCoreApplication>

#include <algorithm>
#include <list>
#include <vector>

namespace ppl::test {

namespace {

struct OracleText {
    Q_DECLARE_TR_FUNCTIONS(ppl::test::PromParseOracle)
};

// promlex.l's start conditions.
enum class State { Init, Comment, Meta1, Meta2, Labels, LValue, Value, Timestamp };

// promparse.go's tokens; only their names reach the user.
enum class Token {
    Invalid,
    Eof,
    Linebreak,
    Whitespace,
    Help,
    Type,
    Text,
    Comment,
    MName,
    BraceOpen,
    BraceClose,
    LName,
    LValue,
    Comma,
    Equal,
    Timestamp,
    Value
};

const char *tokenName(Token t) {
    switch (t) {
    case Token::Invalid:
        return "INVALID";
    case Token::Eof:
        return "EOF";
    case Token::Linebreak:
        return "LINEBREAK";
    case Token::Whitespace:
        return "WHITESPACE";
    case Token::Help:
        return "HELP";
    case Token::Type:
        return "TYPE";
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

bool isBlank(uchar c) {
    return c == ' ' || c == '\t';
}
bool isDigit(uchar c) {
    return c >= '0' && c <= '9';
}
bool isLabelStart(uchar c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isMetricStart(uchar c) {
    return isLabelStart(c) || c == ':';
}
bool isLabelChar(uchar c) {
    return isLabelStart(c) || isDigit(c);
}
bool isMetricChar(uchar c) {
    return isMetricStart(c) || isDigit(c);
}
// [^{ \t\n] without NUL: what a sample value may consist of.
bool isValueChar(uchar c) {
    return c != 0 && c != '{' && c != '\n' && !isBlank(c);
}
// Anything on a line except NUL.
bool isLineChar(uchar c) {
    return c != 0 && c != '\n';
}

// The lexer of promlex.l.go (golex, no backtracking): it gives up as soon as the automaton
// has no transition, so e.g. `# HEL` falls back to a comment and `a{b="x` is INVALID.
class Lexer {
public:
    explicit Lexer(QByteArrayView body) {
        // Like NewPromParser: the body always gets a final '\n'.
        m_b.reserve(body.size() + 1);
        m_b.append(body.data(), body.size());
        m_b.append('\n');
    }

    QByteArrayView text() const { return QByteArrayView(m_b).sliced(m_start, m_i - m_start); }
    qsizetype pos() const { return m_i; }
    QByteArrayView from(qsizetype begin) const {
        return QByteArrayView(m_b).sliced(begin, m_i - begin);
    }

    Token lex() {
        if (m_i >= m_b.size())
            return Token::Eof;
        m_start = m_i;
        uchar c = at(m_i);
        for (;;) {
            switch (m_state) {
            case State::Init:
                if (c == '#') {
                    c = next();
                    if (!isBlank(c))
                        return consumeComment();
                    while (isBlank(c))
                        c = next();
                    // `#[ \t]+` re-enters the automaton in sComment without a new token start.
                    m_state = State::Comment;
                    continue;
                }
                if (isMetricStart(c))
                    return word(isMetricChar, State::Value, Token::MName);
                if (c == '\n') {
                    next();
                    m_state = State::Init;
                    return Token::Linebreak;
                }
                if (isBlank(c))
                    return whitespace();
                if (c == 0) {
                    // A NUL at a token start ends the input: promparse stops without error.
                    next();
                    return Token::Eof;
                }
                return Token::Invalid;
            case State::Comment:
                if (isBlank(c))
                    return whitespace();
                if (c == 'H' && keyword("ELP"))
                    return Token::Help;
                if (c == 'T' && keyword("YPE"))
                    return Token::Type;
                // Anything else after `# ` is a plain comment.
                return consumeComment();
            case State::Meta1:
                if (isMetricStart(c))
                    return word(isMetricChar, State::Meta2, Token::MName);
                if (isBlank(c))
                    return whitespace();
                return Token::Invalid;
            case State::Meta2:
                if (isBlank(c)) {
                    while (isBlank(c))
                        c = next();
                    if (!isLineChar(c))
                        return Token::Whitespace; // blanks up to the line end
                }
                while (isLineChar(c))
                    c = next();
                m_state = State::Init;
                return Token::Text; // may be empty
            case State::Labels:
                if (c == ',') {
                    next();
                    return Token::Comma;
                }
                if (c == '=') {
                    next();
                    m_state = State::LValue;
                    return Token::Equal;
                }
                if (c == '}') {
                    next();
                    m_state = State::Value;
                    return Token::BraceClose;
                }
                if (isBlank(c))
                    return whitespace();
                if (isLabelStart(c))
                    return word(isLabelChar, State::Labels, Token::LName);
                return Token::Invalid;
            case State::LValue:
                if (isBlank(c))
                    return whitespace();
                if (c != '"')
                    return Token::Invalid;
                // \"(\\.|[^\\"])*\" — a raw newline is allowed inside; '.' is not '\n'.
                for (c = next();; c = next()) {
                    if (c == '"') {
                        next();
                        m_state = State::Labels;
                        return Token::LValue;
                    }
                    if (c == '\\') {
                        c = next();
                        if (!isLineChar(c))
                            return Token::Invalid;
                    } else if (c == 0) {
                        return Token::Invalid;
                    }
                }
            case State::Value:
                if (isBlank(c))
                    return whitespace();
                if (c == '{') {
                    next();
                    m_state = State::Labels;
                    return Token::BraceOpen;
                }
                if (isValueChar(c))
                    return word(isValueChar, State::Timestamp, Token::Value);
                return Token::Invalid;
            case State::Timestamp:
                if (c == '\n') {
                    next();
                    m_state = State::Init;
                    return Token::Linebreak;
                }
                if (isBlank(c))
                    return whitespace();
                if (isDigit(c))
                    return word(isDigit, State::Timestamp, Token::Timestamp);
                return Token::Invalid;
            }
        }
    }

private:
    uchar at(qsizetype i) const { return i < m_b.size() ? uchar(m_b.at(i)) : 0; }

    // promlexer.next(): NUL bytes inside label values, HELP/TYPE text and comments are
    // skipped; past the end it reads as NUL.
    uchar next() {
        ++m_i;
        if (m_i >= m_b.size())
            return 0;
        while (m_i < m_b.size() && m_b.at(m_i) == 0 &&
               (m_state == State::LValue || m_state == State::Meta2 || m_state == State::Comment))
            ++m_i;
        return at(m_i);
    }

    Token whitespace() {
        uchar c = at(m_i);
        while (isBlank(c))
            c = next();
        return Token::Whitespace;
    }

    Token word(bool (*more)(uchar), State after, Token token) {
        uchar c = next();
        while (more(c))
            c = next();
        m_state = after;
        return token;
    }

    // HELP/TYPE followed by at least one blank; on any mismatch the line is a comment.
    bool keyword(const char *rest) {
        for (const char *r = rest; *r; ++r) {
            if (next() != uchar(*r))
                return false;
        }
        uchar c = next();
        if (!isBlank(c))
            return false;
        while (isBlank(c))
            c = next();
        m_state = State::Meta1;
        return true;
    }

    Token consumeComment() {
        for (uchar c = at(m_i);; c = next()) {
            if (c == 0)
                return Token::Eof;
            if (c == '\n') {
                m_state = State::Init;
                return Token::Comment;
            }
        }
    }

    QByteArray m_b;
    qsizetype m_i = 0;
    qsizetype m_start = 0;
    State m_state = State::Init;
};

// Go's utf8.Valid.
bool isValidUtf8(QByteArrayView s) {
    const auto *p = reinterpret_cast<const uchar *>(s.data());
    const auto *const end = p + s.size();
    while (p < end) {
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        uchar lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        if (p[1] < lo || p[1] > hi)
            return false;
        for (int k = 2; k <= n; ++k) {
            if (p[k] < 0x80 || p[k] > 0xBF)
                return false;
        }
        p += n + 1;
    }
    return true;
}

// True when the token is Go decimal float syntax, so a failed parse can only be a range error.
bool isDecimalFloatSyntax(QByteArrayView t) {
    qsizetype i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
        ++i;
    bool digits = false;
    while (i < t.size() && isDigit(uchar(t[i]))) {
        ++i;
        digits = true;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        while (i < t.size() && isDigit(uchar(t[i]))) {
            ++i;
            digits = true;
        }
    }
    if (!digits)
        return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        bool expDigits = false;
        while (i < t.size() && isDigit(uchar(t[i]))) {
            ++i;
            expDigits = true;
        }
        if (!expDigits)
            return false;
    }
    return i == t.size();
}

std::optional<QString> floatError(QByteArrayView token) {
    // promparse's parseFloat keeps to pre-Go-1.13 syntax before asking strconv.
    for (const char c : token) {
        if (c == 'p' || c == 'P' || c == '_')
            return OracleText::tr("unsupported character in float");
    }
    double value = 0;
    if (detail::parseGoFloat(token, &value))
        return std::nullopt;
    const QString quoted = detail::goQuote(token);
    if (isDecimalFloatSyntax(token))
        return OracleText::tr("strconv.ParseFloat: parsing %1: value out of range").arg(quoted);
    return OracleText::tr("strconv.ParseFloat: parsing %1: invalid syntax").arg(quoted);
}

QString parseError(const QString &expected, Token got) {
    return OracleText::tr("%1, got \"%2\"").arg(expected, QLatin1StringView(tokenName(got)));
}

class Checker {
public:
    Checker(QByteArrayView body, const PromScrapeLabels &scrape)
        : m_lex(body)
        , m_scrape(scrape) {
        for (const auto &[name, value] : scrape.targetLabels)
            m_targets.push_back({name, value, false});
        std::stable_sort(m_targets.begin(), m_targets.end(), byName);
    }

    std::optional<QString> run() {
        for (;;) {
            // Like PromParser.start: a series' name is taken from here, blanks included.
            m_entryStart = m_lex.pos();
            const Token t = nextToken();
            switch (t) {
            case Token::Eof:
                return std::nullopt;
            case Token::Linebreak:
                continue; // blank lines are fine
            case Token::Help:
            case Token::Type:
                if (auto e = metadata(t))
                    return e;
                continue;
            case Token::Comment:
                if (const Token t2 = nextToken(); t2 != Token::Linebreak)
                    return parseError(OracleText::tr("linebreak expected after comment"), t2);
                continue;
            case Token::MName:
                if (auto e = sample())
                    return e;
                continue;
            default:
                return OracleText::tr("\"%1\" is not a valid start token")
                    .arg(QLatin1StringView(tokenName(t)));
            }
        }
    }

private:
    Token nextToken() {
        for (;;) {
            if (const Token t = m_lex.lex(); t != Token::Whitespace)
                return t;
        }
    }

    std::optional<QString> metadata(Token kind) {
        const QLatin1StringView kindName(tokenName(kind));
        if (const Token t = nextToken(); t != Token::MName)
            return parseError(OracleText::tr("expected metric name after %1").arg(kindName), t);
        if (nextToken() != Token::Text)
            return OracleText::tr("expected text in %1").arg(kindName);
        // The text token starts with the separating blank, if there was one.
        const QByteArrayView raw = m_lex.text();
        const QByteArrayView text = raw.size() > 1 ? raw.sliced(1) : QByteArrayView();
        if (kind == Token::Type) {
            static const char *const types[] = {"counter", "gauge", "histogram", "summary",
                                                "untyped"};
            if (std::none_of(std::begin(types), std::end(types),
                             [&](const char *name) { return text == QByteArrayView(name); }))
                return OracleText::tr("invalid metric type %1").arg(detail::goQuote(text));
        } else if (!isValidUtf8(text)) {
            return OracleText::tr("help text is not a valid utf8 string");
        }
        if (const Token t = nextToken(); t != Token::Linebreak)
            return parseError(OracleText::tr("linebreak expected after metadata"), t);
        return std::nullopt;
    }

    std::optional<QString> sample() {
        m_series.clear();
        m_exportedNames.clear();
        m_series.push_back({QByteArrayView(kNameLabel), m_lex.from(m_entryStart), false});
        Token t = nextToken();
        if (t == Token::BraceOpen) {
            if (auto e = labels())
                return e;
            t = nextToken();
        }
        if (t != Token::Value)
            return parseError(OracleText::tr("expected value after metric"), t);
        if (auto e = floatError(m_lex.text()))
            return e;
        t = nextToken();
        if (t == Token::Timestamp) {
            qint64 ts = 0;
            if (!detail::parseGoInt64(m_lex.text(), &ts)) // digits only: overflow
                return OracleText::tr("strconv.ParseInt: parsing %1: value out of range")
                    .arg(detail::goQuote(m_lex.text()));
            if (const Token t2 = nextToken(); t2 != Token::Linebreak)
                return parseError(OracleText::tr("expected next entry after timestamp"), t2);
        } else if (t != Token::Linebreak) {
            return parseError(OracleText::tr("expected timestamp or new record"), t);
        }
        return appendError();
    }

    std::optional<QString> labels() {
        Token t = nextToken();
        for (;;) {
            if (t == Token::BraceClose)
                return std::nullopt;
            if (t != Token::LName)
                return parseError(OracleText::tr("expected label name"), t);
            const QByteArrayView name = m_lex.text();
            if (const Token t2 = nextToken(); t2 != Token::Equal)
                return parseError(OracleText::tr("expected equal"), t2);
            if (const Token t2 = nextToken(); t2 != Token::LValue)
                return parseError(OracleText::tr("expected label value"), t2);
            if (!isValidUtf8(m_lex.text()))
                return OracleText::tr("invalid UTF-8 label value");
            m_series.push_back({name, m_lex.text().sliced(1, m_lex.text().size() - 2), true});
            t = nextToken();
            if (t == Token::Comma) // a trailing comma is fine, and commas are optional
                t = nextToken();
        }
    }

    // The checks scrapeLoop.append and the head make on a new series, in their order: the
    // target labels are merged in (mutateSampleLabels), the set must be valid (a name with
    // leading blanks is not), and no label name may repeat (the metric name is `__name__`).
    std::optional<QString> appendError() {
        std::stable_sort(m_series.begin(), m_series.end(), byName);
        const std::vector<SeriesLabel> &lset = mutate();
        // `__name__=""` in the body deletes the metric name too (labels.Builder drops a name
        // with an empty value anywhere in the set).
        if (!has(lset, QByteArrayView(kNameLabel)))
            return OracleText::tr("missing metric name (__name__ label)");
        for (const SeriesLabel &l : lset) {
            if (l.name == QByteArrayView(kNameLabel) && !isValidMetricName(l.value))
                return OracleText::tr("invalid metric name or label names: %1").arg(format(lset));
        }
        const auto dup = std::adjacent_find(
            lset.begin(), lset.end(),
            [](const SeriesLabel &a, const SeriesLabel &b) { return a.name == b.name; });
        if (dup != lset.end())
            return OracleText::tr("label name \"%1\" is not unique: invalid sample")
                .arg(QString::fromUtf8(dup->name));
        return std::nullopt;
    }

    struct SeriesLabel {
        QByteArrayView name;
        QByteArrayView value;
        bool escaped = false; // a value as written in the body, still to be unescaped
    };

    static bool byName(const SeriesLabel &a, const SeriesLabel &b) { return a.name < b.name; }

    static bool has(const std::vector<SeriesLabel> &set, QByteArrayView name) {
        return std::any_of(set.begin(), set.end(),
                           [&](const SeriesLabel &l) { return l.name == name; });
    }

    // labels.Builder semantics: an empty value deletes; the result is the base minus deleted
    // and overridden names, plus the additions, sorted. Untouched, the base comes back as is.
    const std::vector<SeriesLabel> &mutate() {
        m_del.clear();
        m_add.clear();
        for (const SeriesLabel &l : m_series) {
            if (l.value.isEmpty())
                m_del.push_back(l.name);
        }
        const auto set = [this](QByteArrayView name, QByteArrayView value, bool escaped) {
            if (value.isEmpty()) { // Builder.Set with "" is Del
                m_add.erase(std::remove_if(m_add.begin(), m_add.end(),
                                           [&](const SeriesLabel &a) { return a.name == name; }),
                            m_add.end());
                m_del.push_back(name);
                return;
            }
            for (SeriesLabel &a : m_add) {
                if (a.name == name) {
                    a.value = value;
                    a.escaped = escaped;
                    return;
                }
            }
            m_add.push_back({name, value, escaped});
        };
        if (m_scrape.honorLabels) {
            for (const SeriesLabel &t : m_targets) {
                if (!has(m_series, t.name))
                    set(t.name, t.value, false);
            }
        } else {
            // A scraped label clashing with a target label survives as exported_<name>.
            std::vector<SeriesLabel> conflicts;
            for (const SeriesLabel &t : m_targets) {
                const auto it =
                    std::find_if(m_series.begin(), m_series.end(),
                                 [&](const SeriesLabel &l) { return l.name == t.name; });
                if (it != m_series.end() && !it->value.isEmpty())
                    conflicts.push_back({t.name, it->value, it->escaped});
                set(t.name, t.value, false);
            }
            std::stable_sort(conflicts.begin(), conflicts.end(),
                             [](const SeriesLabel &a, const SeriesLabel &b) {
                                 return a.name.size() < b.name.size();
                             });
            for (size_t i = 0; i < conflicts.size(); ++i) {
                QByteArray name = conflicts[i].name.toByteArray();
                for (;;) {
                    name.prepend("exported_");
                    const bool taken =
                        has(m_series, name) || has(m_targets, name) ||
                        std::any_of(conflicts.begin(), conflicts.begin() + i,
                                    [&](const SeriesLabel &c) { return c.name == name; });
                    if (!taken)
                        break;
                }
                m_exportedNames.push_back(name);
                conflicts[i].name = m_exportedNames.back();
            }
            for (const SeriesLabel &c : conflicts)
                set(c.name, c.value, c.escaped);
        }
        if (m_del.empty() && m_add.empty())
            return m_series;
        m_result.clear();
        for (const SeriesLabel &l : m_series) {
            if (std::find(m_del.begin(), m_del.end(), l.name) == m_del.end() && !has(m_add, l.name))
                m_result.push_back(l);
        }
        m_result.insert(m_result.end(), m_add.begin(), m_add.end());
        std::stable_sort(m_result.begin(), m_result.end(), byName);
        return m_result;
    }

    // labels.Labels.String(): {a="x", b="y"} with Go-quoted values as the parser unescaped them.
    static QString format(const std::vector<SeriesLabel> &lset) {
        QString out = QStringLiteral("{");
        for (size_t i = 0; i < lset.size(); ++i) {
            if (i > 0)
                out += QStringLiteral(", ");
            out += QString::fromUtf8(lset[i].name) + QLatin1Char('=');
            out += detail::goQuote(lset[i].escaped ? unescape(lset[i].value)
                                                   : lset[i].value.toByteArray());
        }
        return out + QLatin1Char('}');
    }

    // promparse's lvalReplacer: only \" \\ and \n mean something; other escapes stay as written.
    static QByteArray unescape(QByteArrayView raw) {
        QByteArray out;
        out.reserve(raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size()) {
                const char n = raw[i + 1];
                if (n == '"' || n == '\\' || n == 'n') {
                    out.append(n == 'n' ? '\n' : n);
                    ++i;
                    continue;
                }
            }
            out.append(raw[i]);
        }
        return out;
    }

    static constexpr char kNameLabel[] = "__name__";

    Lexer m_lex;
    const PromScrapeLabels &m_scrape;
    std::vector<SeriesLabel> m_targets; // sorted by name, as target.Labels() ranges over them
    qsizetype m_entryStart = 0;
    std::vector<SeriesLabel> m_series;
    std::vector<SeriesLabel> m_add;
    std::vector<QByteArrayView> m_del;
    std::vector<SeriesLabel> m_result;
    std::list<QByteArray> m_exportedNames; // stable storage for the views above
};

} // namespace

std::optional<QString> promParseOracleError(QByteArrayView body, const PromScrapeLabels &scrape) {
    return Checker(body, scrape).run();
}

} // namespace ppl::test
