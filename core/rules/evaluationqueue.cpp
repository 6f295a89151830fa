#include "evaluationqueue.h"

#include "rulegroup.h"

namespace ppl::rules {

EvaluationQueue::EvaluationQueue(QObject *parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &EvaluationQueue::runOne);
}

void EvaluationQueue::enqueue(RuleGroup *group) {
    m_waiting.emplace_back(group);
    if (!m_timer.isActive())
        m_timer.start();
}

void EvaluationQueue::runOne() {
    while (!m_waiting.empty()) {
        QPointer<RuleGroup> group = m_waiting.front();
        m_waiting.pop_front();
        if (group) {
            group->resumeEvaluation(); // may enqueue it again, at the back
            break;
        }
    }
    if (!m_waiting.empty())
        m_timer.start();
}

} // namespace ppl::rules
