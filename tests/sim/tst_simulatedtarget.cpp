#include "realpeer.h"
#include "simtesthelpers.h"

#include "exposition/openmetricsparser.h"
#include "exposition/textparser.h"
#include "sim/gatewayclient.h"
#include "sim/simulatedtarget.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::sampleValue;

Q_DECLARE_METATYPE(ppl::TargetFormat)

class TestSimulatedTarget : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SimulatedTarget> makeTarget(ManualClock &clock,
                                                MetricProfile profile = MetricProfile::service(),
                                                GatewayClient *pusher = nullptr) {
        TargetOptions o;
        o.name = "web-1";
        o.profile = std::move(profile);
        auto t = std::make_unique<SimulatedTarget>(o, &clock, pusher);
        if (!t->start())
            return nullptr;
        return t;
    }

private Q_SLOTS:
    void servesTextFormatThatAdvancesWithTheClock() {
        ManualClock clock;
        auto t = makeTarget(clock);
        QVERIFY(t);
        QVERIFY(t->port() != 0);
        auto r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, 200);
        QVERIFY(!parseText(r.body).error);
        bool typed = false;
        for (const auto &h : r.headers)
            typed = typed || (h.first.toLower() == "content-type" && h.second.contains("0.0.4"));
        QVERIFY(typed);
        QCOMPARE(sampleValue(r.body, "http_requests_total", {{"method", "GET"}, {"status", "200"}}),
                 0.0);
        clock.advance(60'000);
        r = httpRequest("GET", t->metricsUrl());
        const auto ok =
            sampleValue(r.body, "http_requests_total", {{"method", "GET"}, {"status", "200"}});
        QVERIFY(ok);
        QVERIFY2(*ok > 200 && *ok < 300, qPrintable(QString::number(*ok))); // 5/s · 60 s · 0.8
        QCOMPARE(sampleValue(r.body, "process_start_time_seconds"), 1'700'000'000.0);
        QCOMPARE(sampleValue(r.body, "http_request_duration_seconds_count",
                             {{"method", "GET"}, {"status", "200"}}),
                 *ok);
    }

    // An OpenMetrics target answers by the Accept header, like a client library: OpenMetrics
    // to Prometheus's header, the text format to curl's; switching back serves text to all.
    void negotiatesOpenMetrics_data() {
        QTest::addColumn<TargetFormat>("format");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("openMetrics");
        const QByteArray prometheus =
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        QTest::newRow("openmetrics, prometheus") << TargetFormat::OpenMetrics << prometheus << true;
        QTest::newRow("openmetrics, curl")
            << TargetFormat::OpenMetrics << QByteArray("*/*") << false;
        QTest::newRow("text, prometheus") << TargetFormat::Text << prometheus << false;
    }
    void negotiatesOpenMetrics() {
        QFETCH(TargetFormat, format);
        QFETCH(QByteArray, accept);
        QFETCH(bool, openMetrics);
        ManualClock clock;
        auto t = makeTarget(clock);
        QVERIFY(t);
        QSignalSpy changed(t.get(), &SimulatedTarget::stateChanged);
        t->setFormat(format);
        QCOMPARE(changed.count(), format == TargetFormat::Text ? 0 : 1);
        clock.advance(60'000);
        const auto r = httpRequest("GET", t->metricsUrl(), {}, {{"Accept", accept}});
        QCOMPARE(r.status, 200);
        QByteArray contentType;
        for (const auto &h : r.headers) {
            if (h.first.toLower() == "content-type")
                contentType = h.second;
        }
        QCOMPARE(isOpenMetricsContentType(contentType), openMetrics);
        QCOMPARE(r.body.endsWith("# EOF\n"), openMetrics);
        if (!openMetrics) {
            QVERIFY(!parseText(r.body).error);
            return;
        }
        // Every sample of the text format comes back from the OpenMetrics body.
        OpenMetricsParser p(r.body);
        int samples = 0;
        bool counterFamily = false;
        for (;;) {
            const auto e = p.next();
            QVERIFY2(e != OpenMetricsParser::Entry::Error, qPrintable(p.error().message));
            if (e == OpenMetricsParser::Entry::End)
                break;
            samples += e == OpenMetricsParser::Entry::Sample;
            counterFamily = counterFamily ||
                            (e == OpenMetricsParser::Entry::Type && p.name() == "http_requests" &&
                             p.type() == OpenMetricsType::Counter);
        }
        QVERIFY(counterFamily);
        QCOMPARE(qsizetype(samples), parseText(t->renderMetrics()).sampleCount());
    }

    void profiles_data() {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QByteArrayList>("names");
        QTest::addRow("service") << "service"
                                 << QByteArrayList{"http_requests_total",
                                                   "http_request_duration_seconds_bucket",
                                                   "process_cpu_seconds_total",
                                                   "process_resident_memory_bytes",
                                                   "process_start_time_seconds"};
        QTest::addRow("node") << "node"
                              << QByteArrayList{"node_load1", "node_memory_MemAvailable_bytes",
                                                "node_cpu_seconds_total"};
    }
    void profiles() {
        QFETCH(QString, profile);
        QFETCH(QByteArrayList, names);
        ManualClock clock;
        auto t = makeTarget(clock, *MetricProfile::builtIn(profile));
        QVERIFY(t);
        clock.advance(5000);
        const auto r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, 200);
        for (const QByteArray &n : names)
            QVERIFY2(sampleValue(r.body, n), n.constData());
    }

    void killRefusesAndStartReusesThePortWithACounterReset() {
        ManualClock clock;
        auto t = makeTarget(clock);
        QVERIFY(t);
        const quint16 port = t->port();
        clock.advance(100'000);
        const auto before = sampleValue(httpRequest("GET", t->metricsUrl()).body,
                                        "http_requests_total", {{"status", "200"}});
        QVERIFY(before && *before > 100);
        t->kill();
        QVERIFY(!t->isRunning());
        auto r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, 0);
        QVERIFY2(r.error.contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(r.error));
        clock.advance(10'000);
        QVERIFY(t->start());
        QCOMPARE(t->port(), port);
        clock.advance(1000);
        r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, 200);
        QVERIFY(*sampleValue(r.body, "http_requests_total", {{"status", "200"}}) < *before);
        QCOMPARE(sampleValue(r.body, "process_start_time_seconds"), 1'700'000'110.0);
    }

    void hangAcceptsButNeverAnswers() {
        ManualClock clock;
        auto t = makeTarget(clock);
        QSignalSpy received(t.get(), &SimulatedTarget::requestReceived);
        QSignalSpy served(t.get(), &SimulatedTarget::requestServed);
        t->hang();
        auto r = httpRequest("GET", t->metricsUrl(), {}, {}, 400);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.error, QStringLiteral("timeout"));
        QCOMPARE(received.count(), 1);
        QCOMPARE(served.count(), 0);
        t->heal();
        QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 200);
        QCOMPARE(served.count(), 1);
    }

    void slowAnswersAfterTheDelayOnTheLabClock() {
        ManualClock clock;
        auto t = makeTarget(clock);
        QSignalSpy received(t.get(), &SimulatedTarget::requestReceived);
        t->slow(2000);
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(t->metricsUrl())));
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 5000);
        clock.advance(1999);
        QCoreApplication::processEvents();
        QVERIFY(!reply->isFinished());
        clock.advance(1);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }

    void flapAlternatesOnTheLabClockWithoutRestarting() {
        ManualClock clock;
        auto t = makeTarget(clock);
        t->flap(5000);
        QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 200);
        clock.advance(5000);
        QVERIFY(t->isRunning());
        QVERIFY(!t->isListening());
        QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 0);
        clock.advance(5000);
        const auto r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, 200);
        QCOMPARE(sampleValue(r.body, "process_start_time_seconds"), 1'700'000'000.0);
        t->heal();
        clock.advance(5000);
        QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 200);
    }

    void errorModes_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("parses");
        QTest::addRow("500") << int(ErrorKind::Http500) << 500 << false;
        QTest::addRow("malformed text") << int(ErrorKind::Malformed) << 200 << false;
    }
    void errorModes() {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(bool, parses);
        ManualClock clock;
        auto t = makeTarget(clock);
        t->error(ErrorKind(kind));
        const auto r = httpRequest("GET", t->metricsUrl());
        QCOMPARE(r.status, status);
        if (status == 200)
            QCOMPARE(!parseText(r.body).error.has_value(), parses);
        t->heal();
        QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 200);
    }

    void otherPathsAndMethods_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addRow("other path") << QByteArray("GET") << "/other" << 404;
        QTest::addRow("POST") << QByteArray("POST") << "/metrics" << 405;
        QTest::addRow("query string") << QByteArray("GET") << "/metrics?x=1" << 200;
    }
    void otherPathsAndMethods() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        ManualClock clock;
        auto t = makeTarget(clock);
        QUrl url = t->metricsUrl();
        url.setPath(path.section('?', 0, 0));
        url.setQuery(path.section('?', 1));
        QCOMPARE(httpRequest(method, url, "x").status, status);
    }

    void everyAnswerIsCountedAndSignalled() {
        ManualClock clock;
        auto t = makeTarget(clock);
        QSignalSpy served(t.get(), &SimulatedTarget::requestServed);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(httpRequest("GET", t->metricsUrl()).status, 200);
        QCOMPARE(t->requestCount(), quint64(3));
        QCOMPARE(served.count(), 3);
        const auto req = served.last().first().value<TargetRequest>();
        QCOMPARE(req.target, QByteArray("web-1"));
        QCOMPARE(req.status, 200);
        QVERIFY(req.bytes > 100);
        QCOMPARE(req.receivedMs, clock.nowMs());
    }

    void firewallRefusesScrapesWhileItsPushesSucceed() {
        if (!test::RealPeer::available(QStringLiteral("prometheus-pushgateway")))
            QSKIP("prometheus-pushgateway not installed");
        test::RealPeer gateway(QStringLiteral("prometheus-pushgateway"),
                               {QStringLiteral("--persistence.file=")});
        QVERIFY2(gateway.start(), qPrintable(gateway.output()));
        ManualClock clock;
        GatewayClient pusher(&clock);
        TargetOptions o;
        o.name = "billing";
        o.push = SelfPush{
            gateway.url(), {{"job", "billing"}, {"instance", "vm-7"}}, 10'000, PushMethod::Put};
        SimulatedTarget t(o, &clock, &pusher);
        QSignalSpy pushed(&t, &SimulatedTarget::pushFinished);
        QVERIFY(t.start());
        t.firewall();
        clock.advance(0);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        QVERIFY(pushed.last().first().value<PushResult>().ok);
        QCOMPARE(httpRequest("GET", t.metricsUrl()).status, 0);
        clock.advance(10'000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 2, 5000);
        const auto r = httpRequest("GET", gateway.url(QStringLiteral("/metrics")));
        QVERIFY(sampleValue(r.body, "process_start_time_seconds",
                            {{"job", "billing"}, {"instance", "vm-7"}}));
        t.heal();
        QCOMPARE(httpRequest("GET", t.metricsUrl()).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSimulatedTarget)
#include "tst_simulatedtarget.moc"
