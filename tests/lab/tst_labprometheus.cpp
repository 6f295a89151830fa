// A real Prometheus 2.42 and the lab's own scraper watch the same lab (system clock, real
// loopback ports): they must agree on `up` for every simulated target before and after a
// kill, on the errors the fault modes produce, and on the series a job pushed to the lab's
// gateway (scraped with honor_labels).
#include "labtesthelpers.h"
#include "realpeer.h"

#include "lab/lab.h"
#include "sim/simulatedtarget.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::instantQuery;
using ppl::test::RealPeer;
using ppl::test::scenarioFrom;

namespace {
const QByteArray World = R"(
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 1s
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}', '{{target:web-2}}', '{{target:web-3}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
  - name: web-2
  - name: web-3
jobs:
  - name: backup
    duration: 1s
    grouping_key: {job: database_backup, instance: db-1}
)";
const QStringList TargetNames = {QStringLiteral("web-1"), QStringLiteral("web-2"),
                                 QStringLiteral("web-3")};
constexpr int WaitMs = 20000; // both scrape every second; this bounds every wait

// scrapeUrl → "health: lastError" of the app job's targets, from /api/v1/targets.
QMap<QString, QString> targetErrors(const QUrl &base) {
    const auto reply = httpRequest("GET", base.resolved(QUrl(QStringLiteral("/api/v1/targets"))));
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("data")).toObject();
    QMap<QString, QString> out;
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("scrapePool")).toString() != QLatin1String("app"))
            continue;
        out.insert(o.value(QLatin1String("scrapeUrl")).toString(),
                   o.value(QLatin1String("health")).toString() + QLatin1String(": ") +
                       o.value(QLatin1String("lastError")).toString());
    }
    return out;
}

QString describe(const QMap<QString, QString> &lab, const QMap<QString, QString> &prom) {
    QString s = QStringLiteral("lab:\n");
    for (auto it = lab.begin(); it != lab.end(); ++it)
        s += QStringLiteral("  %1 = %2\n").arg(it.key(), it.value());
    s += QStringLiteral("prometheus:\n");
    for (auto it = prom.begin(); it != prom.end(); ++it)
        s += QStringLiteral("  %1 = %2\n").arg(it.key(), it.value());
    return s;
}
} // namespace

