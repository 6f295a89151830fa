#pragma once

#include "lab/lab.h"
#include "scrape/scrapemanager.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QtTest>

#include <optional>

namespace ppl::test {

// One target, web-1, scraped every 5 s with a 2 s timeout.
inline const QByteArray OneService = R"(
prometheus: |
  global:
    scrape_interval: 5s
    scrape_timeout: 2s
  scrape_configs:
    - job_name: app
      static_configs:
        - targets: ['{{target:web-1}}']
targets:
  - name: web-1
)";

// The last stored sample of the one series matching name and labels (nullopt if none).
inline std::optional<StoredSample> lastSample(SeriesStore *store, const QByteArray &name,
                                              const std::vector<LabelPair> &labels = {}) {
    std::vector<LabelMatcher> m;
    m.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", name));
    for (const LabelPair &l : labels)
        m.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, l.name, l.value));
    const auto ids = store->select(m);
    if (ids.empty())
        return std::nullopt;
    return store->lastSample(ids.front());
}

// The scrape loop of the first target of job `job` (nullptr if it has none).
inline ScrapeLoop *loopOf(const Lab &lab, const QByteArray &job) {
    for (ScrapeLoop *l : lab.scrapeManager()->loops())
        if (l->target().jobName == job)
            return l;
    return nullptr;
}

inline bool noScrapeInFlight(Lab &lab) {
    for (ScrapeLoop *l : lab.scrapeManager()->loops())
        if (l->isScraping())
            return false;
    return true;
}

// Advances the lab clock `ms` in steps of `stepMs`, letting the scrapes each step starts (real
// loopback HTTP) finish before the next; keep steps shorter than the scrape timeout. False if
// a scrape did not finish within 5 s of wall time.
inline bool stepLab(ManualClock &clock, Lab &lab, qint64 ms, qint64 stepMs = 1000) {
    for (qint64 done = 0; done < ms; done += stepMs) {
        clock.advance(std::min(stepMs, ms - done));
        if (!QTest::qWaitFor([&] { return noScrapeInFlight(lab); }, 5000))
            return false;
    }
    return true;
}

inline Scenario scenarioFrom(const QByteArray &yaml) {
    const ScenarioLoadResult r = loadScenario(yaml, QStringLiteral("test.yaml"));
    if (r.error)
        qWarning("%s", qPrintable(r.error->toString()));
    return r.scenario.value_or(Scenario{});
}

} // namespace ppl::test

// Advances the lab clock in 1 s steps, letting every scrape started by a step finish (on
// real loopback HTTP) before the next step.
#define PPL_STEP(clock, lab, ms)                                                                   \
    for (qint64 total_ = (ms), stepped_ = 0; stepped_ < total_; stepped_ += 1000) {                \
        (clock).advance(std::min<qint64>(1000, total_ - stepped_));                                \
        QTRY_VERIFY_WITH_TIMEOUT(ppl::test::noScrapeInFlight(lab), 5000);                          \
    }
