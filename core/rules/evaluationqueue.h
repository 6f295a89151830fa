#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace ppl::rules {

class RuleGroup;

// Where rule groups that evaluate in slices wait for their next slice. Prometheus runs each
// group on a goroutine of its own; the lab has one thread, so a long evaluation is cut into
// slices of a few milliseconds and the groups take turns, one slice per pass of the event
// loop (a zero timer, so that sockets, timers and the window get their turn in between).
// Thread affinity: the rule manager's.
class EvaluationQueue : public QObject {
    Q_OBJECT
public:
    explicit EvaluationQueue(QObject *parent = nullptr);
    // group->resumeEvaluation() runs on a later pass, after the groups already waiting.
    void enqueue(RuleGroup *group);

private:
    void runOne();

    std::deque<QPointer<RuleGroup>> m_waiting;
    QTimer m_timer;
};

} // namespace ppl::rules
