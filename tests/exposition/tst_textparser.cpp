#include "exposition/textparser.h"
#include "exposition/textwriter.h"
#include "realpeer.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace ppl;

class TestTextParser : public QObject {
    Q_OBJECT

private slots:
    void validCorpus_data();
    void validCorpus();
    void structure();
    void familyGrouping();
    void values_data();
    void values();
    void timestamps_data();
    void timestamps();
    void malformed_data();
    void malformed();
    void errorWording();
    void iterator();
    void iteratorStopsAfterError();
    void promParseDialect_data();
    void promParseDialect();
    void promParseDialectKeepsExpfmtDefault();
    void realNodeExporter();
    void realPushgateway();

private:
    static QByteArray dataFile(const QString &name);
};

QByteArray TestTextParser::dataFile(const QString &name) {
    QFile f(QDir(qEnvironmentVariable("PPL_SOURCE_DIR")).filePath("tests/exposition/data/" + name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return f.readAll();
}

void TestTextParser::validCorpus_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("families");
    QTest::addColumn<int>("samples");
    QTest::addRow("every type, escapes, specials") << "histogram_summary.prom" << 7 << 22;
    QTest::addRow("no final newline") << "no_final_newline.prom" << 1 << 1;
}

void TestTextParser::validCorpus() {
    QFETCH(QString, file);
    QFETCH(int, families);
    QFETCH(int, samples);
    const ParsedExposition parsed = parseText(dataFile(file));
    QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->toString()) : "");
    QCOMPARE(int(parsed.families.size()), families);
    QCOMPARE(int(parsed.sampleCount()), samples);
}

void TestTextParser::structure() {
    const ParsedExposition p = parseText(dataFile("histogram_summary.prom"));
    QVERIFY(!p.error);
    const MetricFamily &h = p.families[0];
    QCOMPARE(h.name, QByteArray("http_request_duration_seconds"));
    QCOMPARE(h.type, MetricType::Histogram);
    QVERIFY(h.hasHelp);
    QCOMPARE(h.help, QByteArray("A histogram of the request duration."));
    QCOMPARE(int(h.samples.size()), 8);
    QCOMPARE(h.samples[5].name, QByteArray("http_request_duration_seconds_bucket"));
    QCOMPARE(h.samples[5].labels, (std::vector<LabelPair>{{"le", "+Inf"}}));
    QCOMPARE(h.samples[6].name, QByteArray("http_request_duration_seconds_sum"));
    QCOMPARE(h.samples[7].name, QByteArray("http_request_duration_seconds_count"));

    const MetricFamily &s = p.families[1];
    QCOMPARE(s.type, MetricType::Summary);
    QCOMPARE(int(s.samples.size()), 7);
    QCOMPARE(s.samples[5].value, 1.7560473e+07);

    const MetricFamily &c = p.families[2];
    QCOMPARE(c.type, MetricType::Counter);
    QCOMPARE(c.samples[1].value, 3.0);
    QCOMPARE(c.samples[1].timestampMs, std::optional<qint64>(1395066363000));
    QCOMPARE(c.samples[1].labels, (std::vector<LabelPair>{{"method", "post"}, {"code", "400"}}));

    const MetricFamily &m = p.families[3];
    QCOMPARE(m.type, MetricType::Untyped);
    QVERIFY(!m.hasHelp);
    QCOMPARE(m.samples[0].labels[0].value, QByteArray("C:\\DIR\\FILE.TXT"));
    QCOMPARE(m.samples[0].labels[1].value, QByteArray("Cannot find file:\n\"FILE.TXT\""));

    const MetricFamily &w = p.families[5];
    QVERIFY(std::isinf(w.samples[0].value) && w.samples[0].value > 0);
    QCOMPARE(w.samples[0].timestampMs, std::optional<qint64>(-3982045));

    const MetricFamily &e = p.families[6];
    QCOMPARE(e.help, QByteArray("Backslash \\ and newline \n in help."));
    QCOMPARE(e.samples[0].labels[0].value, QByteArray("ünïcödé"));
    QVERIFY(std::isinf(e.samples[0].value) && e.samples[0].value < 0);
    QVERIFY(std::isnan(e.samples[1].value));
}

