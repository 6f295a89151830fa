#include "inputfuzz.h"

#include "exposition/textparser.h"
#include "lab/scenario.h"
#include "pushgateway/groupingkey.h"
#include "pushgateway/metricgroups.h"
#include "pushgateway/protobufpush.h"
#include "query/engine.h"
#include "rules/rulefile.h"
#include "scrape/scrapeconfig.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <cstdio>
#include <cstdlib>

namespace ppl::fuzz {

namespace {

[[noreturn]] void fail(const char *what, QByteArrayView input) {
    std::fprintf(stderr, "fuzz property violated: %s\ninput (%lld bytes): %.*s\n", what,
                 static_cast<long long>(input.size()), int(qMin<qsizetype>(input.size(), 400)),
                 input.data());
    std::abort();
}

constexpr qint64 kNowMs = 1'700'000'600'000;

// A few series of each kind the functions care about: counters, gauges, histogram buckets,
// a series that went stale, over ten minutes at 15 s.
const SeriesStore &queryStore() {
    static SeriesStore *store = [] {
        // Reads see what is inside the retention window of the store's clock: now.
        auto *s = new SeriesStore(new ManualClock(kNowMs));
        auto labels = [](std::vector<std::pair<QByteArray, QByteArray>> pairs) {
            return Labels::fromPairs(std::move(pairs));
        };
        for (qint64 t = kNowMs - 600'000; t <= kNowMs; t += 15'000) {
            const double i = double(t - (kNowMs - 600'000)) / 15'000.0;
            for (const char *instance : {"a:1", "b:2"}) {
                s->append(labels({{"__name__", "up"}, {"job", "app"}, {"instance", instance}}), t,
                          instance[0] == 'a' ? 1 : double(int(i) % 2));
                s->append(labels({{"__name__", "http_requests_total"},
                                  {"job", "app"},
                                  {"instance", instance},
                                  {"code", "200"}}),
                          t, i * 10);
                const std::pair<const char *, double> buckets[] = {
                    {"0.1", 1}, {"0.5", 2}, {"1", 3}, {"+Inf", 4}};
                for (const auto &bucket : buckets)
                    s->append(labels({{"__name__", "latency_seconds_bucket"},
                                      {"job", "app"},
                                      {"instance", instance},
                                      {"le", bucket.first}}),
                              t, i * bucket.second);
            }
            if (t < kNowMs - 300'000)
                s->append(labels({{"__name__", "push_time_seconds"}, {"job", "batch"}}), t,
                          double(t) / 1000.0);
        }
        s->append(labels({{"__name__", "push_time_seconds"}, {"job", "batch"}}), kNowMs - 290'000,
                  staleMarker());
        return s;
    }();
    return *store;
}

void checkOutcome(const query::Engine::Outcome &outcome, QByteArrayView input) {
    if (const auto *error = std::get_if<query::QueryError>(&outcome)) {
        if (error->message.isEmpty())
            fail("a PromQL error without a message", input);
    }
}

} // namespace

void checkPromQL(QByteArrayView input) {
    query::Engine::Options options;
    options.timeoutMs = 200;
    options.maxSamples = 100'000;
    const query::Engine engine(queryStore(), options);
    const QByteArray query = input.toByteArray();
    checkOutcome(engine.instantQuery(query, kNowMs), input);
    checkOutcome(engine.rangeQuery(query, kNowMs - 120'000, kNowMs, 15'000), input);
}

void checkPrometheusConfig(QByteArrayView input) {
    const ConfigLoadResult r =
        loadPrometheusConfig(input.toByteArray(), QStringLiteral("/nonexistent"));
    if (r.config.has_value() == r.error.has_value())
        fail("a configuration must load or fail, not both or neither", input);
    if (r.error && r.error->message.isEmpty())
        fail("a configuration error without a message", input);
}

void checkRuleFile(QByteArrayView input) {
    const rules::RuleFile file = rules::RuleFile::parse(input.toByteArray());
    for (const QString &e : file.errors)
        if (e.isEmpty())
            fail("an empty rule-file error", input);
    if (!file.ok() && !file.groups.empty() && file.errors.isEmpty())
        fail("a rule file that failed without an error", input);
}

void checkScenario(QByteArrayView input) {
    const ScenarioLoadResult r = loadScenario(input.toByteArray(), QStringLiteral("fuzz.yaml"),
                                              QStringLiteral("/nonexistent"));
    if (r.scenario.has_value() == r.error.has_value())
        fail("a scenario must load or fail, not both or neither", input);
    if (r.error && r.error->toString().isEmpty())
        fail("a scenario error without a message", input);
}

void checkGatewayPush(QByteArrayView input) {
    const qsizetype newline = input.indexOf('\n');
    const QByteArrayView path = newline < 0 ? input : input.first(newline);
    const QByteArray body = newline < 0 ? QByteArray() : input.sliced(newline + 1).toByteArray();

    MetricGroups groups;
    const GroupingKey kept(std::vector<LabelPair>{{"job", "kept"}});
    {
        WriteRequest seed;
        seed.key = kept;
        seed.families = parseText("kept_total 1\n").families;
        seed.timestampMs = kNowMs;
        if (!groups.apply(seed).accepted)
            fail("the seed group was refused", input);
    }
    std::optional<GroupingKey> key;
    if (const auto decoded = percentDecodePath(path)) {
        const GroupingKeyParse parsed = parseGroupingKeyPath(*decoded);
        if (parsed.key)
            key = parsed.key;
        else if (parsed.status == 200 || (parsed.status == 400 && parsed.error.isEmpty()))
            fail("a refused push path without its status or error", input);
    }
    if (!key)
        key = GroupingKey(std::vector<LabelPair>{{"job", "fuzz"}});

    for (const bool protobuf : {false, true}) {
        WriteRequest write;
        write.key = *key;
        write.mode = protobuf ? WriteMode::Merge : WriteMode::Replace;
        write.timestampMs = kNowMs;
        bool parsedOk = false;
        if (protobuf) {
            ProtobufPush pushed = parseProtobufDelimited(body);
            parsedOk = pushed.parseError.isEmpty() && pushed.consistencyError.isEmpty();
            write.families = std::move(pushed.families);
        } else {
            ParsedExposition parsed = parseText(body);
            parsedOk = !parsed.error;
            write.families = std::move(parsed.families);
        }
        if (!parsedOk)
            continue;
        const WriteResult result = groups.apply(write);
        if (!result.accepted && result.error.isEmpty())
            fail("a refused push without its error", input);
        const QByteArray exposition = groups.exposition();
        // The one exposition the real gateway 1.5.1 also writes broken: a grouping key with
        // `le` repeats the label on a histogram's buckets.
        const ParsedExposition again = parseText(exposition);
        if (again.error && !write.key.contains("le"))
            fail("the gateway's /metrics does not parse after a push", input);
        const bool replacedKept = write.key.id() == kept.id();
        if (!replacedKept && !exposition.contains("kept_total{instance=\"\",job=\"kept\"} 1\n"))
            fail("a push to another group changed a stored one", input);
    }
}

} // namespace ppl::fuzz
