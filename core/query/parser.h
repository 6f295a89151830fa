#pragma once

#include "ast.h"

#include <QByteArray>

#include <memory>
#include <variant>

namespace ppl::query {

// Parses PromQL as Prometheus 2.42's parser does (promql/parser/generated_parser.y and the
// checks of parse.go's checkAST): the grammar, the precedence (or < and/unless < comparisons <
// +,- < *,/,%,atan2 < ^, with ^ right-associative and unary minus between * and ^), and the
// type rules, with Prometheus's error wording and positions.
// Unlike Prometheus's table-driven parser this one recurses, so it refuses expressions nested
// deeper than MaxDepth (parentheses, calls, unary operators and chains of binary
// operators all count) with an error instead of growing the stack without bound. A query
// longer than ShallowQueryBytes (nesting takes at least a byte a level) is parsed, and by the
// Engine evaluated, on a helper thread with a DeepStackBytes stack, so that MaxDepth levels
// fit wherever it is called from and however large the frames (ASan builds: several times).
class Parser {
public:
    static constexpr int MaxDepth = 1000;
    static constexpr qsizetype ShallowQueryBytes = 256;
    static constexpr uint DeepStackBytes = 256u << 20; // reserved; touched as deep as used

    using Result = std::variant<std::unique_ptr<Expr>, ParseError>;
    static Result parse(const QByteArray &query);

    // A metric selector as /api/v1/series' match[] takes it: nullopt and *error if the text
    // is not a single instant vector selector.
    static std::unique_ptr<Expr> parseSelector(const QByteArray &query, QString *error);

    // Go's strconv.Unquote of a PromQL string literal ("…", '…' or `…`).
    static std::optional<QByteArray> unquote(QByteArrayView literal);
};

} // namespace ppl::query
