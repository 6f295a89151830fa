// `pullpush-lab --headless --engine real` (issue 17): the lines it prints, and a scenario
// that asks for the real engine itself (engine: real).
#include "realpeer.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using ppl::test::httpRequest;

namespace {

QString labBinary() {
    return qEnvironmentVariable("PPL_LAB_BINARY");
}

// The lines the run printed until one starts with "lab " (or the bound runs out).
QStringList linesUntilLab(QProcess &p, int timeoutMs) {
    QStringList lines;
    QElapsedTimer t;
    t.start();
    QByteArray buffer;
    while (t.elapsed() < timeoutMs && p.state() == QProcess::Running) {
        p.waitForReadyRead(200);
        buffer += p.readAllStandardOutput();
        while (buffer.contains('\n')) {
            const qsizetype nl = buffer.indexOf('\n');
            lines << QString::fromUtf8(buffer.left(nl));
            buffer.remove(0, nl + 1);
            if (lines.last().startsWith(QLatin1String("lab ")))
                return lines;
        }
    }
    return lines;
}

QUrl urlOf(const QStringList &lines, const QString &key) {
    for (const QString &l : lines)
        if (l.startsWith(key + QLatin1Char(' ')))
            return QUrl(l.mid(key.size() + 1));
    return {};
}

} // namespace

class TestRealHeadless : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void printsServerGatewayAndLab_data();
    void printsServerGatewayAndLab();
    void badEngineValue();
};

void TestRealHeadless::printsServerGatewayAndLab_data() {
    QTest::addColumn<bool>("flag"); // --engine real, or engine: real in the file
    QTest::addRow("--engine real") << true;
    QTest::addRow("engine: real in the scenario") << false;
}

void TestRealHeadless::printsServerGatewayAndLab() {
    QFETCH(bool, flag);
    for (const char *p : {"/usr/bin/prometheus", "/usr/bin/prometheus-pushgateway"})
        if (!QFileInfo(QString::fromLatin1(p)).isExecutable())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (apt install prometheus "
                                            "prometheus-pushgateway)")
                                 .arg(QString::fromLatin1(p))));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("real.yaml"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(flag ? "" : "engine: real\n") + R"(name: real-headless
prometheus: |
  global: {scrape_interval: 1s, scrape_timeout: 500ms}
  scrape_configs:
    - job_name: pushgateway
      honor_labels: true
      static_configs: [{targets: ['{{gateway}}']}]
    - job_name: app
      static_configs: [{targets: ['{{target:web-1}}']}]
targets:
  - name: web-1
)");
    f.close();
    QProcess lab;
    QStringList args{QStringLiteral("--headless"), QStringLiteral("--scenario"), file,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    if (flag)
        args << QStringLiteral("--engine") << QStringLiteral("real");
    lab.start(labBinary(), args);
    QVERIFY(lab.waitForStarted(5000));
    const QStringList lines = linesUntilLab(lab, 30000);
    QVERIFY2(!lines.isEmpty() && lines.last().startsWith(QLatin1String("lab ")),
             qPrintable(lines.join(u'\n') + QString::fromUtf8(lab.readAllStandardError())));
    const QUrl server = urlOf(lines, QStringLiteral("server"));
    const QUrl gateway = urlOf(lines, QStringLiteral("gateway"));
    const QUrl labUrl = urlOf(lines, QStringLiteral("lab"));
    QVERIFY(server.isValid() && gateway.isValid() && labUrl.isValid());
    QCOMPARE(lines.first(), QStringLiteral("server ") + server.toString()); // first, as embedded
    QVERIFY(urlOf(lines, QStringLiteral("alertmanager")).isEmpty());        // no alerting rules
    // Each is what it says: the real Prometheus, the real gateway, the lab's control API.
    QVERIFY(httpRequest("GET", server.resolved(QUrl(QStringLiteral("/api/v1/status/buildinfo"))))
                .body.contains("\"version\":\"2."));
    QVERIFY(httpRequest("GET", gateway.resolved(QUrl(QStringLiteral("/api/v1/status"))))
                .body.contains("\"success\""));
    QCOMPARE(httpRequest("GET", labUrl.resolved(QUrl(QStringLiteral("/lab/targets")))).status, 200);
    lab.terminate();
    QVERIFY(lab.waitForFinished(15000));
    QCOMPARE(lab.exitCode(), 0);
    // The children went with it.
    QCOMPARE(
        httpRequest("GET", server.resolved(QUrl(QStringLiteral("/-/ready"))), {}, {}, 2000).status,
        0);
}

void TestRealHeadless::badEngineValue() {
    QProcess lab;
    lab.start(labBinary(), {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                            QStringLiteral("pull-basics"), QStringLiteral("--engine"),
                            QStringLiteral("docker")});
    QVERIFY(lab.waitForFinished(15000));
    QCOMPARE(lab.exitCode(), 2);
    QVERIFY(lab.readAllStandardError().contains("real or embedded"));
}

QTEST_GUILESS_MAIN(TestRealHeadless)
#include "tst_realheadless.moc"
