#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ppl;
using namespace ppl::test;

namespace {
const QString kBlackbox = QStringLiteral("/usr/bin/prometheus-blackbox-exporter");
}

// Issue 20 §1: the multi-target exporter pattern every course teaches. URLs sit in
// static_configs, relabelling moves each into __param_target and instance and points
// __address__ at Debian's blackbox exporter; the lab and the real Prometheus 2.42, started
// from the same prometheus.yml, must report the same probe_success per instance.
class TestBlackboxPattern : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameProbeResultsAsPrometheus() {
        if (!QFile::exists(kBlackbox) || !RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("needs the Debian packages prometheus-blackbox-exporter and prometheus");
        RealPeer blackbox(kBlackbox, {QStringLiteral("--config.file=blackbox.yml")});
        {
            QFile f(blackbox.tempDir() + QStringLiteral("/blackbox.yml"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("modules:\n  http_2xx:\n    prober: http\n    timeout: 2s\n");
        }
        QVERIFY2(
            blackbox.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/healthy")),
            qPrintable(blackbox.output()));

        TestTarget live;
        QVERIFY(live.listen());
        live.setBody("ok 1\n");
        const QString liveUrl = live.url(QStringLiteral("/"));
        const QString deadUrl = QStringLiteral("http://127.0.0.1:%1/").arg(freeLoopbackPort());

        const QByteArray yaml = QStringLiteral(R"(global:
  scrape_interval: 1s
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params:
      module: [http_2xx]
    static_configs:
      - targets: ['%1', '%2']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:%3
)")
                                    .arg(liveUrl, deadUrl)
                                    .arg(blackbox.port())
                                    .toUtf8();
        TwoScrapers both;
        QString error;
        QVERIFY2(both.start(yaml, &error), qPrintable(error));

        const QMap<QString, QString> expected = {
            {QStringLiteral("__name__=probe_success,instance=%1,job=blackbox").arg(liveUrl),
             QStringLiteral("1")},
            {QStringLiteral("__name__=probe_success,instance=%1,job=blackbox").arg(deadUrl),
             QStringLiteral("0")},
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(loopback(both.prometheusPort()), QStringLiteral("probe_success")),
            expected, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(loopback(both.labPort()), QStringLiteral("probe_success")), expected,
            20000);

        // The scrape URL carries the target as a query parameter, encoded as Go encodes it.
        const HttpReply reply =
            httpRequest("GET", loopback(both.labPort()).resolved(QUrl("/api/v1/targets")));
        const QJsonArray active = QJsonDocument::fromJson(reply.body)
                                      .object()[QLatin1String("data")]
                                      .toObject()[QLatin1String("activeTargets")]
                                      .toArray();
        QCOMPARE(active.size(), 2);
        QStringList urls;
        for (const QJsonValue &t : active)
            urls << t.toObject()[QLatin1String("scrapeUrl")].toString();
        QVERIFY2(urls.contains(QStringLiteral("http://127.0.0.1:%1/probe?module=http_2xx&target=%2")
                                   .arg(blackbox.port())
                                   .arg(QString::fromLatin1(QUrl::toPercentEncoding(liveUrl)))),
                 qPrintable(urls.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestBlackboxPattern)
#include "tst_blackboxpattern.moc"
