#include "query/functions.h"
#include "query/lexer.h"
#include "query/parser.h"
#include "util/promduration.h"

#include <QTest>

#include <cmath>

using namespace ppl;
using namespace ppl::query;

namespace {

QString errorOf(const QByteArray &q) {
    auto r = Parser::parse(q);
    if (auto *e = std::get_if<ParseError>(&r))
        return e->toString(q);
    return QString();
}

const Expr *parsed(const QByteArray &q, Parser::Result &holder) {
    holder = Parser::parse(q);
    if (auto *e = std::get_if<std::unique_ptr<Expr>>(&holder))
        return e->get();
    return nullptr;
}

// A compact rendering of the tree for structure checks: (op lhs rhs), name{…}[range].
QByteArray shape(const Expr &e) {
    switch (e.kind) {
    case Expr::Kind::Number:
        return std::isnan(e.number) ? "NaN" : QByteArray::number(e.number, 'g', 17);
    case Expr::Kind::String:
        return '"' + e.string + '"';
    case Expr::Kind::VectorSelector: {
        QByteArray s = e.metricName;
        if (e.matchers.size() > (e.metricName.isEmpty() ? 0u : 1u)) {
            s += '{';
            for (size_t i = 0; i < e.matchers.size(); ++i) {
                if (!e.metricName.isEmpty() && i + 1 == e.matchers.size())
                    break;
                if (i)
                    s += ',';
                s += e.matchers[i].toString().toUtf8();
            }
            s += '}';
        }
        if (e.hasOffset)
            s += " offset " + QByteArray::number(e.offsetMs) + "ms";
        if (e.at == Expr::AtKind::Time)
            s += " @" + QByteArray::number(e.atMs) + "ms";
        if (e.at == Expr::AtKind::Start)
            s += " @start";
        if (e.at == Expr::AtKind::End)
            s += " @end";
        return s;
    }
    case Expr::Kind::MatrixSelector:
        return shape(*e.lhs) + '[' + QByteArray::number(e.rangeMs) + "ms]";
    case Expr::Kind::Subquery: {
        QByteArray s = shape(*e.lhs) + '[' + QByteArray::number(e.rangeMs) +
                       "ms:" + QByteArray::number(e.stepMs) + "ms]";
        if (e.hasOffset)
            s += " offset " + QByteArray::number(e.offsetMs) + "ms";
        return s;
    }
    case Expr::Kind::Paren:
        return '(' + shape(*e.lhs) + ')';
    case Expr::Kind::Unary:
        return "(neg " + shape(*e.lhs) + ')';
    case Expr::Kind::Binary: {
        QByteArray s = '(' + tokenText(e.op);
        if (e.returnBool)
            s += " bool";
        if (e.matching && (e.matching->on || !e.matching->matchingLabels.empty())) {
            s += e.matching->on ? " on(" : " ignoring(";
            s += e.matching->matchingLabels.empty()
                     ? QByteArray()
                     : QByteArrayList(e.matching->matchingLabels.begin(),
                                      e.matching->matchingLabels.end())
                           .join(',');
            s += ')';
        }
        if (e.matching && e.matching->card == VectorMatching::Card::ManyToOne)
            s += " group_left(" +
                 QByteArrayList(e.matching->include.begin(), e.matching->include.end()).join(',') +
                 ')';
        if (e.matching && e.matching->card == VectorMatching::Card::OneToMany)
            s += " group_right(" +
                 QByteArrayList(e.matching->include.begin(), e.matching->include.end()).join(',') +
                 ')';
        return s + ' ' + shape(*e.lhs) + ' ' + shape(*e.rhs) + ')';
    }
    case Expr::Kind::Aggregate: {
        QByteArray s = '(' + tokenText(e.op);
        if (!e.grouping.empty() || e.without)
            s += (e.without ? " without(" : " by(") +
                 QByteArrayList(e.grouping.begin(), e.grouping.end()).join(',') + ')';
        if (e.param)
            s += ' ' + shape(*e.param);
        return s + ' ' + shape(*e.lhs) + ')';
    }
    case Expr::Kind::Call: {
        QByteArray s = e.func->name + '(';
        for (size_t i = 0; i < e.args.size(); ++i)
            s += (i ? "," : "") + shape(*e.args[i]);
        return s + ')';
    }
    }
    return {};
}

} // namespace

class TestPromqlParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lexerTokens_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QList<int>>("types");
        QTest::newRow("selector") << QByteArray("up{job=~\"a\"}")
                                  << QList<int>{int(Tok::Identifier), int(Tok::LeftBrace),
                                                int(Tok::Identifier), int(Tok::EqlRegex),
                                                int(Tok::String),     int(Tok::RightBrace),
                                                int(Tok::Eof)};
        QTest::newRow("keywords are identifiers in braces")
            << QByteArray("{by=\"1\"}")
            << QList<int>{int(Tok::LeftBrace), int(Tok::Identifier), int(Tok::Assign),
                          int(Tok::String),    int(Tok::RightBrace), int(Tok::Eof)};
        QTest::newRow("duration and subquery colon")
            << QByteArray("x[5m:1m]")
            << QList<int>{int(Tok::Identifier), int(Tok::LeftBracket), int(Tok::Duration),
                          int(Tok::Colon),      int(Tok::Duration),    int(Tok::RightBracket),
                          int(Tok::Eof)};
        QTest::newRow("metric identifier with colon")
            << QByteArray("job:rate5m") << QList<int>{int(Tok::MetricIdentifier), int(Tok::Eof)};
        QTest::newRow("comment dropped")
            << QByteArray("1 # a comment") << QList<int>{int(Tok::Number), int(Tok::Eof)};
        QTest::newRow("Inf and NaN are numbers")
            << QByteArray("Inf nan")
            << QList<int>{int(Tok::Number), int(Tok::Number), int(Tok::Eof)};
        QTest::newRow("operators")
            << QByteArray("a!=b>=c")
            << QList<int>{int(Tok::Identifier), int(Tok::Neq),        int(Tok::Identifier),
                          int(Tok::Gte),        int(Tok::Identifier), int(Tok::Eof)};
    }
    void lexerTokens() {
        QFETCH(QByteArray, query);
        QFETCH(QList<int>, types);
        QList<int> got;
        for (const Token &t : lex(query))
            got.append(int(t.type));
        QCOMPARE(got, types);
    }

    void numbers_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<double>("value");
        QTest::newRow("int") << QByteArray("42") << 42.0;
        QTest::newRow("float") << QByteArray("1.5") << 1.5;
        QTest::newRow("leading dot") << QByteArray(".5") << 0.5;
        QTest::newRow("exponent") << QByteArray("1e3") << 1000.0;
        QTest::newRow("negative exponent") << QByteArray("2.5e-1") << 0.25;
        QTest::newRow("hex") << QByteArray("0x1F") << 31.0;
        QTest::newRow("octal like Go's ParseInt") << QByteArray("010") << 8.0;
        QTest::newRow("not octal falls back to float") << QByteArray("09") << 9.0;
        QTest::newRow("Inf") << QByteArray("Inf") << double(INFINITY);
        QTest::newRow("-Inf folded") << QByteArray("-inf") << double(-INFINITY);
        QTest::newRow("unary minus folded") << QByteArray("-2") << -2.0;
        QTest::newRow("plus folded") << QByteArray("+3") << 3.0;
    }
    void numbers() {
        QFETCH(QByteArray, query);
        QFETCH(double, value);
        Parser::Result holder;
        const Expr *e = parsed(query, holder);
        QVERIFY2(e, qPrintable(errorOf(query)));
        QCOMPARE(int(e->kind), int(Expr::Kind::Number));
        QCOMPARE(e->number, value);
    }

    void nanLiteral() {
        Parser::Result holder;
        const Expr *e = parsed("NaN", holder);
        QVERIFY(e && std::isnan(e->number));
    }

    void strings_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("double") << QByteArray("\"a\\\"b\"") << QByteArray("a\"b");
        QTest::newRow("single") << QByteArray("'a\\'b'") << QByteArray("a'b");
        QTest::newRow("raw keeps backslashes") << QByteArray("`a\\nb`") << QByteArray("a\\nb");
        QTest::newRow("escapes") << QByteArray("\"\\t\\n\\\\\"") << QByteArray("\t\n\\");
        QTest::newRow("hex escape") << QByteArray("\"\\x41\"") << QByteArray("A");
        QTest::newRow("octal escape") << QByteArray("\"\\101\"") << QByteArray("A");
        QTest::newRow("unicode escape") << QByteArray("\"\\u00e9\"") << QByteArray("\xc3\xa9");
        QTest::newRow("big unicode escape")
            << QByteArray("\"\\U0001F600\"") << QByteArray("\xf0\x9f\x98\x80");
    }
    void strings() {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, value);
        Parser::Result holder;
        const Expr *e = parsed(query, holder);
        QVERIFY2(e, qPrintable(errorOf(query)));
        QCOMPARE(e->string, value);
    }

    void structure_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("shape");
        QTest::newRow("precedence * over +")
            << QByteArray("a + b * c") << QByteArray("(+ a (* b c))");
        QTest::newRow("left assoc -") << QByteArray("a - b - c") << QByteArray("(- (- a b) c)");
        QTest::newRow("pow right assoc") << QByteArray("2 ^ 3 ^ 2") << QByteArray("(^ 2 (^ 3 2))");
        QTest::newRow("unary binds below ^") << QByteArray("-a ^ 2") << QByteArray("(neg (^ a 2))");
        QTest::newRow("unary binds above *") << QByteArray("-a * b") << QByteArray("(* (neg a) b)");
        QTest::newRow("-2^2 is -(2^2)") << QByteArray("-2 ^ 2") << QByteArray("(neg (^ 2 2))");
        QTest::newRow("and over or")
            << QByteArray("a or b and c") << QByteArray("(or a (and b c))");
        QTest::newRow("unless like and")
            << QByteArray("a and b unless c") << QByteArray("(unless (and a b) c)");
        QTest::newRow("comparison below +")
            << QByteArray("a > b + 1") << QByteArray("(> a (+ b 1))");
        QTest::newRow("atan2 like *")
            << QByteArray("a + b atan2 c") << QByteArray("(+ a (atan2 b c))");
        QTest::newRow("bool") << QByteArray("a == bool 1") << QByteArray("(== bool a 1)");
        QTest::newRow("on group_left")
            << QByteArray("a * on(x) group_left(y) b") << QByteArray("(* on(x) group_left(y) a b)");
        QTest::newRow("ignoring group_right") << QByteArray("a / ignoring(x) group_right b")
                                              << QByteArray("(/ ignoring(x) group_right() a b)");
        QTest::newRow("matchers") << QByteArray(R"(up{job="a",i!~"b.*",})")
                                  << QByteArray(R"(up{job="a",i!~"b.*"})");
        QTest::newRow("__name__ form")
            << QByteArray(R"({__name__=~"up|x"})") << QByteArray(R"({__name__=~"up|x"})");
        QTest::newRow("range") << QByteArray("x[1h30m]") << QByteArray("x[5400000ms]");
        QTest::newRow("offset") << QByteArray("x offset 5m") << QByteArray("x offset 300000ms");
        QTest::newRow("negative offset")
            << QByteArray("x offset -1m") << QByteArray("x offset -60000ms");
        QTest::newRow("range offset")
            << QByteArray("x[5m] offset 1m") << QByteArray("x offset 60000ms[300000ms]");
        QTest::newRow("at") << QByteArray("x @ 100.5") << QByteArray("x @100500ms");
        QTest::newRow("at start") << QByteArray("x @ start()") << QByteArray("x @start");
        QTest::newRow("at end then offset")
            << QByteArray("x @ end() offset 1s") << QByteArray("x offset 1000ms @end");
        QTest::newRow("subquery") << QByteArray("rate(x[1m])[5m:30s]")
                                  << QByteArray("rate(x[60000ms])[300000ms:30000ms]");
        QTest::newRow("subquery default step")
            << QByteArray("x[5m:]") << QByteArray("x[300000ms:0ms]");
        QTest::newRow("subquery offset") << QByteArray("x[5m:1m] offset 2m")
                                         << QByteArray("x[300000ms:60000ms] offset 120000ms");
        QTest::newRow("offset binds tightest")
            << QByteArray("a + b offset 1m") << QByteArray("(+ a b offset 60000ms)");
        QTest::newRow("aggregation by before")
            << QByteArray("sum by (job) (x)") << QByteArray("(sum by(job) x)");
        QTest::newRow("aggregation by after")
            << QByteArray("sum(x) by (job, i)") << QByteArray("(sum by(job,i) x)");
        QTest::newRow("without") << QByteArray("avg without (i) (x)")
                                 << QByteArray("(avg without(i) x)");
        QTest::newRow("topk param") << QByteArray("topk(3, x)") << QByteArray("(topk 3 x)");
        QTest::newRow("count_values")
            << QByteArray(R"(count_values("v", x))") << QByteArray(R"((count_values "v" x))");
        QTest::newRow("keyword grouping label")
            << QByteArray("sum by (on, sum) (x)") << QByteArray("(sum by(on,sum) x)");
        QTest::newRow("function") << QByteArray("clamp(x, 0, 1)") << QByteArray("clamp(x,0,1)");
        QTest::newRow("trailing comma") << QByteArray("round(x, 5,)") << QByteArray("round(x,5)");
        QTest::newRow("aggregator as metric") << QByteArray("sum + 1") << QByteArray("(+ sum 1)");
        QTest::newRow("parens") << QByteArray("(a + b) * c") << QByteArray("(* ((+ a b)) c)");
        QTest::newRow("time()") << QByteArray("time() - x") << QByteArray("(- time() x)");
    }
    void structure() {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, shape);
        Parser::Result holder;
        const Expr *e = parsed(query, holder);
        QVERIFY2(e, qPrintable(errorOf(query)));
        QCOMPARE(::shape(*e), shape);
    }

    // Prometheus 2.42's messages and positions (checked against promtool/the API).
    void errors_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray("")
                               << "1:1: parse error: no expression found in input";
        QTest::newRow("trailing op")
            << QByteArray("1 +") << "1:4: parse error: unexpected end of input";
        QTest::newRow("two selectors")
            << QByteArray("foo bar") << "1:5: parse error: unexpected identifier \"bar\"";
        QTest::newRow("unclosed paren")
            << QByteArray("rate(x[5m]") << "1:11: parse error: unclosed left parenthesis";
        QTest::newRow("rate of vector")
            << QByteArray("rate(x)")
            << "1:6: parse error: expected type range vector in call to function \"rate\", got "
               "instant vector";
        QTest::newRow("unknown function")
            << QByteArray("foo(x)") << "1:1: parse error: unknown function with name \"foo\"";
        // 2.42 looks the name up after reading the call: the lexer's error comes first.
        QTest::newRow("unknown function, unclosed")
            << QByteArray("up(") << "1:4: parse error: unclosed left parenthesis";
        QTest::newRow("unknown function, bad argument")
            << QByteArray("foo(1 +)") << "1:8: parse error: unexpected \")\"";
        QTest::newRow("arg count")
            << QByteArray("abs(x, y)")
            << "1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2";
        QTest::newRow("scalar comparison needs bool")
            << QByteArray("1 > 2")
            << "1:3: parse error: comparisons between scalars must use BOOL modifier";
        QTest::newRow("bool on arithmetic")
            << QByteArray("a + bool b")
            << "1:3: parse error: bool modifier can only be used on comparison operators";
        QTest::newRow("set op with scalar")
            << QByteArray("a and 1")
            << "1:1: parse error: set operator \"and\" not allowed in binary scalar expression";
        QTest::newRow("group on set op")
            << QByteArray("a and on(x) group_left b")
            << "1:1: parse error: no grouping allowed for \"and\" operation";
        QTest::newRow("empty selector")
            << QByteArray("{}")
            << "1:1: parse error: vector selector must contain at least one non-empty matcher";
        QTest::newRow("only empty-matching matchers")
            << QByteArray(R"({a=""})")
            << "1:1: parse error: vector selector must contain at least one non-empty matcher";
        QTest::newRow("name twice")
            << QByteArray(R"(a{__name__="b"})")
            << "1:1: parse error: metric name must not be set twice: \"a\" or \"b\"";
        QTest::newRow("range on non-selector")
            << QByteArray("(x)[5m]")
            << "1:1: parse error: ranges only allowed for vector selectors";
        QTest::newRow("offset on aggregation")
            << QByteArray("sum(x) offset 1m")
            << "1:1: parse error: offset modifier must be preceded by an instant vector selector "
               "or range vector selector or a subquery";
        QTest::newRow("offset twice") << QByteArray("x offset 1m offset 2m")
                                      << "1:1: parse error: offset may not be set multiple times";
        QTest::newRow("missing duration unit")
            << QByteArray("x[5]") << "1:3: parse error: missing unit character in duration";
        QTest::newRow("bad duration")
            << QByteArray("x[5mm]") << "1:3: parse error: bad duration syntax: \"5mm\"";
        QTest::newRow("unterminated string")
            << QByteArray("x{a=\"b}") << "1:5: parse error: unterminated quoted string";
        QTest::newRow("bad escape")
            << QByteArray("x{a=\"\\q\"}") << "1:5: parse error: unknown escape sequence U+0071 'q'";
        QTest::newRow("unexpected character")
            << QByteArray("x $") << "1:3: parse error: unexpected character: '$'";
        QTest::newRow("unexpected right paren")
            << QByteArray("x)") << "1:3: parse error: unexpected right parenthesis ')'";
        QTest::newRow("matcher without value")
            << QByteArray("x{a=}")
            << "1:5: parse error: unexpected \"}\" in label matching, expected string";
        QTest::newRow("aggregation wrong args")
            << QByteArray("topk(x)")
            << "1:1: parse error: wrong number of arguments for aggregate expression provided, "
               "expected 2, got 1";
        QTest::newRow("topk param type")
            << QByteArray(R"(topk("a", x))")
            << "1:6: parse error: expected type scalar in aggregation parameter, got string";
        QTest::newRow("subquery of range")
            << QByteArray("x[5m][10m:]")
            << "1:1: parse error: subquery is only allowed on instant vector, got matrix instead";
        QTest::newRow("binary on range") << QByteArray("x[5m] + 1")
                                         << "1:1: parse error: binary expression must contain only "
                                            "scalar and instant vector types";
        QTest::newRow("lookahead refused as RE2 does")
            << QByteArray("x{a=~\"(?=b)\"}")
            << "1:3: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`";
        QTest::newRow("backreference refused as RE2 does")
            << QByteArray("x{a=~\"(b)\\\\1\"}")
            << "1:3: parse error: error parsing regexp: invalid escape sequence: `\\1`";
        QTest::newRow("second line position")
            << QByteArray("sum(\n  x y)") << "2:5: parse error: unexpected identifier \"y\"";
        QTest::newRow("on and group label clash")
            << QByteArray("a + on(x) group_left(x) b")
            << "1:3: parse error: label \"x\" must not occur in ON and GROUP clause at once";
    }
    void errors() {
        QFETCH(QByteArray, query);
        QFETCH(QString, error);
        QCOMPARE(errorOf(query), error);
    }

    // Deep nesting is refused with an error instead of exhausting the stack.
    void nestingIsBounded_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("25,000 open parens")
            << QByteArray(25000, '(') + "1" + QByteArray(25000, ')');
        QTest::newRow("unclosed parens") << QByteArray(25000, '(');
        QTest::newRow("100k unary minus") << QByteArray(100000, '-') + "1";
        QTest::newRow("right-assoc pow chain")
            << QByteArray("1") + QByteArray("^1").repeated(50000);
        QTest::newRow("nested calls")
            << QByteArray("abs(").repeated(20000) + "x" + QByteArray(20000, ')');
        QTest::newRow("nested subqueries")
            << QByteArray("(").repeated(5000) + "x" + QByteArray(")[1m:]").repeated(5000);
    }
    void nestingIsBounded() {
        QFETCH(QByteArray, query);
        const QString error = errorOf(query);
        QVERIFY(!error.isEmpty());
        if (!query.startsWith("(((") || query.endsWith(')') || query.endsWith(']'))
            QVERIFY2(error.contains(QLatin1String("nesting is too deep")), qPrintable(error));
    }

    void moderateNestingParses() {
        const QByteArray q = QByteArray(100, '(') + "1" + QByteArray(100, ')');
        QVERIFY2(errorOf(q).isEmpty(), qPrintable(errorOf(q)));
        const QByteArray chain = "x" + QByteArray(" + x").repeated(500);
        QVERIFY2(errorOf(chain).isEmpty(), qPrintable(errorOf(chain)));
        // A chain builds a tree as deep as itself: past the limit it is refused, not a crash.
        const QByteArray longChain = "x" + QByteArray(" + x").repeated(20000);
        QVERIFY(errorOf(longChain).contains(QLatin1String("nesting is too deep")));
    }

    void durations_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("1h30m") << QByteArray("1h30m") << qint64(5400000);
        QTest::newRow("500ms") << QByteArray("500ms") << qint64(500);
        QTest::newRow("1y") << QByteArray("1y") << qint64(365LL * 86400000);
        QTest::newRow("2w1d") << QByteArray("2w1d") << qint64(15LL * 86400000);
        QTest::newRow("wrong order") << QByteArray("1m1h") << qint64(-1);
        QTest::newRow("no unit") << QByteArray("5") << qint64(-1);
    }
    void durations() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ms);
        const auto d = parsePrometheusDuration(text);
        QCOMPARE(d.value_or(-1), ms);
    }

    void everyListedFunctionIsKnown() {
        for (const char *name : {"abs",
                                 "absent",
                                 "absent_over_time",
                                 "avg_over_time",
                                 "ceil",
                                 "changes",
                                 "clamp",
                                 "clamp_max",
                                 "clamp_min",
                                 "count_over_time",
                                 "day_of_month",
                                 "day_of_week",
                                 "day_of_year",
                                 "days_in_month",
                                 "delta",
                                 "deriv",
                                 "exp",
                                 "floor",
                                 "histogram_quantile",
                                 "holt_winters",
                                 "hour",
                                 "idelta",
                                 "increase",
                                 "irate",
                                 "label_join",
                                 "label_replace",
                                 "last_over_time",
                                 "ln",
                                 "log10",
                                 "log2",
                                 "max_over_time",
                                 "min_over_time",
                                 "minute",
                                 "month",
                                 "predict_linear",
                                 "present_over_time",
                                 "quantile_over_time",
                                 "rate",
                                 "resets",
                                 "round",
                                 "scalar",
                                 "sgn",
                                 "sort",
                                 "sort_desc",
                                 "sqrt",
                                 "stddev_over_time",
                                 "stdvar_over_time",
                                 "sum_over_time",
                                 "time",
                                 "timestamp",
                                 "vector",
                                 "year",
                                 "sin",
                                 "cos",
                                 "tan",
                                 "asin",
                                 "acos",
                                 "atan",
                                 "sinh",
                                 "cosh",
                                 "tanh",
                                 "asinh",
                                 "acosh",
                                 "atanh",
                                 "deg",
                                 "rad",
                                 "pi"})
            QVERIFY2(findFunction(name), name);
    }
};

QTEST_GUILESS_MAIN(TestPromqlParser)
#include "tst_promqlparser.moc"
