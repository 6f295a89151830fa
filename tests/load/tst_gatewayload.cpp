// Load and fault tests of the lab's Pushgateway (issue 18, §2), against the real pullpush-lab
// binary on loopback, bounded in time:
//  - 100 concurrent pushers (one thread each): every acknowledged push is in the gateway;
//  - kill -9 during continuous pushing, three times: the persistence file always loads, and
//    nothing acknowledged more than one persistence interval before the kill is lost;
//  - 5,000 idle connections held open: a new request is still answered within 10 ms, and
//    the idle ones stay open; in the window's lab (QApplication) too, once they are parked;
//  - a 16 MB push and four wrong-password attackers against a cost-12 bcrypt hash at once: a
//    small push of another client is still answered promptly (defect 5).
#include "pushgateway/basicauth.h"
#include "realpeer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using ppl::test::httpRequest;
using ppl::test::rawHttp;

namespace {

QString labBinary() {
    return qEnvironmentVariable("PPL_LAB_BINARY");
}

// A headless gateway on an OS-chosen port; its URL from the line it prints.
struct LabGateway {
    std::unique_ptr<QProcess> process;
    quint16 port = 0;
};

LabGateway startGateway(const QStringList &extra = {}) {
    LabGateway g;
    g.process = std::make_unique<QProcess>();
    g.process->start(labBinary(),
                     QStringList{QStringLiteral("--headless"), QStringLiteral("--gateway-listen"),
                                 QStringLiteral("127.0.0.1:0")} +
                         extra);
    if (!g.process->waitForStarted(5000))
        return g;
    const QRegularExpression re(QStringLiteral("^gateway http://127\\.0\\.0\\.1:(\\d+)"),
                                QRegularExpression::MultilineOption);
    QElapsedTimer timer;
    timer.start();
    while (g.process->state() == QProcess::Running && timer.elapsed() < 15000) {
        const auto m = re.match(QString::fromUtf8(g.process->peek(1 << 20)));
        if (m.hasMatch()) {
            g.port = quint16(m.captured(1).toUInt());
            break;
        }
        g.process->waitForReadyRead(200);
    }
    return g;
}

QByteArray pushRequest(const QByteArray &method, const QByteArray &path, const QByteArray &body) {
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
           "Content-Type: text/plain; version=0.0.4\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void stop(QProcess &p) {
    p.terminate();
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(5000);
    }
}

} // namespace

