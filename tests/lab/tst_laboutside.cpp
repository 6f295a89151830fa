// Issue 12 §1 in the core: which scrape targets the lab runs and which it does not
// (Lab::scrapeSubject, the one answer the window asks), who pushes a gateway group
// (Lab::pusherOf: a job, a self-pushing target, or a client outside the lab by User-Agent), and
// what ModelMeasurements makes of programs outside the lab: their death, their pushes. Lab
// clock: a ManualClock; scrapes and pushes are real loopback HTTP.
#include "lab/lab.h"
#include "lab/modelmeasurements.h"
#include "labtesthelpers.h"
#include "testtarget.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace ppl;

namespace {

QByteArray worldWith(quint16 port) {
    return QByteArray(R"(name: outside-core
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: prometheus
      static_configs:
        - targets: ['{{server}}']
    - job_name: web
      static_configs:
        - targets: ['{{target:web-1}}']
    - job_name: report
      static_configs:
        - targets: ['{{job:report}}']
    - job_name: nodejs_app
      static_configs:
        - targets: ['localhost:PORT']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
jobs:
  - name: backup
    duration: 1s
    grouping_key: {job: database_backup, instance: db-1}
  - name: report
    duration: 1s
    push: none
)")
        .replace("PORT", QByteArray::number(port));
}

bool step(ManualClock &clock, Lab &lab, qint64 ms) {
    return test::stepLab(clock, lab, ms, 100);
}

// A PUT to the lab's gateway with the given User-Agent; the HTTP status (0: no answer).
int put(Lab &lab, const QString &path, const QByteArray &body, const QByteArray &userAgent) {
    QNetworkAccessManager network;
    QNetworkRequest request(lab.gatewayUrl().toString() + path);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent);
    QNetworkReply *reply = network.put(request, body);
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
        return 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace

class TestLabOutside : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_app = std::make_unique<test::TestTarget>();
        QVERIFY(m_app->listen());
        m_app->setBody("app_requests_total 7\n");
        m_clock = std::make_unique<ManualClock>();
        m_lab = std::make_unique<Lab>(LabOptions{m_clock.get()});
        QString error;
        QVERIFY2(m_lab->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY2(m_lab->loadScenario(test::scenarioFrom(worldWith(m_app->port())), &error),
                 qPrintable(error));
        m_instance = "localhost:" + QByteArray::number(m_app->port());
    }
    void cleanup() {
        m_lab.reset();
        m_clock.reset();
        m_app.reset();
    }

    void everyScrapeTargetIsTheLabsOrNamedAsOutside() {
        QMap<QByteArray, ScrapeSubject::Kind> kinds;
        for (const ScrapeSubject &s : m_lab->scrapeSubjects())
            kinds.insert(s.name, s.kind);
        const QByteArray server = QStringLiteral("%1:%2")
                                      .arg(m_lab->serverUrl().host())
                                      .arg(m_lab->serverUrl().port())
                                      .toUtf8();
        using Kind = ScrapeSubject::Kind;
        const QMap<QByteArray, Kind> expected{{"web-1", Kind::Target},
                                              {"report", Kind::Job},
                                              {"gateway", Kind::Gateway},
                                              {server, Kind::Server},
                                              {m_instance, Kind::Outside}};
        QCOMPARE(kinds, expected);
        QList<QByteArray> unsimulated;
        for (const ScrapeSubject &s : m_lab->unsimulatedScrapeSubjects())
            unsimulated << s.name;
        std::sort(unsimulated.begin(), unsimulated.end());
        QList<QByteArray> want{server, m_instance};
        std::sort(want.begin(), want.end());
        QCOMPARE(unsimulated, want);
        const auto app = m_lab->unsimulatedScrapeSubject(m_instance);
        QVERIFY(app);
        QVERIFY(!app->simulated());
        QCOMPARE(app->target.jobName, QByteArray("nodejs_app"));
        QVERIFY(!m_lab->unsimulatedScrapeSubject("web-1"));
        QVERIFY(!m_lab->unsimulatedScrapeSubject("report"));
        // The scrape events of the outside program carry the same name.
        QVERIFY(step(*m_clock, *m_lab, 1500));
        bool scraped = false;
        for (const LabEvent &e : m_lab->events()->since(0, 100000).events)
            scraped |= e.kind == LabEvent::Kind::Scrape && e.subject == m_instance;
        QVERIFY(scraped);
    }

