#pragma once

#include "ast.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ppl {
class SeriesStore;
}

namespace ppl::query {

// Why a selector of an expression found nothing, in plain words.
struct EmptyResultExplanation {
    enum class Reason {
        NoSuchMetric,       // no series has the name; suggestions: close names
        MatchersExclude,    // series of the name exist, a matcher excludes them all;
                            // suggestions: the label's values, closest first
        WentStale,          // the newest sample before the time is a stale marker (atMs)
        OlderThanLookback,  // the newest sample (atMs) is older than the lookback / range
        NotYet,             // the series' first sample is after the evaluation time (atMs)
        TooFewSamples,      // rate(), irate(), deriv(), …: fewer than two samples in range
        ExpressionFiltered, // every selector has data: the operators removed it
    };
    Reason reason = Reason::ExpressionFiltered;
    QByteArray selector; // the selector's text in the query (empty for ExpressionFiltered)
    QString text;        // translated, one or two sentences
    QStringList suggestions;
    qint64 atMs = 0;
    // WentStale: why the series ended, from the target's `up` at that time.
    enum class StaleCause { Unknown, TargetDown, TargetRemoved, SeriesVanished };
    StaleCause staleCause = StaleCause::Unknown;
};

// "Why is this empty?": for a query that returned nothing at atMs, looks at the store the way
// the engine did and says, per selector that found nothing, which of Prometheus's rules left
// it out: no series of that name, matchers that exclude every series of it, a stale marker
// (Prometheus ends a series at once when its target's scrape fails, the target goes away or
// the series is no longer exposed), or a newest sample older than the lookback delta (5 min by
// default; pushed series with their own timestamps fall out of instant queries this way).
// If every selector finds data, the expression's operators are named as the cause.
// Thread affinity: the store's thread.
class EmptyResultExplainer {
public:
    explicit EmptyResultExplainer(const SeriesStore &store, qint64 lookbackMs = 5 * 60 * 1000);

    // query is the text expr was parsed from (for the selectors' text).
    std::vector<EmptyResultExplanation> explain(const QByteArray &query, const Expr &expr,
                                                qint64 atMs) const;
    // Parses first; a query that does not parse gets no explanation.
    std::vector<EmptyResultExplanation> explain(const QByteArray &query, qint64 atMs) const;

    // Levenshtein distance (for suggestions; tests).
    static int editDistance(QByteArrayView a, QByteArrayView b);

private:
    struct Use {
        const Expr *selector;
        qint64 refMs;    // the time the selector is evaluated at (offset and @ applied)
        qint64 windowMs; // how far back it looks (lookback, or the range)
        bool range;
        QByteArray function; // a range function needing two samples (rate, …), else empty
    };
    void collect(const Expr &e, qint64 atMs, qint64 extraMs, std::vector<Use> *uses,
                 const QByteArray &function = {}) const;
    std::optional<EmptyResultExplanation> explainSelector(const QByteArray &query,
                                                          const Use &use) const;

    const SeriesStore &m_store;
    qint64 m_lookbackMs;
};

} // namespace ppl::query
