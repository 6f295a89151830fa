#include "parser.h"

#include "functions.h"

#include "util/largestack.h"
#include "util/promduration.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace ppl::query {

namespace {

struct Failure {
    ParseError error;
};

[[noreturn]] void fail(PosRange pos, const QString &message) {
    throw Failure{{pos, message}};
}

// Binary operator precedence as in generated_parser.y's %left/%right lines.
int precedence(Tok t) {
    switch (t) {
    case Tok::LOr:
        return 1;
    case Tok::LAnd:
    case Tok::LUnless:
        return 2;
    case Tok::EqlC:
    case Tok::Neq:
    case Tok::Lte:
    case Tok::Lss:
    case Tok::Gte:
    case Tok::Gtr:
        return 3;
    case Tok::Add:
    case Tok::Sub:
        return 4;
    case Tok::Mul:
    case Tok::Div:
    case Tok::Mod:
    case Tok::Atan2:
        return 5;
    case Tok::Pow:
        return 6;
    default:
        return 0;
    }
}
constexpr int PowPrecedence = 6;

bool isLabelName(QByteArrayView s) {
    if (s.isEmpty())
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

// Prometheus's maybe_label: identifiers and every keyword spelled like one.
bool isMaybeLabel(Tok t) {
    return t == Tok::Identifier || t == Tok::MetricIdentifier || isAggregator(t) || isKeyword(t) ||
           t == Tok::LAnd || t == Tok::LOr || t == Tok::LUnless || t == Tok::Atan2 ||
           t == Tok::Start || t == Tok::End;
}

// Go's RE2 refuses Perl features PCRE accepts; report them in Go's words so a pattern that
// Prometheus rejects is rejected here too.
std::optional<QString> re2Incompatibility(const QByteArray &re) {
    bool inClass = false;
    for (qsizetype i = 0; i < re.size(); ++i) {
        const char c = re[i];
        if (c == '\\' && i + 1 < re.size()) {
            const char n = re[i + 1];
            if (n >= '1' && n <= '9')
                return QStringLiteral("invalid escape sequence: `\\%1`").arg(QChar::fromLatin1(n));
            if (!inClass && QByteArrayView("gkKRXhHvVNoZ").contains(n))
                return QStringLiteral("invalid escape sequence: `\\%1`").arg(QChar::fromLatin1(n));
            ++i;
            continue;
        }
        if (inClass) {
            if (c == ']')
                inClass = false;
            continue;
        }
        if (c == '[') {
            inClass = true;
            if (i + 1 < re.size() && re[i + 1] == ']')
                ++i;
            continue;
        }
        if (c == '(' && i + 2 < re.size() && re[i + 1] == '?') {
            const char k = re[i + 2];
            if (k == '=' || k == '!' || k == '>' || k == '|' || k == '#')
                return QStringLiteral("invalid or unsupported Perl syntax: `(?%1`")
                    .arg(QChar::fromLatin1(k));
            if (k == '<')
                return QStringLiteral("invalid or unsupported Perl syntax: `(?<`");
        }
        if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < re.size() && re[i + 1] == '+')
            return QStringLiteral("invalid nested repetition operator: `%1+`")
                .arg(QChar::fromLatin1(c));
    }
    return std::nullopt;
}

class RecursiveParser {
public:
    explicit RecursiveParser(const QByteArray &q)
        : query(q)
        , tokens(lex(q)) {}

    std::unique_ptr<Expr> parseAll() {
        if (peek().type == Tok::Eof)
            fail({0, 0}, QStringLiteral("no expression found in input"));
        auto e = parseExpr(1);
        if (peek().type != Tok::Eof)
            unexpected(QString(), QString());
        check(*e);
        return e;
    }

private:
    const QByteArray &query;
    std::vector<Token> tokens;
    size_t idx = 0;
    int depth = 0;

    const Token &peek(size_t ahead = 0) const {
        return tokens[std::min(idx + ahead, tokens.size() - 1)];
    }
    const Token &next() {
        const Token &t = peek();
        if (idx < tokens.size() - 1)
            ++idx;
        return t;
    }
    static PosRange range(const Token &t) { return {t.pos, t.pos + int(t.val.size())}; }

