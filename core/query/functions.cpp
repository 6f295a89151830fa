#include "functions.h"

#include <QHash>

namespace ppl::query {

namespace {

const QHash<QByteArray, FunctionInfo> &table() {
    using V = ValueType;
    static const QHash<QByteArray, FunctionInfo> functions = [] {
        QHash<QByteArray, FunctionInfo> t;
        auto add = [&t](const char *name, std::vector<V> args, int variadic = 0,
                        V ret = V::Vector) {
            t.insert(name, {name, std::move(args), variadic, ret});
        };
        for (const char *f :
             {"abs",          "absent",    "acos", "acosh", "asin", "asinh",     "atan",
              "atanh",        "ceil",      "cos",  "cosh",  "deg",  "exp",       "floor",
              "ln",           "log10",     "log2", "rad",   "sgn",  "sin",       "sinh",
              "sort",         "sort_desc", "sqrt", "tan",   "tanh", "timestamp", "histogram_count",
              "histogram_sum"})
            add(f, {V::Vector});
        for (const char *f : {"absent_over_time", "avg_over_time", "changes", "count_over_time",
                              "delta", "deriv", "idelta", "increase", "irate", "last_over_time",
                              "max_over_time", "min_over_time", "present_over_time", "rate",
                              "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time"})
            add(f, {V::Matrix});
        for (const char *f : {"days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
                              "minute", "month", "year"})
            add(f, {V::Vector}, 1);
        add("clamp", {V::Vector, V::Scalar, V::Scalar});
        add("clamp_max", {V::Vector, V::Scalar});
        add("clamp_min", {V::Vector, V::Scalar});
        add("histogram_fraction", {V::Scalar, V::Scalar, V::Vector});
        add("histogram_quantile", {V::Scalar, V::Vector});
        add("holt_winters", {V::Matrix, V::Scalar, V::Scalar});
        add("label_replace", {V::Vector, V::String, V::String, V::String, V::String});
        add("label_join", {V::Vector, V::String, V::String, V::String}, -1);
        add("pi", {}, 0, V::Scalar);
        add("predict_linear", {V::Matrix, V::Scalar});
        add("quantile_over_time", {V::Scalar, V::Matrix});
        add("round", {V::Vector, V::Scalar}, 1);
        add("scalar", {V::Vector}, 0, V::Scalar);
        add("time", {}, 0, V::Scalar);
        add("vector", {V::Scalar});
        return t;
    }();
    return functions;
}

} // namespace

const FunctionInfo *findFunction(QByteArrayView name) {
    const auto it = table().constFind(name.toByteArray());
    return it == table().cend() ? nullptr : &*it;
}

std::vector<QByteArray> functionNames() {
    std::vector<QByteArray> names(table().keyBegin(), table().keyEnd());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace ppl::query
