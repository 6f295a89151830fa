#pragma once

#include "labevent.h"

#include <QObject>

#include <deque>
#include <vector>

namespace ppl {

// The lab's timeline, bounded in memory: the oldest events go when capacity is reached.
// Readers poll incrementally with since(cursor); a reader that fell behind by more than the
// capacity is told so (truncated) and continues from the oldest event still held.
// Thread affinity: the lab's thread.
class EventLog : public QObject {
    Q_OBJECT
public:
    explicit EventLog(qsizetype capacity = 20000, QObject *parent = nullptr);

    // Stamps the cursor and stores the event; returns the cursor.
    quint64 append(LabEvent event);

    struct Page {
        std::vector<LabEvent> events; // cursor > the one asked for, oldest first
        quint64 next = 0;             // pass this to the next since()
        bool truncated = false;       // events after the asked cursor were already dropped
    };
    Page since(quint64 cursor, qsizetype max = 1000) const;

    quint64 lastCursor() const { return m_next - 1; }
    qsizetype size() const { return qsizetype(m_events.size()); }
    qsizetype capacity() const { return m_capacity; }
    void clear(); // drops the events; cursors keep growing

Q_SIGNALS:
    void appended(const ppl::LabEvent &event);

private:
    qsizetype m_capacity;
    std::deque<LabEvent> m_events;
    quint64 m_next = 1;
};

} // namespace ppl
