#include "scrapeingest.h"

#include "exposition/openmetricsparser.h"
#include "exposition/protobufparser.h"
#include "exposition/textparser.h"
#include "relabeler.h"
#include "scrapelabels.h"
#include "util/gzip.h"

#include <QHash>

#include <type_traits>

namespace ppl {

namespace {

// The sample the parser just read, as a label set with "__name__" first.
template <class Parser> LabelPairs scrapedPairs(const Parser &parser) {
    LabelPairs pairs;
    pairs.reserve(size_t(parser.labelCount()) + 1);
    pairs.emplace_back(QByteArrayLiteral("__name__"), parser.name().toByteArray());
    for (int i = 0; i < parser.labelCount(); ++i)
        pairs.emplace_back(parser.labelName(i).toByteArray(), parser.labelValue(i).toByteArray());
    return pairs;
}

} // namespace

ScrapeIngest::ScrapeIngest(std::shared_ptr<const ScrapeTarget> target,
                           std::shared_ptr<ScrapeCache> cache, ScrapeResult result_,
                           QByteArray body, bool gzipped)
    : result(std::move(result_))
    , m_target(std::move(target))
    , m_cache(std::move(cache))
    , m_limits(m_target->limits)
    , m_body(std::move(body))
    , m_gzipped(gzipped) {}

void ScrapeIngest::run() {
    QByteArray plain;
    if (result.error.isEmpty()) {
        if (m_gzipped) {
            // A corrupt gzip body fails the scrape.
            QString gzError;
            if (auto inflated = gunzip(m_body, &gzError))
                plain = std::move(*inflated);
            else
                result.error = gzError;
        } else {
            plain = std::move(m_body);
        }
    }
    m_body = std::move(plain);
    if (result.error.isEmpty())
        result.error = m_limits.checkBodySize(m_body.size()); // body_size_limit, uncompressed
    if (!result.error.isEmpty()) {
        m_body.clear();
        result.format = ScrapeFormat::None; // Prometheus then appends an empty classic body
    }
    result.bytes = m_body.size();
    bodyEmpty = m_body.isEmpty();
    appendError = parse();
    m_body = QByteArray(); // the batch refers to nothing in it
}

QString ScrapeIngest::parse() {
    std::vector<QByteArray> replaced; // a body may repeat these: the target's value wins
    if (!m_target->honorLabels) {
        for (int i = 0; i < m_target->labels.size(); ++i)
            replaced.push_back(m_target->labels.name(i));
    }
    // The parser textparse.New picks from the Content-Type. An empty OpenMetrics body is
    // an error (no # EOF); an empty classic one an empty scrape.
    if (result.format == ScrapeFormat::OpenMetricsText0_0_1 ||
        result.format == ScrapeFormat::OpenMetricsText1_0_0) {
        OpenMetricsParser parser(m_body);
        parser.setReplacedLabelNames(std::move(replaced));
        return appendBody(parser);
    }
    if (result.format == ScrapeFormat::PrometheusProto) {
        ProtobufParser parser(m_body);
        parser.setReplacedLabelNames(std::move(replaced));
        return appendBody(parser);
    }
    if (m_body.isEmpty())
        return {};
    TextParser parser(m_body, TextParser::Dialect::PromParse); // what Prometheus 2.42 reads
    parser.setReplacedLabelNames(std::move(replaced));
    return appendBody(parser);
}

template <class Parser> QString ScrapeIngest::appendBody(Parser &parser) {
    samples.clear();
    newSeries.clear();
    m_limits.begin();
    ScrapeCache &cache = *m_cache;
    const ScrapeTarget &target = *m_target;
    // Series new to the cache in this body, by text: a repeat of one refers to the same entry,
    // as the cache entry the old single-pass loop added at once did.
    QHash<QByteArray, qint32> newByText;
    QByteArray key;               // the exposed series text
    bool overSampleLimit = false; // 2.42 parses on to count every sample, then fails
    const bool honorTimestamps = target.honorTimestamps;
    QString error;
    quint32 sinceCancelCheck = 0;
    while (true) {
        if (++sinceCancelCheck == 4096) {
            sinceCancelCheck = 0;
            if (isCancelled())
                return {}; // nobody will read the batch
        }
        const typename Parser::Entry entry = parser.next();
        if (entry == Parser::Entry::End)
            break;
        if (entry == Parser::Entry::Error) {
            if (parser.error().kind == ParseError::Kind::Consistency)
                ++result.samplesScraped; // a whole sample with a bad label set, as Prometheus
            error = parser.error().invalidLabelSet
                        ? invalidLabelSetError(scrapedPairs(parser), target.labels,
                                               target.honorLabels)
                        : parser.error().message; // already in 2.42's words
            break;
        }
        if (entry == Parser::Entry::Help) {
            cache.setHelp(parser.name(), parser.help());
            continue;
        }
        if (entry == Parser::Entry::Type) {
            if constexpr (std::is_same_v<Parser, TextParser>) {
                // promparse reads "untyped" as textparse's MetricTypeUnknown.
                const MetricType type = parser.type();
                cache.setType(parser.name(), type == MetricType::Untyped
                                                 ? QByteArrayLiteral("unknown")
                                                 : metricTypeName(type));
            } else if constexpr (std::is_same_v<Parser, ProtobufParser>) {
                cache.setType(parser.name(), parser.typeName());
            } else {
                cache.setType(parser.name(), openMetricsTypeName(parser.type()));
            }
            continue;
        }
        if constexpr (!std::is_same_v<Parser, TextParser>) {
            if (entry == Parser::Entry::Unit) {
                cache.setUnit(parser.name(), parser.unit());
                continue;
            }
        }
        if (entry != Parser::Entry::Sample)
            continue;
        ++result.samplesScraped;

        const QByteArrayView name = parser.name();
        const int labelCount = parser.labelCount();
        key.resize(0);
        key.append(name);
        for (int i = 0; i < labelCount; ++i) {
            key.append('\xff');
            key.append(parser.labelName(i));
            key.append('\xfe');
            key.append(parser.labelValue(i));
        }
        qint64 t = result.startMs;
        bool ownTimestamp = false;
        if (honorTimestamps) {
            if (const auto ts = parser.timestampMs()) {
                t = *ts;
                ownTimestamp = true;
            }
        }
        if (cache.isDropped(key))
            continue;

        Sample sample{0, -1, t, parser.value()};
        bool isNew = false;
        if (const ScrapeCache::Entry *cached = cache.get(key)) {
            sample.id = cached->id;
        } else if (const auto it = newByText.constFind(key); it != newByText.cend()) {
            sample.newIndex = *it;
        } else {
            Labels labels =
                mergeTargetLabels(scrapedPairs(parser), target.labels, target.honorLabels);
            if (!target.metricRelabelConfigs.isEmpty()) {
                std::optional<Labels> relabelled = relabel(labels, target.metricRelabelConfigs);
                if (!relabelled || relabelled->isEmpty()) {
                    cache.addDropped(key);
                    continue;
                }
                labels = std::move(*relabelled);
            }
            if (!labels.has("__name__")) {
                error = QStringLiteral("missing metric name (__name__ label)"); // 2.42 wording
                break;
            }
            if (error = m_limits.checkLabels(labels); !error.isEmpty())
                break;
            sample.newIndex = qint32(newSeries.size());
            newByText.insert(key, sample.newIndex);
            newSeries.push_back(NewSeries{key, std::move(labels), false});
            isNew = true;
        }
        if (!m_limits.countSample(sample.value))
            overSampleLimit = true;
        else if (isNew && !overSampleLimit)
            ++result.seriesAdded;
        if (!ownTimestamp) {
            // A sample with its own timestamp never goes stale. A new series is marked seen
            // when the commit knows its id.
            if (sample.newIndex < 0)
                cache.markSeen(sample.id);
            else
                newSeries[size_t(sample.newIndex)].seen = true;
        }
        samples.push_back(sample);
        ++result.samplesPostMetricRelabeling;
    }
    if (overSampleLimit && error.isEmpty()) {
        error = ScrapeLimitChecker::sampleLimitError();
        result.sampleLimitExceeded = true;
    }
    return error;
}

} // namespace ppl
