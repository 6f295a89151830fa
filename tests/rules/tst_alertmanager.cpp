// The lab's notifier against Debian's real Alertmanager 0.25: the lab's headless server runs
// a rule over a test target whose value the test sets; the alert must arrive in the
// Alertmanager (its own GET /api/v2/alerts) with the rule's labels, the expanded annotations
// and the external labels, active, and leave it once the lab sends it resolved; the same
// through the embedded lab running a scenario with an alerting section. A lab whose
// Alertmanager is down counts errors and dropped alerts and keeps working.
#include "api/headlessserver.h"
#include "labtesthelpers.h"
#include "notify/notifier.h"
#include "realpeer.h"
#include "testtarget.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::RealPeer;
using ppl::test::TestTarget;

namespace {

bool writeFile(const QString &path, const QByteArray &text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// The Alertmanager's alerts named alertname, from its own API.
QList<QJsonObject> amAlerts(const RealPeer &am, const QString &prefix, const QString &alertname) {
    const auto reply = httpRequest("GET", am.url(prefix + QStringLiteral("/api/v2/alerts")));
    QList<QJsonObject> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(reply.body).array()) {
        const QJsonObject a = v.toObject();
        if (a.value(QLatin1String("labels")).toObject().value(QLatin1String("alertname")) ==
            alertname)
            out << a;
    }
    return out;
}

// A sample of the lab's /metrics by its exact series text ("name{labels}"); -1 if absent.
double metric(quint16 port, const QByteArray &series) {
    const auto reply =
        httpRequest("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)));
    for (const QByteArray &line : reply.body.split('\n'))
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).toDouble();
    return -1;
}

const QByteArray demoRules = R"y(groups:
  - name: demo
    rules:
      - alert: DemoHigh
        expr: demo_value > 0
        labels:
          severity: page
        annotations:
          summary: '{{ $labels.instance }} is at {{ $value }} in {{ $externalLabels.site }}'
)y";

QByteArray labConfig(const QString &rulePath, quint16 targetPort, const QByteArray &alerting) {
    return QStringLiteral(R"y(global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels:
    site: lab
rule_files:
  - %1
scrape_configs:
  - job_name: demo
    static_configs:
      - targets: ['127.0.0.1:%2']
)y")
               .arg(rulePath)
               .arg(targetPort)
               .toUtf8() +
           alerting;
}

} // namespace

class TstAlertmanager : public QObject {
    Q_OBJECT

private:
    // Starts Debian's Alertmanager on a free loopback port, without clustering, with its
    // state in its own temporary directory; routePrefix as --web.route-prefix (may be empty).
    std::unique_ptr<RealPeer> startAlertmanager(const QTemporaryDir &dir, const QString &prefix) {
        const QString config = dir.filePath(QStringLiteral("alertmanager.yml"));
        if (!writeFile(config, "route:\n  receiver: blackhole\n  group_wait: 1s\n"
                               "receivers:\n  - name: blackhole\n"))
            return nullptr;
        QStringList args{QStringLiteral("--config.file=") + config,
                         QStringLiteral("--storage.path=") + dir.filePath(QStringLiteral("am")),
                         QStringLiteral("--cluster.listen-address=")};
        if (!prefix.isEmpty())
            args << QStringLiteral("--web.route-prefix=") + prefix;
        auto am = std::make_unique<RealPeer>(QStringLiteral("prometheus-alertmanager"), args);
        if (!am->start(QStringLiteral("--web.listen-address"), prefix + QStringLiteral("/-/ready")))
            return nullptr;
        return am;
    }

