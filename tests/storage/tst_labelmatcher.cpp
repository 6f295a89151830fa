#include "storage/labelmatcher.h"

#include <QtTest>

using namespace ppl;
using Op = LabelMatcher::Op;

Q_DECLARE_METATYPE(ppl::LabelMatcher::Op)

class TestLabelMatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchValue_data();
    void matchValue();
    void absentLabelIsEmpty_data();
    void absentLabelIsEmpty();
    void invalidRegex();
    void toString_data();
    void toString();
};

void TestLabelMatcher::matchValue_data() {
    QTest::addColumn<Op>("op");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expected");

    QTest::addRow("= equal") << Op::Equal << QByteArray("api") << QByteArray("api") << true;
    QTest::addRow("= differs") << Op::Equal << QByteArray("api") << QByteArray("apiv2") << false;
    QTest::addRow("= case-sensitive")
        << Op::Equal << QByteArray("api") << QByteArray("API") << false;
    QTest::addRow("= empty vs empty") << Op::Equal << QByteArray() << QByteArray() << true;
    QTest::addRow("!= differs") << Op::NotEqual << QByteArray("api") << QByteArray("web") << true;
    QTest::addRow("!= equal") << Op::NotEqual << QByteArray("api") << QByteArray("api") << false;
    QTest::addRow("=~ alternation")
        << Op::RegexMatch << QByteArray("api|web") << QByteArray("web") << true;
    QTest::addRow("=~ anchored at start")
        << Op::RegexMatch << QByteArray("pi") << QByteArray("api") << false;
    QTest::addRow("=~ anchored at end")
        << Op::RegexMatch << QByteArray("ap") << QByteArray("api") << false;
    // "^(?:a|b)$", not "^a|b$": the alternation must be grouped inside the anchors.
    QTest::addRow("=~ alternation grouped")
        << Op::RegexMatch << QByteArray("a|b") << QByteArray("xb") << false;
    // RE2's $ is end of text; PCRE's would accept a trailing newline.
    QTest::addRow("=~ no match before final newline")
        << Op::RegexMatch << QByteArray("api") << QByteArray("api\n") << false;
    QTest::addRow("=~ dot-star") << Op::RegexMatch << QByteArray("a.*") << QByteArray("abc")
                                 << true;
    QTest::addRow("=~ char class")
        << Op::RegexMatch << QByteArray("[0-9]+") << QByteArray("8080") << true;
    QTest::addRow("=~ .* matches empty")
        << Op::RegexMatch << QByteArray(".*") << QByteArray() << true;
    QTest::addRow("=~ .+ not empty") << Op::RegexMatch << QByteArray(".+") << QByteArray() << false;
    QTest::addRow("=~ utf-8") << Op::RegexMatch << QByteArray("K.ln") << QByteArray("K\xc3\xb6ln")
                              << true;
    QTest::addRow("!~ matches") << Op::RegexNoMatch << QByteArray("api|web") << QByteArray("api")
                                << false;
    QTest::addRow("!~ partial is no match")
        << Op::RegexNoMatch << QByteArray("ap") << QByteArray("api") << true;
    QTest::addRow("!~ other") << Op::RegexNoMatch << QByteArray("api|web") << QByteArray("db")
                              << true;
}

void TestLabelMatcher::matchValue() {
    QFETCH(Op, op);
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);
    const auto m = LabelMatcher::create(op, "job", pattern);
    QVERIFY(m);
    QCOMPARE(m->matches(value), expected);
    const Labels l = Labels::of({{"__name__", "up"}, {"job", value.constData()}});
    QCOMPARE(m->matches(l), expected);
    QCOMPARE(m->op(), op);
    QCOMPARE(m->name(), QByteArray("job"));
    QCOMPARE(m->value(), pattern);
}

void TestLabelMatcher::absentLabelIsEmpty_data() {
    QTest::addColumn<Op>("op");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<bool>("matchesAbsent");
    QTest::addRow("foo=\"\"") << Op::Equal << QByteArray() << true;
    QTest::addRow("foo=\"x\"") << Op::Equal << QByteArray("x") << false;
    QTest::addRow("foo!=\"x\"") << Op::NotEqual << QByteArray("x") << true;
    QTest::addRow("foo!=\"\"") << Op::NotEqual << QByteArray() << false;
    QTest::addRow("foo=~\".*\"") << Op::RegexMatch << QByteArray(".*") << true;
    QTest::addRow("foo=~\"x|\"") << Op::RegexMatch << QByteArray("x|") << true;
    QTest::addRow("foo=~\".+\"") << Op::RegexMatch << QByteArray(".+") << false;
    QTest::addRow("foo!~\".+\"") << Op::RegexNoMatch << QByteArray(".+") << true;
    QTest::addRow("foo!~\".*\"") << Op::RegexNoMatch << QByteArray(".*") << false;
}

void TestLabelMatcher::absentLabelIsEmpty() {
    QFETCH(Op, op);
    QFETCH(QByteArray, pattern);
    QFETCH(bool, matchesAbsent);
    const auto m = LabelMatcher::create(op, "foo", pattern);
    QVERIFY(m);
    QCOMPARE(m->matches(Labels::of({{"__name__", "up"}})), matchesAbsent);
    QCOMPARE(m->matchesEmpty(), matchesAbsent);
}

void TestLabelMatcher::invalidRegex() {
    QString error;
    QVERIFY(!LabelMatcher::create(Op::RegexMatch, "job", "(unclosed", &error));
    QVERIFY2(error.contains("(unclosed"), qPrintable(error));
    QVERIFY(!LabelMatcher::create(Op::RegexNoMatch, "job", "[z-a]"));
    // Equality matchers take any bytes.
    QVERIFY(LabelMatcher::create(Op::Equal, "job", "(unclosed"));
}

void TestLabelMatcher::toString_data() {
    QTest::addColumn<Op>("op");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("expected");
    QTest::addRow("=") << Op::Equal << QByteArray("a") << QStringLiteral("job=\"a\"");
    QTest::addRow("!=") << Op::NotEqual << QByteArray("a") << QStringLiteral("job!=\"a\"");
    QTest::addRow("=~") << Op::RegexMatch << QByteArray("a|b") << QStringLiteral("job=~\"a|b\"");
    QTest::addRow("!~ escaped") << Op::RegexNoMatch << QByteArray("a\\.b\"")
                                << QStringLiteral("job!~\"a\\\\.b\\\"\"");
}

void TestLabelMatcher::toString() {
    QFETCH(Op, op);
    QFETCH(QByteArray, pattern);
    QFETCH(QString, expected);
    QCOMPARE(LabelMatcher::create(op, "job", pattern)->toString(), expected);
}

QTEST_GUILESS_MAIN(TestLabelMatcher)
#include "tst_labelmatcher.moc"
