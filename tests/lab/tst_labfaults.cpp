// The fault modes tst_lab.cpp does not cover (slow, flap, error, heal), each observed through
// the lab's own scraper on a ManualClock: what the scrape result, `up` and
// scrape_duration_seconds say, scrape by scrape.
#include "labtesthelpers.h"

#include "lab/lab.h"
#include "scrape/scrapemanager.h"
#include "sim/simulatedtarget.h"

#include <QSignalSpy>

using namespace ppl;
using ppl::test::lastSample;
using ppl::test::OneService;
using ppl::test::scenarioFrom;

namespace {
constexpr qint64 IntervalMs = 5000;
constexpr qint64 TimeoutMs = 2000;

// The lab with OneService loaded, and what its one scrape loop reports.
struct Fixture {
    ManualClock clock;
    Lab lab{LabOptions{&clock}};
    ScrapeLoop *loop = nullptr;
    SimulatedTarget *target = nullptr;
    std::unique_ptr<QSignalSpy> finished;
    std::unique_ptr<QSignalSpy> received;

    bool load(QString *error) {
        if (!lab.loadScenario(scenarioFrom(OneService), error))
            return false;
        if (lab.scrapeManager()->loops().size() != 1) {
            *error = QStringLiteral("expected one scrape loop");
            return false;
        }
        loop = lab.scrapeManager()->loops().front();
        target = lab.target("web-1");
        finished = std::make_unique<QSignalSpy>(loop, &ScrapeLoop::scrapeFinished);
        received = std::make_unique<QSignalSpy>(target, &SimulatedTarget::requestReceived);
        return true;
    }
    ScrapeResult lastResult() const {
        return finished->isEmpty() ? ScrapeResult{} : finished->last().at(1).value<ScrapeResult>();
    }
    std::optional<StoredSample> series(const QByteArray &name) const {
        return lastSample(lab.store(), name, {{"instance", target->address()}});
    }
};

// Runs the loop's next scrape to its end. A target that holds the request (slow, hang) is
// given holdMs more lab time once the request has arrived; the scrape's timeout or the
// target's late answer ends it then.
void scrapeOnce(Fixture &fx, qint64 holdMs = 0) {
    const qsizetype finishedBefore = fx.finished->count();
    const qsizetype receivedBefore = fx.received->count();
    fx.clock.advanceTo(fx.loop->nextScrapeMs());
    if (holdMs > 0) {
        QTRY_COMPARE_WITH_TIMEOUT(fx.received->count(), receivedBefore + 1, 5000);
        QCOMPARE(fx.finished->count(), finishedBefore); // held, not answered yet
        fx.clock.advance(holdMs);
    }
    QTRY_COMPARE_WITH_TIMEOUT(fx.finished->count(), finishedBefore + 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!fx.loop->isScraping(), 5000);
}

// up as the store has it for the scrape that just finished (its samples carry its start).
std::optional<double> upOfLastScrape(const Fixture &fx) {
    const auto up = fx.series("up");
    if (!up || up->timestampMs != fx.lastResult().startMs)
        return std::nullopt;
    return up->value;
}

QString deadlineError(const Fixture &fx) {
    return QStringLiteral("Get \"%1\": context deadline exceeded")
        .arg(fx.target->metricsUrl().toString());
}
} // namespace

class TestLabFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void slowIsUpUnderTheTimeoutAndTimesOutOverIt_data() {
        QTest::addColumn<qint64>("delayMs");
        QTest::addColumn<bool>("up");
        QTest::addRow("100 ms") << qint64(100) << true;
        QTest::addRow("1.5 s") << qint64(1500) << true;
        QTest::addRow("1.999 s") << qint64(1999) << true;
        QTest::addRow("3 s over a 2 s timeout") << qint64(3000) << false;
        QTest::addRow("8 s, over the interval too") << qint64(8000) << false;
    }
    void slowIsUpUnderTheTimeoutAndTimesOutOverIt() {
        QFETCH(qint64, delayMs);
        QFETCH(bool, up);
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        scrapeOnce(fx);
        QCOMPARE(upOfLastScrape(fx), 1.0);
        const double fastSeconds = fx.series("scrape_duration_seconds")->value;
        QCOMPARE(fastSeconds, 0.0); // no lab time passes on an unfaulted target

        QVERIFY2(fx.lab.setTargetFault("web-1", TargetFault::Slow, delayMs, &error),
                 qPrintable(error));
        // Two scrapes in a row: the second shows that the first one's late answer (or the
        // connection the timeout abandoned) does not leak into the next.
        for (int i = 0; i < 2; ++i) {
            // The scrape ends at the answer, or at the timeout when that comes first.
            scrapeOnce(fx, std::min(delayMs, TimeoutMs));
            if (QTest::currentTestFailed())
                return;
            const ScrapeResult r = fx.lastResult();
            const double duration = fx.series("scrape_duration_seconds")->value;
            if (up) {
                QCOMPARE(upOfLastScrape(fx), 1.0);
                QCOMPARE(r.health, TargetHealth::Up);
                QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
                QVERIFY2(duration >= double(delayMs) / 1000.0,
                         qPrintable(QString::number(duration)));
                QVERIFY(duration < double(TimeoutMs) / 1000.0);
                QVERIFY(fx.series("http_requests_total").has_value());
                QVERIFY(!isStaleMarker(fx.series("process_start_time_seconds")->value));
            } else {
                QCOMPARE(upOfLastScrape(fx), 0.0);
                QCOMPARE(r.health, TargetHealth::Down);
                QCOMPARE(r.error, deadlineError(fx));
                QCOMPARE(fx.loop->lastError(), deadlineError(fx));
                QCOMPARE(duration, double(TimeoutMs) / 1000.0);
                QVERIFY(isStaleMarker(fx.series("process_start_time_seconds")->value));
            }
        }
    }

    void flapAlternatesWithItsPeriod_data() {
        QTest::addColumn<qint64>("periodMs");
        QTest::addColumn<QString>("pattern"); // up per scrape, from the first after the flap
        // The flap starts 1 s after a scrape; scrapes follow every 5 s. A scrape k intervals
        // later lands (5k - 1) s into the flap: up when that is an even number of periods.
        QTest::addRow("period == interval") << qint64(5000) << QStringLiteral("101010");
        QTest::addRow("period == 2 intervals") << qint64(10000) << QStringLiteral("110011");
        QTest::addRow("period == 1.5 intervals") << qint64(7500) << QStringLiteral("100100");
    }
    void flapAlternatesWithItsPeriod() {
        QFETCH(qint64, periodMs);
        QFETCH(QString, pattern);
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        scrapeOnce(fx);
        QCOMPARE(upOfLastScrape(fx), 1.0);
        const qint64 flapAt = fx.lastResult().startMs + 1000;
        fx.clock.advanceTo(flapAt);
        QVERIFY2(fx.lab.setTargetFault("web-1", TargetFault::Flap, periodMs, &error),
                 qPrintable(error));

        QString seen;
        for (int i = 0; i < pattern.size(); ++i) {
            scrapeOnce(fx);
            if (QTest::currentTestFailed())
                return;
            const ScrapeResult r = fx.lastResult();
            const auto up = upOfLastScrape(fx);
            QVERIFY(up.has_value());
            // The model the pattern comes from, checked against the scrape's own time.
            const bool expectUp = ((r.startMs - flapAt) / periodMs) % 2 == 0;
            QCOMPARE(pattern.at(i) == QLatin1Char('1'), expectUp);
            seen += *up == 1.0 ? QLatin1Char('1') : QLatin1Char('0');
            if (*up == 0.0)
                QVERIFY2(r.error.contains(QLatin1String("connection refused")),
                         qPrintable(r.error));
            else
                QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QCOMPARE(fx.target->isRunning(), true); // flapping is not a restart
        }
        QCOMPARE(seen, pattern);
        QCOMPARE(fx.target->fault(), TargetFault::Flap);

        // Heal: the flap's timer is gone, every later scrape is up.
        QVERIFY(fx.lab.healTarget("web-1", &error));
        for (int i = 0; i < 4; ++i) {
            scrapeOnce(fx);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(upOfLastScrape(fx), 1.0);
        }
    }

    void errorModesFailTheScrape_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("errorStart");
        QTest::addRow("500") << int(ErrorKind::Http500) << 500
                             << QStringLiteral(
                                    "server returned HTTP status 500 Internal Server Error");
        // The malformed body is `http_requests_total{method="GET" 17` behind a 200.
        QTest::addRow("malformed") << int(ErrorKind::Malformed) << 200 << QString();
    }
    void errorModesFailTheScrape() {
        QFETCH(int, kind);
        QFETCH(int, httpStatus);
        QFETCH(QString, errorStart);
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        scrapeOnce(fx);
        QCOMPARE(upOfLastScrape(fx), 1.0);
        const std::vector<LabelPair> ok{{"method", "GET"}, {"status", "200"}};
        QVERIFY(!isStaleMarker(lastSample(fx.lab.store(), "http_requests_total", ok)->value));

        QVERIFY2(fx.lab.setTargetFault("web-1", TargetFault::Error, kind, &error),
                 qPrintable(error));
        scrapeOnce(fx);
        const ScrapeResult r = fx.lastResult();
        QCOMPARE(upOfLastScrape(fx), 0.0);
        QCOMPARE(r.health, TargetHealth::Down);
        QCOMPARE(r.httpStatus, httpStatus);
        if (!errorStart.isEmpty()) {
            QCOMPARE(r.error, errorStart);
        } else {
            // Prometheus's text parser rejects the line (the wording is also compared with a
            // real Prometheus in tst_labprometheus).
            QVERIFY(!r.error.isEmpty());
            QVERIFY2(!r.error.contains(QLatin1String("HTTP status")), qPrintable(r.error));
            // Prometheus 2.42 on this body (its lexer sees `17` where a label name must be).
            QCOMPARE(r.error, QStringLiteral("expected label name, got \"INVALID\""));
        }
        QCOMPARE(fx.loop->lastError(), r.error);
        // A failed scrape, by status or by parse, appends nothing: every series goes stale
        // and only the report series carry values.
        QVERIFY(isStaleMarker(lastSample(fx.lab.store(), "http_requests_total", ok)->value));
        QCOMPARE(fx.series("scrape_samples_scraped")->value, 0.0);
        QVERIFY(fx.target->isRunning());
    }

    void healEndsEveryFault_data() {
        QTest::addColumn<int>("fault");
        QTest::addColumn<qint64>("param");
        QTest::addColumn<qint64>("holdMs"); // lab time a held request needs to end
        QTest::addRow("hang") << int(TargetFault::Hang) << qint64(0) << TimeoutMs;
        QTest::addRow("slow over the timeout")
            << int(TargetFault::Slow) << qint64(4000) << TimeoutMs;
        QTest::addRow("firewall") << int(TargetFault::Firewall) << qint64(0) << qint64(0);
        QTest::addRow("error 500")
            << int(TargetFault::Error) << qint64(ErrorKind::Http500) << qint64(0);
        QTest::addRow("error malformed")
            << int(TargetFault::Error) << qint64(ErrorKind::Malformed) << qint64(0);
    }
    void healEndsEveryFault() {
        QFETCH(int, fault);
        QFETCH(qint64, param);
        QFETCH(qint64, holdMs);
        Fixture fx;
        QString error;
        QVERIFY2(fx.load(&error), qPrintable(error));
        scrapeOnce(fx);
        QCOMPARE(upOfLastScrape(fx), 1.0);
        const qint64 startedMs = fx.target->startTimeMs();

        QVERIFY2(fx.lab.setTargetFault("web-1", TargetFault(fault), param, &error),
                 qPrintable(error));
        scrapeOnce(fx, holdMs);
        QCOMPARE(upOfLastScrape(fx), 0.0);
        QVERIFY(!fx.lastResult().error.isEmpty());

        QVERIFY2(fx.lab.healTarget("web-1", &error), qPrintable(error));
        QCOMPARE(fx.target->fault(), TargetFault::None);
        for (int i = 0; i < 2; ++i) {
            scrapeOnce(fx);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(upOfLastScrape(fx), 1.0);
            QVERIFY2(fx.lastResult().error.isEmpty(), qPrintable(fx.lastResult().error));
            QVERIFY(!isStaleMarker(fx.series("process_start_time_seconds")->value));
        }
        // Healing is not a restart: the process kept its start time.
        QCOMPARE(fx.target->startTimeMs(), startedMs);
        QCOMPARE(fx.series("process_start_time_seconds")->value, startedMs / 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestLabFaults)
#include "tst_labfaults.moc"
