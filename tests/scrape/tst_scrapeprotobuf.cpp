// Scrapes answered in the protobuf format (Content-Type application/vnd.google.protobuf):
// Prometheus 2.42's textparse.New reads them with its protobuf parser whatever the Accept
// header asked for. Unit tests of the lab's ProtobufParser, then a differential test: the
// real Prometheus 2.42 and the lab (the same prometheus.yml) scrape one loopback target per
// body below and must agree on health, lastError, scrape_samples_scraped and the exact set
// of stored series with their values.
#include "bodyscrapes.h"
#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include "exposition/protobufparser.h"
#include "metrics.pb.h"

#include <QDateTime>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

using namespace ppl;
using ppl::test::BodyScrapes;
using ppl::test::instantQuery;
using ppl::test::labTargetFormat;
using ppl::test::loopback;
using ppl::test::RealPeer;
using ppl::test::ScrapeCase;
using ppl::test::targetStates;
using ppl::test::TestTarget;
using ppl::test::TwoScrapers;
using ppl::test::view;

namespace pb = io::prometheus::client;

namespace {

const QByteArray kDelimited =
    "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
    "encoding=delimited";

QByteArray varint(quint64 v) {
    QByteArray out;
    do {
        char b = char(v & 0x7f);
        v >>= 7;
        if (v)
            b = char(b | 0x80);
        out.append(b);
    } while (v);
    return out;
}

QByteArray delimited(const pb::MetricFamily &mf) {
    const std::string bytes = mf.SerializeAsString();
    return varint(bytes.size()) + QByteArray::fromStdString(bytes);
}

pb::MetricFamily family(const char *name, pb::MetricType type, const char *help = "") {
    pb::MetricFamily mf;
    mf.set_name(name);
    mf.set_help(help);
    mf.set_type(type);
    return mf;
}

void label(pb::Metric *m, const std::string &name, const std::string &value) {
    pb::LabelPair *lp = m->add_label();
    lp->set_name(name);
    lp->set_value(value);
}

pb::MetricFamily counter(const char *name, double value, qint64 timestampMs = 0) {
    pb::MetricFamily mf = family(name, pb::COUNTER, "A counter.");
    pb::Metric *m = mf.add_metric();
    label(m, "path", "/a\"b\\c\nd");
    m->mutable_counter()->set_value(value);
    if (timestampMs)
        m->set_timestamp_ms(timestampMs);
    return mf;
}

pb::MetricFamily histogram(const char *name, pb::MetricType type,
                           const std::vector<double> &bounds) {
    pb::MetricFamily mf = family(name, type);
    pb::Metric *m = mf.add_metric();
    label(m, "code", "200");
    pb::Histogram *h = m->mutable_histogram();
    quint64 n = 0;
    for (double b : bounds) {
        pb::Bucket *bucket = h->add_bucket();
        bucket->set_upper_bound(b);
        bucket->set_cumulative_count(n += 2);
    }
    h->set_sample_count(n + 1);
    h->set_sample_sum(12.5);
    return mf;
}

QList<ScrapeCase> bodies(qint64 nowMs) {
    QList<ScrapeCase> out;
    out.append({"counter with escapes", delimited(counter("requests_total", 7))});
    out.append({"own timestamp", delimited(counter("stamped_total", 3, nowMs - 500))});
    {
        pb::MetricFamily g = family("temperature", pb::GAUGE);
        g.add_metric()->mutable_gauge()->set_value(-1.5);
        pb::MetricFamily u = family("plain", pb::UNTYPED);
        u.add_metric()->mutable_untyped()->set_value(std::numeric_limits<double>::infinity());
        pb::Metric *nan = u.add_metric();
        label(nan, "kind", "nan");
        nan->mutable_untyped()->set_value(std::nan(""));
        out.append({"gauge and untyped", delimited(g) + delimited(u)});
    }
    {
        pb::MetricFamily s = family("latency", pb::SUMMARY);
        pb::Summary *sum = s.add_metric()->mutable_summary();
        sum->set_sample_count(10);
        sum->set_sample_sum(3.25);
        for (double q : {0.5, 0.99, 1.0}) {
            pb::Quantile *quantile = sum->add_quantile();
            quantile->set_quantile(q);
            quantile->set_value(q * 2);
        }
        pb::MetricFamily bare = family("bare", pb::SUMMARY);
        bare.add_metric()->mutable_summary()->set_sample_count(4);
        out.append({"summaries", delimited(s) + delimited(bare)});
    }
    out.append({"histogram without +Inf",
                delimited(histogram("duration_seconds", pb::HISTOGRAM, {0.1, 1, 10, 1e6}))});
    out.append({"histogram with +Inf",
                delimited(histogram("size_bytes", pb::HISTOGRAM,
                                    {100, std::numeric_limits<double>::infinity()}))});
    out.append({"gauge histogram", delimited(histogram("queue", pb::GAUGE_HISTOGRAM, {1, 5}))});
    {
        pb::MetricFamily empty = family("nothing", pb::GAUGE);
        pb::MetricFamily c = counter("after_empty_total", 1);
        pb::Exemplar *e = c.mutable_metric(0)->mutable_counter()->mutable_exemplar();
        pb::LabelPair *trace = e->add_label();
        trace->set_name("trace_id");
        trace->set_value("abc");
        e->set_value(1);
        out.append({"empty family and an exemplar", delimited(empty) + delimited(c)});
    }
    {
        pb::MetricFamily c = counter("dup_total", 1);
        label(c.mutable_metric(0), "path", "/other");
        out.append({"repeated label", delimited(c)});
    }
    {
        pb::MetricFamily c = counter("job_total", 1);
        label(c.mutable_metric(0), "job", "exported");
        label(c.mutable_metric(0), "instance", "elsewhere");
        out.append({"exported target labels", delimited(c)});
    }
    out.append(
        {"invalid metric name", delimited(counter("ok_total", 1)) + delimited(counter("1bad", 1))});
    {
        pb::MetricFamily c = counter("labels_total", 1);
        label(c.mutable_metric(0), "bad-name", "x");
        out.append({"invalid label name", delimited(c)});
    }
    {
        pb::MetricFamily c = counter("values_total", 1);
        label(c.mutable_metric(0), "v", "\xff");
        out.append({"invalid label value", delimited(c)});
    }
    out.append({"invalid help", delimited(family("h", pb::GAUGE, "\xc3")) + delimited([] {
                                    pb::MetricFamily g = family("h2", pb::GAUGE, "\xc3");
                                    g.add_metric()->mutable_gauge()->set_value(1);
                                    return g;
                                }())});
    {
        pb::MetricFamily n = histogram("native", pb::HISTOGRAM, {1});
        n.mutable_metric(0)->mutable_histogram()->set_schema(3);
        n.mutable_metric(0)->mutable_histogram()->set_zero_threshold(1e-9);
        out.append({"native histogram", delimited(counter("before_total", 1)) + delimited(n)});
    }
    {
        // Field 3 (type) with a value the enum does not know, then a metric.
        QByteArray msg = QByteArray("\x0a\x03") + "odd" + "\x18\x07";
        pb::Metric m;
        m.mutable_gauge()->set_value(1);
        const std::string metric = m.SerializeAsString();
        msg += '\x22' + varint(metric.size()) + QByteArray::fromStdString(metric);
        out.append({"unknown type", varint(quint64(msg.size())) + msg});
    }
    out.append({"cut message", delimited(counter("whole_total", 1)) + varint(50) +
                                   "\x0a\x05"
                                   "ab"});
    out.append({"cut inside a field", varint(4) + "\x0a\x05"
                                                  "ab"});
    out.append({"invalid varint", QByteArray(6, '\x80') + "\x01"});
    out.append({"empty body", QByteArray()});
    // The Content-Type decides, as in textparse.New.
    out.append({"protobuf type without parameters", delimited(counter("noparams_total", 2)),
                "application/vnd.google.protobuf"});
    out.append({"protobuf type, upper case", delimited(counter("upper_total", 2)),
                "Application/Vnd.Google.Protobuf; encoding=delimited"});
    return out;
}

} // namespace

