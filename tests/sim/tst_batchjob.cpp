#include "realpeer.h"
#include "simtesthelpers.h"

#include "sim/batchjob.h"
#include "sim/gatewayclient.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QtTest>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::sampleValue;

class TestBatchJob : public QObject {
    Q_OBJECT
    std::unique_ptr<test::RealPeer> m_gateway;

    QByteArray gatewayMetrics() {
        return httpRequest("GET", m_gateway->url(QStringLiteral("/metrics"))).body;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!test::RealPeer::available(QStringLiteral("prometheus-pushgateway")))
            QSKIP("prometheus-pushgateway not installed");
    }
    void init() {
        // A fresh real Pushgateway per test, never sharing Debian's default persistence file.
        m_gateway = std::make_unique<test::RealPeer>(QStringLiteral("prometheus-pushgateway"),
                                                     QStringList{"--persistence.file="});
        QVERIFY2(m_gateway->start(), qPrintable(m_gateway->output()));
    }
    void cleanup() { m_gateway.reset(); }

    void groupUrl_data() {
        QTest::addColumn<QByteArrayList>("key");
        QTest::addColumn<QString>("path");
        QTest::addRow("job") << QByteArrayList{"job", "backup"} << "/metrics/job/backup";
        QTest::addRow("job and instance")
            << QByteArrayList{"job", "b", "instance", "db-1"} << "/metrics/job/b/instance/db-1";
        QTest::addRow("empty value")
            << QByteArrayList{"job", "b", "instance", ""} << "/metrics/job/b/instance@base64/=";
        QTest::addRow("slash in value")
            << QByteArrayList{"job", "a/b"} << "/metrics/job@base64/YS9i";
        QTest::addRow("space") << QByteArrayList{"job", "a b"} << "/metrics/job/a%20b";
    }
    void groupUrl() {
        QFETCH(QByteArrayList, key);
        QFETCH(QString, path);
        std::vector<LabelPair> k;
        for (int i = 0; i + 1 < key.size(); i += 2)
            k.push_back({key[i], key[i + 1]});
        const QUrl url = GatewayClient::groupUrl(QUrl("http://127.0.0.1:9091"), k);
        QCOMPARE(url.path(QUrl::FullyEncoded), path);
    }

    void pushReachesTheRealGateway() {
        ManualClock clock;
        GatewayClient pusher(&clock);
        BatchJobSpec spec;
        spec.name = "backup";
        spec.durationMs = 2000;
        spec.recordsPerSecond = 100;
        spec.gateway = m_gateway->url();
        BatchJob job(spec, &clock, &pusher);
        QSignalSpy finished(&job, &BatchJob::finished);
        QVERIFY(job.run());
        QVERIFY(job.isRunning());
        clock.advance(2000);
        QVERIFY(!job.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        const JobRun run = finished.last().first().value<JobRun>();
        QVERIFY(run.succeeded);
        QVERIFY(run.push && run.push->ok);
        QCOMPARE(run.push->status, 200);
        const QByteArray m = gatewayMetrics();
        QCOMPARE(sampleValue(m, "job_exit_code", {{"job", "backup"}}), 0.0);
        QCOMPARE(sampleValue(m, "job_duration_seconds", {{"job", "backup"}}), 2.0);
        QCOMPARE(sampleValue(m, "job_records_processed_total", {{"job", "backup"}}), 200.0);
        QCOMPARE(sampleValue(m, "job_last_success_timestamp_seconds", {{"job", "backup"}}),
                 1'700'000'002.0);
    }

    // Two jobs with one grouping key: the second overwrites the first. With PUT a failure
    // wipes job_last_success_timestamp_seconds; with POST it survives.
    void samegroupingKeyOverwrites_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("successKept");
        QTest::addRow("push (PUT)") << int(JobPushMode::Push) << false;
        QTest::addRow("pushadd (POST)") << int(JobPushMode::PushAdd) << true;
    }
    void samegroupingKeyOverwrites() {
        QFETCH(int, mode);
        QFETCH(bool, successKept);
        ManualClock clock;
        GatewayClient pusher(&clock);
        BatchJobSpec spec;
        spec.name = "etl";
        spec.pushMode = JobPushMode(mode);
        spec.gateway = m_gateway->url();
        spec.groupingKey = {{"job", "etl"}, {"instance", "shared"}};
        BatchJob good(spec, &clock, &pusher);
        spec.successProbability = 0;
        BatchJob bad(spec, &clock, &pusher);
        QSignalSpy goodDone(&good, &BatchJob::finished);
        QSignalSpy badDone(&bad, &BatchJob::finished);
        good.run();
        clock.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(goodDone.count(), 1, 5000);
        bad.run();
        clock.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(badDone.count(), 1, 5000);
        QCOMPARE(badDone.last().first().value<JobRun>().exitCode, 1);
        const QByteArray m = gatewayMetrics();
        QCOMPARE(sampleValue(m, "job_exit_code", {{"instance", "shared"}}), 1.0);
        QCOMPARE(sampleValue(m, "job_last_success_timestamp_seconds", {{"instance", "shared"}})
                     .has_value(),
                 successKept);
    }

    void deleteAfterRemovesTheGroup() {
        ManualClock clock;
        GatewayClient pusher(&clock);
        BatchJobSpec spec;
        spec.name = "cleanup";
        spec.gateway = m_gateway->url();
        spec.deleteAfterMs = 5000;
        BatchJob job(spec, &clock, &pusher);
        QSignalSpy pushes(&job, &BatchJob::pushFinished);
        job.run();
        clock.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(pushes.count(), 1, 5000);
        QVERIFY(sampleValue(gatewayMetrics(), "job_exit_code", {{"job", "cleanup"}}));
        clock.advance(5000);
        QTRY_COMPARE_WITH_TIMEOUT(pushes.count(), 2, 5000);
        const PushResult del = pushes.last().first().value<PushResult>();
        QCOMPARE(del.method, PushMethod::Delete);
        QCOMPARE(del.status, 202);
        QVERIFY(!sampleValue(gatewayMetrics(), "job_exit_code", {{"job", "cleanup"}}));
        QVERIFY(job.lastRun()->deletion);
    }

    void noneModeExposesMetricsOnlyWhileRunning() {
        ManualClock clock;
        BatchJobSpec spec;
        spec.name = "report";
        spec.pushMode = JobPushMode::None;
        spec.durationMs = 2000;
        BatchJob job(spec, &clock, nullptr);
        QVERIFY(job.prepare());
        QVERIFY(job.exposure());
        const QUrl url = job.exposure()->metricsUrl();
        QVERIFY(url.port() > 0);
        QCOMPARE(httpRequest("GET", url).status, 0);
        job.run();
        clock.advance(1000);
        const auto r = httpRequest("GET", url);
        QCOMPARE(r.status, 200);
        QCOMPARE(sampleValue(r.body, "job_records_processed_total"), 500.0);
        clock.advance(1000);
        QCOMPARE(httpRequest("GET", url).status, 0);
        QVERIFY(job.lastRun() && job.lastRun()->succeeded && !job.lastRun()->push);
    }

    void failedPushesRecordTheirReason_data() {
        QTest::addColumn<bool>("gatewayUp");
        QTest::addColumn<QByteArray>("label");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::addRow("refused") << false << QByteArray("instance") << 0 << "refused";
        QTest::addRow("400 invalid label") << true << QByteArray("__bad") << 400 << "__bad";
    }
    void failedPushesRecordTheirReason() {
        QFETCH(bool, gatewayUp);
        QFETCH(QByteArray, label);
        QFETCH(int, status);
        QFETCH(QString, reason);
        ManualClock clock;
        GatewayClient pusher(&clock);
        BatchJobSpec spec;
        spec.name = "nightly";
        spec.gateway =
            gatewayUp ? m_gateway->url()
                      : QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::freeLoopbackPort()));
        spec.groupingKey = {{"job", "nightly"}, {label, "x"}};
        BatchJob job(spec, &clock, &pusher);
        QSignalSpy finished(&job, &BatchJob::finished);
        job.run();
        clock.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        const JobRun run = finished.last().first().value<JobRun>();
        QVERIFY(run.push);
        QVERIFY(!run.push->ok);
        QCOMPARE(run.push->status, status);
        QVERIFY2(run.push->reason.contains(reason, Qt::CaseInsensitive),
                 qPrintable(run.push->reason));
    }

    void partitionFailsPushesWithoutTheNetwork() {
        ManualClock clock;
        GatewayClient pusher(&clock);
        pusher.setBlocked(true);
        BatchJobSpec spec;
        spec.name = "cut";
        spec.gateway = m_gateway->url();
        BatchJob job(spec, &clock, &pusher);
        QSignalSpy finished(&job, &BatchJob::finished);
        job.run();
        clock.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        const JobRun run = finished.last().first().value<JobRun>();
        QVERIFY(!run.push->ok);
        QVERIFY(!run.push->reason.isEmpty());
        QVERIFY(!sampleValue(gatewayMetrics(), "job_exit_code", {{"job", "cut"}}));
    }

    void repeatsLikeCron() {
        ManualClock clock;
        BatchJobSpec spec;
        spec.name = "cron";
        spec.pushMode = JobPushMode::None;
        spec.durationMs = 1000;
        spec.repeatEveryMs = 10'000;
        BatchJob job(spec, &clock, nullptr);
        QSignalSpy started(&job, &BatchJob::started);
        job.run();
        clock.advance(30'000);
        QCOMPARE(started.count(), 4); // 0 s, 10 s, 20 s, 30 s
        QVERIFY(job.isRepeating());
        job.stop();
        QVERIFY(!job.isRepeating());
        clock.advance(30'000);
        QCOMPARE(started.count(), 4);
    }

    void seededOutcomesRepeat() {
        ManualClock clock;
        BatchJobSpec spec;
        spec.name = "coin";
        spec.pushMode = JobPushMode::None;
        spec.durationMs = 10;
        spec.successProbability = 0.5;
        spec.seed = 42;
        BatchJob a(spec, &clock, nullptr);
        BatchJob b(spec, &clock, nullptr);
        QList<bool> first, second;
        for (int i = 0; i < 20; ++i) {
            a.run();
            b.run();
            clock.advance(10);
            first << a.lastRun()->succeeded;
            second << b.lastRun()->succeeded;
        }
        QCOMPARE(first, second);
        QVERIFY(first.contains(true) && first.contains(false));
    }
};

QTEST_GUILESS_MAIN(TestBatchJob)
#include "tst_batchjob.moc"
