// StaleReasons: why a series went stale, read from the scrape events as Prometheus's three
// cases of writing stale markers (failed scrape, vanished series, end of run).
#include "lab/eventlog.h"
#include "lab/labevent.h"
#include "lab/stalereasons.h"

#include <QTest>

using namespace ppl;

namespace {

LabEvent scrape(const char *job, const char *instance, qint64 startMs, QString error = {}) {
    ScrapeEvent e;
    e.job = job;
    e.instance = instance;
    e.startMs = startMs;
    e.health = error.isEmpty() ? TargetHealth::Up : TargetHealth::Down;
    e.error = std::move(error);
    return LabEvent::make(startMs + 5, job, e);
}

Labels series(const char *job, const char *instance) {
    return Labels::of({{"__name__", "http_requests_total"}, {"job", job}, {"instance", instance}});
}

} // namespace

class TestStaleReasons : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theScrapeAtTheMarkersTimeSaysWhy_data();
    void theScrapeAtTheMarkersTimeSaysWhy();
    void pushedSeriesAreMatchedByTheScrapesTime();
};

void TestStaleReasons::theScrapeAtTheMarkersTimeSaysWhy_data() {
    QTest::addColumn<qint64>("staleMs");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    QTest::addRow("failed scrape") << qint64(3000) << int(StaleReason::Kind::TargetDown)
                                   << QStringLiteral("target down: connection refused");
    QTest::addRow("vanished from a good scrape")
        << qint64(2000) << int(StaleReason::Kind::SeriesVanished)
        << QStringLiteral("series vanished from the scrape (the target answered without it)");
    QTest::addRow("no scrape then: end of run")
        << qint64(4500) << int(StaleReason::Kind::EndOfScrape)
        << QStringLiteral("end of scrape: target no longer scraped");
    QTest::addRow("before anything remembered")
        << qint64(10) << int(StaleReason::Kind::Unknown)
        << QStringLiteral("stale (the reason is no longer known)");
}

void TestStaleReasons::theScrapeAtTheMarkersTimeSaysWhy() {
    QFETCH(qint64, staleMs);
    QFETCH(int, kind);
    QFETCH(QString, text);
    EventLog log;
    StaleReasons reasons(&log);
    log.append(scrape("web", "a:1", 1000));
    log.append(scrape("other", "b:2", 3000)); // another target at the same time
    log.append(scrape("web", "a:1", 2000));
    log.append(scrape("web", "a:1", 3000, QStringLiteral("connection refused")));
    const StaleReason r = reasons.explain(series("web", "a:1"), staleMs);
    QCOMPARE(int(r.kind), kind);
    QCOMPARE(r.text(), text);
}

// honor_labels: the pushed series carries the pusher's job, not its scrape target's; the one
// scrape that started at the marker's time is the gateway's.
void TestStaleReasons::pushedSeriesAreMatchedByTheScrapesTime() {
    EventLog log;
    StaleReasons reasons(&log);
    log.append(scrape("pushgateway", "gw:9091", 1000));
    log.append(scrape("web", "a:1", 1500));
    log.append(scrape("pushgateway", "gw:9091", 2000));
    QCOMPARE(reasons.explain(series("database_backup", "db-1"), 2000).kind,
             StaleReason::Kind::SeriesVanished);
    log.append(scrape("web", "a:1", 2500));
    log.append(scrape("pushgateway", "gw:9091", 2500, QStringLiteral("context deadline exceeded")));
    // Two scrapes started then: which one wrote it is not known, and not guessed.
    QCOMPARE(reasons.explain(series("database_backup", "db-1"), 2500).kind,
             StaleReason::Kind::Unknown);
}

QTEST_GUILESS_MAIN(TestStaleReasons)
#include "tst_stalereasons.moc"
