#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <initializer_list>
#include <utility>
#include <vector>

namespace ppl {

// A set of label pairs sorted by name, with interned strings and a cached hash, as in
// Prometheus's model/labels: equality is one pass, hashing is free after construction.
// The metric name is the label "__name__". Labels are immutable values; the intern table
// (StringTable) is mutex-protected, so label sets may be built and read on any thread.
class Labels {
public:
    Labels() = default;
    // Sorts by name; for a repeated name the last value wins; empty values are dropped
    // (an empty label value means "no label" in Prometheus).
    static Labels fromPairs(std::vector<std::pair<QByteArray, QByteArray>> pairs);
    static Labels of(std::initializer_list<std::pair<const char *, const char *>> pairs);

    int size() const;
    bool isEmpty() const { return size() == 0; }
    QByteArray name(int i) const;
    QByteArray value(int i) const;
    QByteArray value(QByteArrayView name) const; // empty if absent
    bool has(QByteArrayView name) const;
    QByteArray metricName() const { return value("__name__"); }

    // Interned ids (see StringTable) of the i-th name/value, and the value id of a name id
    // (0, the empty string, if absent): cheap lookups for the store's index and matchers.
    quint32 nameId(int i) const { return m_ids[size_t(2 * i)]; }
    quint32 valueId(int i) const { return m_ids[size_t(2 * i + 1)]; }
    quint32 valueIdOf(quint32 nameId) const;
    // Views into the intern table; valid for the life of the process.
    QByteArrayView nameView(int i) const;
    QByteArrayView valueView(int i) const;

    // Computed once from the strings (not the ids), so it is stable across runs.
    size_t hash() const { return m_hash; }
    friend bool operator==(const Labels &a, const Labels &b);
    friend bool operator<(const Labels &a, const Labels &b); // lexicographic by (name, value)

    // Prometheus's notation: name{a="1", b="2"} (or {…} when there is no __name__).
    QString toString() const;
    std::vector<std::pair<QByteArray, QByteArray>> toPairs() const;

    class Builder {
    public:
        Builder() = default;
        explicit Builder(const Labels &base);
        Builder &set(QByteArrayView name, QByteArrayView value); // empty value removes
        Builder &remove(QByteArrayView name);
        QByteArray get(QByteArrayView name) const;
        Labels build() const;

    private:
        std::vector<std::pair<QByteArray, QByteArray>> m_pairs;
    };

private:
    static Labels fromSortedIds(std::vector<quint32> ids);

    // Interned string ids, alternating name, value; sorted by name string.
    std::vector<quint32> m_ids;
    size_t m_hash = 0;
    friend class Builder;
};

} // namespace ppl

template <> struct std::hash<ppl::Labels> {
    size_t operator()(const ppl::Labels &l) const noexcept { return l.hash(); }
};
