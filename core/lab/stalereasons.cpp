#include "stalereasons.h"

#include "eventlog.h"
#include "labevent.h"

#include <QCoreApplication>

#include <algorithm>

namespace ppl {

namespace {

QByteArray targetKey(QByteArrayView job, QByteArrayView instance) {
    QByteArray key(job.data(), job.size());
    key.append('\0');
    key.append(instance.data(), instance.size());
    return key;
}

template <class Deque> auto findStart(const Deque &scrapes, qint64 startMs) {
    return std::lower_bound(scrapes.begin(), scrapes.end(), startMs,
                            [](const auto &s, qint64 t) { return s.startMs < t; });
}

} // namespace

QString StaleReason::text() const {
    switch (kind) {
    case Kind::TargetDown:
        return error.isEmpty()
                   ? QCoreApplication::translate("ppl::StaleReason", "target down")
                   : QCoreApplication::translate("ppl::StaleReason", "target down: %1").arg(error);
    case Kind::SeriesVanished:
        return QCoreApplication::translate("ppl::StaleReason",
                                           "series vanished from the scrape (the target "
                                           "answered without it)");
    case Kind::EndOfScrape:
        return QCoreApplication::translate("ppl::StaleReason",
                                           "end of scrape: target no longer scraped");
    case Kind::Unknown:
        break;
    }
    return QCoreApplication::translate("ppl::StaleReason", "stale (the reason is no longer known)");
}

StaleReasons::StaleReasons(EventLog *events, QObject *parent)
    : QObject(parent) {
    if (events)
        connect(events, &EventLog::appended, this, &StaleReasons::onEvent);
}

void StaleReasons::onEvent(const LabEvent &event) {
    const ScrapeEvent *e = event.as<ScrapeEvent>();
    if (!e)
        return;
    Scrape s{e->startMs, e->up(), e->error};
    std::deque<Scrape> &mine = m_byTarget[targetKey(e->job, e->instance)];
    mine.push_back(s);
    if (qsizetype(mine.size()) > ScrapesKeptPerTarget)
        mine.pop_front();
    // Scrapes of several targets finish out of start order: keep this one sorted by start.
    auto at = m_recent.end();
    while (at != m_recent.begin() && std::prev(at)->startMs > s.startMs)
        --at;
    m_recent.insert(at, std::move(s));
    if (qsizetype(m_recent.size()) > ScrapesKept)
        m_recent.pop_front();
}

StaleReason StaleReasons::fromScrape(const Scrape &s) {
    StaleReason r;
    r.kind = s.up ? StaleReason::Kind::SeriesVanished : StaleReason::Kind::TargetDown;
    r.error = s.error;
    return r;
}

StaleReason StaleReasons::explain(const Labels &series, qint64 staleMs) const {
    const auto it = m_byTarget.constFind(
        targetKey(series.value(QByteArrayView("job")), series.value(QByteArrayView("instance"))));
    if (it != m_byTarget.cend() && !it->empty()) {
        const auto at = findStart(*it, staleMs);
        if (at != it->end() && at->startMs == staleMs)
            return fromScrape(*at);
        // No scrape of this target started then: the end-of-run markers of a target that
        // left the configuration (their time is when the next scrape would have been).
        if (staleMs >= it->front().startMs)
            return {StaleReason::Kind::EndOfScrape, {}};
        return {};
    }
    // Not named after a scrape target (honor_labels): the scrape that started then, if one.
    auto at = findStart(m_recent, staleMs);
    const Scrape *match = nullptr;
    for (; at != m_recent.end() && at->startMs == staleMs; ++at) {
        if (match)
            return {}; // two scrapes then: which one it was is not known
        match = &*at;
    }
    if (match)
        return fromScrape(*match);
    if (!m_recent.empty() && staleMs >= m_recent.front().startMs)
        return {StaleReason::Kind::EndOfScrape, {}};
    return {};
}

} // namespace ppl
