// Differential test: the lab's scraper and the real Prometheus 2.42 scrape the same real
// targets (node exporter, a Pushgateway with pushed groups, a test server whose output
// changes and then stops) with the same prometheus.yml, and must agree on up, the sample
// counts, the set of series and the targets' health.
#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include "api/headlessserver.h"
#include "api/labapiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::instantQuery;
using ppl::test::loopback;
using ppl::test::RealPeer;
using ppl::test::TestTarget;
using ppl::test::TwoScrapers;

namespace {
struct TargetView {
    QString health;
    QString lastError;
};
// scrapePool + scrapeUrl -> health, lastError; plus the dropped count.
QMap<QString, TargetView> targets(quint16 port, int *dropped = nullptr) {
    const auto reply =
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/targets").arg(port)));
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("data")).toObject();
    QMap<QString, TargetView> out;
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(QLatin1String("scrapePool")).toString() + QLatin1Char(' ') +
                       o.value(QLatin1String("scrapeUrl")).toString(),
                   {o.value(QLatin1String("health")).toString(),
                    o.value(QLatin1String("lastError")).toString()});
    }
    if (dropped)
        *dropped = int(data.value(QLatin1String("droppedTargets")).toArray().size());
    return out;
}

QString describeDiff(const QMap<QString, QString> &lab, const QMap<QString, QString> &prom) {
    QStringList lines;
    for (auto it = lab.begin(); it != lab.end(); ++it) {
        if (!prom.contains(it.key()))
            lines << QStringLiteral("only lab: ") + it.key();
        else if (prom.value(it.key()) != it.value())
            lines << QStringLiteral("differs: %1 lab=%2 prom=%3")
                         .arg(it.key(), it.value(), prom.value(it.key()));
    }
    for (auto it = prom.begin(); it != prom.end(); ++it) {
        if (!lab.contains(it.key()))
            lines << QStringLiteral("only prometheus: ") + it.key();
    }
    return lines.mid(0, 40).join(QLatin1Char('\n'));
}

QSet<QString> keys(const QMap<QString, QString> &m) {
    return QSet<QString>(m.keyBegin(), m.keyEnd());
}

} // namespace

