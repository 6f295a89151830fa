// Differential test: the lab's headless server and the real Prometheus 2.42 run the same
// prometheus.yml and rule file against the same test targets; the test makes one target fail
// and recover, and compares over time what both say in /api/v1/alerts (labels, expanded
// annotations, state, and when each transition happens), /api/v1/rules, and the recording
// rule's values. A second case scrapes a real Pushgateway whose group stops being pushed and
// compares the PushedGroupStale alert (`time() - push_time_seconds > N`).
#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::instantQuery;
using ppl::test::loopback;
using ppl::test::RealPeer;
using ppl::test::TestTarget;
using ppl::test::TwoScrapers;

namespace {

// alertname + instance → state, and the alert objects by the same key.
QMap<QString, QJsonObject> alerts(quint16 port) {
    const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/api/v1/alerts")));
    QMap<QString, QJsonObject> out;
    const QJsonArray list = QJsonDocument::fromJson(reply.body)
                                .object()
                                .value(QLatin1String("data"))
                                .toObject()
                                .value(QLatin1String("alerts"))
                                .toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject labels = v.toObject().value(QLatin1String("labels")).toObject();
        out.insert(labels.value(QLatin1String("alertname")).toString() + u' ' +
                       labels.value(QLatin1String("instance")).toString(),
                   v.toObject());
    }
    return out;
}

// /api/v1/rules without what depends on timing (evaluation times, activeAt).
QJsonArray stableRules(quint16 port) {
    const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/api/v1/rules")));
    QJsonArray groups = QJsonDocument::fromJson(reply.body)
                            .object()
                            .value(QLatin1String("data"))
                            .toObject()
                            .value(QLatin1String("groups"))
                            .toArray();
    QJsonArray out;
    for (const QJsonValue &gv : groups) {
        QJsonObject g = gv.toObject();
        g.remove(QLatin1String("evaluationTime"));
        g.remove(QLatin1String("lastEvaluation"));
        QJsonArray rules;
        for (const QJsonValue &rv : g.value(QLatin1String("rules")).toArray()) {
            QJsonObject r = rv.toObject();
            r.remove(QLatin1String("evaluationTime"));
            r.remove(QLatin1String("lastEvaluation"));
            QJsonArray alertList;
            for (const QJsonValue &av : r.value(QLatin1String("alerts")).toArray()) {
                QJsonObject a = av.toObject();
                a.remove(QLatin1String("activeAt"));
                alertList.append(a);
            }
            if (r.contains(QLatin1String("alerts")))
                r.insert(QLatin1String("alerts"), alertList);
            rules.append(r);
        }
        g.insert(QLatin1String("rules"), rules);
        out.append(g);
    }
    return out;
}

// The first line where two JSON documents differ (for failure messages), empty if equal.
QString firstDifference(const QJsonObject &a, const QJsonObject &b) {
    const QList<QByteArray> la = QJsonDocument(a).toJson().split('\n');
    const QList<QByteArray> lb = QJsonDocument(b).toJson().split('\n');
    for (qsizetype i = 0; i < std::max(la.size(), lb.size()); ++i) {
        const QByteArray x = la.value(i), y = lb.value(i);
        if (x != y)
            return QStringLiteral("lab: %1\nprometheus: %2")
                .arg(QString::fromUtf8(x), QString::fromUtf8(y));
    }
    return {};
}

struct Timeline {
    QMap<QString, qint64> firstSeen; // "key state" → ms since the test's start
    QMap<QString, qint64> gone;      // key → when it left /api/v1/alerts
    QMap<QString, QJsonObject> last;
    void observe(const QMap<QString, QJsonObject> &now, qint64 t) {
        for (auto it = now.begin(); it != now.end(); ++it) {
            const QString k = it.key() + u' ' + it.value().value(QLatin1String("state")).toString();
            if (!firstSeen.contains(k))
                firstSeen.insert(k, t);
            gone.remove(it.key());
        }
        for (auto it = last.begin(); it != last.end(); ++it)
            if (!now.contains(it.key()) && !gone.contains(it.key()))
                gone.insert(it.key(), t);
        last = now;
    }
};

} // namespace

