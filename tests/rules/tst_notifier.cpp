// The notifier on its own, against a loopback HTTP server the test controls: what it POSTs
// (path, headers, the v2 and v1 bodies, external labels, alert_relabel_configs), batches of
// 64, the bounded queue with a hung Alertmanager, and the counters of each outcome.
#include "notify/alertpayload.h"
#include "notify/notifier.h"
#include "scrape/relabeler.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace ppl;
using ppl::notify::Notifier;
using ppl::rules::OutgoingAlert;

namespace {

// Records each request (path, headers, body) and answers with a status, or holds it.
class FakeAlertmanager : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    int status = 200;
    bool hold = false;
    QList<Request> requests;

    bool listen() {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

Q_SIGNALS:
    void received();

private:
    void onRead(QTcpSocket *s) {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request r;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            r.path = lines.value(0).split(' ').value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                     lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = r.headers.value("content-length").toLongLong();
            if (buf.size() < end + 4 + length)
                return;
            r.body = buf.mid(end + 4, length);
            buf.remove(0, end + 4 + length);
            requests << r;
            if (!hold) {
                const QByteArray reason = status == 200 ? "OK" : "Bad Request";
                s->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                         "\r\nContent-Length: 0\r\n\r\n");
            }
            Q_EMIT received();
        }
    }

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
};

OutgoingAlert alert(const char *name, const char *instance, qint64 startsAt = 1700000000123) {
    OutgoingAlert a;
    a.labels = Labels::of({{"alertname", name}, {"instance", instance}, {"site", "own"}});
    a.annotations = {{"summary", "a <b> & \"c\""}};
    a.startsAtMs = startsAt;
    a.endsAtMs = startsAt + 4 * 60 * 1000;
    a.generatorUrl = "http://lab:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1";
    return a;
}

AlertingConfig alerting(quint16 port, const QByteArray &version = "v2", qint64 timeoutMs = 5000) {
    AlertingConfig c;
    AlertmanagerConfig am;
    am.staticConfigs.append({{"127.0.0.1:" + QByteArray::number(port)}, {}});
    am.apiVersion = version;
    am.timeoutMs = timeoutMs;
    c.alertmanagers.append(am);
    return c;
}

} // namespace

class TstNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void postsV2WithExternalLabels() {
        FakeAlertmanager am;
        QVERIFY(am.listen());
        Notifier n;
        n.applyConfig(alerting(am.port()), Labels::of({{"site", "lab"}, {"region", "eu"}}));
        QCOMPARE(
            n.alertmanagers(),
            QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/alerts").arg(am.port()))});
        QSignalSpy drained(&n, &Notifier::drained);
        n.send({alert("A", "x:1")});
        QVERIFY(drained.wait(5000));
        QCOMPARE(am.requests.size(), 1);
        const auto &r = am.requests.first();
        QCOMPARE(r.path, QByteArray("/api/v2/alerts"));
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(r.headers.value("user-agent"), QByteArray("Prometheus/2.42.0"));
        // The alert's own site wins over the external label; region is added. Field order
        // and escapes as the PostableAlert marshals them.
        const QByteArray expected =
            "[{\"annotations\":{\"summary\":\"a \\u003cb\\u003e \\u0026 \\\"c\\\"\"},"
            "\"endsAt\":\"2023-11-14T22:17:20.123Z\",\"startsAt\":\"2023-11-14T22:13:20.123Z\","
            "\"generatorURL\":\"http://lab:9090/graph?g0.expr=up+%3D%3D+0\\u0026g0.tab=1\","
            "\"labels\":{\"alertname\":\"A\",\"instance\":\"x:1\",\"region\":\"eu\","
            "\"site\":\"own\"}}]";
        QCOMPARE(r.body, expected);
        const QUrl url = n.alertmanagers().first();
        QCOMPARE(n.sentTotal(url), 1.0);
        QCOMPARE(n.errorsTotal(url), 0.0);
        QCOMPARE(n.droppedTotal(), 0.0);
    }

