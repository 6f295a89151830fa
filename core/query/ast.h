#pragma once

#include "lexer.h"
#include "storage/labelmatcher.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace ppl::query {

// The four PromQL value types (and None for statements without one).
enum class ValueType { None, Scalar, Vector, Matrix, String };
// Prometheus's DocumentedType: "instant vector", "range vector", "scalar", "string".
QByteArray documentedType(ValueType t);
// ValueType's own String(): "vector", "matrix", … (used in a few Prometheus messages).
QByteArray valueTypeName(ValueType t);

// [start, end) byte offsets into the query, for error positions.
struct PosRange {
    int start = 0;
    int end = 0;
};

struct FunctionInfo;

// How the two sides of a vector binary operation are matched (Prometheus's VectorMatching).
struct VectorMatching {
    enum class Card { OneToOne, ManyToOne, OneToMany, ManyToMany };
    Card card = Card::OneToOne;
    std::vector<QByteArray> matchingLabels;
    bool on = false;
    std::vector<QByteArray> include; // extra labels of group_left/group_right
};

// One node of a parsed PromQL expression. A single node type with a kind keeps the parser
// and evaluator in two readable switch statements; only the fields of the kind are used.
struct Expr {
    enum class Kind {
        Number,
        String,
        VectorSelector,
        MatrixSelector, // lhs: the VectorSelector, range
        Subquery,       // lhs: the expression, range, step, offset, at
        Paren,          // lhs
        Unary,          // op (Sub or Add), lhs
        Binary,         // op, lhs, rhs, returnBool, matching
        Aggregate,      // op, lhs (body), param, grouping, without
        Call,           // func, args
    };
    enum class AtKind { None, Time, Start, End };

    Kind kind = Kind::Number;
    PosRange pos;

    double number = 0;
    QByteArray string;

    // VectorSelector (offset/at also on Subquery)
    QByteArray metricName;
    std::vector<LabelMatcher> matchers;
    qint64 offsetMs = 0;
    bool hasOffset = false;
    AtKind at = AtKind::None;
    qint64 atMs = 0;

    // MatrixSelector / Subquery
    qint64 rangeMs = 0;
    qint64 stepMs = 0; // 0: the default evaluation interval

    Tok op = Tok::Eof;
    std::unique_ptr<Expr> lhs;
    std::unique_ptr<Expr> rhs;
    std::unique_ptr<Expr> param;
    bool returnBool = false;
    std::optional<VectorMatching> matching;

    std::vector<QByteArray> grouping;
    bool without = false;

    const FunctionInfo *func = nullptr;
    std::vector<std::unique_ptr<Expr>> args;

    // The value type the expression evaluates to.
    ValueType type() const;
};

// A parse failure: Prometheus's message ("unexpected …") and where it happened.
struct ParseError {
    PosRange pos;
    QString message;
    // "1:5: parse error: …" as Prometheus's ParseErr.Error() writes it for this query.
    QString toString(const QByteArray &query) const;
};

} // namespace ppl::query
