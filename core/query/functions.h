#pragma once

#include "ast.h"

#include <QByteArrayView>
#include <QString>

namespace ppl::query {

// A PromQL function's signature as in Prometheus's parser/functions.go. variadic: 0 exact,
// -1 unbounded repetition of the last argument type, n > 0 up to n optional trailing args.
struct FunctionInfo {
    QByteArray name;
    std::vector<ValueType> argTypes;
    int variadic = 0;
    ValueType returnType = ValueType::Vector;
};

// nullptr for an unknown name. Native-histogram functions of 2.42 are not offered.
const FunctionInfo *findFunction(QByteArrayView name);
// All known names (for completion and tests).
std::vector<QByteArray> functionNames();
// One translated line saying what a function or aggregation operator does (completion);
// empty for an unknown name.
QString functionDescription(QByteArrayView name);
// The aggregation operators' names (sum, avg, …, count_values).
std::vector<QByteArray> aggregationNames();

} // namespace ppl::query
