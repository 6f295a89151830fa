#include "testtarget.h"

#include "scrape/scrapeloop.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace ppl;
using ppl::test::TestTarget;

Q_DECLARE_METATYPE(ppl::ScrapeLimits)

namespace {

ScrapeTarget makeTarget(const QString &url, quint16 port, qint64 intervalMs, qint64 timeoutMs) {
    ScrapeTarget t;
    t.jobName = "test";
    const QByteArray instance = "127.0.0.1:" + QByteArray::number(port);
    t.labels = Labels::fromPairs({{"job", "test"}, {"instance", instance}});
    t.discoveredLabels = Labels::fromPairs({{"job", "test"}, {"__address__", instance}});
    t.url = url;
    t.intervalMs = intervalMs;
    t.timeoutMs = timeoutMs;
    return t;
}

// A target whose /metrics never ends: headers, then body bytes as fast as the socket takes
// them (no Content-Length, no chunking: the body ends only when the connection does).
class EndlessTarget : public QObject {
public:
    bool listen() {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    s->readAll();
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
                    feed(s);
                });
                connect(s, &QTcpSocket::bytesWritten, s, [s] { feed(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    static void feed(QTcpSocket *s) {
        static const QByteArray chunk = QByteArray("a_metric{l=\"x\"} 1\n").repeated(4096);
        while (s->bytesToWrite() < 4 * chunk.size())
            s->write(chunk);
    }
    QTcpServer m_server;
};

} // namespace

// Issue 18 defect 7: sample_limit, body_size_limit, label_limit, label_name_length_limit,
// label_value_length_limit and target_limit fail the scrape as in Prometheus 2.42 (its error
// text, up 0, nothing of the scrape kept), and an endless body ends at the scrape timeout.
class TestScrapeLimits : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<SeriesStore> store;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<TestTarget> server;

    std::optional<double> lastValue(const ScrapeTarget &t, const char *name) {
        Labels::Builder b(t.labels);
        b.set("__name__", name);
        const auto id = store->find(b.build());
        if (!id)
            return std::nullopt;
        const auto s = store->samples(*id, 0, std::numeric_limits<qint64>::max());
        return s.empty() ? std::nullopt : std::optional<double>(s.back().value);
    }

private Q_SLOTS:
    void init() {
        clock = std::make_unique<ManualClock>(1'700'000'000'000);
        store = std::make_unique<SeriesStore>(clock.get());
        nam = std::make_unique<QNetworkAccessManager>();
        nam->setProxy(QNetworkProxy::NoProxy);
        server = std::make_unique<TestTarget>();
        QVERIFY(server->listen());
    }
    void cleanup() {
        server.reset();
        nam.reset();
        store.reset();
        clock.reset();
    }

    void limits_data() {
        QTest::addColumn<ScrapeLimits>("limits");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<QString>("error"); // empty: the scrape succeeds
        QTest::addColumn<int>("scraped");
        QTest::addColumn<int>("postRelabel");
        const QByteArray three = "a 1\nb 2\nc 3\n";
        ScrapeLimits samples2;
        samples2.sampleLimit = 2;
        QTest::addRow("sample_limit passed: every sample still counted")
            << samples2 << three << false << QStringLiteral("sample limit exceeded") << 3 << 3;
        ScrapeLimits samples3;
        samples3.sampleLimit = 3;
        QTest::addRow("sample_limit met") << samples3 << three << false << QString() << 3 << 3;
        ScrapeLimits body12;
        body12.bodySizeLimit = 12; // the body is exactly 12 bytes: Go's LimitReader check fails it
        QTest::addRow("body_size_limit reached")
            << body12 << three << false << QStringLiteral("body size limit exceeded") << 0 << 0;
        ScrapeLimits body13;
        body13.bodySizeLimit = 13;
        QTest::addRow("body_size_limit not reached")
            << body13 << three << false << QString() << 3 << 3;
        ScrapeLimits body100;
        body100.bodySizeLimit = 100;
        QTest::addRow("body_size_limit counts the uncompressed body")
            << body100 << QByteArray("a 1\n").repeated(50) << true
            << QStringLiteral("body size limit exceeded") << 0 << 0;
        ScrapeLimits labels3;
        labels3.labelLimit = 3;
        QTest::addRow("label_limit")
            << labels3 << QByteArray("a{x=\"1\"} 1\n") << false
            << QStringLiteral("label_limit exceeded (metric: a, number of labels: 4, limit: 3)")
            << 1 << 0;
        ScrapeLimits name8;
        name8.labelNameLengthLimit = 8;
        QTest::addRow("label_name_length_limit")
            << name8 << QByteArray("a{long_name=\"1\"} 1\n") << false
            << QStringLiteral("label_name_length_limit exceeded (metric: a, label name: "
                              "long_name, length: 9, limit: 8)")
            << 1 << 0;
        ScrapeLimits value20;
        value20.labelValueLengthLimit = 20;
        QTest::addRow("label_value_length_limit")
            << value20 << QByteArray("a{v=\"xxxxxxxxxxxxxxxxxxxxxxxxx\"} 1\n") << false
            << QStringLiteral("label_value_length_limit exceeded (metric: a, label name: v, "
                              "value: \"xxxxxxxxxxxxxxxxxxxxxxxxx\", length: 25, limit: 20)")
            << 1 << 0;
    }
    void limits() {
        QFETCH(ScrapeLimits, limits);
        QFETCH(QByteArray, body);
        QFETCH(bool, gzip);
        QFETCH(QString, error);
        QFETCH(int, scraped);
        QFETCH(int, postRelabel);
        server->setGzip(gzip);
        server->setBody(body);
        ScrapeTarget target = makeTarget(server->url(), server->port(), 1000, 500);
        target.limits = limits;
        ScrapeLoop loop(target, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        clock->advanceTo(loop.nextScrapeMs());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(loop.lastError(), error);
        QCOMPARE(lastValue(target, "up"), std::optional<double>(error.isEmpty() ? 1.0 : 0.0));
        QCOMPARE(lastValue(target, "scrape_samples_scraped"), std::optional<double>(scraped));
        QCOMPARE(lastValue(target, "scrape_samples_post_metric_relabeling"),
                 std::optional<double>(postRelabel));
        Labels::Builder a(target.labels);
        a.set("__name__", "a");
        QCOMPARE(store->find(a.build()).has_value() && !error.isEmpty() &&
                     !store->samples(*store->find(a.build()), 0, LLONG_MAX).empty(),
                 false); // a failed scrape keeps none of its samples
    }

    // target_limit: TargetDiscovery marks the pool's targets; the loop then fails each scrape
    // without a request, as 2.42's scrape pool does with its forced error.
    void targetLimitFailsWithoutARequest() {
        server->setBody("a 1\n");
        ScrapeTarget target = makeTarget(server->url(), server->port(), 1000, 500);
        target.forcedError =
            QStringLiteral("target_limit exceeded (number of targets: 3, limit: 2)");
        ScrapeLoop loop(target, clock.get(), store.get(), nam.get());
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        clock->advanceTo(loop.nextScrapeMs());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(loop.lastError(), target.forcedError);
        QCOMPARE(lastValue(target, "up"), std::optional<double>(0.0));
        QCOMPARE(server->requestCount(), 0);
    }

    // An endless body ends at the scrape timeout on the wall clock (issue 18: 12.98 s for a
    // 10 s timeout), whether or not a body_size_limit is set.
    void endlessBodyEndsAtTheTimeout_data() {
        QTest::addColumn<qint64>("bodyLimit");
        QTest::addRow("no limit") << qint64(0);
        QTest::addRow("a large limit") << qint64(256) * 1024 * 1024;
    }
    void endlessBodyEndsAtTheTimeout() {
        QFETCH(qint64, bodyLimit);
        EndlessTarget endless;
        QVERIFY(endless.listen());
        ScrapeTarget target =
            makeTarget(QStringLiteral("http://127.0.0.1:%1/metrics").arg(endless.port()),
                       endless.port(), 5000, 1000);
        target.limits.bodySizeLimit = bodyLimit;
        ScrapeLoop loop(target, Clock::system(), store.get(), nam.get());
        QSignalSpy started(&loop, &ScrapeLoop::scrapeStarted);
        QSignalSpy finished(&loop, &ScrapeLoop::scrapeFinished);
        loop.start();
        QVERIFY(started.wait(6000));
        QElapsedTimer sinceStart;
        sinceStart.start();
        QVERIFY(finished.wait(5000));
        const qint64 tookMs = sinceStart.elapsed();
        // The 1 s timeout plus slack for a loaded CI machine (1,511 ms seen under ctest
        // --parallel): what this catches is a read that never ends, not a figure.
        QVERIFY2(tookMs < 4000, qPrintable(QString::number(tookMs)));
        if (bodyLimit == 0)
            QVERIFY2(loop.lastError().contains(u"context deadline exceeded"),
                     qPrintable(loop.lastError()));
        loop.stop(ScrapeLoop::StopMode::Immediately);
    }
};

QTEST_GUILESS_MAIN(TestScrapeLimits)
#include "tst_scrapelimits.moc"
