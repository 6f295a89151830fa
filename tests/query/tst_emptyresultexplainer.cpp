#include "query/emptyresultexplainer.h"
#include "query/engine.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QTest>

using namespace ppl;
using namespace ppl::query;
using Reason = EmptyResultExplanation::Reason;
using Cause = EmptyResultExplanation::StaleCause;

Q_DECLARE_METATYPE(ppl::query::EmptyResultExplanation::Reason)
Q_DECLARE_METATYPE(ppl::query::EmptyResultExplanation::StaleCause)

namespace {

constexpr qint64 T0 = 1'700'000'000'000;
qint64 at(double seconds) {
    return T0 + qint64(seconds * 1000);
}

} // namespace

// Each case is a query whose result is really empty at the time (checked with the engine
// first), then the reason the explainer gives; and the other side: a query with data has no
// selector to blame.
class TestEmptyResultExplainer : public QObject {
    Q_OBJECT
    ManualClock m_clock{T0 + 3'600'000};
    SeriesStore m_store{&m_clock};

    void add(const Labels &l, double seconds, double v) { m_store.append(l, at(seconds), v); }
    Labels series(const char *name, const char *job, const char *instance) {
        return Labels::of({{"__name__", name}, {"job", job}, {"instance", instance}});
    }

private Q_SLOTS:
    void initTestCase() {
        m_store.setRetentionMs(10 * 3600 * 1000);
        for (int i = 0; i <= 40; ++i) { // 0 … 600 s every 15 s
            const double t = i * 15;
            // web-1: up the whole time.
            add(series("up", "web", "web-1"), t, 1);
            add(series("http_requests_total", "web", "web-1"), t, 10.0 * i);
            // web-2: its scrape fails at 300 s (up 0, its series stale), then it is back
            // without http_requests_total.
            add(series("up", "web", "web-2"), t, i == 20 ? 0 : 1);
            if (i < 20)
                add(series("http_requests_total", "web", "web-2"), t, 5.0 * i);
            else if (i == 20)
                add(series("http_requests_total", "web", "web-2"), t, staleMarker());
            // web-3: answers, but stops exposing queue_length at 300 s.
            add(series("up", "web", "web-3"), t, 1);
            if (i < 20)
                add(series("queue_length", "web", "web-3"), t, 3);
            else if (i == 20)
                add(series("queue_length", "web", "web-3"), t, staleMarker());
            // old-1: removed from the scrape at 150 s (up and its series stale).
            if (i < 10) {
                add(series("up", "old", "old-1"), t, 1);
                add(series("legacy_value", "old", "old-1"), t, 7);
            } else if (i == 10) {
                add(series("up", "old", "old-1"), t, staleMarker());
                add(series("legacy_value", "old", "old-1"), t, staleMarker());
            }
        }
        // A pushed series with its own old timestamp: one sample at 60 s.
        add(Labels::of({{"__name__", "backup_last_success_timestamp_seconds"},
                        {"job", "database_backup"},
                        {"instance", "db-1"}}),
            60, 1.7e9);
        // A series that starts late.
        add(Labels::of({{"__name__", "late_metric"}, {"job", "web"}}), 500, 1);
    }

