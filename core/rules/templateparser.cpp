#include "templateparser.h"

#include <QRegularExpression>

#include <algorithm>

namespace ppl::rules::tmpl {

// --- lexer and parser ---------------------------------------------------------------------

const std::set<QByteArray> &knownFunctions() {
    static const std::set<QByteArray> names = {
        // Go's text/template builtins.
        "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
        "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
        // Prometheus's template.NewTemplateExpander funcMap (2.42).
        "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match",
        "title", "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "humanize",
        "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime",
        "pathPrefix", "externalURL", "parseDuration", "stripPort", "stripDomain"};
    return names;
}

namespace {

struct Token {
    enum class Kind {
        Field,    // .Name
        Dot,      // .
        Variable, // $name
        Ident,
        String,
        RawString,
        Number,
        Bool,
        Nil,
        Pipe,
        LParen,
        RParen,
        Declare,
        Assign,
        Comma,
        Keyword
    };
    Kind kind;
    int pos;
    QByteArray text;
    bool spaceBefore = false;
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
} // namespace

bool isAlnum(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           uchar(c) >= 0x80;
}

namespace {

class Parser {
public:
    explicit Parser(const QByteArray &text)
        : m_text(text) {}

    std::vector<Node> parse() {
        m_scopes.push_back({"$"});
        std::vector<Node> list;
        const QByteArray stop = parseList(list);
        if (!stop.isEmpty())
            throw ParseFailure{m_lastPos,
                               QStringLiteral("unexpected {{%1}}").arg(QString::fromUtf8(stop))};
        return list;
    }

private:
    // One {{action}}: its tokens; or text. Returns false at the end of input.
    struct Item {
        bool action = false;
        QByteArray text;
        std::vector<Token> tokens;
        int pos = 0;
    };

    bool next(Item &item) {
        item = Item();
        if (m_pos >= m_text.size())
            return false;
        const qsizetype open = m_text.indexOf("{{", m_pos);
        if (open != m_pos) {
            qsizetype end = open < 0 ? m_text.size() : open;
            QByteArray t = m_text.mid(m_pos, end - m_pos);
            if (m_trimNext) {
                qsizetype k = 0;
                while (k < t.size() && isSpace(t[k]))
                    ++k;
                t = t.mid(k);
            }
            // "{{- " trims the space before it.
            if (open >= 0 && open + 3 < m_text.size() && m_text[open + 2] == '-' &&
                isSpace(m_text[open + 3])) {
                while (!t.isEmpty() && isSpace(t.back()))
                    t.chop(1);
            }
            m_trimNext = false;
            item.text = t;
            item.pos = int(m_pos);
            m_pos = end;
            return true;
        }
        m_trimNext = false;
        item.action = true;
        item.pos = int(m_pos);
        qsizetype i = m_pos + 2;
        if (i + 1 < m_text.size() && m_text[i] == '-' && isSpace(m_text[i + 1]))
            i += 2;
        lexAction(i, item);
        return true;
    }

    // Whether the action closes at i ("}}" or " -}}"); advances past it.
    bool closeAt(qsizetype &i) {
        if (m_text.mid(i, 2) == "}}") {
            i += 2;
            return true;
        }
        if (isSpace(m_text[i]) && m_text.mid(i + 1, 3) == "-}}") {
            i += 4;
            m_trimNext = true;
            return true;
        }
        return false;
    }