void TestTextParser::familyGrouping() {
    // Go groups by family name: interleaved samples join their family, _sum/_count/_bucket
    // join a summary or histogram only once its TYPE is known, HELP/TYPE-only families go.
    const ParsedExposition p = parseText("# TYPE only_type gauge\n"
                                         "a 1\nb 2\na{x=\"1\"} 3\n"
                                         "# TYPE s summary\ns_sum 1\ns_count 2\n"
                                         "early_bucket 1\n# TYPE early histogram\n"
                                         "early_bucket{le=\"1\"} 1\nearly_count 1\n"
                                         "#HELP a help without a space after '#'\n");
    QVERIFY2(!p.error, p.error ? qPrintable(p.error->toString()) : "");
    QList<QByteArray> names;
    for (const MetricFamily &f : p.families)
        names << f.name;
    QCOMPARE(names, (QList<QByteArray>{"a", "b", "s", "early_bucket", "early"}));
    QCOMPARE(int(p.families[0].samples.size()), 2);
    QCOMPARE(p.families[0].help, QByteArray("help without a space after '#'"));
    QCOMPARE(int(p.families[2].samples.size()), 2);
    QCOMPARE(int(p.families[3].samples.size()), 2); // early_bucket is exact-name first
    QCOMPARE(int(p.families[4].samples.size()), 1);
    QCOMPARE(p.families[4].samples[0].name, QByteArray("early_count"));
}

void TestTextParser::values_data() {
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<double>("expected");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("integer") << QByteArray("42") << 42.0;
    QTest::addRow("leading zeros") << QByteArray("00012") << 12.0;
    QTest::addRow("negative") << QByteArray("-1.5") << -1.5;
    QTest::addRow("plus sign") << QByteArray("+1") << 1.0;
    QTest::addRow("no integer part") << QByteArray(".5") << 0.5;
    QTest::addRow("no fraction") << QByteArray("1.") << 1.0;
    QTest::addRow("exponent") << QByteArray("1E+05") << 1e5;
    QTest::addRow("exponent 2") << QByteArray("1.458255915e9") << 1.458255915e9;
    QTest::addRow("underflow is 0 in Go") << QByteArray("1e-400") << 0.0;
    QTest::addRow("subnormal") << QByteArray("5e-324") << 5e-324;
    QTest::addRow("big integer") << QByteArray("18446744073709551615") << 18446744073709551615.0;
    QTest::addRow("+Inf") << QByteArray("+Inf") << inf;
    QTest::addRow("-Inf") << QByteArray("-Inf") << -inf;
    QTest::addRow("inf") << QByteArray("inf") << inf;
    QTest::addRow("Infinity") << QByteArray("Infinity") << inf;
    QTest::addRow("-infinity") << QByteArray("-infinity") << -inf;
    QTest::addRow("NaN") << QByteArray("NaN") << std::nan("");
    QTest::addRow("nan") << QByteArray("nan") << std::nan("");
}

void TestTextParser::values() {
    QFETCH(QByteArray, token);
    QFETCH(double, expected);
    const ParsedExposition p = parseText("m " + token + "\n");
    QVERIFY2(!p.error, p.error ? qPrintable(p.error->toString()) : "");
    const double v = p.families[0].samples[0].value;
    if (std::isnan(expected))
        QVERIFY(std::isnan(v));
    else
        QCOMPARE(v, expected);
}

void TestTextParser::timestamps_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("plain") << QByteArray("m 1 1700000000000") << qint64(1700000000000);
    QTest::addRow("plus sign") << QByteArray("m 1 +5") << qint64(5);
    QTest::addRow("negative") << QByteArray("m 1 -3982045") << qint64(-3982045);
    QTest::addRow("tabs") << QByteArray("m\t1\t\t7") << qint64(7);
    QTest::addRow("max") << QByteArray("m 1 9223372036854775807")
                         << std::numeric_limits<qint64>::max();
}

void TestTextParser::timestamps() {
    QFETCH(QByteArray, line);
    QFETCH(qint64, expected);
    const ParsedExposition p = parseText(line + "\n");
    QVERIFY2(!p.error, p.error ? qPrintable(p.error->toString()) : "");
    QCOMPARE(p.families[0].samples[0].timestampMs, std::optional<qint64>(expected));
}

