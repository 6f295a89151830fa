#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace ppl::rules {

class RuleGroup;

// Where rule groups wait for their next step on the lab's thread. Prometheus runs each group
// on a goroutine of its own; the lab evaluates the expressions on worker threads and applies
// their results here, one rule at a time, and the groups take turns, one step per pass of the
// event loop (a zero timer, so that sockets, timers and the window get their turn in between).
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