    void lexAction(qsizetype i, Item &item) {
        // A comment: {{/* … */}}.
        qsizetype j = i;
        while (j < m_text.size() && isSpace(m_text[j]))
            ++j;
        if (m_text.mid(j, 2) == "/*") {
            const qsizetype end = m_text.indexOf("*/", j + 2);
            if (end < 0)
                throw ParseFailure{int(m_text.size()), QStringLiteral("unclosed comment")};
            qsizetype k = end + 2;
            if (!closeAt(k))
                throw ParseFailure{int(k), QStringLiteral("comment ends before closing delimiter")};
            m_pos = k;
            item.action = false; // nothing to emit
            return;
        }
        bool space = false;
        while (true) {
            if (i >= m_text.size())
                throw ParseFailure{int(m_text.size()), QStringLiteral("unclosed action")};
            if (closeAt(i))
                break;
            const char c = m_text[i];
            if (isSpace(c)) {
                space = true;
                ++i;
                continue;
            }
            Token t{Token::Kind::Ident, int(i), {}, space};
            space = false;
            const qsizetype start = i;
            if (c == '|') {
                t.kind = Token::Kind::Pipe;
                ++i;
            } else if (c == '(') {
                t.kind = Token::Kind::LParen;
                ++i;
            } else if (c == ')') {
                t.kind = Token::Kind::RParen;
                ++i;
            } else if (c == ',') {
                t.kind = Token::Kind::Comma;
                ++i;
            } else if (c == ':' && i + 1 < m_text.size() && m_text[i + 1] == '=') {
                t.kind = Token::Kind::Declare;
                i += 2;
            } else if (c == '=') {
                t.kind = Token::Kind::Assign;
                ++i;
            } else if (c == '"') {
                ++i;
                while (i < m_text.size() && m_text[i] != '"') {
                    if (m_text[i] == '\\')
                        ++i;
                    if (i < m_text.size() && m_text[i] == '\n')
                        throw ParseFailure{int(i), QStringLiteral("unterminated quoted string")};
                    ++i;
                }
                if (i >= m_text.size())
                    throw ParseFailure{int(i), QStringLiteral("unterminated quoted string")};
                ++i;
                t.kind = Token::Kind::String;
            } else if (c == '`') {
                const qsizetype end = m_text.indexOf('`', i + 1);
                if (end < 0)
                    throw ParseFailure{int(m_text.size()),
                                       QStringLiteral("unterminated raw quoted string")};
                i = end + 1;
                t.kind = Token::Kind::RawString;
            } else if (c == '.' &&
                       !(i + 1 < m_text.size() && m_text[i + 1] >= '0' && m_text[i + 1] <= '9')) {
                ++i;
                while (i < m_text.size() && isAlnum(m_text[i]))
                    ++i;
                t.kind = i - start == 1 ? Token::Kind::Dot : Token::Kind::Field;
            } else if (c == '$') {
                ++i;
                while (i < m_text.size() && isAlnum(m_text[i]))
                    ++i;
                t.kind = Token::Kind::Variable;
            } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                ++i;
                while (i < m_text.size() && (isAlnum(m_text[i]) || m_text[i] == '.' ||
                                             ((m_text[i] == '-' || m_text[i] == '+') &&
                                              (m_text[i - 1] == 'e' || m_text[i - 1] == 'E'))))
                    ++i;
                t.kind = Token::Kind::Number;
            } else if (isAlnum(c)) {
                while (i < m_text.size() && isAlnum(m_text[i]))
                    ++i;
                const QByteArray word = m_text.mid(start, i - start);
                static const std::set<QByteArray> keywords = {
                    "if",     "else",     "end",   "range", "with",
                    "define", "template", "block", "break", "continue"};
                if (word == "true" || word == "false")
                    t.kind = Token::Kind::Bool;
                else if (word == "nil")
                    t.kind = Token::Kind::Nil;
                else if (keywords.count(word))
                    t.kind = Token::Kind::Keyword;
                else
                    t.kind = Token::Kind::Ident;
            } else {
                throw ParseFailure{int(i), QStringLiteral("unexpected \"%1\" in command")
                                               .arg(QString::fromUtf8(QByteArray(1, c)))};
            }
            t.text = m_text.mid(start, i - start);
            item.tokens.push_back(std::move(t));
        }
        m_pos = i;
    }

    // Parses items into list until {{end}} or {{else…}} (returned: "end", "else") or the end
    // of input (returns "").
    QByteArray parseList(std::vector<Node> &list, Item *elseItem = nullptr) {
        Item item;
        while (next(item)) {
            if (!item.action) {
                if (!item.text.isEmpty())
                    list.push_back(Node{Node::Kind::Text, item.text, {}, {}, {}});
                continue;
            }
            m_lastPos = item.pos;
            auto &toks = item.tokens;
            if (toks.empty())
                throw ParseFailure{item.pos, QStringLiteral("missing value for command")};
            if (toks[0].kind == Token::Kind::Keyword) {
                const QByteArray &kw = toks[0].text;
                if (kw == "end") {
                    if (toks.size() > 1)
                        throw ParseFailure{
                            toks[1].pos,
                            QStringLiteral("unexpected %1 in end").arg(tokenString(toks[1]))};
                    return "end";
                }
                if (kw == "else") {
                    if (elseItem)
                        *elseItem = item;
                    return "else";
                }
                if (kw == "if" || kw == "with" || kw == "range") {
                    list.push_back(parseControl(kw, toks, 1));
                    continue;
                }
                throw ParseFailure{toks[0].pos, QStringLiteral("{{%1}} is not supported by the "
                                                               "lab's templates")
                                                    .arg(QString::fromUtf8(kw))};
            }
            Node action{Node::Kind::Action, {}, {}, {}, {}};
            size_t at = 0;
            action.pipe = parsePipe(toks, at, "command", false);
            list.push_back(std::move(action));
        }
        return {};
    }

