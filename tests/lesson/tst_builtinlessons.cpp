// Every built-in lesson, done as a student would: real curl, the real Python client
// (python3-prometheus-client), the configuration edited through POST /lab/config/reload and
// the /lab API over real HTTP; each passes. And doing nothing, or the typical mistake, does
// not pass. Lab time: a ManualClock, stepped while the real HTTP of each scrape finishes.
#include "lab/lab.h"
#include "labtesthelpers.h"
#include "lesson/lessonrun.h"
#include "pushgateway/pushgatewayserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

using namespace ppl;
using namespace ppl::lesson;

namespace {

// Runs a program to its end without blocking the event loop (the lab answers it in-process).
QByteArray run(const QString &program, const QStringList &args, const QByteArray &input = {},
               int *exitCode = nullptr) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(5000))
        return "not started";
    p.write(input);
    p.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 15000))
        return "timed out";
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QByteArray curl(const QStringList &args, const QByteArray &input = {}) {
    return run(QStringLiteral("curl"), QStringList{QStringLiteral("-sS")} + args, input);
}

QString server(Lab &lab) {
    return lab.serverUrl().toString();
}
QString gateway(Lab &lab) {
    return lab.gatewayUrl().toString();
}

// POST /lab/config/reload with curl, as the lesson tells the student.
bool reload(Lab &lab, const QByteArray &yaml) {
    const QByteArray answer =
        curl({QStringLiteral("-H"), QStringLiteral("Content-Type: application/yaml"),
              QStringLiteral("--data-binary"), QStringLiteral("@-"),
              server(lab) + QStringLiteral("/lab/config/reload")},
             yaml);
    if (!answer.contains("\"success\""))
        qWarning("reload: %s", answer.constData());
    return answer.contains("\"success\"");
}

} // namespace