void TestTextParser::malformed_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    // Messages are the Pushgateway 1.5.1's (Go expfmt) where it has one, checked against it.
    QTest::addRow("value not a float")
        << QByteArray("foo 1\nbar{a=\"1\"} x\n") << 2 << "expected float as value, got \"x\"";
    QTest::addRow("label name missing")
        << QByteArray("metric{ 1\n") << 1 << "invalid label name for metric \"metric\"";
    QTest::addRow("no metric name") << QByteArray("{a=\"b\"} 1\n") << 1 << "invalid metric name";
    QTest::addRow("name starts with digit")
        << QByteArray("ok 1\n1foo 1\n") << 2 << "invalid metric name";
    QTest::addRow("second TYPE") << QByteArray("# TYPE foo gauge\n# TYPE foo gauge\n") << 2
                                 << "second TYPE line for metric name \"foo\", or TYPE "
                                    "reported after samples";
    QTest::addRow("TYPE after samples")
        << QByteArray("foo 1\n# TYPE foo gauge\n") << 2 << "or TYPE reported after samples";
    QTest::addRow("second HELP") << QByteArray("# HELP foo a\n# HELP foo b\n") << 2
                                 << "second HELP line for metric name \"foo\"";
    QTest::addRow("HELP for _count joins histogram")
        << QByteArray("# TYPE foo histogram\n# HELP foo_count x\n# HELP foo y\n") << 3
        << "second HELP line for metric name \"foo\"";
    QTest::addRow("unknown type") << QByteArray("# TYPE foo bar\n") << 1
                                  << "unknown metric type \"bar\"";
    QTest::addRow("type with trailing blank")
        << QByteArray("# TYPE foo counter \n") << 1 << "unknown metric type \"counter \"";
    QTest::addRow("gauge_histogram unsupported")
        << QByteArray("# TYPE foo gauge_histogram\n") << 1 << "unknown metric type";
    QTest::addRow("duplicate series") << QByteArray("foo{a=\"1\"} 1\nfoo{a=\"1\"} 2\n") << 2
                                      << "duplicate series \"foo{a=\\\"1\\\"}\", first seen in "
                                         "line 1";
    QTest::addRow("duplicate series, other label order")
        << QByteArray("foo{a=\"1\",b=\"2\"} 1\n\nfoo{b=\"2\",a=\"1\"} 2\n") << 3
        << "duplicate series";
    QTest::addRow("duplicate bucket")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1\"} 2\n") << 3
        << "duplicate series \"h_bucket{le=\\\"1\\\"}\"";
    QTest::addRow("duplicate label name") << QByteArray("foo{a=\"1\",a=\"2\"} 1\n") << 1
                                          << "duplicate label names for metric \"foo\"";
    QTest::addRow("__name__ label")
        << QByteArray("foo{__name__=\"x\"} 1\n") << 1 << "label name \"__name__\" is reserved";
    QTest::addRow("__ prefixed label")
        << QByteArray("foo 1\nfoo{__x=\"1\"} 1\n") << 2 << "label name \"__x\" is reserved";
    QTest::addRow("unquoted label value")
        << QByteArray("foo{a=x} 1\n") << 1 << "expected '\"' at start of label value, found 'x'";
    QTest::addRow("label without value")
        << QByteArray("foo{a} 1\n") << 1 << "expected '=' after label name, found '}'";
    QTest::addRow("missing comma")
        << QByteArray("foo{a=\"x\"b=\"y\"} 1\n") << 1 << "unexpected end of label value \"x\"";
    QTest::addRow("unclosed braces")
        << QByteArray("foo{a=\"1\" 1\n") << 1 << "unexpected end of label value \"1\"";
    QTest::addRow("bad label escape")
        << QByteArray("foo{a=\"\\x\"} 1\n") << 1 << "invalid escape sequence '\\x'";
    QTest::addRow("newline in label value") << QByteArray("foo{a=\"a\nb\"} 1\n") << 1
                                            << "label value \"a\" contains unescaped new-line";
    QTest::addRow("unterminated label value")
        << QByteArray("a 1\nfoo{a=\"open 1\n") << 2 << "contains unescaped new-line";
    QTest::addRow("invalid UTF-8 label value")
        << QByteArray("foo{a=\"\xff\"} 1\n") << 1 << "invalid label value \"\\xff\"";
    QTest::addRow("label name starts with digit")
        << QByteArray("foo{1a=\"b\"} 1\n") << 1 << "invalid label name for metric \"foo\"";
    QTest::addRow("CRLF line end")
        << QByteArray("foo 1\r\n") << 1 << "expected float as value, got \"1\\r\"";
    QTest::addRow("overflowing value")
        << QByteArray("foo 1e400\n") << 1 << "expected float as value, got \"1e400\"";
    QTest::addRow("hex value") << QByteArray("foo 0x10\n") << 1
                               << "expected float as value, got \"0x10\"";
    QTest::addRow("underscore in value")
        << QByteArray("foo 1_0\n") << 1 << "expected float as value, got \"1_0\"";
    QTest::addRow("signed NaN") << QByteArray("foo +nan\n") << 1
                                << "expected float as value, got \"+nan\"";
    QTest::addRow("exponent without digits")
        << QByteArray("foo 1.5e\n") << 1 << "expected float as value, got \"1.5e\"";
    QTest::addRow("value missing")
        << QByteArray("foo\n") << 1 << "expected float as value, got \"\"";
    QTest::addRow("blank after value")
        << QByteArray("foo 1 \n") << 1 << "expected integer as timestamp, got \"\"";
    QTest::addRow("float timestamp")
        << QByteArray("foo 1 1.5\n") << 1 << "expected integer as timestamp, got \"1.5\"";
    QTest::addRow("timestamp overflow")
        << QByteArray("foo 1 99999999999999999999\n") << 1 << "expected integer as timestamp";
    QTest::addRow("text after timestamp")
        << QByteArray("foo 1 2 x\n") << 1 << "spurious string after timestamp: \" x\"";
    QTest::addRow("bad HELP escape")
        << QByteArray("# HELP foo a\\x\n") << 1 << "invalid escape sequence '\\x'";
    QTest::addRow("quote escape not allowed in HELP")
        << QByteArray("# HELP foo a\\\"b\n") << 1 << "invalid escape sequence '\\\"'";
    QTest::addRow("bad name in comment")
        << QByteArray("# HELP 1x y\n") << 1 << "invalid metric name in comment";
    QTest::addRow("quantile not a float")
        << QByteArray("# TYPE foo summary\nfoo{quantile=\"x\"} 1\n") << 2
        << "expected float as value for 'quantile' label, got \"x\"";
    QTest::addRow("le not a float") << QByteArray("# TYPE foo histogram\nfoo_bucket{le=\"x\"} 1\n")
                                    << 2 << "expected float as value for 'le' label, got \"x\"";
    QTest::addRow("line count over blank lines and comments")
        << QByteArray("a 1\n\n# comment\n  \t\nb 1\nc{ 1\n") << 6 << "invalid label name";
    QTest::addRow("error on last line without newline")
        << QByteArray("a 1\nb x") << 2 << "expected float as value, got \"x\"";
}

