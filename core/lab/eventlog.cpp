#include "eventlog.h"

#include <algorithm>

namespace ppl {

EventLog::EventLog(qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max<qsizetype>(1, capacity)) {}

quint64 EventLog::append(LabEvent event) {
    event.cursor = m_next++;
    if (qsizetype(m_events.size()) >= m_capacity)
        m_events.pop_front();
    m_events.push_back(std::move(event));
    Q_EMIT appended(m_events.back());
    return m_events.back().cursor;
}

EventLog::Page EventLog::since(quint64 cursor, qsizetype max) const {
    Page page;
    page.next = cursor;
    if (m_events.empty() || cursor >= lastCursor() || max <= 0)
        return page;
    const quint64 first = m_events.front().cursor;
    quint64 from = cursor + 1;
    if (from < first) {
        page.truncated = true;
        from = first;
    }
    // Cursors are contiguous in the deque, so the start is an index computation.
    const auto begin = m_events.begin() + qsizetype(from - first);
    const auto end = begin + std::min<qsizetype>(max, m_events.end() - begin);
    page.events.assign(begin, end);
    page.next = page.events.back().cursor;
    return page;
}

void EventLog::clear() {
    m_events.clear();
}

} // namespace ppl