class TestLabPrometheus : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Lab> m_lab; // on the system clock
    QTemporaryDir m_dir;
    std::unique_ptr<RealPeer> m_prometheus;

    QUrl labBase() const { return m_lab->serverUrl(); }
    QUrl promBase() const { return m_prometheus->url(QStringLiteral("/")); }
    QString instanceOf(const QString &name) const {
        return QString::fromLatin1(m_lab->target(name.toLatin1())->address());
    }
    // up of the app job's targets, as instance → value.
    QMap<QString, QString> appUp(const QUrl &base) const {
        QMap<QString, QString> out;
        const auto all = instantQuery(base, QStringLiteral("up{job=\"app\"}"));
        for (auto it = all.begin(); it != all.end(); ++it)
            out.insert(
                it.key().section(QLatin1String("instance="), 1).section(QLatin1Char(','), 0, 0),
                it.value());
        return out;
    }
    QMap<QString, QString> expectedUp(const QString &downTarget = QString()) const {
        QMap<QString, QString> out;
        for (const QString &n : TargetNames)
            out.insert(instanceOf(n), n == downTarget ? QStringLiteral("0") : QStringLiteral("1"));
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        QVERIFY(m_dir.isValid());
        m_lab = std::make_unique<Lab>();
        QString error;
        QVERIFY2(m_lab->listen(QHostAddress::LocalHost, 0, &error) != 0, qPrintable(error));
        QVERIFY2(m_lab->loadScenario(scenarioFrom(World), &error), qPrintable(error));
        QVERIFY(!m_lab->gatewayUrl().isEmpty());

        // The same scrape configuration for the real Prometheus, with the bound ports.
        QString yaml = QStringLiteral("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                                      "scrape_configs:\n"
                                      "  - job_name: app\n"
                                      "    static_configs:\n"
                                      "      - targets: ['%1', '%2', '%3']\n"
                                      "  - job_name: pushgateway\n"
                                      "    honor_labels: true\n"
                                      "    static_configs:\n"
                                      "      - targets: ['%4']\n")
                           .arg(instanceOf(TargetNames[0]), instanceOf(TargetNames[1]),
                                instanceOf(TargetNames[2]), m_lab->gatewayUrl().authority());
        const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(yaml.toUtf8());
        f.close();
        m_prometheus = std::make_unique<RealPeer>(
            QStringLiteral("prometheus"), QStringList{QStringLiteral("--config.file=") + config,
                                                      QStringLiteral("--storage.tsdb.path=") +
                                                          m_dir.filePath(QStringLiteral("tsdb"))});
        QVERIFY2(
            m_prometheus->start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
            qPrintable(m_prometheus->output()));
    }

    // Every test leaves the world healthy: all targets running, no faults.
    void cleanup() {
        if (!m_lab)
            return;
        for (const QString &n : TargetNames) {
            m_lab->healTarget(n.toLatin1());
            if (!m_lab->target(n.toLatin1())->isRunning())
                m_lab->startTarget(n.toLatin1());
        }
    }

    void cleanupTestCase() {
        m_prometheus.reset(); // before the lab's ports go away
        m_lab.reset();
    }

    void bothAgreeOnUpBeforeAndAfterAKill() {
        QTRY_COMPARE_WITH_TIMEOUT(appUp(labBase()), expectedUp(), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(appUp(promBase()), expectedUp(), WaitMs);
        QCOMPARE(instantQuery(labBase(), QStringLiteral("up{job=\"pushgateway\"}")).values(),
                 QList<QString>{QStringLiteral("1")});
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(promBase(), QStringLiteral("up{job=\"pushgateway\"}")).values(),
            QList<QString>{QStringLiteral("1")}, WaitMs);

        QString error;
        QVERIFY2(m_lab->killTarget("web-2", &error), qPrintable(error));
        const auto down = expectedUp(QStringLiteral("web-2"));
        QTRY_COMPARE_WITH_TIMEOUT(appUp(labBase()), down, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(appUp(promBase()), down, WaitMs);
        // Both name the refused connection the same way.
        const QString url = m_lab->target("web-2")->metricsUrl().toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            targetErrors(promBase()).value(url).contains(QLatin1String("connection refused")),
            WaitMs);
        QCOMPARE(targetErrors(labBase()).value(url), targetErrors(promBase()).value(url));

        QVERIFY2(m_lab->startTarget("web-2", &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(appUp(labBase()), expectedUp(), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(appUp(promBase()), expectedUp(), WaitMs);
    }

    // The fault modes fail a real Prometheus's scrapes with exactly the lab scraper's errors.
    void bothAgreeOnTheFaultErrors() {
        QString error;
        QVERIFY2(
            m_lab->setTargetFault("web-1", TargetFault::Error, qint64(ErrorKind::Http500), &error),
            qPrintable(error));
        QVERIFY2(m_lab->setTargetFault("web-2", TargetFault::Error, qint64(ErrorKind::Malformed),
                                       &error),
                 qPrintable(error));
        QVERIFY2(m_lab->setTargetFault("web-3", TargetFault::Hang, 0, &error), qPrintable(error));
        auto allDown = [](const QMap<QString, QString> &m) {
            if (m.size() != 3)
                return false;
            for (const QString &v : m)
                if (!v.startsWith(QLatin1String("down: ")) || v.size() <= 6)
                    return false;
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(allDown(targetErrors(labBase())),
                                  qPrintable(describe(targetErrors(labBase()), {})), WaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(allDown(targetErrors(promBase())),
                                  qPrintable(describe({}, targetErrors(promBase()))), WaitMs);
        // Once both are down everywhere the errors no longer change.
        const auto lab = targetErrors(labBase());
        const auto prom = targetErrors(promBase());
        const QString http500 = m_lab->target("web-1")->metricsUrl().toString();
        const QString malformed = m_lab->target("web-2")->metricsUrl().toString();
        const QString hang = m_lab->target("web-3")->metricsUrl().toString();
        QCOMPARE(lab.value(http500), prom.value(http500));
        QCOMPARE(lab.value(hang), prom.value(hang));
        QCOMPARE(lab.value(malformed), prom.value(malformed));
        QTRY_COMPARE_WITH_TIMEOUT(appUp(promBase()), appUp(labBase()), WaitMs);

        for (const QString &n : TargetNames)
            QVERIFY(m_lab->healTarget(n.toLatin1()));
        QTRY_COMPARE_WITH_TIMEOUT(appUp(labBase()), expectedUp(), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(appUp(promBase()), expectedUp(), WaitMs);
    }

    void bothSeeTheGatewaysPushedSeries() {
        const QString exitCode = QStringLiteral("job_exit_code");
        QVERIFY(instantQuery(promBase(), exitCode).isEmpty()); // nothing pushed yet
        QSignalSpy pushed(m_lab.get(), &Lab::pushed);
        QString error;
        QVERIFY2(m_lab->runJob("backup", &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, WaitMs);
        const PushResult push = pushed.first().first().value<PushResult>();
        QVERIFY2(push.ok, qPrintable(push.reason));

        // honor_labels: the pushed job and instance, not the gateway's scrape job.
        const QMap<QString, QString> expected{
            {QStringLiteral("__name__=job_exit_code,instance=db-1,job=database_backup"),
             QStringLiteral("0")}};
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(labBase(), exitCode), expected, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(promBase(), exitCode), expected, WaitMs);
        for (const char *name : {"job_duration_seconds", "job_records_processed_total",
                                 "job_last_success_timestamp_seconds", "push_time_seconds",
                                 "push_failure_time_seconds"}) {
            const QString query =
                QStringLiteral("%1{job=\"database_backup\"}").arg(QLatin1String(name));
            QTRY_COMPARE_WITH_TIMEOUT(instantQuery(promBase(), query).keys(),
                                      instantQuery(labBase(), query).keys(), WaitMs);
            QCOMPARE(instantQuery(promBase(), query).size(), 1);
        }
        // The same pushed values (they do not change until the next push).
        QCOMPARE(instantQuery(promBase(), QStringLiteral("job_duration_seconds")),
                 instantQuery(labBase(), QStringLiteral("job_duration_seconds")));
        QCOMPARE(instantQuery(promBase(), QStringLiteral("push_time_seconds")),
                 instantQuery(labBase(), QStringLiteral("push_time_seconds")));
        QVERIFY(instantQuery(promBase(), QStringLiteral("{exported_job!=\"\"}")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLabPrometheus)
#include "tst_labprometheus.moc"