void TestTextParser::malformed() {
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, message);
    const ParsedExposition p = parseText(input);
    QVERIFY(p.error.has_value());
    QVERIFY2(p.error->message.contains(message),
             qPrintable(p.error->message + " does not contain " + message));
    QCOMPARE(p.error->line, line);
}

void TestTextParser::errorWording() {
    // The issue's example, word for word.
    const ParsedExposition p = parseText("metric{ 1\n");
    QVERIFY(p.error);
    QCOMPARE(p.error->toString(),
             QString("text format parsing error in line 1: invalid label name for metric "
                     "\"metric\""));
    const ParsedExposition q = parseText("x 1\nm metric{\n");
    QVERIFY(q.error);
    QCOMPARE(q.error->toString(),
             QString("text format parsing error in line 2: expected float as value, got "
                     "\"metric{\""));
}

void TestTextParser::iterator() {
    const QByteArray input = "# HELP a The a.\n# TYPE a gauge\n# just a comment\n"
                             "a{x=\"p\\\"q\",y=\"plain\"} 1.5 42\n\na 2\n";
    TextParser p(input);
    QCOMPARE(p.next(), TextParser::Entry::Help);
    QCOMPARE(p.name(), QByteArrayView("a"));
    QCOMPARE(p.help(), QByteArrayView("The a."));
    QCOMPARE(p.next(), TextParser::Entry::Type);
    QCOMPARE(p.type(), MetricType::Gauge);
    QCOMPARE(p.next(), TextParser::Entry::Comment);
    QCOMPARE(p.next(), TextParser::Entry::Sample);
    QCOMPARE(p.lineNumber(), 4);
    QCOMPARE(p.labelCount(), 2);
    QCOMPARE(p.labelName(0), QByteArrayView("x"));
    QCOMPARE(p.labelValue(0), QByteArrayView("p\"q"));
    QCOMPARE(p.labelValue(1), QByteArrayView("plain"));
    // An unescaped value is a view into the input itself.
    QVERIFY(p.labelValue(1).data() >= input.constData() &&
            p.labelValue(1).data() < input.constData() + input.size());
    QCOMPARE(p.value(), 1.5);
    QCOMPARE(p.timestampMs(), std::optional<qint64>(42));
    QCOMPARE(p.next(), TextParser::Entry::Sample);
    QCOMPARE(p.lineNumber(), 6);
    QCOMPARE(p.labelCount(), 0);
    QCOMPARE(p.timestampMs(), std::nullopt);
    QCOMPARE(p.next(), TextParser::Entry::End);
    QCOMPARE(p.next(), TextParser::Entry::End);
}

