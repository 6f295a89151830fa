#include "scrapedlabels.h"

#include "textparser.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>

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
    // The head reports the first repeated name in label order (sorted by name).
    std::optional<QByteArrayView> repeatedName;
    for (const ScrapedLabel &l : labels) {
        bool anyEmpty = false;
        int count = 0;
        for (const ScrapedLabel &other : labels) {
            if (other.name == l.name) {
                ++count;
                anyEmpty = anyEmpty || other.valueSize == 0;
            }
        }
        const bool first = std::none_of(kept.begin(), kept.end(),
                                        [&](const ScrapedLabel &k) { return k.name == l.name; });
        if (!first)
            continue;
        if (l.name == "__name__") {
            if (anyEmpty) {
                *error = ScrapedLabelsText::tr("missing metric name (__name__ label)");
                return false;
            }
            count = 2; // with the metric name itself
        }
        const bool replaced =
            std::find(replacedNames.begin(), replacedNames.end(), l.name) != replacedNames.end();
        if (count > 1 && !anyEmpty && !replaced && (!repeatedName || l.name < *repeatedName))
            repeatedName = l.name;
        kept.push_back(l);
        if (anyEmpty && !replaced)
            kept.back().valueSize = 0; // an empty value: the scraper drops the label
    }
    if (repeatedName) {
        *error = ScrapedLabelsText::tr("label name %1 is not unique: invalid sample")
                     .arg(detail::goQuote(*repeatedName));
        return false;
    }
    labels = std::move(kept);
    return true;
}

} // namespace ppl
