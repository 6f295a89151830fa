// Differential test of OpenMetrics scrapes: the real Prometheus 2.42 and the lab's scraper
// (the same prometheus.yml) scrape (1) a small web app on the official Python client
// (python3-prometheus-client: counter, gauge, histogram, summary, info, enum, labels with
// escapes, an exemplar), which answers OpenMetrics because both ask for it, and (2) one
// loopback target per OpenMetrics body below (valid bodies of every type, each kind of
// malformation, content-type fallbacks). Per target they must agree on health, lastError,
// scrape_samples_scraped and the exact set of stored series with their values; the
// `_created` series of the Python app are compared by label set only (start times).
#include "bodyscrapes.h"
#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include "api/headlessserver.h"
#include "sim/simulatedtarget.h"
#include "util/clock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>
#include <vector>

using namespace ppl;
using ppl::test::BodyScrapes;
using ppl::test::httpRequest;
using ppl::test::instantQuery;
using ppl::test::labTargetFormat;
using ppl::test::loopback;
using ppl::test::RealPeer;
using ppl::test::ScrapeCase;
using ppl::test::targetStates;
using ppl::test::TestTarget;
using ppl::test::TwoScrapers;
using ppl::test::view;

namespace {

const QByteArray kOpenMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";

QList<ScrapeCase> bodies() {
    using namespace Qt::StringLiterals;
    const QByteArray nul(1, '\0');
    return {
        // Valid bodies, one per type and feature.
        {"counter", "# TYPE c counter\n# HELP c Requests.\nc_total{a=\"b\"} 3\nc_created{a=\"b\"} "
                    "1.5e9\n# EOF\n"_ba},
        {"gauge with unit", "# TYPE g_seconds gauge\n# UNIT g_seconds seconds\ng_seconds 1.5\n"
                            "# EOF\n"_ba},
        {"histogram", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                      "h_count 2\nh_sum 3.5\nh_created 1.5e9\n# EOF\n"_ba},
        {"gaugehistogram", "# TYPE gh gaugehistogram\ngh_bucket{le=\"+Inf\"} 2\ngh_gcount 2\n"
                           "gh_gsum 7\n# EOF\n"_ba},
        {"summary", "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_count 2\ns_sum 4\n# EOF\n"_ba},
        {"info", "# TYPE i info\ni_info{version=\"1.0\"} 1\n# EOF\n"_ba},
        {"stateset", "# TYPE st stateset\nst{st=\"a\"} 1\nst{st=\"b\"} 0\n# EOF\n"_ba},
        {"unknown", "# TYPE u unknown\nu 7\n# EOF\n"_ba},
        {"exemplars", "# TYPE e counter\ne_total 1 # {trace_id=\"x\"} 1 $NOW\n"
                      "# TYPE hb histogram\nhb_bucket{le=\"+Inf\"} 1 # {a=\"b\"} 0.5\n# EOF\n"_ba},
        {"escapes", "a{b=\"q\\\"\\\\\\n\\x\",c=\"\xc3\xa9\"} 1\n# HELP a x\\ny\n# EOF\n"_ba},
        {"own timestamps", "a 1 $NOW\nb 2 $NOW.5\nc 3\n# EOF\n"_ba},
        {"special values", "a +Inf\nb -Inf\nc NaN\nd 1e-3\ne .5\n# EOF\n"_ba},
        {"no final newline", "a 1\n# EOF"_ba},
        {"nul in a label value", "a{b=\"x" + nul + "y\"} 1\n# EOF\n"},
        {"exported labels", "a{job=\"x\",instance=\"y\"} 1\n# EOF\n"_ba},
        {"repeated target label", "a{job=\"x\",job=\"y\"} 1\n# EOF\n"_ba},
        {"empty duplicate", "a{b=\"\",b=\"x\"} 1\n# EOF\n"_ba},
        {"suffixes not checked", "# TYPE c counter\nc 1\nc_bucket 2\n# TYPE x info\nx 3\n"
                                 "# EOF\n"_ba},
        // Malformed: the scrape fails with 2.42's words.
        {"no eof", "a 1\n"_ba},
        {"empty body", ""_ba},
        {"data after eof", "a 1\n# EOF\nb 2\n"_ba},
        {"blank line", "a 1\n\n# EOF\n"_ba},
        {"comment", "# just a comment\na 1\n# EOF\n"_ba},
        {"untyped", "# TYPE a untyped\na 1\n# EOF\n"_ba},
        {"bad unit", "# UNIT a seconds\na 1\n# EOF\n"_ba},
        {"trailing comma", "a{b=\"c\",} 1\n# EOF\n"_ba},
        {"blank in labels", "a{b=\"c\", d=\"e\"} 1\n# EOF\n"_ba},
        {"tab separator", "a\t1\n# EOF\n"_ba},
        {"two spaces", "a  1\n# EOF\n"_ba},
        {"bad value", "a 1x\n# EOF\n"_ba},
        {"underscore value", "a 1_0\n# EOF\n"_ba},
        {"bad timestamp", "a 1 NaN\n# EOF\n"_ba},
        {"exemplar on gauge", "a 1 # {b=\"c\"} 1\n# EOF\n"_ba},
        {"bad exemplar timestamp", "a_total 1 # {b=\"c\"} 1 Inf\n# EOF\n"_ba},
        {"repeated label", "ok 1\na{b=\"1\",b=\"2\"} 1\n# EOF\n"_ba},
        {"name label", "a{__name__=\"b\"} 1\n# EOF\n"_ba},
        {"bad utf-8", "a{b=\"\xff\"} 1\n# EOF\n"_ba},
        {"crlf", "a 1\r\n# EOF\r\n"_ba},
        // The Content-Type decides, as in textparse.New.
        {"classic body, classic type", "a 1\n"_ba, "text/plain; version=0.0.4"},
        {"openmetrics body, no type", "a 1\n# EOF\n"_ba, ""},
        {"openmetrics body, bad parameters", "a 1\n# EOF\n"_ba,
         "application/openmetrics-text; version"},
        {"openmetrics body, upper case type", "# TYPE a info\na_info 1\n# EOF\n"_ba,
         "Application/OpenMetrics-Text"},
    };
}

} // namespace

class TestScrapeOpenMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The first exercise: an app on the official Python client is up in the lab
    // with the same series and values as in the real Prometheus.
    void pythonClientApp() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("python3 is not installed");
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral("/usr/bin/python3"),
                  {qEnvironmentVariable("PPL_SOURCE_DIR") +
                   QStringLiteral("/tests/scrape/pyclientapp.py")});
        QVERIFY(app.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(app.canReadLine(), 15000);
        const QList<QByteArray> words = app.readLine().trimmed().split(' ');
        QCOMPARE(words.size(), 2);
        const QByteArray port = words[1];
        if (app.state() == QProcess::NotRunning || port.toInt() == 0)
            QSKIP("the Python client is not installed");

        TwoScrapers both;
        QString error;
        QVERIFY2(both.start("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                            "scrape_configs:\n  - job_name: pyapp\n    static_configs:\n"
                            "      - targets: ['127.0.0.1:" +
                                port + "']\n",
                            &error),
                 qPrintable(error));
        const QString job = QStringLiteral("pyapp");
        for (const quint16 p : {both.labPort(), both.prometheusPort()}) {
            QTRY_COMPARE_WITH_TIMEOUT(
                instantQuery(loopback(p), QStringLiteral("up{job=\"pyapp\"}"))
                    .value(QStringLiteral("__name__=up,instance=127.0.0.1:%1,job=pyapp")
                               .arg(QString::fromLatin1(port))),
                QStringLiteral("1"), 15000);
        }
        QString ours;
        QString theirs;
        const bool same = QTest::qWaitFor(
            [&] {
                ours = view(both.labPort(), job, true);
                theirs = view(both.prometheusPort(), job, true);
                return ours == theirs;
            },
            10000);
        QVERIFY2(same, qPrintable(QStringLiteral("lab:\n%1\nprometheus:\n%2").arg(ours, theirs)));
        // The comparison covers every type the issue lists.
        for (const char *series :
             {"__name__=app_build_info,commit=a\"b\\c,", "__name__=app_state,app_state=running,",
              "__name__=app_requests_total,code=500,", "path=two\nlines",
              "__name__=app_request_duration_seconds_bucket,", "app_response_size_bytes_sum",
              "__name__=app_requests_created,", "queue=ünïcödé", "__name__=python_info,"}) {
            QVERIFY2(ours.contains(QString::fromUtf8(series)), series);
        }
        QVERIFY(ours.contains(QLatin1String("health=up lastError=\n")));
        QCOMPARE(labTargetFormat(both.labPort(), job), QStringLiteral("OpenMetricsText0.0.1"));
        both.lab().stop();
        app.kill();
        app.waitForFinished(5000);
    }

    // The lab's simulated targets in OpenMetrics mode (a frozen lab clock keeps their values
    // still): the real Prometheus reads the same series and values from them as the lab.
    void simulatedTargets() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        ManualClock clock;
        std::vector<std::unique_ptr<SimulatedTarget>> sims;
        QByteArray config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                            "scrape_configs:\n";
        const struct {
            const char *name;
            MetricProfile profile;
            TargetFormat format;
        } specs[] = {{"svc", MetricProfile::service(), TargetFormat::OpenMetrics},
                     {"node", MetricProfile::node(), TargetFormat::OpenMetrics},
                     {"plain", MetricProfile::service(), TargetFormat::Text}};
        for (const auto &spec : specs) {
            TargetOptions o;
            o.name = spec.name;
            o.profile = spec.profile;
            o.format = spec.format;
            auto &t = sims.emplace_back(std::make_unique<SimulatedTarget>(o, &clock));
            QString error;
            QVERIFY2(t->start(&error), qPrintable(error));
            clock.advance(30'000); // counters have counted something, then stand still
            config += QByteArray("  - job_name: ") + spec.name +
                      "\n    static_configs:\n      - targets: ['" + t->address() + "']\n";
        }
        TwoScrapers both;
        QString error;
        QVERIFY2(both.start(config, &error), qPrintable(error));
        for (const quint16 port : {both.labPort(), both.prometheusPort()}) {
            QTRY_COMPARE_WITH_TIMEOUT(instantQuery(loopback(port), QStringLiteral("up")).size(), 3,
                                      15000);
        }
        for (const auto &spec : specs) {
            const QString job = QString::fromLatin1(spec.name);
            QString ours;
            QString theirs;
            const bool same = QTest::qWaitFor(
                [&] {
                    ours = view(both.labPort(), job);
                    theirs = view(both.prometheusPort(), job);
                    return ours == theirs;
                },
                10000);
            QVERIFY2(
                same,
                qPrintable(QStringLiteral("%1\nlab:\n%2\nprometheus:\n%3").arg(job, ours, theirs)));
            QVERIFY2(ours.startsWith(QLatin1String("health=up")), qPrintable(ours));
        }
        QCOMPARE(labTargetFormat(both.labPort(), QStringLiteral("svc")),
                 QStringLiteral("OpenMetricsText1.0.0"));
        QCOMPARE(labTargetFormat(both.labPort(), QStringLiteral("plain")),
                 QStringLiteral("PrometheusText0.0.4"));
        // In OpenMetrics a counter family is named without _total; its samples keep it.
        QVERIFY(view(both.labPort(), QStringLiteral("svc"))
                    .contains(QLatin1String("__name__=http_requests_total,")));
        both.lab().stop();
    }

    void bodiesAsPrometheus() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        QList<ScrapeCase> cases = bodies();
        const QByteArray now = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        for (ScrapeCase &c : cases) {
            c.body.replace("$NOW", now);
            if (c.contentType.isNull()) // not given; "" is: no Content-Type at all
                c.contentType = kOpenMetrics;
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
        QCOMPARE(states.value(jobOf("info")).first, QStringLiteral("up"));
        QCOMPARE(states.value(jobOf("no eof")).second,
                 QStringLiteral("data does not end with # EOF"));
        QCOMPARE(labTargetFormat(both.labPort(), jobOf("info")),
                 QStringLiteral("OpenMetricsText1.0.0"));
        QCOMPARE(labTargetFormat(both.labPort(), jobOf("openmetrics body, no type")),
                 QStringLiteral("PrometheusText0.0.4"));
        both.lab().stop();
    }
};

QTEST_GUILESS_MAIN(TestScrapeOpenMetrics)
#include "tst_scrapeopenmetrics.moc"
