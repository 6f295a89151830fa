#include "functions.h"

#include <QCoreApplication>
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

QString functionDescription(QByteArrayView name) {
    static const QHash<QByteArray, const char *> texts = {
        {"abs", QT_TRANSLATE_NOOP("ppl::query::Functions", "absolute value of each sample")},
        {"absent", QT_TRANSLATE_NOOP(
                       "ppl::query::Functions",
                       "1 with the selector's labels when the vector is empty, nothing otherwise")},
        {"absent_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "1 when the range holds no sample at all")},
        {"acos", QT_TRANSLATE_NOOP("ppl::query::Functions", "arc cosine of each sample (radians)")},
        {"acosh",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "inverse hyperbolic cosine of each sample")},
        {"asin", QT_TRANSLATE_NOOP("ppl::query::Functions", "arc sine of each sample (radians)")},
        {"asinh",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "inverse hyperbolic sine of each sample")},
        {"atan",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "arc tangent of each sample (radians)")},
        {"atanh",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "inverse hyperbolic tangent of each sample")},
        {"avg_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "average of the samples in the range")},
        {"ceil", QT_TRANSLATE_NOOP("ppl::query::Functions", "rounds each sample up to an integer")},
        {"changes",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "how often the value changed in the range")},
        {"clamp", QT_TRANSLATE_NOOP("ppl::query::Functions", "limits each sample to [min, max]")},
        {"clamp_max",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "limits each sample to at most max")},
        {"clamp_min",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "limits each sample to at least min")},
        {"cos", QT_TRANSLATE_NOOP("ppl::query::Functions", "cosine of each sample")},
        {"cosh", QT_TRANSLATE_NOOP("ppl::query::Functions", "hyperbolic cosine of each sample")},
        {"count_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "number of samples in the range")},
        {"day_of_month",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "day of the month (1-31) of a Unix time, UTC")},
        {"day_of_week", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                          "day of the week (0 = Sunday) of a Unix time, UTC")},
        {"day_of_year",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "day of the year (1-366) of a Unix time, UTC")},
        {"days_in_month", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                            "number of days in the month of a Unix time, UTC")},
        {"deg", QT_TRANSLATE_NOOP("ppl::query::Functions", "radians to degrees")},
        {"delta",
         QT_TRANSLATE_NOOP(
             "ppl::query::Functions",
             "difference between the first and last value in the range, extrapolated (gauges)")},
        {"deriv", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                    "per-second derivative by linear regression (gauges)")},
        {"exp", QT_TRANSLATE_NOOP("ppl::query::Functions", "e to the power of each sample")},
        {"floor",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "rounds each sample down to an integer")},
        {"histogram_count",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "count of native histograms (not stored by the lab)")},
        {"histogram_fraction",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "fraction of native histogram observations "
                                                    "between two bounds (not stored by the lab)")},
        {"histogram_quantile",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "φ-quantile from classic histogram buckets (le label)")},
        {"histogram_sum", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                            "sum of native histograms (not stored by the lab)")},
        {"holt_winters",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "smoothed value by double exponential smoothing (gauges)")},
        {"hour",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "hour of the day (0-23) of a Unix time, UTC")},
        {"idelta", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                     "difference of the last two samples in the range")},
        {"increase",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "increase of a counter over the range, extrapolated, resets handled")},
        {"irate", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                    "per-second rate from the last two samples of a counter")},
        {"label_join",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "joins the values of labels into a new label")},
        {"label_replace",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "sets a label from a regular expression over another label")},
        {"last_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "the newest sample in the range")},
        {"ln", QT_TRANSLATE_NOOP("ppl::query::Functions", "natural logarithm of each sample")},
        {"log10", QT_TRANSLATE_NOOP("ppl::query::Functions", "decimal logarithm of each sample")},
        {"log2", QT_TRANSLATE_NOOP("ppl::query::Functions", "binary logarithm of each sample")},
        {"max_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "largest sample in the range")},
        {"min_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "smallest sample in the range")},
        {"minute", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                     "minute of the hour (0-59) of a Unix time, UTC")},
        {"month", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                    "month of the year (1-12) of a Unix time, UTC")},
        {"pi", QT_TRANSLATE_NOOP("ppl::query::Functions", "the number π")},
        {"predict_linear",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "value predicted t seconds ahead by linear regression")},
        {"present_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "1 when the range holds any sample")},
        {"quantile_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "φ-quantile of the samples in the range")},
        {"rad", QT_TRANSLATE_NOOP("ppl::query::Functions", "degrees to radians")},
        {"rate",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "per-second average rate of a counter over the range, resets handled")},
        {"resets",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "how often a counter reset in the range")},
        {"round",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "rounds each sample to the nearest multiple of to_nearest (default 1)")},
        {"scalar", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                     "the single sample's value as a scalar, NaN otherwise")},
        {"sgn", QT_TRANSLATE_NOOP("ppl::query::Functions", "sign of each sample: -1, 0 or 1")},
        {"sin", QT_TRANSLATE_NOOP("ppl::query::Functions", "sine of each sample")},
        {"sinh", QT_TRANSLATE_NOOP("ppl::query::Functions", "hyperbolic sine of each sample")},
        {"sort",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "sorts by value, ascending (instant queries)")},
        {"sort_desc", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                        "sorts by value, descending (instant queries)")},
        {"sqrt", QT_TRANSLATE_NOOP("ppl::query::Functions", "square root of each sample")},
        {"stddev_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions",
                           "population standard deviation of the samples in the range")},
        {"stdvar_over_time", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                               "population variance of the samples in the range")},
        {"sum_over_time",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "sum of the samples in the range")},
        {"tan", QT_TRANSLATE_NOOP("ppl::query::Functions", "tangent of each sample")},
        {"tanh", QT_TRANSLATE_NOOP("ppl::query::Functions", "hyperbolic tangent of each sample")},
        {"time", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                   "the evaluation time in seconds since the Unix epoch")},
        {"timestamp",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "the timestamp of each sample, in seconds")},
        {"vector",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "the scalar as a vector without labels")},
        {"year", QT_TRANSLATE_NOOP("ppl::query::Functions", "year of a Unix time, UTC")},
        {"sum", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: sum over the series")},
        {"avg", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: average over the series")},
        {"min", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: smallest value")},
        {"max", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: largest value")},
        {"count", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: number of series")},
        {"group", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: 1 for each group")},
        {"stddev",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: population standard deviation")},
        {"stdvar", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: population variance")},
        {"topk", QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: the k largest series")},
        {"bottomk",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: the k smallest series")},
        {"quantile",
         QT_TRANSLATE_NOOP("ppl::query::Functions", "aggregation: φ-quantile over the series")},
        {"count_values", QT_TRANSLATE_NOOP("ppl::query::Functions",
                                           "aggregation: number of series per distinct value")},
    };
    const char *text = texts.value(name.toByteArray());
    return text ? QCoreApplication::translate("ppl::query::Functions", text) : QString();
}

std::vector<QByteArray> aggregationNames() {
    return {"avg", "bottomk",  "count",  "count_values", "group", "max",
            "min", "quantile", "stddev", "stdvar",       "sum",   "topk"};
}

} // namespace ppl::query
