#include "testtarget.h"

#include "scrape/scrapehttpclient.h"
#include "scrape/scrapelabels.h"
#include "scrape/scrapeloop.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace ppl;
using ppl::test::TestTarget;

namespace {

ScrapeTarget makeTarget(const TestTarget &server, qint64 intervalMs = 1000,
                        qint64 timeoutMs = 500) {
    ScrapeTarget t;
    t.jobName = "test";
    const QByteArray instance = "127.0.0.1:" + QByteArray::number(server.port());
    t.labels = Labels::fromPairs({{"job", "test"}, {"instance", instance}});
    t.discoveredLabels = Labels::fromPairs({{"job", "test"}, {"__address__", instance}});
    t.url = server.url();
    t.intervalMs = intervalMs;
    t.timeoutMs = timeoutMs;
    return t;
}

Labels withName(const ScrapeTarget &t, const char *name,
                std::vector<std::pair<QByteArray, QByteArray>> extra = {}) {
    Labels::Builder b(t.labels);
    b.set("__name__", name);
    for (const auto &[k, v] : extra)
        b.set(k, v);
    return b.build();
}

} // namespace

class TestScrapeLoop : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<SeriesStore> store;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<TestTarget> server;

    std::vector<StoredSample> samplesOf(const Labels &labels) {
        const auto id = store->find(labels);
        if (!id)
            return {};
        return store->samples(*id, 0, std::numeric_limits<qint64>::max());
    }
    std::optional<double> lastValue(const Labels &labels) {
        const auto s = samplesOf(labels);
        if (s.empty())
            return std::nullopt;
        return s.back().value;
    }
    // Moves the clock to the loop's next scrape and waits for it to finish.
    bool scrape(ScrapeLoop &loop, QSignalSpy &finished) {
        const qsizetype before = finished.count();
        clock->advanceTo(loop.nextScrapeMs());
        return QTest::qWaitFor([&] { return finished.count() > before; }, 5000);
    }

