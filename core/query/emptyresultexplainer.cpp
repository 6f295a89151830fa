#include "emptyresultexplainer.h"

#include "functions.h"
#include "parser.h"
#include "storage/seriesstore.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <set>

namespace ppl::query {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("ppl::query::EmptyResultExplainer", text, disambiguation, n);
}

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
}

// A duration as PromQL writes it: 5m, 90s, 1h30m, 500ms.
QString durationText(qint64 ms) {
    if (ms <= 0 || ms % 1000 != 0)
        return QStringLiteral("%1ms").arg(ms);
    qint64 s = ms / 1000;
    QString out;
    if (s >= 3600) {
        out += QStringLiteral("%1h").arg(s / 3600);
        s %= 3600;
    }
    if (s >= 60) {
        out += QStringLiteral("%1m").arg(s / 60);
        s %= 60;
    }
    if (s > 0)
        out += QStringLiteral("%1s").arg(s);
    return out;
}

// Candidates ordered by closeness to wanted (edit distance, then name), at most max of them,
// those too far away left out unless keepAll.
QStringList closest(const std::vector<QByteArray> &candidates, QByteArrayView wanted, int max,
                    bool keepAll) {
    std::vector<std::pair<int, QByteArray>> scored;
    const int limit = std::max<int>(2, int(wanted.size()) / 3);
    for (const QByteArray &c : candidates) {
        int d = EmptyResultExplainer::editDistance(c, wanted);
        // A name that contains the wanted one (or the reverse) counts as close.
        if (!wanted.isEmpty() && (c.contains(wanted) || QByteArrayView(wanted).contains(c)))
            d = std::min(d, 1);
        if (keepAll || d <= limit)
            scored.emplace_back(d, c);
    }
    std::sort(scored.begin(), scored.end());
    QStringList out;
    for (const auto &[d, c] : scored) {
        if (out.size() == max)
            break;
        out << QString::fromUtf8(c);
    }
    return out;
}

QString quoted(const QStringList &values) {
    QStringList q;
    for (const QString &v : values)
        q << QLatin1Char('"') + v + QLatin1Char('"');
    return q.join(QStringLiteral(", "));
}

} // namespace

EmptyResultExplainer::EmptyResultExplainer(const SeriesStore &store, qint64 lookbackMs)
    : m_store(store)
    , m_lookbackMs(lookbackMs) {}

