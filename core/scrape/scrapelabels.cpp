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
    const Labels merged = mergeTargetLabels(scraped, target, honorLabels);
    QString set = QStringLiteral("{");
    for (int i = 0; i < merged.size(); ++i) {
        if (i > 0)
            set += QStringLiteral(", ");
        set += QString::fromUtf8(merged.nameView(i)) + QLatin1Char('=') +
               detail::goQuote(merged.valueView(i));
    }
    set += QLatin1Char('}');
    return QCoreApplication::translate("ppl::ScrapeLoop", "invalid metric name or label names: %1")
        .arg(set);
}

Labels reportSeriesLabels(QByteArrayView metricName, const Labels &target) {
    Labels::Builder b(target);
    b.set("__name__", metricName);
    return b.build();
}

} // namespace ppl
