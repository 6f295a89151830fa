// Unit tests of the lab Pushgateway: grouping-key parsing, store semantics, persistence,
// restart, basic auth, body limit, signals and promtool acceptance.
#include "pushgateway/basicauth.h"
#include "pushgateway/gatewaypersistence.h"
#include "pushgateway/groupingkey.h"
#include "pushgateway/pushgatewayserver.h"
#include "realpeer.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <crypt.h>

using namespace ppl;
using namespace ppl::test;

namespace {

MetricFamily gauge(const QByteArray &name, double value) {
    MetricFamily f;
    f.name = name;
    f.type = MetricType::Gauge;
    f.samples.push_back({name, {}, value, std::nullopt});
    return f;
}

QByteArray bcrypt(const QByteArray &password) {
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", 4, nullptr, 0, salt, sizeof(salt)))
        return {};
    crypt_data data{};
    return QByteArray(crypt_r(password.constData(), salt, &data));
}

} // namespace

class TestPushgatewayUnit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupingKey_data();
    void groupingKey();
    void base64();
    void putPostDelete();
    void consistencyFailureRecordsTime();
    void groupingKeyNotUtf8IsRefusedAndStoresNothing();
    void persistenceRoundTripAndRestart();
    void persistenceInterval();
    void basicAuth();
    void hashBcryptIsWhatTheRealWebConfigTakes();
    void basicAuthBytesAndWork_data();
    void basicAuthBytesAndWork();
    void bodyLimit();
    void pushSignals();
    void largePushesLeaveTheServingThread();
    void pipelinedAnswersKeepTheirOrder();
    void promtoolAcceptsExposition();
};

void TestPushgatewayUnit::groupingKey_data() {
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("key"); // toString() when 200
    QTest::addRow("job only") << QByteArray("/metrics/job/j") << 200 << "{job=\"j\"}";
    QTest::addRow("trailing slash") << QByteArray("/metrics/job/j/") << 200 << "{job=\"j\"}";
    QTest::addRow("labels") << QByteArray("/metrics/job/j/instance/i/a/b") << 200
                            << "{job=\"j\",a=\"b\",instance=\"i\"}";
    QTest::addRow("repeated label last wins")
        << QByteArray("/metrics/job/j/a/1/a/2") << 200 << "{job=\"j\",a=\"2\"}";
    QTest::addRow("base64 job") << QByteArray("/metrics/job@base64/L3Zhci90bXA") << 200
                                << "{job=\"/var/tmp\"}";
    QTest::addRow("base64 value padded") << QByteArray("/metrics/job/j/p@base64/L3Zhci90bXA=")
                                         << 200 << "{job=\"j\",p=\"/var/tmp\"}";
    QTest::addRow("base64 empty value")
        << QByteArray("/metrics/job/j/p@base64/=") << 200 << "{job=\"j\",p=\"\"}";
    QTest::addRow("odd segments") << QByteArray("/metrics/job/j/a") << 400 << "";
    QTest::addRow("odd with trailing slash") << QByteArray("/metrics/job/j/a/b/") << 400 << "";
    QTest::addRow("invalid label name") << QByteArray("/metrics/job/j/1a/b") << 400 << "";
    QTest::addRow("reserved label name") << QByteArray("/metrics/job/j/__a/b") << 400 << "";
    QTest::addRow("invalid base64") << QByteArray("/metrics/job/j/a@base64/!") << 400 << "";
    QTest::addRow("invalid base64 length") << QByteArray("/metrics/job/j/a@base64/a") << 400 << "";
    QTest::addRow("empty base64 job") << QByteArray("/metrics/job@base64/=") << 400 << "";
    QTest::addRow("empty job redirects") << QByteArray("/metrics/job/") << 307 << "";
    QTest::addRow("double slash redirects") << QByteArray("/metrics/job/j//a") << 301 << "";
    QTest::addRow("not a push path") << QByteArray("/metrics/jobs/j") << 404 << "";
}

void TestPushgatewayUnit::groupingKey() {
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    QFETCH(QString, key);
    const GroupingKeyParse parsed = parseGroupingKeyPath(path);
    QCOMPARE(parsed.status, status);
    QCOMPARE(parsed.key.has_value(), status == 200);
    if (parsed.key)
        QCOMPARE(parsed.key->toString(), key);
}

