#include "scrapecache.h"

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

void ScrapeCache::forEachStale(const std::function<void(SeriesStore::SeriesId)> &fn) const {
    for (SeriesStore::SeriesId id : m_seriesPrev) {
        if (!m_seriesCur.contains(id))
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
    }
    std::swap(m_seriesPrev, m_seriesCur);
    m_seriesCur.clear();
    ++m_iter;
}

} // namespace ppl
