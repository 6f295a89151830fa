// A big scrape (30,000 series, far past ScrapeIngest's inline size) is parsed on a worker and
// committed on the lab's thread: it must store exactly what an inline scrape stores, the event
// loop must keep turning while it is ingested, and stopping or destroying the loop meanwhile
// must be safe. No timing thresholds: "the loop kept turning" is a 0 ms timer that ticked.
#include "testtarget.h"

#include "scrape/scrapeingest.h"
#include "scrape/scrapeloop.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <functional>

using namespace ppl;
using ppl::test::TestTarget;

namespace {

constexpr int BigSeries = 30'000;

// BigSeries counters big_total{i="0"…} with value i + offset, minus the series in skip.
QByteArray bigBody(int offset, int skip = -1, const QByteArray &tail = {}) {
    QByteArray body = "# HELP big_total A big target.\n# TYPE big_total counter\n";
    body.reserve(BigSeries * 40);
    for (int i = 0; i < BigSeries; ++i) {
        if (i == skip)
            continue;
        body += "big_total{i=\"" + QByteArray::number(i) + "\"} " + QByteArray::number(i + offset) +
                '\n';
    }
    return body + tail;
}

ScrapeTarget makeTarget(const TestTarget &server) {
    ScrapeTarget t;
    t.jobName = "big";
    const QByteArray instance = "127.0.0.1:" + QByteArray::number(server.port());
    t.labels = Labels::fromPairs({{"job", "big"}, {"instance", instance}});
    t.discoveredLabels = Labels::fromPairs({{"job", "big"}, {"__address__", instance}});
    t.url = server.url();
    t.intervalMs = 1000;
    t.timeoutMs = 900;
    return t;
}

Labels named(const ScrapeTarget &t, const char *name, const QByteArray &i = {}) {
    Labels::Builder b(t.labels);
    b.set("__name__", name);
    if (!i.isEmpty())
        b.set("i", i);
    return b.build();
}

// Calls fn on every turn of the event loop (a 0 ms timer) while it lives.
class EveryTurn {
public:
    explicit EveryTurn(std::function<void()> fn) {
        QObject::connect(&m_timer, &QTimer::timeout, std::move(fn));
        m_timer.start(0);
    }

private:
    QTimer m_timer;
};

} // namespace

