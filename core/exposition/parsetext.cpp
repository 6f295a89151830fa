#include "textparser.h"

#include <QCoreApplication>

#include <string_view>
#include <unordered_map>

// parseText(): TextParser plus the family-level rules of Go's expfmt.TextParser (family
// lookup for _sum/_count/_bucket, second HELP/TYPE, le/quantile must be floats) and the
// checks the Pushgateway makes right after parsing (duplicate series, reserved labels).

namespace ppl {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("ppl::TextParser", text);
}

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

struct FamilyState {
    bool typeSet = false;
};

// Open addressing over series hashes; a hit is confirmed by comparing the samples.
class SeriesSet {
public:
    struct Slot {
        quint64 hash = 0;
        quint32 family = 0;
        quint32 sample = 0;
        int line = 0;
        bool used = false;
    };
    // Returns the slot of an equal series already present, or inserts and returns nullptr.
    template <typename Equal>
    const Slot *insert(quint64 hash, quint32 family, quint32 sample, int line, Equal equal) {
        if ((m_count + 1) * 2 > m_slots.size())
            grow();
        size_t i = size_t(hash) & (m_slots.size() - 1);
        while (m_slots[i].used) {
            if (m_slots[i].hash == hash && equal(m_slots[i].family, m_slots[i].sample))
                return &m_slots[i];
            i = (i + 1) & (m_slots.size() - 1);
        }
        m_slots[i] = Slot{hash, family, sample, line, true};
        ++m_count;
        return nullptr;
    }

private:
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        for (const Slot &s : old) {
            if (!s.used)
                continue;
            size_t i = size_t(s.hash) & (m_slots.size() - 1);
            while (m_slots[i].used)
                i = (i + 1) & (m_slots.size() - 1);
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    size_t m_count = 0;
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
    SeriesSet series;
    TextParser parser(input);
    QByteArray lastSampleName; // the previous sample's name and family: the common case
    size_t lastFamily = 0;
    auto fail = [&](QString message) {
        result.error = ParseError{parser.lineNumber(), std::move(message)};
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
                fail(tr("second HELP line for metric name %1").arg(detail::goQuote(f.name)));
                break;
            }
            f.hasHelp = true;
            f.help = QByteArray(parser.help().data(), parser.help().size());
            continue;
        }
        if (entry == TextParser::Entry::Type) {
            const size_t fi = b.familyFor(parser.name());
            if (b.states[fi].typeSet) {
                fail(tr("second TYPE line for metric name %1, or TYPE reported after samples")
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
                fail(tr("label name %1 is reserved").arg(detail::goQuote(ln)));
                bad = true;
                break;
            }
            double bound;
            if (family.type == MetricType::Summary && ln == "quantile" &&
                !detail::parseGoFloat(lv, &bound)) {
                fail(tr("expected float as value for 'quantile' label, got %1")
                         .arg(detail::goQuote(lv)));
                bad = true;
                break;
            }
            if (family.type == MetricType::Histogram && ln == "le" &&
                !detail::parseGoFloat(lv, &bound)) {
                fail(tr("expected float as value for 'le' label, got %1").arg(detail::goQuote(lv)));
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
        const auto *dup = series.insert(
            hash, quint32(fi), sampleIndex, parser.lineNumber(),
            [&](quint32 f, quint32 s) { return sameSeries(b.families[f].samples[s], sample); });
        if (dup) {
            fail(tr("duplicate series %1, first seen in line %2")
                     .arg(detail::goQuote(seriesText(sample)))
                     .arg(dup->line));
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