void TestTextParser::iteratorStopsAfterError() {
    TextParser p("a 1\nb{ 2\nc 3\n");
    QCOMPARE(p.next(), TextParser::Entry::Sample);
    QCOMPARE(p.next(), TextParser::Entry::Error);
    QCOMPARE(p.error().line, 2);
    QCOMPARE(p.next(), TextParser::Entry::Error);
}

namespace {
// Every entry of a body as one line each: the shape promParseDialect() compares.
QString dump(QByteArrayView body, TextParser::Dialect dialect) {
    TextParser p(body, dialect);
    QStringList out;
    for (;;) {
        switch (p.next()) {
        case TextParser::Entry::End:
            return out.join(QLatin1Char('\n'));
        case TextParser::Entry::Error:
            out << QStringLiteral("ERROR line %1%2")
                       .arg(p.error().line)
                       .arg(p.error().kind == ParseError::Kind::Consistency
                                ? QStringLiteral(" (label set)")
                                : QString());
            return out.join(QLatin1Char('\n'));
        case TextParser::Entry::Comment:
            out << QStringLiteral("#");
            break;
        case TextParser::Entry::Help:
            out << QStringLiteral("HELP %1 %2")
                       .arg(QString::fromUtf8(p.name()), detail::goQuote(p.help()));
            break;
        case TextParser::Entry::Type:
            out << QStringLiteral("TYPE %1 %2").arg(QString::fromUtf8(p.name())).arg(int(p.type()));
            break;
        case TextParser::Entry::Sample: {
            QStringList labels;
            for (int i = 0; i < p.labelCount(); ++i)
                labels << QString::fromUtf8(p.labelName(i)) + QLatin1Char('=') +
                              detail::goQuote(p.labelValue(i));
            QString line = QString::fromUtf8(p.name()) + QLatin1Char('{') +
                           labels.join(QLatin1Char(',')) + QStringLiteral("} ") +
                           QString::fromLatin1(formatValue(p.value()));
            if (p.timestampMs())
                line += QStringLiteral(" @%1").arg(*p.timestampMs());
            out << line;
            break;
        }
        }
    }
}
} // namespace