void TestPushgatewayUnit::base64() {
    QCOMPARE(decodeUrlSafeBase64("YQ"), std::optional<QByteArray>("a"));
    QCOMPARE(decodeUrlSafeBase64("YQ=="), std::optional<QByteArray>("a"));
    QCOMPARE(decodeUrlSafeBase64("_-8"), std::optional<QByteArray>("\xff\xef"));
    QVERIFY(!decodeUrlSafeBase64("a+b/"));
    QCOMPARE(percentDecodePath("a%20b"), std::optional<QByteArray>("a b"));
    QVERIFY(!percentDecodePath("a%2"));
}

void TestPushgatewayUnit::putPostDelete() {
    MetricGroups store;
    const GroupingKey key(std::vector<LabelPair>{{"job", "j"}});
    QVERIFY(store.apply({key, WriteMode::Replace, {gauge("a", 1), gauge("b", 2)}, 1000}).accepted);
    QVERIFY(store.apply({key, WriteMode::Merge, {gauge("a", 5), gauge("c", 3)}, 2000}).accepted);
    auto g = store.group(key);
    QVERIFY(g);
    QCOMPARE(g->families.size(), size_t(3));
    QCOMPARE(g->families[0].samples[0].value, 5.0);
    QCOMPARE(g->pushTimeMs, qint64(2000));
    QVERIFY(store.apply({key, WriteMode::Replace, {gauge("d", 4)}, 3000}).accepted);
    QCOMPARE(store.group(key)->families.size(), size_t(1));
    QVERIFY(store.exposition().contains("d{instance=\"\",job=\"j\"} 4\n"));
    QVERIFY(store.exposition().contains("push_time_seconds{instance=\"\",job=\"j\"} 3\n"));
    QVERIFY(store.apply({key, WriteMode::Delete, {}, 4000}).accepted);
    QCOMPARE(store.groupCount(), 0);
    QVERIFY(!store.exposition().contains("job=\"j\""));
}

void TestPushgatewayUnit::consistencyFailureRecordsTime() {
    MetricGroups store;
    const GroupingKey j1(std::vector<LabelPair>{{"job", "j1"}});
    const GroupingKey j2(std::vector<LabelPair>{{"job", "j2"}});
    QVERIFY(store.apply({j1, WriteMode::Replace, {gauge("m", 1)}, 1000}).accepted);
    MetricFamily counter = gauge("m", 2);
    counter.type = MetricType::Counter;
    const WriteResult r = store.apply({j2, WriteMode::Replace, {counter}, 2000});
    QVERIFY(!r.accepted);
    QVERIFY(r.error.startsWith("pushed metrics are invalid or inconsistent"));
    const auto g = store.group(j2);
    QVERIFY(g);
    QCOMPARE(g->pushTimeMs, qint64(0));
    QCOMPARE(g->pushFailureTimeMs, qint64(2000));
    QVERIFY(!g->lastPushSuccessful());
    MetricFamily stamped = gauge("x", 1);
    stamped.samples[0].timestampMs = 5;
    QVERIFY(!store.apply({j1, WriteMode::Merge, {stamped}, 3000}).accepted);
    QCOMPARE(store.group(j1)->families.size(), size_t(1)); // existing metrics stay
}

// fuzz_gatewaypush's finding: /metrics/job/%FF%00q. The real 1.5.1 answers 400 naming
// push_time_seconds, but then stores the failure under that key and answers its own /metrics
// with 500 from then on; the lab refuses the same way and stores nothing.
void TestPushgatewayUnit::groupingKeyNotUtf8IsRefusedAndStoresNothing() {
    MetricGroups store;
    const GroupingKey kept(std::vector<LabelPair>{{"job", "kept"}});
    QVERIFY(store.apply({kept, WriteMode::Replace, {gauge("m", 1)}, 1000}).accepted);
    const QByteArray before = store.exposition();
    const GroupingKey broken(std::vector<LabelPair>{{"job", QByteArray("\xff\x00q", 3)}});
    for (const bool withMetric : {false, true}) {
        std::vector<MetricFamily> families;
        if (withMetric)
            families.push_back(gauge("q", 1));
        const WriteResult r = store.apply({broken, WriteMode::Replace, families, 2000});
        QVERIFY(!r.accepted);
        QVERIFY2(r.error.startsWith("pushed metrics are invalid or inconsistent") &&
                     r.error.contains("whose value is not utf8"),
                 qPrintable(r.error));
        QCOMPARE(r.error.contains("push_time_seconds"), !withMetric);
        QVERIFY(!store.group(broken));
        QCOMPARE(store.exposition(), before);
    }
    // Refused for a timestamp first (fuzz_gatewaypush, CI): still nothing stored.
    MetricFamily stamped = gauge("a", 1);
    stamped.samples[0].timestampMs = 1700000000000;
    const GroupingKey f8(std::vector<LabelPair>{{"job", QByteArray("\xf8")}});
    const WriteResult r = store.apply({f8, WriteMode::Replace, {stamped}, 3000});
    QVERIFY(!r.accepted);
    QVERIFY2(r.error.contains("must not have timestamps"), qPrintable(r.error));
    QVERIFY(!store.group(f8));
    QCOMPARE(store.exposition(), before);
}