    // Prometheus's parser.unexpected: "unexpected <item>[ in <context>][, expected <what>]".
    // A lexer error is reported as itself.
    [[noreturn]] void unexpected(const QString &context, const QString &expected) {
        const Token &t = peek();
        if (t.type == Tok::Error)
            fail({t.pos, int(query.size())}, QString::fromUtf8(t.val));
        // Prometheus's generated parser reads one item ahead while recovering from a syntax
        // error, so a lexer error right behind the unexpected item is what it reports.
        if (const Token &after = peek(1); after.type == Tok::Error)
            fail({after.pos, int(query.size())}, QString::fromUtf8(after.val));
        QString msg = QStringLiteral("unexpected ") + QString::fromUtf8(describe(t));
        if (!context.isEmpty())
            msg += QStringLiteral(" in ") + context;
        if (!expected.isEmpty())
            msg += QStringLiteral(", expected ") + expected;
        fail(range(t), msg);
    }
    void expect(Tok type, const QString &context, const QString &expected) {
        if (peek().type != type)
            unexpected(context, expected);
        next();
    }

    struct DepthGuard {
        RecursiveParser &p;
        explicit DepthGuard(RecursiveParser &parser)
            : p(parser) {
            if (++p.depth > Parser::MaxDepth)
                fail(range(p.peek()),
                     QStringLiteral("expression nesting is too deep (more than %1 levels)")
                         .arg(Parser::MaxDepth));
        }
        ~DepthGuard() { --p.depth; }
    };

    static std::unique_ptr<Expr> node(Expr::Kind kind, PosRange pos) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->pos = pos;
        return e;
    }

    std::unique_ptr<Expr> parseExpr(int minPrec) {
        DepthGuard guard(*this);
        auto lhs = parseUnary();
        int chain = 0;
        while (true) {
            const Tok op = peek().type;
            const int prec = precedence(op);
            if (prec == 0 || prec < minPrec)
                break;
            // A left-associative chain nests its tree as deeply as parentheses would.
            if (depth + ++chain > Parser::MaxDepth)
                fail(range(peek()),
                     QStringLiteral("expression nesting is too deep (more than %1 levels)")
                         .arg(Parser::MaxDepth));
            const Token opToken = next();
            auto bin = node(Expr::Kind::Binary, {});
            bin->op = op;
            parseBinaryModifiers(*bin);
            Q_UNUSED(opToken);
            auto rhs = parseExpr(op == Tok::Pow ? prec : prec + 1);
            bin->pos = {lhs->pos.start, rhs->pos.end};
            bin->lhs = std::move(lhs);
            bin->rhs = std::move(rhs);
            lhs = std::move(bin);
        }
        return lhs;
    }

    void parseBinaryModifiers(Expr &bin) {
        if (peek().type == Tok::Bool) {
            next();
            bin.returnBool = true;
        }
        VectorMatching m;
        bool any = false;
        if (peek().type == Tok::On || peek().type == Tok::Ignoring) {
            m.on = next().type == Tok::On;
            m.matchingLabels = parseGroupingLabels();
            any = true;
            if (peek().type == Tok::GroupLeft || peek().type == Tok::GroupRight) {
                m.card = next().type == Tok::GroupLeft ? VectorMatching::Card::ManyToOne
                                                       : VectorMatching::Card::OneToMany;
                if (peek().type == Tok::LeftParen)
                    m.include = parseGroupingLabels();
            }
        }
        if (isSetOperator(bin.op) && m.card == VectorMatching::Card::OneToOne)
            m.card = VectorMatching::Card::ManyToMany;
        Q_UNUSED(any);
        bin.matching = m;
    }

    std::vector<QByteArray> parseGroupingLabels() {
        if (peek().type != Tok::LeftParen)
            unexpected(QStringLiteral("grouping opts"), QStringLiteral("\"(\""));
        next();
        std::vector<QByteArray> labels;
        while (peek().type != Tok::RightParen) {
            if (!isMaybeLabel(peek().type) || !isLabelName(peek().val))
                unexpected(QStringLiteral("grouping opts"), QStringLiteral("label"));
            labels.push_back(next().val);
            if (peek().type == Tok::Comma) {
                next();
                continue;
            }
            if (peek().type != Tok::RightParen)
                unexpected(QStringLiteral("grouping opts"), QStringLiteral("\",\" or \")\""));
        }
        next();
        return labels;
    }

