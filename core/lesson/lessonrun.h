#pragma once

#include "lab/labevent.h"
#include "lesson.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace ppl {
class Lab;
}

namespace ppl::lesson {

// One student working through one lesson on a lab: the current step's checks are evaluated
// as the lab's state changes (on every lab event, and every second of lab time, so `for:`
// and `within:` are measured on the lab clock), steps pass in order, and everything a report
// needs is recorded: when each step began and passed, hints shown, predictions answered.
// The API is what a Lesson dock needs: signals for step changes and check states with the
// value they measured. Thread affinity: the lab's.
class LessonRun : public QObject {
    Q_OBJECT
public:
    // The live state of one condition of the current step.
    struct CheckState {
        bool met = false;           // holds now (for: included; an event: it happened)
        bool expired = false;       // its within: passed before it was met: the step cannot pass
        QString measured;           // what was measured ("2 series: up{…} = 0", the event's line)
        qint64 holdingSinceMs = -1; // a state condition holds since (lab clock), -1: not now
        qint64 metAtMs = -1;        // first met (lab clock)
    };
    struct StepRecord {
        qint64 startedMs = -1; // lab clock
        qint64 passedMs = -1;
        int hintsRequested = 0;
        int hintsShown = 0;        // requested and revealed by their delay
        int predictionChoice = -1; // the student's first answer (index), -1: none
        qint64 predictedMs = -1;   // when it was answered (lab clock)
        // When the checks began to count: the step's start, or for a step with a prediction
        // the answer (predict → observe → explain). within: is measured from here.
        qint64 checksFromMs = -1;
        std::vector<CheckState> checks;
        bool passed() const { return passedMs >= 0; }
    };
    // Fast-forwards the lab clock: false with *error when it cannot. Without one, the lab's
    // simulation clock is fast-forwarded (Lab::advanceClock), or a ManualClock advanced.
    using Advancer = std::function<bool(qint64 ms, QString *error)>;

    LessonRun(Lab *lab, Lesson lesson, QObject *parent = nullptr);
    ~LessonRun() override;

    void setStudent(const QString &name) { m_student = name; }
    QString student() const { return m_student; }
    void setLanguage(const QString &language) { m_language = language; }
    QString language() const { return m_language; }
    void setAdvancer(Advancer advancer) { m_advancer = std::move(advancer); }

    // Starts at the first step. With loadScenario the lab is reset to the lesson's scenario
    // first; false with *error when it does not start.
    bool start(bool loadScenario = true, QString *error = nullptr);
    bool isStarted() const { return m_started; }

    const Lesson &lesson() const { return m_lesson; }
    int currentStep() const { return m_step; } // == stepCount() when every step passed
    int stepCount() const { return int(m_lesson.steps.size()); }
    bool isFinished() const { return m_started && m_step >= stepCount(); }
    bool passed() const { return isFinished(); }
    const StepRecord &record(int step) const { return m_records.at(std::size_t(step)); }
    // The current step's conditions (empty when finished).
    std::vector<CheckState> checkStates() const;
    // A step's Markdown with the lab's real addresses in place of {{gateway}}, {{server}},
    // {{target:NAME}}; render() does it for any text of the lesson.
    QString stepText(int step) const;
    QString render(const Text &text) const;
    QString render(const QString &text) const;
    // Milliseconds on the lab clock from start to the last step's pass (-1: not passed).
    qint64 timeToPassMs() const;

    // The student's answer to the current step's prediction (index into choices); the first
    // answer counts. True when it was right. A step with a prediction holds its checks (they
    // are not evaluated, the step cannot pass) and its actions until the first answer; events
    // since the step began still count once it is answered.
    bool answerPrediction(int choice);
    // The current step waits for the answer to its prediction before its checks count.
    bool awaitingPrediction() const;
    // Reveals the current step's next hint: its index, or -1 when none is left.
    int revealHint();
    int hintsRevealed(int step) const { return record(step).hintsShown; }

    // Evaluates the current step now (also done on lab events and every lab second).
    void evaluate();

    // The report (docs/lessons.md): top-level passed, student, lesson, steps[{id, passed, …}].
    QJsonObject reportJson() const;
    bool writeReport(const QString &file, QString *error = nullptr) const;

Q_SIGNALS:
    void stepStarted(int step);
    void stepPassed(int step);
    void checksChanged(int step); // a condition's state or measured value changed
    void hintRevealed(int step, int hint);
    void predictionAnswered(int step, bool correct);
    void actionFailed(int step, const QString &path, const QString &error);
    void finished(bool passed);
    void changed(); // anything the report holds changed

private:
    void beginStep(int step);
    void runAction(int step, const LessonAction &action);
    void startActions(int step);
    void scheduleEvaluate();
    void tick();
    bool evaluateState(const Condition &c, QString *measured) const;
    bool matchesEvent(const Condition &c, const LabEvent &event) const;
    qint64 now() const;

    QPointer<Lab> m_lab;
    Lesson m_lesson;
    QString m_student;
    QString m_language;
    Advancer m_advancer;
    std::vector<StepRecord> m_records;
    int m_step = 0;
    bool m_started = false;
    bool m_evaluatePending = false;
    quint64 m_cursor = 0; // events read up to here
    quint64 m_tickTimer = 0;
    qint64 m_startedMs = -1;
};

// Which kind of failure a scrape error is: timeout, refused, http, parse or other.
QString scrapeErrorKind(const QString &error);

} // namespace ppl::lesson
