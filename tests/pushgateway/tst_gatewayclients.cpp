// Real clients against the lab gateway: Python prometheus_client, prometheus-cpp's Gateway,
// and a real Prometheus 2.42 scraping the gateway with honor_labels: true.
#include "pushgateway/pushgatewayserver.h"
#include "realpeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ppl;
using namespace ppl::test;

class TestGatewayClients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pythonClient();
    void cppClient();
    void prometheusScrapesTheGateway();

private:
    // Runs a client while the event loop keeps serving the in-process gateway.
    QByteArray runClient(const QString &program, const QStringList &args);
    QString metrics();
    std::unique_ptr<PushgatewayServer> m_gateway;
};

void TestGatewayClients::initTestCase() {
    PushgatewayOptions options;
    options.port = 0;
    m_gateway = std::make_unique<PushgatewayServer>(options);
    QCOMPARE(m_gateway->start(), QString());
    QVERIFY(m_gateway->port() != 0);
}

QByteArray TestGatewayClients::runClient(const QString &program, const QStringList &args) {
    QProcess process;
    // The clients talk to 127.0.0.1: a proxy in the environment (CI machines have them) must
    // not be asked to reach it.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost,::1"));
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost,::1"));
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForStarted(10000))
        return "not started: " + process.errorString().toUtf8();
    [&] { QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30000); }();
    return process.readAllStandardOutput().trimmed() + process.readAllStandardError().trimmed();
}

QString TestGatewayClients::metrics() {
    return QString::fromUtf8(httpRequest("GET", m_gateway->url().resolved(QUrl("/metrics"))).body);
}

void TestGatewayClients::pythonClient() {
    if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
        QSKIP("python3 is not installed");
    const QString script =
        qEnvironmentVariable("PPL_SOURCE_DIR") + QStringLiteral("/tests/pushgateway/pyclient.py");
    const QString address = QStringLiteral("127.0.0.1:%1").arg(m_gateway->port());
    QCOMPARE(runClient("/usr/bin/python3", {script, address, "push", "3"}), QByteArray("ok"));
    QString m = metrics();
    QVERIFY2(
        m.contains(
            R"(batch_job_executions_total{instance="job-instance-1",job="batch_processor",status="success"} 3)"),
        qPrintable(m));
    QVERIFY(m.contains(
        R"(batch_job_last_success_unixtime{instance="job-instance-1",job="batch_processor"} 3)"));
    // pushadd replaces only the counter family; the gauge stays.
    QCOMPARE(runClient("/usr/bin/python3", {script, address, "pushadd", "5"}), QByteArray("ok"));
    m = metrics();
    QVERIFY(m.contains(
        R"(batch_job_executions_total{instance="job-instance-1",job="batch_processor",status="success"} 5)"));
    QVERIFY(m.contains(
        R"(batch_job_last_success_unixtime{instance="job-instance-1",job="batch_processor"} 3)"));
    QCOMPARE(runClient("/usr/bin/python3", {script, address, "delete", "0"}), QByteArray("ok"));
    QVERIFY(!metrics().contains(QStringLiteral("batch_processor")));
}

void TestGatewayClients::cppClient() {
    const QString program = qEnvironmentVariable("PPL_BINARY_DIR") +
                            QStringLiteral("/tests/pushgateway/cppgatewayclient");
    if (!QFile::exists(program))
        QSKIP("cppgatewayclient was not built (prometheus-cpp-dev missing)");
    const QString port = QString::number(m_gateway->port());
    QCOMPARE(runClient(program, {port, "push", "2"}), QByteArray("200"));
    QString m = metrics();
    QVERIFY2(m.contains(R"(cpp_job_runs_total{instance="cpp-1",job="cpp_job",status="success"} 2)"),
             qPrintable(m));
    QVERIFY(m.contains(R"(cpp_job_last_value{instance="cpp-1",job="cpp_job"} 2)"));
    QCOMPARE(runClient(program, {port, "pushadd", "7"}), QByteArray("200"));
    m = metrics();
    QVERIFY(m.contains(R"(cpp_job_runs_total{instance="cpp-1",job="cpp_job",status="success"} 7)"));
    // prometheus-cpp 1.0.1 sends Push() as POST and PushAdd() as PUT (swapped against the
    // other clients), so its PushAdd replaces the whole group: the real gateway drops the
    // gauge too.
    QVERIFY(!m.contains(QStringLiteral("cpp_job_last_value")));
    QCOMPARE(runClient(program, {port, "delete", "0"}), QByteArray("202"));
    QVERIFY(!metrics().contains(QStringLiteral("cpp_job")));
}

void TestGatewayClients::prometheusScrapesTheGateway() {
    if (!RealPeer::available(QStringLiteral("prometheus")))
        QSKIP("prometheus is not installed");
    const QByteArray body = "# TYPE job_duration_seconds gauge\njob_duration_seconds 12.5\n";
    const auto pushed = httpRequest(
        "PUT", m_gateway->url().resolved(QUrl("/metrics/job/database_backup/instance/host-1")),
        body);
    QCOMPARE(pushed.status, 200);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("global:\n  scrape_interval: 1s\n"
                               "scrape_configs:\n"
                               "  - job_name: 'pushgateway'\n"
                               "    honor_labels: true\n"
                               "    static_configs:\n"
                               "      - targets: ['127.0.0.1:%1']\n")
                    .arg(m_gateway->port())
                    .toUtf8());
    }
    RealPeer prometheus(QStringLiteral("prometheus"),
                        {QStringLiteral("--config.file=") + config,
                         QStringLiteral("--storage.tsdb.path=") + dir.filePath("data")});
    QVERIFY2(prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
             qPrintable(prometheus.output()));
    auto query = [&](const QString &expr) {
        QUrl url = prometheus.url(QStringLiteral("/api/v1/query"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("query"), expr);
        url.setQuery(q);
        return QJsonDocument::fromJson(httpRequest("GET", url).body)
            .object()
            .value(QStringLiteral("data"))
            .toObject()
            .value(QStringLiteral("result"))
            .toArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("job_duration_seconds")).size(), 1, 20000);
    const QJsonObject series = query(QStringLiteral("job_duration_seconds"))
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("metric"))
                                   .toObject();
    QCOMPARE(series.value(QStringLiteral("job")).toString(), QStringLiteral("database_backup"));
    QCOMPARE(series.value(QStringLiteral("instance")).toString(), QStringLiteral("host-1"));
    const QJsonArray pushTime =
        query(QStringLiteral("push_time_seconds{job=\"database_backup\",instance=\"host-1\"}"));
    QCOMPARE(pushTime.size(), 1);
    const double seconds = pushTime.first()
                               .toObject()
                               .value(QStringLiteral("value"))
                               .toArray()
                               .at(1)
                               .toString()
                               .toDouble();
    QVERIFY(seconds > 1.6e9);
    // up for the gateway itself: its empty instance label was dropped by honor_labels, so the
    // scrape's own instance (the target address) is there.
    QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("up{job=\"pushgateway\"} == 1")).size(), 1,
                              10000);
}

QTEST_GUILESS_MAIN(TestGatewayClients)
#include "tst_gatewayclients.moc"