    std::unique_ptr<Expr> parseUnary() {
        const Tok t = peek().type;
        if (t == Tok::Add || t == Tok::Sub) {
            const Token op = next();
            // Unary operators bind like * (generated_parser.y's %prec MUL): tighter than
            // everything but ^.
            auto operand = parseExpr(PowPrecedence);
            if (operand->kind == Expr::Kind::Number) {
                if (t == Tok::Sub)
                    operand->number = -operand->number;
                operand->pos.start = op.pos;
                return operand;
            }
            auto u = node(Expr::Kind::Unary, {op.pos, operand->pos.end});
            u->op = t;
            u->lhs = std::move(operand);
            return u;
        }
        return parsePostfix(parsePrimary());
    }

    std::unique_ptr<Expr> parsePostfix(std::unique_ptr<Expr> e) {
        while (true) {
            switch (peek().type) {
            case Tok::LeftBracket:
                e = parseRangeOrSubquery(std::move(e));
                break;
            case Tok::Offset:
                parseOffset(*e);
                break;
            case Tok::At:
                parseAt(*e);
                break;
            default:
                return e;
            }
        }
    }

    qint64 durationOf(const Token &t) {
        QString error;
        const auto d = parsePrometheusDuration(t.val, &error);
        if (!d)
            fail(range(t), error); // model.ParseDuration's words, as 2.42's parser passes them on
        return *d;
    }

    std::unique_ptr<Expr> parseRangeOrSubquery(std::unique_ptr<Expr> e) {
        next(); // [
        if (peek().type != Tok::Duration)
            unexpected(QStringLiteral("subquery or range"), QString());
        const qint64 range = durationOf(next());
        if (peek().type == Tok::RightBracket) {
            const Token close = next();
            if (e->kind != Expr::Kind::VectorSelector)
                fail(e->pos, QStringLiteral("ranges only allowed for vector selectors"));
            if (e->hasOffset || e->at != Expr::AtKind::None)
                fail(e->pos, QStringLiteral("no offset modifiers allowed before range"));
            auto m = node(Expr::Kind::MatrixSelector, {e->pos.start, close.pos + 1});
            m->rangeMs = range;
            m->lhs = std::move(e);
            return m;
        }
        if (peek().type != Tok::Colon)
            unexpected(QStringLiteral("subquery or range"), QStringLiteral("\":\" or \"]\""));
        next();
        qint64 step = 0;
        if (peek().type == Tok::Duration)
            step = durationOf(next());
        else if (peek().type != Tok::RightBracket)
            unexpected(QStringLiteral("subquery selector"), QStringLiteral("duration or \"]\""));
        if (peek().type != Tok::RightBracket)
            unexpected(QStringLiteral("subquery selector"), QStringLiteral("\"]\""));
        const Token close = next();
        auto s = node(Expr::Kind::Subquery, {e->pos.start, close.pos + 1});
        s->rangeMs = range;
        s->stepMs = step;
        s->lhs = std::move(e);
        return s;
    }

    // The node an offset or @ applies to (a matrix selector's vector selector), or nullptr.
    static Expr *modifierTarget(Expr &e) {
        if (e.kind == Expr::Kind::VectorSelector || e.kind == Expr::Kind::Subquery)
            return &e;
        if (e.kind == Expr::Kind::MatrixSelector)
            return e.lhs.get();
        return nullptr;
    }

    void parseOffset(Expr &e) {
        next(); // offset
        bool negative = false;
        if (peek().type == Tok::Sub) {
            next();
            negative = true;
        }
        if (peek().type != Tok::Duration)
            unexpected(QStringLiteral("offset"), QStringLiteral("duration"));
        const Token d = next();
        Expr *target = modifierTarget(e);
        if (!target)
            fail(e.pos, QStringLiteral("offset modifier must be preceded by an instant vector "
                                       "selector or range vector selector or a subquery"));
        if (target->hasOffset)
            fail(e.pos, QStringLiteral("offset may not be set multiple times"));
        target->hasOffset = true;
        target->offsetMs = negative ? -durationOf(d) : durationOf(d);
        e.pos.end = d.pos + int(d.val.size());
    }