    Node parseControl(const QByteArray &kw, const std::vector<Token> &toks, size_t at) {
        Node n;
        n.kind = kw == "if" ? Node::Kind::If : kw == "with" ? Node::Kind::With : Node::Kind::Range;
        const size_t scopeSize = m_scopes.size();
        m_scopes.push_back({});
        n.pipe = parsePipe(toks, at, kw, kw == "range");
        if (n.pipe.cmds.empty())
            throw ParseFailure{toks[0].pos,
                               QStringLiteral("missing value for %1").arg(QString::fromUtf8(kw))};
        Item elseItem;
        QByteArray stop = parseList(n.list, &elseItem);
        if (stop.isEmpty())
            throw ParseFailure{int(m_text.size()), QStringLiteral("unexpected EOF")};
        if (stop == "else") {
            // {{else if …}} / {{else with …}}: a nested control that ends at the same {{end}}.
            if (elseItem.tokens.size() > 1 && elseItem.tokens[1].kind == Token::Kind::Keyword &&
                (elseItem.tokens[1].text == "if" || elseItem.tokens[1].text == "with")) {
                n.elseList.push_back(parseControl(elseItem.tokens[1].text, elseItem.tokens, 2));
            } else {
                if (elseItem.tokens.size() > 1)
                    throw ParseFailure{elseItem.tokens[1].pos,
                                       QStringLiteral("unexpected %1 in else")
                                           .arg(tokenString(elseItem.tokens[1]))};
                stop = parseList(n.elseList);
                if (stop.isEmpty())
                    throw ParseFailure{int(m_text.size()), QStringLiteral("unexpected EOF")};
                if (stop == "else")
                    throw ParseFailure{m_lastPos, QStringLiteral("expected end; found {{else}}")};
            }
        }
        m_scopes.resize(scopeSize);
        return n;
    }

    static QString tokenString(const Token &t) {
        return QStringLiteral("<%1>").arg(QString::fromUtf8(t.text));
    }

    bool defined(const QByteArray &var) const {
        for (const auto &scope : m_scopes)
            if (std::find(scope.begin(), scope.end(), var) != scope.end())
                return true;
        return false;
    }

    Pipe parsePipe(const std::vector<Token> &toks, size_t &at, const QByteArray &context,
                   bool multiDecl) {
        Pipe p;
        p.pos = at < toks.size() ? toks[at].pos : 0;
        // Declarations: $x := / $x = / $i, $e :=
        size_t look = at;
        std::vector<QByteArray> vars;
        while (look < toks.size() && toks[look].kind == Token::Kind::Variable) {
            vars.push_back(toks[look].text);
            ++look;
            if (look < toks.size() && toks[look].kind == Token::Kind::Comma && multiDecl &&
                vars.size() < 2) {
                ++look;
                continue;
            }
            break;
        }
        if (!vars.empty() && look < toks.size() &&
            (toks[look].kind == Token::Kind::Declare || toks[look].kind == Token::Kind::Assign)) {
            p.assign = toks[look].kind == Token::Kind::Assign;
            p.decl = vars;
            at = look + 1;
            if (p.assign) {
                for (const QByteArray &v : vars)
                    if (!defined(v))
                        throw ParseFailure{
                            p.pos,
                            QStringLiteral("undefined variable \"%1\"").arg(QString::fromUtf8(v))};
            }
        }
        while (at < toks.size() && toks[at].kind != Token::Kind::RParen) {
            Command cmd;
            cmd.pos = toks[at].pos;
            while (at < toks.size() && toks[at].kind != Token::Kind::Pipe &&
                   toks[at].kind != Token::Kind::RParen)
                cmd.args.push_back(parseOperand(toks, at));
            if (cmd.args.empty())
                throw ParseFailure{cmd.pos, QStringLiteral("missing value for command")};
            p.cmds.push_back(std::move(cmd));
            if (at < toks.size() && toks[at].kind == Token::Kind::Pipe) {
                ++at;
                if (at >= toks.size() || toks[at].kind == Token::Kind::RParen)
                    throw ParseFailure{toks[at - 1].pos,
                                       QStringLiteral("missing value for command")};
            }
        }
        if (p.cmds.empty() && context == "command")
            throw ParseFailure{p.pos, QStringLiteral("missing value for command")};
        if (!p.assign)
            for (const QByteArray &v : p.decl)
                m_scopes.back().push_back(v);
        return p;
    }

