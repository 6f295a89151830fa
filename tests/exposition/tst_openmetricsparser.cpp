// OpenMetricsParser against Prometheus 2.42's own expectations: the error table and the
// entry walk are 2.42's model/textparse/openmetricsparse_test.go cases (inputs and exact
// error words), plus the scraper's label-set checks, line numbers and content types.
#include "exposition/openmetricsparser.h"

#include <QTest>

#include <cmath>

using namespace ppl;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(OpenMetricsParser::Entry)

namespace {

// Runs the parser to its end; returns "" when the body ends cleanly, else the error.
QString runToEnd(const QByteArray &body, int *samples = nullptr, int *line = nullptr) {
    OpenMetricsParser p(body);
    int n = 0;
    for (;;) {
        const auto e = p.next();
        if (e == OpenMetricsParser::Entry::Sample)
            ++n;
        if (e == OpenMetricsParser::Entry::End || e == OpenMetricsParser::Entry::Error) {
            if (samples)
                *samples = n;
            if (line)
                *line = p.lineNumber();
            return e == OpenMetricsParser::Entry::End ? QString() : p.error().message;
        }
    }
}

QString describeSample(OpenMetricsParser &p) {
    QStringList labels;
    for (int i = 0; i < p.labelCount(); ++i)
        labels << QString::fromUtf8(p.labelName(i)) + QLatin1Char('=') +
                      QString::fromUtf8(p.labelValue(i));
    QString s = QString::fromUtf8(p.name()) + QLatin1Char('{') + labels.join(QLatin1Char(',')) +
                QStringLiteral("} ") +
                QString::number(p.value(), 'g', QLocale::FloatingPointShortest);
    if (const auto ts = p.timestampMs())
        s += QStringLiteral(" @") + QString::number(*ts);
    if (p.hasExemplar()) {
        QStringList el;
        for (int i = 0; i < p.exemplarLabelCount(); ++i)
            el << QString::fromUtf8(p.exemplarLabelName(i)) + QLatin1Char('=') +
                      QString::fromUtf8(p.exemplarLabelValue(i));
        s += QStringLiteral(" # {") + el.join(QLatin1Char(',')) + QStringLiteral("} ") +
             QString::number(p.exemplarValue(), 'g', QLocale::FloatingPointShortest);
        if (const auto ets = p.exemplarTimestampMs())
            s += QStringLiteral(" @") + QString::number(*ets);
    }
    return s;
}

} // namespace

class TestOpenMetricsParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // 2.42's TestOpenMetricsParse: the whole walk, entry by entry.
    void walk() {
        QByteArray input =
            "# HELP go_gc_duration_seconds A summary of the GC invocation durations.\n"
            "# TYPE go_gc_duration_seconds summary\n"
            "# UNIT go_gc_duration_seconds seconds\n"
            "go_gc_duration_seconds{quantile=\"0\"} 4.9351e-05\n"
            "go_gc_duration_seconds{quantile=\"0.25\"} 7.424100000000001e-05\n"
            "go_gc_duration_seconds{quantile=\"0.5\",a=\"b\"} 8.3835e-05\n"
            "# HELP nohelp1 \n"
            "# HELP help2 escape \\ \\n \\\\ \\\" \\x chars\n"
            "# UNIT nounit \n"
            "go_gc_duration_seconds{quantile=\"1.0\",a=\"b\"} 8.3835e-05\n"
            "go_gc_duration_seconds_count 99\n"
            "some:aggregate:rate5m{a_b=\"c\"} 1\n"
            "# HELP go_goroutines Number of goroutines that currently exist.\n"
            "# TYPE go_goroutines gauge\n"
            "go_goroutines 33 123.123\n"
            "# TYPE hh histogram\n"
            "hh_bucket{le=\"+Inf\"} 1\n"
            "# TYPE gh gaugehistogram\n"
            "gh_bucket{le=\"+Inf\"} 1\n"
            "# TYPE hhh histogram\n"
            "hhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4\n"
            "# TYPE ggh gaugehistogram\n"
            "ggh_bucket{le=\"+Inf\"} 1 # {cc=\"dd\",xx=\"yy\"} 4 123.123\n"
            "# TYPE ii info\n"
            "ii{foo=\"bar\"} 1\n"
            "# TYPE ss stateset\n"
            "ss{ss=\"foo\"} 1\n"
            "ss{ss=\"bar\"} 0\n"
            "ss{A=\"a\"} 0\n"
            "# TYPE un unknown\n"
            "_metric_starting_with_underscore 1\n"
            "testmetric{_label_starting_with_underscore=\"foo\"} 1\n"
            "testmetric{label=\"\\\"bar\\\"\"} 1\n"
            "# TYPE foo counter\n"
            "foo_total 17.0 1520879607.789 # {xx=\"yy\"} 5"_ba;
        input += "\n# HELP metric foo"_ba + QByteArray(1, '\0') + "bar"_ba;
        input += "\nnull_byte_metric{a=\"abc"_ba + QByteArray(1, '\0') + "\"} 1"_ba;
        input += "\n# EOF\n"_ba;

        const QStringList expected = {
            u"help go_gc_duration_seconds A summary of the GC invocation durations."_s,
            u"type go_gc_duration_seconds summary"_s,
            u"unit go_gc_duration_seconds seconds"_s,
            u"go_gc_duration_seconds{quantile=0} 4.9351e-05"_s,
            u"go_gc_duration_seconds{quantile=0.25} 7.424100000000001e-05"_s,
            u"go_gc_duration_seconds{quantile=0.5,a=b} 8.3835e-05"_s,
            u"help nohelp1 "_s,
            u"help help2 escape \\ \n \\ \" \\x chars"_s,
            u"unit nounit "_s,
            u"go_gc_duration_seconds{quantile=1.0,a=b} 8.3835e-05"_s,
            u"go_gc_duration_seconds_count{} 99"_s,
            u"some:aggregate:rate5m{a_b=c} 1"_s,
            u"help go_goroutines Number of goroutines that currently exist."_s,
            u"type go_goroutines gauge"_s,
            u"go_goroutines{} 33 @123123"_s,
            u"type hh histogram"_s,
            u"hh_bucket{le=+Inf} 1"_s,
            u"type gh gaugehistogram"_s,
            u"gh_bucket{le=+Inf} 1"_s,
            u"type hhh histogram"_s,
            u"hhh_bucket{le=+Inf} 1 # {aa=bb} 4"_s,
            u"type ggh gaugehistogram"_s,
            u"ggh_bucket{le=+Inf} 1 # {cc=dd,xx=yy} 4 @123123"_s,
            u"type ii info"_s,
            u"ii{foo=bar} 1"_s,
            u"type ss stateset"_s,
            u"ss{ss=foo} 1"_s,
            u"ss{ss=bar} 0"_s,
            u"ss{A=a} 0"_s,
            u"type un unknown"_s,
            u"_metric_starting_with_underscore{} 1"_s,
            u"testmetric{_label_starting_with_underscore=foo} 1"_s,
            u"testmetric{label=\"bar\"} 1"_s,
            u"type foo counter"_s,
            u"foo_total{} 17 @1520879607789 # {xx=yy} 5"_s,
            u"help metric foo"_s + QChar(0) + u"bar"_s,
            u"null_byte_metric{a=abc"_s + QChar(0) + u"} 1"_s,
        };
        OpenMetricsParser p(input);
        QStringList got;
        for (;;) {
            const auto e = p.next();
            if (e == OpenMetricsParser::Entry::End)
                break;
            QVERIFY2(e != OpenMetricsParser::Entry::Error, qPrintable(p.error().message));
            const QString name = QString::fromUtf8(p.name());
            switch (e) {
            case OpenMetricsParser::Entry::Help:
                got << u"help "_s + name + QLatin1Char(' ') + QString::fromUtf8(p.help());
                break;
            case OpenMetricsParser::Entry::Type:
                got << u"type "_s + name + QLatin1Char(' ') +
                           QString::fromLatin1(openMetricsTypeName(p.type()));
                break;
            case OpenMetricsParser::Entry::Unit:
                got << u"unit "_s + name + QLatin1Char(' ') + QString::fromUtf8(p.unit());
                break;
            default:
                got << describeSample(p);
            }
        }
        QCOMPARE(got, expected);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::End);
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error"); // empty: read to the end without error
        const QByteArray nul(1, '\0');
        const struct {
            QByteArray input;
            const char *error;
        } rows[] = {
            // 2.42's TestOpenMetricsParseErrors.
            {"# EOF", ""},
            {"# EOF\n", ""},
            {"", "data does not end with # EOF"},
            {"\n", "\"INVALID\" \"\\n\" is not a valid start token"},
            {"metric", "expected value after metric, got \"EOF\""},
            {"metric 1", "data does not end with # EOF"},
            {"metric 1\n", "data does not end with # EOF"},
            {"metric_total 1 # {aa=\"bb\"} 4", "data does not end with # EOF"},
            {"a\n#EOF\n", "expected value after metric, got \"INVALID\""},
            {"\n\n#EOF\n", "\"INVALID\" \"\\n\" is not a valid start token"},
            {" a 1\n#EOF\n", "\"INVALID\" \" \" is not a valid start token"},
            {"9\n#EOF\n", "\"INVALID\" \"9\" is not a valid start token"},
            {"# TYPE u untyped\n#EOF\n", "invalid metric type \"untyped\""},
            {"# TYPE c counter \n#EOF\n", "invalid metric type \"counter \""},
            {"#  TYPE c counter\n#EOF\n", "\"INVALID\" \" \" is not a valid start token"},
            {"# TYPE \n#EOF\n", "expected metric name after TYPE, got \"INVALID\""},
            {"# TYPE m\n#EOF\n", "expected text in TYPE"},
            {"# UNIT metric suffix\n#EOF\n", "unit not a suffix of metric \"metric\""},
            {"# UNIT metricsuffix suffix\n#EOF\n", "unit not a suffix of metric \"metricsuffix\""},
            {"# UNIT m suffix\n#EOF\n", "unit not a suffix of metric \"m\""},
            {"# UNIT \n#EOF\n", "expected metric name after UNIT, got \"INVALID\""},
            {"# UNIT m\n#EOF\n", "expected text in UNIT"},
            {"# HELP \n#EOF\n", "expected metric name after HELP, got \"INVALID\""},
            {"# HELP m\n#EOF\n", "expected text in HELP"},
            {"a\t1\n#EOF\n", "expected value after metric, got \"INVALID\""},
            {"a 1\t2\n#EOF\n", "strconv.ParseFloat: parsing \"1\\t2\": invalid syntax"},
            {"a 1 2 \n#EOF\n", "expected next entry after timestamp, got \"INVALID\""},
            {"a 1 2 #\n#EOF\n", "expected next entry after timestamp, got \"TIMESTAMP\""},
            {"a 1 1z\n#EOF\n", "strconv.ParseFloat: parsing \"1z\": invalid syntax"},
            {" # EOF\n", "\"INVALID\" \" \" is not a valid start token"},
            {"# EOF\na 1", "unexpected data after # EOF"},
            {"# EOF\n\n", "unexpected data after # EOF"},
            {"# EOFa 1", "unexpected data after # EOF"},
            {"#\tTYPE c counter\n", "\"INVALID\" \"\\t\" is not a valid start token"},
            {"# TYPE c  counter\n", "invalid metric type \" counter\""},
            {"a 1 1 1\n# EOF\n", "expected next entry after timestamp, got \"TIMESTAMP\""},
            {"a{b='c'} 1\n# EOF\n", "expected label value, got \"INVALID\""},
            {"a{b=\"c\",} 1\n# EOF\n", "expected label name, got \"BCLOSE\""},
            {"a{,b=\"c\"} 1\n# EOF\n", "expected label name or left brace, got \"COMMA\""},
            {"a{b=\"c\"d=\"e\"} 1\n# EOF\n", "expected comma, got \"LNAME\""},
            {"a{b=\"c\",,d=\"e\"} 1\n# EOF\n", "expected label name, got \"COMMA\""},
            {"a{b=\n# EOF\n", "expected label value, got \"INVALID\""},
            {"a{\xff=\"foo\"} 1\n# EOF\n", "expected label name or left brace, got \"INVALID\""},
            {"a{b=\"\xff\"} 1\n# EOF\n", "invalid UTF-8 label value"},
            {"a true\n", "strconv.ParseFloat: parsing \"true\": invalid syntax"},
            {"something_weird{problem=\"\n# EOF\n", "expected label value, got \"INVALID\""},
            {"empty_label_name{=\"\"} 0\n# EOF\n",
             "expected label name or left brace, got \"EQUAL\""},
            {"foo 1_2\n\n# EOF\n", "unsupported character in float"},
            {"foo 0x1p-3\n\n# EOF\n", "unsupported character in float"},
            {"foo 0x1P-3\n\n# EOF\n", "unsupported character in float"},
            {"foo 0 1_2\n\n# EOF\n", "unsupported character in float"},
            {"custom_metric_total 1 # {aa=bb}\n# EOF\n", "expected label value, got \"INVALID\""},
            {"custom_metric_total 1 # {aa=\"bb\"}\n# EOF\n",
             "expected value after exemplar labels, got \"INVALID\""},
            {"custom_metric_total 1 # {aa=\"bb\"}",
             "expected value after exemplar labels, got \"EOF\""},
            {"custom_metric 1 # {aa=\"bb\"}",
             "metric name custom_metric does not support exemplars"},
            {"custom_metric_total 1 # {aa=\"bb\",,cc=\"dd\"} 1",
             "expected label name, got \"COMMA\""},
            {"custom_metric_total 1 # {aa=\"bb\"} 1_2", "unsupported character in float"},
            {"custom_metric_total 1 # {aa=\"bb\"} 0x1p-3", "unsupported character in float"},
            {"custom_metric_total 1 # {aa=\"bb\"} true",
             "strconv.ParseFloat: parsing \"true\": invalid syntax"},
            {"custom_metric_total 1 # {aa=\"bb\",cc=}", "expected label value, got \"INVALID\""},
            {"custom_metric_total 1 # {aa=\\\"\xff\\\"} 9.0",
             "expected label value, got \"INVALID\""},
            {"{b=\"c\",} 1", "\"INVALID\" \"{\" is not a valid start token"},
            {"a 1 NaN", "invalid timestamp"},
            {"a 1 -Inf", "invalid timestamp"},
            {"a 1 Inf", "invalid timestamp"},
            {"# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 NaN",
             "invalid exemplar timestamp"},
            {"# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 -Inf",
             "invalid exemplar timestamp"},
            {"# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 Inf",
             "invalid exemplar timestamp"},
            // 2.42's TestOMNullByteHandling.
            {"null_byte_metric{a=\"abc" + nul + "\"} 1\n# EOF\n", ""},
            {"a{b=\"" + nul + "ss\"} 1\n# EOF\n", ""},
            {"a{b=\"" + nul + "\"} 1\n# EOF\n", ""},
            {"a{b=\"" + nul + "\"} 1\n# EOF", ""},
            {"a{b=" + nul + "\"ssss\"} 1\n# EOF\n", "expected label value, got \"INVALID\""},
            {"a{b=\"" + nul, "expected label value, got \"INVALID\""},
            {"a{b" + nul + "=\"hiih\"}\t1", "expected equal, got \"INVALID\""},
            {"a" + nul + "{b=\"ddd\"} 1", "expected value after metric, got \"INVALID\""},
            {"#", "\"INVALID\" \" \" is not a valid start token"},
            {"# H", "\"INVALID\" \" \" is not a valid start token"},
            {"custom_metric_total 1 # {b=" + nul + "\"ssss\"} 1\n",
             "expected label value, got \"INVALID\""},
            {"custom_metric_total 1 # {b=\"" + nul + "ss\"} 1\n",
             "expected label value, got \"INVALID\""},
            // More of the same lexer, checked against the real Prometheus in
            // tst_scrapeopenmetrics: ordinary comments are errors, every type word, units.
            {"# a comment\n# EOF\n", "\"INVALID\" \"a\" is not a valid start token"},
            {"# TYPE a info\n# TYPE b stateset\n# TYPE c gaugehistogram\n# TYPE d unknown\n"
             "# TYPE e summary\n# TYPE f histogram\n# TYPE g gauge\n# TYPE h counter\n# EOF\n",
             ""},
            {"# TYPE a COUNTER\n# EOF\n", "invalid metric type \"COUNTER\""},
            {"# UNIT a_seconds seconds\n# UNIT seconds seconds\n# EOF\n",
             "unit not a suffix of metric \"seconds\""},
            {"a 1 1.5e9\nb 2 -1.25\n# EOF\n", ""},
            {"a 1 1e400\n# EOF\n", "strconv.ParseFloat: parsing \"1e400\": value out of range"},
            {"a 1e400\n# EOF\n", "strconv.ParseFloat: parsing \"1e400\": value out of range"},
            {"a{b=\"c\"} 1 # {x=\"y\"} 1\n# EOF\n", "metric name a does not support exemplars"},
            {"a_total 1 # {x=\"y\"} 1 2 3\n# EOF\n",
             "expected next entry after exemplar timestamp, got \"TIMESTAMP\""},
            {"a_total 1 # x\n# EOF\n", "expected timestamp or # symbol, got \"INVALID\""},
            {"a 1  \n# EOF\n", "expected timestamp or # symbol, got \"INVALID\""},
            {"a{b=\"c\"}{d=\"e\"} 1\n# EOF\n", "expected value after metric, got \"BOPEN\""},
            {"a{b=\"c\"\n# EOF\n", "expected comma or left brace, got \"INVALID\""},
            {"a 1\r\n# EOF\n", "strconv.ParseFloat: parsing \"1\\r\": invalid syntax"},
            {"\xff 1\n# EOF\n", "\"INVALID\" \"\xc3\xbf\" is not a valid start token"},
            {"\x85 1\n# EOF\n", "\"INVALID\" \"\\u0085\" is not a valid start token"},
            {"# HELP a \xff\n# EOF\n", "help text is not a valid utf8 string"},
            {"# EOF\n" + nul + nul, ""},
            // The scraper's label-set checks.
            {"a{b=\"1\",b=\"2\"} 1\n# EOF\n", "label name \"b\" is not unique: invalid sample"},
            {"a{__name__=\"b\"} 1\n# EOF\n",
             "label name \"__name__\" is not unique: invalid sample"},
            {"a{__name__=\"\"} 1\n# EOF\n", "missing metric name (__name__ label)"},
            // A __name__ label that is no valid metric name fails the label-set check first
            // (Prometheus 2.42: `invalid metric name or label names: {__name__="a",
            // __name__="-", instance=…, job=…}`; the scraper adds the set).
            {"a{__name__=\"-\",b=\"1\",b=\"2\"} 1\n# EOF\n", "invalid metric name or label names"},
            {"a{__name__=\"-\",__name__=\"\"} 1\n# EOF\n", "missing metric name (__name__ label)"},
            {"a{b=\"\",b=\"2\"} 1\n# EOF\n", ""},
        };
        for (const auto &row : rows) {
            QTest::newRow(row.input.left(40).toPercentEncoding(" {}=\",#").constData())
                << row.input << QString::fromUtf8(row.error);
        }
    }
    void invalidNameLabelKeepsLabels() {
        OpenMetricsParser p("ok 1\na{__name__=\"-\"} 1\n# EOF\n"_ba);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Sample);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Error);
        QVERIFY(p.error().invalidLabelSet);
        QCOMPARE(p.error().line, 2);
        QCOMPARE(p.name(), QByteArrayView("a"));
        QCOMPARE(p.labelCount(), 1);
        QCOMPARE(p.labelName(0), QByteArrayView("__name__"));
        QCOMPARE(p.labelValue(0), QByteArrayView("-"));
    }

    void errors() {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        QCOMPARE(runToEnd(input), error);
        // The same through a view (copied) as through a QByteArray (read in place).
        OpenMetricsParser viewParser{QByteArrayView(input)};
        OpenMetricsParser::Entry e;
        while ((e = viewParser.next()) != OpenMetricsParser::Entry::End &&
               e != OpenMetricsParser::Entry::Error) {
        }
        QCOMPARE(e == OpenMetricsParser::Entry::Error ? viewParser.error().message : QString(),
                 error);
    }

    void unescaping() {
        OpenMetricsParser p(
            "a{b=\"q\\\"\\\\\\n\\x\",c=\"\xc3\xa9\"} 1\n# HELP a x\\ny\\\"z\\q\n# EOF\n"_ba);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Sample);
        QCOMPARE(p.labelCount(), 2);
        QCOMPARE(p.labelValue(0), QByteArrayView("q\"\\\n\\x"));
        QCOMPARE(p.labelValue(1), QByteArrayView("\xc3\xa9"));
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Help);
        QCOMPARE(p.help(), QByteArrayView("x\ny\"z\\q"));
        QCOMPARE(p.next(), OpenMetricsParser::Entry::End);
    }

    void timestamps_data() {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << "1520879607"_ba << Q_INT64_C(1520879607000);
        QTest::newRow("fraction") << "1520879607.789"_ba << Q_INT64_C(1520879607789);
        QTest::newRow("truncated") << "1.0009"_ba << Q_INT64_C(1000);
        QTest::newRow("negative") << "-1.5"_ba << Q_INT64_C(-1500);
        QTest::newRow("exponent") << "1.6e9"_ba << Q_INT64_C(1600000000000);
        QTest::newRow("overflow") << "1e300"_ba << std::numeric_limits<qint64>::min();
    }
    void timestamps() {
        QFETCH(QByteArray, token);
        QFETCH(qint64, ms);
        const QByteArray body = "a 1 " + token + "\n# EOF\n";
        OpenMetricsParser p(body);
        QVERIFY2(p.next() == OpenMetricsParser::Entry::Sample, qPrintable(p.error().message));
        QCOMPARE(p.timestampMs(), std::optional<qint64>(ms));
    }

    void repeatedTargetLabel() {
        // A name the target sets may repeat: Prometheus replaces it.
        OpenMetricsParser p("a{job=\"x\",job=\"y\"} 1\n# EOF\n"_ba);
        p.setReplacedLabelNames({"job"});
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Sample);
        QCOMPARE(p.labelCount(), 1);
        QCOMPARE(p.labelValue(0), QByteArrayView("x"));
    }

    void lines_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("line");
        QTest::newRow("third line") << "a 1\nb 2\nc x\n# EOF\n"_ba << 2 << 3;
        QTest::newRow("no eof") << "# TYPE a gauge\na 1\n"_ba << 1 << 3;
        QTest::newRow("no eof, no newline") << "a 1\nb 2"_ba << 1 << 2;
        QTest::newRow("after eof") << "a 1\n# EOF\nb 1\n"_ba << 1 << 3;
        QTest::newRow("duplicate label") << "a 1\nb 1\nb{c=\"1\",c=\"2\"} 2\n# EOF\n"_ba << 2 << 3;
    }
    void lines() {
        QFETCH(QByteArray, input);
        QFETCH(int, samples);
        QFETCH(int, line);
        int n = 0;
        int l = 0;
        QVERIFY(!runToEnd(input, &n, &l).isEmpty());
        QCOMPARE(n, samples);
        QCOMPARE(l, line);
    }

    void contentType_data() {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("openMetrics");
        QTest::newRow("1.0.0") << "application/openmetrics-text; version=1.0.0; charset=utf-8"_ba
                               << true;
        QTest::newRow("0.0.1") << "application/openmetrics-text; version=0.0.1"_ba << true;
        QTest::newRow("bare") << "application/openmetrics-text"_ba << true;
        QTest::newRow("case and blanks")
            << "  Application/OpenMetrics-Text ;Version=1.0.0"_ba << true;
        QTest::newRow("quoted") << "application/openmetrics-text; version=\"1.0.0\""_ba << true;
        QTest::newRow("trailing semicolon") << "application/openmetrics-text;"_ba << true;
        QTest::newRow("classic") << "text/plain; version=0.0.4; charset=utf-8"_ba << false;
        QTest::newRow("missing") << ""_ba << false;
        QTest::newRow("bad parameter") << "application/openmetrics-text; version"_ba << false;
        QTest::newRow("duplicate parameter")
            << "application/openmetrics-text; version=1; version=2"_ba << false;
        QTest::newRow("unterminated quote") << "application/openmetrics-text; v=\"1"_ba << false;
        QTest::newRow("junk after subtype") << "application/openmetrics-text x"_ba << false;
        QTest::newRow("protobuf") << "application/vnd.google.protobuf"_ba << false;
    }
    void contentType() {
        QFETCH(QByteArray, contentType);
        QFETCH(bool, openMetrics);
        QCOMPARE(isOpenMetricsContentType(contentType), openMetrics);
    }
};

QTEST_GUILESS_MAIN(TestOpenMetricsParser)
#include "tst_openmetricsparser.moc"