    void parseAt(Expr &e) {
        next(); // @
        Expr::AtKind kind = Expr::AtKind::Time;
        qint64 ms = 0;
        int end = 0;
        if (peek().type == Tok::Start || peek().type == Tok::End) {
            kind = next().type == Tok::Start ? Expr::AtKind::Start : Expr::AtKind::End;
            expect(Tok::LeftParen, QStringLiteral("@"), QStringLiteral("\"(\""));
            if (peek().type != Tok::RightParen)
                unexpected(QStringLiteral("@"), QStringLiteral("\")\""));
            end = next().pos + 1;
        } else {
            double sign = 1;
            if (peek().type == Tok::Add || peek().type == Tok::Sub)
                sign = next().type == Tok::Sub ? -1 : 1;
            if (peek().type != Tok::Number)
                unexpected(QStringLiteral("@"), QStringLiteral("timestamp"));
            const Token n = next();
            const double seconds = sign * number(n);
            end = n.pos + int(n.val.size());
            const double scaled = seconds * 1000.0;
            if (!std::isfinite(scaled) || scaled >= 9.2233720368547758e18 ||
                scaled <= -9.2233720368547758e18)
                fail({e.pos.start, end},
                     QStringLiteral("timestamp out of bounds for @ modifier: %1")
                         .arg(QString::number(seconds, 'f', 6)));
            ms = qint64(std::llround(scaled));
        }
        Expr *target = modifierTarget(e);
        if (!target)
            fail(e.pos, QStringLiteral("@ modifier must be preceded by an instant vector selector "
                                       "or range vector selector or a subquery"));
        if (target->at != Expr::AtKind::None)
            fail(e.pos, QStringLiteral("@ <timestamp> may not be set multiple times"));
        target->at = kind;
        target->atMs = ms;
        e.pos.end = end;
    }

    double number(const Token &t) {
        const QByteArray s = t.val;
        const QByteArray lower = s.toLower();
        if (lower == "inf")
            return std::numeric_limits<double>::infinity();
        if (lower == "nan")
            return std::numeric_limits<double>::quiet_NaN();
        // Go's strconv.ParseInt(s, 0, 64) first: 0x hex and a leading-0 octal ("010" is 8).
        bool ok = false;
        qlonglong i = 0;
        if (lower.startsWith("0x"))
            i = s.mid(2).toLongLong(&ok, 16);
        else if (s.size() > 1 && s.startsWith('0'))
            i = s.mid(1).toLongLong(&ok, 8);
        else
            i = s.toLongLong(&ok, 10);
        if (ok)
            return double(i);
        if (lower.startsWith("0x")) { // beyond int64: Go's ParseFloat wants a p exponent
            fail(range(t), QStringLiteral("error parsing number: strconv.ParseFloat: parsing "
                                          "%1: invalid syntax")
                               .arg(QString::fromUtf8(describe(t)).mid(7)));
        }
        const double d = s.toDouble(&ok);
        if (!ok) {
            if (!s.isEmpty() && (s.endsWith('e') || s.endsWith('E') || s.endsWith('+') ||
                                 s.endsWith('-') || s == "."))
                fail(range(t), QStringLiteral("error parsing number: strconv.ParseFloat: parsing "
                                              "\"%1\": invalid syntax")
                                   .arg(QString::fromUtf8(s)));
            if (std::isinf(d))
                return d; // Go returns ±Inf with a range error only for overflow; it is kept
            fail(range(t), QStringLiteral("error parsing number: strconv.ParseFloat: parsing "
                                          "\"%1\": invalid syntax")
                               .arg(QString::fromUtf8(s)));
        }
        return d;
    }

