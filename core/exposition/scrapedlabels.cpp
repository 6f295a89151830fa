#include "scrapedlabels.h"

#include "textparser.h"

#include <QCoreApplication>

#include <algorithm>

namespace ppl {

namespace {
struct ScrapedLabelsText {
    Q_DECLARE_TR_FUNCTIONS(ppl::ScrapedLabels)
};
} // namespace

bool resolveDuplicateLabels(std::vector<ScrapedLabel> &labels,
                            const std::vector<QByteArray> &replacedNames, QString *error) {
    const size_t n = labels.size();
    bool repeated = false;
    for (size_t i = 0; i < n && !repeated; ++i) {
        if (labels[i].name == "__name__")
            repeated = true;
        for (size_t j = 0; j < i && !repeated; ++j)
            repeated = labels[j].name == labels[i].name;
    }
    if (!repeated)
        return true;
    std::vector<ScrapedLabel> kept;
    kept.reserve(n);
    for (const ScrapedLabel &l : labels) {
        bool anyEmpty = false;
        int count = 0;
        for (const ScrapedLabel &other : labels) {
            if (other.name == l.name) {
                ++count;
                anyEmpty = anyEmpty || other.valueSize == 0;
            }
        }
        if (l.name == "__name__") {
            *error = anyEmpty ? ScrapedLabelsText::tr("missing metric name (__name__ label)")
                              : ScrapedLabelsText::tr(
                                    "label name \"__name__\" is not unique: invalid sample");
            return false;
        }
        const bool first = std::none_of(kept.begin(), kept.end(),
                                        [&](const ScrapedLabel &k) { return k.name == l.name; });
        if (!first)
            continue;
        const bool replaced =
            std::find(replacedNames.begin(), replacedNames.end(), l.name) != replacedNames.end();
        if (count > 1 && !anyEmpty && !replaced) {
            *error = ScrapedLabelsText::tr("label name %1 is not unique: invalid sample")
                         .arg(detail::goQuote(l.name));
            return false;
        }
        kept.push_back(l);
        if (anyEmpty && !replaced)
            kept.back().valueSize = 0; // an empty value: the scraper drops the label
    }
    labels = std::move(kept);
    return true;
}

} // namespace ppl
