#include "labtesthelpers.h"

#include "lab/lab.h"
#include "sim/simulatedtarget.h"

#include <QSignalSpy>

using namespace ppl;
using ppl::test::scenarioFrom;

// What the lab's events say about sizes: a scrape carries the body the target served, a push
// the body the job sent.
class TestLabEvents : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scrapesAndPushesCarryTheirBodySize() {
        ManualClock clock;
        Lab lab({&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(R"(
prometheus: |
  global:
    scrape_interval: 5s
    scrape_timeout: 2s
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
jobs:
  - name: backup
    duration: 1s
    grouping_key: {job: database_backup}
)"),
                                  &error),
                 qPrintable(error));
        QList<qint64> served; // body sizes web-1 answered its scrapes with, in order
        connect(&lab, &Lab::targetRequest, this, [&](const TargetRequest &r) {
            if (r.target == "web-1" && r.path == "/metrics")
                served << r.bytes;
        });
        QSignalSpy pushed(&lab, &Lab::pushed);
        QVERIFY(lab.runJob("backup"));
        PPL_STEP(clock, lab, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        PPL_STEP(clock, lab, 12'000);

        QList<qint64> scraped, gatewayScraped, pushes;
        for (const LabEvent &e : lab.events()->since(0, 100000).events) {
            const qint64 bytes = e.as<ScrapeEvent>() ? e.as<ScrapeEvent>()->bytes
                                 : e.as<PushEvent>() ? e.as<PushEvent>()->result.bytes
                                                     : -1;
            if (e.kind == LabEvent::Kind::Scrape && e.subject == "web-1")
                scraped << bytes;
            else if (e.kind == LabEvent::Kind::Scrape && e.subject == "gateway")
                gatewayScraped << bytes;
            else if (e.kind == LabEvent::Kind::Push && e.subject == "backup")
                pushes << bytes;
        }
        QVERIFY(scraped.size() >= 2);
        QCOMPARE(scraped, served);
        for (qint64 b : std::as_const(scraped))
            QVERIFY(b > 0);
        QVERIFY(!gatewayScraped.isEmpty());
        QVERIFY(gatewayScraped.last() > 0);
        QCOMPARE(pushes.size(), 1);
        QVERIFY2(pushes.first() > 100, qPrintable(QString::number(pushes.first())));
    }
};

QTEST_GUILESS_MAIN(TestLabEvents)
#include "tst_labevents.moc"
