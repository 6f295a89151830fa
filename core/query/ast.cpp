#include "ast.h"

#include "functions.h"

namespace ppl::query {

QByteArray documentedType(ValueType t) {
    switch (t) {
    case ValueType::Vector:
        return "instant vector";
    case ValueType::Matrix:
        return "range vector";
    default:
        return valueTypeName(t);
    }
}

QByteArray valueTypeName(ValueType t) {
    switch (t) {
    case ValueType::None:
        return "none";
    case ValueType::Scalar:
        return "scalar";
    case ValueType::Vector:
        return "vector";
    case ValueType::Matrix:
        return "matrix";
    case ValueType::String:
        return "string";
    }
    return "none";
}

ValueType Expr::type() const {
    switch (kind) {
    case Kind::Number:
        return ValueType::Scalar;
    case Kind::String:
        return ValueType::String;
    case Kind::VectorSelector:
    case Kind::Aggregate:
        return ValueType::Vector;
    case Kind::MatrixSelector:
    case Kind::Subquery:
        return ValueType::Matrix;
    case Kind::Paren:
    case Kind::Unary:
        return lhs->type();
    case Kind::Binary:
        return lhs->type() == ValueType::Scalar && rhs->type() == ValueType::Scalar
                   ? ValueType::Scalar
                   : ValueType::Vector;
    case Kind::Call:
        return func ? func->returnType : ValueType::None;
    }
    return ValueType::None;
}

QString ParseError::toString(const QByteArray &query) const {
    // Prometheus counts lines and the column in bytes from the start of the error's range.
    int line = 1;
    int lastBreak = -1;
    const int p = std::clamp(pos.start, 0, int(query.size()));
    for (int i = 0; i < p; ++i) {
        if (query[i] == '\n') {
            lastBreak = i;
            ++line;
        }
    }
    return QStringLiteral("%1:%2: parse error: %3").arg(line).arg(p - lastBreak).arg(message);
}

} // namespace ppl::query