// What the scraper reads (Prometheus 2.42's promparse rules plus the label-set checks); the
// same bodies are checked against the real Prometheus in tests/scrape/tst_scrapebodies.
void TestTextParser::promParseDialect_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *tag, const QByteArray &body, const char *expected) {
        QTest::newRow(tag) << body << QString::fromUtf8(expected);
    };
    row("unknown escape kept", "a{b=\"x\\qy\"} 1\n", R"(a{b="x\\qy"} 1)");
    row("known escapes", "a{b=\"q\\\"\\\\\\n\"} 1\n", R"(a{b="q\"\\\n"} 1)");
    row("no commas", "a{b=\"x\" c=\"y\"d=\"z\",} 1\n", R"(a{b="x",c="y",d="z"} 1)");
    row("raw newline in value", "a{b=\"1\n2\"} 1\nc 2\n", "a{b=\"1\\n2\"} 1\nc{} 2");
    row("blanks", "a\t{ b = \"c\" , }\t1\t\nj{}4 \n", "a{b=\"c\"} 1\nj{} 4");
    row("help escapes", "# HELP a x\\q\\\\\\n\\\"\n", R"(HELP a "x\\q\\\n\\\"")");
    row("help after name junk", "# HELP a-b c\n", R"(HELP a "b c")");
    row("help two blanks", "# HELP a  x\n", R"(HELP a " x")");
    row("bare help", "# HELP a\n# HELP b  \n", "HELP a \"\"\nHELP b \"\"");
    row("type", "#\tTYPE a:b summary\n", "TYPE a:b 4"); // MetricType::Summary
    row("comments", "#x\n# EOF\n# UNIT a s\n# HELPx y\n#\n", "#\n#\n#\n#\n#");
    row("nul at line start ends the body", QByteArray("a 1\n\0b{\n", 8), "a{} 1");
    row("nul in a value", QByteArray("a{b=\"x\0y\"} 1\n", 14), "a{b=\"x\\x00y\"} 1");
    // promparse's value ends one byte before the lexer's position, past the skipped NULs.
    row("nuls after a value", QByteArray("a{b=\"x\"\0\0} 1\n", 14), R"(a{b="x\"\x00"} 1)");
    // promlex skips NULs between a backslash and the byte it escapes; lvalReplacer does not.
    row("nul inside an escape", QByteArray("a{b=\"\\\0\"x\\\0\\\"} 1\n", 17),
        R"(a{b="\\\x00\"x\\\x00\\"} 1)");
    row("empty duplicate dropped", "a{b=\"\",b=\"x\",c=\"k\"} 1\n", R"(a{b="",c="k"} 1)");
    row("values", "a Infinity\nb -inf\nc 1e-400\nd .5\n", "a{} +Inf\nb{} -Inf\nc{} 0\nd{} 0.5");
    row("timestamp", "a 1 007 \n", "a{} 1 @7");
    row("no final newline", "a 1", "a{} 1");
    row("leading blanks", "ok 1\n  a 1\n", "ok{} 1\nERROR line 2 (label set)");
    row("repeated label", "a{b=\"1\",b=\"2\"} 1\n", "ERROR line 1 (label set)");
    row("name label", "a{__name__=\"b\"} 1\n", "ERROR line 1 (label set)");
    row("empty name label", "a{__name__=\"\"} 1\n", "ERROR line 1 (label set)");
    row("negative timestamp", "a 1 -5\n", "ERROR line 1");
    row("plus timestamp", "a 1 +5\n", "ERROR line 1");
    row("type in capitals", "# TYPE a COUNTER\n", "ERROR line 1");
    row("type without text", "# TYPE a\n", "ERROR line 1");
    row("hex and underscore", "a 0x1p3\n", "ERROR line 1");
    row("underscore", "a 1_0\n", "ERROR line 1");
    row("escaped newline", "a{b=\"x\\\ny\"} 1\n", "ERROR line 1");
    row("unterminated", "a{b=\"x} 1\n", "ERROR line 1");
    row("colon in label name", "a{b:c=\"x\"} 1\n", "ERROR line 1");
    row("bad utf-8 help", "# HELP a \xff\n", "ERROR line 1");
    row("crlf", "a 1\r\n", "ERROR line 1");
    row("second brace", "a{b=\"c\"}{d=\"e\"} 1\n", "ERROR line 1");
    row("line after raw newline", "a{b=\"1\n2\"} 1\nbad{\n", "a{b=\"1\\n2\"} 1\nERROR line 3");
}

void TestTextParser::promParseDialect() {
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(dump(body, TextParser::Dialect::PromParse), expected);
}

