#include "scrapelabels.h"

#include "exposition/textparser.h"

#include <QCoreApplication>

#include <algorithm>

namespace ppl {

namespace {

bool hasName(const LabelPairs &pairs, QByteArrayView name) {
    return std::any_of(pairs.begin(), pairs.end(), [&](const auto &p) { return p.first == name; });
}

QByteArray valueOf(const LabelPairs &pairs, QByteArrayView name) {
    // The last occurrence wins, as when the pairs become a label set.
    for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return {};
}

} // namespace

Labels mergeTargetLabels(const LabelPairs &scraped, const Labels &target, bool honorLabels) {
    LabelPairs out = scraped;
    const int n = target.size();
    if (honorLabels) {
        for (int i = 0; i < n; ++i) {
            if (!hasName(scraped, target.nameView(i)))
                out.emplace_back(target.name(i), target.value(i));
        }
        return Labels::fromPairs(std::move(out));
    }

    LabelPairs conflicts;
    for (int i = 0; i < n; ++i) {
        const QByteArray name = target.name(i);
        const QByteArray existing = valueOf(scraped, name);
        if (!existing.isEmpty())
            conflicts.emplace_back(name, existing);
        out.emplace_back(name, target.value(i)); // appended after: the target value wins
    }
    if (!conflicts.empty()) {
        std::stable_sort(conflicts.begin(), conflicts.end(), [](const auto &a, const auto &b) {
            return a.first.size() < b.first.size();
        });
        for (size_t i = 0; i < conflicts.size(); ++i) {
            QByteArray newName = conflicts[i].first;
            while (true) {
                newName.prepend("exported_");
                const bool takenEarlier =
                    std::any_of(conflicts.begin(), conflicts.begin() + qsizetype(i),
                                [&](const auto &c) { return c.first == newName; });
                if (!hasName(scraped, newName) && !target.has(newName) && !takenEarlier)
                    break;
            }
            conflicts[i].first = newName;
        }
        for (auto &c : conflicts)
            out.push_back(std::move(c));
    }
    return Labels::fromPairs(std::move(out));
}

QString invalidLabelSetError(const LabelPairs &scraped, const Labels &target, bool honorLabels) {
    // mutateSampleLabels' labels.Builder on a base that may repeat a name (a second __name__),
    // which a Labels cannot hold: Get reads the first value, an empty value deletes every
    // label of its name, and untouched base labels stay with their repeats, sorted stably.
    LabelPairs base = scraped;
    std::stable_sort(base.begin(), base.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<QByteArray> del;
    LabelPairs add;
    for (const auto &l : base) {
        if (l.second.isEmpty())
            del.push_back(l.first);
    }
    const auto firstValue = [&](QByteArrayView name) {
        for (const auto &l : base) {
            if (l.first == name)
                return l.second;
        }
        return QByteArray();
    };
    const auto set = [&](const QByteArray &name, const QByteArray &value) {
        const auto inAdd =
            std::find_if(add.begin(), add.end(), [&](const auto &a) { return a.first == name; });
        if (value.isEmpty()) {
            if (inAdd != add.end())
                add.erase(inAdd);
            del.push_back(name);
        } else if (inAdd != add.end()) {
            inAdd->second = value;
        } else {
            add.emplace_back(name, value);
        }
    };
    if (honorLabels) {
        for (int i = 0; i < target.size(); ++i) {
            if (!hasName(base, target.nameView(i)))
                set(target.name(i), target.value(i));
        }
    } else {
        LabelPairs conflicts;
        for (int i = 0; i < target.size(); ++i) {
            const QByteArray existing = firstValue(target.nameView(i));
            if (!existing.isEmpty())
                conflicts.emplace_back(target.name(i), existing);
            set(target.name(i), target.value(i));
        }
        std::stable_sort(conflicts.begin(), conflicts.end(), [](const auto &a, const auto &b) {
            return a.first.size() < b.first.size();
        });
        for (size_t i = 0; i < conflicts.size(); ++i) {
            QByteArray newName = conflicts[i].first;
            while (true) {
                newName.prepend("exported_");
                const bool takenEarlier =
                    std::any_of(conflicts.begin(), conflicts.begin() + qsizetype(i),
                                [&](const auto &c) { return c.first == newName; });
                if (!hasName(scraped, newName) && !target.has(newName) && !takenEarlier)
                    break;
            }
            conflicts[i].first = newName;
        }
        for (const auto &c : conflicts)
            set(c.first, c.second);
    }
    LabelPairs merged;
    if (del.empty() && add.empty()) {
        merged = std::move(base);
    } else {
        for (const auto &l : base) {
            if (std::find(del.begin(), del.end(), l.first) == del.end() && !hasName(add, l.first))
                merged.push_back(l);
        }
        merged.insert(merged.end(), add.begin(), add.end());
        std::stable_sort(merged.begin(), merged.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
    }
    QString text = QStringLiteral("{");
    for (size_t i = 0; i < merged.size(); ++i) {
        if (i > 0)
            text += QStringLiteral(", ");
        text += QString::fromUtf8(merged[i].first) + QLatin1Char('=') +
                detail::goQuote(merged[i].second);
    }
    text += QLatin1Char('}');
    return QCoreApplication::translate("ppl::ScrapeLoop", "invalid metric name or label names: %1")
        .arg(text);
}

Labels reportSeriesLabels(QByteArrayView metricName, const Labels &target) {
    Labels::Builder b(target);
    b.set("__name__", metricName);
    return b.build();
}

} // namespace ppl
