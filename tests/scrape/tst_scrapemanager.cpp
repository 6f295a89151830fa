#include "testtarget.h"

#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

using namespace ppl;
using ppl::test::TestTarget;

namespace {

ScrapeTarget makeTarget(const TestTarget &server, const QByteArray &job, qint64 intervalMs = 1000) {
    ScrapeTarget t;
    t.jobName = job;
    const QByteArray instance = "127.0.0.1:" + QByteArray::number(server.port());
    t.labels = Labels::fromPairs({{"job", job}, {"instance", instance}});
    t.url = server.url();
    t.intervalMs = intervalMs;
    t.timeoutMs = intervalMs / 2;
    return t;
}

} // namespace

class TestScrapeManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void syncKeepsUnchangedStopsRemovedStartsNew() {
        ManualClock clock;
        SeriesStore store(&clock);
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        TestTarget server;
        QVERIFY(server.listen());
        server.setBody("m 1\n");
        ScrapeManager manager(&clock, &store, &nam);
        QSignalSpy changed(&manager, &ScrapeManager::targetsChanged);
        QSignalSpy scraped(&manager, &ScrapeManager::scrapeFinished);

        const ScrapeTarget a = makeTarget(server, "a");
        const ScrapeTarget b = makeTarget(server, "b");
        manager.setTargets({a, b, a}); // a duplicate collapses
        QCOMPARE(manager.loops().size(), 2);
        QCOMPARE(changed.count(), 1);
        ScrapeLoop *loopA = manager.loops().at(0);
        QCOMPARE(loopA->target().jobName, QByteArray("a"));

        clock.advance(1000); // both scrape once inside one interval
        QTRY_COMPARE_WITH_TIMEOUT(scraped.count(), 2, 5000);
        QCOMPARE(manager.scrapesTotal(), quint64(2));

        // Same targets again: nothing changes, the loops stay.
        manager.setTargets({a, b});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(manager.loops().at(0), loopA);

        // b removed, a's interval changed: a gets a new loop, b goes stale later.
        ScrapeTarget a2 = a;
        a2.intervalMs = 2000;
        manager.setTargets({a2});
        QCOMPARE(changed.count(), 2);
        QCOMPARE(manager.loops().size(), 1);
        QVERIFY(manager.loops().at(0) != loopA);
        QCOMPARE(manager.stoppingCount(), 2);
        clock.advance(3000);
        QTRY_COMPARE_WITH_TIMEOUT(manager.stoppingCount(), 0, 5000);
        const Labels upB = Labels::fromPairs(
            {{"__name__", "up"}, {"job", "b"}, {"instance", b.labels.value("instance")}});
        const auto id = store.find(upB);
        QVERIFY(id);
        QVERIFY(isStaleMarker(store.lastSample(*id)->value));

        manager.stopAll(ScrapeLoop::StopMode::Immediately);
        QCOMPARE(manager.loops().size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(manager.stoppingCount(), 0, 5000);
    }

    void failedScrapesAreCounted() {
        ManualClock clock;
        SeriesStore store(&clock);
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        TestTarget server;
        QVERIFY(server.listen());
        server.setStatus(503, "Service Unavailable");
        ScrapeManager manager(&clock, &store, &nam);
        QSignalSpy health(&manager, &ScrapeManager::targetHealthChanged);
        manager.setTargets({makeTarget(server, "x")});
        clock.advance(1000);
        QTRY_COMPARE_WITH_TIMEOUT(manager.failedScrapesTotal(), quint64(1), 5000);
        QCOMPARE(health.count(), 1);
        QCOMPARE(health.at(0).at(1).value<TargetHealth>(), TargetHealth::Down);
    }
};

QTEST_GUILESS_MAIN(TestScrapeManager)
#include "tst_scrapemanager.moc"