void TestPushgatewayUnit::persistenceRoundTripAndRestart() {
    QTemporaryDir dir;
    ManualClock clock;
    PushgatewayOptions options;
    options.port = 0;
    options.persistenceFile = dir.filePath(QStringLiteral("gw.json"));
    MetricFamily hist;
    hist.name = "h";
    hist.type = MetricType::Histogram;
    hist.samples.push_back({"h_bucket", {{"le", "1"}}, 2, std::nullopt});
    hist.samples.push_back({"h_sum", {}, 0.5, std::nullopt});
    hist.samples.push_back({"h_count", {}, 2, std::nullopt});
    QByteArray before;
    {
        PushgatewayServer server(options, &clock);
        QCOMPARE(server.start(), QString());
        QVERIFY(server
                    .push(GroupingKey(std::vector<LabelPair>{{"job", "a"}, {"instance", "x\"y"}}),
                          WriteMode::Replace, {gauge("g", 1.5), hist})
                    .accepted);
        before = server.groups()->exposition();
        // A crash restart loses what was not yet persisted.
        server.restart(false);
        QCOMPARE(server.groups()->groupCount(), 0);
        QVERIFY(server
                    .push(GroupingKey(std::vector<LabelPair>{{"job", "a"}, {"instance", "x\"y"}}),
                          WriteMode::Replace, {gauge("g", 1.5), hist})
                    .accepted);
        // A clean restart writes the file first and reads it back.
        server.restart(true);
        QCOMPARE(server.groups()->exposition(), before);
    } // destructor persists
    PushgatewayServer again(options, &clock);
    QCOMPARE(again.start(), QString());
    QCOMPARE(again.groups()->exposition(), before);
    // Without persistence, a restart forgets everything.
    PushgatewayOptions memoryOnly;
    memoryOnly.port = 0;
    PushgatewayServer volatileGateway(memoryOnly, &clock);
    QCOMPARE(volatileGateway.start(), QString());
    volatileGateway.push(GroupingKey(std::vector<LabelPair>{{"job", "a"}}), WriteMode::Replace,
                         {gauge("g", 1)});
    volatileGateway.restart();
    QCOMPARE(volatileGateway.groups()->groupCount(), 0);
}