class TestScrapeProtobuf : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void contentTypes() {
        QVERIFY(isProtobufContentType(kDelimited));
        QVERIFY(isProtobufContentType("application/vnd.google.protobuf"));
        QVERIFY(isProtobufContentType("APPLICATION/vnd.google.protobuf;proto=x"));
        QVERIFY(!isProtobufContentType("application/vnd.google.protobuf; proto")); // mime error
        QVERIFY(!isProtobufContentType("text/plain; version=0.0.4"));
        QVERIFY(!isProtobufContentType(""));
    }

    void seriesInPrometheusOrder() {
        const QByteArray body = delimited(histogram("h", pb::HISTOGRAM, {0.5, 10})) +
                                delimited(counter("c_total", 2, 1234));
        ProtobufParser parser(body);
        QStringList seen;
        for (;;) {
            const auto e = parser.next();
            if (e == ProtobufParser::Entry::End)
                break;
            QVERIFY2(e != ProtobufParser::Entry::Error, qPrintable(parser.error().message));
            if (e != ProtobufParser::Entry::Sample)
                continue;
            QStringList labels;
            for (int i = 0; i < parser.labelCount(); ++i)
                labels << QString::fromUtf8(parser.labelName(i).toByteArray() + '=' +
                                            parser.labelValue(i).toByteArray());
            seen << QStringLiteral("%1{%2} %3 %4")
                        .arg(QString::fromUtf8(parser.name().toByteArray()),
                             labels.join(QLatin1Char(',')))
                        .arg(parser.value())
                        .arg(parser.timestampMs() ? QString::number(*parser.timestampMs())
                                                  : QStringLiteral("-"));
        }
        const QStringList expected{QStringLiteral("h_count{code=200} 5 -"),
                                   QStringLiteral("h_sum{code=200} 12.5 -"),
                                   QStringLiteral("h_bucket{code=200,le=0.5} 2 -"),
                                   QStringLiteral("h_bucket{code=200,le=10.0} 4 -"),
                                   QStringLiteral("h_bucket{code=200,le=+Inf} 5 -"),
                                   QStringLiteral("c_total{path=/a\"b\\c\nd} 2 1234")};
        QCOMPARE(seen, expected);
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad varint")
            << QByteArray(6, '\x80') << QStringLiteral("protobufparse: invalid varint encountered");
        QTest::newRow("short") << (varint(50) + "\x0a\x05"
                                                "ab")
                               << QStringLiteral("protobufparse: insufficient length of buffer, "
                                                 "expected at least 51 bytes, got 5 bytes");
        QTest::newRow("cut field") << (varint(4) + "\x0a\x05"
                                                   "ab")
                                   << QStringLiteral("unexpected EOF");
        QTest::newRow("metric name")
            << delimited(counter("a b", 1)) << QStringLiteral("invalid metric name: a b");
        pb::MetricFamily l = counter("x_total", 1);
        label(l.mutable_metric(0), "__name__", "y");
        QTest::newRow("name label")
            << delimited(l)
            << QStringLiteral("label name \"__name__\" is not unique: invalid sample");
        pb::MetricFamily n = histogram("n", pb::HISTOGRAM, {});
        n.mutable_metric(0)->mutable_histogram()->add_positive_delta(1);
        QTest::newRow("native") << delimited(n) << QStringLiteral("native histograms are disabled");
    }

    void errors() {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        ProtobufParser parser(body);
        ProtobufParser::Entry e;
        while ((e = parser.next()) != ProtobufParser::Entry::End &&
               e != ProtobufParser::Entry::Error) {
        }
        QCOMPARE(e, ProtobufParser::Entry::Error);
        QCOMPARE(parser.error().message, error);
        // Nothing after an error.
        QCOMPARE(parser.next(), ProtobufParser::Entry::Error);
    }

    // The lab reads every body as the real Prometheus 2.42 does.
    void bodiesAsPrometheus() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        QList<ScrapeCase> cases = bodies(QDateTime::currentMSecsSinceEpoch());
        for (ScrapeCase &c : cases) {
            if (c.contentType.isNull()) // not given
                c.contentType = kDelimited;
        }
        BodyScrapes scrapes;
        QString error;
        QVERIFY2(scrapes.start(cases, &error), qPrintable(error));
        const QStringList differences = scrapes.differences();
        for (const QString &d : differences)
            qWarning().noquote() << d;
        QVERIFY2(differences.isEmpty(), qPrintable(QStringLiteral("%1 of %2 bodies differ (above)")
                                                       .arg(differences.size())
                                                       .arg(cases.size())));
        TwoScrapers &both = scrapes.both();
        const auto jobOf = [&scrapes](const char *tag) { return scrapes.jobOf(tag); };
        // Spot checks that the comparison covers what it claims.
        const auto states = targetStates(both.labPort());
        QCOMPARE(states.value(jobOf("summaries")).first, QStringLiteral("up"));
        QCOMPARE(states.value(jobOf("native histogram")).second,
                 QStringLiteral("native histograms are disabled"));
        QVERIFY(view(both.labPort(), jobOf("histogram without +Inf"))
                    .contains(QLatin1String("le=+Inf")));
        QCOMPARE(labTargetFormat(both.labPort(), jobOf("counter with escapes")),
                 QStringLiteral("PrometheusProto"));
        both.lab().stop();
    }
};

QTEST_GUILESS_MAIN(TestScrapeProtobuf)
#include "tst_scrapeprotobuf.moc"