class TestScrapeDifferential : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAsPrometheus() {
        for (const char *program :
             {"prometheus", "prometheus-pushgateway", "prometheus-node-exporter"}) {
            if (!RealPeer::available(QString::fromLatin1(program)))
                QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(program)));
        }

        // Real targets. A few node exporter collectors keep its output steady between scrapes.
        RealPeer node(QStringLiteral("prometheus-node-exporter"),
                      {QStringLiteral("--collector.disable-defaults"),
                       QStringLiteral("--collector.loadavg"), QStringLiteral("--collector.meminfo"),
                       QStringLiteral("--collector.uname")});
        QVERIFY2(node.start(), qPrintable(node.output()));
        RealPeer gateway(QStringLiteral("prometheus-pushgateway"),
                         {QStringLiteral("--persistence.file=")});
        QVERIFY2(gateway.start(), qPrintable(gateway.output()));
        QCOMPARE(httpRequest("PUT", gateway.url(QStringLiteral("/metrics/job/backup/instance/db1")),
                             "# TYPE job_duration_seconds gauge\njob_duration_seconds 12.5\n"
                             "job_exit_code 0\n")
                     .status,
                 200);
        QCOMPARE(httpRequest("POST", gateway.url(QStringLiteral("/metrics/job/batch_processor")),
                             "batch_job_executions_total{status=\"success\"} 3\n"
                             "batch_job_executions_total{status=\"failure\"} 1\n")
                     .status,
                 200);
        TestTarget app;
        QVERIFY(app.listen());
        app.setBody("# TYPE app_requests_total counter\n"
                    "app_requests_total{method=\"get\",instance=\"pod-1\"} 10\n"
                    "app_requests_total{method=\"post\"} 2\n"
                    "app_temp 21.5\n"
                    "debug_only_metric 1\n");

        const QString yaml = QStringLiteral(R"(global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:%1']
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'go_.*|process_.*'
        action: drop
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:%2']
  - job_name: pushgateway_plain
    static_configs:
      - targets: ['127.0.0.1:%2']
        labels:
          team: lab
  - job_name: app
    static_configs:
      - targets: ['127.0.0.1:%3', '127.0.0.1:1']
    relabel_configs:
      - source_labels: [__address__]
        regex: '127\.0\.0\.1:%3'
        action: keep
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'debug_.*'
        action: drop
)")
                                 .arg(node.port())
                                 .arg(gateway.port())
                                 .arg(app.port());
        TwoScrapers both;
        QString error;
        QVERIFY2(both.start(yaml.toUtf8(), &error), qPrintable(error));
        QVERIFY2(both.lab().warnings().isEmpty(),
                 qPrintable(both.lab().warnings().join(QLatin1Char('\n'))));
        const quint16 labPort = both.labPort();
        const quint16 promPort = both.prometheusPort();

        // Both have scraped all four targets.
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(loopback(labPort), QStringLiteral("up")).size(), 4,
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(loopback(promPort), QStringLiteral("up")).size(), 4,
                                  10000);

        int labDropped = 0;
        int promDropped = 0;
        targets(labPort, &labDropped);
        targets(promPort, &promDropped);
        QCOMPARE(labDropped, promDropped);
        QCOMPARE(labDropped, 1);

        for (const char *query :
             {"up", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling"}) {
            // Counts may differ for one scrape while a target's output changes; they agree
            // within a few intervals.
            QMap<QString, QString> labView;
            QMap<QString, QString> promView;
            const bool same = QTest::qWaitFor(
                [&] {
                    labView = instantQuery(loopback(labPort), QString::fromLatin1(query));
                    promView = instantQuery(loopback(promPort), QString::fromLatin1(query));
                    return labView == promView;
                },
                10000);
            QVERIFY2(same, qPrintable(QStringLiteral("%1:\n").arg(QLatin1String(query)) +
                                      describeDiff(labView, promView)));
        }

        // The same series, by label set (values of live targets differ by timing).
        auto sameSeries = [&](QString *diff) {
            const auto labView =
                instantQuery(loopback(labPort), QStringLiteral(R"({__name__=~".+"})"));
            const auto promView =
                instantQuery(loopback(promPort), QStringLiteral(R"({__name__=~".+"})"));
            QMap<QString, QString> l;
            QMap<QString, QString> p;
            for (const QString &k : keys(labView))
                l.insert(k, {});
            for (const QString &k : keys(promView))
                p.insert(k, {});
            *diff = describeDiff(l, p);
            if (l == p)
                qInfo("same %lld series in both", qlonglong(l.size()));
            return l == p && !l.isEmpty();
        };
        QString diff;
        QVERIFY2(QTest::qWaitFor([&] { return sameSeries(&diff); }, 10000), qPrintable(diff));
        // Spot checks of what the comparison covers.
        const auto labSeries =
            instantQuery(loopback(labPort), QStringLiteral(R"({__name__=~".+"})"));
        const QString appInstance = QStringLiteral("127.0.0.1:%1").arg(app.port());
        QVERIFY(
            labSeries.contains(QStringLiteral("__name__=app_requests_total,exported_instance=pod-1,"
                                              "instance=%1,job=app,method=get")
                                   .arg(appInstance)));
        QVERIFY(labSeries.contains(
            QStringLiteral("__name__=job_duration_seconds,instance=db1,job=backup")));
        QVERIFY(!keys(labSeries).contains(
            QStringLiteral("__name__=debug_only_metric,instance=%1,job=app").arg(appInstance)));

        // A series disappears: both stop returning it (stale marker), the new one appears.
        app.setBody("app_requests_total{method=\"get\",instance=\"pod-1\"} 11\napp_new 1\n");
        const QString gone =
            QStringLiteral("__name__=app_temp,instance=%1,job=app").arg(appInstance);
        QTRY_VERIFY_WITH_TIMEOUT(
            !instantQuery(loopback(labPort), QStringLiteral("app_temp")).contains(gone), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !instantQuery(loopback(promPort), QStringLiteral("app_temp")).contains(gone), 10000);
        QVERIFY2(QTest::qWaitFor([&] { return sameSeries(&diff); }, 10000), qPrintable(diff));

        // The target stops: down in both, with the same error, and its series go stale.
        const QString appKey = QStringLiteral("app http://%1/metrics").arg(appInstance);
        app.close();
        QTRY_COMPARE_WITH_TIMEOUT(targets(labPort).value(appKey).health, QStringLiteral("down"),
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(targets(promPort).value(appKey).health, QStringLiteral("down"),
                                  10000);
        QCOMPARE(targets(labPort).value(appKey).lastError,
                 targets(promPort).value(appKey).lastError);
        QVERIFY2(QTest::qWaitFor([&] { return sameSeries(&diff); }, 10000), qPrintable(diff));
        QVERIFY(instantQuery(loopback(labPort), QStringLiteral("app_new")).isEmpty());
        const auto labHealth = targets(labPort);
        const auto promHealth = targets(promPort);
        QCOMPARE(labHealth.keys(), promHealth.keys());
        for (const QString &k : labHealth.keys())
            QCOMPARE(labHealth.value(k).health, promHealth.value(k).health);
        both.lab().stop();
    }
};

QTEST_GUILESS_MAIN(TestScrapeDifferential)
#include "tst_scrapedifferential.moc"