    void roundTrip(const QString &prefix, const QByteArray &apiVersion) {
        if (!RealPeer::available(QStringLiteral("prometheus-alertmanager")))
            QSKIP("prometheus-alertmanager is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto am = startAlertmanager(dir, prefix);
        QVERIFY2(am, "the Alertmanager did not start");

        TestTarget target;
        QVERIFY(target.listen());
        target.setBody("demo_value 0\n");
        const QString rulePath = dir.filePath(QStringLiteral("rules.yml"));
        QVERIFY(writeFile(rulePath, demoRules));
        const QString configPath = dir.filePath(QStringLiteral("prometheus.yml"));
        QByteArray alerting = QStringLiteral("alerting:\n  alertmanagers:\n"
                                             "    - static_configs:\n"
                                             "        - targets: ['127.0.0.1:%1']\n"
                                             "      timeout: 5s\n")
                                  .arg(am->port())
                                  .toUtf8();
        if (!prefix.isEmpty())
            alerting += "      path_prefix: " + prefix.toUtf8() + '\n';
        if (!apiVersion.isEmpty())
            alerting += "      api_version: " + apiVersion + '\n';
        QVERIFY(writeFile(configPath, labConfig(rulePath, target.port(), alerting)));

        HeadlessServer lab;
        HeadlessServer::Options options;
        options.configPath = configPath;
        options.port = 0;
        QString error;
        const auto port = lab.start(options, &error);
        QVERIFY2(port, qPrintable(error));
        const QByteArray amLabel =
            "{alertmanager=\"http://127.0.0.1:" + QByteArray::number(am->port()) + prefix.toUtf8() +
            "/api/" + (apiVersion.isEmpty() ? "v2" : apiVersion) + "/alerts\"}";
        // Configured and counted from zero before anything is sent, as 2.42 does.
        QCOMPARE(metric(*port, "prometheus_notifications_alertmanagers_discovered"), 1.0);
        QCOMPARE(metric(*port, "prometheus_notifications_sent_total" + amLabel), 0.0);
        QCOMPARE(metric(*port, "prometheus_notifications_queue_capacity"), 10000.0);

        // Nothing fires yet: the Alertmanager has no DemoHigh.
        QTRY_VERIFY_WITH_TIMEOUT(metric(*port, "prometheus_rule_group_iterations_total"
                                               "{rule_group=\"" +
                                                   rulePath.toUtf8() + ";demo\"}") >= 2,
                                 10000);
        QVERIFY(amAlerts(*am, prefix, QStringLiteral("DemoHigh")).isEmpty());

        // The value rises: the alert fires at the next evaluation after a scrape and is sent.
        target.setBody("demo_value 3\n");
        QTRY_VERIFY_WITH_TIMEOUT(!amAlerts(*am, prefix, QStringLiteral("DemoHigh")).isEmpty(),
                                 15000);
        QTRY_COMPARE_WITH_TIMEOUT(amAlerts(*am, prefix, QStringLiteral("DemoHigh"))
                                      .value(0)
                                      .value(QLatin1String("status"))
                                      .toObject()
                                      .value(QLatin1String("state"))
                                      .toString(),
                                  QStringLiteral("active"), 10000);
        const QJsonObject a = amAlerts(*am, prefix, QStringLiteral("DemoHigh")).value(0);
        const QString instance = QStringLiteral("127.0.0.1:%1").arg(target.port());
        const QJsonObject expectedLabels{{QStringLiteral("alertname"), QStringLiteral("DemoHigh")},
                                         {QStringLiteral("instance"), instance},
                                         {QStringLiteral("job"), QStringLiteral("demo")},
                                         {QStringLiteral("severity"), QStringLiteral("page")},
                                         {QStringLiteral("site"), QStringLiteral("lab")}};
        QCOMPARE(a.value(QLatin1String("labels")).toObject(), expectedLabels);
        QCOMPARE(a.value(QLatin1String("annotations")).toObject(),
                 QJsonObject({{QStringLiteral("summary"),
                               QStringLiteral("%1 is at 3 in lab").arg(instance)}}));
        QVERIFY2(a.value(QLatin1String("generatorURL"))
                     .toString()
                     .endsWith(QStringLiteral("/graph?g0.expr=demo_value+%3E+0&g0.tab=1")),
                 qPrintable(a.value(QLatin1String("generatorURL")).toString()));
        // endsAt = evaluation time + 4 × max(resend delay 1m, interval 1s): about 4 minutes on.
        const QDateTime startsAt =
            QDateTime::fromString(a.value(QLatin1String("startsAt")).toString(), Qt::ISODateWithMs);
        const QDateTime endsAt =
            QDateTime::fromString(a.value(QLatin1String("endsAt")).toString(), Qt::ISODateWithMs);
        QVERIFY(startsAt.isValid() && endsAt.isValid());
        const qint64 validity = startsAt.msecsTo(endsAt);
        QVERIFY2(validity >= 4 * 60 * 1000 && validity <= 4 * 60 * 1000 + 5000,
                 qPrintable(QString::number(validity)));
        QVERIFY(qAbs(startsAt.msecsTo(QDateTime::currentDateTimeUtc())) < 15000);
        QVERIFY(metric(*port, "prometheus_notifications_sent_total" + amLabel) >= 1);
        QCOMPARE(metric(*port, "prometheus_notifications_errors_total" + amLabel), 0.0);
        QCOMPARE(metric(*port, "prometheus_notifications_dropped_total"), 0.0);

        // The value falls: the lab sends the alert resolved (endsAt = resolvedAt), and the
        // Alertmanager no longer lists it long before the 4 minutes would have run out.
        target.setBody("demo_value 0\n");
        QTRY_VERIFY_WITH_TIMEOUT(amAlerts(*am, prefix, QStringLiteral("DemoHigh")).isEmpty(),
                                 15000);
        QCOMPARE(metric(*port, "prometheus_notifications_errors_total" + amLabel), 0.0);
        QVERIFY(metric(*port, "prometheus_notifications_sent_total" + amLabel) >= 2);
        QCOMPARE(metric(*port, "prometheus_notifications_queue_length"), 0.0);
    }

private Q_SLOTS:
    void alertArrivesAndResolves() { roundTrip(QString(), QByteArray()); }

    // The embedded lab (a scenario on the manual clock, started a minute behind real time so
    // that its resolved alert ends in the Alertmanager's past): a killed target's TargetDown
    // reaches the Alertmanager with the scenario's external labels, and leaves it once the
    // target is back.
    void embeddedLabScenario() {
        if (!RealPeer::available(QStringLiteral("prometheus-alertmanager")))
            QSKIP("prometheus-alertmanager is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto am = startAlertmanager(dir, QString());
        QVERIFY2(am, "the Alertmanager did not start");
        ManualClock clock(QDateTime::currentMSecsSinceEpoch() - 60'000);
        Lab lab({&clock});
        const QByteArray scenario = R"y(
prometheus: |
  global:
    scrape_interval: 5s
    scrape_timeout: 2s
    evaluation_interval: 5s
    external_labels:
      site: classroom
  alerting:
    alertmanagers:
      - static_configs:
          - targets: ['127.0.0.1:AMPORT']
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
rules: |
  groups:
    - name: lesson
      rules:
        - alert: TargetDown
          expr: up == 0
          annotations:
            summary: '{{ $labels.instance }} does not answer'
targets:
  - name: web-1
)y";
        QString error;
        QVERIFY2(lab.loadScenario(ppl::test::scenarioFrom(QByteArray(scenario).replace(
                                      "AMPORT", QByteArray::number(am->port()))),
                                  &error),
                 qPrintable(error));
        QCOMPARE(lab.notifier()->alertmanagers().size(), 1);
        PPL_STEP(clock, lab, 10'000);
        QVERIFY(lab.killTarget("web-1", &error));
        PPL_STEP(clock, lab, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(!amAlerts(*am, QString(), QStringLiteral("TargetDown")).isEmpty(),
                                 10000);
        const QJsonObject a = amAlerts(*am, QString(), QStringLiteral("TargetDown")).value(0);
        const QString instance = QString::fromUtf8(lab.target("web-1")->address());
        const QJsonObject labels = a.value(QLatin1String("labels")).toObject();
        QCOMPARE(labels.value(QLatin1String("site")).toString(), QStringLiteral("classroom"));
        QCOMPARE(labels.value(QLatin1String("instance")).toString(), instance);
        QCOMPARE(a.value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("summary"))
                     .toString(),
                 instance + QStringLiteral(" does not answer"));

        QVERIFY(lab.startTarget("web-1", &error));
        PPL_STEP(clock, lab, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(amAlerts(*am, QString(), QStringLiteral("TargetDown")).isEmpty(),
                                 10000);
        QCOMPARE(lab.notifier()->droppedTotal(), 0.0);
    }

    void pathPrefixAndExplicitV2() { roundTrip(QStringLiteral("/am"), "v2"); }

    void deadAlertmanagerCountsErrors() {
        // Nothing listens on the Alertmanager's port: every POST fails, each failure is one
        // error, each batch no Alertmanager took is dropped, and the lab keeps evaluating.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TestTarget target;
        QVERIFY(target.listen());
        target.setBody("demo_value 5\n");
        const QString rulePath = dir.filePath(QStringLiteral("rules.yml"));
        QVERIFY(writeFile(rulePath, demoRules));
        const quint16 deadPort = ppl::test::freeLoopbackPort();
        const QString configPath = dir.filePath(QStringLiteral("prometheus.yml"));
        QVERIFY(
            writeFile(configPath, labConfig(rulePath, target.port(),
                                            QStringLiteral("alerting:\n  alertmanagers:\n"
                                                           "    - static_configs:\n"
                                                           "        - targets: ['127.0.0.1:%1']\n"
                                                           "      timeout: 1s\n")
                                                .arg(deadPort)
                                                .toUtf8())));
        HeadlessServer lab;
        HeadlessServer::Options options;
        options.configPath = configPath;
        options.port = 0;
        QString error;
        const auto port = lab.start(options, &error);
        QVERIFY2(port, qPrintable(error));
        const QByteArray amLabel =
            "{alertmanager=\"http://127.0.0.1:" + QByteArray::number(deadPort) +
            "/api/v2/alerts\"}";
        QTRY_VERIFY_WITH_TIMEOUT(
            metric(*port, "prometheus_notifications_errors_total" + amLabel) >= 1, 15000);
        QVERIFY(metric(*port, "prometheus_notifications_dropped_total") >= 1);
        // Counted as sent too, as sendAll does whatever the answer.
        QVERIFY(metric(*port, "prometheus_notifications_sent_total" + amLabel) >= 1);
        QVERIFY(metric(*port, "prometheus_notifications_queue_length") <= 10000);
        // The lab still answers and still evaluates.
        const auto alerts = httpRequest(
            "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/alerts").arg(*port)));
        QCOMPARE(alerts.status, 200);
        QVERIFY(alerts.body.contains("\"state\":\"firing\""));
        const auto ams = httpRequest(
            "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/alertmanagers").arg(*port)));
        QCOMPARE(ams.body,
                 QByteArray("{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[{\"url\":"
                            "\"http://127.0.0.1:") +
                     QByteArray::number(deadPort) +
                     "/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}}");
    }
};

QTEST_GUILESS_MAIN(TstAlertmanager)
#include "tst_alertmanager.moc"
