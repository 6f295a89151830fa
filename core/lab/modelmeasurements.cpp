#include "modelmeasurements.h"

#include "lab.h"
#include "pushgateway/groupingkey.h"
#include "pushgateway/pushgatewayserver.h"
#include "scrape/scrapemanager.h"
#include "sim/batchjob.h"
#include "sim/simulatedtarget.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

constexpr qint64 RateWindowMs = 60'000;
constexpr int ChangesPerScrape = 16; // changes sampled between two stored scrapes

qint64 median(const std::deque<qint64> &d) {
    if (d.empty())
        return -1;
    std::vector<qint64> v(d.begin(), d.end());
    std::nth_element(v.begin(), v.begin() + qsizetype(v.size() / 2), v.end());
    return v[v.size() / 2];
}

qint64 median(std::vector<qint64> v) {
    if (v.empty())
        return -1;
    std::nth_element(v.begin(), v.begin() + qsizetype(v.size() / 2), v.end());
    return v[v.size() / 2];
}

void keep(std::deque<qint64> &d, qint64 value) {
    d.push_back(value);
    while (qsizetype(d.size()) > ModelMeasurements::Window)
        d.pop_front();
}

void trimBefore(std::deque<qint64> &d, qint64 oldestMs) {
    while (!d.empty() && d.front() <= oldestMs)
        d.pop_front();
}

// Events a second over the last RateWindowMs, or since the reset if that is more recent (but
// over at least a second, so a fresh reset does not divide by almost nothing).
double perSecond(std::deque<qint64> times, qint64 nowMs, qint64 resetMs) {
    trimBefore(times, nowMs - RateWindowMs);
    const double window = double(std::clamp<qint64>(nowMs - resetMs, 1000, RateWindowMs)) / 1000;
    return double(times.size()) / window;
}

// When, in (fromMs, toMs], the exposition of a process started at startMs changes. With an
// HTTP workload the busiest route's counter floor(W(t)·share) steps at the instants where
// W(t)·share crosses an integer (W is monotonic, so bisection finds them); other profiles
// move continuously, so evenly spread instants stand for "every moment is a change".
std::vector<qint64> changeTimes(const MetricProfile &profile, qint64 startMs, qint64 fromMs,
                                qint64 toMs, bool *exact) {
    std::vector<qint64> out;
    fromMs = std::max(fromMs, startMs);
    if (toMs <= fromMs)
        return out;
    if (profile.http && !profile.http->routes.isEmpty()) {
        const HttpWorkload &w = *profile.http;
        double shares = 0, top = 0;
        for (const auto &r : w.routes) {
            shares += std::max(0.0, r.share);
            top = std::max(top, r.share);
        }
        if (shares > 0 && top > 0) {
            const double p = top / shares;
            const auto count = [&](double ms) {
                return workloadRequests(w, (ms - double(startMs)) / 1000.0) * p;
            };
            const double first = std::floor(count(double(fromMs))) + 1;
            const double last = std::floor(count(double(toMs)));
            *exact = true;
            if (last < first)
                return out;
            const double n = last - first + 1;
            const int samples = int(std::min<double>(n, ChangesPerScrape));
            for (int i = 0; i < samples; ++i) {
                const double k =
                    samples == 1 ? first : std::floor(first + (n - 1) * i / (samples - 1));
                double lo = double(fromMs), hi = double(toMs);
                for (int it = 0; it < 40 && hi - lo > 0.5; ++it) {
                    const double mid = (lo + hi) / 2;
                    (count(mid) >= k ? hi : lo) = mid;
                }
                out.push_back(qint64(std::ceil(hi)));
            }
            return out;
        }
    }
    for (int i = 0; i < ChangesPerScrape; ++i)
        out.push_back(fromMs + qint64(double(toMs - fromMs) * (i + 0.5) / ChangesPerScrape));
    return out;
}

QString deathCause(const TargetEvent &e) {
    if (!e.running)
        return QStringLiteral("killed");
    switch (e.fault) {
    case TargetFault::Hang:
    case TargetFault::Firewall:
    case TargetFault::Error:
    case TargetFault::Flap:
        return targetFaultName(e.fault);
    case TargetFault::None:
    case TargetFault::Slow:
        break;
    }
    if (!e.listening)
        return QStringLiteral("unreachable");
    return {};
}

std::vector<LabelMatcher> equalMatchers(const QByteArray &name,
                                        const std::vector<LabelPair> &labels) {
    std::vector<LabelMatcher> m;
    m.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", name));
    for (const LabelPair &l : labels)
        m.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, l.name, l.value));
    return m;
}

} // namespace

