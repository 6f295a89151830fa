// Differential test of edge-case exposition bodies: each body is served by its own loopback
// target, and the real Prometheus 2.42 and the lab's scraper (one job per body, the same
// prometheus.yml) must agree per body on up, scrape_samples_scraped, lastError and the exact
// set of series (label sets, unescaped values) with their values. Most bodies are ones that
// promparse reads differently from Go's expfmt (the Pushgateway's parser).
#include "realpeer.h"
#include "testtarget.h"
#include "twoscrapers.h"

#include "api/headlessserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>
#include <vector>

using namespace ppl;
using ppl::test::httpRequest;
using ppl::test::instantQuery;
using ppl::test::loopback;
using ppl::test::RealPeer;
using ppl::test::TestTarget;
using ppl::test::TwoScrapers;

namespace {

struct Body {
    const char *tag;
    QByteArray body; // "$NOW" becomes the current time in ms
    bool honorLabels = false;
    bool falseGzip = false; // Content-Encoding: gzip on a plain body
};

QList<Body> bodies() {
    using namespace Qt::StringLiterals;
    return {
        // Accepted by promparse, rejected by Go's expfmt.
        {"unknown escape kept", "a{b=\"x\\qy\"} 1\n"_ba},
        {"no commas", "a{b=\"x\" c=\"y\"d=\"z\"} 1\n"_ba},
        {"raw newline in value", "a{b=\"line1\nline2\"} 1\nc 2\n"_ba},
        {"escapes in help", "# HELP a say \\\"hi\\\" \\q \\\\ \\n\na 1\n"_ba},
        {"type after samples, repeated meta",
         "a 1\n# TYPE a counter\n# TYPE a gauge\n# HELP a x\n# HELP a y\nb 2\n"_ba},
        {"nul ends input", QByteArray("a 1\n\0garbage{\n", 14)},
        {"nuls after a value", QByteArray("a{b=\"x\"\0\0} 1\nc{d=\"e\0f\"} 2\n", 26)},
        {"empty duplicate", "a{b=\"\",b=\"x\",c=\"k\"} 1\n"_ba},
        {"bare help", "# HELP a\n# HELP b \na 1\n"_ba},
        {"comments", "#comment\n# EOF\na 1\n# UNIT a seconds\n#\n# \n# HEL\n# HELPx y\nb 2\n"_ba},
        {"help name then junk", "# HELP a-b c\n# TYPE x:y counter\na 1\n"_ba},
        // Accepted by both; the parse must give the same samples.
        {"values",
         "v1 +Inf\nv2 -Inf\nv3 NaN\nv4 inf\nv5 Infinity\nv6 nan\nv7 1e3\nv8 .5\nv9 -1\nv10 007\n"
         "v11 5.\nv12 -1.5E-3\nv13 1e-400\n"_ba},
        {"colons in names", "a:b:c 1\n:x 2\n_y_ 3\n"_ba},
        {"blanks", "a\t{b=\"c\"}\t1\t\nd {e=\"f\"} 2\ng{ h = \"i\" , } 3   \nj{}4\n"_ba},
        {"blank lines", "\n \n\t\na 1\n\n"_ba},
        {"no final newline", "a 1"_ba},
        {"empty and reserved-looking labels", "a{b=\"\"} 1\nc{__meta_x=\"y\",_z=\"w\"} 2\n"_ba},
        {"escapes and utf-8", "a{b=\"q\\\"\\\\\\n\",c=\"\xc3\xa9 \xe2\x9c\x93\"} 1\n"_ba},
        {"duplicate series", "dup 1\ndup 2\nother 3\n"_ba},
        {"own timestamp", "a 1 $NOW\nb 2\n"_ba},
        {"exported labels", "a{job=\"x\",instance=\"y\",exported_job=\"z\"} 1\n"_ba},
        {"repeated target labels",
         "a{job=\"x\",job=\"y\"} 1\nb{instance=\"\",instance=\"i\",job=\"\",job=\"k\"} 2\n"_ba},
        {"honor labels", "a{job=\"mine\",instance=\"\"} 1\nb 2\n"_ba, true},
        {"empty body", ""_ba},
        {"histogram without le", "# TYPE h histogram\nh_bucket 1\nh_bucket{le=\"x\"} 2\n"_ba},
        // Rejected by promparse (most accepted by Go's expfmt): the scrape fails.
        {"negative timestamp", "a 1 -5\n"_ba},
        {"plus timestamp", "a 1 +5\n"_ba},
        {"leading blanks", "ok 1\n  a 1\n"_ba},
        {"type in capitals", "# TYPE a COUNTER\na 1\n"_ba},
        {"type trailing blank", "# TYPE a counter \na 1\n"_ba},
        {"repeated label", "a{b=\"1\",b=\"2\"} 1\n"_ba},
        {"name label", "a{__name__=\"b\"} 1\n"_ba},
        {"empty name label", "ok 1\na{__name__=\"\"} 1\n"_ba},
        {"hex float", "a 0x1p-3\n"_ba},
        {"underscore float", "a 1_000\n"_ba},
        {"crlf", "a 1\r\n"_ba},
        {"unterminated value", "a{b=\"x} 1\n"_ba},
        {"escaped newline", "a{b=\"x\\\ny\"} 1\n"_ba},
        {"label name with colon", "a{b:c=\"x\"} 1\n"_ba},
        {"bad utf-8 help", "# HELP a \xff\na 1\n"_ba},
        // A body that says gzip and is not: the scrape fails (no healthy empty scrape).
        {"corrupt gzip", "a 1\n"_ba, false, true},
        {"corrupt gzip header", "\x1f\x8b\x08\x00garbage"_ba, false, true},
        {"not gzip at all", "some plain text body\n"_ba, false, true},
        {"empty gzip body", ""_ba, false, true},
    };
}

// job -> health, lastError.
QMap<QString, QPair<QString, QString>> targetStates(quint16 port) {
    const auto reply = httpRequest("GET", loopback(port).resolved(QUrl("/api/v1/targets")));
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("data")).toObject();
    QMap<QString, QPair<QString, QString>> out;
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(QLatin1String("scrapePool")).toString(),
                   {o.value(QLatin1String("health")).toString(),
                    o.value(QLatin1String("lastError")).toString()});
    }
    return out;
}

