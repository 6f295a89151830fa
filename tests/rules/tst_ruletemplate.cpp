#include "rules/ruletemplate.h"

#include <QTest>

#include <cmath>

using namespace ppl::rules;

// Alert templates expanded as Prometheus 2.42 expands them (Go's text/template with the
// $labels/$value/$externalLabels definitions in front and Prometheus's functions).
class TstRuleTemplate : public QObject {
    Q_OBJECT

    static RuleTemplate::Data data(double value) {
        RuleTemplate::Data d;
        d.labels = {{"__name__", "up"}, {"instance", "host:9100"}, {"job", "node"}};
        d.externalLabels = {{"cluster", "lab"}};
        d.externalUrl = "http://lab:9090";
        d.value = value;
        return d;
    }
    static std::variant<std::vector<RuleTemplate::Sample>, QString> fakeQuery(const QByteArray &q) {
        if (q == "up")
            return std::vector<RuleTemplate::Sample>{{{{"job", "b"}}, 0}, {{{"job", "a"}}, 1}};
        if (q == "nothing")
            return std::vector<RuleTemplate::Sample>{};
        return QStringLiteral("1:1: parse error: unexpected character");
    }

private Q_SLOTS:
    void goFloats_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("prec");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("int") << 123456.0 << -1 << QByteArray("123456");
        QTest::newRow("million") << 1e6 << -1 << QByteArray("1e+06");
        QTest::newRow("fraction") << 0.5 << -1 << QByteArray("0.5");
        QTest::newRow("small") << 0.0001 << -1 << QByteArray("0.0001");
        QTest::newRow("smaller") << 0.00001 << -1 << QByteArray("1e-05");
        QTest::newRow("zero") << 0.0 << -1 << QByteArray("0");
        QTest::newRow("timestamp") << 1700000000.0 << -1 << QByteArray("1.7e+09");
        QTest::newRow("%.4g big") << 12345.678 << 4 << QByteArray("1.235e+04");
        QTest::newRow("%.4g 1000") << 1000.0 << 4 << QByteArray("1000");
        QTest::newRow("%.4g 1.5") << 1.5 << 4 << QByteArray("1.5");
        QTest::newRow("NaN") << std::nan("") << 4 << QByteArray("NaN");
        QTest::newRow("+Inf") << HUGE_VAL << -1 << QByteArray("+Inf");
    }
    void goFloats() {
        QFETCH(double, value);
        QFETCH(int, prec);
        QFETCH(QByteArray, text);
        QCOMPARE(RuleTemplate::formatGoFloat(value, prec), text);
    }

    void expand_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("labels and value")
            << QByteArray("{{ $labels.instance }} of {{ $labels.job }} is {{ $value }}") << 0.0
            << QByteArray("host:9100 of node is 0");
        QTest::newRow("missing label")
            << QByteArray("[{{ $labels.nope }}]") << 1.0 << QByteArray("[]");
        QTest::newRow("external labels")
            << QByteArray("{{ $externalLabels.cluster }}") << 1.0 << QByteArray("lab");
        QTest::newRow("dot form") << QByteArray("{{ .Labels.job }} {{ .Value }}") << 2.5
                                  << QByteArray("node 2.5");
        QTest::newRow("humanize") << QByteArray("{{ $value | humanize }}") << 1234567.0
                                  << QByteArray("1.235M");
        QTest::newRow("humanize small")
            << QByteArray("{{ humanize $value }}") << 0.00123 << QByteArray("1.23m");
        QTest::newRow("humanize1024")
            << QByteArray("{{ humanize1024 $value }}") << 2048.0 << QByteArray("2ki");
        QTest::newRow("humanizeDuration")
            << QByteArray("{{ humanizeDuration $value }}") << 90061.0 << QByteArray("1d 1h 1m 1s");
        QTest::newRow("humanizeDuration minutes")
            << QByteArray("{{ humanizeDuration $value }}") << 3661.0 << QByteArray("1h 1m 1s");
        QTest::newRow("humanizeDuration seconds")
            << QByteArray("{{ humanizeDuration $value }}") << 1.5 << QByteArray("1.5s");
        QTest::newRow("humanizeDuration ms")
            << QByteArray("{{ humanizeDuration $value }}") << 0.0015 << QByteArray("1.5ms");
        QTest::newRow("humanizePercentage")
            << QByteArray("{{ humanizePercentage $value }}") << 0.1234 << QByteArray("12.34%");
        QTest::newRow("printf") << QByteArray(
                                       R"y({{ printf "%.2f %s %d %v" $value "x" 5 $value }})y")
                                << 3.14159 << QByteArray("3.14 x 5 3.14159");
        QTest::newRow("printf bad verb")
            << QByteArray(R"y({{ printf "%d" $value }})y") << 1.5 << QByteArray("%!d(float64=1.5)");
        QTest::newRow("if else") << QByteArray("{{ if gt $value 80.0 }}high{{ else }}low{{ end }}")
                                 << 90.0 << QByteArray("high");
        QTest::newRow("else if")
            << QByteArray("{{ if gt $value 80.0 }}high{{ else if gt $value 50.0 }}mid{{ else }}"
                          "low{{ end }}")
            << 60.0 << QByteArray("mid");
        QTest::newRow("eq string") << QByteArray(R"y({{ if eq $labels.job "node" }}yes{{ end }})y")
                                   << 0.0 << QByteArray("yes");
        QTest::newRow("query first value")
            << QByteArray(R"y({{ query "up" | first | value }})y") << 0.0 << QByteArray("0");
        QTest::newRow("query first label")
            << QByteArray(R"y({{ with query "up" }}{{ . | first | label "job" }}{{ end }})y") << 0.0
            << QByteArray("b");
        QTest::newRow("range sortByLabel")
            << QByteArray(
                   R"y({{ range query "up" | sortByLabel "job" }}{{ .Labels.job }}={{ .Value }};{{ end }})y")
            << 0.0 << QByteArray("a=1;b=0;");
        QTest::newRow("trim markers")
            << QByteArray("a  {{- \"x\" -}}  b") << 0.0 << QByteArray("axb");
        QTest::newRow("comment") << QByteArray("a{{/* note */}}b") << 0.0 << QByteArray("ab");
        QTest::newRow("variables")
            << QByteArray("{{ $x := \"v\" }}{{ $x }}{{ $x = \"w\" }}{{ $x }}") << 0.0
            << QByteArray("vw");
        QTest::newRow("toUpper title") << QByteArray("{{ toUpper \"ab\" }} {{ title \"ab cd\" }}")
                                       << 0.0 << QByteArray("AB Ab Cd");
        QTest::newRow("reReplaceAll")
            << QByteArray(R"y({{ reReplaceAll "(.*):.*" "$1" $labels.instance }})y") << 0.0
            << QByteArray("host");
        // Errors read as Prometheus shows them in the annotation.
        QTest::newRow("parse error") << QByteArray("{{ $labels.x ") << 0.0
                                     << QByteArray("<error expanding template: error parsing "
                                                   "template __alert_A: template: __alert_A:1: "
                                                   "unclosed action>");
        // template/template_test.go's expectations for the functions added last.
        QTest::newRow("graphLink") << QByteArray(R"y({{ graphLink "up" }})y") << 0.0
                                   << QByteArray("/graph?g0.expr=up&g0.tab=0");
        QTest::newRow("tableLink")
            << QByteArray(R"y({{ tableLink "rate(x[5m]) > 1" }})y") << 0.0
            << QByteArray("/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=1");
        QTest::newRow("parseDuration")
            << QByteArray(R"y({{ printf "%0.2f" (parseDuration "1h2m10ms") }})y") << 0.0
            << QByteArray("3720.01");
        QTest::newRow("parseDuration error")
            << QByteArray(R"y({{ parseDuration "soon" }})y") << 0.0
            << QByteArray("<error expanding template: error executing template __alert_A: "
                          "template: __alert_A:1:115: executing \"__alert_A\" at <parseDuration "
                          "\"soon\">: error calling parseDuration: not a valid duration string: "
                          "\"soon\">");
        QTest::newRow("stripDomain host")
            << QByteArray(R"y({{ "foo.example.com" | stripDomain }})y") << 0.0 << QByteArray("foo");
        QTest::newRow("stripDomain host:port")
            << QByteArray(R"y({{ "foo.example.com:12345" | stripDomain }})y") << 0.0
            << QByteArray("foo:12345");
        QTest::newRow("stripDomain ipv4")
            << QByteArray(R"y({{ "192.0.2.1:12345" | stripDomain }})y") << 0.0
            << QByteArray("192.0.2.1:12345");
        QTest::newRow("stripDomain ipv6") << QByteArray(R"y({{ "2001:0DB8::1" | stripDomain }})y")
                                          << 0.0 << QByteArray("2001:0DB8::1");
        QTest::newRow("stripDomain [ipv6]:port")
            << QByteArray(R"y({{ "[2001:0DB8::1]:12345" | stripDomain }})y") << 0.0
            << QByteArray("[2001:0DB8::1]:12345");
        QTest::newRow("stripDomain broken")
            << QByteArray(R"y({{ "[2001:0DB8::1]::12345" | stripDomain }})y") << 0.0
            << QByteArray("[2001:0DB8::1]::12345");
        QTest::newRow("toTime") << QByteArray("{{ 1435065584.128 | toTime }}") << 0.0
                                << QByteArray("2015-06-23 13:19:44.128 +0000 UTC");
        QTest::newRow("toTime of a string") << QByteArray(R"y({{ "1435065584" | toTime }})y") << 0.0
                                            << QByteArray("2015-06-23 13:19:44 +0000 UTC");
        QTest::newRow("args") << QByteArray(
                                     R"y({{ with args 1 "2" }}{{ .arg0 }} {{ .arg1 }}{{ end }})y")
                              << 0.0 << QByteArray("1 2");
        QTest::newRow("undefined function")
            << QByteArray("{{ nosuch }}") << 0.0
            << QByteArray("<error expanding template: error parsing template __alert_A: "
                          "template: __alert_A:1: function \"nosuch\" not defined>");
        QTest::newRow("first of nothing")
            << QByteArray(R"y({{ query "nothing" | first | value }})y") << 0.0
            << QByteArray("<error expanding template: error executing template __alert_A: "
                          "template: __alert_A:1:133: executing \"__alert_A\" at <first>: error "
                          "calling first: first() called on vector with no elements>");
        QTest::newRow("int and float do not compare")
            << QByteArray("{{ if gt $value 80 }}x{{ end }}") << 90.0
            << QByteArray("<error expanding template: error executing template __alert_A: "
                          "template: __alert_A:1:118: executing \"__alert_A\" at <gt $value 80>: "
                          "error calling gt: incompatible types for comparison>");
        QTest::newRow("unknown field")
            << QByteArray("{{ .Foo }}") << 0.0
            << QByteArray("<error expanding template: error executing template __alert_A: "
                          "template: __alert_A:1:115: executing \"__alert_A\" at <.Foo>: can't "
                          "evaluate field Foo in type struct { Labels map[string]string; "
                          "ExternalLabels map[string]string; ExternalURL string; Value float64 }>");
    }
    void expand() {
        QFETCH(QByteArray, text);
        QFETCH(double, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(RuleTemplate::expandForAlert(text, "__alert_A", data(value), &fakeQuery),
                 expected);
    }

    void parseCheck() {
        QVERIFY(!RuleTemplate::parseError("{{ $labels.x }} {{ humanize $value }}", "__alert_A"));
        QCOMPARE(RuleTemplate::parseError("{{ if true }}x", "__alert_A").value_or(QString()),
                 QStringLiteral("template: __alert_A:1: unexpected EOF"));
        QCOMPARE(RuleTemplate::parseError("a\n{{ $nope }}", "__alert_A").value_or(QString()),
                 QStringLiteral("template: __alert_A:2: undefined variable \"$nope\""));
    }
};

QTEST_GUILESS_MAIN(TstRuleTemplate)
#include "tst_ruletemplate.moc"