int EmptyResultExplainer::editDistance(QByteArrayView a, QByteArrayView b) {
    std::vector<int> prev(size_t(b.size()) + 1);
    std::vector<int> cur(prev.size());
    for (size_t j = 0; j < prev.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int sub = prev[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

std::vector<EmptyResultExplanation> EmptyResultExplainer::explain(const QByteArray &query,
                                                                  qint64 atMs) const {
    auto parsed = Parser::parse(query);
    if (!std::holds_alternative<std::unique_ptr<Expr>>(parsed))
        return {};
    return explain(query, *std::get<std::unique_ptr<Expr>>(parsed), atMs);
}

void EmptyResultExplainer::collect(const Expr &e, qint64 atMs, qint64 extraMs,
                                   std::vector<Use> *uses, const QByteArray &function) const {
    auto ref = [atMs](const Expr &node) {
        const qint64 t = node.at == Expr::AtKind::Time ? node.atMs : atMs;
        return t - node.offsetMs;
    };
    switch (e.kind) {
    case Expr::Kind::VectorSelector:
        uses->push_back({&e, ref(e), m_lookbackMs + extraMs, false, {}});
        return;
    case Expr::Kind::MatrixSelector:
        uses->push_back({e.lhs.get(), ref(*e.lhs), e.rangeMs + extraMs, true, function});
        return;
    case Expr::Kind::Subquery:
        collect(*e.lhs, ref(e), extraMs + e.rangeMs, uses);
        return;
    default:
        break;
    }
    for (const Expr *child : {e.lhs.get(), e.rhs.get(), e.param.get()}) {
        if (child)
            collect(*child, atMs, extraMs, uses);
    }
    // Functions that need two samples in their range to say anything.
    static const std::vector<QByteArray> pairwise = {
        "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "holt_winters"};
    const bool needsTwo =
        e.kind == Expr::Kind::Call && e.func &&
        std::find(pairwise.begin(), pairwise.end(), e.func->name) != pairwise.end();
    for (const auto &a : e.args)
        collect(*a, atMs, extraMs, uses, needsTwo ? e.func->name : QByteArray());
}

std::vector<EmptyResultExplanation>
EmptyResultExplainer::explain(const QByteArray &query, const Expr &expr, qint64 atMs) const {
    std::vector<Use> uses;
    collect(expr, atMs, 0, &uses);
    std::vector<EmptyResultExplanation> out;
    std::set<QByteArray> seen; // a selector used twice is explained once
    for (const Use &use : uses) {
        auto found = explainSelector(query, use);
        if (found && seen.insert(found->selector).second)
            out.push_back(std::move(*found));
    }
    if (out.empty()) {
        EmptyResultExplanation e;
        e.reason = EmptyResultExplanation::Reason::ExpressionFiltered;
        e.text = uses.empty()
                     ? tr("The expression reads no series; its operators or functions produced "
                          "nothing (a comparison that no value passes, for example).")
                     : tr("Every selector finds series at this time: the expression's operators "
                          "removed them. A comparison or filter kept no value, vector matching "
                          "found no pairs with the same labels (see on/ignoring), or a function "
                          "such as absent() had nothing to say.");
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<EmptyResultExplanation> EmptyResultExplainer::explainSelector(const QByteArray &query,
                                                                            const Use &use) const {
    const Expr &vs = *use.selector;
    EmptyResultExplanation x;
    x.selector = query.mid(vs.pos.start, vs.pos.end - vs.pos.start);
    const QString sel = QString::fromUtf8(x.selector);

    QByteArray name = vs.metricName;
    std::vector<LabelMatcher> others;
    for (const LabelMatcher &m : vs.matchers) {
        if (m.name() == "__name__" && m.op() == LabelMatcher::Op::Equal)
            name = m.value();
        else
            others.push_back(m);
    }

    // 1. No series has the name at all.
    if (!name.isEmpty()) {
        const auto names = m_store.labelValues("__name__");
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            x.reason = EmptyResultExplanation::Reason::NoSuchMetric;
            x.suggestions = closest(names, name, 5, false);
            x.text =
                tr("No series has the name %1 in the lab's store.").arg(QString::fromUtf8(name));
            if (!x.suggestions.isEmpty())
                x.text += QLatin1Char(' ') +
                          tr("Did you mean %1?").arg(x.suggestions.join(QStringLiteral(", ")));
            return x;
        }
    }

    // 2. Series of the name exist, but the matchers exclude them.
    const auto ids = m_store.select(vs.matchers);
    if (ids.empty()) {
        std::vector<LabelMatcher> base;
        if (!name.isEmpty())
            base.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", name));
        const auto candidates = m_store.select(base);
        x.reason = EmptyResultExplanation::Reason::MatchersExclude;
        const QString what = name.isEmpty()
                                 ? tr("Series exist")
                                 : tr("Series named %1 exist").arg(QString::fromUtf8(name));
        for (const LabelMatcher &m : others) {
            std::set<QByteArray> values;
            for (auto id : candidates)
                values.insert(m_store.labels(id).value(m.name()));
            const bool anyPasses = std::any_of(values.begin(), values.end(),
                                               [&m](const QByteArray &v) { return m.matches(v); });
            if (anyPasses)
                continue;
            std::vector<QByteArray> present;
            for (const QByteArray &v : values) {
                if (!v.isEmpty())
                    present.push_back(v);
            }
            x.suggestions = closest(present, m.value(), 8, true);
            x.text = tr("%1 (%n series), but none has %2.", nullptr, int(candidates.size()))
                         .arg(what, m.toString());
            if (present.empty())
                x.text +=
                    QLatin1Char(' ') +
                    tr("None of them has the label %1 at all.").arg(QString::fromUtf8(m.name()));
            else
                x.text +=
                    QLatin1Char(' ') + tr("Values of %1 on them: %2.")
                                           .arg(QString::fromUtf8(m.name()), quoted(x.suggestions));
            return x;
        }
        x.text = tr("%1 (%n series), and each matcher of %2 alone keeps some of them, but no "
                    "series passes all of them together.",
                    nullptr, int(candidates.size()))
                     .arg(what, sel);
        return x;
    }

    // 3. The series exist: is there a sample the evaluation sees?
    const qint64 from = use.refMs - use.windowMs;
    std::optional<StoredSample> newest; // the newest sample at or before the time
    SeriesStore::SeriesId newestId = 0;
    std::optional<qint64> firstAfter;
    int mostInRange = 0; // the most samples one series has in the range (range selectors)
    for (auto id : ids) {
        const auto s = m_store.samples(id, std::numeric_limits<qint64>::min() / 2, use.refMs);
        if (s.empty()) {
            const auto last = m_store.lastSample(id);
            if (last && (!firstAfter || last->timestampMs < *firstAfter)) {
                const auto later = m_store.samples(id, use.refMs, last->timestampMs);
                if (!later.empty())
                    firstAfter = firstAfter ? std::min(*firstAfter, later.front().timestampMs)
                                            : later.front().timestampMs;
            }
            continue;
        }
        // A series with a live sample in the window has data: this selector is not why
        // (unless the function needs two of them).
        int inRange = 0;
        for (auto it = s.rbegin(); it != s.rend() && it->timestampMs >= from; ++it) {
            if (!isStaleMarker(it->value)) {
                if (use.function.isEmpty())
                    return std::nullopt;
                if (++inRange >= 2)
                    return std::nullopt;
                continue;
            }
            if (!use.range)
                break; // an instant selector sees only the newest sample
        }
        mostInRange = std::max(mostInRange, inRange);
        if (!newest || s.back().timestampMs > newest->timestampMs) {
            newest = s.back();
            newestId = id;
        }
    }
    if (mostInRange == 1) {
        const qint64 rangeMs = use.windowMs;
        x.reason = EmptyResultExplanation::Reason::TooFewSamples;
        x.atMs = newest ? newest->timestampMs : use.refMs;
        x.text = tr("%1() needs at least two samples in its range, but %2 has only one sample "
                    "in the last %3 (per series). Make the range longer than two scrape "
                    "intervals, e.g. [%4].")
                     .arg(QString::fromUtf8(use.function), sel, durationText(rangeMs),
                          durationText(std::max<qint64>(rangeMs * 4, 60'000)));
        return x;
    }
    if (!newest) {
        x.reason = EmptyResultExplanation::Reason::NotYet;
        x.atMs = firstAfter.value_or(use.refMs);
        x.text = tr("%1 has no sample at or before %2: its first sample is from %3.")
                     .arg(sel, timeText(use.refMs), timeText(x.atMs));
        return x;
    }
    x.atMs = newest->timestampMs;
    if (isStaleMarker(newest->value)) {
        x.reason = EmptyResultExplanation::Reason::WentStale;
        // The cause, from the same target's `up` at that moment.
        const Labels &l = m_store.labels(newestId);
        const QByteArray job = l.value("job");
        const QByteArray instance = l.value("instance");
        std::optional<StoredSample> up;
        if (!job.isEmpty() && !instance.isEmpty()) {
            const Labels upLabels = Labels::Builder()
                                        .set("__name__", "up")
                                        .set("job", job)
                                        .set("instance", instance)
                                        .build();
            if (const auto upId = m_store.find(upLabels)) {
                const auto s = m_store.samples(*upId, x.atMs - 1, x.atMs);
                if (!s.empty())
                    up = s.back();
            }
        }
        QString cause;
        if (up && isStaleMarker(up->value)) {
            x.staleCause = EmptyResultExplanation::StaleCause::TargetRemoved;
            cause = tr("Its target %1 was removed from the scrape (it left the configuration or "
                       "service discovery), so Prometheus marked all its series stale.")
                        .arg(QString::fromUtf8(instance));
        } else if (up && up->value == 0) {
            x.staleCause = EmptyResultExplanation::StaleCause::TargetDown;
            cause = tr("The scrape of %1 failed then (target down: up was 0), so Prometheus "
                       "marked every series it had exposed stale.")
                        .arg(QString::fromUtf8(instance));
        } else if (up) {
            x.staleCause = EmptyResultExplanation::StaleCause::SeriesVanished;
            cause = tr("Its target %1 still answered, but without this series: it vanished "
                       "from the target's output (for the Pushgateway: its group was deleted "
                       "or replaced).")
                        .arg(QString::fromUtf8(instance));
        } else {
            cause = tr("Its scrape stopped delivering it (target down, removed, or the series "
                       "vanished from the output).");
        }
        x.text = tr("%1 went stale at %2: a stale marker ends a series at once, without "
                    "waiting for the lookback.")
                     .arg(sel, timeText(x.atMs)) +
                 QLatin1Char(' ') + cause;
        return x;
    }
    x.reason = EmptyResultExplanation::Reason::OlderThanLookback;
    const qint64 age = use.refMs - x.atMs;
    if (use.range) {
        x.text = tr("The newest sample of %1 is from %2, %3 before the evaluation time: older "
                    "than the selector's range, which holds no sample.")
                     .arg(sel, timeText(x.atMs), durationText(age - age % 1000));
    } else {
        x.text = tr("The newest sample of %1 is from %2, %3 before the evaluation time: older "
                    "than the lookback delta (%4), so an instant selector no longer sees it. "
                    "This is what happens to series pushed with their own timestamps or no "
                    "longer updated; last_over_time(%1[1h]) still shows them.")
                     .arg(sel, timeText(x.atMs), durationText(age - age % 1000),
                          durationText(m_lookbackMs));
    }
    return x;
}

} // namespace ppl::query
