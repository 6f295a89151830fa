// Issue 20 §3: scenarios run real Debian exporters on free loopback ports, stopped with the
// scenario; {{exporter:NAME}} points the configuration at them; a missing binary names its
// Debian package. The built-in "probing from outside": a killed target's probe fails while
// its up goes 0 (system clock, real processes).
#include "realpeer.h"

#include "lab/lab.h"
#include "lab/scenario.h"
#include "sim/realexporter.h"
#include "sim/simulatedtarget.h"

#include <QFile>
#include <QTcpSocket>
#include <QTest>

using namespace ppl;
using ppl::test::instantQuery;

namespace {

const QString kNode = QStringLiteral("/usr/bin/prometheus-node-exporter");
const QString kBlackbox = QStringLiteral("/usr/bin/prometheus-blackbox-exporter");
const QString kPushgateway = QStringLiteral("/usr/bin/prometheus-pushgateway");
constexpr int WaitMs = 30000; // the built-in scrapes every 5 s; this bounds every wait

bool accepts(quint16 port) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(1000);
}

QString key(const QString &name, const QString &labels) {
    return QStringLiteral("__name__=%1,%2").arg(name, labels);
}

} // namespace

class TestLabExporters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scenarioDeclaresExporters() {
        const auto r = loadScenario(R"(
prometheus: |
  scrape_configs:
    - job_name: node
      static_configs:
        - targets: ['{{exporter:host}}']
exporters:
  - name: host
    kind: node
    args: ['--collector.disable-defaults']
  - name: probe
    kind: blackbox
    config:
      modules:
        icmp: {prober: icmp}
)",
                                    QStringLiteral("x.yaml"));
        QVERIFY2(r.scenario, r.error ? qPrintable(r.error->toString()) : "");
        QCOMPARE(r.scenario->exporters.size(), 2);
        QVERIFY(r.scenario->exporters[0].kind == ExporterKind::Node);
        QCOMPARE(r.scenario->exporters[0].args, QStringList{"--collector.disable-defaults"});
        QVERIFY(r.scenario->exporters[1].kind == ExporterKind::Blackbox);
        QVERIFY(r.scenario->exporters[1].config.contains("prober: icmp"));
    }

    void scenarioExporterMistakes_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind") << QByteArray("exporters:\n  - {name: a, kind: snmp}\n")
                                      << QStringLiteral("kind is node, blackbox or pushgateway");
        QTest::newRow("config for node")
            << QByteArray("exporters:\n  - {name: a, kind: node, config: {x: 1}}\n")
            << QStringLiteral("config is the blackbox exporter's modules");
        QTest::newRow("twice") << QByteArray("exporters:\n  - {name: a, kind: node}\n"
                                             "  - {name: a, kind: pushgateway}\n")
                               << QStringLiteral("used twice");
        QTest::newRow("unknown placeholder")
            << QByteArray("prometheus: |\n  scrape_configs:\n    - job_name: n\n"
                          "      static_configs:\n        - targets: ['{{exporter:b}}']\n"
                          "exporters:\n  - {name: a, kind: node}\n")
            << QStringLiteral("unknown placeholder {{exporter:b}}");
    }
    void scenarioExporterMistakes() {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        const auto r = loadScenario(yaml, QStringLiteral("x.yaml"));
        QVERIFY(!r.scenario);
        QVERIFY2(r.error->message.contains(message), qPrintable(r.error->toString()));
    }

    // Not installed: the scenario does not start, and the message names the package.
    void missingBinaryNamesThePackage_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("package");
        QTest::newRow("node") << int(ExporterKind::Node)
                              << QStringLiteral("prometheus-node-exporter");
        QTest::newRow("blackbox") << int(ExporterKind::Blackbox)
                                  << QStringLiteral("prometheus-blackbox-exporter");
        QTest::newRow("pushgateway")
            << int(ExporterKind::Pushgateway) << QStringLiteral("prometheus-pushgateway");
    }
    void missingBinaryNamesThePackage() {
        QFETCH(int, kind);
        QFETCH(QString, package);
        Scenario s;
        s.name = QStringLiteral("missing");
        ExporterSpec e;
        e.name = "x";
        e.kind = ExporterKind(kind);
        e.program = QStringLiteral("/nonexistent/") + package; // as on a machine without it
        s.exporters << e;
        Lab lab;
        QString error;
        QVERIFY(!lab.loadScenario(s, &error));
        QVERIFY2(error.contains(QStringLiteral("install the Debian package ") + package),
                 qPrintable(error));
        QVERIFY(lab.exporters().isEmpty());
    }

    // Each kind starts on a free loopback port, is scraped up by the lab, and stops with it.
    void exportersStartGetScrapedAndStop() {
        for (const QString &b : {kNode, kBlackbox, kPushgateway})
            if (!QFile::exists(b))
                QSKIP("needs prometheus-node-exporter, prometheus-blackbox-exporter and "
                      "prometheus-pushgateway");
        const auto r = loadScenario(R"(
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 1s
  scrape_configs:
    - job_name: exporters
      static_configs:
        - targets: ['{{exporter:host}}', '{{exporter:probe}}', '{{exporter:gw}}']
exporters:
  - name: host
    kind: node
    args: ['--collector.disable-defaults', '--collector.loadavg']
  - name: probe
    kind: blackbox
  - name: gw
    kind: pushgateway
)",
                                    QStringLiteral("x.yaml"));
        QVERIFY2(r.scenario, r.error ? qPrintable(r.error->toString()) : "");
        QList<quint16> ports;
        {
            Lab lab;
            QVERIFY(lab.listen(QHostAddress::LocalHost, 0));
            QString error;
            QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
            QCOMPARE(lab.exporters().size(), 3);
            QMap<QString, QString> expected;
            for (RealExporter *e : lab.exporters()) {
                QVERIFY(e->isRunning());
                QVERIFY(e->port() != 0);
                ports << e->port();
                expected.insert(
                    key(QStringLiteral("up"), QStringLiteral("instance=%1,job=exporters")
                                                  .arg(QString::fromLatin1(e->address()))),
                    QStringLiteral("1"));
            }
            const bool allUp = QTest::qWaitFor(
                [&] { return instantQuery(lab.serverUrl(), QStringLiteral("up")) == expected; },
                WaitMs);
            if (!allUp) // say why
                qWarning().noquote()
                    << ppl::test::httpRequest("GET", QUrl(lab.serverUrl().toString() +
                                                          QStringLiteral("/api/v1/targets")))
                           .body;
            QCOMPARE(instantQuery(lab.serverUrl(), QStringLiteral("up")), expected);
            // Scraped for real: the node exporter's own series arrive.
            QTRY_VERIFY_WITH_TIMEOUT(
                !instantQuery(lab.serverUrl(), QStringLiteral("node_load1")).isEmpty(), WaitMs);
            lab.clear();
            QVERIFY(lab.exporters().isEmpty());
        }
        for (quint16 port : ports)
            QVERIFY2(!accepts(port), qPrintable(QString::number(port)));
    }

    // The built-in scenario: two views of one death.
    void probingFromOutsideKillShowsTwice() {
        if (!QFile::exists(kNode) || !QFile::exists(kBlackbox))
            QSKIP("needs prometheus-node-exporter and prometheus-blackbox-exporter");
        const auto r = loadScenarioByNameOrFile(QStringLiteral("probing-from-outside"));
        QVERIFY2(r.scenario, r.error ? qPrintable(r.error->toString()) : "");
        Lab lab;
        QVERIFY(lab.listen(QHostAddress::LocalHost, 0));
        QString error;
        QVERIFY2(lab.loadScenario(*r.scenario, &error), qPrintable(error));
        const QString web1 = QString::fromLatin1(lab.target("web-1")->address());
        const QString web2 = QString::fromLatin1(lab.target("web-2")->address());
        const QString node = QString::fromLatin1(lab.exporter("node")->address());
        const auto probe = [&](const QString &addr) {
            return key(QStringLiteral("probe_success"),
                       QStringLiteral("instance=http://%1/metrics,job=blackbox").arg(addr));
        };
        const auto up = [&](const QString &job, const QString &instance) {
            return key(QStringLiteral("up"),
                       QStringLiteral("instance=%1,job=%2").arg(instance, job));
        };
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(lab.serverUrl(), QStringLiteral("probe_success")),
                                  (QMap<QString, QString>{{probe(web1), "1"}, {probe(web2), "1"}}),
                                  WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(lab.serverUrl(), QStringLiteral("up{job=~\"services|node\"}")),
            (QMap<QString, QString>{
                {up("services", web1), "1"}, {up("services", web2), "1"}, {up("node", node), "1"}}),
            WaitMs);

        QVERIFY(lab.killTarget("web-2", &error));
        QTRY_COMPARE_WITH_TIMEOUT(instantQuery(lab.serverUrl(), QStringLiteral("probe_success")),
                                  (QMap<QString, QString>{{probe(web1), "1"}, {probe(web2), "0"}}),
                                  WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            instantQuery(lab.serverUrl(), QStringLiteral("up{job=\"services\"}")),
            (QMap<QString, QString>{{up("services", web1), "1"}, {up("services", web2), "0"}}),
            WaitMs);
    }
};

QTEST_GUILESS_MAIN(TestLabExporters)
#include "tst_labexporters.moc"
