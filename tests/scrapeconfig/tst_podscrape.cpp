#include "scrape/podscrape.h"

#include <QTest>

using namespace ppl;

namespace {

ScrapeTarget active(const char *job, const char *url) {
    ScrapeTarget t;
    t.jobName = job;
    t.url = QString::fromLatin1(url);
    return t;
}

ScrapeTarget dropped(const char *job, const char *ns, const char *pod) {
    ScrapeTarget t;
    t.jobName = job;
    t.discoveredLabels = Labels::of({{"__address__", "127.0.0.1:41000"},
                                     {"__meta_kubernetes_namespace", ns},
                                     {"__meta_kubernetes_pod_name", pod}});
    return t;
}

} // namespace

// Whether a pod is scraped, dropped by relabelling or not discovered: the one rule the Pods
// panel and the topology show (core/scrape/podscrape.h).
class TestPodScrape : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void status_data() {
        QTest::addColumn<int>("port");
        QTest::addColumn<QList<ScrapeTarget>>("activeTargets");
        QTest::addColumn<QList<ScrapeTarget>>("droppedTargets");
        QTest::addColumn<int>("state");
        QTest::addColumn<QByteArray>("job");
        using State = PodScrapeStatus::State;
        const QList<ScrapeTarget> none;
        QTest::newRow("nothing") << 41000 << none << none << int(State::NotDiscovered)
                                 << QByteArray();
        QTest::newRow("scraped by its port")
            << 41000
            << QList{active("other", "http://127.0.0.1:41001/metrics"),
                     active("pods", "http://127.0.0.1:41000/metrics")}
            << none << int(State::Scraped) << QByteArray("pods");
        QTest::newRow("another port is not it")
            << 41000 << QList{active("pods", "http://127.0.0.1:4100/metrics")} << none
            << int(State::NotDiscovered) << QByteArray();
        QTest::newRow("no port: never scraped")
            << 0 << QList{active("pods", "http://127.0.0.1/metrics")} << none
            << int(State::NotDiscovered) << QByteArray();
        QTest::newRow("dropped by relabelling")
            << 41000 << none << QList{dropped("pods", "shop", "api-0")} << int(State::Dropped)
            << QByteArray("pods");
        QTest::newRow("dropped: same name, other namespace")
            << 41000 << none << QList{dropped("pods", "default", "api-0")}
            << int(State::NotDiscovered) << QByteArray();
        QTest::newRow("scraped by one job, dropped by another: scraped")
            << 41000 << QList{active("static", "http://127.0.0.1:41000/metrics")}
            << QList{dropped("pods", "shop", "api-0")} << int(State::Scraped)
            << QByteArray("static");
    }
    void status() {
        QFETCH(int, port);
        QFETCH(QList<ScrapeTarget>, activeTargets);
        QFETCH(QList<ScrapeTarget>, droppedTargets);
        QFETCH(int, state);
        QFETCH(QByteArray, job);
        Pod pod;
        pod.name = "api-0";
        pod.namespaceName = "shop";
        const PodScrapeStatus s =
            podScrapeStatus(pod, quint16(port), activeTargets, droppedTargets);
        QCOMPARE(int(s.state), state);
        QCOMPARE(s.job, job);
    }
};

QTEST_GUILESS_MAIN(TestPodScrape)
#include "tst_podscrape.moc"