class TestScrapeIngest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<SeriesStore> store;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<TestTarget> server;

    std::vector<StoredSample> samplesOf(const Labels &labels) {
        const auto id = store->find(labels);
        return id ? store->samples(*id, 0, std::numeric_limits<qint64>::max())
                  : std::vector<StoredSample>{};
    }
    std::optional<double> lastValue(const Labels &labels) {
        const auto s = samplesOf(labels);
        return s.empty() ? std::nullopt : std::optional<double>(s.back().value);
    }
    bool scrape(ScrapeLoop &loop, QSignalSpy &finished) {
        const qsizetype before = finished.count();
        clock->advanceTo(loop.nextScrapeMs());
        return QTest::qWaitFor([&] { return finished.count() > before; }, 20000);
    }
    // Every big_total series has exactly `count` samples, the last one i + offset at t.
    bool bigSeriesAre(const ScrapeTarget &t, qint64 ms, int offset, size_t count, int skip = -1) {
        for (int i = 0; i < BigSeries; ++i) {
            if (i == skip)
                continue;
            const auto s = samplesOf(named(t, "big_total", QByteArray::number(i)));
            if (s.size() != count || s.back().timestampMs != ms || s.back().value != i + offset) {
                qWarning("big_total{i=\"%d\"}: %zu samples", i, s.size());
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void init() {
        clock = std::make_unique<ManualClock>(1'700'000'000'000);
        store = std::make_unique<SeriesStore>(clock.get());
        nam = std::make_unique<QNetworkAccessManager>();
        nam->setProxy(QNetworkProxy::NoProxy);
        server = std::make_unique<TestTarget>();
        QVERIFY(server->listen());
        server->setBody(bigBody(0));
    }
    void cleanup() {
        // Workers of loops destroyed mid-ingest finish before the next test's store exists.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
        server.reset();
        nam.reset();
        store.reset();
        clock.reset();
    }

    void bodiesPastTheInlineSizeGoToAWorker() {
        QVERIFY(ScrapeIngest::runsInline(ScrapeIngest::InlineBodyBytes - 1, false));
        QVERIFY(!ScrapeIngest::runsInline(ScrapeIngest::InlineBodyBytes, false));
        QVERIFY(!ScrapeIngest::runsInline(ScrapeIngest::InlineGzipBodyBytes, true));
        QVERIFY(!ScrapeIngest::runsInline(bigBody(0).size(), false));
    }

    void bigScrapeStoresWhatASmallOneWould_data() {
        QTest::addColumn<bool>("gzip");
        QTest::addRow("plain") << false;
        QTest::addRow("gzip") << true;
    }
    void bigScrapeStoresWhatASmallOneWould() {
        QFETCH(bool, gzip);
        server->setGzip(gzip);
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        const ScrapeTarget t = loop.target();
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        QSignalSpy started(&loop, &ScrapeLoop::scrapeStarted);
        loop.start();

        // First scrape: every series is new.
        int ticksWhileIngesting = 0;
        {
            EveryTurn watch([&] { ticksWhileIngesting += loop.isIngesting(); });
            QVERIFY(scrape(loop, finished));
        }
        QVERIFY2(ticksWhileIngesting > 1, "the event loop did not turn during the ingest");
        QVERIFY(!loop.isIngesting());
        const qint64 first = loop.lastScrapeMs();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(started.count(), 1);
        const ScrapeResult r1 = finished.last().at(1).value<ScrapeResult>();
        QCOMPARE(r1.health, TargetHealth::Up);
        QCOMPARE(r1.error, QString());
        QCOMPARE(r1.samplesScraped, BigSeries);
        QCOMPARE(r1.samplesPostMetricRelabeling, BigSeries);
        QCOMPARE(r1.seriesAdded, BigSeries);
        QCOMPARE(r1.bytes, bigBody(0).size());
        QCOMPARE(loop.cachedSeries(), BigSeries);
        QCOMPARE(loop.metadata().value("big_total").type, QByteArray("counter"));
        QCOMPARE(loop.metadata().value("big_total").help, QByteArray("A big target."));
        QCOMPARE(store->seriesCount(), BigSeries + 5); // and the report series
        QVERIFY(bigSeriesAre(t, first, 0, 1));
        QCOMPARE(lastValue(named(t, "up")), std::optional<double>(1));
        QCOMPARE(lastValue(named(t, "scrape_samples_scraped")), std::optional<double>(BigSeries));
        QCOMPARE(lastValue(named(t, "scrape_series_added")), std::optional<double>(BigSeries));
        QCOMPARE(samplesOf(named(t, "up")).back().timestampMs, first);

        // Second scrape from the cache; one series vanished and goes stale at the scrape's time.
        server->setBody(bigBody(1, 7));
        QVERIFY(scrape(loop, finished));
        const qint64 second = loop.lastScrapeMs();
        QCOMPARE(second, first + 1000);
        const ScrapeResult r2 = finished.last().at(1).value<ScrapeResult>();
        QCOMPARE(r2.health, TargetHealth::Up);
        QCOMPARE(r2.samplesScraped, BigSeries - 1);
        QCOMPARE(r2.seriesAdded, 0);
        QVERIFY(bigSeriesAre(t, second, 1, 2, 7));
        const auto gone = samplesOf(named(t, "big_total", "7"));
        QCOMPARE(gone.size(), size_t(2));
        QCOMPARE(gone.back().timestampMs, second);
        QVERIFY(isStaleMarker(gone.back().value));
        QCOMPARE(lastValue(named(t, "scrape_series_added")), std::optional<double>(0));
        QCOMPARE(loop.cachedSeries(), BigSeries - 1);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(started.count(), 2);
    }

    // A parse error at the very end of a big body rolls the whole scrape back.
    void bigScrapeWithAnErrorStoresNothing() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        const ScrapeTarget t = loop.target();
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        server->setBody(bigBody(1, -1, "big_total{i=\"x\" 1\n"));
        QVERIFY(scrape(loop, finished));
        const qint64 second = loop.lastScrapeMs();
        const ScrapeResult r = finished.last().at(1).value<ScrapeResult>();
        QCOMPARE(r.health, TargetHealth::Down);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(lastValue(named(t, "up")), std::optional<double>(0));
        for (int i : {0, 12345, BigSeries - 1}) {
            // Nothing of the failed scrape; and as in Prometheus, the series read before the
            // error count as seen, so they get no stale marker either.
            const auto s = samplesOf(named(t, "big_total", QByteArray::number(i)));
            QCOMPARE(s.size(), size_t(1));
            QVERIFY(s.back().timestampMs < second);
        }
    }

    void bigScrapeOverTheSampleLimitFails() {
        ScrapeTarget target = makeTarget(*server);
        target.limits.sampleLimit = BigSeries - 1;
        ScrapeLoop loop(target, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        const ScrapeResult r = finished.last().at(1).value<ScrapeResult>();
        QCOMPARE(r.error, QStringLiteral("sample limit exceeded"));
        QVERIFY(r.sampleLimitExceeded);
        QCOMPARE(r.samplesScraped, BigSeries);
        QCOMPARE(lastValue(named(target, "up")), std::optional<double>(0));
        QVERIFY(samplesOf(named(target, "big_total", "0")).empty());
    }

    void loopDestroyedMidIngest() {
        auto loop =
            std::make_unique<ScrapeLoop>(makeTarget(*server), clock.get(), store.get(), nam.get());
        const ScrapeTarget t = loop->target();
        loop->start();
        bool destroyed = false;
        EveryTurn watch([&] {
            if (loop && loop->isIngesting()) {
                loop.reset();
                destroyed = true;
            }
        });
        clock->advanceTo(ScrapeLoop::firstScrapeMs(t, clock->nowMs()));
        QTRY_VERIFY_WITH_TIMEOUT(destroyed, 20000);
        QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
        QCoreApplication::processEvents(); // a report the worker posted must find nobody
        QVERIFY(samplesOf(named(t, "big_total", "0")).empty());
        QVERIFY(samplesOf(named(t, "up")).empty());
    }

    // A target removed while its body is ingested: the scrape is committed (as Go's loop
    // finishes the append in progress), then the end-of-run stale markers follow.
    void stoppedMidIngestCommitsThenGoesStale() {
        auto loop =
            std::make_unique<ScrapeLoop>(makeTarget(*server), clock.get(), store.get(), nam.get());
        const ScrapeTarget t = loop->target();
        QSignalSpy finished(loop.get(), &ScrapeLoop::scrapeFinished);
        QSignalSpy done(loop.get(), &ScrapeLoop::finished);
        loop->start();
        QVERIFY(scrape(*loop, finished));
        qint64 staleAt = 0;
        EveryTurn watch([&] {
            if (!staleAt && loop->isIngesting()) {
                staleAt = loop->nextScrapeMs();
                loop->stop();
            }
        });
        clock->advanceTo(loop->nextScrapeMs());
        QTRY_VERIFY_WITH_TIMEOUT(staleAt != 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        const qint64 second = loop->lastScrapeMs();
        QCOMPARE(finished.last().at(1).value<ScrapeResult>().health, TargetHealth::Up);
        QVERIFY(bigSeriesAre(t, second, 0, 2));
        QCOMPARE(done.count(), 0);
        clock->advanceTo(staleAt + 1000 + 100);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        for (const QByteArray &i : {QByteArray("0"), QByteArray("29999")}) {
            const auto s = samplesOf(named(t, "big_total", i));
            QCOMPARE(s.size(), size_t(3));
            QCOMPARE(s.back().timestampMs, staleAt);
            QVERIFY(isStaleMarker(s.back().value));
        }
        QVERIFY(isStaleMarker(*lastValue(named(t, "up"))));
    }

    // Shutting down (StopMode::Immediately) mid-ingest: the scrape is discarded.
    void stoppedImmediatelyMidIngestWritesNothing() {
        auto loop =
            std::make_unique<ScrapeLoop>(makeTarget(*server), clock.get(), store.get(), nam.get());
        const ScrapeTarget t = loop->target();
        QSignalSpy finished(loop.get(), &ScrapeLoop::scrapeFinished);
        QSignalSpy done(loop.get(), &ScrapeLoop::finished);
        loop->start();
        QVERIFY(scrape(*loop, finished));
        bool stopped = false;
        EveryTurn watch([&] {
            if (!stopped && loop->isIngesting()) {
                loop->stop(ScrapeLoop::StopMode::Immediately);
                stopped = true;
            }
        });
        clock->advanceTo(loop->nextScrapeMs());
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(samplesOf(named(t, "big_total", "0")).size(), size_t(1));
        QCOMPARE(samplesOf(named(t, "up")).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestScrapeIngest)
#include "tst_scrapeingest.moc"
