// /api/v1/metadata and /api/v1/query_exemplars against the real Prometheus 2.42: both scrape
// the same two test targets (the classic text format and OpenMetrics with units), then answer
// the same requests.
#include "realpeer.h"
#include "testtarget.h"

#include "api/labapiserver.h"
#include "scrape/scrapeloop.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ppl;
using namespace ppl::test;

namespace {

const QByteArray TextBody = "# HELP http_requests_total Requests \\\\ served,\\nby code.\n"
                            "# TYPE http_requests_total counter\n"
                            "http_requests_total{code=\"200\"} 10\n"
                            "# TYPE queue_length gauge\n"
                            "queue_length 3\n"
                            "# HELP only_help Has help, no type.\n"
                            "only_help 1\n"
                            "# TYPE plain untyped\n"
                            "plain 2\n"
                            "# HELP lat_seconds Latency.\n"
                            "# TYPE lat_seconds histogram\n"
                            "lat_seconds_bucket{le=\"1\"} 1\n"
                            "lat_seconds_bucket{le=\"+Inf\"} 2\n"
                            "lat_seconds_sum 1.5\n"
                            "lat_seconds_count 2\n"
                            "no_metadata 4\n";
// The second target: OpenMetrics, a unit, an info metric, and http_requests_total with other
// help (two entries for one metric).
const QByteArray OpenMetricsBody = "# TYPE http_requests counter\n"
                                   "# HELP http_requests Requests, seen from the proxy.\n"
                                   "http_requests_total{code=\"200\"} 1\n"
                                   "# TYPE temp_celsius gauge\n"
                                   "# UNIT temp_celsius celsius\n"
                                   "# HELP temp_celsius Room temperature.\n"
                                   "temp_celsius 21.5\n"
                                   "# TYPE build info\n"
                                   "build_info{version=\"1\"} 1\n"
                                   "# EOF\n";

// data as {name: [entries sorted]} (Go's map order makes 2.42's list order arbitrary).
QJsonObject normalised(const QByteArray &body, QString *status) {
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    *status = o.value("status").toString();
    if (!o.value("data").isObject())
        return o;
    QJsonObject data = o.value("data").toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        QJsonArray a = it.value().toArray();
        QList<QJsonValue> list(a.begin(), a.end());
        std::sort(list.begin(), list.end(), [](const QJsonValue &x, const QJsonValue &y) {
            return QJsonDocument(x.toObject()).toJson() < QJsonDocument(y.toObject()).toJson();
        });
        QJsonArray sorted;
        for (const auto &v : list)
            sorted.append(v);
        it.value() = sorted;
    }
    QJsonObject out = o;
    out.insert("data", data);
    return out;
}

} // namespace

class TestMetadataApi : public QObject {
    Q_OBJECT
    TestTarget m_text;
    TestTarget m_om;
    QNetworkAccessManager m_nam;
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<ScrapeManager> m_scrapes;
    std::unique_ptr<LabApiServer> m_api;
    std::unique_ptr<RealPeer> m_prometheus;
    QTemporaryDir m_dir;
    quint16 m_port = 0;

