#pragma once

#include "ast.h"
#include "storage/labels.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace ppl::query {

struct Point {
    qint64 t;
    double v;
};

struct Series {
    Labels metric;
    std::vector<Point> points;
};

// What a query evaluated to, typed as Prometheus's API reports it: a scalar or string at t,
// an instant vector (each series holds one point at the evaluation time, in the engine's
// order), or a matrix (a range query's result, sorted by labels, or a range selector's raw
// samples).
struct QueryResult {
    ValueType type = ValueType::None;
    qint64 t = 0;
    double scalar = 0;
    QByteArray string;
    std::vector<Series> series;
    QStringList warnings;
};

// A query that could not be answered, with the errorType Prometheus's API gives it.
struct QueryError {
    enum class Type { BadData, Execution, Timeout, Canceled };
    Type type = Type::Execution;
    QString message;
    PosRange pos; // for BadData from the parser
    // "bad_data", "execution", "timeout", "canceled".
    QByteArray typeName() const;
};

} // namespace ppl::query
