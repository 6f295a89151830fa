// parsePrometheusDuration, the one reader of Prometheus durations (scrape configs, PromQL, the
// HTTP API's step and timeout, the lab's settings): common/model ParseDuration's syntax, range
// and error words, checked against a table and against the real promtool's config check.
#include "realpeer.h"
#include "util/promduration.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ppl;

class TestPromDuration : public QObject {
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void formats_data();
    void formats();
    void promtoolAgrees_data();
    void promtoolAgrees();
};

void TestPromDuration::parses_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("ms"); // -1: an error
    QTest::addColumn<QString>("error");
    const qint64 day = 86400000;
    QTest::addRow("seconds") << QByteArray("15s") << qint64(15000) << QString();
    QTest::addRow("minutes and seconds") << QByteArray("1m30s") << qint64(90000) << QString();
    QTest::addRow("milliseconds") << QByteArray("500ms") << qint64(500) << QString();
    QTest::addRow("minute then ms") << QByteArray("1m5ms") << qint64(60005) << QString();
    QTest::addRow("every unit") << QByteArray("1y1w1d1h1m1s1ms")
                                << qint64(365 * day + 7 * day + day + 3600000 + 60000 + 1001)
                                << QString();
    QTest::addRow("bare zero") << QByteArray("0") << qint64(0) << QString();
    QTest::addRow("zero seconds") << QByteArray("0s") << qint64(0) << QString();
    QTest::addRow("leading zeros") << QByteArray("007s") << qint64(7000) << QString();
    QTest::addRow("largest") << QByteArray("106751d") << qint64(106751 * day) << QString();
    QTest::addRow("largest in ms")
        << QByteArray("9223372036854ms") << qint64(9223372036854) << QString();
    const QString range = QStringLiteral("duration out of range");
    QTest::addRow("one day too many") << QByteArray("106752d") << qint64(-1) << range;
    QTest::addRow("one ms too many") << QByteArray("9223372036855ms") << qint64(-1) << range;
    QTest::addRow("sum too large") << QByteArray("292y30w") << qint64(-1) << range;
    QTest::addRow("huge number") << QByteArray("99999999999999999999999s") << qint64(-1) << range;
    QTest::addRow("empty") << QByteArray("") << qint64(-1)
                           << QStringLiteral("empty duration string");
    const auto invalid = [](const char *text) {
        return QStringLiteral("not a valid duration string: \"%1\"").arg(QLatin1String(text));
    };
    for (const char *bad :
         {"1s1m", "1h1h", "15", "s", "1.5s", "-1s", "5S", "1m 30s", "1h0m0s0", "1ms1s", " 1s"})
        QTest::addRow("invalid %s", bad) << QByteArray(bad) << qint64(-1) << invalid(bad);
    QTest::addRow("quote in text") << QByteArray("1\"s") << qint64(-1)
                                   << QStringLiteral("not a valid duration string: \"1\\\"s\"");
}

void TestPromDuration::parses() {
    QFETCH(QByteArray, text);
    QFETCH(qint64, ms);
    QFETCH(QString, error);
    QString got;
    const std::optional<qint64> d = parsePrometheusDuration(text, &got);
    QCOMPARE(d.value_or(-1), ms);
    QCOMPARE(got, error);
    QCOMPARE(parsePrometheusDuration(text).value_or(-1), ms); // the error is optional
}

void TestPromDuration::formats_data() {
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("zero") << qint64(0) << QByteArray("0s");
    QTest::addRow("90 s") << qint64(90000) << QByteArray("1m30s");
    QTest::addRow("ms") << qint64(1500) << QByteArray("1s500ms");
    QTest::addRow("90 days") << qint64(90LL * 86400000) << QByteArray("90d");
    QTest::addRow("two weeks") << qint64(14LL * 86400000) << QByteArray("2w");
}

void TestPromDuration::formats() {
    QFETCH(qint64, ms);
    QFETCH(QByteArray, text);
    QCOMPARE(formatPrometheusDuration(ms), text);
    QCOMPARE(parsePrometheusDuration(text).value_or(-1), ms);
}

void TestPromDuration::promtoolAgrees_data() {
    QTest::addColumn<QByteArray>("text");
    for (const char *t :
         {"1m30s", "0", "106751d", "106752d", "292y30w", "300y", "1s1m", "15", "", "1h1h"})
        QTest::addRow("%s", t) << QByteArray(t);
}

// promtool reads scrape_interval with model.ParseDuration: it accepts what we accept, and
// its error ends with our message.
void TestPromDuration::promtoolAgrees() {
    if (!test::RealPeer::available(QStringLiteral("promtool")))
        QSKIP("promtool not installed");
    QFETCH(QByteArray, text);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("p.yml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("global:\n  scrape_interval: \"" + text + "\"\n");
    file.close();
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(QStringLiteral("promtool"),
                   {QStringLiteral("check"), QStringLiteral("config"), path});
    QVERIFY(promtool.waitForFinished(30000));
    const QString output = QString::fromUtf8(promtool.readAll());
    QString error;
    const std::optional<qint64> ours = parsePrometheusDuration(text, &error);
    QVERIFY2((promtool.exitCode() == 0) == ours.has_value(), qPrintable(output));
    if (!ours)
        QVERIFY2(output.contains(QStringLiteral(": ") + error + QLatin1Char('\n')),
                 qPrintable(output + QStringLiteral(" / ours: ") + error));
}

QTEST_GUILESS_MAIN(TestPromDuration)
#include "tst_promduration.moc"