// Everything one job produced, as one comparable text: target state, report series and the
// scraped series with their values.
QString view(quint16 port, const QString &job, bool honorLabels) {
    const auto state = targetStates(port).value(job);
    QStringList lines{QStringLiteral("health=%1 lastError=%2").arg(state.first, state.second)};
    for (const char *report : {"up", "scrape_samples_scraped"}) {
        const auto r = instantQuery(
            loopback(port), QStringLiteral("%1{job=\"%2\"}").arg(QLatin1String(report), job));
        lines << QStringLiteral("%1=%2").arg(QLatin1String(report),
                                             r.isEmpty() ? QStringLiteral("-") : r.first());
    }
    // Scraped series keep job="<job>" (a scraped job label becomes exported_job) unless
    // honor_labels lets the body's job win (the one honor row uses job="mine").
    QStringList selectors{QStringLiteral("{job=\"%1\",__name__!~\"up|scrape_.*\"}").arg(job)};
    if (honorLabels)
        selectors << QStringLiteral("{job=\"mine\"}");
    for (const QString &selector : selectors) {
        const auto series = instantQuery(loopback(port), selector);
        for (auto it = series.begin(); it != series.end(); ++it)
            lines << it.key() + QLatin1String(" => ") + it.value();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestScrapeBodies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAsPrometheus() {
        if (!RealPeer::available(QStringLiteral("prometheus")))
            QSKIP("prometheus is not installed");
        const QList<Body> cases = bodies();
        QVERIFY(cases.size() >= 15);
        const QByteArray now = QByteArray::number(QDateTime::currentMSecsSinceEpoch());

        std::vector<std::unique_ptr<TestTarget>> servers;
        QByteArray config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                            "scrape_configs:\n";
        for (qsizetype i = 0; i < cases.size(); ++i) {
            auto &server = servers.emplace_back(std::make_unique<TestTarget>());
            QVERIFY(server->listen());
            server->setBody(QByteArray(cases[i].body).replace("$NOW", now));
            server->setFalseGzip(cases[i].falseGzip);
            config += "  - job_name: case" + QByteArray::number(i) + "\n";
            if (cases[i].honorLabels)
                config += "    honor_labels: true\n";
            config += "    static_configs:\n      - targets: ['127.0.0.1:" +
                      QByteArray::number(server->port()) + "']\n";
        }
        TwoScrapers both;
        QString error;
        QVERIFY2(both.start(config, &error), qPrintable(error));
        const quint16 labPort = both.labPort();
        const quint16 promPort = both.prometheusPort();

        // Both have scraped every target at least once.
        for (const quint16 port : {labPort, promPort}) {
            QTRY_COMPARE_WITH_TIMEOUT(instantQuery(loopback(port), QStringLiteral("up")).size(),
                                      int(cases.size()), 20000);
        }

        // The bodies do not change, so the views settle; a scrape may land between the two
        // reads, hence the bounded retry.
        QStringList differences;
        const bool same = QTest::qWaitFor(
            [&] {
                differences.clear();
                for (qsizetype i = 0; i < cases.size(); ++i) {
                    const QString job = QStringLiteral("case%1").arg(i);
                    const QString ours = view(labPort, job, cases[i].honorLabels);
                    const QString theirs = view(promPort, job, cases[i].honorLabels);
                    if (ours != theirs)
                        differences << QStringLiteral("%1 (%2):\n lab:\n%3\n prometheus:\n%4")
                                           .arg(job, QLatin1String(cases[i].tag), ours, theirs);
                }
                return differences.isEmpty();
            },
            15000);
        for (const QString &d : differences)
            qWarning().noquote() << d;
        QVERIFY2(same, qPrintable(QStringLiteral("%1 of %2 bodies differ (above)")
                                      .arg(differences.size())
                                      .arg(cases.size())));

        // Spot checks that the comparison covers what it claims.
        const auto escaped = instantQuery(loopback(labPort), QStringLiteral("a{job=\"case0\"}"));
        QCOMPARE(escaped.size(), 1);
        QVERIFY2(escaped.firstKey().contains(QLatin1String("b=x\\qy")),
                 qPrintable(escaped.firstKey()));
        const auto raw = instantQuery(loopback(labPort), QStringLiteral("a{job=\"case2\"}"));
        QCOMPARE(raw.size(), 1);
        QVERIFY(raw.firstKey().contains(QLatin1String("b=line1\nline2")));
        QCOMPARE(targetStates(labPort).value(QStringLiteral("case0")).first, QStringLiteral("up"));
        for (qsizetype i = 0; i < cases.size(); ++i) {
            if (cases[i].falseGzip) // failed, with Prometheus's words (compared above)
                QCOMPARE(targetStates(labPort).value(QStringLiteral("case%1").arg(i)).first,
                         QStringLiteral("down"));
        }
        both.lab().stop();
    }
};

QTEST_GUILESS_MAIN(TestScrapeBodies)
#include "tst_scrapebodies.moc"