    void pushersAreTheLabsOrOutsideByUserAgent() {
        QSignalSpy added(m_lab.get(), &Lab::outsidePushersChanged);
        QCOMPARE(put(*m_lab, QStringLiteral("/metrics/job/student_batch/instance/laptop"),
                     "records 1\n", "student-script/1.0"),
                 200);
        QCOMPARE(put(*m_lab, QStringLiteral("/metrics/job/student_batch/instance/laptop"),
                     "records{\n", "student-script/1.1"),
                 400); // a typo: refused, still the same pusher
        QCOMPARE(added.count(), 1);
        QCOMPARE(m_lab->outsidePushers().size(), 1);
        const GroupPusher p = m_lab->outsidePushers().first();
        QCOMPARE(p.kind, GroupPusher::Kind::Outside);
        QCOMPARE(p.userAgent, QByteArray("student-script/1.1")); // the newest
        QCOMPARE(p.pushes, 2);
        QCOMPARE(p.rejected, 1);
        QCOMPARE(p.groupingKey,
                 (std::vector<LabelPair>{{"job", "student_batch"}, {"instance", "laptop"}}));
        QVERIFY(m_lab->outsidePusher(p.name));
        QCOMPARE(m_lab->pusherOf({{"instance", "laptop"}, {"job", "student_batch"}}).name, p.name);

        // The lab's own job is a job, not an outside pusher.
        QSignalSpy pushed(m_lab.get(), &Lab::pushed);
        QVERIFY(m_lab->runJob("backup"));
        QVERIFY(step(*m_clock, *m_lab, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 5000);
        QCOMPARE(m_lab->outsidePushers().size(), 1);
        const GroupPusher job = m_lab->pusherOf({{"job", "database_backup"}, {"instance", "db-1"}});
        QCOMPARE(job.kind, GroupPusher::Kind::Job);
        QCOMPARE(job.name, QByteArray("backup"));
        QCOMPARE(m_lab->pusherOf({{"job", "nobody"}}).kind, GroupPusher::Kind::None);

        // A new scenario starts with no outside pushers.
        QString error;
        QVERIFY(m_lab->loadScenario(test::scenarioFrom(worldWith(m_app->port())), &error));
        QVERIFY(m_lab->outsidePushers().isEmpty());
    }

    void anOutsideProgramsDeathAndPushesAreMeasured() {
        ModelMeasurements measured(m_lab.get());
        QVERIFY(step(*m_clock, *m_lab, 2500));
        ModelMeasurements::Pull pull = measured.pull();
        QCOMPARE(pull.targets, 3); // web-1, the lab server, the student's app
        QCOMPARE(pull.outside, 1); // the app; the lab server is the lab's own
        QVERIFY(!pull.lastDeath);

        m_app->close(); // stopped by the student, not by the lab
        const qint64 closedAt = m_clock->nowMs();
        QVERIFY(step(*m_clock, *m_lab, 2000));
        pull = measured.pull();
        QVERIFY(pull.lastDeath);
        const ModelMeasurements::Death &d = *pull.lastDeath;
        QCOMPARE(d.target, m_instance);
        QVERIFY(d.outside);
        QVERIFY(d.detectedAtMs > closedAt);
        QVERIFY(d.atMs <= closedAt); // its last good scrape
        QVERIFY(d.detectionMs() > 0 && d.detectionMs() <= 2000);
        QCOMPARE(pull.detected, 0); // a bound, not a detection time: kept out of the median

        // A push from outside the lab counts like the lab's own.
        QCOMPARE(
            put(*m_lab, QStringLiteral("/metrics/job/student_batch"), "records 1\n", "curl/8.1.2"),
            200);
        const ModelMeasurements::Push push = measured.push();
        QCOMPARE(push.outsidePushers, 1);
        QCOMPARE(push.outsidePushes, quint64(1));
        QCOMPARE(push.pushes, quint64(1));
        QCOMPARE(push.failedPushes, quint64(0));
    }

private:
    std::unique_ptr<test::TestTarget> m_app;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab> m_lab;
    QByteArray m_instance;
};

QTEST_MAIN(TestLabOutside)
#include "tst_laboutside.moc"
