#pragma once

#include "labels.h"

#include <QRegularExpression>

#include <optional>

namespace ppl {

// One PromQL label matcher. Regexes are fully anchored, as in Prometheus (`^(?:re)$`).
// A matcher on an absent label sees the empty string, so {foo=""} matches series without foo.
class LabelMatcher {
public:
    enum class Op { Equal, NotEqual, RegexMatch, RegexNoMatch };

    // nullopt and *error set if the regex does not compile.
    static std::optional<LabelMatcher> create(Op op, QByteArray name, QByteArray value,
                                              QString *error = nullptr);

    bool matches(QByteArrayView value) const;
    bool matches(const Labels &labels) const { return matches(labels.value(m_name)); }

    // True if a series without the label (or with an empty value) matches: such a matcher
    // cannot narrow a selection through the index.
    bool matchesEmpty() const { return m_matchesEmpty; }
    // PromQL notation: job=~"api|web" (value escaped).
    QString toString() const { return toString(m_name, m_op, m_value); }
    // The same for a matcher not (yet) built, e.g. one with a regex still being typed, so a
    // selector editor writes what the parser will read back.
    static QString toString(QByteArrayView name, Op op, QByteArrayView value);

    Op op() const { return m_op; }
    const QByteArray &name() const { return m_name; }
    const QByteArray &value() const { return m_value; }

private:
    Op m_op = Op::Equal;
    QByteArray m_name;
    QByteArray m_value;
    QRegularExpression m_regex;
    bool m_matchesEmpty = false;
};

} // namespace ppl