    void postsV1Body() {
        // api_version v1: notifier.Alert as encoding/json writes it, to /api/v1/alerts.
        FakeAlertmanager am;
        QVERIFY(am.listen());
        Notifier n;
        AlertingConfig c = alerting(am.port(), "v1");
        c.alertmanagers[0].pathPrefix = "/prefix/";
        n.applyConfig(c, {});
        QSignalSpy drained(&n, &Notifier::drained);
        OutgoingAlert a = alert("A", "x:1", 1700000000000);
        n.send({a});
        QVERIFY(drained.wait(5000));
        QCOMPARE(am.requests.size(), 1);
        QCOMPARE(am.requests[0].path, QByteArray("/prefix/api/v1/alerts"));
        const QByteArray expected =
            "[{\"labels\":{\"alertname\":\"A\",\"instance\":\"x:1\",\"site\":\"own\"},"
            "\"annotations\":{\"summary\":\"a \\u003cb\\u003e \\u0026 \\\"c\\\"\"},"
            "\"startsAt\":\"2023-11-14T22:13:20Z\",\"endsAt\":\"2023-11-14T22:17:20Z\","
            "\"generatorURL\":\"http://lab:9090/graph?g0.expr=up+%3D%3D+0\\u0026g0.tab=1\"}]";
        QCOMPARE(am.requests[0].body, expected);
    }

    void alertRelabelConfigsDropAndRewrite() {
        FakeAlertmanager am;
        QVERIFY(am.listen());
        Notifier n;
        AlertingConfig c = alerting(am.port());
        RelabelRule drop;
        drop.action = RelabelRule::Action::Drop;
        drop.sourceLabels = {"alertname"};
        drop.regex = QStringLiteral("Noisy");
        RelabelRule rewrite;
        rewrite.sourceLabels = {"instance"};
        rewrite.regex = QStringLiteral("(.*):.*");
        rewrite.targetLabel = "host";
        c.alertRelabelConfigs = {drop, rewrite};
        n.applyConfig(c, {});
        QSignalSpy drained(&n, &Notifier::drained);
        n.send({alert("Noisy", "x:1"), alert("Real", "db:9100")});
        QVERIFY(drained.wait(5000));
        QCOMPARE(am.requests.size(), 1);
        const QJsonArray sent = QJsonDocument::fromJson(am.requests[0].body).array();
        QCOMPARE(sent.size(), 1);
        const QJsonObject labels = sent[0].toObject().value(QLatin1String("labels")).toObject();
        QCOMPARE(labels.value(QLatin1String("alertname")).toString(), QStringLiteral("Real"));
        QCOMPARE(labels.value(QLatin1String("host")).toString(), QStringLiteral("db"));
        // Only a kept alert is queued, and a dropped one is not "dropped" in the counter's
        // sense (that counts send failures and queue overflow).
        QCOMPARE(n.droppedTotal(), 0.0);
    }

    void batchesOf64() {
        FakeAlertmanager am;
        QVERIFY(am.listen());
        Notifier n;
        n.applyConfig(alerting(am.port()), {});
        QList<OutgoingAlert> many;
        for (int i = 0; i < 150; ++i)
            many << alert("A", QByteArray::number(i).constData());
        QSignalSpy drained(&n, &Notifier::drained);
        n.send(many);
        QVERIFY(drained.wait(5000));
        QCOMPARE(am.requests.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(am.requests[0].body).array().size(), 64);
        QCOMPARE(QJsonDocument::fromJson(am.requests[1].body).array().size(), 64);
        QCOMPARE(QJsonDocument::fromJson(am.requests[2].body).array().size(), 22);
        QCOMPARE(n.sentTotal(n.alertmanagers().first()), 150.0);
    }

    void errorStatusCountsAndDrops() {
        // A 400 is an error for that Alertmanager; with no other one, the batch is dropped.
        FakeAlertmanager am;
        QVERIFY(am.listen());
        am.status = 400;
        Notifier n;
        n.applyConfig(alerting(am.port()), {});
        QSignalSpy posted(&n, &Notifier::alertsPosted);
        n.send({alert("A", "x:1"), alert("B", "x:1")});
        QVERIFY(posted.wait(5000));
        QCOMPARE(posted.first().at(2).toString(),
                 QStringLiteral("bad response status 400 Bad Request"));
        const QUrl url = n.alertmanagers().first();
        QCOMPARE(n.errorsTotal(url), 1.0);
        QCOMPARE(n.sentTotal(url), 2.0);
        QCOMPARE(n.droppedTotal(), 2.0);
    }

