#include "labels.h"

#include "stringtable.h"

#include <algorithm>

namespace ppl {

namespace {

// 64-bit FNV-1a over "name\xff value\xff …" (the separator as in Prometheus's labels.Hash),
// then a final avalanche so that the low bits are usable for open addressing.
size_t hashIds(const std::vector<quint32> &ids) {
    quint64 h = 14695981039346656037ULL;
    for (quint32 id : ids) {
        const QByteArray &s = StringTable::str(id);
        for (char c : s) {
            h ^= quint8(c);
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return size_t(h);
}

// Sorts by name, keeps the last value of a repeated name, drops empty values.
std::vector<quint32> canonicalIds(std::vector<std::pair<QByteArray, QByteArray>> &pairs) {
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<quint32> ids;
    ids.reserve(pairs.size() * 2);
    for (size_t i = 0; i < pairs.size(); ++i) {
        if (i + 1 < pairs.size() && pairs[i + 1].first == pairs[i].first)
            continue; // a later value for the same name wins
        if (pairs[i].second.isEmpty() || pairs[i].first.isEmpty())
            continue;
        ids.push_back(StringTable::intern(pairs[i].first));
        ids.push_back(StringTable::intern(pairs[i].second));
    }
    return ids;
}

void appendEscaped(QByteArray &out, const QByteArray &v) {
    for (char c : v) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
}

} // namespace

Labels Labels::fromSortedIds(std::vector<quint32> ids) {
    Labels l;
    l.m_hash = hashIds(ids);
    l.m_ids = std::move(ids);
    return l;
}

Labels Labels::fromPairs(std::vector<std::pair<QByteArray, QByteArray>> pairs) {
    return fromSortedIds(canonicalIds(pairs));
}

Labels Labels::of(std::initializer_list<std::pair<const char *, const char *>> pairs) {
    std::vector<std::pair<QByteArray, QByteArray>> v;
    v.reserve(pairs.size());
    for (const auto &[n, val] : pairs)
        v.emplace_back(QByteArray(n), QByteArray(val));
    return fromPairs(std::move(v));
}

int Labels::size() const {
    return int(m_ids.size() / 2);
}

QByteArray Labels::name(int i) const {
    return StringTable::str(nameId(i));
}

QByteArray Labels::value(int i) const {
    return StringTable::str(valueId(i));
}

QByteArrayView Labels::nameView(int i) const {
    return StringTable::str(nameId(i));
}

QByteArrayView Labels::valueView(int i) const {
    return StringTable::str(valueId(i));
}

quint32 Labels::valueIdOf(quint32 nameId) const {
    for (size_t i = 0; i < m_ids.size(); i += 2) {
        if (m_ids[i] == nameId)
            return m_ids[i + 1];
    }
    return 0;
}

QByteArray Labels::value(QByteArrayView name) const {
    for (size_t i = 0; i < m_ids.size(); i += 2) {
        if (StringTable::str(m_ids[i]) == name)
            return StringTable::str(m_ids[i + 1]);
    }
    return QByteArray();
}

bool Labels::has(QByteArrayView name) const {
    for (size_t i = 0; i < m_ids.size(); i += 2) {
        if (StringTable::str(m_ids[i]) == name)
            return true;
    }
    return false;
}

bool operator==(const Labels &a, const Labels &b) {
    // Interning makes equal strings equal ids, so equality never touches the strings.
    return a.m_hash == b.m_hash && a.m_ids == b.m_ids;
}

bool operator<(const Labels &a, const Labels &b) {
    const size_t n = std::min(a.m_ids.size(), b.m_ids.size());
    for (size_t i = 0; i < n; ++i) {
        if (a.m_ids[i] == b.m_ids[i])
            continue;
        return StringTable::str(a.m_ids[i]) < StringTable::str(b.m_ids[i]);
    }
    return a.m_ids.size() < b.m_ids.size();
}

QString Labels::toString() const {
    QByteArray out;
    const QByteArray metric = metricName();
    out += metric;
    const bool onlyName = !metric.isEmpty() && size() == 1;
    if (onlyName)
        return QString::fromUtf8(out);
    out += '{';
    bool first = true;
    for (int i = 0; i < size(); ++i) {
        const QByteArray &n = StringTable::str(nameId(i));
        if (n == "__name__")
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += n;
        out += "=\"";
        appendEscaped(out, StringTable::str(valueId(i)));
        out += '"';
    }
    out += '}';
    return QString::fromUtf8(out);
}

std::vector<std::pair<QByteArray, QByteArray>> Labels::toPairs() const {
    std::vector<std::pair<QByteArray, QByteArray>> out;
    out.reserve(size_t(size()));
    for (int i = 0; i < size(); ++i)
        out.emplace_back(name(i), value(i));
    return out;
}

Labels::Builder::Builder(const Labels &base)
    : m_pairs(base.toPairs()) {}

Labels::Builder &Labels::Builder::set(QByteArrayView name, QByteArrayView value) {
    if (value.isEmpty())
        return remove(name);
    for (auto &p : m_pairs) {
        if (p.first == name) {
            p.second = value.toByteArray();
            return *this;
        }
    }
    m_pairs.emplace_back(name.toByteArray(), value.toByteArray());
    return *this;
}

Labels::Builder &Labels::Builder::remove(QByteArrayView name) {
    std::erase_if(m_pairs, [&](const auto &p) { return p.first == name; });
    return *this;
}

QByteArray Labels::Builder::get(QByteArrayView name) const {
    for (const auto &p : m_pairs) {
        if (p.first == name)
            return p.second;
    }
    return QByteArray();
}

Labels Labels::Builder::build() const {
    auto pairs = m_pairs;
    return Labels::fromSortedIds(canonicalIds(pairs));
}

} // namespace ppl