    std::unique_ptr<Expr> parsePrimary() {
        const Token &t = peek();
        switch (t.type) {
        case Tok::Number: {
            const Token n = next();
            auto e = node(Expr::Kind::Number, range(n));
            e->number = number(n);
            return e;
        }
        case Tok::String: {
            const Token s = next();
            auto e = node(Expr::Kind::String, range(s));
            const auto v = Parser::unquote(s.val);
            if (!v)
                fail(range(s), QStringLiteral("error unquoting string %1: invalid syntax")
                                   .arg(QString::fromUtf8(describe(s)).mid(7)));
            e->string = *v;
            return e;
        }
        case Tok::LeftParen: {
            const Token open = next();
            auto inner = parseExpr(1);
            if (peek().type != Tok::RightParen)
                unexpected(QString(), QString());
            const Token close = next();
            auto e = node(Expr::Kind::Paren, {open.pos, close.pos + 1});
            e->lhs = std::move(inner);
            return e;
        }
        case Tok::LeftBrace:
            return parseSelector(nullptr);
        case Tok::Identifier:
            if (peek(1).type == Tok::LeftParen)
                return parseCall();
            return parseSelector(&next());
        case Tok::MetricIdentifier:
        case Tok::By:
        case Tok::Without:
        case Tok::Offset:
        case Tok::Start:
        case Tok::End:
        case Tok::LAnd:
        case Tok::LOr:
        case Tok::LUnless:
            return parseSelector(&next());
        default:
            break;
        }
        if (isAggregator(t.type)) {
            // An aggregator's name followed by neither "(" nor by/without is a metric name
            // (metric_identifier lists them).
            const Tok n = peek(1).type;
            if (n == Tok::LeftParen || n == Tok::By || n == Tok::Without)
                return parseAggregate();
            return parseSelector(&next());
        }
        unexpected(QString(), QString());
    }

    std::unique_ptr<Expr> parseCall() {
        const Token name = next();
        next(); // (
        auto e = node(Expr::Kind::Call, {name.pos, 0});
        while (peek().type != Tok::RightParen) {
            e->args.push_back(parseExpr(1));
            if (peek().type == Tok::Comma) {
                next();
                continue;
            }
            if (peek().type != Tok::RightParen)
                unexpected(QString(), QString());
        }
        e->pos.end = next().pos + 1;
        // As 2.42's grammar: the name is looked up when the whole call has been read, so an
        // error inside it (`foo(` is an unclosed parenthesis) comes first.
        e->func = findFunction(name.val);
        if (!e->func)
            fail(range(name), QStringLiteral("unknown function with name \"%1\"")
                                  .arg(QString::fromUtf8(name.val)));
        return e;
    }

    std::unique_ptr<Expr> parseAggregate() {
        const Token op = next();
        auto e = node(Expr::Kind::Aggregate, {op.pos, 0});
        e->op = op.type;
        bool grouped = false;
        auto modifier = [&] {
            e->without = next().type == Tok::Without;
            e->grouping = parseGroupingLabels();
            grouped = true;
        };
        if (peek().type == Tok::By || peek().type == Tok::Without)
            modifier();
        if (peek().type != Tok::LeftParen)
            unexpected(QStringLiteral("aggregation"), QString());
        const Token open = next();
        std::vector<std::unique_ptr<Expr>> args;
        while (peek().type != Tok::RightParen) {
            args.push_back(parseExpr(1));
            if (peek().type == Tok::Comma) {
                next();
                continue;
            }
            if (peek().type != Tok::RightParen)
                unexpected(QString(), QString());
        }
        e->pos.end = next().pos + 1;
        if (!grouped && (peek().type == Tok::By || peek().type == Tok::Without)) {
            modifier();
            e->pos.end = tokens[idx - 1].pos + 1;
        }
        Q_UNUSED(open);
        if (args.empty())
            fail(e->pos, QStringLiteral("no arguments for aggregate expression provided"));
        const size_t want = isAggregatorWithParam(e->op) ? 2 : 1;
        if (args.size() != want)
            fail(e->pos, QStringLiteral("wrong number of arguments for aggregate expression "
                                        "provided, expected %1, got %2")
                             .arg(want)
                             .arg(args.size()));
        if (want == 2)
            e->param = std::move(args[0]);
        e->lhs = std::move(args.back());
        return e;
    }

