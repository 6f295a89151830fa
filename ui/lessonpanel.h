#pragma once

#include "lesson/lesson.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QAbstractButton;
class QButtonGroup;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTextBrowser;
class QVBoxLayout;

namespace ppl {

class Lab;

namespace lesson {
class LessonRun;
}

// The Lesson dock: one lesson run over the lab (lesson::LessonRun). It shows the steps with
// progress, the current step's text (Markdown, with the lab's real addresses in place of the
// placeholders, each command with a Copy button), the prediction question (answered before
// acting; its explanation once the step passed), every check's live state with what it
// measured, hints one by one on request, the explanation of the step just passed, and a
// finish page with the time each step took. It holds no lesson logic of its own.
class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(Lab *lab, QWidget *parent = nullptr);
    ~LessonPanel() override;

    // Starts the lesson on the lab (which is reset to the lesson's scenario first). False
    // with *error when it cannot start; a lesson running before is closed either way.
    bool startLesson(lesson::Lesson lesson, QString *error = nullptr);
    bool hasLesson() const { return m_run != nullptr; }
    lesson::LessonRun *run() const { return m_run.get(); }
    // Leaving a lesson the student is in the middle of asks first (a finished lesson does
    // not): true to go on (no lesson, finished, or the student agreed). Tests answer instead
    // of the message box.
    bool confirmLeave();
    void setLeavePrompt(std::function<bool()> prompt) { m_leavePrompt = std::move(prompt); }
    void closeLesson(); // without asking

    // What the current step shows (tests, and the window's copy actions).
    QStringList commands() const { return m_commands; } // the copyable code, in text order
    void copyCommand(int index) const;                  // to the clipboard
    QString stepTextShown() const;                      // the rendered step text, as plain text
    QStringList checkTexts() const;                     // one line per check, mark first
    QStringList hintTexts() const;                      // the hints revealed so far
    QString explanationText() const;                    // of the step just passed
    QString progressText() const;
    bool isShowingFinishPage() const;
    QString finishText() const;
    QPushButton *hintButton() const { return m_hintButton; }
    QPushButton *answerButton() const { return m_answerButton; }
    // Chooses a choice of the current prediction (as a click on its radio button would).
    void choosePrediction(int choice);
    QString predictionFeedback() const;

    // A lesson's condition in words ("target web-1 killed", "alert TargetDown firing").
    static QString conditionText(const lesson::Condition &condition);
    // The lab's node a condition is about ("server", "gateway", a target or job name).
    QByteArray conditionNode(const lesson::Condition &condition) const;

Q_SIGNALS:
    void lessonStarted(const QString &title);
    void lessonClosed();
    void chooseLessonRequested(); // the empty page's button
    void errorOccurred(const QString &message);
    // A check became met: the node it is about (for the topology to flash).
    void checkMet(const QByteArray &node);
    // A step passed at this lab time (for the timeline to mark).
    void stepPassed(qint64 atMs, const QString &label);

private:
    void showStep(int step);
    void refreshSteps();
    void refreshChecks();
    void refreshHints();
    void showFinishPage();
    void onStepPassed(int step);
    void saveReport();
    QString lang() const;
    QString fmtDuration(qint64 ms) const;

    QPointer<Lab> m_lab;
    std::unique_ptr<lesson::LessonRun> m_run;
    std::function<bool()> m_leavePrompt;
    std::vector<bool> m_lastMet; // the current step's checks at the last refresh

    QStackedWidget *m_pages;
    QWidget *m_emptyPage;
    QWidget *m_stepPage;
    QWidget *m_finishPage;
    QScrollArea *m_stepScroll = nullptr;
    QLabel *m_title;
    QProgressBar *m_progress;
    QListWidget *m_steps;
    QPushButton *m_closeButton;
    // step page
    QGroupBox *m_passedBox;
    QLabel *m_passedLabel;
    QLabel *m_stepTitle;
    QTextBrowser *m_text;
    QWidget *m_commandsBox;
    QVBoxLayout *m_commandsLayout;
    QGroupBox *m_predictBox;
    QLabel *m_predictQuestion;
    QWidget *m_predictChoices;
    QVBoxLayout *m_predictChoicesLayout;
    QButtonGroup *m_predictGroup;
    QPushButton *m_answerButton;
    QLabel *m_predictFeedback;
    QGroupBox *m_checksBox;
    QLabel *m_checks;
    QGroupBox *m_hintsBox;
    QLabel *m_hints;
    QPushButton *m_hintButton;
    // finish page
    QLabel *m_finish;
    QStringList m_commands;
    QString m_explanation;
    int m_shownStep = -1;
};

} // namespace ppl