class TestBuiltInLessons : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_clock = std::make_unique<ManualClock>();
        m_lab = std::make_unique<Lab>(LabOptions{m_clock.get()});
        QString error;
        QVERIFY2(m_lab->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup() {
        m_run.reset();
        m_lab.reset();
        m_clock.reset();
    }

    // Both languages: every step of every built-in renders in English and in German, with
    // the lab's real addresses in place of every placeholder.
    void everyLessonRendersInBothLanguages() {
        for (const LessonInfo &info : builtInLessons()) {
            QVERIFY2(start(info.id), qPrintable(info.id));
            for (int i = 0; i < m_run->stepCount(); ++i) {
                const Step &s = m_run->lesson().steps[std::size_t(i)];
                m_run->setLanguage(QStringLiteral("en"));
                const QString en = m_run->stepText(i);
                m_run->setLanguage(QStringLiteral("de"));
                const QString de = m_run->stepText(i);
                QVERIFY2(!en.contains(QLatin1String("{{")), qPrintable(info.id + u'/' + s.id));
                QVERIFY2(!de.contains(QLatin1String("{{")), qPrintable(info.id + u'/' + s.id));
                QVERIFY2(en != de, qPrintable(info.id + u'/' + s.id));
            }
            m_run.reset();
        }
    }

    // --- 1 basic pull setup ---
    void basicPull_studentDoesIt() {
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("python3-prometheus-client is not installed");
        QVERIFY(start(QStringLiteral("basic-pull")));
        QVERIFY(answer());
        QProcess app;
        app.start(QStringLiteral("/usr/bin/python3"),
                  {qEnvironmentVariable("PPL_SOURCE_DIR") +
                   QStringLiteral("/tests/lesson/student_app.py")});
        QTRY_VERIFY_WITH_TIMEOUT(app.canReadLine(), 10000);
        const QByteArray port = app.readLine().trimmed().split(' ').last();
        QVERIFY(reload(*m_lab, R"(global:
  scrape_interval: 5s
  scrape_timeout: 3s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['{{server}}']
  - job_name: my_app
    static_configs:
      - targets: ['localhost:)" + port +
                                   "']\n"));
        QVERIFY(step(12000));
        QTRY_VERIFY(m_run->currentStep() >= 1); // up; the counter may have risen already
        QVERIFY(step(30000));
        QTRY_VERIFY2(m_run->passed(), qPrintable(m_run->checkStates().empty()
                                                     ? QString()
                                                     : m_run->checkStates().at(0).measured));
        app.kill();
        app.waitForFinished();
    }
    void basicPull_aJobForAProgramThatIsNotRunningDoesNotPass() {
        QVERIFY(start(QStringLiteral("basic-pull")));
        QVERIFY(answer());
        QVERIFY(step(10000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // nothing done
        // The typical mistake: the job is there, the program is not (or on another port).
        QVERIFY(reload(*m_lab, R"(global:
  scrape_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['{{server}}']
  - job_name: my_app
    static_configs:
      - targets: ['localhost:1']
)"));
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QCOMPARE(m_run->checkStates().at(0).met, true);  // the job exists…
        QCOMPARE(m_run->checkStates().at(1).met, false); // …its target is down
    }

    // --- 2 Pushgateway batch job ---
    void pushgatewayBatch_studentDoesIt() {
        QVERIFY(start(QStringLiteral("pushgateway-batch")));
        const QByteArray answer =
            curl({QStringLiteral("--data-binary"), QStringLiteral("@-"),
                  gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup/instance/db-1")},
                 "# TYPE backup_records_processed gauge\nbackup_records_processed 4711\n");
        QVERIFY2(answer.isEmpty(), answer.constData());
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(step(6000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1); // exported_job, not job: honor_labels is false
        QVERIFY(m_run->answerPrediction(1));
        QVERIFY(reload(*m_lab, honorGatewayConfig(true)));
        QVERIFY(step(6000));
        QTRY_VERIFY(m_run->passed());
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }
    void pushgatewayBatch_pythonClientDoesItToo() {
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("python3 is not installed");
        QVERIFY(start(QStringLiteral("pushgateway-batch")));
        QVERIFY(reload(*m_lab, honorGatewayConfig(true)));
        int code = -1;
        const QByteArray out =
            run(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral(
                     "import sys\n"
                     "from prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n"
                     "r = CollectorRegistry()\n"
                     "Gauge('backup_records_processed', 'Records', registry=r).set(4711)\n"
                     "push_to_gateway(sys.argv[1], job='nightly_backup', "
                     "grouping_key={'instance': 'db-1'}, registry=r)\n"),
                 m_lab->gatewayUrl().authority()},
                {}, &code);
        QVERIFY2(code == 0, out.constData());
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        QVERIFY(step(6000));
        QTRY_VERIFY(m_run->passed());
    }
    void pushgatewayBatch_wrongJobOrHonorLabelsLeftFalseDoNotPass() {
        QVERIFY(start(QStringLiteral("pushgateway-batch")));
        // Pushing under the wrong job: step 1 does not pass.
        curl({QStringLiteral("--data-binary"), QStringLiteral("@-"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/backup/instance/db-1")},
             "backup_records_processed 4711\n");
        QVERIFY(step(6000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        // Right job; honor_labels left false (another job name changes nothing): step 2 never
        // passes, however long.
        curl({QStringLiteral("--data-binary"), QStringLiteral("@-"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup/instance/db-1")},
             "backup_records_processed 4711\n");
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        QVERIFY(reload(*m_lab, honorGatewayConfig(false)));
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->passed());
    }

    // --- 3 hybrid architecture ---
    void hybrid_studentDoesIt() {
        QVERIFY(start(QStringLiteral("hybrid-architecture")));
        QVERIFY(answer());
        QVERIFY(reload(*m_lab, HybridConfig));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        pushOutside("/metrics/job/nightly_report", "report_rows_written 1200\n");
        pushOutside("/metrics/job/edge_worker/instance/edge-1", "edge_queue_depth 3\n");
        QVERIFY(step(8000));
        QTRY_VERIFY(m_run->passed());
    }
    void hybrid_pushingALongRunningServiceOrDoingNothingDoesNotPass() {
        QVERIFY(start(QStringLiteral("hybrid-architecture")));
        QVERIFY(answer());
        QVERIFY(step(12000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // nothing done: the services are not scraped
        QVERIFY(reload(*m_lab, HybridConfig));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        pushOutside("/metrics/job/nightly_report", "report_rows_written 1200\n");
        pushOutside("/metrics/job/edge_worker/instance/edge-1", "edge_queue_depth 3\n");
        pushOutside("/metrics/job/api/instance/api-1", "api_requests_total 5\n"); // the mistake
        QVERIFY(step(20000));
        m_run->evaluate();
        QVERIFY(!m_run->passed());
        QVERIFY(!m_run->checkStates().at(5).met); // group api is at the gateway
    }

    // --- 4 migrating push to pull ---
    void migrate_studentDoesIt() {
        QVERIFY(start(QStringLiteral("migrate-push-to-pull")));
        QVERIFY(step(2000));
        QVERIFY(reload(*m_lab, MigrateConfig));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        for (const char *svc : {"svc-a", "svc-b"}) {
            const QByteArray answer = curl(
                {QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                 QStringLiteral("-d"), QStringLiteral("{\"on\": false}"),
                 server(*m_lab) + QStringLiteral("/lab/targets/%1/push").arg(QLatin1String(svc))});
            QVERIFY2(answer.contains("\"success\""), answer.constData());
            QCOMPARE(
                curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                      QStringLiteral("%{http_code}"),
                      gateway(*m_lab) +
                          QStringLiteral("/metrics/job/%1/instance/%1").arg(QLatin1String(svc))}),
                QByteArray("202"));
        }
        QVERIFY(step(45000));
        QTRY_VERIFY(m_run->passed());
    }
    void migrate_partialGroupingKeyOrPushesLeftOnDoNotPass() {
        QVERIFY(start(QStringLiteral("migrate-push-to-pull")));
        QVERIFY(step(2000));
        QVERIFY(reload(*m_lab, MigrateConfig));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        // Pushes stopped, but deleted with a partial key: /metrics/job/svc-a is another group.
        curl({QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
              QStringLiteral("-d"), QStringLiteral("{\"on\": false}"),
              server(*m_lab) + QStringLiteral("/lab/targets/svc-a/push")});
        curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/svc-a")});
        // svc-b: deleted exactly, but still pushing: its group comes back.
        curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/svc-b/instance/svc-b")});
        QVERIFY(step(60000));
        m_run->evaluate();
        QVERIFY(!m_run->passed());
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(m_run->checkStates().at(2).met); // billing still pushes
    }

    // --- who notices a death ---
    void whoNotices_studentDoesIt() {
        QVERIFY(start(QStringLiteral("who-notices-a-death")));
        QVERIFY(answer());
        QVERIFY(step(6000));
        const QByteArray killed =
            curl({QStringLiteral("-X"), QStringLiteral("POST"),
                  server(*m_lab) + QStringLiteral("/lab/targets/web-1/kill")});
        QVERIFY2(killed.contains("\"success\""), killed.constData());
        QVERIFY(step(30000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        pushOutside("/metrics/job/heartbeat", "heartbeat_runs 1\n");
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1); // the group looks alive for 90 s
        QVERIFY(step(80000));
        QTRY_VERIFY(m_run->passed());
    }
    void whoNotices_doingNothingDoesNotPass() {
        QVERIFY(start(QStringLiteral("who-notices-a-death")));
        QVERIFY(answer());
        QVERIFY(step(60000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QCOMPARE(m_run->checkStates().at(2).measured, QStringLiteral("no TargetDown alert"));
    }

    // --- DELETE needs the exact grouping key ---
    void deleteExact_studentDoesIt() {
        QVERIFY(start(QStringLiteral("delete-exact-grouping-key")));
        QVERIFY(step(12000)); // the backup pushes; the server scrapes its group
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        QCOMPARE(curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                       QStringLiteral("%{http_code}"),
                       gateway(*m_lab) + QStringLiteral("/metrics/job/backup/instance/db-1")}),
                 QByteArray("202"));
        QTRY_VERIFY(m_run->passed());
    }
    void deleteExact_aPartialKeyDoesNotPass() {
        QVERIFY(start(QStringLiteral("delete-exact-grouping-key")));
        QVERIFY(step(12000)); // the backup pushes; the server scrapes its group
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(m_run->answerPrediction(0) == false);
        // 202, as the real gateway answers, and nothing deleted.
        QCOMPARE(curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                       QStringLiteral("%{http_code}"),
                       gateway(*m_lab) + QStringLiteral("/metrics/job/backup")}),
                 QByteArray("202"));
        QVERIFY(step(10000));
        m_run->evaluate();
        QVERIFY(!m_run->passed());
        QVERIFY(!m_run->checkStates().at(1).met);
    }

    // --- firewall: pull fails, push gets through ---
    void firewall_studentDoesIt() {
        QVERIFY(start(QStringLiteral("firewall-push-gets-through")));
        QVERIFY(step(12000)); // the lesson's own action firewalls edge-1
        QTRY_COMPARE(m_run->currentStep(), 1);
        const QByteArray answer =
            curl({QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                  QStringLiteral("-d"), QStringLiteral("{\"on\": true}"),
                  server(*m_lab) + QStringLiteral("/lab/targets/edge-1/push")});
        QVERIFY2(answer.contains("\"success\""), answer.constData());
        QVERIFY(step(30000)); // a push every 15 s, a scrape of the gateway every 5 s
        QTRY_VERIFY2(m_run->passed(), qPrintable(m_run->checkStates().empty()
                                                     ? QString()
                                                     : m_run->checkStates().at(0).measured + u'|' +
                                                           m_run->checkStates().at(1).measured));
    }
    void firewall_withoutPushItDoesNotPass() {
        QVERIFY(start(QStringLiteral("firewall-push-gets-through")));
        QVERIFY(step(40000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->passed());
    }

    // --- the 5-minute lookback vs a stale marker and last_over_time ---
    void lookback_studentDoesIt() {
        QVERIFY(start(QStringLiteral("lookback-5-minutes")));
        QVERIFY(step(12000)); // the backup pushes; the server scrapes its group
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(m_run->answerPrediction(1));
        QCOMPARE(
            curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                  QStringLiteral("%{http_code}"),
                  gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup/instance/db-1")}),
            QByteArray("202"));
        const qint64 deletedAt = m_clock->nowMs();
        // The next scrape writes the stale marker (far less than 5 minutes); then the lesson's
        // own advance: 6 minutes.
        QVERIFY(step(8000));
        QTRY_VERIFY(m_run->passed());
        QVERIFY(m_clock->nowMs() - deletedAt >= 6 * 60 * 1000);
        const QJsonArray steps = m_run->reportJson().value(QLatin1String("steps")).toArray();
        QVERIFY(steps.at(1).toObject().value(QLatin1String("time_s")).toDouble() < 60);
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }
    void lookback_notDeletingOrAPartialKeyDoesNotPass() {
        QVERIFY(start(QStringLiteral("lookback-5-minutes")));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        // The typical mistake: job only; 202 and nothing deleted, the series goes on.
        curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup")});
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->checkStates().at(0).met); // no DELETE of the exact key
        QVERIFY(!m_run->checkStates().at(1).met); // the instant query still returns it
        QVERIFY(m_run->checkStates().at(2).met);
    }

    // --- a job shorter than the scrape interval: pull misses it, a push keeps its result ---
    void shortJob_studentDoesIt() {
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("python3 is not installed");
        QVERIFY(start(QStringLiteral("short-job-pull-misses")));
        QVERIFY(m_run->answerPrediction(1));
        QVERIFY(step(35000)); // within 30 s at least one of two scrapes misses the 2-s run
        QTRY_COMPARE(m_run->currentStep(), 1);
        int code = -1;
        const QByteArray out =
            run(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral(
                     "import sys\n"
                     "from prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n"
                     "r = CollectorRegistry()\n"
                     "Gauge('report_rows_written', 'Rows', registry=r).set(1200)\n"
                     "push_to_gateway(sys.argv[1], job='report', registry=r)\n"),
                 m_lab->gatewayUrl().authority()},
                {}, &code);
        QVERIFY2(code == 0, out.constData());
        QVERIFY(step(16000)); // the next scrape of the gateway
        QTRY_VERIFY(m_run->passed());
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }
    void shortJob_doingNothingOrPushingToAnotherJobDoesNotPass() {
        QVERIFY(start(QStringLiteral("short-job-pull-misses")));
        QVERIFY(answer());
        QVERIFY(step(35000));
        QTRY_COMPARE(m_run->currentStep(), 1); // the misses are the lab's own
        QVERIFY(step(60000));                  // doing nothing: pull never brings the result
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        pushOutside("/metrics/job/batch", "report_rows_written 1200\n"); // the wrong job
        QVERIFY(step(20000));
        m_run->evaluate();
        QVERIFY(!m_run->passed());
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
    }

    // --- duplicate pushers: one grouping key, the last PUT wins ---
    void duplicatePushers_studentDoesIt() {
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("python3 is not installed");
        QVERIFY(start(QStringLiteral("duplicate-pushers")));
        QVERIFY(m_run->answerPrediction(1));
        putOutside(
            "/metrics/job/batch_processor",
            "# TYPE batch_records_processed gauge\nbatch_records_processed{worker=\"a\"} 1000\n");
        QVERIFY(step(6000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // worker a alone: nothing overwritten yet
        putOutside(
            "/metrics/job/batch_processor",
            "# TYPE batch_records_processed gauge\nbatch_records_processed{worker=\"b\"} 50\n");
        QVERIFY(step(6000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        // Worker a with the Python client, worker b with curl: each under its own instance.
        int code = -1;
        const QByteArray out =
            run(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral(
                     "import sys\n"
                     "from prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n"
                     "r = CollectorRegistry()\n"
                     "Gauge('batch_records_processed', 'Records', registry=r).set(1000)\n"
                     "push_to_gateway(sys.argv[1], job='batch_processor', "
                     "grouping_key={'instance': 'worker-a'}, registry=r)\n"),
                 m_lab->gatewayUrl().authority()},
                {}, &code);
        QVERIFY2(code == 0, out.constData());
        putOutside("/metrics/job/batch_processor/instance/worker-b",
                   "# TYPE batch_records_processed gauge\nbatch_records_processed 50\n");
        QVERIFY(step(6000));
        QTRY_VERIFY(m_run->passed());
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }
    void duplicatePushers_anInstanceInTheBodyOrPostDoesNotPass() {
        QVERIFY(start(QStringLiteral("duplicate-pushers")));
        QVERIFY(answer());
        QVERIFY(step(10000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // nothing pushed
        putOutside(
            "/metrics/job/batch_processor",
            "# TYPE batch_records_processed gauge\nbatch_records_processed{worker=\"a\"} 1000\n");
        putOutside(
            "/metrics/job/batch_processor",
            "# TYPE batch_records_processed gauge\nbatch_records_processed{worker=\"b\"} 50\n");
        QVERIFY(step(6000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        // The typical mistake: the instance in the body, the URL unchanged (one group), and
        // POST, which replaces the family it names.
        putOutside("/metrics/job/batch_processor",
                   "# TYPE batch_records_processed "
                   "gauge\nbatch_records_processed{instance=\"worker-a\"} 1000\n");
        pushOutside("/metrics/job/batch_processor",
                    "# TYPE batch_records_processed "
                    "gauge\nbatch_records_processed{instance=\"worker-b\"} 50\n");
        QVERIFY(step(20000));
        m_run->evaluate();
        QVERIFY(!m_run->passed());
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(!m_run->checkStates().at(2).met); // only worker-b's series is left
    }

    // --- predict first: a correct DELETE does not pass the step before the prediction ---
    void deleteExact_theRightDeleteWaitsForThePrediction() {
        QVERIFY(start(QStringLiteral("delete-exact-grouping-key")));
        QVERIFY(step(12000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QCOMPARE(curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                       QStringLiteral("%{http_code}"),
                       gateway(*m_lab) + QStringLiteral("/metrics/job/backup/instance/db-1")}),
                 QByteArray("202"));
        QVERIFY(step(10000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1); // both conditions hold; the prediction is open
        QVERIFY(m_run->awaitingPrediction());
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(answer(false));
        QTRY_VERIFY(m_run->passed()); // the DELETE since the step began counts now
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_wrong")).toInt(), 1);
    }

    // --- pushed metrics never expire: age, restart with / without persistence, delete ---
    void neverExpire_studentDoesIt() {
        QVERIFY(start(QStringLiteral("pushed-metrics-never-expire")));
        QVERIFY(step(6000)); // the backup pushed once; the server scraped its group
        QCOMPARE(m_run->currentStep(), 0);
        QVERIFY(answer()); // the lesson fast-forwards 10 minutes
        QVERIFY(step(8000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        QVERIFY(restartGateway(true));
        QVERIFY(step(8000));
        QTRY_COMPARE(m_run->currentStep(), 2);
        QCOMPARE(
            curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-w"),
                  QStringLiteral("%{http_code}"),
                  gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup/instance/db-1")}),
            QByteArray("202"));
        QVERIFY(step(8000)); // the next scrape writes the stale markers
        QTRY_COMPARE(m_run->currentStep(), 3);
        QVERIFY(step(8000)); // the lesson runs the backup again: its group is back
        QVERIFY(!m_lab->gateway()->groups()->groups().empty());
        QVERIFY(restartGateway(false));
        QVERIFY(step(8000));
        QTRY_VERIFY(m_run->passed());
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 2);
    }
    void neverExpire_restartWithoutPersistenceOrAPartialDeleteDoNotPass() {
        QVERIFY(start(QStringLiteral("pushed-metrics-never-expire")));
        QVERIFY(step(6000));
        QVERIFY(answer());
        QVERIFY(step(8000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        // The mistake: a restart without persistence loses the group.
        QVERIFY(restartGateway(false));
        QVERIFY(step(15000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(!m_run->checkStates().at(2).met);
    }
    void neverExpire_aPartialDeleteDoesNotPass() {
        QVERIFY(start(QStringLiteral("pushed-metrics-never-expire")));
        QVERIFY(step(6000));
        QVERIFY(answer());
        QVERIFY(step(8000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer());
        QVERIFY(restartGateway(true));
        QVERIFY(step(8000));
        QTRY_COMPARE(m_run->currentStep(), 2);
        curl({QStringLiteral("-X"), QStringLiteral("DELETE"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/nightly_backup")});
        QVERIFY(step(15000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 2);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met); // the group is still there…
        QVERIFY(!m_run->checkStates().at(2).met); // …and still scraped
    }

    // --- timestamps: event time vs push time vs scrape time ---
    void timestamps_studentDoesIt() {
        QVERIFY(start(QStringLiteral("timestamps-event-push-scrape")));
        QVERIFY(answer());
        const QByteArray now = QByteArray::number(m_clock->nowMs() / 1000);
        // First the tempting way: a timestamp in the line. The gateway answers 400.
        const QByteArray rejected = curl(
            {QStringLiteral("-w"), QStringLiteral(" %{http_code}"), QStringLiteral("--data-binary"),
             QStringLiteral("@-"), gateway(*m_lab) + QStringLiteral("/metrics/job/report")},
            "# TYPE report_rows_written gauge\nreport_rows_written 1200 " + now + "000\n");
        QVERIFY2(rejected.endsWith(" 400") && rejected.contains("timestamps"),
                 rejected.constData());
        pushOutside("/metrics/job/report",
                    "# TYPE report_rows_written gauge\nreport_rows_written 1200\n"
                    "# TYPE report_last_success_timestamp_seconds gauge\n"
                    "report_last_success_timestamp_seconds " +
                        now + "\n");
        QVERIFY(step(6000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(answer()); // the lesson fast-forwards a minute
        QVERIFY(step(8000));
        QTRY_VERIFY2(m_run->passed(), qPrintable(m_run->checkStates().empty()
                                                     ? QString()
                                                     : m_run->checkStates().at(0).measured + u'|' +
                                                           m_run->checkStates().at(1).measured));
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 2);
    }
    void timestamps_aTimestampInTheLineOrMillisecondsDoNotPass() {
        QVERIFY(start(QStringLiteral("timestamps-event-push-scrape")));
        QVERIFY(answer());
        const QByteArray nowMs = QByteArray::number(m_clock->nowMs());
        // The typical mistake: the event time as the sample's timestamp. 400, nothing stored.
        curl({QStringLiteral("--data-binary"), QStringLiteral("@-"),
              gateway(*m_lab) + QStringLiteral("/metrics/job/report")},
             "# TYPE report_rows_written gauge\nreport_rows_written 1200 " + nowMs + "\n");
        QVERIFY(step(10000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(2).met);
        // The other: milliseconds in the gauge. Accepted, but not a Unix time in seconds.
        pushOutside("/metrics/job/report",
                    "# TYPE report_rows_written gauge\nreport_rows_written 1200\n"
                    "# TYPE report_last_success_timestamp_seconds gauge\n"
                    "report_last_success_timestamp_seconds " +
                        nowMs + "\n");
        QVERIFY(step(10000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QVERIFY(m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(m_run->checkStates().at(2).met);
    }

    // --- service discovery with the annotation keep rule ---
    void serviceDiscovery_studentDoesIt() {
        QVERIFY(start(QStringLiteral("service-discovery-keep")));
        QVERIFY(answer());
        QVERIFY(step(15000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // all three pods are scraped
        QVERIFY(!m_run->checkStates().at(2).met);
        QVERIFY(reload(*m_lab, sdConfig("      - source_labels: "
                                        "[__meta_kubernetes_pod_annotation_prometheus_io_scrape]\n"
                                        "        action: keep\n"
                                        "        regex: \"true\"\n")));
        // batch-worker's series end at its target's last scrape pass; then 10 s without it
        // (bounded: at most 45 s of lab time).
        QVERIFY(step(15000));
        for (int i = 0; i < 6 && m_run->currentStep() == 0; ++i) {
            QVERIFY(step(5000));
            m_run->evaluate();
        }
        QTRY_VERIFY2(m_run->currentStep() == 1, qPrintable(measured()));
        const QByteArray answer =
            curl({QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("-H"),
                  QStringLiteral("Content-Type: application/json"), QStringLiteral("-d"),
                  QStringLiteral(
                      R"({"namespace": "jobs", "key": "prometheus.io/scrape", "value": "true"})"),
                  server(*m_lab) + QStringLiteral("/lab/pods/batch-worker/annotate")});
        QVERIFY2(answer.contains("\"success\""), answer.constData());
        QVERIFY(step(10000));
        QTRY_VERIFY2(m_run->passed(), qPrintable(m_run->checkStates().empty()
                                                     ? QString()
                                                     : m_run->checkStates().at(0).measured + u'|' +
                                                           m_run->checkStates().at(1).measured));
    }
    void serviceDiscovery_aKeepOnTheWrongLabelOrDropDoesNotPass() {
        QVERIFY(start(QStringLiteral("service-discovery-keep")));
        QVERIFY(answer());
        // keep on a pod *label* of that name: no pod has one, every target is dropped.
        QVERIFY(reload(*m_lab, sdConfig("      - source_labels: "
                                        "[__meta_kubernetes_pod_label_prometheus_io_scrape]\n"
                                        "        action: keep\n"
                                        "        regex: \"true\"\n")));
        QVERIFY(step(12000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        QVERIFY(m_run->checkStates().at(2).met);
        // drop instead of keep: only the pod that did not ask is scraped.
        QVERIFY(reload(*m_lab, sdConfig("      - source_labels: "
                                        "[__meta_kubernetes_pod_annotation_prometheus_io_scrape]\n"
                                        "        action: drop\n"
                                        "        regex: \"true\"\n")));
        QVERIFY(step(12000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(2).met); // batch-worker is scraped
    }

    // --- honor_labels and exported_job ---
    void honorLabels_studentDoesIt() {
        QVERIFY(start(QStringLiteral("honor-labels-exported-job")));
        pushOutside("/metrics/job/invoice_export/instance/billing-1",
                    "# TYPE invoice_rows_exported gauge\ninvoice_rows_exported 1250\n");
        QVERIFY(step(6000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 0); // the prediction holds the checks
        // Without honor_labels the pushed job and instance are renamed, as by Prometheus 2.42.
        const QByteArray before = queryServer(
            R"(invoice_rows_exported{job="pushgateway", exported_job="invoice_export", )"
            R"(exported_instance="billing-1"})");
        QVERIFY2(before.contains("\"exported_instance\":\"billing-1\""), before.constData());
        QVERIFY(answer());
        QTRY_COMPARE(m_run->currentStep(), 1);
        QVERIFY(step(6000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1); // honor_labels is still false
        QVERIFY(reload(*m_lab, honorGatewayConfig(true)));
        QVERIFY(step(6000));
        m_run->evaluate();
        const QByteArray after =
            queryServer(R"(invoice_rows_exported{job="invoice_export", instance="billing-1"})");
        QVERIFY2(after.contains("\"job\":\"invoice_export\"") && !after.contains("exported_"),
                 after.constData());
        QVERIFY(step(12000)); // the series must hold for 10 s
        QTRY_VERIFY2(m_run->passed(), qPrintable(measured()));
        QCOMPARE(m_run->reportJson().value(QLatin1String("predictions_right")).toInt(), 1);
    }
    void honorLabels_honorLabelsLeftFalseOrSetOnTheWrongJobDoesNotPass() {
        QVERIFY(start(QStringLiteral("honor-labels-exported-job")));
        pushOutside("/metrics/job/invoice_export/instance/billing-1",
                    "# TYPE invoice_rows_exported gauge\ninvoice_rows_exported 1250\n");
        QVERIFY(answer(false));
        QVERIFY(step(6000));
        QTRY_COMPARE(m_run->currentStep(), 1);
        // honor_labels left false (the configuration reloaded unchanged): never passes.
        QVERIFY(reload(*m_lab, honorGatewayConfig(false)));
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->checkStates().at(0).met);
        QVERIFY(!m_run->checkStates().at(1).met);
        // honor_labels on the server's own scrape job: the gateway's series still say
        // job="pushgateway", exported_job="invoice_export".
        QVERIFY(reload(*m_lab, R"(global:
  scrape_interval: 5s
scrape_configs:
  - job_name: prometheus
    honor_labels: true
    static_configs:
      - targets: ['{{server}}']
  - job_name: pushgateway
    static_configs:
      - targets: ['{{gateway}}']
)"));
        QVERIFY(step(30000));
        m_run->evaluate();
        QCOMPARE(m_run->currentStep(), 1);
        QVERIFY(!m_run->passed());
        QVERIFY2(!m_run->checkStates().at(0).met, qPrintable(measured()));
        QVERIFY2(!m_run->checkStates().at(1).met, qPrintable(measured()));
        const QByteArray still = queryServer(R"(invoice_rows_exported{job="pushgateway"})");
        QVERIFY2(still.contains("\"exported_job\":\"invoice_export\""), still.constData());
    }

private:
    static QByteArray sdConfig(const char *rule) {
        return QByteArray(R"(global:
  scrape_interval: 5s
  scrape_timeout: 3s
scrape_configs:
  - job_name: kubernetes-pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
)") + rule +
               R"(      - source_labels: [__meta_kubernetes_pod_name]
        target_label: pod
)";
    }
    // GET /api/v1/query at the lab server with curl.
    QByteArray queryServer(const char *expr) {
        return curl({QStringLiteral("-G"), QStringLiteral("--data-urlencode"),
                     QStringLiteral("query=") + QString::fromUtf8(expr),
                     server(*m_lab) + QStringLiteral("/api/v1/query")});
    }
    // What the current step's checks measured, for a failure's message.
    QString measured() const {
        QStringList out;
        for (const LessonRun::CheckState &c : m_run->checkStates())
            out << c.measured;
        return out.join(u'|');
    }
    // POST /lab/gateway/restart with curl, as the lesson tells the student.
    bool restartGateway(bool persistence) {
        const QByteArray answer =
            curl({QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("-H"),
                  QStringLiteral("Content-Type: application/json"), QStringLiteral("-d"),
                  persistence ? QStringLiteral(R"({"persistence": true})")
                              : QStringLiteral(R"({"persistence": false})"),
                  server(*m_lab) + QStringLiteral("/lab/gateway/restart")});
        if (!answer.contains("\"success\""))
            qWarning("restart: %s", answer.constData());
        return answer.contains("\"success\"");
    }
    static constexpr const char *HybridConfig = R"(global:
  scrape_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['{{server}}']
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['{{gateway}}']
  - job_name: api
    static_configs:
      - targets: ['{{target:api-1}}', '{{target:api-2}}']
)";
    static constexpr const char *MigrateConfig = R"(global:
  scrape_interval: 5s
scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['{{gateway}}']
  - job_name: services
    static_configs:
      - targets: ['{{target:svc-a}}', '{{target:svc-b}}']
)";

    void pushOutside(const char *path, const QByteArray &body) {
        const QByteArray answer = curl({QStringLiteral("--data-binary"), QStringLiteral("@-"),
                                        gateway(*m_lab) + QLatin1String(path)},
                                       body);
        QVERIFY2(answer.isEmpty(), answer.constData());
    }

    void putOutside(const char *path, const QByteArray &body) {
        const QByteArray answer =
            curl({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("--data-binary"),
                  QStringLiteral("@-"), gateway(*m_lab) + QLatin1String(path)},
                 body);
        QVERIFY2(answer.isEmpty(), answer.constData());
    }

    static QByteArray honorGatewayConfig(bool honor) {
        return QByteArray(R"(global:
  scrape_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['{{server}}']
  - job_name: pushgateway
)") + (honor ? "    honor_labels: true\n" : "") +
               R"(    static_configs:
      - targets: ['{{gateway}}']
)";
    }

    bool start(const QString &id) {
        LessonLoadResult r = loadLessonByNameOrFile(id);
        for (const LessonError &e : r.errors)
            qWarning("%s", qPrintable(e.toString()));
        if (!r.lesson)
            return false;
        m_run = std::make_unique<LessonRun>(m_lab.get(), std::move(*r.lesson));
        QString error;
        if (!m_run->start(true, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }
    bool step(qint64 ms) { return test::stepLab(*m_clock, *m_lab, ms, 500); }
    // Answers the current step's prediction, right (or wrong): its checks count from then on.
    bool answer(bool right = true) {
        const Step &s = m_run->lesson().steps[std::size_t(m_run->currentStep())];
        if (!s.predict)
            return false;
        const int choice = right ? s.predict->answer : (s.predict->answer + 1) % 2;
        return m_run->answerPrediction(choice) == right;
    }

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab> m_lab;
    std::unique_ptr<LessonRun> m_run;
};

QTEST_GUILESS_MAIN(TestBuiltInLessons)
#include "tst_builtinlessons.moc"
