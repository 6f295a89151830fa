#include "textparser.h"

#include <QCoreApplication>

#include <string_view>
#include <unordered_map>

// parseText(): TextParser plus the family-level rules of Go's expfmt.TextParser (family
// lookup for _sum/_count/_bucket, second HELP/TYPE, le/quantile must be floats) and the
// checks the Pushgateway makes right after parsing (duplicate series, reserved labels).

namespace ppl {

namespace {

struct TextParserText {
    Q_DECLARE_TR_FUNCTIONS(ppl::TextParser)
};

inline std::string_view sv(QByteArrayView v) {
    return {v.data(), size_t(v.size())};
}

inline quint64 mix(quint64 h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

quint64 hashBytes(QByteArrayView v, quint64 seed) {
    quint64 h = seed ^ (quint64(v.size()) * 0x9e3779b97f4a7c15ULL);
    const char *p = v.data();
    qsizetype n = v.size();
    while (n >= 8) {
        quint64 w;
        std::memcpy(&w, p, 8);
        h = (h ^ mix(w)) * 0x9e3779b97f4a7c15ULL;
        p += 8;
        n -= 8;
    }
    quint64 w = 0;
    std::memcpy(&w, p, size_t(n));
    return mix(h ^ w ^ (quint64(n) << 56));
}

// Shares one QByteArray per distinct string (label names and values repeat a lot), so the
// result holds far fewer allocations than samples × labels.
class Interner {
public:
    QByteArray get(QByteArrayView v) {
        auto it = m_map.find(sv(v));
        if (it != m_map.end())
            return it->second;
        QByteArray copy(v.data(), v.size());
        m_map.emplace(std::string_view(copy.constData(), size_t(copy.size())), copy);
        return copy;
    }

private:
    std::unordered_map<std::string_view, QByteArray> m_map;
};

// The series seen so far in one family, for the duplicate check: open addressing over
// (32 hash bits, sample index + 1). Per family, because families are small and arrive
// together, so the table stays in cache (one big table cost a cache miss per sample).
struct FamilyState {
    bool typeSet = false;
    std::vector<quint64> table;
    std::vector<int> lines; // line of each sample, for the error message
    size_t count = 0;

    // Returns the index of an equal series already present, or -1 after inserting.
    template <typename Equal> qint64 insert(quint64 hash, quint32 sample, int line, Equal equal) {
        if ((count + 1) * 2 > table.size())
            grow();
        const quint64 tag = hash >> 32;
        const size_t mask = table.size() - 1;
        size_t i = size_t(tag) & mask;
        while (table[i]) {
            if ((table[i] >> 32) == tag && equal(quint32(table[i]) - 1))
                return qint64(quint32(table[i]) - 1);
            i = (i + 1) & mask;
        }
        table[i] = (tag << 32) | (quint64(sample) + 1);
        lines.push_back(line);
        ++count;
        return -1;
    }

private:
    void grow() {
        std::vector<quint64> old = std::move(table);
        table.assign(old.empty() ? 16 : old.size() * 2, 0);
        const size_t mask = table.size() - 1;
        // Placement uses the stored tag (the hash's well-mixed high half), so it survives.
        for (quint64 s : old) {
            if (!s)
                continue;
            size_t i = size_t(s >> 32) & mask;
            while (table[i])
                i = (i + 1) & mask;
            table[i] = s;
        }
    }
};

bool sameSeries(const MetricSample &a, const MetricSample &b) {
    if (a.name != b.name || a.labels.size() != b.labels.size())
        return false;
    for (const LabelPair &l : a.labels) {
        bool found = false;
        for (const LabelPair &m : b.labels) {
            if (l.name == m.name) {
                found = l.value == m.value;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

QByteArray seriesText(const MetricSample &s) {
    QByteArray out = s.name;
    if (s.labels.empty())
        return out;
    out += '{';
    for (size_t i = 0; i < s.labels.size(); ++i) {
        if (i)
            out += ',';
        out += s.labels[i].name + "=\"" + s.labels[i].value + '"';
    }
    out += '}';
    return out;
}

class Builder {
public:
    std::vector<MetricFamily> families;
    std::vector<FamilyState> states;

    // Go's setOrCreateCurrentMF: the exact name, else the summary or histogram it belongs to.
    size_t familyFor(QByteArrayView name) {
        if (auto it = m_byName.find(sv(name)); it != m_byName.end())
            return it->second;
        auto strip = [&](const char *suffix) -> std::optional<size_t> {
            const auto n = qsizetype(std::strlen(suffix));
            if (name.size() <= n || !name.endsWith(suffix))
                return std::nullopt;
            auto it = m_byName.find(sv(name.first(name.size() - n)));
            if (it == m_byName.end())
                return std::nullopt;
            return it->second;
        };
        for (const char *suffix : {"_count", "_sum"}) {
            if (auto f = strip(suffix);
                f && states[*f].typeSet && families[*f].type == MetricType::Summary)
                return *f;
        }
        for (const char *suffix : {"_count", "_sum", "_bucket"}) {
            if (auto f = strip(suffix);
                f && states[*f].typeSet && families[*f].type == MetricType::Histogram)
                return *f;
        }
        MetricFamily &f = families.emplace_back();
        f.name = QByteArray(name.data(), name.size());
        states.emplace_back();
        m_byName.emplace(std::string_view(f.name.constData(), size_t(f.name.size())),
                         families.size() - 1);
        return families.size() - 1;
    }

private:
    std::unordered_map<std::string_view, size_t> m_byName;
};

} // namespace

ParsedExposition parseText(QByteArrayView input) {
    ParsedExposition result;
    Builder b;
    Interner labelStrings;
    TextParser parser(input);
    QByteArray lastSampleName; // the previous sample's name and family: the common case
    size_t lastFamily = 0;
    auto fail = [&](QString message, ParseError::Kind kind = ParseError::Kind::Syntax) {
        result.error = ParseError{parser.lineNumber(), std::move(message), kind};
    };

    for (;;) {
        const TextParser::Entry entry = parser.next();
        if (entry == TextParser::Entry::End)
            break;
        if (entry == TextParser::Entry::Error) {
            result.error = parser.error();
            break;
        }
        if (entry == TextParser::Entry::Comment)
            continue;
        if (entry == TextParser::Entry::Help) {
            const size_t fi = b.familyFor(parser.name());
            MetricFamily &f = b.families[fi];
            if (f.hasHelp) {
                fail(TextParserText::tr("second HELP line for metric name %1")
                         .arg(detail::goQuote(f.name)));
                break;
            }
            f.hasHelp = true;
            f.help = QByteArray(parser.help().data(), parser.help().size());
            continue;
        }
        if (entry == TextParser::Entry::Type) {
            const size_t fi = b.familyFor(parser.name());
            if (b.states[fi].typeSet) {
                fail(TextParserText::tr(
                         "second TYPE line for metric name %1, or TYPE reported after samples")
                         .arg(detail::goQuote(b.families[fi].name)));
                break;
            }
            b.states[fi].typeSet = true;
            b.families[fi].type = parser.type();
            continue;
        }

        // A sample.
        const QByteArrayView name = parser.name();
        size_t fi;
        if (!lastSampleName.isNull() && name == lastSampleName) {
            fi = lastFamily;
        } else {
            fi = b.familyFor(name);
            lastSampleName = QByteArray(name.data(), name.size());
            lastFamily = fi;
        }
        MetricFamily &family = b.families[fi];
        b.states[fi].typeSet = true; // a TYPE after this is an error, as in Go
        MetricSample sample;
        sample.name = lastSampleName;
        sample.value = parser.value();
        sample.timestampMs = parser.timestampMs();
        const int labelCount = parser.labelCount();
        sample.labels.reserve(size_t(labelCount));
        quint64 labelHash = 0;
        bool bad = false;
        for (int i = 0; i < labelCount; ++i) {
            const QByteArrayView ln = parser.labelName(i);
            const QByteArrayView lv = parser.labelValue(i);
            if (isReservedLabelName(ln)) {
                fail(TextParserText::tr("label name %1 is reserved").arg(detail::goQuote(ln)),
                     ParseError::Kind::Consistency);
                bad = true;
                break;
            }
            double bound;
            if (family.type == MetricType::Summary && ln == "quantile" &&
                !detail::parseGoFloat(lv, &bound)) {
                fail(TextParserText::tr("expected float as value for 'quantile' label, got %1")
                         .arg(detail::goQuote(lv)));
                bad = true;
                break;
            }
            if (family.type == MetricType::Histogram && ln == "le" &&
                !detail::parseGoFloat(lv, &bound)) {
                fail(TextParserText::tr("expected float as value for 'le' label, got %1")
                         .arg(detail::goQuote(lv)));
                bad = true;
                break;
            }
            labelHash += mix(hashBytes(ln, 1) ^ hashBytes(lv, 2));
            sample.labels.push_back(LabelPair{labelStrings.get(ln), labelStrings.get(lv)});
        }
        if (bad)
            break;
        const quint64 hash = mix(hashBytes(name, 3) + labelHash);
        const auto sampleIndex = quint32(family.samples.size());
        const qint64 dup =
            b.states[fi].insert(hash, sampleIndex, parser.lineNumber(),
                                [&](quint32 s) { return sameSeries(family.samples[s], sample); });
        if (dup >= 0) {
            fail(TextParserText::tr("duplicate series %1, first seen in line %2")
                     .arg(detail::goQuote(seriesText(sample)))
                     .arg(b.states[fi].lines[size_t(dup)]),
                 ParseError::Kind::Consistency);
            break;
        }
        family.samples.push_back(std::move(sample));
    }
    if (result.error)
        return result;
    // Go drops families that only had HELP/TYPE lines.
    result.families.reserve(b.families.size());
    for (MetricFamily &f : b.families) {
        if (!f.samples.empty())
            result.families.push_back(std::move(f));
    }
    return result;
}

} // namespace ppl
