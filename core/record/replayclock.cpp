#include "replayclock.h"

namespace ppl::record {

ReplayClock::ReplayClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_now(startMs) {}

Clock::TimerId ReplayClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn) {
    const TimerId id = m_nextId++;
    m_queue.emplace(std::pair{atMs, id}, Pending{context, context != nullptr, std::move(fn)});
    m_dueById.emplace(id, atMs);
    return id;
}

void ReplayClock::cancel(TimerId id) {
    const auto it = m_dueById.find(id);
    if (it == m_dueById.end())
        return;
    m_queue.erase({it->second, id});
    m_dueById.erase(it);
}

void ReplayClock::setNowMs(qint64 ms) {
    m_now = ms;
    while (!m_queue.empty() && m_queue.begin()->first.first <= ms) {
        auto node = m_queue.extract(m_queue.begin());
        m_dueById.erase(node.key().second);
        Pending &p = node.mapped();
        if (!p.hasContext || p.context)
            p.fn();
    }
}

} // namespace ppl::record
