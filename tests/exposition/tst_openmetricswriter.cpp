// Round trip of the simulated targets' OpenMetrics writer through OpenMetricsParser (2.42's
// rules): every sample comes back with its name, labels, value and timestamp, each family with
// its type and help, and the body ends with # EOF.
#include "exposition/openmetricsparser.h"
#include "exposition/openmetricswriter.h"
#include "exposition/textwriter.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace ppl;

namespace {

std::vector<MetricFamily> sampleFamilies() {
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<MetricFamily> out;
    MetricFamily counter{
        "http_requests_total", MetricType::Counter, "Requests, \"quoted\"\nand \\", true, {}};
    counter.samples.push_back(
        {"http_requests_total", {{"method", "GET"}, {"path", "/a\"b\\c\nd"}}, 17, std::nullopt});
    counter.samples.push_back(
        {"http_requests_total", {{"method", "POST"}, {"path", "/"}}, 0.5, 1700000000123});
    out.push_back(counter);
    MetricFamily bare{"jobs", MetricType::Counter, {}, false, {}};
    bare.samples.push_back({"jobs", {}, 3, std::nullopt}); // written as jobs_total
    out.push_back(bare);
    MetricFamily gauge{"temperature_celsius", MetricType::Gauge, "Temperature.", true, {}};
    gauge.samples.push_back({"temperature_celsius", {{"room", "grüße ✓"}}, -1.25e-7, -1500});
    gauge.samples.push_back({"temperature_celsius", {{"room", "x"}}, inf, 1000});
    gauge.samples.push_back({"temperature_celsius", {{"room", "y"}}, -inf, std::nullopt});
    gauge.samples.push_back({"temperature_celsius", {{"room", "z"}}, std::nan(""), std::nullopt});
    out.push_back(gauge);
    MetricFamily histogram{"latency_seconds", MetricType::Histogram, "Latency.", true, {}};
    histogram.samples.push_back({"latency_seconds_bucket", {{"le", "0.1"}}, 1, std::nullopt});
    histogram.samples.push_back({"latency_seconds_bucket", {{"le", "+Inf"}}, 4, std::nullopt});
    histogram.samples.push_back({"latency_seconds_sum", {}, 3.95, std::nullopt});
    histogram.samples.push_back({"latency_seconds_count", {}, 4, std::nullopt});
    out.push_back(histogram);
    MetricFamily summary{"size_bytes", MetricType::Summary, {}, false, {}};
    summary.samples.push_back({"size_bytes", {{"quantile", "0.5"}}, 512, std::nullopt});
    summary.samples.push_back({"size_bytes_sum", {}, 2560, std::nullopt});
    summary.samples.push_back({"size_bytes_count", {}, 2, std::nullopt});
    out.push_back(summary);
    MetricFamily untyped{"mystery", MetricType::Untyped, "Unknown.", true, {}};
    untyped.samples.push_back({"mystery", {}, 42, std::nullopt});
    out.push_back(untyped);
    MetricFamily empty{"nothing", MetricType::Gauge, "Never written.", true, {}};
    out.push_back(empty);
    return out;
}

} // namespace

class TestOpenMetricsWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip() {
        const std::vector<MetricFamily> families = sampleFamilies();
        const QByteArray body = writeOpenMetrics(families);
        QVERIFY(body.endsWith("\n# EOF\n"));