ModelMeasurements::ModelMeasurements(Lab *lab, QObject *parent)
    : QObject(parent)
    , m_lab(lab) {
    if (!lab)
        return;
    m_resetMs = lab->clock()->nowMs();
    connect(lab->events(), &EventLog::appended, this, &ModelMeasurements::onEvent);
    connect(lab, &Lab::targetRequest, this, &ModelMeasurements::onTargetRequest);
    connect(lab, &Lab::scenarioLoaded, this, &ModelMeasurements::reset);
}

void ModelMeasurements::reset() {
    m_resetMs = m_lab ? m_lab->clock()->nowMs() : 0;
    m_pullDelays.clear();
    m_pushDelays.clear();
    m_scrapeTimes.clear();
    m_pushTimes.clear();
    m_exact = false;
    m_scrapes = m_failedScrapes = m_pushes = m_failedPushes = 0;
    m_renderedMs.clear();
    m_storedUpTo.clear();
    m_openDeaths.clear();
    m_lastUpMs.clear();
    m_outsidePushes = 0;
    m_deaths.clear();
    m_pendingPushes.clear();
    m_ephemeral.clear();
    m_pushedThisRun.clear();
    m_ephemeralRuns = m_ephemeralMissed = m_ephemeralShort = 0;
    m_pushRuns = m_pushRunsPushed = 0;
    m_lastJobEnd.reset();
}

void ModelMeasurements::onTargetRequest(const TargetRequest &r) {
    m_renderedMs.insert(r.target, r.answeredMs);
}

void ModelMeasurements::onEvent(const LabEvent &e) {
    if (const auto *scrape = e.as<ScrapeEvent>())
        onScrape(e, *scrape);
    else if (const auto *target = e.as<TargetEvent>())
        onTarget(e, *target);
    else if (const auto *run = e.as<JobEvent>())
        onJob(e, *run);
    else if (const auto *push = e.as<PushEvent>())
        onPush(e, *push);
    else if (const auto *received = e.as<GatewayEvent>(); received && received->external)
        onOutsidePush(e, *received);
}

qint64 ModelMeasurements::intervalOf(const QByteArray &subject) const {
    if (!m_lab || !m_lab->scrapeManager())
        return -1;
    for (ScrapeLoop *l : m_lab->scrapeManager()->loops())
        if (m_lab->subjectOf(l->target()) == subject)
            return l->target().intervalMs;
    return -1;
}

bool ModelMeasurements::storeSaysDown(const QByteArray &instance) const {
    SeriesStore *store = m_lab ? m_lab->store() : nullptr;
    if (!store)
        return false;
    for (SeriesStore::SeriesId id : store->select(equalMatchers("up", {{"instance", instance}})))
        if (auto s = store->lastSample(id); s && s->value == 0)
            return true;
    return false;
}

void ModelMeasurements::onScrape(const LabEvent &e, const ScrapeEvent &scrape) {
    const bool ok = scrape.up();
    const qint64 startMs = scrape.startMs;
    if (e.subject == "gateway") {
        if (!ok)
            return;
        // The gateway answers with what it held when the request arrived.
        std::erase_if(m_pendingPushes, [&](qint64 p) {
            if (p > startMs)
                return false;
            keep(m_pushDelays, e.atMs - p);
            return true;
        });
        return;
    }
    ++m_scrapes;
    m_scrapeTimes.push_back(e.atMs);
    trimBefore(m_scrapeTimes, e.atMs - RateWindowMs);
    // A program the lab does not run: its death shows only as a scrape failing after good
    // ones (the student's own app stopped).
    const bool outside = m_lab && !m_lab->target(e.subject) && !m_lab->job(e.subject);
    if (outside && ok) {
        m_lastUpMs.insert(e.subject, e.atMs);
        if (auto it = m_openDeaths.find(e.subject); it != m_openDeaths.end()) {
            it->recovered = true;
            addDeath(*it);
            m_openDeaths.erase(it);
        }
    } else if (outside && m_lastUpMs.contains(e.subject) && !m_openDeaths.contains(e.subject)) {
        Death d{e.subject, QStringLiteral("stopped"), m_lastUpMs.take(e.subject), -1, false};
        d.outside = true;
        m_openDeaths.insert(e.subject, d);
    }
    if (!ok) {
        ++m_failedScrapes;
        auto it = m_openDeaths.find(e.subject);
        if (it != m_openDeaths.end() && e.atMs >= it->atMs && storeSaysDown(scrape.instance)) {
            it->detectedAtMs = e.atMs;
            addDeath(*it);
            m_openDeaths.erase(it);
        }
        return;
    }
    // A run of a job that only exposes /metrics while it runs was caught by this scrape (the
    // lab names such a scrape after the job).
    if (auto run = m_ephemeral.find(e.subject); run != m_ephemeral.end() && startMs >= run->startMs)
        run->scraped = true;
    SimulatedTarget *t = m_lab ? m_lab->target(e.subject) : nullptr;
    if (!t)
        return;
    // The body was rendered when the target answered (later than the start when slow).
    qint64 rendered = m_renderedMs.value(e.subject, startMs);
    if (rendered < startMs || rendered > e.atMs)
        rendered = startMs;
    const qint64 from = std::max(m_storedUpTo.value(e.subject, t->startTimeMs()), t->startTimeMs());
    m_storedUpTo.insert(e.subject, rendered);
    for (qint64 c : changeTimes(t->options().profile, t->startTimeMs(), from, rendered, &m_exact))
        keep(m_pullDelays, e.atMs - c);
}

