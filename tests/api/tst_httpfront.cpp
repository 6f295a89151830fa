// Issue 18, defects 3 and 8: request framing on both lab servers (the gateway and the lab
// server), through HttpFront: HTTP/0.9 → 505, HTTP/1.0 and Connection: close end the
// connection, Expect: 100-continue is answered, bodies over the limit are refused from the
// Content-Length (or while chunks arrive) before they are read, idle connections close. The
// real Pushgateway gives the reference answers where it has them.
#include "realpeer.h"

#include "api/labapiserver.h"
#include "pushgateway/pushgatewayserver.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace ppl;
using namespace ppl::test;

namespace {
constexpr qint64 GatewayLimit = 4096;
}

class TestHttpFront : public QObject {
    Q_OBJECT

private:
    ManualClock m_clock{1'700'000'000'000};
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<LabApiServer> m_server;
    std::unique_ptr<PushgatewayServer> m_gateway;
    std::unique_ptr<RealPeer> m_real;
    quint16 m_serverPort = 0;

    quint16 port(const QString &which) const {
        if (which == QLatin1String("gateway"))
            return m_gateway->port();
        if (which == QLatin1String("real"))
            return m_real ? m_real->port() : 0;
        return m_serverPort;
    }

private Q_SLOTS:
    void initTestCase() {
        m_store = std::make_unique<SeriesStore>(&m_clock);
        m_server = std::make_unique<LabApiServer>(&m_clock, m_store.get(), nullptr);
        m_serverPort = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_serverPort != 0);
        PushgatewayOptions options;
        options.port = 0;
        options.bodyLimitBytes = GatewayLimit;
        m_gateway = std::make_unique<PushgatewayServer>(options, &m_clock);
        QCOMPARE(m_gateway->start(), QString());
        if (RealPeer::available(QStringLiteral("prometheus-pushgateway"))) {
            m_real = std::make_unique<RealPeer>(QStringLiteral("prometheus-pushgateway"),
                                                QStringList{QStringLiteral("--persistence.file=")});
            QVERIFY2(m_real->start(), qPrintable(m_real->output()));
        }
    }
    void cleanupTestCase() {
        m_gateway.reset();
        m_server.reset();
        m_real.reset();
    }

    void framing_data() {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<QByteArray>("body"); // the end of what arrives; empty: not checked
        const QByteArray v09 = "GET /-/healthy HTTP/0.9\r\nHost: x\r\n\r\n";
        const QByteArray v20 = "GET /-/healthy HTTP/2.0\r\nHost: x\r\n\r\n";
        const QByteArray v10 = "GET /-/healthy HTTP/1.0\r\n\r\n";
        const QByteArray v10keep = "GET /-/healthy HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        const QByteArray close = "GET /-/healthy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const QByteArray keep = "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray pipelined = keep + close;
        const QByteArray badLength =
            "POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n";
        const QByteArray hugeHead =
            "GET /-/healthy HTTP/1.1\r\nX: " + QByteArray(2 * 1024 * 1024, 'a') + "\r\n\r\n";
        const QByteArray version505 =
            "505 HTTP Version Not Supported: unsupported protocol version";
        for (const char *w : {"gateway", "server", "real"}) {
            const QString which = QString::fromLatin1(w);
            QTest::addRow("%s HTTP/0.9", w) << which << v09 << 505 << true << version505;
            QTest::addRow("%s HTTP/2.0 without preface", w)
                << which << v20 << 505 << true << version505;
            QTest::addRow("%s HTTP/1.0", w) << which << v10 << 200 << true << QByteArray();
            QTest::addRow("%s HTTP/1.0 keep-alive", w)
                << which << v10keep << 200 << false << QByteArray();
            QTest::addRow("%s Connection: close", w)
                << which << close << 200 << true << QByteArray();
            QTest::addRow("%s keep-alive", w) << which << keep << 200 << false << QByteArray();
            QTest::addRow("%s pipelined, then close", w)
                << which << pipelined << 200 << true << QByteArray();
            QTest::addRow("%s bad Content-Length", w)
                << which << badLength << 400 << true << QByteArray("400 Bad Request");
            QTest::addRow("%s head over 1 MB", w)
                << which << hugeHead << 431 << true
                << QByteArray("431 Request Header Fields Too Large");
        }
    }
    void framing() {
        QFETCH(QString, which);
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(bool, closed);
        QFETCH(QByteArray, body);
        if (which == QLatin1String("real") && !m_real)
            QSKIP("prometheus-pushgateway is not installed");
        if (which == QLatin1String("real") && request.startsWith("POST /-/reload"))
            request.replace("POST /-/reload", "PUT /metrics/job/x");
        // Keep-alive rows wait a little to see that the connection stays open.
        const RawHttpReply reply = rawHttp(port(which), request, closed ? 5000 : 700);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.closed, closed);
        if (request.count("GET ") == 2) // both pipelined requests are answered, then it closes
            QCOMPARE(reply.bytes.count("HTTP/1.1 200"), 2);
        if (!body.isEmpty())
            QVERIFY2(reply.bytes.endsWith(body), reply.bytes.right(200).constData());
    }

    // Issue 18, defect 9: Go's ServeMux, in front of both real servers, answers a path with
    // empty, "." or ".." segments with 301 to the cleaned path. The lab server's expectations
    // are Prometheus 2.42's answers; the gateway's are compared with the real one's.
    void serveMuxRedirects_data() {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QByteArray>("requestLine");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<bool>("withBody");
        for (const char *w : {"server", "gateway"}) {
            const QString which = QString::fromLatin1(w);
            QTest::addRow("%s GET //metrics", w)
                << which << QByteArray("GET //metrics") << QByteArray("/metrics") << true;
            QTest::addRow("%s HEAD //metrics", w)
                << which << QByteArray("HEAD //metrics") << QByteArray("/metrics") << false;
            QTest::addRow("%s GET /./metrics", w)
                << which << QByteArray("GET /./metrics") << QByteArray("/metrics") << true;
            QTest::addRow("%s GET //-/healthy?x=1", w) << which << QByteArray("GET //-/healthy?x=1")
                                                       << QByteArray("/-/healthy?x=1") << true;
            QTest::addRow("%s GET /api/v1/../metrics", w)
                << which << QByteArray("GET /api/v1/../metrics") << QByteArray("/api/metrics")
                << true;
        }
        QTest::addRow("server GET //api/v1/query?query=1")
            << QStringLiteral("server") << QByteArray("GET //api/v1/query?query=1")
            << QByteArray("/api/v1/query?query=1") << true;
        QTest::addRow("server POST //-/reload")
            << QStringLiteral("server") << QByteArray("POST //-/reload") << QByteArray("/-/reload")
            << false;
    }
    void serveMuxRedirects() {
        QFETCH(QString, which);
        QFETCH(QByteArray, requestLine);
        QFETCH(QByteArray, location);
        QFETCH(bool, withBody);
        const QByteArray request = requestLine +
                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                   "Content-Length: 0\r\n\r\n";
        const RawHttpReply reply = rawHttp(port(which), request, 5000);
        QCOMPARE(reply.status, 301);
        QCOMPARE(reply.header("Location"), location);
        QCOMPARE(reply.body(), withBody ? "<a href=\"" + location + "\">Moved Permanently</a>.\n\n"
                                        : QByteArray());
        if (which == QLatin1String("gateway") && m_real) {
            const RawHttpReply real = rawHttp(m_real->port(), request, 5000);
            QCOMPARE(real.status, reply.status);
            QCOMPARE(real.header("Location"), reply.header("Location"));
            QCOMPARE(real.header("Content-Type"), reply.header("Content-Type"));
            QCOMPARE(real.body(), reply.body());
        }
    }

    // A body over the limit is refused from its Content-Length, before it is sent.
    void tooLargeByContentLength_data() {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("gateway") << "gateway"
                                 << QByteArray("PUT /metrics/job/big HTTP/1.1\r\nHost: x\r\n"
                                               "Content-Length: 1000000000\r\n\r\n");
        QTest::newRow("server") << "server"
                                << QByteArray("POST /api/v1/query HTTP/1.1\r\nHost: x\r\n"
                                              "Content-Type: application/x-www-form-urlencoded\r\n"
                                              "Content-Length: 300000000\r\n\r\n");
    }
    void tooLargeByContentLength() {
        QFETCH(QString, which);
        QFETCH(QByteArray, request);
        QSignalSpy rejected(m_gateway.get(), &PushgatewayServer::pushRejected);
        const RawHttpReply reply = rawHttp(port(which), request, 5000);
        QCOMPARE(reply.status, 413);
        QVERIFY(reply.closed);
        if (which == QLatin1String("gateway")) {
            QCOMPARE(rejected.count(), 1);
            QCOMPARE(rejected.at(0).at(2).toInt(), 413);
        }
    }

    // A chunked body is counted as it arrives and cut off at the limit.
    void tooLargeChunked() {
        QByteArray request = "PUT /metrics/job/big HTTP/1.1\r\nHost: x\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk = QByteArray(1000, 'a');
        for (int i = 0; i < 10; ++i)
            request += "3e8\r\n" + chunk + "\r\n";
        const RawHttpReply reply = rawHttp(m_gateway->port(), request, 5000);
        QCOMPARE(reply.status, 413);
        QVERIFY(reply.closed);
        // Within the limit, chunks go through to the handler as one body.
        const RawHttpReply small = rawHttp(m_gateway->port(),
                                           "PUT /metrics/job/small HTTP/1.1\r\nHost: x\r\n"
                                           "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                           "4\r\na 1\n\r\n4\r\nb 2\n\r\n0\r\n\r\n",
                                           5000);
        QCOMPARE(small.status, 200);
        QVERIFY(m_gateway->groups()->exposition().contains("b{instance=\"\",job=\"small\"} 2"));
    }

    // curl waits up to 1 s for "100 Continue" before sending a body over 1 MB.
    void expectContinue() {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_gateway->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("PUT /metrics/job/cont HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     "Content-Length: 4\r\n\r\n");
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += socket.readAll()).contains("\r\n\r\n"), 3000);
        QCOMPARE(seen, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        socket.write("c 3\n");
        QTRY_VERIFY_WITH_TIMEOUT((seen += socket.readAll()).contains("HTTP/1.1 200"), 3000);
    }

    // A gateway that closes connections silent for 300 ms (the default is 5 minutes).
    void idleConnectionsClose() {
        PushgatewayOptions options;
        options.port = 0;
        options.idleTimeoutMs = 300;
        PushgatewayServer gateway(options, &m_clock);
        QCOMPARE(gateway.start(), QString());
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, gateway.port());
        QVERIFY(idle.waitForConnected(3000));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
    }
};

QTEST_GUILESS_MAIN(TestHttpFront)
#include "tst_httpfront.moc"
