// The scraper reads text-format bodies as Prometheus 2.42 does (TextParser's PromParse dialect,
// with invalidLabelSetError for the one message that needs the target): every upstream error
// row, our own corners and the bodies of the acceptance gap (unknown escapes, no commas, raw
// newlines in values) are checked against the expected text, against the real 2.42 scraping them,
// and, on 100k random bodies, against a token-by-token oracle of promlex/promparse.
#include "exposition/textparser.h"
#include "promparseoracle.h"
#include "realpeer.h"
#include "scrape/scrapelabels.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace ppl;
using ppl::test::promParseOracleError;
using ppl::test::PromScrapeLabels;

namespace {

// Serves canned bodies: GET /b/<n> answers bodies[n] as text format 0.0.4.
class CannedServer : public QObject {
public:
    explicit CannedServer(QList<QByteArray> bodies)
        : m_bodies(std::move(bodies)) {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, s, [this, s] { serve(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

private:
    void serve(QTcpSocket *s) {
        QByteArray &req = m_pending[s];
        req += s->readAll();
        if (!req.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> first = req.left(req.indexOf("\r\n")).split(' ');
        m_pending.remove(s);
        bool ok = false;
        const int n =
            first.size() >= 2 && first[1].startsWith("/b/") ? first[1].mid(3).toInt(&ok) : -1;
        QByteArray body;
        QByteArray status = "200 OK";
        if (ok && n >= 0 && n < m_bodies.size())
            body = m_bodies[n];
        else
            status = "404 Not Found";
        s->write("HTTP/1.1 " + status +
                 "\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                 "Connection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<QByteArray> m_bodies;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

struct Case {
    const char *tag;
    QByteArray body;
    QString error; // empty: accepted
};

// Bodies for which our Go-expfmt parser and promparse disagree, or whose wording differs.
QList<Case> differentialCases() {
    using namespace Qt::StringLiterals;
    return {
        {"missing comma brace", "http_requests_total{method=\"GET\" 17\n"_ba,
         u"expected label name, got \"INVALID\""_s},
        {"single quotes", "a{b='c'} 1\n"_ba, u"expected label value, got \"INVALID\""_s},
        {"crlf", "a 1\r\n"_ba, u"strconv.ParseFloat: parsing \"1\\r\": invalid syntax"_s},
        {"negative timestamp", "a 1 -5\n"_ba,
         u"expected timestamp or new record, got \"INVALID\""_s},
        {"bool value", "a true\n"_ba, u"strconv.ParseFloat: parsing \"true\": invalid syntax"_s},
        {"hex float", "foo 0x1p-3\n"_ba, u"unsupported character in float"_s},
        {"unknown type", "# TYPE a foo\n"_ba, u"invalid metric type \"foo\""_s},
        {"type trailing blank", "# TYPE a counter \n"_ba, u"invalid metric type \"counter \""_s},
        {"duplicate label", "a{b=\"1\",b=\"2\"} 1\n"_ba,
         u"label name \"b\" is not unique: invalid sample"_s},
        {"name label", "a{__name__=\"b\"} 1\n"_ba,
         u"label name \"__name__\" is not unique: invalid sample"_s},
        {"float range", "a 1e400\n"_ba,
         u"strconv.ParseFloat: parsing \"1e400\": value out of range"_s},
        {"int range", "a 1 99999999999999999999\n"_ba,
         u"strconv.ParseInt: parsing \"99999999999999999999\": value out of range"_s},
        {"no name", "{a=\"ok\"} 1\n"_ba, u"\"INVALID\" is not a valid start token"_s},
        {"bad utf8 value", "a{b=\"\xff\"} 1\n"_ba, u"invalid UTF-8 label value"_s},
        {"bad utf8 help", "# HELP a \xff\n"_ba, u"help text is not a valid utf8 string"_s},
        {"two timestamps", "a 1 2 3\n"_ba,
         u"expected next entry after timestamp, got \"TIMESTAMP\""_s},
        {"extra brace", "a{b=\"c\"}} 1\n"_ba,
         u"strconv.ParseFloat: parsing \"}\": invalid syntax"_s},
        {"error after good lines", "ok 1\nok2 2\nbad{ 3\n"_ba,
         u"expected label name, got \"INVALID\""_s},
        // Accepted by promparse; the Pushgateway's parser rejects most of these.
        {"type after samples, repeated meta",
         "a 1\n# TYPE a counter\n# TYPE a gauge\n# HELP a x\n# HELP a y\n"_ba, QString()},
        {"unknown escape", "a{b=\"\\q\"} 1\n"_ba, QString()},
        {"unknown escape in help", "# HELP a \\q\na 1\n"_ba, QString()},
        {"no commas", "a{b=\"x\" c=\"y\"} 1\n"_ba, QString()},
        {"nul ends input", QByteArray("a 1\n\0garbage{\n", 14), QString()},
        {"raw newline in value", "a{b=\"line1\nline2\"} 1\n"_ba, QString()},
        {"duplicate series", "dup_series 1\ndup_series 2\n"_ba, QString()},
        {"no final newline", "a 1"_ba, QString()},
        {"empty duplicate", "a{b=\"\",b=\"x\"} 1\n"_ba, QString()},
        {"duplicate target label", "a{job=\"x\",job=\"y\"} 1\n"_ba, QString()},
        {"comment without blank", "#comment\na 1\n"_ba, QString()},
        // Leading blanks stay in __name__; the error shows the merged label set.
        {"leading blanks", "  a 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"  a\", instance=\"$INSTANCE\", "
         "job=\"$JOB\"}"_s},
        {"leading blanks, exported labels",
         "\ta{job=\"x\",exported_job=\"y\",b=\"q\\\"\\n\\z\",e=\"\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"\\ta\", b=\"q\\\"\\n\\\\z\", "
         "exported_exported_job=\"x\", exported_job=\"y\", instance=\"$INSTANCE\", "
         "job=\"$JOB\"}"_s},
        // A __name__ label in the braces is a second name; one that is no valid metric name
        // fails the label-set check before the head finds the name repeated (the fuzzer's
        // finding: the scraper said "not unique").
        {"name label with raw carriage return", "a{__name__=\"\r\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"a\", __name__=\"\\r\", "
         "instance=\"$INSTANCE\", job=\"$JOB\"}"_s},
        {"name label with unknown escape", "a{__name__=\"\\r\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"a\", __name__=\"\\\\r\", "
         "instance=\"$INSTANCE\", job=\"$JOB\"}"_s},
        {"invalid name label before repeats",
         "a{b=\"1\",b=\"2\",job=\"x\",job=\"y\",__name__=\"-\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"a\", __name__=\"-\", b=\"1\", "
         "b=\"2\", exported_job=\"x\", instance=\"$INSTANCE\", job=\"$JOB\"}"_s},
        {"empty name label", "ok 1\na{__name__=\"\"} 1\n"_ba,
         u"missing metric name (__name__ label)"_s},
        {"plus timestamp", "a 1 +5\n"_ba, u"expected timestamp or new record, got \"INVALID\""_s},
        {"type in capitals", "# TYPE a COUNTER\n"_ba, u"invalid metric type \"COUNTER\""_s},
        {"histogram without le", "# TYPE h histogram\nh_bucket 1\nh_bucket{le=\"x\"} 2\n"_ba,
         QString()},
    };
}

// The target labels the unit rows are checked with; $JOB/$INSTANCE in an expected error.
PromScrapeLabels targetOf(const QByteArray &job, const QByteArray &instance, bool honor = false) {
    PromScrapeLabels scrape;
    scrape.honorLabels = honor;
    scrape.targetLabels = {{"job", job}, {"instance", instance}};
    return scrape;
}

QString expand(QString error, const QByteArray &job, const QByteArray &instance) {
    return error.replace(QLatin1String("$JOB"), QString::fromUtf8(job))
        .replace(QLatin1String("$INSTANCE"), QString::fromUtf8(instance));
}

// What the scraper records as lastError for the body (nullopt: it ingests the body), the way
// ScrapeLoop does: the PromParse iterator, the target's labels replacing scraped ones unless
// honored, and invalidLabelSetError for a metric name promparse keeps blanks in.
std::optional<QString> scraperError(QByteArrayView body, const PromScrapeLabels &scrape) {
    LabelPairs targetPairs;
    std::vector<QByteArray> replaced;
    for (const auto &[name, value] : scrape.targetLabels) {
        targetPairs.emplace_back(name, value);
        if (!scrape.honorLabels)
            replaced.push_back(name);
    }
    const Labels target = Labels::fromPairs(targetPairs);
    TextParser parser(body, TextParser::Dialect::PromParse);
    parser.setReplacedLabelNames(std::move(replaced));
    for (;;) {
        const TextParser::Entry e = parser.next();
        if (e == TextParser::Entry::End)
            return std::nullopt;
        if (e != TextParser::Entry::Error)
            continue;
        if (!parser.error().invalidLabelSet)
            return parser.error().message;
        LabelPairs scraped{{"__name__", parser.name().toByteArray()}};
        for (int i = 0; i < parser.labelCount(); ++i)
            scraped.emplace_back(parser.labelName(i).toByteArray(),
                                 parser.labelValue(i).toByteArray());
        return invalidLabelSetError(scraped, target, scrape.honorLabels);
    }
}

} // namespace

class TestPromParseDialect : public QObject {
    Q_OBJECT

private slots:
    void promParseErrors_data();
    void promParseErrors();
    void realPrometheusAgrees();
    void oracleAgrees_data();
    void oracleAgrees();
    void randomBodiesAgreeWithOracle();
};

void TestPromParseDialect::promParseErrors_data() {
    using namespace Qt::StringLiterals;
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("honorLabels");

    // TestPromParseErrors (v2.42.0), every row.
    const QList<QPair<QByteArray, QString>> upstream = {
        {"a"_ba, u"expected value after metric, got \"INVALID\""_s},
        {"a{b='c'} 1\n"_ba, u"expected label value, got \"INVALID\""_s},
        {"a{b=\n"_ba, u"expected label value, got \"INVALID\""_s},
        {"a{\xff=\"foo\"} 1\n"_ba, u"expected label name, got \"INVALID\""_s},
        {"a{b=\"\xff\"} 1\n"_ba, u"invalid UTF-8 label value"_s},
        {"a true\n"_ba, u"strconv.ParseFloat: parsing \"true\": invalid syntax"_s},
        {"something_weird{problem=\""_ba, u"expected label value, got \"INVALID\""_s},
        {"empty_label_name{=\"\"} 0"_ba, u"expected label name, got \"EQUAL\""_s},
        {"foo 1_2\n"_ba, u"unsupported character in float"_s},
        {"foo 0x1p-3\n"_ba, u"unsupported character in float"_s},
        {"foo 0x1P-3\n"_ba, u"unsupported character in float"_s},
        {"foo 0 1_2\n"_ba, u"expected next entry after timestamp, got \"INVALID\""_s},
        {"{a=\"ok\"} 1"_ba, u"\"INVALID\" is not a valid start token"_s},
        {"# TYPE #\n#EOF\n"_ba, u"expected metric name after TYPE, got \"INVALID\""_s},
        {"# HELP #\n#EOF\n"_ba, u"expected metric name after HELP, got \"INVALID\""_s},
    };
    for (qsizetype i = 0; i < upstream.size(); ++i)
        QTest::addRow("upstream %lld", qlonglong(i))
            << upstream[i].first << upstream[i].second << false;

    // TestPromNullByteHandling (v2.42.0), every row.
    const QList<QPair<QByteArray, QString>> nulls = {
        {QByteArray("null_byte_metric{a=\"abc\0\"} 1", 28), QString()},
        {QByteArray("a{b=\"\0ss\"} 1\n", 13), QString()},
        {QByteArray("a{b=\"\0\"} 1\n", 11), QString()},
        {QByteArray("a{b=\0\"ssss\"} 1\n", 15), u"expected label value, got \"INVALID\""_s},
        {QByteArray("a{b=\"\0", 6), u"expected label value, got \"INVALID\""_s},
        {QByteArray("a{b\0=\"hiih\"}\t1", 14), u"expected equal, got \"INVALID\""_s},
        {QByteArray("a\0{b=\"ddd\"} 1", 14), u"expected value after metric, got \"INVALID\""_s},
        {QByteArray("a 0 1\0", 6), u"expected next entry after timestamp, got \"INVALID\""_s},
    };
    for (qsizetype i = 0; i < nulls.size(); ++i)
        QTest::addRow("null byte %lld", qlonglong(i)) << nulls[i].first << nulls[i].second << false;

    // TestPromParse's valid input: it must be accepted as a whole.
    QTest::newRow("upstream valid")
        << R"(# HELP go_gc_duration_seconds A summary of the GC invocation durations.
# 	TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 4.9351e-05
go_gc_duration_seconds{quantile="0.25",} 7.424100000000001e-05
go_gc_duration_seconds{quantile="0.5",a="b"} 8.3835e-05
go_gc_duration_seconds{quantile="0.8", a="b"} 8.3835e-05
go_gc_duration_seconds{ quantile="0.9", a="b"} 8.3835e-05
# Hrandom comment starting with prefix of HELP
#
wind_speed{A="2",c="3"} 12345
# comment with escaped \n newline
# comment with escaped \ escape character
# HELP nohelp1
# HELP nohelp2 
go_gc_duration_seconds{ quantile="1.0", a="b" } 8.3835e-05
go_gc_duration_seconds { quantile="1.0", a="b" } 8.3835e-05
go_gc_duration_seconds { quantile= "1.0", a= "b", } 8.3835e-05
go_gc_duration_seconds { quantile = "1.0", a = "b" } 8.3835e-05
go_gc_duration_seconds_count 99
some:aggregate:rate5m{a_b="c"}	1
# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 33  	123123
_metric_starting_with_underscore 1
testmetric{_label_starting_with_underscore="foo"} 1
testmetric{label="\"bar\""} 1)"_ba
        << QString() << false;

    // Our own rows: the lexer's corners and the storage's duplicate-name check.
    const QList<std::tuple<const char *, QByteArray, QString, bool>> own = {
        {"empty body", QByteArray(), QString(), false},
        {"blank lines", "\n\n  \t\n"_ba, QString(), false},
        {"help without text", "# HELP a\n"_ba, QString(), false},
        {"type without text", "# TYPE a\n"_ba, u"invalid metric type \"\""_s, false},
        {"help prefix is a comment", "# HEL\n# HELPx y\n# TYPEZ\n"_ba, QString(), false},
        {"nul after help name", QByteArray("# HELP a\0x\n", 11),
         u"linebreak expected after metadata, got \"EOF\""_s, false},
        {"nul in comment", QByteArray("#x\0y\n{\n", 7), QString(), false},
        {"nul in spaced comment", QByteArray("# x\0y\n{\n", 8),
         u"\"INVALID\" is not a valid start token"_s, false},
        {"help name missing", "# HELP \n"_ba, u"expected metric name after HELP, got \"INVALID\""_s,
         false},
        {"value missing", "a{b=\"c\"}\n"_ba, u"expected value after metric, got \"INVALID\""_s,
         false},
        {"value missing at end", "a{b=\"c\"}"_ba, u"expected value after metric, got \"INVALID\""_s,
         false},
        {"escaped newline raw", "a{b=\"x\\\ny\"} 1\n"_ba,
         u"expected label value, got \"INVALID\""_s, false},
        {"label value without equal", "a{b \"c\"} 1\n"_ba, u"expected equal, got \"INVALID\""_s,
         false},
        {"double comma", "a{b=\"c\",,} 1\n"_ba, u"expected label name, got \"COMMA\""_s, false},
        {"float timestamp", "a 1 1.5\n"_ba,
         u"expected next entry after timestamp, got \"INVALID\""_s, false},
        {"value then brace", "a 1{\n"_ba, u"expected timestamp or new record, got \"INVALID\""_s,
         false},
        {"labels after value", "a 1 {b=\"c\"}\n"_ba,
         u"expected timestamp or new record, got \"INVALID\""_s, false},
        {"nan inf", "a NaN\nb +Inf\nc -inf\nd infinity\n"_ba, QString(), false},
        {"signed nan", "a +NaN\n"_ba, u"strconv.ParseFloat: parsing \"+NaN\": invalid syntax"_s,
         false},
        {"hex without exponent", "a 0x10\n"_ba,
         u"strconv.ParseFloat: parsing \"0x10\": invalid syntax"_s, false},
        {"quoted invalid bytes", "a 1\xff\n"_ba,
         u"strconv.ParseFloat: parsing \"1\\xff\": invalid syntax"_s, false},
        {"duplicate names sorted", "a{z=\"1\",c=\"1\",z=\"2\",c=\"2\"} 1\n"_ba,
         u"label name \"c\" is not unique: invalid sample"_s, false},
        {"duplicate job honored", "a{job=\"x\",job=\"y\"} 1\n"_ba,
         u"label name \"job\" is not unique: invalid sample"_s, true},
        {"exported label", "  a{job=\"x\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"  a\", exported_job=\"x\", "
         "instance=\"h:1\", job=\"j\"}"_s,
         false},
        {"honored label", "  a{job=\"x\"} 1\n"_ba,
         u"invalid metric name or label names: {__name__=\"  a\", instance=\"h:1\", "
         "job=\"x\"}"_s,
         true},
        {"leading blanks after blank line", "\n \ta 1\n"_ba,
         u"invalid metric name or label names: {__name__=\" \\ta\", instance=\"h:1\", "
         "job=\"j\"}"_s,
         false},
        {"first error wins", "a{b=\"1\",b=\"2\"} 1\nbad{\n"_ba,
         u"label name \"b\" is not unique: invalid sample"_s, false},
    };
    for (const auto &[tag, body, error, honor] : own)
        QTest::newRow(tag) << body << error << honor;

    for (const Case &c : differentialCases())
        QTest::addRow("differential: %s", c.tag) << c.body << c.error << false;
}

void TestPromParseDialect::promParseErrors() {
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(bool, honorLabels);
    error = expand(error, "j", "h:1");
    const std::optional<QString> got = scraperError(body, targetOf("j", "h:1", honorLabels));
    if (error.isEmpty()) {
        QVERIFY2(!got, qPrintable(got.value_or(QString())));
    } else {
        QVERIFY2(got, "accepted, but Prometheus rejects it");
        QCOMPARE(*got, error);
    }
}

// One real Prometheus 2.42 scrapes every differential body at once (a job per body) and its
// /api/v1/targets lastError must equal the scraper's error — and our expected strings.
void TestPromParseDialect::realPrometheusAgrees() {
    if (!test::RealPeer::available(QStringLiteral("prometheus")))
        QSKIP("prometheus not installed");
    const QList<Case> cases = differentialCases();
    QList<QByteArray> bodies;
    for (const Case &c : cases)
        bodies << c.body;
    CannedServer server(bodies);
    QVERIFY(server.listen());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n";
    for (qsizetype i = 0; i < cases.size(); ++i) {
        config += "  - job_name: case" + QByteArray::number(i) + "\n    metrics_path: /b/" +
                  QByteArray::number(i) + "\n    static_configs:\n      - targets: ['127.0.0.1:" +
                  QByteArray::number(server.port()) + "']\n";
    }
    QFile file(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();

    test::RealPeer prometheus(QStringLiteral("prometheus"),
                              {QStringLiteral("--config.file=") + file.fileName(),
                               QStringLiteral("--storage.tsdb.path=") + dir.filePath("data")});
    QVERIFY2(prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
             qPrintable(prometheus.output()));

    // Wait (bounded) until every target has been scraped at least once.
    QHash<QString, QJsonObject> targets;
    const auto allScraped = [&] {
        const test::HttpReply r =
            test::httpRequest("GET", prometheus.url(QStringLiteral("/api/v1/targets")));
        if (r.status != 200)
            return false;
        targets.clear();
        const QJsonArray active =
            QJsonDocument::fromJson(r.body).object()["data"].toObject()["activeTargets"].toArray();
        for (const QJsonValue &v : active) {
            const QJsonObject t = v.toObject();
            if (t["health"].toString() == QLatin1String("unknown"))
                return false;
            targets.insert(t["scrapePool"].toString(), t);
        }
        return targets.size() == cases.size();
    };
    QTRY_VERIFY_WITH_TIMEOUT(allScraped(), 20000);

    for (qsizetype i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        const QJsonObject t = targets.value(QStringLiteral("case%1").arg(i));
        const QString lastError = t["lastError"].toString();
        const QByteArray job = "case" + QByteArray::number(i);
        const QByteArray instance = "127.0.0.1:" + QByteArray::number(server.port());
        const QString expected = expand(c.error, job, instance);
        const std::optional<QString> ours = scraperError(c.body, targetOf(job, instance));
        const QString msg = QStringLiteral("%1: Prometheus said \"%2\", we say \"%3\"")
                                .arg(QLatin1String(c.tag), lastError, ours.value_or(QString()));
        QVERIFY2(ours.value_or(QString()) == lastError, qPrintable(msg));
        QVERIFY2(lastError == expected, qPrintable(msg));
        QCOMPARE(t["health"].toString(),
                 c.error.isEmpty() ? QStringLiteral("up") : QStringLiteral("down"));
    }

    // A duplicate series in one body: the first sample wins, the rest is dropped silently.
    const test::HttpReply q =
        test::httpRequest("GET", prometheus.url(QStringLiteral("/api/v1/query?query=dup_series")));
    QCOMPARE(q.status, 200);
    const QJsonArray result =
        QJsonDocument::fromJson(q.body).object()["data"].toObject()["result"].toArray();
    QCOMPARE(result.size(), 1);
    QCOMPARE(result[0].toObject()["value"].toArray()[1].toString(), QStringLiteral("1"));
    // Both samples count as scraped, and the drop happens at commit, not in the scrape loop:
    // the "duplicate sample for timestamp" counter stays 0.
    const auto dupCase = std::find_if(
        cases.begin(), cases.end(), [](const Case &c) { return c.body.startsWith("dup_series"); });
    QVERIFY(dupCase != cases.end());
    const test::HttpReply scraped = test::httpRequest(
        "GET", prometheus.url(QStringLiteral("/api/v1/query?query=scrape_samples_scraped%7Bjob%3D"
                                             "%22case%1%22%7D")
                                  .arg(dupCase - cases.begin())));
    const QJsonArray scrapedResult =
        QJsonDocument::fromJson(scraped.body).object()["data"].toObject()["result"].toArray();
    QCOMPARE(scrapedResult.size(), 1);
    QCOMPARE(scrapedResult[0].toObject()["value"].toArray()[1].toString(), QStringLiteral("2"));
    const test::HttpReply self =
        test::httpRequest("GET", prometheus.url(QStringLiteral("/metrics")));
    QVERIFY(self.body.contains("\nprometheus_target_scrapes_sample_duplicate_timestamp_total 0\n"));
}

// The oracle gives the expected text for every row of the table above too.
void TestPromParseDialect::oracleAgrees_data() {
    promParseErrors_data();
}

void TestPromParseDialect::oracleAgrees() {
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(bool, honorLabels);
    error = expand(error, "j", "h:1");
    const std::optional<QString> oracle =
        promParseOracleError(body, targetOf("j", "h:1", honorLabels));
    QCOMPARE(oracle.value_or(QString()), error);
}

// Bodies built at random from the lexer's building blocks (a fixed seed): the scraper and the
// oracle reject exactly the same ones, with the same words.
void TestPromParseDialect::randomBodiesAgreeWithOracle() {
    // '|' separates the pieces; the NUL ones are added after.
    QList<QByteArray> pieces =
        QByteArray(
            "a|b:c|_x9| |\t|{|}|l=|m =|\"v\"|\"\\q\"|\"\\\"\"|\"\\n\"|\"\"|,|=|1|-1.5e3|+Inf|"
            "NaN|nan|0x1p3|1_0|\n|#|# HELP |# TYPE |counter|COUNTER|\\|\"|12345|-5|\xff|"
            "\xc3\xa9|__name__=|l=\"\"|\r|# EOF|\"a\nb\"|m=\"\" l=\"x\"|l=\"y\"|job=\"a\"|"
            "job=\"\"|instance=")
            .split('|');
    pieces << QByteArray("\0", 1) << QByteArray("\"\0\"", 3) << QByteArray("\n\0", 2);

    constexpr int Rounds = 100000;
    std::mt19937 rng(20230201);
    std::uniform_int_distribution<int> pick(0, int(pieces.size()) - 1);
    std::uniform_int_distribution<int> length(1, 12);
    int accepted = 0;
    for (int round = 0; round < Rounds; ++round) {
        QByteArray body;
        for (int n = length(rng); n > 0; --n)
            body += pieces[pick(rng)];
        const std::optional<QString> oracle = promParseOracleError(body, targetOf("j", "h:1"));
        const std::optional<QString> ours = scraperError(body, targetOf("j", "h:1"));
        if (oracle != ours) {
            QFAIL(qPrintable(QStringLiteral("body %1: oracle %2, scraper %3")
                                 .arg(detail::goQuote(body),
                                      oracle.value_or(QStringLiteral("accepts")),
                                      ours.value_or(QStringLiteral("accepts")))));
        }
        accepted += oracle ? 0 : 1;
    }
    // The pieces must give both outcomes often enough for the comparison to mean something.
    QVERIFY2(accepted > Rounds / 50 && accepted < Rounds - Rounds / 20,
             qPrintable(QString::number(accepted)));
}

QTEST_GUILESS_MAIN(TestPromParseDialect)
#include "tst_promparsedialect.moc"
