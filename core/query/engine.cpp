#include "engine.h"

#include "evaluator.h"
#include "parser.h"

#include "util/largestack.h"

namespace ppl::query {

QByteArray QueryError::typeName() const {
    switch (type) {
    case Type::BadData:
        return "bad_data";
    case Type::Execution:
        return "execution";
    case Type::Timeout:
        return "timeout";
    case Type::Canceled:
        return "canceled";
    }
    return "execution";
}

Engine::Engine(const SeriesStore &store, Options options)
    : m_store(store)
    , m_options(options) {}

namespace {

std::variant<std::unique_ptr<Expr>, QueryError> parseQuery(const QByteArray &query) {
    auto parsed = Parser::parse(query);
    if (auto *err = std::get_if<ParseError>(&parsed))
        return QueryError{QueryError::Type::BadData, err->toString(query), err->pos};
    return std::move(std::get<std::unique_ptr<Expr>>(parsed));
}

} // namespace

Engine::Outcome Engine::instantQuery(const QByteArray &query, qint64 atMs,
                                     const std::atomic_bool *cancel) const {
    if (query.size() > Parser::ShallowQueryBytes) // the evaluation recurses as deep as the parse
        return callOnLargeStack(Parser::DeepStackBytes,
                                [&] { return instantQueryHere(query, atMs, cancel); });
    return instantQueryHere(query, atMs, cancel);
}

Engine::Outcome Engine::instantQueryHere(const QByteArray &query, qint64 atMs,
                                         const std::atomic_bool *cancel) const {
    auto parsed = parseQuery(query);
    if (auto *err = std::get_if<QueryError>(&parsed))
        return *err;
    return evaluate(*std::get<std::unique_ptr<Expr>>(parsed), atMs, atMs, 0, true, cancel);
}

Engine::Outcome Engine::rangeQuery(const QByteArray &query, qint64 startMs, qint64 endMs,
                                   qint64 stepMs, const std::atomic_bool *cancel) const {
    if (query.size() > Parser::ShallowQueryBytes)
        return callOnLargeStack(Parser::DeepStackBytes, [&] {
            return rangeQueryHere(query, startMs, endMs, stepMs, cancel);
        });
    return rangeQueryHere(query, startMs, endMs, stepMs, cancel);
}

Engine::Outcome Engine::rangeQueryHere(const QByteArray &query, qint64 startMs, qint64 endMs,
                                       qint64 stepMs, const std::atomic_bool *cancel) const {
    auto parsed = parseQuery(query);
    if (auto *err = std::get_if<QueryError>(&parsed))
        return *err;
    const Expr &expr = *std::get<std::unique_ptr<Expr>>(parsed);
    const ValueType t = expr.type();
    if (t != ValueType::Vector && t != ValueType::Scalar)
        return QueryError{QueryError::Type::BadData,
                          QStringLiteral("invalid expression type \"%1\" for range query, must be "
                                         "Scalar or instant Vector")
                              .arg(QString::fromUtf8(documentedType(t))),
                          {}};
    return evaluate(expr, startMs, endMs, stepMs, false, cancel);
}

namespace {

// The steps of an evaluation whose selectors are prepared (loaded or lazily loadable).
Engine::Outcome runSteps(Evaluator &ev, const Expr &expr, qint64 startMs, qint64 endMs,
                         qint64 stepMs, bool instant) {
    QueryResult result;
    result.t = startMs;
    try {
        ev.checkInterrupt();
        if (instant) {
            StepValue v = ev.eval(expr, startMs);
            result.type = v.type;
            switch (v.type) {
            case ValueType::Scalar:
                result.scalar = v.scalar;
                break;
            case ValueType::String:
                result.string = v.string;
                break;
            case ValueType::Vector:
                result.series.reserve(v.vector.size());
                for (Sample &s : v.vector)
                    result.series.push_back({std::move(s.metric), {{startMs, s.v}}});
                break;
            case ValueType::Matrix:
                result.series = std::move(v.matrix);
                break;
            case ValueType::None:
                break;
            }
            return result;
        }
        if (ev.rangeAggregate(expr, startMs, endMs, stepMs, &result))
            return result;
        // A range query: the expression at every step, gathered into one series per label set.
        result.type = ValueType::Matrix;
        std::unordered_map<Labels, size_t> index;
        for (qint64 ts = startMs; ts <= endMs; ts += stepMs) {
            ev.checkInterrupt();
            StepValue v = ev.eval(expr, ts);
            if (v.type == ValueType::Scalar) {
                v.vector.push_back({Labels(), v.scalar, ts});
            }
            ev.account(qint64(v.vector.size()));
            for (Sample &s : v.vector) {
                auto [it, inserted] = index.try_emplace(s.metric, result.series.size());
                if (inserted)
                    result.series.push_back({std::move(s.metric), {}});
                result.series[it->second].points.push_back({ts, s.v});
            }
        }
        std::sort(result.series.begin(), result.series.end(),
                  [](const Series &a, const Series &b) { return a.metric < b.metric; });
        return result;
    } catch (const EvalFailure &f) {
        return QueryError{f.type, f.message, {}};
    }
}

} // namespace

Engine::Outcome Engine::evaluate(const Expr &expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                                 bool instant, const std::atomic_bool *cancel) const {
    const qint64 interval = instant ? 1 : stepMs;
    Evaluator ev(m_store, m_options, startMs, endMs, interval, cancel);
    try {
        ev.prepare(expr);
    } catch (const EvalFailure &f) {
        return QueryError{f.type, f.message, {}};
    }
    return runSteps(ev, expr, startMs, endMs, stepMs, instant);
}

Engine::Prepared Engine::prepare(const QByteArray &query, qint64 startMs, qint64 endMs,
                                 qint64 stepMs, bool instant) const {
    auto parsed = parseQuery(query);
    if (auto *err = std::get_if<QueryError>(&parsed))
        return *err;
    return prepare(std::shared_ptr<const Expr>(std::move(std::get<std::unique_ptr<Expr>>(parsed))),
                   startMs, endMs, stepMs, instant);
}

Engine::Prepared Engine::prepare(std::shared_ptr<const Expr> expr, qint64 startMs, qint64 endMs,
                                 qint64 stepMs, bool instant) const {
    return prepareHere(std::move(expr), startMs, endMs, stepMs, instant, false);
}

Engine::Prepared Engine::prepareFromOtherThread(std::shared_ptr<const Expr> expr, qint64 startMs,
                                                qint64 endMs, qint64 stepMs, bool instant) const {
    return prepareHere(std::move(expr), startMs, endMs, stepMs, instant, true);
}

Engine::Prepared Engine::prepareHere(std::shared_ptr<const Expr> expr, qint64 startMs, qint64 endMs,
                                     qint64 stepMs, bool instant, bool otherThread) const {
    if (!instant) {
        const ValueType t = expr->type();
        if (t != ValueType::Vector && t != ValueType::Scalar)
            return QueryError{QueryError::Type::BadData,
                              QStringLiteral("invalid expression type \"%1\" for range query, "
                                             "must be Scalar or instant Vector")
                                  .arg(QString::fromUtf8(documentedType(t))),
                              {}};
    }
    std::unique_ptr<PreparedQuery> prepared(new PreparedQuery);
    prepared->m_expr = std::move(expr);
    prepared->m_start = startMs;
    prepared->m_end = instant ? startMs : endMs;
    prepared->m_step = instant ? 0 : stepMs;
    prepared->m_instant = instant;
    prepared->m_evaluator = std::make_unique<Evaluator>(
        m_store, m_options, startMs, prepared->m_end, instant ? 1 : stepMs, nullptr);
    try {
        prepared->m_evaluator->prepare(*prepared->m_expr);
        if (otherThread)
            prepared->m_evaluator->loadAllFromOtherThread();
        else
            prepared->m_evaluator->loadAll();
    } catch (const EvalFailure &f) {
        return QueryError{f.type, f.message, {}};
    }
    return Prepared(std::move(prepared));
}

PreparedQuery::~PreparedQuery() = default;

Engine::Outcome PreparedQuery::run(const std::atomic_bool *cancel) {
    m_evaluator->setCancel(cancel);
    return runSteps(*m_evaluator, *m_expr, m_start, m_end, m_step, m_instant);
}

} // namespace ppl::query
