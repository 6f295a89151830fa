#pragma once

#include "util/clock.h"

#include <QPointer>

#include <map>

namespace ppl::record {

// The clock of a replayed lab: its time is the replay position, which moves anywhere,
// backwards too. Callbacks (the store's retention sweep) run when the position passes their
// due time going forwards; going backwards runs none.
class ReplayClock : public Clock {
    Q_OBJECT
public:
    explicit ReplayClock(qint64 startMs, QObject *parent = nullptr);
    qint64 nowMs() const override { return m_now; }
    TimerId callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    void setNowMs(qint64 ms);

private:
    struct Pending {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void()> fn;
    };
    qint64 m_now;
    TimerId m_nextId = 1;
    std::map<std::pair<qint64, TimerId>, Pending> m_queue;
    std::map<TimerId, qint64> m_dueById;
};

} // namespace ppl::record