    Arg parseOperand(const std::vector<Token> &toks, size_t &at) {
        const Token &t = toks[at];
        Arg a;
        a.pos = t.pos;
        a.text = t.text;
        ++at;
        switch (t.kind) {
        case Token::Kind::Dot:
            a.kind = Arg::Kind::Dot;
            break;
        case Token::Kind::Field:
            a.kind = Arg::Kind::Field;
            a.fields.push_back(t.text.mid(1));
            break;
        case Token::Kind::Variable:
            a.kind = Arg::Kind::Variable;
            a.name = t.text;
            if (!defined(t.text))
                throw ParseFailure{
                    t.pos,
                    QStringLiteral("undefined variable \"%1\"").arg(QString::fromUtf8(t.text))};
            break;
        case Token::Kind::Ident:
            a.kind = Arg::Kind::Ident;
            a.name = t.text;
            if (!knownFunctions().count(t.text))
                throw ParseFailure{
                    t.pos,
                    QStringLiteral("function \"%1\" not defined").arg(QString::fromUtf8(t.text))};
            break;
        case Token::Kind::String:
        case Token::Kind::RawString:
            a.kind = Arg::Kind::String;
            a.constant = Value::ofString(unquote(t));
            break;
        case Token::Kind::Number:
            a.kind = Arg::Kind::Number;
            a.constant = number(t);
            break;
        case Token::Kind::Bool:
            a.kind = Arg::Kind::Bool;
            a.constant = Value::ofBool(t.text == "true");
            break;
        case Token::Kind::Nil:
            a.kind = Arg::Kind::Nil;
            a.constant = Value::nil();
            break;
        case Token::Kind::LParen: {
            a.kind = Arg::Kind::Pipe;
            a.pipe = std::make_shared<Pipe>(parsePipe(toks, at, "parenthesized pipeline", false));
            if (at >= toks.size() || toks[at].kind != Token::Kind::RParen)
                throw ParseFailure{t.pos, QStringLiteral("unclosed left paren")};
            ++at;
            break;
        }
        default:
            throw ParseFailure{t.pos,
                               QStringLiteral("unexpected %1 in operand").arg(tokenString(t))};
        }
        // A field chain right after the term: $labels.x, (…).Labels, .Labels.x
        while (at < toks.size() && toks[at].kind == Token::Kind::Field && !toks[at].spaceBefore &&
               (a.kind == Arg::Kind::Field || a.kind == Arg::Kind::Variable ||
                a.kind == Arg::Kind::Pipe || a.kind == Arg::Kind::Dot)) {
            if (a.kind == Arg::Kind::Dot)
                a.kind = Arg::Kind::Field;
            a.fields.push_back(toks[at].text.mid(1));
            ++at;
        }
        return a;
    }

    Value number(const Token &t) const {
        const QString s = QString::fromUtf8(t.text);
        bool ok = false;
        const bool floatSyntax = !s.startsWith(QLatin1String("0x")) &&
                                 s.contains(QRegularExpression(QStringLiteral("[.eEpP]")));
        if (!floatSyntax) {
            const qint64 v = s.toLongLong(&ok, 0);
            if (ok)
                return Value::ofInt(v);
        }
        const double d = s.toDouble(&ok);
        if (!ok)
            throw ParseFailure{t.pos, QStringLiteral("bad number syntax: \"%1\"").arg(s)};
        return Value::ofFloat(d);
    }

    static QByteArray unquote(const Token &t) {
        const QByteArray body = t.text.mid(1, t.text.size() - 2);
        if (t.kind == Token::Kind::RawString)
            return body;
        QByteArray out;
        for (qsizetype i = 0; i < body.size(); ++i) {
            char c = body[i];
            if (c != '\\' || i + 1 >= body.size()) {
                out += c;
                continue;
            }
            c = body[++i];
            switch (c) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'x':
                out += char(body.mid(i + 1, 2).toInt(nullptr, 16));
                i += 2;
                break;
            default:
                out += c;
            }
        }
        return out;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
    bool m_trimNext = false;
    int m_lastPos = 0;
    std::vector<std::vector<QByteArray>> m_scopes;
};

} // namespace

std::vector<Node> parseTemplate(const QByteArray &text) {
    return Parser(text).parse();
}

} // namespace ppl::rules::tmpl