    void oneGoodAlertmanagerIsEnough() {
        FakeAlertmanager good, bad;
        QVERIFY(good.listen());
        QVERIFY(bad.listen());
        bad.status = 500;
        AlertingConfig c = alerting(good.port());
        c.alertmanagers.append(alerting(bad.port()).alertmanagers.first());
        Notifier n;
        n.applyConfig(c, {});
        QCOMPARE(n.alertmanagers().size(), 2);
        QSignalSpy drained(&n, &Notifier::drained);
        n.send({alert("A", "x:1")});
        QVERIFY(drained.wait(5000));
        QCOMPARE(n.droppedTotal(), 0.0);
        QCOMPARE(n.errorsTotal(n.alertmanagers().at(1)), 1.0);
    }

    void withoutAlertmanagersEverythingIsDropped() {
        // 2.42 runs the notifier with no Alertmanager too: sendAll reports no success.
        Notifier n;
        n.applyConfig({}, {});
        QSignalSpy drained(&n, &Notifier::drained);
        n.send({alert("A", "x:1"), alert("B", "x:1")});
        QVERIFY(drained.wait(5000));
        QCOMPARE(n.droppedTotal(), 2.0);
        QCOMPARE(n.queueLength(), 0);
    }

    void relabelledAlertmanagerTargets() {
        // relabel_configs on the Alertmanager targets: a drop lists it as dropped; a
        // __scheme__/__alerts_path__ rewrite changes the URL.
        AlertingConfig c;
        AlertmanagerConfig am;
        am.staticConfigs.append({{"a:9093", "b:9093"}, {}});
        RelabelRule drop;
        drop.action = RelabelRule::Action::Drop;
        drop.sourceLabels = {"__address__"};
        drop.regex = QStringLiteral("b:.*");
        RelabelRule path;
        path.targetLabel = "__alerts_path__";
        path.replacement = "/custom/api/v2/alerts";
        am.relabelConfigs = {drop, path};
        c.alertmanagers.append(am);
        Notifier n;
        n.applyConfig(c, {});
        QCOMPARE(n.alertmanagers(),
                 QList<QUrl>{QUrl(QStringLiteral("http://a:9093/custom/api/v2/alerts"))});
        QCOMPARE(n.droppedAlertmanagers(),
                 QList<QUrl>{QUrl(QStringLiteral("http://b:9093/api/v2/alerts"))});
    }

    void hungAlertmanagerKeepsTheQueueBounded() {
        // The Alertmanager accepts connections and never answers: each POST ends at the
        // timeout (an error), the queue never holds more than its capacity, the overflow is
        // counted as dropped, and the event loop never waits on the network.
        FakeAlertmanager am;
        QVERIFY(am.listen());
        am.hold = true;
        Notifier n;
        n.setQueueCapacity(100);
        n.applyConfig(alerting(am.port(), "v2", 300), {});
        const QUrl url = n.alertmanagers().first();
        qint64 worstGap = 0;
        QElapsedTimer sinceTick;
        sinceTick.start();
        QTimer tick;
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, this,
                [&] { worstGap = std::max(worstGap, sinceTick.restart()); });
        tick.start();
        for (int round = 0; round < 5; ++round) {
            QList<OutgoingAlert> batch;
            for (int i = 0; i < 80; ++i)
                batch << alert("A", QByteArray::number(round * 100 + i).constData());
            n.send(batch);
            QVERIFY(n.queueLength() <= 100);
            QTest::qWait(20);
        }
        QTRY_VERIFY_WITH_TIMEOUT(n.errorsTotal(url) >= 2, 5000);
        QVERIFY(n.queueLength() <= 100);
        // Every one of the 400 alerts is dropped (overflow or a failed batch), queued, or in
        // the one batch in flight.
        QCOMPARE(n.droppedTotal() + n.queueLength() + n.inFlightAlerts(), 400.0);
        QVERIFY(n.droppedTotal() >= 400 - 100 - 64);
        QCOMPARE(n.sentTotal(url), 64 * n.errorsTotal(url));
        QVERIFY2(worstGap < 200, qPrintable(QString::number(worstGap)));
    }

    void payloadOmitsEmptyAnnotations() {
        OutgoingAlert a = alert("A", "x:1");
        a.annotations.clear();
        a.generatorUrl.clear();
        const QByteArray expected =
            "[{\"endsAt\":\"2023-11-14T22:17:20.123Z\",\"startsAt\":\"2023-11-14T22:13:20.123Z\","
            "\"labels\":{\"alertname\":\"A\",\"instance\":\"x:1\",\"site\":\"own\"}}]";
        QCOMPARE(notify::alertsPayloadV2({a}), expected);
    }
};

QTEST_GUILESS_MAIN(TstNotifier)
#include "tst_notifier.moc"