class TstRulesDifferential : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void alertsAndRecordingRulesAgree() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        TestTarget a, b;
        QVERIFY(a.listen());
        QVERIFY(b.listen());
        a.setBody("m 1\nload 0.25\n");
        b.setBody("m 2\nload 0.75\n");

        QTemporaryDir ruleDir;
        const QString rulePath = ruleDir.filePath(QStringLiteral("rules.yml"));
        {
            QFile f(rulePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"y(groups:
  - name: diff
    rules:
      - record: job:m:sum
        expr: sum by (job) (m)
      - alert: TargetDown
        expr: up == 0
        for: 3s
        labels:
          severity: page
          team: '{{ $labels.job }}-team'
        annotations:
          summary: '{{ $labels.instance }} of {{ $labels.job }} down, up={{ $value }}'
          numbers: '{{ 1234567.0 | humanize }} {{ humanizeDuration 3661.5 }} {{ humanizePercentage 0.256 }} {{ printf "%.2f|%5s|%d" 3.14159 "x" 42 }}'
          query: '{{ with query "sum(m)" }}{{ . | first | value }}{{ end }} {{ if gt $value 0.5 }}up{{ else }}down{{ end }}'
          external: '[{{ $externalLabels.site }}]'
          broken: '{{ query "nothing_here" | first | value }}'
          more: '{{ range query "m" | sortByLabel "instance" }}{{ .Labels.instance | reReplaceAll "127.0.0.1:(.*)" "port $1" }}={{ .Value }};{{ end }} {{ title "ab cd" }} {{ humanizeTimestamp 1700000000.5 }} {{ $labels.nope }} {{ 1e6 }} {{ humanize1024 2048.0 }} {{ printf "%v %q %5.1f|%-4d|" 0.1 "q" 2.25 7 }}'
          mixed: '{{ if gt $value 0 }}x{{ end }}'
      - alert: HighLoad
        expr: load > 0.5
        for: 1h
        annotations:
          summary: 'load {{ $value | humanizePercentage }}'
)y");
        }
        TwoScrapers servers;
        QString error;
        const QByteArray config = QStringLiteral(R"y(global:
  scrape_interval: 1s
  scrape_timeout: 500ms
  evaluation_interval: 1s
  external_labels:
    site: lab
rule_files:
  - %1
scrape_configs:
  - job_name: svc
    static_configs:
      - targets: ['127.0.0.1:%2', '127.0.0.1:%3']
)y")
                                      .arg(rulePath)
                                      .arg(a.port())
                                      .arg(b.port())
                                      .toUtf8();
        QVERIFY2(servers.start(config, &error), qPrintable(error));
        const quint16 lab = servers.labPort();
        const quint16 prom = servers.prometheusPort();

        // Both evaluate: the recording rule agrees, HighLoad is pending for b in both.
        QTRY_VERIFY_WITH_TIMEOUT(!instantQuery(loopback(prom), "job:m:sum").isEmpty() &&
                                     !instantQuery(loopback(lab), "job:m:sum").isEmpty(),
                                 20000);
        // Once both have scraped both targets before an evaluation.
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(loopback(lab), "job:m:sum"),
                                  instantQuery(loopback(prom), "job:m:sum"), 10000);
        const QString highLoad = QStringLiteral("HighLoad 127.0.0.1:%1").arg(b.port());
        QTRY_VERIFY_WITH_TIMEOUT(alerts(lab).contains(highLoad) && alerts(prom).contains(highLoad),
                                 10000);
        {
            QJsonObject l = alerts(lab).value(highLoad), p = alerts(prom).value(highLoad);
            l.remove(QLatin1String("activeAt"));
            p.remove(QLatin1String("activeAt"));
            QCOMPARE(QJsonDocument(l).toJson(), QJsonDocument(p).toJson());
        }
        QCOMPARE(QJsonDocument(stableRules(lab)).toJson(),
                 QJsonDocument(stableRules(prom)).toJson());
        // The rule group's gauges on /metrics, line for line.
        auto ruleGauges = [](quint16 port) {
            QByteArrayList out;
            const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/metrics")));
            for (const QByteArray &line : reply.body.split('\n'))
                if (line.startsWith("prometheus_rule_group_rules") ||
                    line.startsWith("prometheus_rule_group_interval_seconds") ||
                    line.startsWith("# HELP prometheus_rule_evaluations_total"))
                    out << line;
            return out;
        };
        QCOMPARE(ruleGauges(lab).size(), 3);
        QCOMPARE(ruleGauges(lab), ruleGauges(prom));

        // b fails its scrapes: TargetDown goes pending, then firing, in both.
        Timeline labLine, promLine;
        QElapsedTimer clock;
        clock.start();
        b.setStatus(500);
        const QString down = QStringLiteral("TargetDown 127.0.0.1:%1").arg(b.port());
        while (clock.elapsed() < 20000 && !(labLine.firstSeen.contains(down + " firing") &&
                                            promLine.firstSeen.contains(down + " firing"))) {
            labLine.observe(alerts(lab), clock.elapsed());
            promLine.observe(alerts(prom), clock.elapsed());
            QTest::qWait(100);
        }
        QVERIFY2(labLine.firstSeen.contains(down + " firing"), "the lab's alert never fired");
        QVERIFY2(promLine.firstSeen.contains(down + " firing"), "Prometheus's alert never fired");
        // Within one evaluation interval, plus one scrape interval for the scrapers' offsets.
        const qint64 firingDelta =
            labLine.firstSeen.value(down + " firing") - promLine.firstSeen.value(down + " firing");
        qInfo("TargetDown fired: lab %lld ms, prometheus %lld ms after the failure",
              labLine.firstSeen.value(down + " firing"),
              promLine.firstSeen.value(down + " firing"));
        QVERIFY2(std::abs(firingDelta) <= 2000, qPrintable(QString::number(firingDelta)));
        QVERIFY(labLine.firstSeen.contains(down + " pending"));
        QVERIFY(promLine.firstSeen.contains(down + " pending"));

        // The firing alert, as both show it: labels, expanded annotations, value.
        QJsonObject l = alerts(lab).value(down), p = alerts(prom).value(down);
        l.remove(QLatin1String("activeAt"));
        p.remove(QLatin1String("activeAt"));
        QVERIFY2(firstDifference(l, p).isEmpty(), qPrintable(firstDifference(l, p)));
        QCOMPARE(QJsonDocument(stableRules(lab)).toJson(),
                 QJsonDocument(stableRules(prom)).toJson());

        // b recovers: the alert resolves (leaves /api/v1/alerts) in both.
        b.setStatus(200);
        clock.restart();
        labLine = {};
        promLine = {};
        labLine.last = alerts(lab);
        promLine.last = alerts(prom);
        while (clock.elapsed() < 15000 &&
               !(labLine.gone.contains(down) && promLine.gone.contains(down))) {
            labLine.observe(alerts(lab), clock.elapsed());
            promLine.observe(alerts(prom), clock.elapsed());
            QTest::qWait(100);
        }
        QVERIFY2(labLine.gone.contains(down), "the lab's alert never resolved");
        QVERIFY2(promLine.gone.contains(down), "Prometheus's alert never resolved");
        const qint64 resolvedDelta = labLine.gone.value(down) - promLine.gone.value(down);
        qInfo("TargetDown resolved: lab %lld ms, prometheus %lld ms after the recovery",
              labLine.gone.value(down), promLine.gone.value(down));
        QVERIFY2(std::abs(resolvedDelta) <= 2000, qPrintable(QString::number(resolvedDelta)));
        QCOMPARE(instantQuery(loopback(lab), "job:m:sum"),
                 instantQuery(loopback(prom), "job:m:sum"));
        QCOMPARE(instantQuery(loopback(lab), "ALERTS"), instantQuery(loopback(prom), "ALERTS"));
    }

    // The Pushgateway's own answer to "is the pushing job still alive": a group that stops
    // being pushed keeps its last push_time_seconds, and `time() - push_time_seconds > N`
    // fires in both once N seconds have passed; while pushes keep coming, it fires in neither.
    void pushedGroupStaleAgrees() {
        if (!RealPeer::available(QStringLiteral("prometheus")) ||
            !RealPeer::available(QStringLiteral("prometheus-pushgateway")))
            QSKIP("prometheus or prometheus-pushgateway is not installed");
        // Debian's build persists to /var/lib/prometheus/pushgateway.data by default, which
        // other runs share: this one keeps its groups in memory only.
        RealPeer gateway(QStringLiteral("prometheus-pushgateway"),
                         {QStringLiteral("--persistence.file=")});
        QVERIFY2(gateway.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
                 qPrintable(gateway.output()));
        const QUrl group = gateway.url(QStringLiteral("/metrics/job/nightly/instance/db1"));
        auto push = [&] { return httpRequest("PUT", group, "batch_rows_total 42\n").status; };
        QCOMPARE(push(), 200);

        QTemporaryDir ruleDir;
        const QString rulePath = ruleDir.filePath(QStringLiteral("push.yml"));
        {
            QFile f(rulePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("groups:\n"
                    "  - name: push\n"
                    "    rules:\n"
                    "      - alert: PushedGroupStale\n"
                    "        expr: time() - push_time_seconds > 5\n"
                    "        labels:\n"
                    "          severity: warning\n"
                    "        annotations:\n"
                    "          summary: '{{ $labels.job }}/{{ $labels.instance }} has not pushed "
                    "for more than 5s'\n"
                    "          site: '{{ $externalLabels.site }}'\n"
                    "          stale: '{{ if gt $value 5.0 }}yes{{ else }}no{{ end }}'\n");
        }
        TwoScrapers servers;
        QString error;
        const QByteArray config = QStringLiteral(R"y(global:
  scrape_interval: 1s
  scrape_timeout: 500ms
  evaluation_interval: 1s
  external_labels:
    site: lab
rule_files:
  - %1
scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:%2']
)y")
                                      .arg(rulePath)
                                      .arg(gateway.port())
                                      .toUtf8();
        QVERIFY2(servers.start(config, &error), qPrintable(error));
        const quint16 lab = servers.labPort();
        const quint16 prom = servers.prometheusPort();
        const QString key = QStringLiteral("PushedGroupStale db1");

        // Pushed every second for 8 s: both see the group, neither fires.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000 &&
               (instantQuery(loopback(prom), "push_time_seconds").isEmpty() ||
                instantQuery(loopback(lab), "push_time_seconds").isEmpty())) {
            QCOMPARE(push(), 200);
            QTest::qWait(500);
        }
        QVERIFY2(!instantQuery(loopback(prom), "push_time_seconds").isEmpty(),
                 httpRequest("GET", loopback(prom).resolved(QUrl("/api/v1/targets")))
                     .body.left(600)
                     .constData());
        QVERIFY(!instantQuery(loopback(lab), "push_time_seconds").isEmpty());
        clock.restart();
        while (clock.elapsed() < 8000) {
            QCOMPARE(push(), 200);
            QVERIFY2(!alerts(lab).contains(key), "the lab fired while the job was pushing");
            QVERIFY2(!alerts(prom).contains(key), "Prometheus fired while the job was pushing");
            QTest::qWait(1000);
        }

        // The job dies silently: no more pushes. Both fire within one evaluation interval
        // (plus one scrape interval for the two scrapers' offsets) of each other.
        Timeline labLine, promLine;
        clock.restart();
        while (clock.elapsed() < 20000 && !(labLine.firstSeen.contains(key + " firing") &&
                                            promLine.firstSeen.contains(key + " firing"))) {
            labLine.observe(alerts(lab), clock.elapsed());
            promLine.observe(alerts(prom), clock.elapsed());
            QTest::qWait(100);
        }
        QVERIFY2(labLine.firstSeen.contains(key + " firing"), "the lab's alert never fired");
        QVERIFY2(promLine.firstSeen.contains(key + " firing"), "Prometheus's alert never fired");
        const qint64 labAt = labLine.firstSeen.value(key + " firing");
        const qint64 promAt = promLine.firstSeen.value(key + " firing");
        qInfo("PushedGroupStale fired: lab %lld ms, prometheus %lld ms after the pushes stopped "
              "(the last one 1 s before)",
              labAt, promAt);
        QVERIFY2(std::abs(labAt - promAt) <= 2000, qPrintable(QString::number(labAt - promAt)));
        // Not before the 5 s are up.
        QVERIFY(labAt >= 4000);

        // Same labels and expanded annotations (the value itself depends on when each
        // evaluated, so it is left out).
        QJsonObject l = alerts(lab).value(key), p = alerts(prom).value(key);
        for (const char *timing : {"activeAt", "value"}) {
            l.remove(QLatin1String(timing));
            p.remove(QLatin1String(timing));
        }
        QVERIFY2(firstDifference(l, p).isEmpty(), qPrintable(firstDifference(l, p)));
        QCOMPARE(l.value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("summary"))
                     .toString(),
                 QStringLiteral("nightly/db1 has not pushed for more than 5s"));

        // A new push resolves it in both.
        QCOMPARE(push(), 200);
        QTRY_VERIFY_WITH_TIMEOUT(!alerts(lab).contains(key) && !alerts(prom).contains(key), 10000);

        // With no Alertmanager configured, both run the notifier all the same: the same
        // prometheus_notifications_* families, and the fired alerts counted as dropped.
        auto notificationLines = [](quint16 port) {
            QByteArrayList out;
            const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/metrics")));
            for (const QByteArray &line : reply.body.split('\n'))
                if (line.startsWith("# HELP prometheus_notifications_") ||
                    line.startsWith("# TYPE prometheus_notifications_") ||
                    line.startsWith("prometheus_notifications_queue_capacity") ||
                    line.startsWith("prometheus_notifications_alertmanagers_discovered"))
                    out << line;
            return out;
        };
        QCOMPARE(notificationLines(lab), notificationLines(prom));
        auto dropped = [](quint16 port) {
            const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/metrics")));
            for (const QByteArray &line : reply.body.split('\n'))
                if (line.startsWith("prometheus_notifications_dropped_total "))
                    return line.mid(39).toDouble();
            return -1.0;
        };
        QVERIFY2(dropped(prom) >= 1, qPrintable(QString::number(dropped(prom))));
        QVERIFY2(dropped(lab) >= 1, qPrintable(QString::number(dropped(lab))));
    }
};

QTEST_GUILESS_MAIN(TstRulesDifferential)
#include "tst_rulesdifferential.moc"