    // A vector selector; name is the metric name token if one came before the braces.
    std::unique_ptr<Expr> parseSelector(const Token *name) {
        auto e = node(Expr::Kind::VectorSelector, {});
        if (name) {
            e->pos = range(*name);
            e->metricName = name->val;
        } else {
            e->pos = {peek().pos, peek().pos};
        }
        if (peek().type == Tok::LeftBrace) {
            next();
            while (peek().type != Tok::RightBrace) {
                if (peek().type != Tok::Identifier)
                    unexpected(QStringLiteral("label matching"),
                               QStringLiteral("identifier or \"}\""));
                const Token label = next();
                LabelMatcher::Op mop;
                switch (peek().type) {
                case Tok::Assign:
                    mop = LabelMatcher::Op::Equal;
                    break;
                case Tok::Neq:
                    mop = LabelMatcher::Op::NotEqual;
                    break;
                case Tok::EqlRegex:
                    mop = LabelMatcher::Op::RegexMatch;
                    break;
                case Tok::NeqRegex:
                    mop = LabelMatcher::Op::RegexNoMatch;
                    break;
                default:
                    unexpected(QStringLiteral("label matching"),
                               QStringLiteral("label matching operator"));
                }
                next();
                if (peek().type != Tok::String)
                    unexpected(QStringLiteral("label matching"), QStringLiteral("string"));
                const Token value = next();
                const auto unquoted = Parser::unquote(value.val);
                const PosRange mr{label.pos, value.pos + int(value.val.size())};
                if (!unquoted)
                    fail(range(value), QStringLiteral("error unquoting string %1: invalid syntax")
                                           .arg(QString::fromUtf8(describe(value)).mid(7)));
                if (mop == LabelMatcher::Op::RegexMatch || mop == LabelMatcher::Op::RegexNoMatch) {
                    if (const auto bad = re2Incompatibility(*unquoted))
                        fail(mr, QStringLiteral("error parsing regexp: ") + *bad);
                }
                QString error;
                auto m = LabelMatcher::create(mop, label.val, *unquoted, &error);
                if (!m)
                    fail(mr, QStringLiteral("error parsing regexp: ") + error);
                e->matchers.push_back(std::move(*m));
                if (peek().type == Tok::Comma) {
                    next();
                    continue;
                }
                if (peek().type != Tok::RightBrace)
                    unexpected(QStringLiteral("label matching"), QStringLiteral("\",\" or \"}\""));
            }
            e->pos.end = next().pos + 1;
        }
        if (name) {
            // The name becomes the last matcher, as in Prometheus (checked below).
            e->matchers.push_back(
                *LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", name->val));
        }
        return e;
    }

    // Prometheus's checkAST: type rules, reported only once the whole query parsed.
    ValueType check(Expr &e) {
        DepthGuard guard(*this);
        switch (e.kind) {
        case Expr::Kind::Aggregate:
            expectType(*e.lhs, ValueType::Vector, QStringLiteral("aggregation expression"));
            if (e.op == Tok::Topk || e.op == Tok::Bottomk || e.op == Tok::Quantile)
                expectType(*e.param, ValueType::Scalar, QStringLiteral("aggregation parameter"));
            if (e.op == Tok::CountValues)
                expectType(*e.param, ValueType::String, QStringLiteral("aggregation parameter"));
            break;
        case Expr::Kind::Binary: {
            const ValueType lt = check(*e.lhs);
            const ValueType rt = check(*e.rhs);
            auto opRange = [&] {
                PosRange r{e.lhs->pos.end, e.rhs->pos.start - 1};
                while (r.start < query.size() && QByteArrayView(" \t\n\r").contains(query[r.start]))
                    ++r.start;
                while (r.end > 0 && QByteArrayView(" \t\n\r").contains(query[r.end]))
                    --r.end;
                return r;
            };
            if (e.returnBool && !isComparison(e.op))
                fail(opRange(),
                     QStringLiteral("bool modifier can only be used on comparison operators"));
            if (isComparison(e.op) && !e.returnBool && lt == ValueType::Scalar &&
                rt == ValueType::Scalar)
                fail(opRange(),
                     QStringLiteral("comparisons between scalars must use BOOL modifier"));
            if (e.matching && e.matching->on) {
                for (const auto &l1 : e.matching->matchingLabels) {
                    for (const auto &l2 : e.matching->include) {
                        if (l1 == l2)
                            fail(opRange(), QStringLiteral("label \"%1\" must not occur in ON and "
                                                           "GROUP clause at once")
                                                .arg(QString::fromUtf8(l1)));
                    }
                }
            }
            if (lt != ValueType::Scalar && lt != ValueType::Vector)
                fail(e.lhs->pos, QStringLiteral("binary expression must contain only scalar and "
                                                "instant vector types"));
            if (rt != ValueType::Scalar && rt != ValueType::Vector)
                fail(e.rhs->pos, QStringLiteral("binary expression must contain only scalar and "
                                                "instant vector types"));
            if (lt != ValueType::Vector || rt != ValueType::Vector) {
                if (e.matching && !e.matching->matchingLabels.empty())
                    fail(e.pos, QStringLiteral("vector matching only allowed between instant "
                                               "vectors"));
                e.matching.reset();
            } else if (isSetOperator(e.op)) {
                const auto card = e.matching->card;
                if (card == VectorMatching::Card::OneToMany ||
                    card == VectorMatching::Card::ManyToOne)
                    fail(e.pos, QStringLiteral("no grouping allowed for \"%1\" operation")
                                    .arg(QString::fromUtf8(tokenText(e.op))));
            }
            if ((lt == ValueType::Scalar || rt == ValueType::Scalar) && isSetOperator(e.op))
                fail(e.pos, QStringLiteral("set operator \"%1\" not allowed in binary scalar "
                                           "expression")
                                .arg(QString::fromUtf8(tokenText(e.op))));
            break;
        }
        case Expr::Kind::Call: {
            const FunctionInfo &f = *e.func;
            const int nargs = int(f.argTypes.size());
            const int n = int(e.args.size());
            const QString fname = QString::fromUtf8(f.name);
            if (f.variadic == 0) {
                if (nargs != n)
                    fail(e.pos, QStringLiteral("expected %1 argument(s) in call to \"%2\", got %3")
                                    .arg(nargs)
                                    .arg(fname)
                                    .arg(n));
            } else {
                const int na = nargs - 1;
                if (na > n)
                    fail(e.pos, QStringLiteral(
                                    "expected at least %1 argument(s) in call to \"%2\", got %3")
                                    .arg(na)
                                    .arg(fname)
                                    .arg(n));
                if (f.variadic > 0 && na + f.variadic < n)
                    fail(e.pos,
                         QStringLiteral("expected at most %1 argument(s) in call to \"%2\", got %3")
                             .arg(na + f.variadic)
                             .arg(fname)
                             .arg(n));
            }
            for (int i = 0; i < n; ++i) {
                int ti = i;
                if (i >= nargs) {
                    if (f.variadic == 0)
                        break;
                    ti = nargs - 1;
                }
                expectType(*e.args[size_t(i)], f.argTypes[size_t(ti)],
                           QStringLiteral("call to function \"%1\"").arg(fname));
            }
            break;
        }
        case Expr::Kind::Paren:
            check(*e.lhs);
            break;
        case Expr::Kind::Unary: {
            const ValueType t = check(*e.lhs);
            if (t != ValueType::Scalar && t != ValueType::Vector)
                fail(e.pos, QStringLiteral("unary expression only allowed on expressions of type "
                                           "scalar or instant vector, got \"%1\"")
                                .arg(QString::fromUtf8(documentedType(t))));
            break;
        }
        case Expr::Kind::Subquery: {
            const ValueType t = check(*e.lhs);
            if (t != ValueType::Vector)
                fail(e.pos, QStringLiteral("subquery is only allowed on instant vector, got %1 "
                                           "instead")
                                .arg(QString::fromUtf8(valueTypeName(t))));
            break;
        }
        case Expr::Kind::MatrixSelector:
            check(*e.lhs);
            break;
        case Expr::Kind::VectorSelector:
            if (!e.metricName.isEmpty()) {
                for (size_t i = 0; i + 1 < e.matchers.size(); ++i) {
                    if (e.matchers[i].name() == "__name__")
                        fail(e.pos, QStringLiteral("metric name must not be set twice: \"%1\" or "
                                                   "\"%2\"")
                                        .arg(QString::fromUtf8(e.metricName),
                                             QString::fromUtf8(e.matchers[i].value())));
                }
                break;
            }
            if (std::all_of(e.matchers.begin(), e.matchers.end(),
                            [](const LabelMatcher &m) { return m.matchesEmpty(); }))
                fail(e.pos, QStringLiteral("vector selector must contain at least one non-empty "
                                           "matcher"));
            break;
        case Expr::Kind::Number:
        case Expr::Kind::String:
            break;
        }
        return e.type();
    }

    void expectType(Expr &e, ValueType want, const QString &context) {
        const ValueType t = check(e);
        if (t != want)
            fail(e.pos, QStringLiteral("expected type %1 in %2, got %3")
                            .arg(QString::fromUtf8(documentedType(want)), context,
                                 QString::fromUtf8(documentedType(t))));
    }
};

} // namespace