private Q_SLOTS:
    void init() {
        clock = std::make_unique<ManualClock>(1'700'000'000'000);
        store = std::make_unique<SeriesStore>(clock.get());
        nam = std::make_unique<QNetworkAccessManager>();
        nam->setProxy(QNetworkProxy::NoProxy);
        server = std::make_unique<TestTarget>();
        QVERIFY(server->listen());
        server->setBody("# TYPE a gauge\na 1\nb{x=\"1\"} 2\n");
    }
    void cleanup() {
        server.reset();
        nam.reset();
        store.reset();
        clock.reset();
    }

    void offsetIsStableAndInsideTheInterval() {
        const ScrapeTarget t = makeTarget(*server, 15000);
        const qint64 offset = ScrapeLoop::offsetMs(t);
        QVERIFY(offset >= 0 && offset < 15000);
        QCOMPARE(ScrapeLoop::offsetMs(t), offset);
        for (qint64 now : {qint64(1'700'000'000'000), qint64(1'700'000'007'777)}) {
            const qint64 first = ScrapeLoop::firstScrapeMs(t, now);
            QVERIFY(first > now && first <= now + 15000);
            QCOMPARE(first % 15000, offset);
        }
        // Different targets spread over the interval.
        QSet<qint64> offsets;
        for (int i = 0; i < 20; ++i) {
            ScrapeTarget other = t;
            other.labels =
                Labels::fromPairs({{"job", "test"}, {"instance", QByteArray::number(i)}});
            offsets.insert(ScrapeLoop::offsetMs(other));
        }
        QVERIFY(offsets.size() > 15);
    }

    void firstScrapeAtOffsetThenEveryInterval() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        QCOMPARE(loop.health(), TargetHealth::Unknown);
        loop.start();
        const qint64 first = loop.nextScrapeMs();
        QCOMPARE(first, ScrapeLoop::firstScrapeMs(loop.target(), 1'700'000'000'000));
        clock->advanceTo(first - 1);
        QCoreApplication::processEvents();
        QCOMPARE(server->requestCount(), 0);
        QVERIFY(scrape(loop, finished));
        QCOMPARE(server->requestCount(), 1);
        QCOMPARE(loop.lastScrapeMs(), first);
        QCOMPARE(loop.nextScrapeMs(), first + 1000);
        QCOMPARE(loop.health(), TargetHealth::Up);
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.lastScrapeMs(), first + 1000);
        QCOMPARE(server->requestCount(), 2);
    }

    void sendsPrometheusHeaders() {
        ScrapeTarget t = makeTarget(*server, 1000, 750);
        t.basicAuth = BasicAuthConfig{"alice", "s3cret", {}};
        ScrapeLoop loop(t, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        const auto h = server->lastHeaders();
        QCOMPARE(h.value("accept"),
                 QByteArray("application/openmetrics-text;version=1.0.0,application/"
                            "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                            "*/*;q=0.1"));
        QCOMPARE(h.value("accept-encoding"), QByteArray("gzip"));
        QCOMPARE(h.value("x-prometheus-scrape-timeout-seconds"), QByteArray("0.75"));
        QCOMPARE(h.value("user-agent"), QByteArray("Prometheus/2.42.0"));
        QCOMPARE(h.value("authorization"), "Basic " + QByteArray("alice:s3cret").toBase64());
        QCOMPARE(server->lastPath(), QByteArray("/metrics"));
    }

    void appendsSamplesAndReportSeriesAtScrapeStart() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        const qint64 start = loop.nextScrapeMs();
        QVERIFY(scrape(loop, finished));
        const ScrapeTarget &t = loop.target();
        const auto a = samplesOf(withName(t, "a"));
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].timestampMs, start);
        QCOMPARE(a[0].value, 1.0);
        QCOMPARE(lastValue(withName(t, "b", {{"x", "1"}})), std::optional<double>(2.0));
        QCOMPARE(lastValue(withName(t, "up")), std::optional<double>(1.0));
        QCOMPARE(samplesOf(withName(t, "up"))[0].timestampMs, start);
        QCOMPARE(lastValue(withName(t, "scrape_samples_scraped")), std::optional<double>(2.0));
        QCOMPARE(lastValue(withName(t, "scrape_samples_post_metric_relabeling")),
                 std::optional<double>(2.0));
        QCOMPARE(lastValue(withName(t, "scrape_series_added")), std::optional<double>(2.0));
        QCOMPARE(lastValue(withName(t, "scrape_duration_seconds")), std::optional<double>(0.0));

        const ScrapeResult r = finished.last().at(1).value<ScrapeResult>();
        QCOMPARE(r.startMs, start);
        QCOMPARE(r.health, TargetHealth::Up);
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.samplesScraped, 2);
        QCOMPARE(r.bytes, qsizetype(QByteArray("# TYPE a gauge\na 1\nb{x=\"1\"} 2\n").size()));

        // A steady target reuses its cache: nothing new the second time.
        QVERIFY(scrape(loop, finished));
        QCOMPARE(lastValue(withName(t, "scrape_series_added")), std::optional<double>(0.0));
        QCOMPARE(samplesOf(withName(t, "a")).size(), size_t(2));
        QCOMPARE(loop.cachedSeries(), 2);
    }

    void mergeTargetLabels_data() {
        QTest::addColumn<QString>("scraped"); // "name=value,…" (value may be empty)
        QTest::addColumn<bool>("honor");
        QTest::addColumn<QString>("expected"); // Labels::toString of the result
        // Target labels in every row: job="node", instance="h:1".
        QTest::addRow("no clash") << "__name__=m,a=1" << false
                                  << R"(m{a="1", instance="h:1", job="node"})";
        QTest::addRow("clash renamed")
            << "__name__=m,job=x" << false << R"(m{exported_job="x", instance="h:1", job="node"})";
        QTest::addRow("clash twice")
            << "__name__=m,job=z,exported_job=y" << false
            << R"(m{exported_exported_job="z", exported_job="y", instance="h:1", job="node"})";
        QTest::addRow("empty scraped not a clash")
            << "__name__=m,job=" << false << R"(m{instance="h:1", job="node"})";
        QTest::addRow("honor: scraped wins")
            << "__name__=m,job=x" << true << R"(m{instance="h:1", job="x"})";
        QTest::addRow("honor: empty removes")
            << "__name__=m,instance=,job=x" << true << R"(m{job="x"})";
        QTest::addRow("honor: missing filled")
            << "__name__=m" << true << R"(m{instance="h:1", job="node"})";
    }
    void mergeTargetLabels() {
        QFETCH(QString, scraped);
        QFETCH(bool, honor);
        QFETCH(QString, expected);
        LabelPairs pairs;
        for (const QString &kv : scraped.split(QLatin1Char(','))) {
            const auto parts = kv.split(QLatin1Char('='));
            pairs.emplace_back(parts[0].toUtf8(), parts[1].toUtf8());
        }
        const Labels target = Labels::of({{"job", "node"}, {"instance", "h:1"}});
        QCOMPARE(ppl::mergeTargetLabels(pairs, target, honor).toString(), expected);
    }

    void honorLabelsThroughTheLoop_data() {
        QTest::addColumn<bool>("honor");
        QTest::addRow("false") << false;
        QTest::addRow("true") << true;
    }
    void honorLabelsThroughTheLoop() {
        QFETCH(bool, honor);
        server->setBody("m{job=\"pushed\",instance=\"\"} 7\n");
        ScrapeTarget t = makeTarget(*server);
        t.honorLabels = honor;
        ScrapeLoop loop(t, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        const Labels expected = honor ? Labels::of({{"__name__", "m"}, {"job", "pushed"}})
                                      : withName(t, "m", {{"exported_job", "pushed"}});
        QCOMPARE(lastValue(expected), std::optional<double>(7.0));
    }

    void honorTimestamps_data() {
        QTest::addColumn<bool>("honor");
        QTest::addRow("true") << true;
        QTest::addRow("false") << false;
    }
    void honorTimestamps() {
        QFETCH(bool, honor);
        server->setBody("m 1 1699999999000\n");
        ScrapeTarget t = makeTarget(*server);
        t.honorTimestamps = honor;
        ScrapeLoop loop(t, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        const qint64 start = loop.nextScrapeMs();
        QVERIFY(scrape(loop, finished));
        const auto s = samplesOf(withName(t, "m"));
        QCOMPARE(s.size(), size_t(1));
        QCOMPARE(s[0].timestampMs, honor ? qint64(1699999999000) : start);
        // The series disappears: only a series stamped by the scrape goes stale.
        server->setBody("other 1\n");
        const qint64 second = loop.nextScrapeMs();
        QVERIFY(scrape(loop, finished));
        const auto after = samplesOf(withName(t, "m"));
        if (honor) {
            QCOMPARE(after.size(), size_t(1));
        } else {
            QCOMPARE(after.size(), size_t(2));
            QCOMPARE(after[1].timestampMs, second);
            QVERIFY(isStaleMarker(after[1].value));
        }
    }

    void vanishedSeriesGoStale() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        server->setBody("a 3\n");
        const qint64 second = loop.nextScrapeMs();
        QVERIFY(scrape(loop, finished));
        const ScrapeTarget &t = loop.target();
        const auto b = samplesOf(withName(t, "b", {{"x", "1"}}));
        QCOMPARE(b.size(), size_t(2));
        QCOMPARE(b[1].timestampMs, second);
        QVERIFY(isStaleMarker(b[1].value));
        QCOMPARE(lastValue(withName(t, "a")), std::optional<double>(3.0));
        // Coming back is a fresh sample; the marker stays in history.
        server->setBody("a 3\nb{x=\"1\"} 5\n");
        QVERIFY(scrape(loop, finished));
        QCOMPARE(lastValue(withName(t, "b", {{"x", "1"}})), std::optional<double>(5.0));
        QCOMPARE(lastValue(withName(t, "scrape_series_added")), std::optional<double>(1.0));
    }

    void refusedTargetIsDownAndEverythingGoesStale() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        QSignalSpy health(&loop, &ScrapeLoop::healthChanged);
        loop.start();
        QVERIFY(scrape(loop, finished));
        const quint16 port = server->port();
        server->close();
        const qint64 second = loop.nextScrapeMs();
        QVERIFY(scrape(loop, finished));
        const ScrapeTarget &t = loop.target();
        QCOMPARE(loop.health(), TargetHealth::Down);
        QCOMPARE(health.count(), 2);
        QCOMPARE(loop.lastError(),
                 QStringLiteral("Get \"%1\": dial tcp 127.0.0.1:%2: connect: connection refused")
                     .arg(t.url)
                     .arg(port));
        for (const Labels &l : {withName(t, "a"), withName(t, "b", {{"x", "1"}})}) {
            const auto s = samplesOf(l);
            QCOMPARE(s.size(), size_t(2));
            QCOMPARE(s[1].timestampMs, second);
            QVERIFY(isStaleMarker(s[1].value));
        }
        // Report series are reported, not marked stale.
        QCOMPARE(lastValue(withName(t, "up")), std::optional<double>(0.0));
        QCOMPARE(lastValue(withName(t, "scrape_samples_scraped")), std::optional<double>(0.0));
        QCOMPARE(samplesOf(withName(t, "up")).back().timestampMs, second);
    }

    void failures_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("scraped");
        QTest::addRow("500") << 500 << QByteArray("oops")
                             << "server returned HTTP status 500 Internal Server Error" << 0;
        QTest::addRow("404") << 404 << QByteArray() << "server returned HTTP status 404 Not Found"
                             << 0;
        QTest::addRow("204 is not 200")
            << 204 << QByteArray() << "server returned HTTP status 204 No Content" << 0;
        QTest::addRow("parse error after one sample")
            << 200 << QByteArray("ok 1\nbad line here\n") << QString() << 1;
    }
    void failures() {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QFETCH(int, scraped);
        server->setStatus(status, status == 500   ? "Internal Server Error"
                                  : status == 404 ? "Not Found"
                                  : status == 204 ? "No Content"
                                                  : "OK");
        server->setBody(body);
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.health(), TargetHealth::Down);
        if (!error.isEmpty())
            QCOMPARE(loop.lastError(), error);
        else
            QVERIFY(!loop.lastError().isEmpty());
        const ScrapeTarget &t = loop.target();
        QCOMPARE(lastValue(withName(t, "up")), std::optional<double>(0.0));
        QCOMPARE(lastValue(withName(t, "scrape_samples_scraped")), std::optional<double>(scraped));
        // Nothing of a failed scrape is kept (Prometheus rolls the batch back).
        QVERIFY(samplesOf(withName(t, "ok")).empty());
    }

    void hungTargetTimesOut() {
        server->setMode(TestTarget::Mode::Hang);
        ScrapeLoop loop(makeTarget(*server, 1000, 400), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        const qint64 start = loop.nextScrapeMs();
        clock->advanceTo(start);
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 5000);
        clock->advanceTo(start + 399);
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 0);
        clock->advanceTo(start + 400);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(loop.lastError(),
                 QStringLiteral("Get \"%1\": context deadline exceeded").arg(loop.target().url));
        QCOMPARE(loop.lastScrapeDurationMs(), 400);
        QCOMPARE(lastValue(withName(loop.target(), "scrape_duration_seconds")),
                 std::optional<double>(0.4));
        QCOMPARE(loop.health(), TargetHealth::Down);
    }

    void timeoutEqualToIntervalScrapesRightAfter() {
        // Like Go's buffered ticker: a tick during a scrape starts the next one when it ends.
        server->setMode(TestTarget::Mode::Hang);
        ScrapeLoop loop(makeTarget(*server, 1000, 1000), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        QSignalSpy started(&loop, &ScrapeLoop::scrapeStarted);
        loop.start();
        const qint64 start = loop.nextScrapeMs();
        clock->advanceTo(start);
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 5000);
        clock->advanceTo(start + 1000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(loop.health(), TargetHealth::Down);
        QCOMPARE(started.count(), 2);
        QCOMPARE(started.last().at(1).toLongLong(), start + 1000);
        QVERIFY(loop.isScraping());
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 2, 5000);
    }

    void slowTargetWithinTimeoutIsUp() {
        server->setMode(TestTarget::Mode::Hang);
        ScrapeLoop loop(makeTarget(*server, 1000, 500), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        const qint64 start = loop.nextScrapeMs();
        clock->advanceTo(start);
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 5000);
        clock->advanceTo(start + 300);
        server->release();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(loop.health(), TargetHealth::Up);
        QCOMPARE(loop.lastScrapeDurationMs(), 300);
        // Samples are stamped with the start, not the arrival.
        QCOMPARE(samplesOf(withName(loop.target(), "a"))[0].timestampMs, start);
    }

    void gzipBody() {
        server->setGzip(true);
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.health(), TargetHealth::Up);
        QCOMPARE(lastValue(withName(loop.target(), "b", {{"x", "1"}})), std::optional<double>(2.0));
    }

    void chunkedBodyFreshConnectionPerScrape() {
        server->setKeepAlive(true); // the server would keep it; the scraper closes
        server->setChunkSize(7);
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.health(), TargetHealth::Up);
        QCOMPARE(lastValue(withName(loop.target(), "b", {{"x", "1"}})), std::optional<double>(2.0));
        QCOMPARE(samplesOf(withName(loop.target(), "a")).size(), size_t(2));
        QCOMPARE(server->connectionCount(), 2);
    }

    void httpClientKeepAlive() {
        server->setKeepAlive(true);
        ScrapeHttpClient client;
        client.setKeepAlive(true);
        QSignalSpy done(&client, &ScrapeHttpClient::finished);
        const QUrl url(server->url());
        for (int i = 1; i <= 3; ++i) {
            if (i == 3)
                server->dropConnections(); // the server closes the idle connection
            client.get(url, {{"Accept", "text/plain"}});
            QTRY_COMPARE_WITH_TIMEOUT(done.count(), i, 5000);
            const auto r = done.last().at(0).value<ScrapeHttpResponse>();
            QVERIFY(!r.socketError);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("# TYPE a gauge\na 1\nb{x=\"1\"} 2\n"));
            QCOMPARE(server->lastHeaders().value("accept"), QByteArray("text/plain"));
        }
        QCOMPARE(server->connectionCount(), 2); // reused once, reconnected after the drop
    }

    void redirectIsFollowed() {
        server->setRedirect("/real-metrics");
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.health(), TargetHealth::Up);
        QCOMPARE(server->lastPath(), QByteArray("/real-metrics"));
        QCOMPARE(lastValue(withName(loop.target(), "a")), std::optional<double>(1.0));
    }

    void stoppedTargetWritesEndOfRunStaleMarkers() {
        auto loop =
            std::make_unique<ScrapeLoop>(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy finished(loop.get(), &ScrapeLoop::scrapeFinished);
        QSignalSpy done(loop.get(), &ScrapeLoop::finished);
        loop->start();
        QVERIFY(scrape(*loop, finished));
        const qint64 staleAt = loop->nextScrapeMs();
        loop->stop();
        QVERIFY(!loop->isRunning());
        // Prometheus waits just over two intervals before writing them.
        clock->advanceTo(staleAt + 1000 + 99);
        QCOMPARE(done.count(), 0);
        QCOMPARE(server->requestCount(), 1);
        clock->advanceTo(staleAt + 1000 + 100);
        QCOMPARE(done.count(), 1);
        const ScrapeTarget t = loop->target();
        for (const char *name : {"a", "up", "scrape_duration_seconds", "scrape_samples_scraped",
                                 "scrape_samples_post_metric_relabeling", "scrape_series_added"}) {
            const auto s = samplesOf(withName(t, name));
            QVERIFY2(s.size() == 2, name);
            QCOMPARE(s[1].timestampMs, staleAt);
            QVERIFY2(isStaleMarker(s[1].value), name);
        }
        QVERIFY(isStaleMarker(samplesOf(withName(t, "b", {{"x", "1"}}))[1].value));
    }

    void stopWithoutAnyScrapeWritesNothing() {
        ScrapeLoop loop(makeTarget(*server), clock.get(), store.get(), nam.get());
        QSignalSpy done(&loop, &ScrapeLoop::finished);
        loop.start();
        loop.stop();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        clock->advance(10'000);
        QCOMPARE(server->requestCount(), 0);
        QVERIFY(samplesOf(withName(loop.target(), "up")).empty());
    }

    void metricRelabelDrop() {
        server->setBody("keep_me 1\ndrop_me 2\n");
        ScrapeTarget t = makeTarget(*server);
        RelabelRule rule;
        rule.action = RelabelRule::Action::Drop;
        rule.sourceLabels = {"__name__"};
        rule.regex = QStringLiteral("drop_.*");
        t.metricRelabelConfigs = {rule};
        ScrapeLoop loop(t, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QVERIFY(scrape(loop, finished)); // the second time from the dropped cache
        QCOMPARE(lastValue(withName(t, "keep_me")), std::optional<double>(1.0));
        QVERIFY(!store->find(withName(t, "drop_me")));
        QCOMPARE(lastValue(withName(t, "scrape_samples_scraped")), std::optional<double>(2.0));
        QCOMPARE(lastValue(withName(t, "scrape_samples_post_metric_relabeling")),
                 std::optional<double>(1.0));
    }

    // A rule that drops the metric name fails the scrape with Prometheus 2.42's words.
    void metricRelabelLosingTheNameFailsTheScrape() {
        server->setBody("keep_me 1\n");
        ScrapeTarget t = makeTarget(*server);
        RelabelRule rule;
        rule.action = RelabelRule::Action::LabelDrop;
        rule.regex = QStringLiteral("__name__");
        t.metricRelabelConfigs = {rule};
        ScrapeLoop loop(t, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(scrape(loop, finished));
        QCOMPARE(loop.lastError(), QStringLiteral("missing metric name (__name__ label)"));
        QCOMPARE(lastValue(withName(t, "up")), std::optional<double>(0.0));
    }
};

QTEST_GUILESS_MAIN(TestScrapeLoop)
#include "tst_scrapeloop.moc"
