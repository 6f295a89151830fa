#include "exposition/textparser.h"
#include "exposition/textwriter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace ppl;

class TestTextWriter : public QObject {
    Q_OBJECT

private slots:
    void formatValue_data();
    void formatValue();
    void escapes();
    void canonicalOutput();
    void roundTrip_data();
    void roundTrip();
    void promtoolAccepts();

private:
    static std::vector<MetricFamily> sampleFamilies();
};

void TestTextWriter::formatValue_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    // Each expectation is what Go's strconv.FormatFloat(v, 'g', -1, 64) prints.
    QTest::addRow("zero") << 0.0 << QByteArray("0");
    QTest::addRow("negative zero") << -0.0 << QByteArray("-0");
    QTest::addRow("one") << 1.0 << QByteArray("1");
    QTest::addRow("100000") << 1e5 << QByteArray("100000");
    QTest::addRow("123456") << 123456.0 << QByteArray("123456");
    QTest::addRow("1e+06") << 1e6 << QByteArray("1e+06");
    QTest::addRow("1234567") << 1234567.0 << QByteArray("1.234567e+06");
    QTest::addRow("0.0001") << 1e-4 << QByteArray("0.0001");
    QTest::addRow("1e-05") << 1e-5 << QByteArray("1e-05");
    QTest::addRow("third") << 1.0 / 3 << QByteArray("0.3333333333333333");
    QTest::addRow("0.1") << 0.1 << QByteArray("0.1");
    QTest::addRow("-2.5") << -2.5 << QByteArray("-2.5");
    QTest::addRow("1e+21") << 1e21 << QByteArray("1e+21");
    QTest::addRow("1.7e9") << 1.7e9 << QByteArray("1.7e+09");
    QTest::addRow("smallest subnormal") << 5e-324 << QByteArray("5e-324");
    QTest::addRow("max") << std::numeric_limits<double>::max()
                         << QByteArray("1.7976931348623157e+308");
    QTest::addRow("+Inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
    QTest::addRow("-Inf") << -std::numeric_limits<double>::infinity() << QByteArray("-Inf");
    QTest::addRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("NaN");
}

void TestTextWriter::formatValue() {
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(ppl::formatValue(value), text);
}

void TestTextWriter::escapes() {
    QCOMPARE(escapeLabelValue("a\\b\"c\nd"), QByteArray("a\\\\b\\\"c\\nd"));
    QCOMPARE(escapeHelp("a\\b\"c\nd"), QByteArray("a\\\\b\"c\\nd"));
}

std::vector<MetricFamily> TestTextWriter::sampleFamilies() {
    std::vector<MetricFamily> fs;
    MetricFamily c;
    c.name = "lab_jobs_processed_total";
    c.type = MetricType::Counter;
    c.help = "Jobs processed, by \"queue\" \\ with a\nnewline.";
    c.hasHelp = true;
    c.samples.push_back({"lab_jobs_processed_total", {{"queue", "a\"b\\c\nd"}}, 1e6, {}});
    c.samples.push_back({"lab_jobs_processed_total", {{"queue", ""}}, 3, 1700000000000});
    fs.push_back(c);
    MetricFamily g;
    g.name = "lab_temperature_celsius";
    g.type = MetricType::Gauge;
    g.help = "Temperature.";
    g.hasHelp = true;
    g.samples.push_back({"lab_temperature_celsius", {}, -0.5, {}});
    g.samples.push_back(
        {"lab_temperature_celsius", {{"room", "x"}}, std::numeric_limits<double>::quiet_NaN(), {}});
    fs.push_back(g);
    MetricFamily h;
    h.name = "lab_request_duration_seconds";
    h.type = MetricType::Histogram;
    h.help = "Request durations.";
    h.hasHelp = true;
    h.samples.push_back({"lab_request_duration_seconds_bucket", {{"le", "0.1"}}, 2, {}});
    h.samples.push_back({"lab_request_duration_seconds_bucket", {{"le", "+Inf"}}, 5, {}});
    h.samples.push_back({"lab_request_duration_seconds_sum", {}, 1.25, {}});
    h.samples.push_back({"lab_request_duration_seconds_count", {}, 5, {}});
    fs.push_back(h);
    MetricFamily s;
    s.name = "lab_rpc_duration_seconds";
    s.type = MetricType::Summary;
    s.help = "RPC durations.";
    s.hasHelp = true;
    s.samples.push_back({"lab_rpc_duration_seconds", {{"quantile", "0.5"}}, 0.003, {}});
    s.samples.push_back({"lab_rpc_duration_seconds_sum", {}, 12.5, {}});
    s.samples.push_back({"lab_rpc_duration_seconds_count", {}, 4000, {}});
    fs.push_back(s);
    MetricFamily u;
    u.name = "lab_untyped_thing";
    u.help = "Something untyped.";
    u.hasHelp = true;
    u.samples.push_back({"lab_untyped_thing", {}, std::numeric_limits<double>::infinity(), {}});
    fs.push_back(u);
    return fs;
}

void TestTextWriter::canonicalOutput() {
    MetricFamily f;
    f.name = "x_total";
    f.type = MetricType::Counter;
    f.help = "H\\\n";
    f.hasHelp = true;
    f.samples.push_back({"x_total", {{"a", "1"}, {"b", "\""}}, 2, 5});
    MetricFamily empty;
    empty.name = "nothing";
    QCOMPARE(writeText({f, empty}), QByteArray("# HELP x_total H\\\\\\n\n"
                                               "# TYPE x_total counter\n"
                                               "x_total{a=\"1\",b=\"\\\"\"} 2 5\n"));
}

void TestTextWriter::roundTrip_data() {
    QTest::addColumn<int>("which");
    QTest::addRow("every type, escapes, specials") << 0;
    QTest::addRow("many values") << 1;
}

void TestTextWriter::roundTrip() {
    QFETCH(int, which);
    std::vector<MetricFamily> fs;
    if (which == 0) {
        fs = sampleFamilies();
    } else {
        MetricFamily g;
        g.name = "g";
        g.type = MetricType::Gauge;
        double v = 1.0;
        for (int i = 0; i < 2000; ++i) {
            v = v * -1.37 + 1e-3 / (i + 1);
            g.samples.push_back({"g",
                                 {{"i", QByteArray::number(i)}},
                                 std::ldexp(v, i % 300 - 150),
                                 i % 3 ? std::optional<qint64>() : std::optional<qint64>(-i)});
        }
        fs.push_back(g);
    }
    const QByteArray text = writeText(fs);
    const ParsedExposition back = parseText(text);
    QVERIFY2(!back.error, back.error ? qPrintable(back.error->toString()) : "");
    QCOMPARE(back.families, fs);
    QCOMPARE(writeText(back.families), text);
}

void TestTextWriter::promtoolAccepts() {
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool is not installed");
    QProcess p;
    p.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(p.waitForStarted(10000));
    p.write(writeText(sampleFamilies()));
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(20000));
    const QByteArray output = p.readAllStandardOutput() + p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, output.constData());
    QVERIFY2(output.trimmed().isEmpty(), output.constData()); // no lint complaints either
}

QTEST_GUILESS_MAIN(TestTextWriter)
#include "tst_textwriter.moc"