class TestGatewayLoad : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFile::exists(labBinary()), qPrintable(labBinary()));
        // 5,000 sockets on our side of the idle test.
        rlimit limit{};
        QVERIFY(getrlimit(RLIMIT_NOFILE, &limit) == 0);
        if (limit.rlim_cur < 6000 && limit.rlim_max >= 6000) {
            limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 20000);
            setrlimit(RLIMIT_NOFILE, &limit);
        }
    }

    // 100 pushers, each POSTing 20 new metrics into its own group: the gateway then holds
    // exactly the metrics it acknowledged (POST adds, so a lost push is a missing name).
    void hundredConcurrentPushers() {
        LabGateway g = startGateway();
        QVERIFY2(g.port, g.process->readAll().constData());
        constexpr int pushers = 100, pushes = 20;
        std::vector<std::vector<int>> acknowledged(pushers);
        std::atomic<int> failures{0};
        std::vector<QThread *> threads;
        for (int p = 0; p < pushers; ++p) {
            threads.push_back(QThread::create([&, p] {
                for (int n = 0; n < pushes; ++n) {
                    const QByteArray body =
                        "pushed_" + QByteArray::number(n) + " " + QByteArray::number(p) + "\n";
                    const auto reply = rawHttp(
                        g.port,
                        pushRequest("POST", "/metrics/job/load/pusher/p" + QByteArray::number(p),
                                    body),
                        10000, false);
                    if (reply.status == 200)
                        acknowledged[size_t(p)].push_back(n);
                    else
                        ++failures;
                }
            }));
            threads.back()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        const auto metrics =
            httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(g.port)));
        QCOMPARE(metrics.status, 200);
        int acked = 0, missing = 0;
        for (int p = 0; p < pushers; ++p) {
            for (int n : acknowledged[size_t(p)]) {
                ++acked;
                const QByteArray line = "pushed_" + QByteArray::number(n) +
                                        "{instance=\"\",job=\"load\",pusher=\"p" +
                                        QByteArray::number(p) + "\"} " + QByteArray::number(p);
                if (!metrics.body.contains(line))
                    ++missing;
            }
        }
        qInfo("%d pushes acknowledged, %d refused or unanswered, %d missing", acked,
              failures.load(), missing);
        QCOMPARE(missing, 0);
        QVERIFY2(acked >= pushers * pushes * 9 / 10, "most pushes must be answered");
        stop(*g.process);
    }

    // kill -9 while a pusher PUTs an increasing sequence: the file written before the kill
    // loads, and holds at least the value acknowledged one interval (plus the time a write
    // takes) before it.
    void killNineDuringPushing() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("gateway.db"));
        const QStringList args{QStringLiteral("--gateway-persistence"), file,
                               QStringLiteral("--gateway-persistence-interval"),
                               QStringLiteral("1s")};
        constexpr qint64 intervalMs = 1000, slackMs = 500;
        qint64 sequence = 0;
        for (int round = 0; round < 3; ++round) {
            LabGateway g = startGateway(args);
            QVERIFY2(g.port, g.process->readAll().constData());
            if (round > 0) {
                // The previous round's file loaded: its last value is there.
                const auto before = httpRequest(
                    "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(g.port)));
                QCOMPARE(before.status, 200);
                QVERIFY2(before.body.contains("sequence{instance=\"\",job=\"seq\"}"),
                         before.body.left(300).constData());
            }
            QElapsedTimer clock;
            clock.start();
            std::vector<std::pair<qint64, qint64>> acked; // (ms since start, value)
            while (clock.elapsed() < 2500 + round * 300) {
                ++sequence;
                const auto reply =
                    rawHttp(g.port,
                            pushRequest("PUT", "/metrics/job/seq",
                                        "sequence " + QByteArray::number(sequence) + "\n"),
                            5000, false);
                if (reply.status == 200)
                    acked.emplace_back(clock.elapsed(), sequence);
            }
            const qint64 killedAt = clock.elapsed();
            g.process->kill(); // SIGKILL: no chance to write on the way down
            QVERIFY(g.process->waitForFinished(5000));
            qint64 mustHave = 0;
            for (const auto &[at, value] : acked) {
                if (at <= killedAt - intervalMs - slackMs)
                    mustHave = value;
            }
            QVERIFY(mustHave > 0);

            LabGateway again = startGateway(args);
            QVERIFY2(again.port, again.process->readAll().constData()); // the file loads
            const auto metrics = httpRequest(
                "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(again.port)));
            QCOMPARE(metrics.status, 200);
            const QRegularExpression re(
                QStringLiteral("^sequence\\{instance=\"\",job=\"seq\"\\} (\\d+)$"),
                QRegularExpression::MultilineOption);
            const auto m = re.match(QString::fromUtf8(metrics.body));
            QVERIFY2(m.hasMatch(), metrics.body.left(400).constData());
            const qint64 stored = m.captured(1).toLongLong();
            qInfo("round %d: %zu pushes acknowledged; stored %lld, at least %lld required", round,
                  acked.size(), stored, mustHave);
            QVERIFY(stored >= mustHave);
            QVERIFY(stored <= sequence);
            stop(*again.process);
        }
    }

    // Issue 18, defect 5: a 16 MB push was parsed on the serving thread (12.5 s during which
    // nobody was answered) and every wrong password ran bcrypt there too (a legitimate client
    // waited 695 ms median under 4 attackers). Both now run on workers: a small push with
    // cached credentials is answered while they go on.
    void slowRequestsDelayNoOtherClient() {
        const QByteArray password = "s3cret";
        const QByteArray hash = ppl::BasicAuth::hashBcrypt(password, 12);
        QVERIFY(!hash.isEmpty());
        LabGateway g = startGateway(
            {QStringLiteral("--gateway-basic-auth"), QString::fromLatin1("lab:" + hash)});
        QVERIFY2(g.port, g.process->readAll().constData());
        const QByteArray good = "Authorization: Basic " + QByteArray("lab:" + password).toBase64();
        auto push = [&](const QByteArray &auth, const QByteArray &path, const QByteArray &body) {
            return path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + auth +
                   "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        // The good credentials are verified (and cached) before the storm, as they would be
        // after a client's first push.
        QCOMPARE(
            rawHttp(g.port, push(good, "PUT /metrics/job/small", "small 0\n"), 30000, false).status,
            200);

        QByteArray big = "# TYPE big gauge\n";
        big.reserve(16 * 1024 * 1024);
        for (int i = 0; big.size() < 16 * 1024 * 1024 - 100; ++i)
            big += "big{idx=\"" + QByteArray::number(i) + "\",kind=\"abcdef\"} 12345.5\n";
        std::atomic<bool> bigDone{false};
        std::atomic<int> bigStatus{0};
        std::atomic<bool> stopAttack{false};
        std::atomic<int> refused{0};
        std::vector<QThread *> threads;
        threads.push_back(QThread::create([&] {
            bigStatus =
                rawHttp(g.port, push(good, "PUT /metrics/job/big", big), 120000, false).status;
            bigDone = true;
        }));
        for (int a = 0; a < 4; ++a) {
            threads.push_back(QThread::create([&, a] {
                for (int n = 0; !stopAttack; ++n) {
                    // A new password every time: no cache helps.
                    const QByteArray wrong =
                        "Authorization: Basic " + QByteArray("lab:guess-" + QByteArray::number(a) +
                                                             '-' + QByteArray::number(n))
                                                      .toBase64();
                    if (rawHttp(g.port, push(wrong, "PUT /metrics/job/small", "x 1\n"), 60000,
                                false)
                            .status == 401)
                        ++refused;
                }
            }));
        }
        for (QThread *t : threads)
            t->start();
        // Small pushes, one after another, for as long as the big one is under way (at least 20
        // and at least until the attackers were answered a few times).
        std::vector<double> ms;
        QElapsedTimer storm;
        storm.start();
        for (int n = 1; storm.elapsed() < 60000; ++n) {
            QElapsedTimer t;
            t.start();
            const auto reply = rawHttp(
                g.port,
                push(good, "PUT /metrics/job/small", "small " + QByteArray::number(n) + '\n'),
                60000, false);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            QCOMPARE(reply.status, 200);
            if (bigDone && ms.size() >= 20 && refused >= 8)
                break;
        }
        stopAttack = true;
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        QCOMPARE(bigStatus.load(), 200);
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        const double p99 = sorted[sorted.size() * 99 / 100];
        const double worst = sorted.back();
        qInfo("%zu small pushes during a 16 MB push and %d refused attacks (cost 12): median "
              "%.1f ms, 99th percentile %.1f ms, worst %.1f ms",
              sorted.size(), refused.load(), median, p99, worst);
        // The target is 100 ms. Measured on a loaded 2-core machine: before, median
        // 2,882 ms and worst 13.8 s (the parse and every bcrypt run on the serving thread);
        // after, median 0.2 ms, 99th percentile 12 ms, worst 148-841 ms (the machine's other
        // load). The bounds leave room for that and still fail on either stall.
        QVERIFY2(median < 150, qPrintable(QStringLiteral("median %1 ms").arg(median)));
        QVERIFY2(p99 < 1000, qPrintable(QStringLiteral("99th percentile %1 ms").arg(p99)));
        stop(*g.process);
    }

    // 5,000 connections opened and left idle: a new client's request is still answered within
    // 10 ms (median of 21).
    void fiveThousandIdleConnections() {
        LabGateway g = startGateway();
        QVERIFY2(g.port, g.process->readAll().constData());
        std::vector<int> idle;
        const auto closeIdle = qScopeGuard([&] { closeAll(idle); });
        openIdle(g.port, idle);
        if (QTest::currentTestFailed())
            return;
        const double median = medianLatency(g.port);
        // The bound. Qt 6.4's own event loop polled every socket on each pass (16-24 ms
        // here under load); the headless lab's epoll dispatcher answers in ≈0.6 ms, so the
        // bound sits far from the figure.
        QVERIFY2(median < 10.0, qPrintable(QStringLiteral("median %1 ms").arg(median)));
        QVERIFY(stillOpen(idle) > 4900);
        stop(*g.process);
    }

    // The same with the window's lab (QApplication with the platform's event dispatcher: glib
    // here, QT_QPA_PLATFORM=offscreen), which polls every enabled socket notifier on each pass:
    // 26-53 ms a request with 5,000 idle connections on a loaded 2-core machine. HttpFront
    // parks a connection quiet for a second (IdleSocketParking): once they are parked, a
    // request is answered as fast as without them (0.2-0.3 ms; tests/bench/bench_windowidle).
    void fiveThousandIdleConnectionsWindow() {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const quint16 gatewayPort = ppl::test::freeLoopbackPort();
        const quint16 serverPort = ppl::test::freeLoopbackPort();
        QVERIFY(gatewayPort && serverPort && gatewayPort != serverPort);
        QProcess window;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path()); // its settings stay in the test's dir
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        window.setProcessEnvironment(env);
        window.start(labBinary(),
                     {QStringLiteral("--gateway-listen"),
                      QStringLiteral("127.0.0.1:%1").arg(gatewayPort), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:%1").arg(serverPort)});
        QVERIFY(window.waitForStarted(5000));
        const auto stopWindow = qScopeGuard([&] { stop(window); });
        QTRY_VERIFY_WITH_TIMEOUT(rawHttp(gatewayPort, kHealthy, 1000, false).status == 200, 30000);
        std::vector<int> idle;
        const auto closeIdle = qScopeGuard([&] { closeAll(idle); });
        openIdle(gatewayPort, idle);
        if (QTest::currentTestFailed())
            return;
        // Parking starts after a second of quiet; the bound on the wait is generous.
        double median = 0;
        QTRY_VERIFY2_WITH_TIMEOUT((median = medianLatency(gatewayPort)) < 10.0,
                                  qPrintable(QStringLiteral("median %1 ms").arg(median)), 20000);
        QVERIFY(stillOpen(idle) > 4900);
        QCOMPARE(window.state(), QProcess::Running);
    }

private:
    static constexpr const char *kHealthy =
        "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    // Opens 5,000 connections to port (into idle) and waits until the server took them all.
    void openIdle(quint16 port, std::vector<int> &idle) {
        // Plain descriptors, not QTcpSockets: 5,000 socket notifiers in this thread's event
        // loop would slow down the measuring client, not the gateway.
        idle.reserve(5000);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QElapsedTimer connecting;
        connecting.start();
        for (int i = 0; i < 5000; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            QVERIFY(fd >= 0);
            idle.push_back(fd);
            QVERIFY2(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) ==
                         0,
                     qPrintable(QStringLiteral("connection %1: %2").arg(i).arg(errno)));
        }
        // Let the gateway accept them all (the kernel completes a handshake before the
        // server accepts): a request queued behind accepts is not what "idle" means.
        qInfo("5,000 connections established in %lld ms", connecting.elapsed());
        // With Qt's backlog of 50 this took 60-100 s (clients waiting for SYN retransmits);
        // with the system's, well under a second. A generous bound that still catches it.
        QVERIFY(connecting.elapsed() < 30000);
        // One unmeasured request: it is answered only after the gateway has taken every
        // connection queued before it (the accept queue is first in, first out).
        QCOMPARE(rawHttp(port, kHealthy, 30000, false).status, 200);
    }

    // The median time of 21 requests, each on a new connection; 1e9 if one fails.
    static double medianLatency(quint16 port) {
        std::vector<double> ms;
        for (int i = 0; i < 21; ++i) {
            QElapsedTimer t;
            t.start();
            const auto reply = rawHttp(port, kHealthy, 5000, false);
            ms.push_back(reply.status == 200 ? t.nsecsElapsed() / 1e6 : 1e9);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("with 5,000 idle connections: median %.2f ms, worst %.2f ms", ms[10], ms.back());
        return ms[10];
    }

    // How many of the idle ones are still open (no limit closed them): nothing to read, no EOF.
    static int stillOpen(const std::vector<int> &idle) {
        int open = 0;
        for (int fd : idle) {
            char c;
            const ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT);
            open += n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
        return open;
    }

    static void closeAll(std::vector<int> &idle) {
        for (int fd : idle)
            ::close(fd);
        idle.clear();
    }
};

QTEST_GUILESS_MAIN(TestGatewayLoad)
#include "tst_gatewayload.moc"
