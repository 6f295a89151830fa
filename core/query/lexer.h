#pragma once

#include <QByteArray>

#include <vector>

namespace ppl::query {

// PromQL's lexical items, grouped as in Prometheus's promql/parser/lex.go so that error
// messages can describe an item the way Prometheus does (`<op:+>`, `<aggr:sum>`, `<by>`).
enum class Tok {
    Eof,
    Error,
    Identifier,
    MetricIdentifier,
    Number,
    String,
    Duration,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    Assign, // '=' in a matcher
    // operators
    OperatorsStart,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    EqlC, // ==
    Neq,
    Lte,
    Lss,
    Gte,
    Gtr,
    EqlRegex,
    NeqRegex,
    LAnd,
    LOr,
    LUnless,
    Atan2,
    OperatorsEnd,
    // aggregators
    AggregatorsStart,
    Avg,
    Bottomk,
    Count,
    CountValues,
    Group,
    Max,
    Min,
    Quantile,
    Stddev,
    Stdvar,
    Sum,
    Topk,
    AggregatorsEnd,
    // keywords
    KeywordsStart,
    Bool,
    By,
    GroupLeft,
    GroupRight,
    Ignoring,
    Offset,
    On,
    Without,
    KeywordsEnd,
    Start, // start() in @
    End,   // end() in @
};

struct Token {
    Tok type = Tok::Eof;
    int pos = 0;    // byte offset into the query
    QByteArray val; // the raw text (for Error: the message)
};

inline bool isOperator(Tok t) {
    return t > Tok::OperatorsStart && t < Tok::OperatorsEnd;
}
inline bool isAggregator(Tok t) {
    return t > Tok::AggregatorsStart && t < Tok::AggregatorsEnd;
}
inline bool isKeyword(Tok t) {
    return t > Tok::KeywordsStart && t < Tok::KeywordsEnd;
}
inline bool isComparison(Tok t) {
    return t >= Tok::EqlC && t <= Tok::Gtr;
}
inline bool isSetOperator(Tok t) {
    return t == Tok::LAnd || t == Tok::LOr || t == Tok::LUnless;
}
inline bool isAggregatorWithParam(Tok t) {
    return t == Tok::Topk || t == Tok::Bottomk || t == Tok::CountValues || t == Tok::Quantile;
}
// The operator's text ("+", "and", …) for messages and printing.
QByteArray tokenText(Tok t);
// Prometheus's Item.desc(): `"foo"`, `<op:+>`, `number "1"`, `end of input`, ….
QByteArray describe(const Token &token);

// Splits a query into tokens with Prometheus's lexer states (inside braces keywords are plain
// identifiers; after '[' a duration is expected; a ':' inside brackets separates a subquery
// step). Comments are dropped. Lexing stops at the first error, which becomes the last token
// (type Error, val the message); otherwise the last token is Eof.
std::vector<Token> lex(const QByteArray &query);

} // namespace ppl::query
