// A recording round-trips: a live lab (manual clock, real sockets) recorded, reopened, and the
// replayed state at time T equals the live state at T: the same query results (instant and
// range, evaluated at T) and the same events, forwards and after stepping back.
#include "lab/lab.h"
#include "pushgateway/metricgroups.h"
#include "pushgateway/pushgatewayserver.h"
#include "query/engine.h"
#include "record/recording.h"
#include "record/replaysession.h"
#include "record/sessionrecorder.h"
#include "storage/seriesstore.h"

#include "../support/labtesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>

using namespace ppl;
using namespace ppl::record;
using ppl::test::scenarioFrom;

namespace {

const QByteArrayList Queries = {
    "up",
    "scrape_samples_scraped",
    "push_time_seconds",
    "ALERTS",
    "count by (job) ({__name__=~\".+\"})",
    "rate(scrape_duration_seconds[30s])",
    "time() - push_time_seconds",
};

// A query result as text, exact to the bit (NaN and stale markers included).
QString resultText(const query::Engine::Outcome &outcome) {
    if (const auto *e = std::get_if<query::QueryError>(&outcome))
        return QStringLiteral("error: ") + e->message;
    const auto &r = std::get<query::QueryResult>(outcome);
    QString out = QStringLiteral("type %1 t %2 scalar %3\n")
                      .arg(int(r.type))
                      .arg(r.t)
                      .arg(std::bit_cast<quint64>(r.scalar));
    std::vector<QString> lines;
    for (const query::Series &s : r.series) {
        QString line = s.metric.toString();
        for (const query::Point &p : s.points)
            line += QStringLiteral(" %1@%2").arg(std::bit_cast<quint64>(p.v)).arg(p.t);
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    for (const QString &l : lines)
        out += l + QLatin1Char('\n');
    return out;
}

struct State {
    QStringList queries;
    QList<QJsonObject> events;
};

State stateAt(const Lab &lab, qint64 t) {
    State s;
    const query::Engine engine(*lab.store());
    for (const QByteArray &q : Queries) {
        s.queries << QString::fromUtf8(q) + QStringLiteral(" = ") +
                         resultText(engine.instantQuery(q, t));
        s.queries << QString::fromUtf8(q) + QStringLiteral("[range] = ") +
                         resultText(engine.rangeQuery(q, t - 60'000, t, 5000));
    }
    for (EventLog::Page page = lab.events()->since(0, 5000); !page.events.empty();
         page = lab.events()->since(page.next, 5000)) {
        for (const LabEvent &e : page.events) {
            if (e.atMs > t)
                return s;
            QJsonObject o = e.toJson();
            o.remove(QStringLiteral("cursor"));
            s.events << o;
        }
    }
    return s;
}

// Ten targets scraped every second, and the gateway with a pushing job: what
// bytesPerMinute measures, and enough kinds of events for the round trip.
const QByteArray TenTargets = R"(
name: ten-targets
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 900ms
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:t0}}', '{{target:t1}}', '{{target:t2}}', '{{target:t3}}', '{{target:t4}}',
                    '{{target:t5}}', '{{target:t6}}', '{{target:t7}}', '{{target:t8}}', '{{target:t9}}']
    - job_name: pushgateway
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - {name: t0}
  - {name: t1}
  - {name: t2}
  - {name: t3}
  - {name: t4}
  - {name: t5}
  - {name: t6}
  - {name: t7}
  - {name: t8}
  - {name: t9}
jobs:
  - name: backup
    duration: 2s
    push: push
    every: 20s
    run_at_start: true
rules: |
  groups:
    - name: lab
      interval: 1s
      rules:
        - alert: TargetDown
          expr: up == 0
          for: 3s
)";

// Steps the lab ms in 500 ms steps, letting scrapes and pushes (real HTTP) finish each step.
bool step(ManualClock &clock, Lab &lab, qint64 ms) {
    for (qint64 done = 0; done < ms; done += 500) {
        clock.advance(500);
        if (!QTest::qWaitFor([&] { return ppl::test::noScrapeInFlight(lab); }, 5000))
            return false;
        QCoreApplication::processEvents();
    }
    return true;
}

} // namespace

class TestRecordingRoundTrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replayedStateEqualsLiveState() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.pplrec"));
        ManualClock clock;
        Lab lab(LabOptions{&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(TenTargets), &error), qPrintable(error));
        QVERIFY(step(clock, lab, 3000)); // some history before the recording starts
        SessionRecorder recorder(&lab);
        QVERIFY2(recorder.start(path, &error), qPrintable(error));
        const qint64 start = clock.nowMs();

        std::vector<std::pair<qint64, State>> live;
        QVERIFY(step(clock, lab, 6000));
        live.emplace_back(clock.nowMs(), stateAt(lab, clock.nowMs()));
        QVERIFY(lab.killTarget("t3", &error)); // up 0, then a TargetDown alert
        QVERIFY(step(clock, lab, 7000));
        live.emplace_back(clock.nowMs(), stateAt(lab, clock.nowMs()));
        // What the Jobs and Gateway docks read live at live[1], for the replay's to match.
        const std::vector<GroupSnapshot> liveGroups = lab.gateway()->groups()->groups();
        const std::optional<JobRun> liveRun = lab.job("backup")->lastRun();
        QVERIFY(liveRun && liveRun->finished && liveRun->push);
        QVERIFY(lab.startTarget("t3", &error));
        QVERIFY(step(clock, lab, 12'500));
        live.emplace_back(clock.nowMs(), stateAt(lab, clock.nowMs()));
        // A moment between two scrapes, not on a flush boundary.
        QVERIFY(step(clock, lab, 1500));
        const qint64 end = clock.nowMs();
        live.emplace_back(end - 700, stateAt(lab, end - 700));
        recorder.stop();
        QVERIFY(!recorder.isRecording());
        // The events of time T are all those the lab logged at T or before: a push answered
        // after the state was taken is logged at the same lab time. What was seen at T is
        // their beginning.
        for (auto &[t, state] : live) {
            const QList<QJsonObject> seen = state.events;
            state.events = stateAt(lab, t).events;
            QVERIFY(state.events.size() >= seen.size());
            QCOMPARE(state.events.mid(0, seen.size()), seen);
        }

        // The live states are worth comparing: alerts fired, the job pushed, t3 went down.
        const State &down = live[1].second;
        QVERIFY(
            down.queries.join(QLatin1Char('\n')).contains(QLatin1String("alertstate=\"firing\"")));
        QVERIFY(std::any_of(down.events.begin(), down.events.end(), [](const QJsonObject &e) {
            return e.value(QStringLiteral("kind")).toString() == QLatin1String("push");
        }));

        auto session = ReplaySession::open(path, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->startMs(), start);
        QCOMPARE(session->endMs(), end);
        QCOMPARE(session->scenario().name, QStringLiteral("ten-targets"));
        QVERIFY(session->lab()->scrapeManager()->loops().empty()); // nothing runs
        QVERIFY(session->lab()->targets().isEmpty());
        QVERIFY(session->lab()->apiServer() == nullptr);

        // Forwards, then backwards, then forwards again: the same state each time.
        const std::vector<int> order = {0, 1, 2, 3, 1, 0, 3, 2};
        for (const int i : order) {
            const auto &[t, expected] = live[size_t(i)];
            QVERIFY(session->seek(t));
            QCOMPARE(session->positionMs(), t);
            QCOMPARE(session->lab()->clock()->nowMs(), t);
            const State replayed = stateAt(*session->lab(), t);
            QCOMPARE(replayed.queries.size(), expected.queries.size());
            for (int q = 0; q < expected.queries.size(); ++q)
                QCOMPARE(replayed.queries[q], expected.queries[q]);
            // Every event up to T is in the replayed log, and none after it.
            QCOMPARE(replayed.events.size(), expected.events.size());
            QCOMPARE(session->lab()->events()->size(), expected.events.size());
            for (int e = 0; e < expected.events.size(); ++e)
                QCOMPARE(replayed.events[e], expected.events[e]);
        }

        // What the window draws at T: t3 down and its alert firing just before live[1] (t3
        // starts again at live[1]).
        QVERIFY(session->seek(live[1].first - 500));
        const auto alerts = session->alertsAt();
        QVERIFY(std::any_of(alerts.begin(), alerts.end(), [](const ReplaySession::AlertAt &a) {
            return a.alert == "TargetDown" && a.state == rules::AlertState::Firing;
        }));
        const auto targets = session->targetsAt();
        const auto t3 =
            std::find_if(targets.begin(), targets.end(),
                         [](const ReplaySession::TargetAt &t) { return t.name == "t3"; });
        QVERIFY(t3 != targets.end());

        QVERIFY(t3->lab);
        QVERIFY(!t3->running);
        QCOMPARE(int(t3->health), int(TargetHealth::Down));
        // The Jobs and Gateway docks' rows at live[1]: the job's definition and last run, the
        // gateway's groups and who pushed them, as the live lab had them.
        QVERIFY(session->seek(live[1].first));
        const auto jobs = session->jobsAt();
        QCOMPARE(jobs.size(), size_t(1));
        QCOMPARE(jobs[0].spec.name, QByteArray("backup"));
        QCOMPARE(jobs[0].spec.repeatEveryMs, lab.job("backup")->spec().repeatEveryMs);
        QCOMPARE(int(jobs[0].spec.pushMode), int(JobPushMode::Push));
        QVERIFY(jobs[0].lastRun);
        QCOMPARE(jobs[0].lastRun->number, liveRun->number);
        QCOMPARE(jobs[0].lastRun->finished, liveRun->finished);
        QCOMPARE(jobs[0].lastRun->succeeded, liveRun->succeeded);
        QCOMPARE(jobs[0].lastRun->endMs, liveRun->endMs);
        QVERIFY(jobs[0].lastRun->push);
        QCOMPARE(jobs[0].lastRun->push->ok, liveRun->push->ok);
        QCOMPARE(jobs[0].lastRun->push->status, liveRun->push->status);
        const auto groups = session->groupsAt();
        QCOMPARE(groups.size(), liveGroups.size());
        for (size_t i = 0; i < groups.size(); ++i) {
            QCOMPARE(GroupingKey(groups[i].key).toString(), liveGroups[i].key.toString());
            QCOMPARE(groups[i].pushedBy, QByteArray("backup"));
            QVERIFY(groups[i].lastPushOk);
        }
        QVERIFY(session->hasGateway());
        QVERIFY(session->seek(live[2].first));
        QVERIFY(session->alertsAt().empty());
        // The job's first run ended before the recording began: its events came along with
        // the log, so the start already shows it.
        QVERIFY(session->seek(session->startMs()));
        QVERIFY(session->jobsAt().at(0).lastRun);
        QCOMPARE(session->jobsAt().at(0).lastRun->number, quint64(1));
    }

    // The size of a recording: 10 targets scraped every second, recorded for a lab minute.
    void bytesPerMinute() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("minute.pplrec"));
        ManualClock clock;
        Lab lab(LabOptions{&clock});
        QString error;
        QVERIFY2(lab.loadScenario(scenarioFrom(TenTargets), &error), qPrintable(error));
        SessionRecorder recorder(&lab);
        QVERIFY2(recorder.start(path, &error), qPrintable(error));
        const qint64 afterStart = recorder.bytesWritten();
        QVERIFY(step(clock, lab, 60'000));
        recorder.stop();
        const qint64 bytes = QFileInfo(path).size();
        QCOMPARE(bytes, recorder.bytesWritten());
        const auto r = Recording::open(path, &error);
        QVERIFY2(r, qPrintable(error));
        qInfo("10 targets at 1 s, 60 s: %lld bytes (%lld at start), %lld samples in %lld series, "
              "%lld events, %zu chunks: %.1f bytes/sample",
              bytes, afterStart, r->sampleCount(), r->seriesCount(), r->eventCount(),
              r->chunks().size(), double(bytes) / double(r->sampleCount()));
        QVERIFY(r->sampleCount() > 10 * 55 * 5); // ≥ the five report series of each scrape
        QVERIFY(r->eventCount() >= 10 * 55);
        // Bounded: well under a megabyte a minute (an hour's workshop stays under 60 MB).
        QVERIFY2(bytes < 1'000'000, qPrintable(QString::number(bytes)));
    }
};

QTEST_GUILESS_MAIN(TestRecordingRoundTrip)
#include "tst_recordingroundtrip.moc"