void ModelMeasurements::addDeath(const Death &death) {
    m_deaths.push_back(death);
    if (qsizetype(m_deaths.size()) > Window) // a flapping world must not grow without bound
        m_deaths.erase(m_deaths.begin());
}

void ModelMeasurements::onTarget(const LabEvent &e, const TargetEvent &target) {
    if (target.change == TargetEvent::Change::Removed)
        return;
    const QString cause = deathCause(target);
    auto it = m_openDeaths.find(e.subject);
    if (cause.isEmpty()) {
        if (it != m_openDeaths.end()) {
            it->recovered = true;
            addDeath(*it);
            m_openDeaths.erase(it);
        }
        return;
    }
    if (it == m_openDeaths.end())
        m_openDeaths.insert(e.subject, Death{e.subject, cause, e.atMs, -1, false});
}

void ModelMeasurements::onJob(const LabEvent &e, const JobEvent &run) {
    BatchJob *job = m_lab ? m_lab->job(e.subject) : nullptr;
    if (!job)
        return;
    const bool exposes = job->spec().pushMode == JobPushMode::None;
    if (run.state == JobRunState::Running) {
        if (exposes)
            m_ephemeral.insert(e.subject, EphemeralRun{e.atMs, false});
        else
            m_pushedThisRun.insert(e.subject, false);
        return;
    }
    if (exposes) {
        const auto ephemeral = m_ephemeral.take(e.subject);
        ++m_ephemeralRuns;
        m_ephemeralMissed += !ephemeral.scraped;
        const qint64 interval = intervalOf(e.subject);
        m_ephemeralShort += interval > 0 && e.atMs - ephemeral.startMs < interval;
        return;
    }
    ++m_pushRuns;
    m_pushRunsPushed += m_pushedThisRun.take(e.subject);
    JobEnd end;
    end.job = e.subject;
    end.state = run.state;
    // The run's own end: the event comes after the push's answer, which takes real time.
    end.endedMs = job->lastRun() && job->lastRun()->endMs > 0 ? job->lastRun()->endMs : e.atMs;
    m_lastJobEnd = end;
}

void ModelMeasurements::countPush(qint64 atMs, bool ok) {
    ++m_pushes;
    m_pushTimes.push_back(atMs);
    trimBefore(m_pushTimes, atMs - RateWindowMs);
    if (!ok) {
        ++m_failedPushes;
        return;
    }
    m_pendingPushes.push_back(atMs);
    if (qsizetype(m_pendingPushes.size()) > Window) // nobody scrapes the gateway
        m_pendingPushes.erase(m_pendingPushes.begin());
}

// A push from outside the lab (curl, a client library), as the gateway received it: a push
// like the lab's own, for the counts, the rates and the freshness.
void ModelMeasurements::onOutsidePush(const LabEvent &e, const GatewayEvent &push) {
    if (push.method == u"DELETE")
        return;
    ++m_outsidePushes;
    countPush(e.atMs, push.ok);
}

void ModelMeasurements::onPush(const LabEvent &e, const PushEvent &push) {
    if (push.isDelete())
        return;
    countPush(e.atMs, push.result.ok);
    if (!push.result.ok)
        return;
    if (m_pushedThisRun.contains(e.subject))
        m_pushedThisRun.insert(e.subject, true);
}