// The default stays Go expfmt's: the gateway's parser rejects what promparse lets through.
void TestTextParser::promParseDialectKeepsExpfmtDefault() {
    for (const QByteArray &body :
         {QByteArray("a{b=\"\\q\"} 1\n"), QByteArray("a{b=\"x\" c=\"y\"} 1\n"),
          QByteArray("a{b=\"1\n2\"} 1\n")}) {
        QVERIFY2(dump(body, TextParser::Dialect::Expfmt).startsWith(QLatin1String("ERROR")),
                 body.constData());
        QVERIFY2(!dump(body, TextParser::Dialect::PromParse).contains(QLatin1String("ERROR")),
                 body.constData());
    }
    QCOMPARE(dump("  a 1 -5\n", TextParser::Dialect::Expfmt), QStringLiteral("a{} 1 @-5"));
}

void TestTextParser::realNodeExporter() {
    const QString program = QStringLiteral("prometheus-node-exporter");
    if (!test::RealPeer::available(program))
        QSKIP("prometheus-node-exporter is not installed");
    test::RealPeer peer(program, {});
    QVERIFY2(peer.start(), qPrintable(peer.output()));
    const test::HttpReply reply = test::httpRequest("GET", peer.url("/metrics"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.size() > 10000);
    const ParsedExposition p = parseText(reply.body);
    QVERIFY2(!p.error, p.error ? qPrintable(p.error->toString()) : "");
    QVERIFY(p.families.size() > 50);
    QVERIFY(p.sampleCount() > 300);
    bool sawHistogram = false;
    bool sawBuildInfo = false;
    for (const MetricFamily &f : p.families) {
        QVERIFY(isValidMetricName(f.name));
        sawHistogram |= f.type == MetricType::Histogram || f.type == MetricType::Summary;
        sawBuildInfo |= f.name == "node_exporter_build_info";
    }
    QVERIFY(sawHistogram);
    QVERIFY(sawBuildInfo);
    // And the writer's output of it parses back to the same families.
    QCOMPARE(parseText(writeText(p.families)).families, p.families);
}

void TestTextParser::realPushgateway() {
    const QString program = QStringLiteral("prometheus-pushgateway");
    if (!test::RealPeer::available(program))
        QSKIP("prometheus-pushgateway is not installed");
    test::RealPeer peer(program, {QStringLiteral("--persistence.file=")});
    QVERIFY2(peer.start(), qPrintable(peer.output()));
    const QByteArray pushed = "# HELP job_last_success Last success, with \\\\ and \\n.\n"
                              "# TYPE job_last_success gauge\n"
                              "job_last_success{path=\"C:\\\\x\",msg=\"say \\\"hi\\\"\\n\"} 1.7e9\n"
                              "# TYPE job_duration_seconds summary\n"
                              "job_duration_seconds{quantile=\"0.5\"} 0.25\n"
                              "job_duration_seconds_sum 3\njob_duration_seconds_count 12\n";
    const test::HttpReply put =
        test::httpRequest("PUT", peer.url("/metrics/job/batch/instance/a"), pushed);
    QCOMPARE(put.status, 200);
    const test::HttpReply reply = test::httpRequest("GET", peer.url("/metrics"));
    QCOMPARE(reply.status, 200);
    const ParsedExposition p = parseText(reply.body);
    QVERIFY2(!p.error, p.error ? qPrintable(p.error->toString()) : "");
    const MetricFamily *job = nullptr;
    for (const MetricFamily &f : p.families) {
        if (f.name == "job_last_success")
            job = &f;
    }
    QVERIFY(job);
    QCOMPARE(job->help, QByteArray("Last success, with \\ and \n."));
    QCOMPARE(job->samples.size(), size_t(1));
    bool sawMsg = false;
    for (const LabelPair &l : job->samples[0].labels)
        sawMsg |= l.name == "msg" && l.value == "say \"hi\"\n";
    QVERIFY(sawMsg);
    QCOMPARE(parseText(writeText(p.families)).families, p.families);

    // And the real gateway rejects what we reject, on the same line with the same words.
    const QByteArray bad = "ok 1\nbad{a=\"1\"} x\n";
    const test::HttpReply rejected = test::httpRequest("PUT", peer.url("/metrics/job/bad"), bad);
    QCOMPARE(rejected.status, 400);
    const ParsedExposition ours = parseText(bad);
    QVERIFY(ours.error);
    QVERIFY2(rejected.body.contains(ours.error->toString().toUtf8()), rejected.body.constData());
}

QTEST_GUILESS_MAIN(TestTextParser)
#include "tst_textparser.moc"
