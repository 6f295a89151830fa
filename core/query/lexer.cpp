#include "lexer.h"

#include <QHash>
#include <QString>

namespace ppl::query {

namespace {

bool isAlpha(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlphaNumeric(char c) {
    return isAlpha(c) || isDigit(c);
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const QHash<QByteArray, Tok> &keywords() {
    static const QHash<QByteArray, Tok> table = {
        {"and", Tok::LAnd},
        {"or", Tok::LOr},
        {"unless", Tok::LUnless},
        {"atan2", Tok::Atan2},
        {"sum", Tok::Sum},
        {"avg", Tok::Avg},
        {"count", Tok::Count},
        {"min", Tok::Min},
        {"max", Tok::Max},
        {"group", Tok::Group},
        {"stddev", Tok::Stddev},
        {"stdvar", Tok::Stdvar},
        {"topk", Tok::Topk},
        {"bottomk", Tok::Bottomk},
        {"count_values", Tok::CountValues},
        {"quantile", Tok::Quantile},
        {"offset", Tok::Offset},
        {"by", Tok::By},
        {"without", Tok::Without},
        {"on", Tok::On},
        {"ignoring", Tok::Ignoring},
        {"group_left", Tok::GroupLeft},
        {"group_right", Tok::GroupRight},
        {"bool", Tok::Bool},
        {"start", Tok::Start},
        {"end", Tok::End},
        {"inf", Tok::Number},
        {"nan", Tok::Number},
    };
    return table;
}

// Go's %q of one rune: 'x', with escapes for quotes and control characters.
QByteArray quoteRune(uint r) {
    if (r == '\'')
        return "'\\''";
    if (r == '\\')
        return "'\\\\'";
    if (r == '\n')
        return "'\\n'";
    if (r == '\t')
        return "'\\t'";
    if (r == 0xFFFFFFFFu)
        return "'\\x00'"; // end of input where a character was expected (Go's eof rune is -1)
    if (r < 0x20 || r == 0x7f)
        return "'\\x" + QByteArray::number(r, 16).rightJustified(2, '0') + '\'';
    const char32_t c = char32_t(r);
    return '\'' + QString::fromUcs4(&c, 1).toUtf8() + '\'';
}

class Lexer {
public:
    explicit Lexer(const QByteArray &input)
        : in(input) {}

    std::vector<Token> run() {
        while (true) {
            if (!step())
                break;
        }
        return std::move(out);
    }

private:
    const QByteArray &in;
    int pos = 0;
    int start = 0;
    int parenDepth = 0;
    bool braceOpen = false;
    bool bracketOpen = false;
    bool gotColon = false;
    std::vector<Token> out;

    static constexpr uint Eof = 0xFFFFFFFFu;

    // Next UTF-8 code point (or Eof); width in *w.
    uint peekRune(int at, int *w) const {
        if (at >= in.size()) {
            *w = 0;
            return Eof;
        }
        const uchar c = uchar(in[at]);
        if (c < 0x80) {
            *w = 1;
            return c;
        }
        const QString s = QString::fromUtf8(in.constData() + at, std::min<int>(4, in.size() - at));
        const uint r = s.isEmpty() ? 0xFFFD
                                   : uint(s.at(0).isHighSurrogate() && s.size() > 1
                                              ? QChar::surrogateToUcs4(s[0], s[1])
                                              : s.at(0).unicode());
        *w = r >= 0x10000 ? 4 : r >= 0x800 ? 3 : r >= 0x80 ? 2 : 1;
        return r;
    }
    char peek() const { return pos < in.size() ? in[pos] : '\0'; }
    bool atEnd() const { return pos >= in.size(); }
    bool accept(const char *set) {
        if (atEnd())
            return false;
        for (const char *p = set; *p; ++p) {
            if (in[pos] == *p) {
                ++pos;
                return true;
            }
        }
        return false;
    }
    void acceptRun(const char *set) {
        while (accept(set)) {
        }
    }
    void emitToken(Tok t) {
        out.push_back({t, start, in.mid(start, pos - start)});
        start = pos;
    }
    bool error(const QByteArray &message) {
        out.push_back({Tok::Error, start, message});
        return false;
    }

    bool step() {
        if (braceOpen)
            return insideBraces();
        if (peek() == '#')
            return comment();
        if (atEnd()) {
            if (parenDepth != 0)
                return error("unclosed left parenthesis");
            if (bracketOpen)
                return error("unclosed left bracket");
            emitToken(Tok::Eof);
            return false;
        }
        int w = 0;
        const uint r = peekRune(pos, &w);
        const char c = in[pos];
        pos += w;
        switch (c) {
        case ',':
            emitToken(Tok::Comma);
            return true;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            while (isSpace(peek()))
                ++pos;
            start = pos;
            return true;
        case '*':
            emitToken(Tok::Mul);
            return true;
        case '/':
            emitToken(Tok::Div);
            return true;
        case '%':
            emitToken(Tok::Mod);
            return true;
        case '+':
            emitToken(Tok::Add);
            return true;
        case '-':
            emitToken(Tok::Sub);
            return true;
        case '^':
            emitToken(Tok::Pow);
            return true;
        case '=':
            if (peek() == '=') {
                ++pos;
                emitToken(Tok::EqlC);
            } else if (peek() == '~') {
                return error("unexpected character after '=': '~'");
            } else {
                emitToken(Tok::Assign);
            }
            return true;
        case '!': {
            int w2 = 0;
            const uint n = peekRune(pos, &w2);
            pos += w2;
            if (n == '=') {
                emitToken(Tok::Neq);
                return true;
            }
            return error("unexpected character after '!': " + quoteRune(n));
        }
        case '<':
            if (peek() == '=') {
                ++pos;
                emitToken(Tok::Lte);
            } else {
                emitToken(Tok::Lss);
            }
            return true;
        case '>':
            if (peek() == '=') {
                ++pos;
                emitToken(Tok::Gte);
            } else {
                emitToken(Tok::Gtr);
            }
            return true;
        case '"':
        case '\'':
            return string(c);
        case '`':
            return rawString();
        case '(':
            emitToken(Tok::LeftParen);
            ++parenDepth;
            return true;
        case ')':
            emitToken(Tok::RightParen);
            if (--parenDepth < 0)
                return error("unexpected right parenthesis ')'");
            return true;
        case '{':
            emitToken(Tok::LeftBrace);
            braceOpen = true;
            return true;
        case '[':
            if (bracketOpen)
                return error("unexpected left bracket '['");
            gotColon = false;
            emitToken(Tok::LeftBracket);
            while (isSpace(peek()))
                ++pos;
            start = pos;
            bracketOpen = true;
            return duration();
        case ']':
            if (!bracketOpen)
                return error("unexpected right bracket ']'");
            emitToken(Tok::RightBracket);
            bracketOpen = false;
            return true;
        case '@':
            emitToken(Tok::At);
            return true;
        default:
            break;
        }
        if (isDigit(c) || (c == '.' && isDigit(peek()))) {
            pos = start;
            return numberOrDuration();
        }
        if (isAlpha(c) || c == ':') {
            if (!bracketOpen) {
                pos = start;
                return keywordOrIdentifier();
            }
            if (gotColon)
                return error("unexpected colon ':'");
            emitToken(Tok::Colon);
            gotColon = true;
            return true;
        }
        return error("unexpected character: " + quoteRune(r));
    }

    bool comment() {
        while (!atEnd() && in[pos] != '\n' && in[pos] != '\r')
            ++pos;
        start = pos; // comments are not kept
        return true;
    }

    bool insideBraces() {
        if (peek() == '#')
            return comment();
        if (atEnd())
            return error("unexpected end of input inside braces");
        int w = 0;
        const uint r = peekRune(pos, &w);
        const char c = in[pos];
        pos += w;
        if (isSpace(c)) {
            while (isSpace(peek()))
                ++pos;
            start = pos;
            return true;
        }
        if (isAlpha(c)) {
            while (isAlphaNumeric(peek()))
                ++pos;
            emitToken(Tok::Identifier);
            return true;
        }
        switch (c) {
        case ',':
            emitToken(Tok::Comma);
            return true;
        case '"':
        case '\'':
            return string(c);
        case '`':
            return rawString();
        case '=':
            if (peek() == '~') {
                ++pos;
                emitToken(Tok::EqlRegex);
            } else {
                emitToken(Tok::Assign);
            }
            return true;
        case '!': {
            int w2 = 0;
            const uint n = peekRune(pos, &w2);
            pos += w2;
            if (n == '~') {
                emitToken(Tok::NeqRegex);
                return true;
            }
            if (n == '=') {
                emitToken(Tok::Neq);
                return true;
            }
            return error("unexpected character after '!' inside braces: " + quoteRune(n));
        }
        case '{':
            return error("unexpected left brace '{'");
        case '}':
            emitToken(Tok::RightBrace);
            braceOpen = false;
            return true;
        default:
            return error("unexpected character inside braces: " + quoteRune(r));
        }
    }

    static QByteArray runeName(uint r) {
        // Go's %#U: U+0071 'q'
        QByteArray hex = QByteArray::number(r, 16).toUpper().rightJustified(4, '0');
        return "U+" + hex + ' ' + quoteRune(r);
    }

    // Go's lexer reads runes: a byte that is not valid UTF-8 decodes to utf8.RuneError, which
    // lexString and lexRawString refuse ("invalid UTF-8 rune"), as does a written-out U+FFFD.
    // Skips a valid multi-byte rune whole; false at a bad one.
    bool skipMultiByteRune() {
        if (uchar(in[pos]) < 0x80)
            return true;
        int w = 0;
        if (peekRune(pos, &w) == 0xFFFD)
            return false;
        pos += w - 1; // the caller steps over the last byte
        return true;
    }

    bool string(char quote) {
        while (true) {
            if (atEnd())
                return error("unterminated quoted string");
            if (!skipMultiByteRune())
                return error("invalid UTF-8 rune");
            const char c = in[pos++];
            if (c == '\n')
                return error("unterminated quoted string");
            if (c == quote)
                break;
            if (c != '\\')
                continue;
            // An escape: validated here as Go's lexEscape does; unquoted by the parser.
            int w = 0;
            uint ch = peekRune(pos, &w);
            pos += w;
            int n = 0;
            uint base = 0;
            uint max = 0;
            switch (ch) {
            case 'a':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'v':
            case '\\':
                continue;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
                n = 3;
                base = 8;
                max = 255;
                break;
            case 'x':
                ch = peekRune(pos, &w);
                pos += w;
                n = 2;
                base = 16;
                max = 255;
                break;
            case 'u':
                ch = peekRune(pos, &w);
                pos += w;
                n = 4;
                base = 16;
                max = 0x10FFFF;
                break;
            case 'U':
                ch = peekRune(pos, &w);
                pos += w;
                n = 8;
                base = 16;
                max = 0x10FFFF;
                break;
            case Eof:
                return error("escape sequence not terminated");
            default:
                if (ch == uint(uchar(quote)))
                    continue;
                return error("unknown escape sequence " + runeName(ch));
            }
            uint x = 0;
            while (n > 0) {
                uint d = 16;
                if (ch >= '0' && ch <= '9')
                    d = ch - '0';
                else if (ch >= 'a' && ch <= 'f')
                    d = ch - 'a' + 10;
                else if (ch >= 'A' && ch <= 'F')
                    d = ch - 'A' + 10;
                if (d >= base) {
                    if (ch == Eof)
                        return error("escape sequence not terminated");
                    return error("illegal character " + runeName(ch) + " in escape sequence");
                }
                x = x * base + d;
                if (--n > 0) {
                    ch = peekRune(pos, &w);
                    pos += w;
                }
            }
            if (x > max || (x >= 0xD800 && x < 0xE000))
                return error("escape sequence is an invalid Unicode code point");
        }
        emitToken(Tok::String);
        return true;
    }

    bool rawString() {
        while (true) {
            if (atEnd())
                return error("unterminated raw string");
            if (!skipMultiByteRune())
                return error("invalid UTF-8 rune");
            if (in[pos++] == '`')
                break;
        }
        emitToken(Tok::String);
        return true;
    }

    // Go's scanNumber: true if the text at pos is a whole number (not followed by a letter).
    bool scanNumber() {
        const char *digits = "0123456789";
        if (accept("0") && accept("xX"))
            digits = "0123456789abcdefABCDEF";
        acceptRun(digits);
        if (accept("."))
            acceptRun(digits);
        if (accept("eE")) {
            accept("+-");
            acceptRun("0123456789");
        }
        return !isAlphaNumeric(peek());
    }

    bool acceptRemainingDuration() {
        if (!accept("smhdwy"))
            return false;
        accept("s");
        while (accept("0123456789")) {
            acceptRun("0123456789");
            if (!accept("smhdw"))
                return false;
            accept("s");
        }
        // Go's lexer reads one more rune and backs up; a letter or digit here is an error.
        if (isAlphaNumeric(peek())) {
            ++pos;
            return false;
        }
        return true;
    }

    bool duration() {
        if (scanNumber())
            return error("missing unit character in duration");
        if (!acceptRemainingDuration())
            return error("bad duration syntax: " + goQuote(in.mid(start, pos - start)));
        emitToken(Tok::Duration);
        return true;
    }

    bool numberOrDuration() {
        if (scanNumber()) {
            emitToken(Tok::Number);
            return true;
        }
        if (acceptRemainingDuration()) {
            emitToken(Tok::Duration);
            return true;
        }
        if (!atEnd() && pos < in.size())
            ++pos; // Go includes the offending rune it read
        return error("bad number or duration syntax: " + goQuote(in.mid(start, pos - start)));
    }

    bool keywordOrIdentifier() {
        while (!atEnd() && (isAlphaNumeric(in[pos]) || in[pos] == ':'))
            ++pos;
        const QByteArray word = in.mid(start, pos - start);
        const auto it = keywords().constFind(word.toLower());
        if (it != keywords().cend())
            emitToken(*it);
        else if (!word.contains(':'))
            emitToken(Tok::Identifier);
        else
            emitToken(Tok::MetricIdentifier);
        return true;
    }

public:
    static QByteArray goQuote(const QByteArray &s) {
        QByteArray o = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\')
                o += '\\';
            o += c;
        }
        return o + '"';
    }
};

} // namespace

QByteArray tokenText(Tok t) {
    switch (t) {
    case Tok::Add:
        return "+";
    case Tok::Sub:
        return "-";
    case Tok::Mul:
        return "*";
    case Tok::Div:
        return "/";
    case Tok::Mod:
        return "%";
    case Tok::Pow:
        return "^";
    case Tok::EqlC:
        return "==";
    case Tok::Neq:
        return "!=";
    case Tok::Lte:
        return "<=";
    case Tok::Lss:
        return "<";
    case Tok::Gte:
        return ">=";
    case Tok::Gtr:
        return ">";
    case Tok::EqlRegex:
        return "=~";
    case Tok::NeqRegex:
        return "!~";
    case Tok::LAnd:
        return "and";
    case Tok::LOr:
        return "or";
    case Tok::LUnless:
        return "unless";
    case Tok::Atan2:
        return "atan2";
    case Tok::Avg:
        return "avg";
    case Tok::Bottomk:
        return "bottomk";
    case Tok::Count:
        return "count";
    case Tok::CountValues:
        return "count_values";
    case Tok::Group:
        return "group";
    case Tok::Max:
        return "max";
    case Tok::Min:
        return "min";
    case Tok::Quantile:
        return "quantile";
    case Tok::Stddev:
        return "stddev";
    case Tok::Stdvar:
        return "stdvar";
    case Tok::Sum:
        return "sum";
    case Tok::Topk:
        return "topk";
    case Tok::Assign:
        return "=";
    default:
        return {};
    }
}

QByteArray describe(const Token &t) {
    // Items with a fixed spelling print as themselves (Prometheus's ItemTypeStr table).
    switch (t.type) {
    case Tok::Eof:
        return "end of input";
    case Tok::Error:
        return t.val;
    case Tok::LeftParen:
        return "\"(\"";
    case Tok::RightParen:
        return "\")\"";
    case Tok::LeftBrace:
        return "\"{\"";
    case Tok::RightBrace:
        return "\"}\"";
    case Tok::LeftBracket:
        return "\"[\"";
    case Tok::RightBracket:
        return "\"]\"";
    case Tok::Comma:
        return "\",\"";
    case Tok::Colon:
        return "\":\"";
    case Tok::At:
        return "\"@\"";
    case Tok::Assign:
        return "\"=\"";
    case Tok::Identifier:
        return "identifier " + Lexer::goQuote(t.val);
    case Tok::MetricIdentifier:
        return "metric identifier " + Lexer::goQuote(t.val);
    case Tok::Number:
        return "number " + Lexer::goQuote(t.val);
    case Tok::String: {
        QByteArray q = Lexer::goQuote(t.val);
        if (t.val.size() > 10)
            q = Lexer::goQuote(t.val.left(10)) + "...";
        return "string " + q;
    }
    case Tok::Duration:
        return "duration " + Lexer::goQuote(t.val);
    case Tok::Start:
    case Tok::End:
        return '<' + t.val.toLower() + '>';
    default:
        break;
    }
    if (isOperator(t.type))
        return "<op:" + (tokenText(t.type).isEmpty() ? t.val : tokenText(t.type)) + '>';
    if (isAggregator(t.type))
        return "<aggr:" + t.val + '>';
    if (isKeyword(t.type))
        return '<' + t.val + '>';
    return Lexer::goQuote(t.val);
}

std::vector<Token> lex(const QByteArray &query) {
    return Lexer(query).run();
}

} // namespace ppl::query
