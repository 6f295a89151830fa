#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real `pullpush-lab --check-metrics` as a student would.
class TestCheckMetrics : public QObject {
    Q_OBJECT

private slots:
    void cli_data();
    void cli();
    void missingFile();
    void format_data();
    void format();

private:
    struct Result {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Result run(const QStringList &args, const QByteArray &stdinData = {});
};

TestCheckMetrics::Result TestCheckMetrics::run(const QStringList &args,
                                               const QByteArray &stdinData) {
    QProcess p;
    p.start(qEnvironmentVariable("PPL_LAB_BINARY"), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(20000))
        return {};
    Result r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestCheckMetrics::cli_data() {
    QTest::addColumn<bool>("viaStdin");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    const QByteArray good = "# HELP a A.\n# TYPE a gauge\na 1\na{x=\"y\"} 2\n"
                            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n";
    const QByteArray bad = "a 1\n\n# TYPE a gauge\n";
    for (bool viaStdin : {false, true}) {
        const char *how = viaStdin ? "stdin" : "file";
        QTest::addRow("%s: valid", how) << viaStdin << good << 0 << "OK: 2 families, 5 samples\n"
                                        << "";
        QTest::addRow("%s: empty", how)
            << viaStdin << QByteArray() << 0 << "OK: 0 families, 0 samples\n"
            << "";
        QTest::addRow("%s: TYPE after samples", how)
            << viaStdin << bad << 1 << ""
            << "line 3: second TYPE line for metric name \"a\", or TYPE reported after samples\n";
        QTest::addRow("%s: bad value", how)
            << viaStdin << QByteArray("ok 1\nm metric{\n") << 1 << ""
            << "line 2: expected float as value, got \"metric{\"\n";
        // A `# EOF` line makes it OpenMetrics, read with Prometheus 2.42's words.
        QTest::addRow("%s: openmetrics", how)
            << viaStdin
            << QByteArray("# TYPE a counter\n# HELP a A.\na_total 1\na_created 1.5e9\n"
                          "# TYPE i info\ni_info{v=\"1\"} 1\nlone 2\n# EOF\n")
            << 0 << "OK: 3 families, 4 samples (OpenMetrics)\n"
            << "";
        QTest::addRow("%s: openmetrics error", how)
            << viaStdin << QByteArray("# TYPE a counter\na_total 1\na_total 2 x\n# EOF\n") << 1
            << ""
            << "line 3: strconv.ParseFloat: parsing \"x\": invalid syntax\n";
    }
}

void TestCheckMetrics::format_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::newRow("openmetrics without eof") << "openmetrics" << QByteArray("a 1\nb 2\n") << 1 << ""
                                             << "line 3: data does not end with # EOF\n";
    QTest::newRow("openmetrics type word")
        << "openmetrics" << QByteArray("# TYPE a untyped\na 1\n# EOF\n") << 1 << ""
        << "line 1: invalid metric type \"untyped\"\n";
    QTest::newRow("text reads # EOF as a comment")
        << "text" << QByteArray("a 1\n# EOF\n") << 0 << "OK: 1 families, 1 samples\n"
        << "";
    QTest::newRow("auto") << "auto" << QByteArray("a 1\n") << 0 << "OK: 1 families, 1 samples\n"
                          << "";
    QTest::newRow("unknown format") << "xml" << QByteArray("a 1\n") << 2 << ""
                                    << "unknown format xml (text, openmetrics or auto)\n";
}

void TestCheckMetrics::format() {
    QFETCH(QString, format);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    const Result r = run({QStringLiteral("--check-metrics"), QStringLiteral("-"),
                          QStringLiteral("--format"), format},
                         input);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.out, out);
    QCOMPARE(r.err, err);
}

void TestCheckMetrics::cli() {
    QFETCH(bool, viaStdin);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    Result r;
    if (viaStdin) {
        r = run({QStringLiteral("--check-metrics"), QStringLiteral("-")}, input);
    } else {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("metrics.prom")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(input);
        f.close();
        r = run({QStringLiteral("--check-metrics"), f.fileName()});
    }
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.out, out);
    QCOMPARE(r.err, err);
}

void TestCheckMetrics::missingFile() {
    const Result r = run(
        {QStringLiteral("--check-metrics"), QStringLiteral("/nonexistent/ppl-no-such-file.prom")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(QStringLiteral("ppl-no-such-file.prom")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCheckMetrics)
#include "tst_checkmetrics.moc"