        OpenMetricsParser p(body);
        std::vector<MetricSample> samples;
        QStringList meta;
        for (;;) {
            const OpenMetricsParser::Entry e = p.next();
            if (e == OpenMetricsParser::Entry::End)
                break;
            QVERIFY2(e != OpenMetricsParser::Entry::Error,
                     qPrintable(QStringLiteral("line %1: %2\n%3")
                                    .arg(p.lineNumber())
                                    .arg(p.error().message, QString::fromUtf8(body))));
            if (e == OpenMetricsParser::Entry::Sample) {
                MetricSample s;
                s.name = p.name().toByteArray();
                for (int i = 0; i < p.labelCount(); ++i)
                    s.labels.push_back(
                        {p.labelName(i).toByteArray(), p.labelValue(i).toByteArray()});
                s.value = p.value();
                s.timestampMs = p.timestampMs();
                samples.push_back(s);
            } else if (e == OpenMetricsParser::Entry::Type) {
                meta << QStringLiteral("type %1 %2")
                            .arg(QString::fromUtf8(p.name()),
                                 QString::fromLatin1(openMetricsTypeName(p.type())));
            } else if (e == OpenMetricsParser::Entry::Help) {
                meta << QStringLiteral("help %1 %2")
                            .arg(QString::fromUtf8(p.name()), QString::fromUtf8(p.help()));
            }
        }

        std::vector<MetricSample> expected;
        QStringList expectedMeta;
        for (const MetricFamily &f : families) {
            if (f.samples.empty())
                continue;
            QByteArray name = f.name;
            if (f.type == MetricType::Counter && name.endsWith("_total"))
                name.chop(6);
            if (f.hasHelp)
                expectedMeta << QStringLiteral("help %1 %2")
                                    .arg(QString::fromUtf8(name), QString::fromUtf8(f.help));
            expectedMeta << QStringLiteral("type %1 %2")
                                .arg(QString::fromUtf8(name),
                                     f.type == MetricType::Untyped
                                         ? QStringLiteral("unknown")
                                         : QString::fromLatin1(metricTypeName(f.type)));
            for (MetricSample s : f.samples) {
                if (f.type == MetricType::Counter && !s.name.endsWith("_total"))
                    s.name += "_total";
                expected.push_back(s);
            }
        }
        QCOMPARE(meta, expectedMeta);
        QCOMPARE(samples.size(), expected.size());
        for (size_t i = 0; i < samples.size(); ++i) {
            if (!(samples[i] == expected[i]))
                QFAIL(qPrintable(QStringLiteral("sample %1: %2 %3 vs %4 %5")
                                     .arg(i)
                                     .arg(QString::fromUtf8(samples[i].name))
                                     .arg(samples[i].value)
                                     .arg(QString::fromUtf8(expected[i].name))
                                     .arg(expected[i].value)));
        }
    }

    void timestamps_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("whole seconds") << Q_INT64_C(1700000000000) << QByteArray(" 1700000000\n");
        QTest::newRow("milliseconds")
            << Q_INT64_C(1700000000123) << QByteArray(" 1700000000.123\n");
        QTest::newRow("tenths") << Q_INT64_C(1500) << QByteArray(" 1.5\n");
        QTest::newRow("negative") << Q_INT64_C(-1500) << QByteArray(" -1.5\n");
        QTest::newRow("small") << Q_INT64_C(7) << QByteArray(" 0.007\n");
    }
    void timestamps() {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, written);
        MetricFamily f{"a", MetricType::Gauge, {}, false, {}};
        f.samples.push_back({"a", {}, 1, ms});
        const QByteArray body = writeOpenMetrics({f});
        QVERIFY2(body.contains("a 1" + written), body.constData());
        OpenMetricsParser p(body);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Type);
        QCOMPARE(p.next(), OpenMetricsParser::Entry::Sample);
        QCOMPARE(p.timestampMs(), std::optional<qint64>(ms));
    }

    void negotiation_data() {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("openMetrics");
        QTest::newRow("prometheus 2.42")
            << QByteArray("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                          "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
            << true;
        QTest::newRow("curl") << QByteArray("*/*") << false;
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("text only") << QByteArray("text/plain;version=0.0.4") << false;
    }
    void negotiation() {
        QFETCH(QByteArray, accept);
        QFETCH(bool, openMetrics);
        QCOMPARE(acceptsOpenMetrics(accept), openMetrics);
    }
};

QTEST_GUILESS_MAIN(TestOpenMetricsWriter)
#include "tst_openmetricswriter.moc"