ModelMeasurements::Pull ModelMeasurements::pull() const {
    Pull p;
    p.freshnessMedianMs = median(m_pullDelays);
    p.freshnessSamples = qsizetype(m_pullDelays.size());
    p.exactChangeTimes = m_exact;
    p.scrapes = m_scrapes;
    p.failedScrapes = m_failedScrapes;
    p.ephemeralRuns = m_ephemeralRuns;
    p.ephemeralMissed = m_ephemeralMissed;
    p.ephemeralShorterThanInterval = m_ephemeralShort;
    std::vector<qint64> detections;
    const Death *last = nullptr;
    for (const Death &d : m_deaths) {
        ++p.deaths;
        if (d.detectedAtMs >= 0 && !d.outside) { // an outside one's time is only a bound
            ++p.detected;
            detections.push_back(d.detectionMs());
        }
        if (!last || d.atMs >= last->atMs)
            last = &d;
    }
    for (const Death &d : m_openDeaths) {
        ++p.deaths;
        if (!last || d.atMs >= last->atMs)
            last = &d;
    }
    if (last)
        p.lastDeath = *last;
    p.detectionMedianMs = median(std::move(detections));
    if (!m_lab)
        return p;
    const qint64 now = m_lab->clock()->nowMs();
    p.scrapesPerSecond = perSecond(m_scrapeTimes, now, m_resetMs);
    // One pass over the loops (a lookup per target would be targets x loops).
    QHash<QByteArray, qint64> intervalBySubject;
    if (ScrapeManager *scraper = m_lab->scrapeManager())
        for (ScrapeLoop *l : scraper->loops())
            intervalBySubject.insert(m_lab->subjectOf(l->target()), l->target().intervalMs);
    std::vector<qint64> intervals;
    for (SimulatedTarget *t : m_lab->targets()) {
        ++p.targets;
        p.pods += m_lab->isPod(t->name());
        if (const qint64 i = intervalBySubject.value(t->name(), -1); i > 0)
            intervals.push_back(i);
    }
    // The configuration's other targets: the student's own programs, real exporters.
    for (const ScrapeSubject &s : m_lab->unsimulatedScrapeSubjects()) {
        ++p.targets;
        p.outside += s.kind == ScrapeSubject::Kind::Outside;
        if (s.target.intervalMs > 0)
            intervals.push_back(s.target.intervalMs);
    }
    p.scrapeIntervalMs = median(std::move(intervals));
    return p;
}

ModelMeasurements::Push ModelMeasurements::push() const {
    Push p;
    p.freshnessMedianMs = median(m_pushDelays);
    p.freshnessSamples = qsizetype(m_pushDelays.size());
    p.runs = m_pushRuns;
    p.runsPushed = m_pushRunsPushed;
    p.pushes = m_pushes;
    p.failedPushes = m_failedPushes;
    p.lastJobEnd = m_lastJobEnd;
    if (!m_lab)
        return p;
    const qint64 now = m_lab->clock()->nowMs();
    p.pushesPerSecond = perSecond(m_pushTimes, now, m_resetMs);
    p.jobs = int(m_lab->jobs().size());
    p.outsidePushers = int(m_lab->outsidePushers().size());
    p.outsidePushes = m_outsidePushes;
    PushgatewayServer *gateway = m_lab->gateway();
    if (gateway) {
        p.gatewayIntervalMs = intervalOf("gateway");
        // Who is pushing right now: running jobs and running self-pushing targets.
        std::vector<GroupingKey> live;
        for (BatchJob *j : m_lab->jobs())
            if (j->isRunning() || j->isRepeating())
                live.emplace_back(j->groupingKey());
        for (SimulatedTarget *t : m_lab->targets())
            if (t->isRunning() && t->options().push) {
                auto key = t->options().push->groupingKey;
                if (key.empty())
                    key = {{"job", t->name()}};
                live.emplace_back(key);
            }
        for (const GroupSnapshot &g : gateway->groups()->groups()) {
            ++p.groups;
            if (g.pushTimeMs <= 0 || std::find(live.begin(), live.end(), g.key) != live.end())
                continue;
            ++p.lingeringGroups;
            p.oldestLingeringAgeMs = std::max(p.oldestLingeringAgeMs, now - g.pushTimeMs);
        }
    }
    if (p.lastJobEnd) {
        JobEnd &end = *p.lastJobEnd;
        if (BatchJob *job = m_lab->job(end.job)) {
            const GroupingKey key(job->groupingKey());
            if (gateway)
                if (auto g = gateway->groups()->group(key); g && g->pushTimeMs > 0)
                    end.lastPushMs = g->pushTimeMs;
            // What the server's store has: push_time_seconds with the group's labels (as
            // honor_labels keeps them), the latest sample only.
            SeriesStore *store = m_lab->store();
            for (SeriesStore::SeriesId id :
                 store->select(equalMatchers("push_time_seconds", key.labels())))
                if (auto s = store->lastSample(id)) {
                    end.stillServed = !isStaleMarker(s->value);
                    if (end.stillServed)
                        end.storedPushMs = qint64(std::llround(s->value * 1000));
                }
        }
        // Nothing is written when a pusher stops: no series turns 0, push_time_seconds just
        // ages. "Detected" would need a rule comparing it with time().
        end.detected = false;
    }
    return p;
}

} // namespace ppl