void TestPushgatewayUnit::persistenceInterval() {
    QTemporaryDir dir;
    ManualClock clock;
    PushgatewayOptions options;
    options.port = 0;
    options.persistenceFile = dir.filePath(QStringLiteral("gw.json"));
    options.persistenceIntervalMs = 60'000;
    PushgatewayServer server(options, &clock);
    QCOMPARE(server.start(), QString());
    server.push(GroupingKey(std::vector<LabelPair>{{"job", "a"}}), WriteMode::Replace,
                {gauge("g", 1)});
    QVERIFY(!QFile::exists(options.persistenceFile));
    clock.advance(59'000);
    QVERIFY(!QFile::exists(options.persistenceFile));
    clock.advance(1'000);
    QVERIFY(QFile::exists(options.persistenceFile));
    const auto loaded = GatewayPersistence::load(options.persistenceFile);
    QVERIFY(loaded);
    QCOMPARE(loaded->size(), size_t(1));
    // Issue 18, defect 9: the real gateway's file is 0600; ours was 0644, also when it
    // replaces a file that was more open.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QCOMPARE(QFile::permissions(options.persistenceFile) & 0x7077, ownerOnly);
    QVERIFY(QFile::setPermissions(options.persistenceFile,
                                  ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(server.persistNow());
    QCOMPARE(QFile::permissions(options.persistenceFile) & 0x7077, ownerOnly);
}

void TestPushgatewayUnit::basicAuth() {
    const QByteArray hash = bcrypt("secret");
    QVERIFY(hash.startsWith("$2b$"));
    QVERIFY(BasicAuth::verifyBcrypt("secret", hash));
    QVERIFY(!BasicAuth::verifyBcrypt("wrong", hash));
    PushgatewayOptions options;
    options.port = 0;
    QVERIFY(options.setBasicAuth(QStringLiteral("lab:") + QString::fromLatin1(hash)));
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    const QUrl push = server.url().resolved(QUrl("/metrics/job/j"));
    QCOMPARE(httpRequest("PUT", push, "a 1\n").status, 401);
    QCOMPARE(httpRequest("GET", server.url().resolved(QUrl("/metrics"))).status, 401);
    const QByteArray bad = "Basic " + QByteArray("lab:nope").toBase64();
    QCOMPARE(httpRequest("PUT", push, "a 1\n", {{"Authorization", bad}}).status, 401);
    const QByteArray good = "Basic " + QByteArray("lab:secret").toBase64();
    QCOMPARE(httpRequest("PUT", push, "a 1\n", {{"Authorization", good}}).status, 200);
    QCOMPARE(server.groups()->groupCount(), 1);
}

// Issue 12 §4: the window's basic-auth toggle stores a bcrypt hash it makes itself; a fresh
// salt each time, refused for a NUL password, and accepted by the real Pushgateway 1.5.1's
// --web.config.file as basic_auth_users.
void TestPushgatewayUnit::hashBcryptIsWhatTheRealWebConfigTakes() {
    const QByteArray a = BasicAuth::hashBcrypt("s3cret");
    const QByteArray b = BasicAuth::hashBcrypt("s3cret");
    QVERIFY2(a.startsWith("$2b$10$"), a.constData());
    QVERIFY(a != b); // salted
    QVERIFY(BasicAuth::verifyBcrypt("s3cret", a));
    QVERIFY(BasicAuth::verifyBcrypt("s3cret", b));
    QVERIFY(!BasicAuth::verifyBcrypt("s3cre", a));
    QVERIFY(BasicAuth::hashBcrypt(QByteArray("s3\0cret", 7)).isEmpty());
    if (!RealPeer::available(QStringLiteral("prometheus-pushgateway")))
        QSKIP("prometheus-pushgateway is not installed");
    QTemporaryDir dir;
    const QString web = dir.filePath(QStringLiteral("web.yml"));
    QFile f(web);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("basic_auth_users:\n  teacher: '" + a + "'\n");
    f.close();
    RealPeer real(
        QStringLiteral("prometheus-pushgateway"),
        {QStringLiteral("--persistence.file="), QStringLiteral("--web.config.file=") + web});
    // Behind basic auth, /metrics answers 401 once the gateway is up.
    QVERIFY2(
        real.start(QStringLiteral("--web.listen-address"), QStringLiteral("/metrics"), 15000, 401),
        qPrintable(real.output()));
    const QUrl push(real.url().toString() + QStringLiteral("/metrics/job/j"));
    const QByteArray good = "Basic " + QByteArray("teacher:s3cret").toBase64();
    const QByteArray bad = "Basic " + QByteArray("teacher:wrong").toBase64();
    QCOMPARE(httpRequest("PUT", push, "a 1\n", {{"Authorization", bad}}).status, 401);
    QCOMPARE(httpRequest("PUT", push, "a 1\n", {{"Authorization", good}}).status, 200);
}

// Issue 18, defect 6: "pass\0junk" was accepted (crypt stops at NUL); an unknown user was
// answered without a bcrypt run (a timing oracle for user names); failures were not cached.
void TestPushgatewayUnit::basicAuthBytesAndWork_data() {
    QTest::addColumn<QByteArray>("credentials"); // user:password, base64-encoded in the header
    QTest::addColumn<bool>("accepted");
    QTest::newRow("right") << QByteArray("lab:secret") << true;
    QTest::newRow("NUL suffix") << QByteArray("lab:secret\0junk", 15) << false;
    QTest::newRow("NUL only") << QByteArray("lab:secret\0", 11) << false;
    QTest::newRow("wrong password") << QByteArray("lab:nope") << false;
    QTest::newRow("unknown user") << QByteArray("eve:secret") << false;
    QTest::newRow("user prefix") << QByteArray("la:secret") << false;
    QTest::newRow("empty user") << QByteArray(":secret") << false;
}

void TestPushgatewayUnit::basicAuthBytesAndWork() {
    QFETCH(QByteArray, credentials);
    QFETCH(bool, accepted);
    static const QByteArray hash = bcrypt("secret");
    BasicAuth auth("lab", hash);
    const QByteArray header = "Basic " + credentials.toBase64();
    QCOMPARE(auth.check(header), accepted);
    QCOMPARE(auth.bcryptRuns(), quint64(1)); // known user or not: one bcrypt run
    QCOMPARE(auth.check(header), accepted);
    QCOMPARE(auth.bcryptRuns(), quint64(1)); // the outcome, good or bad, is cached
    // The cache is bounded.
    for (int i = 0; i < 2 * BasicAuth::CacheSize; ++i)
        QVERIFY(!auth.check("Basic " + ("lab:guess" + QByteArray::number(i)).toBase64()));
    QCOMPARE(auth.bcryptRuns(), quint64(1 + 2 * BasicAuth::CacheSize));
    QCOMPARE(auth.check(header), accepted); // evicted or not, the answer holds
}

void TestPushgatewayUnit::bodyLimit() {
    PushgatewayOptions options;
    options.port = 0;
    options.bodyLimitBytes = 1024;
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    const QUrl push = server.url().resolved(QUrl("/metrics/job/j"));
    QCOMPARE(httpRequest("PUT", push, "a 1\n").status, 200);
    QByteArray big;
    for (int i = 0; big.size() <= 1024; ++i)
        big += "m" + QByteArray::number(i) + " 1\n";
    QCOMPARE(httpRequest("PUT", push, big).status, 413);
    QCOMPARE(
        server.groups()->group(GroupingKey(std::vector<LabelPair>{{"job", "j"}}))->families.size(),
        size_t(1));
}

namespace {

QByteArray rawPut(const QByteArray &path, const QByteArray &body) {
    return "PUT " + path +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

QByteArray manySeries(const QByteArray &name, qsizetype bytes) {
    QByteArray body = "# TYPE " + name + " gauge\n";
    for (int i = 0; body.size() < bytes; ++i)
        body += name + "{i=\"" + QByteArray::number(i) + "\"} 1\n";
    return body;
}

// Complete responses (status lines) read so far from socket, in order.
QList<int> statuses(QByteArray &buffer, QTcpSocket &socket) {
    buffer += socket.readAll();
    QList<int> out;
    qsizetype at = 0;
    while ((at = buffer.indexOf("HTTP/1.1 ", at)) >= 0) {
        out.append(buffer.mid(at + 9, 3).toInt());
        at += 9;
    }
    return out;
}

} // namespace

// Issue 18, defect 5: a large body is parsed on a worker. Meanwhile another group's push is
// answered; a later push to the same group waits and is applied after it (arrival order per
// group, each stamped when applied), so the group ends with the later push's content.
void TestPushgatewayUnit::largePushesLeaveTheServingThread() {
    PushgatewayOptions options;
    options.port = 0;
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    QSignalSpy accepted(&server, &PushgatewayServer::pushAccepted);
    QTcpSocket big;
    big.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(big.waitForConnected(5000));
    big.write(rawPut("/metrics/job/g", manySeries("big", 8 * 1024 * 1024)));
    // Received and handed to a worker: one write in flight, nothing applied yet.
    QTRY_COMPARE_WITH_TIMEOUT(server.writesInFlight(), 1, 20000);
    QVERIFY(!server.groups()->group(GroupingKey(std::vector<LabelPair>{{"job", "g"}})));
    // Another group is served at once, while the big body is still being parsed.
    QCOMPARE(httpRequest("PUT", server.url().resolved(QUrl("/metrics/job/other")), "o 1\n").status,
             200);
    QCOMPARE(server.writesInFlight(), 1);
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.first().at(0).toString(), QStringLiteral("{job=\"other\"}"));
    // A small push to the same group queues behind the big one.
    QTcpSocket small;
    small.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(small.waitForConnected(5000));
    small.write(rawPut("/metrics/job/g", "small 1\n"));
    QByteArray bigReply, smallReply;
    QTRY_COMPARE_WITH_TIMEOUT(server.writesInFlight(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(statuses(smallReply, small), QList<int>{200}, 60000);
    QCOMPARE(statuses(bigReply, big), QList<int>{200}); // answered first
    QCOMPARE(server.writesInFlight(), 0);
    QCOMPARE(accepted.size(), 3);
    const auto group = server.groups()->group(GroupingKey(std::vector<LabelPair>{{"job", "g"}}));
    QVERIFY(group);
    QCOMPARE(group->families.size(), size_t(1));
    QCOMPARE(group->families.front().name, QByteArray("small"));
}

// Requests pipelined on one connection are answered in order, even when the first waits for
// a worker and the second could be answered at once.
void TestPushgatewayUnit::pipelinedAnswersKeepTheirOrder() {
    PushgatewayOptions options;
    options.port = 0;
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(rawPut("/metrics/job/g", manySeries("big", 2 * 1024 * 1024)) +
                 "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" +
                 rawPut("/metrics/job/g", "bad line\n") + rawPut("/metrics/job/h", "h 1\n"));
    QByteArray buffer;
    QTRY_COMPARE_WITH_TIMEOUT(statuses(buffer, socket), (QList<int>{200, 200, 400, 200}), 60000);
    QVERIFY(buffer.contains("\r\n\r\nOK")); // the health answer, second
    QCOMPARE(server.groups()->groupCount(), 2);
}

void TestPushgatewayUnit::pushSignals() {
    PushgatewayOptions options;
    options.port = 0;
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    QSignalSpy accepted(&server, &PushgatewayServer::pushAccepted);
    QSignalSpy rejected(&server, &PushgatewayServer::pushRejected);
    QSignalSpy added(server.groups(), &MetricGroups::groupAdded);
    QSignalSpy changed(server.groups(), &MetricGroups::groupChanged);
    QSignalSpy removed(server.groups(), &MetricGroups::groupRemoved);
    const QUrl push = server.url().resolved(QUrl("/metrics/job/j"));
    const auto agent = [](const char *name) {
        return QList<QPair<QByteArray, QByteArray>>{{"User-Agent", name}};
    };
    QCOMPARE(httpRequest("PUT", push, "a 1\n", agent("client-a")).status, 200);
    QCOMPARE(httpRequest("POST", push, "b 1\n", agent("client-b")).status, 200);
    QCOMPARE(httpRequest("PUT", push, "a 1", agent("client-c")).status, 400);
    QCOMPARE(httpRequest("DELETE", push, {}, agent("client-d")).status, 202);
    QCOMPARE(accepted.size(), 3);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().at(2).toInt(), 400);
    QVERIFY(rejected.first().at(3).toString().contains("text format parsing error in line 1"));
    // Each signal carries the User-Agent of the request it is about.
    QCOMPARE(accepted.at(0).at(3).toByteArray(), QByteArray("client-a"));
    QCOMPARE(accepted.at(1).at(3).toByteArray(), QByteArray("client-b"));
    QCOMPARE(accepted.at(2).at(3).toByteArray(), QByteArray("client-d"));
    QCOMPARE(rejected.first().at(4).toByteArray(), QByteArray("client-c"));
    QCOMPARE(added.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size(), 1);
}

void TestPushgatewayUnit::promtoolAcceptsExposition() {
    if (!RealPeer::available(QStringLiteral("promtool")))
        QSKIP("promtool is not installed");
    PushgatewayOptions options;
    options.port = 0;
    PushgatewayServer server(options);
    QCOMPARE(server.start(), QString());
    httpRequest("PUT", server.url().resolved(QUrl("/metrics/job/j/instance/i")),
                "# HELP job_duration_seconds Duration.\n# TYPE job_duration_seconds gauge\n"
                "job_duration_seconds 1\n# HELP h_seconds H.\n# TYPE h_seconds histogram\n"
                "h_seconds_bucket{le=\"1\"} 1\nh_seconds_sum 0.5\nh_seconds_count 1\n");
    const QByteArray body = httpRequest("GET", server.url().resolved(QUrl("/metrics"))).body;
    QProcess promtool;
    promtool.start(QStringLiteral("promtool"),
                   {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(promtool.waitForStarted());
    promtool.write(body);
    promtool.closeWriteChannel();
    QVERIFY(promtool.waitForFinished(20000));
    QVERIFY2(promtool.exitCode() == 0,
             (promtool.readAllStandardOutput() + promtool.readAllStandardError() + "\n" + body)
                 .constData());
}

QTEST_GUILESS_MAIN(TestPushgatewayUnit)
#include "tst_pushgatewayunit.moc"