    HttpReply ask(const QUrl &base, const QString &path, const QString &query,
                  const QByteArray &method = "GET") {
        QUrl url = base.resolved(QUrl(path));
        url.setQuery(query);
        return httpRequest(method, url);
    }
    QUrl lab() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_text.listen());
        m_text.setBody(TextBody);
        QVERIFY(m_om.listen());
        m_om.setBody(OpenMetricsBody);
        m_om.setContentType("application/openmetrics-text; version=1.0.0; charset=utf-8");

        m_nam.setProxy(QNetworkProxy::NoProxy);
        m_store = std::make_unique<SeriesStore>(Clock::system());
        m_scrapes = std::make_unique<ScrapeManager>(Clock::system(), m_store.get(), &m_nam);
        QList<ScrapeTarget> targets;
        for (TestTarget *t : {&m_text, &m_om}) {
            ScrapeTarget st;
            st.jobName = "meta";
            const QByteArray instance = "127.0.0.1:" + QByteArray::number(t->port());
            st.labels = Labels::fromPairs({{"job", "meta"}, {"instance", instance}});
            st.discoveredLabels = Labels::fromPairs({{"job", "meta"}, {"__address__", instance}});
            st.url = t->url();
            st.intervalMs = 1000;
            st.timeoutMs = 900;
            targets << st;
        }
        m_scrapes->setTargets(targets);
        m_api = std::make_unique<LabApiServer>(Clock::system(), m_store.get(), m_scrapes.get());
        m_port = m_api->listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port);

        const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n"
                               "scrape_configs:\n  - job_name: meta\n    static_configs:\n"
                               "      - targets: ['127.0.0.1:%1', '127.0.0.1:%2']\n")
                    .arg(m_text.port())
                    .arg(m_om.port())
                    .toUtf8());
        f.close();
        m_prometheus = std::make_unique<RealPeer>(
            QStringLiteral("prometheus"),
            QStringList{QStringLiteral("--config.file=") + config,
                        QStringLiteral("--storage.tsdb.path=") + m_dir.filePath("data")});
        QVERIFY2(
            m_prometheus->start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready")),
            qPrintable(m_prometheus->output()));
        // Both have scraped both targets.
        auto families = [this](const QUrl &base) {
            return QJsonDocument::fromJson(
                       ask(base, QStringLiteral("/api/v1/metadata"), QString()).body)
                .object()
                .value("data")
                .toObject()
                .size();
        };
        QTRY_VERIFY_WITH_TIMEOUT(families(m_prometheus->url()) >= 8, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(families(lab()) >= 8, 20000);
    }

    void cleanupTestCase() {
        m_prometheus.reset();
        m_api.reset();
        m_scrapes.reset();
        m_store.reset();
    }

    void sameAsPrometheus_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("method");
        const QString meta = QStringLiteral("/api/v1/metadata");
        const QString ex = QStringLiteral("/api/v1/query_exemplars");
        QTest::newRow("all") << meta << QString() << QByteArray("GET");
        QTest::newRow("one metric") << meta << "metric=http_requests_total" << QByteArray("GET");
        QTest::newRow("a unit") << meta << "metric=temp_celsius" << QByteArray("GET");
        QTest::newRow("histogram family") << meta << "metric=lat_seconds" << QByteArray("GET");
        QTest::newRow("a sample name is no family")
            << meta << "metric=lat_seconds_bucket" << QByteArray("GET");
        QTest::newRow("unknown metric") << meta << "metric=nope" << QByteArray("GET");
        QTest::newRow("limit 0") << meta << "limit=0" << QByteArray("GET");
        QTest::newRow("negative limit") << meta << "limit=-1" << QByteArray("GET");
        QTest::newRow("limit not a number") << meta << "limit=ten" << QByteArray("GET");
        QTest::newRow("limit_per_metric (not in 2.42)")
            << meta << "limit_per_metric=1" << QByteArray("GET");
        QTest::newRow("limit_per_metric not a number")
            << meta << "limit_per_metric=x" << QByteArray("GET");
        QTest::newRow("exemplars of a selector") << ex << "query=up" << QByteArray("GET");
        QTest::newRow("exemplars by POST") << ex << "query=rate(up[1m])" << QByteArray("POST");
        QTest::newRow("exemplars, times") << ex << "query=up&start=10&end=20" << QByteArray("GET");
        QTest::newRow("exemplars, no selector") << ex << "query=1%2B1" << QByteArray("GET");
        QTest::newRow("exemplars, no query") << ex << QString() << QByteArray("GET");
        QTest::newRow("exemplars, parse error") << ex << "query=up(" << QByteArray("GET");
        QTest::newRow("exemplars, bad start") << ex << "query=up&start=x" << QByteArray("GET");
        QTest::newRow("exemplars, bad end") << ex << "query=up&end=soon" << QByteArray("GET");
        QTest::newRow("exemplars, end before start")
            << ex << "query=up&start=20&end=10" << QByteArray("GET");
        QTest::newRow("exemplars, RFC 3339")
            << ex << "query=up&start=2023-11-14T22:13:20Z" << QByteArray("GET");
    }

    void sameAsPrometheus() {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, method);
        const auto real = ask(m_prometheus->url(), path, query, method);
        const auto ours = ask(lab(), path, query, method);
        QCOMPARE(ours.status, real.status);
        if (real.body.isEmpty()) {
            QCOMPARE(ours.body, real.body);
            return;
        }
        QString realStatus;
        QString ourStatus;
        const QJsonObject r = normalised(real.body, &realStatus);
        const QJsonObject o = normalised(ours.body, &ourStatus);
        QCOMPARE(ourStatus, realStatus);
        QCOMPARE(o, r);
    }

    // 2.42 picks `limit` families in Go's map order: the same number, each one of them real.
    void limitTakesThatManyFamilies() {
        const auto all =
            QJsonDocument::fromJson(ask(lab(), QStringLiteral("/api/v1/metadata"), QString()).body)
                .object()
                .value("data")
                .toObject();
        for (const QUrl &base : {m_prometheus->url(), lab()}) {
            const QJsonObject some =
                QJsonDocument::fromJson(
                    ask(base, QStringLiteral("/api/v1/metadata"), QStringLiteral("limit=3")).body)
                    .object()
                    .value("data")
                    .toObject();
            QCOMPARE(some.size(), 3);
            for (const QString &k : some.keys())
                QVERIFY2(all.contains(k), qPrintable(k));
        }
    }

    // What the lab keeps per target: the same set as /api/v1/metadata shows.
    void loopKeepsMetadataPerTarget() {
        const ScrapeLoop *text = nullptr;
        for (const ScrapeLoop *l : m_scrapes->loops())
            if (l->target().url == m_text.url())
                text = l;
        QVERIFY(text);
        const auto &meta = text->metadata();
        QCOMPARE(meta.value("queue_length").type, QByteArray("gauge"));
        QCOMPARE(meta.value("queue_length").help, QByteArray());
        QCOMPARE(meta.value("only_help").type, QByteArray("unknown"));
        QCOMPARE(meta.value("plain").type, QByteArray("unknown"));
        QCOMPARE(meta.value("http_requests_total").help,
                 QByteArray("Requests \\ served,\nby code."));
        QVERIFY(!meta.contains("no_metadata"));
    }
};

QTEST_GUILESS_MAIN(TestMetadataApi)
#include "tst_metadataapi.moc"
