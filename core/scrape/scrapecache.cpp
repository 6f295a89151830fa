#include "scrapecache.h"

#include <algorithm>

namespace ppl {

ScrapeCache::Entry *ScrapeCache::get(const QByteArray &seriesText) {
    auto it = m_series.find(seriesText);
    if (it == m_series.end())
        return nullptr;
    it->lastIter = m_iter;
    return &*it;
}

bool ScrapeCache::isDropped(const QByteArray &seriesText) {
    auto it = m_dropped.find(seriesText);
    if (it == m_dropped.end())
        return false;
    *it = m_iter;
    return true;
}

void ScrapeCache::add(const QByteArray &seriesText, SeriesStore::SeriesId id) {
    m_series.insert(seriesText, Entry{id, m_iter});
}

void ScrapeCache::sortCurrent() {
    if (m_curSorted)
        return;
    std::sort(m_seriesCur.begin(), m_seriesCur.end());
    m_seriesCur.erase(std::unique(m_seriesCur.begin(), m_seriesCur.end()), m_seriesCur.end());
    m_curSorted = true;
}

void ScrapeCache::forEachStale(const std::function<void(SeriesStore::SeriesId)> &fn) {
    sortCurrent();
    auto cur = m_seriesCur.cbegin();
    for (SeriesStore::SeriesId id : m_seriesPrev) {
        while (cur != m_seriesCur.cend() && *cur < id)
            ++cur;
        if (cur == m_seriesCur.cend() || *cur != id)
            fn(id);
    }
}

void ScrapeCache::iterDone(bool flush) {
    const qsizetype count = m_series.size() + m_dropped.size();
    if (flush)
        m_successfulCount = count;
    else if (count > m_successfulCount * 2 + 1000)
        flush = true; // varying series in failing scrapes must not grow the cache forever
    if (flush) {
        for (auto it = m_series.begin(); it != m_series.end();) {
            if (it->lastIter != m_iter)
                it = m_series.erase(it);
            else
                ++it;
        }
        for (auto it = m_dropped.begin(); it != m_dropped.end();) {
            if (*it != m_iter)
                it = m_dropped.erase(it);
            else
                ++it;
        }
        // Prometheus keeps metadata for 10 scrapes after its metric disappeared.
        for (auto it = m_metadata.begin(); it != m_metadata.end();) {
            if (m_iter - it->lastIter > 10)
                it = m_metadata.erase(it);
            else
                ++it;
        }
    }
    sortCurrent();
    std::swap(m_seriesPrev, m_seriesCur);
    m_seriesCur.clear(); // keeps its capacity for the next scrape
    ++m_iter;
}

} // namespace ppl
