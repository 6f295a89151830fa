#pragma once

#include "labevent.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <optional>
#include <vector>

namespace ppl {

class Lab;
struct TargetRequest;

// What the running lab shows about the pull and the push model, measured from the Lab's public
// signals, its event log, its store and its gateway (never from what the models promise): the
// live columns of the comparison table. Headless; figures are computed when asked.
//
// Freshness is "from a value changing to it reaching the store". A simulated target's values
// are pure functions of its own clock, so change times are knowable: with an HTTP workload the
// busiest route's http_requests_total steps at known instants (the inverse of
// workloadRequests); other profiles change continuously, and every instant counts as a
// change (sampled evenly). Each change reaches the store when the first successful scrape
// whose answer was rendered after it ends. For push, the change is the push the gateway
// accepted, and it reaches the store when the next successful scrape of the gateway ends.
// Thread affinity: the lab's thread.
class ModelMeasurements : public QObject {
    Q_OBJECT
public:
    // A target that stopped answering (killed, hung, firewalled, erroring, unreachable) and
    // when the store's `up` for it turned 0 (detectedAtMs, -1 while not yet).
    struct Death {
        QByteArray target;
        QString cause; // "killed", "hang", "firewall", "error", "flap", "unreachable"
        qint64 atMs = -1;
        qint64 detectedAtMs = -1;
        bool recovered = false; // alive again before any detection
        // A program the lab does not run (the student's own app): nobody saw it die, so atMs
        // is when it was last seen up (its last good scrape) and the detection time is an
        // upper bound. cause is "stopped".
        bool outside = false;
        qint64 detectionMs() const { return detectedAtMs < 0 ? -1 : detectedAtMs - atMs; }
    };
    // A push job's run that ended: nothing in the store ever says so, the pushed group lingers.
    struct JobEnd {
        QByteArray job;
        JobRunState state = JobRunState::Succeeded; // how it ended
        qint64 endedMs = -1;
        qint64 lastPushMs = -1;   // the gateway's push time of the job's group, -1: none
        qint64 storedPushMs = -1; // push_time_seconds as the store's latest sample has it
        bool stillServed = false; // the store's latest sample of it is not a stale marker
        bool detected = false;    // anything in the store reflects the end (never, by design)
    };

    struct Pull {
        qint64 freshnessMedianMs = -1; // change -> store, over the last changes
        qsizetype freshnessSamples = 0;
        bool exactChangeTimes = false; // some target had a stepping counter (else continuous)
        qint64 scrapeIntervalMs = -1;  // the configured interval of the targets' loops (median)
        std::optional<Death> lastDeath;
        qint64 detectionMedianMs = -1;
        int deaths = 0, detected = 0;
        // Runs of jobs that only expose /metrics while they run (push: none).
        int ephemeralRuns = 0, ephemeralMissed = 0, ephemeralShorterThanInterval = 0;
        quint64 scrapes = 0, failedScrapes = 0;
        double scrapesPerSecond = 0; // over the last minute of lab time
        int targets = 0, pods = 0;
        // Of targets: programs outside the lab (the student's own app); exporters and the
        // server scraping itself count as targets, not as outside.
        int outside = 0;
    };
    struct Push {
        qint64 freshnessMedianMs = -1; // accepted push -> stored by a scrape of the gateway
        qsizetype freshnessSamples = 0;
        qint64 gatewayIntervalMs = -1;
        std::optional<JobEnd> lastJobEnd;
        int lingeringGroups = 0;          // groups whose pushers are not running now
        qint64 oldestLingeringAgeMs = -1; // now - push_time of the oldest of them
        int runs = 0, runsPushed = 0;     // ended runs of pushing jobs, and those whose push got in
        quint64 pushes = 0, failedPushes = 0;
        double pushesPerSecond = 0; // over the last minute of lab time
        int jobs = 0, groups = 0;
        // Grouping keys pushed from outside the lab (curl, client libraries), and their
        // pushes (also counted in pushes and failedPushes).
        int outsidePushers = 0;
        quint64 outsidePushes = 0;
    };

    explicit ModelMeasurements(Lab *lab, QObject *parent = nullptr);

    Pull pull() const;
    Push push() const;
    void reset(); // forget everything measured (a new scenario does this)

    static constexpr qsizetype Window = 256; // delays kept for each median

private:
    void onEvent(const LabEvent &event);
    void onTargetRequest(const TargetRequest &request);
    void onScrape(const LabEvent &event, const ScrapeEvent &scrape);
    void onTarget(const LabEvent &event, const TargetEvent &target);
    void addDeath(const Death &death);
    void onJob(const LabEvent &event, const JobEvent &run);
    void onPush(const LabEvent &event, const PushEvent &push);
    void onOutsidePush(const LabEvent &event, const GatewayEvent &push);
    void countPush(qint64 atMs, bool ok);
    void addPullChanges(const QByteArray &target, qint64 fromMs, qint64 toMs, qint64 storedMs);
    qint64 intervalOf(const QByteArray &subject) const; // of the loop scraping it; -1: none
    bool storeSaysDown(const QByteArray &instance) const;

    QPointer<Lab> m_lab;
    qint64 m_resetMs = 0;
    std::deque<qint64> m_pullDelays, m_pushDelays, m_scrapeTimes, m_pushTimes;
    bool m_exact = false;
    quint64 m_scrapes = 0, m_failedScrapes = 0, m_pushes = 0, m_failedPushes = 0;
    QHash<QByteArray, qint64> m_renderedMs; // target -> when it last rendered /metrics
    QHash<QByteArray, qint64> m_storedUpTo; // target -> render time of its last stored scrape
    QHash<QByteArray, Death> m_openDeaths;  // target -> its death not yet detected or healed
    QHash<QByteArray, qint64> m_lastUpMs;   // outside target -> end of its last good scrape
    quint64 m_outsidePushes = 0;
    std::vector<Death> m_deaths;         // every death, oldest first (bounded)
    std::vector<qint64> m_pendingPushes; // accepted, not yet stored by a gateway scrape
    struct EphemeralRun {
        qint64 startMs = 0;
        bool scraped = false;
    };
    QHash<QByteArray, EphemeralRun> m_ephemeral; // None-mode job -> its running run
    QHash<QByteArray, bool> m_pushedThisRun;     // pushing job -> its run's push got in
    int m_ephemeralRuns = 0, m_ephemeralMissed = 0, m_ephemeralShort = 0;
    int m_pushRuns = 0, m_pushRunsPushed = 0;
    std::optional<JobEnd> m_lastJobEnd;
};

} // namespace ppl