    void explains_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<double>("atSeconds");
        QTest::addColumn<Reason>("reason");
        QTest::addColumn<Cause>("cause");
        QTest::addColumn<QString>("mentions"); // a word the text or suggestions must hold
        QTest::newRow("typo in the name")
            << QByteArray("http_request_total") << 400.0 << Reason::NoSuchMetric << Cause::Unknown
            << "http_requests_total";
        QTest::newRow("unknown name inside a function")
            << QByteArray("rate(htp_requests_total[1m])") << 400.0 << Reason::NoSuchMetric
            << Cause::Unknown << "http_requests_total";
        QTest::newRow("a matcher excludes every series")
            << QByteArray("http_requests_total{job=\"wbe\"}") << 400.0 << Reason::MatchersExclude
            << Cause::Unknown << "\"web\"";
        QTest::newRow("a label no series has")
            << QByteArray("up{team=\"a\"}") << 400.0 << Reason::MatchersExclude << Cause::Unknown
            << "team";
        QTest::newRow("stale: scrape failed")
            << QByteArray("http_requests_total{instance=\"web-2\"}") << 400.0 << Reason::WentStale
            << Cause::TargetDown << "web-2";
        QTest::newRow("stale: series vanished")
            << QByteArray("queue_length") << 400.0 << Reason::WentStale << Cause::SeriesVanished
            << "vanished";
        QTest::newRow("stale: target removed")
            << QByteArray("legacy_value") << 400.0 << Reason::WentStale << Cause::TargetRemoved
            << "removed";
        QTest::newRow("pushed sample older than the lookback")
            << QByteArray("backup_last_success_timestamp_seconds") << 400.0
            << Reason::OlderThanLookback << Cause::Unknown << "5m";
        QTest::newRow("range selector too short")
            << QByteArray("count_over_time(backup_last_success_timestamp_seconds[2m])") << 400.0
            << Reason::OlderThanLookback << Cause::Unknown << "range";
        QTest::newRow("rate of one sample")
            << QByteArray("rate(backup_last_success_timestamp_seconds[10m])") << 400.0
            << Reason::TooFewSamples << Cause::Unknown << "two samples";
        QTest::newRow("not yet") << QByteArray("late_metric") << 400.0 << Reason::NotYet
                                 << Cause::Unknown << "first sample";
        QTest::newRow("data, but a comparison filters it")
            << QByteArray("up{job=\"web\"} > 5") << 400.0 << Reason::ExpressionFiltered
            << Cause::Unknown << "operators";
        QTest::newRow("data, but no matching pairs")
            << QByteArray("up{instance=\"web-1\"} + on(instance) up{instance=\"web-3\"}") << 400.0
            << Reason::ExpressionFiltered << Cause::Unknown << "matching";
    }

    void explains() {
        QFETCH(QByteArray, query);
        QFETCH(double, atSeconds);
        QFETCH(Reason, reason);
        QFETCH(Cause, cause);
        QFETCH(QString, mentions);
        // The engine really returns nothing here.
        const Engine engine(m_store);
        const auto outcome = engine.instantQuery(query, at(atSeconds));
        QVERIFY(std::holds_alternative<QueryResult>(outcome));
        QVERIFY2(std::get<QueryResult>(outcome).series.empty(), query.constData());

        const EmptyResultExplainer explainer(m_store);
        const auto found = explainer.explain(query, at(atSeconds));
        QCOMPARE(found.size(), size_t(1));
        const EmptyResultExplanation &x = found.front();
        QCOMPARE(x.reason, reason);
        QCOMPARE(x.staleCause, cause);
        const QString all = x.text + QLatin1Char(' ') + x.suggestions.join(QLatin1Char(' '));
        QVERIFY2(all.contains(mentions), qPrintable(all));
        if (reason == Reason::WentStale)
            QCOMPARE(x.atMs, at(300 - (cause == Cause::TargetRemoved ? 150 : 0)));
    }

    // The other side: where the selector finds data, it is not blamed.
    void selectorsWithDataAreNotBlamed_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<double>("atSeconds");
        QTest::newRow("live series")
            << QByteArray("http_requests_total{instance=\"web-1\"}") << 400.0;
        QTest::newRow("before it went stale")
            << QByteArray("http_requests_total{instance=\"web-2\"}") << 200.0;
        QTest::newRow("pushed sample inside the lookback")
            << QByteArray("backup_last_success_timestamp_seconds") << 200.0;
        QTest::newRow("range long enough")
            << QByteArray("count_over_time(backup_last_success_timestamp_seconds[10m])") << 400.0;
        QTest::newRow("after the first sample") << QByteArray("late_metric") << 550.0;
        QTest::newRow("rate of two samples")
            << QByteArray("rate(http_requests_total{instance=\"web-1\"}[1m])") << 400.0;
        QTest::newRow("one sample is enough without rate")
            << QByteArray("count_over_time(backup_last_success_timestamp_seconds[10m])") << 400.0;
    }

    void selectorsWithDataAreNotBlamed() {
        QFETCH(QByteArray, query);
        QFETCH(double, atSeconds);
        const Engine engine(m_store);
        const auto outcome = engine.instantQuery(query, at(atSeconds));
        QVERIFY(!std::get<QueryResult>(outcome).series.empty());
        const auto found = EmptyResultExplainer(m_store).explain(query, at(atSeconds));
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().reason, Reason::ExpressionFiltered);
    }

    void lookbackIsTheEngines() {
        // With a 10 min lookback the pushed sample is seen; with the default it is not.
        const QByteArray q = "backup_last_success_timestamp_seconds";
        const auto found = EmptyResultExplainer(m_store, 10 * 60'000).explain(q, at(400));
        QCOMPARE(found.front().reason, Reason::ExpressionFiltered);
        const auto def = EmptyResultExplainer(m_store).explain(q, at(400));
        QCOMPARE(def.front().reason, Reason::OlderThanLookback);
    }

    void offsetMovesTheTime() {
        // 200 s before 400 s the web-2 series was alive: not stale.
        const QByteArray q = "http_requests_total{instance=\"web-2\"} offset 200s";
        const auto found = EmptyResultExplainer(m_store).explain(q, at(400));
        QCOMPARE(found.front().reason, Reason::ExpressionFiltered);
    }

    void unparsableQueryHasNoExplanation() {
        QVERIFY(EmptyResultExplainer(m_store).explain("sum(", at(400)).empty());
    }

    // The window's two-phase evaluation (load here, run on a worker) gives what the one-phase
    // engine gives, instant and range.
    void preparedQueryMatchesTheEngine_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("selector") << QByteArray("up");
        QTest::newRow("rate") << QByteArray("rate(http_requests_total[1m])");
        QTest::newRow("sum of rate") << QByteArray("sum by (job) (rate(http_requests_total[1m]))");
        QTest::newRow("range selector") << QByteArray("up{job=\"web\"}[1m]");
        QTest::newRow("subquery") << QByteArray("max_over_time(up[2m:15s])");
        QTest::newRow("error") << QByteArray("up + on() up");
    }

    void preparedQueryMatchesTheEngine() {
        QFETCH(QByteArray, query);
        const Engine engine(m_store);
        auto render = [](const Engine::Outcome &o) {
            if (const auto *e = std::get_if<QueryError>(&o))
                return "error " + e->message.toUtf8();
            QByteArray out;
            for (const Series &s : std::get<QueryResult>(o).series) {
                out += s.metric.toString().toUtf8() + ':';
                for (const Point &p : s.points)
                    out += ' ' + QByteArray::number(p.v, 'g', 17) + '@' + QByteArray::number(p.t);
                out += '\n';
            }
            return out;
        };
        for (bool instant : {true, false}) {
            if (!instant && query.endsWith("[1m]"))
                continue;
            const auto direct = instant ? engine.instantQuery(query, at(280))
                                        : engine.rangeQuery(query, at(100), at(400), 15'000);
            auto prepared = engine.prepare(query, at(instant ? 280 : 100), at(instant ? 280 : 400),
                                           15'000, instant);
            QVERIFY(std::holds_alternative<std::unique_ptr<PreparedQuery>>(prepared));
            const auto run = std::get<std::unique_ptr<PreparedQuery>>(prepared)->run();
            QCOMPARE(render(run), render(direct));
            if (!query.startsWith("up +"))
                QVERIFY(!render(run).isEmpty());
        }
    }

    void editDistance() {
        QCOMPARE(EmptyResultExplainer::editDistance("kitten", "sitting"), 3);
        QCOMPARE(EmptyResultExplainer::editDistance("", "abc"), 3);
        QCOMPARE(EmptyResultExplainer::editDistance("up", "up"), 0);
    }
};

QTEST_GUILESS_MAIN(TestEmptyResultExplainer)
#include "tst_emptyresultexplainer.moc"
