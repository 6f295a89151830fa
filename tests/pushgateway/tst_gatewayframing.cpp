// Request framing of the lab gateway beside the real Pushgateway 1.5.1 (Go's net/http):
// issue 18, defect 4 — a Content-Length that is not a number answered 200 and replaced the
// group with an empty one; Go answers 400, closes the connection and keeps the group.
#include "realpeer.h"

#include "pushgateway/pushgatewayserver.h"

#include <QDateTime>
#include <QTest>

using namespace ppl;
using namespace ppl::test;

class TestGatewayFraming : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<RealPeer> m_real;
    std::unique_ptr<PushgatewayServer> m_lab;

    quint16 port(const QString &gateway) const {
        return gateway == QLatin1String("real") ? m_real->port() : m_lab->port();
    }
    void addGatewayRows(const char *name, const std::function<void(QTestData &)> &fill) {
        for (const char *gateway : {"lab", "real"})
            fill(QTest::addRow("%s %s", gateway, name) << QString::fromLatin1(gateway));
    }

private Q_SLOTS:
    void initTestCase() {
        PushgatewayOptions options;
        options.port = 0;
        m_lab = std::make_unique<PushgatewayServer>(options);
        QCOMPARE(m_lab->start(), QString());
        if (RealPeer::available(QStringLiteral("prometheus-pushgateway"))) {
            m_real = std::make_unique<RealPeer>(QStringLiteral("prometheus-pushgateway"),
                                                QStringList{QStringLiteral("--persistence.file=")});
            QVERIFY2(m_real->start(), qPrintable(m_real->output()));
        }
    }
    void cleanupTestCase() {
        m_lab.reset();
        m_real.reset();
    }

    void badContentLength_data() {
        QTest::addColumn<QString>("gateway");
        QTest::addColumn<QByteArray>("contentLength");
        QTest::addColumn<int>("status");
        for (const auto &[length, status] : std::initializer_list<std::pair<QByteArray, int>>{
                 {"abc", 400}, {"-1", 400}, {"+4", 400}, {"0x4", 400}, {"4, 4", 400}, {"6", 200}}) {
            addGatewayRows(length.constData(), [&](QTestData &row) { row << length << status; });
        }
    }
    void badContentLength() {
        QFETCH(QString, gateway);
        QFETCH(QByteArray, contentLength);
        QFETCH(int, status);
        if (gateway == QLatin1String("real") && !m_real)
            QSKIP("prometheus-pushgateway is not installed");
        const quint16 p = port(gateway);
        const QUrl group(QStringLiteral("http://127.0.0.1:%1/metrics/job/framing").arg(p));
        QCOMPARE(httpRequest("PUT", group, "kept 1\n").status, 200);
        const RawHttpReply reply =
            rawHttp(p,
                    "PUT /metrics/job/framing HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                        contentLength + "\r\n\r\nnew 2\n",
                    status == 200 ? 1000 : 3000);
        QCOMPARE(reply.status, status);
        const QByteArray metrics =
            httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(p))).body;
        if (status == 400) {
            QVERIFY(reply.closed);
            QVERIFY(reply.bytes.endsWith("400 Bad Request"));
            QVERIFY2(metrics.contains("kept{instance=\"\",job=\"framing\"} 1"),
                     metrics.constData());
        } else {
            QVERIFY2(!metrics.contains("kept{"), metrics.constData());
        }
        QCOMPARE(httpRequest("DELETE", group).status, 202);
    }

    // Issue 12: push_time_seconds carries the push's time to the microsecond, as the real
    // gateway writes it from time.Now() (1.796184028461743e+09), not rounded to milliseconds.
    void pushTimeHasMicroseconds_data() {
        QTest::addColumn<QString>("gateway");
        addGatewayRows("push_time_seconds", [](QTestData &) {});
    }
    void pushTimeHasMicroseconds() {
        QFETCH(QString, gateway);
        if (gateway == QLatin1String("real") && !m_real)
            QSKIP("prometheus-pushgateway is not installed");
        const quint16 p = port(gateway);
        const QUrl group(QStringLiteral("http://127.0.0.1:%1/metrics/job/microseconds").arg(p));
        // A push that lands exactly on a millisecond is a 1-in-1,000 chance: of five pushes
        // at least one shows digits below the millisecond unless the time is rounded.
        int finerThanMs = 0;
        for (int i = 0; i < 5; ++i) {
            const double before = QDateTime::currentMSecsSinceEpoch() / 1000.0;
            QCOMPARE(httpRequest("PUT", group, "a 1\n").status, 200);
            const double after = QDateTime::currentMSecsSinceEpoch() / 1000.0 + 0.001;
            const QByteArray metrics =
                httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(p))).body;
            const QByteArray prefix = "push_time_seconds{instance=\"\",job=\"microseconds\"} ";
            const qsizetype at = metrics.indexOf(prefix);
            QVERIFY2(at >= 0, metrics.constData());
            const qsizetype end = metrics.indexOf('\n', at);
            bool ok = false;
            const double value =
                metrics.mid(at + prefix.size(), end - at - prefix.size()).toDouble(&ok);
            QVERIFY(ok);
            QVERIFY2(value >= before && value <= after, qPrintable(QString::number(value, 'f', 6)));
            const qint64 us = qRound64(value * 1e6);
            finerThanMs += us % 1000 != 0;
        }
        QVERIFY(finerThanMs > 0);
        QCOMPARE(httpRequest("DELETE", group).status, 202);
    }

    // Issue 12: the gateway's own /metrics shows what the real one exposes for monitoring the
    // monitor: push duration and size summaries per method (PUT and POST only) and process_*.
    // The same requests go to both; the sizes must agree byte for byte (client_golang's
    // approximate request size), allowing for the two Host headers' lengths.
    void pushInstrumentationAsTheRealGateway() {
        if (!m_real)
            QSKIP("prometheus-pushgateway is not installed");
        auto family = [](const QByteArray &metrics, const QByteArray &prefix) {
            QMap<QByteArray, QByteArray> lines; // series → value, for lines starting with prefix
            for (const QByteArray &line : metrics.split('\n')) {
                if (line.startsWith(prefix)) {
                    const qsizetype space = line.lastIndexOf(' ');
                    lines.insert(line.left(space), line.mid(space + 1));
                }
            }
            return lines;
        };
        // Fresh gateways: the shared ones have counted the other test functions' pushes.
        PushgatewayOptions options;
        options.port = 0;
        PushgatewayServer labGateway(options);
        QCOMPARE(labGateway.start(), QString());
        RealPeer realGateway(QStringLiteral("prometheus-pushgateway"),
                             QStringList{QStringLiteral("--persistence.file=")});
        QVERIFY2(realGateway.start(), qPrintable(realGateway.output()));
        QMap<QString, QByteArray> metrics;
        for (const quint16 p : {labGateway.port(), realGateway.port()}) {
            const QString base = QStringLiteral("http://127.0.0.1:%1").arg(p);
            const QUrl group(base + QStringLiteral("/metrics/job/instrumented"));
            QCOMPARE(httpRequest("PUT", group, "a 1\n").status, 200);
            QCOMPARE(httpRequest("PUT", group, "a 1\nb 2\n").status, 200);
            QCOMPARE(httpRequest("POST", group, "c 3\n").status, 200);
            QCOMPARE(httpRequest("POST", group, "c 3 x\n").status, 400); // counted too
            QCOMPARE(httpRequest("DELETE", group).status, 202);          // not counted
            metrics.insert(p == labGateway.port() ? QStringLiteral("lab") : QStringLiteral("real"),
                           httpRequest("GET", QUrl(base + QStringLiteral("/metrics"))).body);
        }
        const QByteArray &lab = metrics[QStringLiteral("lab")];
        const QByteArray &real = metrics[QStringLiteral("real")];
        // Everything but the timings is equal: counts, the set of series, and the sizes.
        const auto labDurations = family(lab, "pushgateway_http_push_duration_seconds");
        const auto realDurations = family(real, "pushgateway_http_push_duration_seconds");
        QCOMPARE(labDurations.keys(), realDurations.keys());
        for (const QByteArray method : {"put", "post"}) {
            const QByteArray count =
                "pushgateway_http_push_duration_seconds_count{method=\"" + method + "\"}";
            QCOMPARE(labDurations.value(count), realDurations.value(count));
            QCOMPARE(labDurations.value(count), QByteArray("2"));
        }
        const qsizetype hostDelta = QByteArray::number(labGateway.port()).size() -
                                    QByteArray::number(realGateway.port()).size();
        const auto labSizes = family(lab, "pushgateway_http_push_size_bytes");
        const auto realSizes = family(real, "pushgateway_http_push_size_bytes");
        QCOMPARE(labSizes.keys(), realSizes.keys());
        for (auto it = realSizes.cbegin(); it != realSizes.cend(); ++it) {
            const double perRequest = it.key().contains("_sum") ? 2 : 1;
            const double expected = it.key().contains("_count")
                                        ? it.value().toDouble()
                                        : it.value().toDouble() + perRequest * double(hostDelta);
            QCOMPARE(labSizes.value(it.key()).toDouble(), expected);
        }
        for (const QByteArray name :
             {"process_cpu_seconds_total", "process_open_fds", "process_max_fds",
              "process_resident_memory_bytes", "process_start_time_seconds",
              "process_virtual_memory_bytes", "process_virtual_memory_max_bytes"}) {
            QVERIFY2(real.contains("\n# TYPE " + name + ' '), name.constData());
            QVERIFY2(lab.contains("\n# TYPE " + name + ' '), name.constData());
        }
        QVERIFY(family(lab, "process_open_fds ").value("process_open_fds").toDouble() > 0);
    }

    // Issue 18, defect 9: "." and ".." segments were stored as job="."; the real gateway's
    // ServeMux redirects (301) to the cleaned path, whatever the method, before any route.
    void dotSegmentsRedirect_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("PUT job .") << QByteArray("PUT") << QByteArray("/metrics/job/./x");
        QTest::newRow("PUT job ..") << QByteArray("PUT") << QByteArray("/metrics/job/..");
        QTest::newRow("PUT a/../b") << QByteArray("PUT") << QByteArray("/metrics/job/a/../b");
        QTest::newRow("PUT encoded dot") << QByteArray("PUT") << QByteArray("/metrics/job/%2E/x");
        QTest::newRow("PUT with query") << QByteArray("PUT") << QByteArray("/metrics/job/./x?y=1");
        QTest::newRow("POST label .") << QByteArray("POST") << QByteArray("/metrics/job/j/l/.");
        QTest::newRow("DELETE trailing .")
            << QByteArray("DELETE") << QByteArray("/metrics/job/a/.");
        QTest::newRow("GET escaped")
            << QByteArray("GET") << QByteArray("/metrics/job/a/../x%20y/./l/%2E");
        QTest::newRow("GET /./metrics") << QByteArray("GET") << QByteArray("/./metrics");
        QTest::newRow("HEAD /metrics/.") << QByteArray("HEAD") << QByteArray("/metrics/.");
        // Qt 6.4 reads a target starting with "//" as an authority and loses the path; the
        // front end keeps the request line's.
        QTest::newRow("GET //metrics") << QByteArray("GET") << QByteArray("//metrics");
        QTest::newRow("HEAD //metrics") << QByteArray("HEAD") << QByteArray("//metrics");
        QTest::newRow("PUT //metrics/job/x") << QByteArray("PUT") << QByteArray("//metrics/job/x");
        QTest::newRow("GET //api/v1/status?a=b")
            << QByteArray("GET") << QByteArray("//api/v1/status?a=b");
        QTest::newRow("GET ///") << QByteArray("GET") << QByteArray("///");
    }
    void dotSegmentsRedirect() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        if (!m_real)
            QSKIP("prometheus-pushgateway is not installed");
        const QByteArray request =
            method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nc 3\n";
        const RawHttpReply real = rawHttp(m_real->port(), request, 3000, false);
        const RawHttpReply lab = rawHttp(m_lab->port(), request, 3000, false);
        QCOMPARE(real.status, 301);
        QCOMPARE(lab.status, real.status);
        QCOMPARE(lab.header("Location"), real.header("Location"));
        QCOMPARE(lab.header("Content-Type"), real.header("Content-Type"));
        QCOMPARE(lab.body(), real.body());
        for (const quint16 p : {m_lab->port(), m_real->port()}) {
            const QByteArray metrics =
                httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(p))).body;
            QVERIFY2(!metrics.contains("c{"), metrics.constData()); // nothing was stored
        }
    }
};

QTEST_GUILESS_MAIN(TestGatewayFraming)
#include "tst_gatewayframing.moc"