Parser::Result Parser::parse(const QByteArray &query) {
    const auto run = [&query]() -> Result {
        try {
            return RecursiveParser(query).parseAll();
        } catch (const Failure &f) {
            return f.error;
        }
    };
    // Nesting needs at least a byte per level: a short query cannot recurse deeply, a long one
    // parses on a stack that holds MaxDepth levels even in an ASan build (whose frames are
    // several times larger), since the caller's (8 MB, or less on a worker thread) may not.
    if (query.size() <= ShallowQueryBytes)
        return run();
    return callOnLargeStack(DeepStackBytes, run);
}

std::unique_ptr<Expr> Parser::parseSelector(const QByteArray &query, QString *error) {
    auto result = parse(query);
    if (auto *err = std::get_if<ParseError>(&result)) {
        *error = err->toString(query);
        return nullptr;
    }
    auto e = std::move(std::get<std::unique_ptr<Expr>>(result));
    if (e->kind != Expr::Kind::VectorSelector) {
        // Prometheus's parser.ParseMetricSelector parses only a selector.
        *error = ParseError{{0, 0}, QStringLiteral("unexpected input, expected a vector selector")}
                     .toString(query);
        return nullptr;
    }
    return e;
}

std::optional<QByteArray> Parser::unquote(QByteArrayView s) {
    if (s.size() < 2)
        return std::nullopt;
    const char quote = s.front();
    if (s.back() != quote)
        return std::nullopt;
    const QByteArrayView body = s.sliced(1, s.size() - 2);
    if (quote == '`') {
        if (body.contains('`'))
            return std::nullopt;
        QByteArray out;
        for (char c : body) {
            if (c != '\r') // Go drops carriage returns from raw strings
                out += c;
        }
        return out;
    }
    if (quote != '"' && quote != '\'')
        return std::nullopt;
    QByteArray out;
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == quote || c == '\n')
            return std::nullopt;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= body.size())
            return std::nullopt;
        const char e = body[i];
        auto hex = [&](int n) -> std::optional<uint> {
            if (i + n >= body.size())
                return std::nullopt;
            bool ok = false;
            const uint v = body.sliced(i + 1, n).toByteArray().toUInt(&ok, 16);
            if (!ok)
                return std::nullopt;
            i += n;
            return v;
        };
        switch (e) {
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        case '\\':
            out += '\\';
            break;
        case '\'':
        case '"':
            if (e != quote)
                return std::nullopt;
            out += e;
            break;
        case 'x': {
            const auto v = hex(2);
            if (!v)
                return std::nullopt;
            out += char(*v);
            break;
        }
        case 'u':
        case 'U': {
            const auto v = hex(e == 'u' ? 4 : 8);
            if (!v || *v > 0x10FFFF || (*v >= 0xD800 && *v < 0xE000))
                return std::nullopt;
            const char32_t cp = char32_t(*v);
            out += QString::fromUcs4(&cp, 1).toUtf8();
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                if (i + 2 >= body.size())
                    return std::nullopt;
                bool ok = false;
                const uint v = body.sliced(i, 3).toByteArray().toUInt(&ok, 8);
                if (!ok || v > 255)
                    return std::nullopt;
                out += char(v);
                i += 2;
                break;
            }
            return std::nullopt;
        }
    }
    return out;
}

} // namespace ppl::query
