#include "lessonpanel.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "lesson/lessonrun.h"
#include "util/clock.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ppl {

using lesson::Condition;
using lesson::LessonRun;

namespace {

// The code a student may want to copy from a step's Markdown: fenced blocks, and inline code
// that is a command or an address (curl …, http://…), in text order.
QStringList copyableCode(const QString &markdown) {
    struct Found {
        qsizetype at;
        QString code;
    };
    std::vector<Found> found;
    static const QRegularExpression fence(QStringLiteral("```[^\\n]*\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QString rest = markdown;
    for (auto it = fence.globalMatch(markdown); it.hasNext();) {
        const auto m = it.next();
        QString code = m.captured(1);
        while (code.endsWith(u'\n'))
            code.chop(1);
        if (!code.trimmed().isEmpty())
            found.push_back({m.capturedStart(), code});
        // Blank the block so its backticks are not read as inline code.
        rest.replace(m.capturedStart(), m.capturedLength(), QString(m.capturedLength(), u' '));
    }
    static const QRegularExpression inlineCode(QStringLiteral("`([^`\\n]+)`"));
    for (auto it = inlineCode.globalMatch(rest); it.hasNext();) {
        const auto m = it.next();
        const QString code = m.captured(1).trimmed();
        if (code.contains(QLatin1String("://")) || code.startsWith(QLatin1String("curl ")) ||
            code.startsWith(QLatin1String("python")) || code.startsWith(QLatin1String("echo ")))
            found.push_back({m.capturedStart(), code});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Found &a, const Found &b) { return a.at < b.at; });
    QStringList out;
    for (const Found &f : found)
        if (!out.contains(f.code))
            out << f.code;
    return out;
}

QString labelsText(const std::vector<LabelPair> &labels) {
    QStringList parts;
    for (const LabelPair &l : labels)
        parts << QString::fromUtf8(l.name) + u'=' + QString::fromUtf8(l.value);
    return parts.join(u',');
}

} // namespace

LessonPanel::LessonPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_pages(new QStackedWidget)
    , m_emptyPage(new QWidget)
    , m_stepPage(new QWidget)
    , m_finishPage(new QWidget)
    , m_title(new QLabel)
    , m_progress(new QProgressBar)
    , m_steps(new QListWidget)
    , m_closeButton(new QPushButton(tr("Close lesson")))
    , m_passedBox(new QGroupBox)
    , m_passedLabel(new QLabel)
    , m_stepTitle(new QLabel)
    , m_text(new QTextBrowser)
    , m_commandsBox(new QWidget)
    , m_commandsLayout(new QVBoxLayout(m_commandsBox))
    , m_predictBox(new QGroupBox(tr("Predict first")))
    , m_predictQuestion(new QLabel)
    , m_predictChoices(new QWidget)
    , m_predictChoicesLayout(new QVBoxLayout(m_predictChoices))
    , m_predictGroup(new QButtonGroup(this))
    , m_answerButton(new QPushButton(tr("Lock in my prediction")))
    , m_predictFeedback(new QLabel)
    , m_checksBox(new QGroupBox(tr("Checks (all must hold)")))
    , m_checks(new QLabel)
    , m_hintsBox(new QGroupBox(tr("Hints")))
    , m_hints(new QLabel)
    , m_hintButton(new QPushButton)
    , m_finish(new QLabel) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // Header: title, progress, the steps, close.
    auto *header = new QWidget;
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    titleRow->addWidget(m_title, 1);
    m_closeButton->setToolTip(tr("Leave this lesson; the lab stays as it is"));
    titleRow->addWidget(m_closeButton, 0, Qt::AlignTop);
    headerLayout->addLayout(titleRow);
    m_progress->setTextVisible(true);
    headerLayout->addWidget(m_progress);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::NoFocus);
    headerLayout->addWidget(m_steps);
    layout->addWidget(header);
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        if (confirmLeave())
            closeLesson();
    });

    // No lesson: a pointer to the chooser.
    {
        auto *l = new QVBoxLayout(m_emptyPage);
        auto *label = new QLabel(tr("No lesson is open. A lesson guides you step by step and "
                                    "checks what the running lab actually does."));
        label->setWordWrap(true);
        l->addWidget(label);
        auto *choose = new QPushButton(tr("Choose a lesson…"));
        connect(choose, &QPushButton::clicked, this, &LessonPanel::chooseLessonRequested);
        l->addWidget(choose, 0, Qt::AlignLeft);
        l->addStretch(1);
    }

    // A step: what passed last, the text, its commands, the prediction, checks, hints.
    {
        auto *content = new QWidget;
        auto *l = new QVBoxLayout(content);
        l->setContentsMargins(0, 0, 0, 0);
        auto *passedLayout = new QVBoxLayout(m_passedBox);
        m_passedLabel->setWordWrap(true);
        m_passedLabel->setTextFormat(Qt::RichText);
        passedLayout->addWidget(m_passedLabel);
        l->addWidget(m_passedBox);
        QFont stepFont = m_stepTitle->font();
        stepFont.setBold(true);
        m_stepTitle->setFont(stepFont);
        m_stepTitle->setWordWrap(true);
        l->addWidget(m_stepTitle);
        m_text->setReadOnly(true);
        m_text->setOpenExternalLinks(true);
        m_text->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_text->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_text->setFrameShape(QFrame::NoFrame);
        m_text->viewport()->setAutoFillBackground(false);
        // As tall as its text: the page scrolls, not the text.
        connect(m_text->document()->documentLayout(),
                &QAbstractTextDocumentLayout::documentSizeChanged, m_text,
                [this](QSizeF size) { m_text->setFixedHeight(int(std::ceil(size.height())) + 4); });
        l->addWidget(m_text);
        m_commandsLayout->setContentsMargins(0, 0, 0, 0);
        m_commandsLayout->setSpacing(2);
        l->addWidget(m_commandsBox);

        auto *predictLayout = new QVBoxLayout(m_predictBox);
        m_predictQuestion->setWordWrap(true);
        predictLayout->addWidget(m_predictQuestion);
        m_predictChoicesLayout->setContentsMargins(0, 0, 0, 0);
        predictLayout->addWidget(m_predictChoices);
        predictLayout->addWidget(m_answerButton, 0, Qt::AlignLeft);
        m_predictFeedback->setWordWrap(true);
        predictLayout->addWidget(m_predictFeedback);
        l->addWidget(m_predictBox);
        connect(m_answerButton, &QPushButton::clicked, this, [this] {
            if (m_run && m_predictGroup->checkedId() >= 0)
                m_run->answerPrediction(m_predictGroup->checkedId());
        });
        connect(m_predictGroup, &QButtonGroup::idToggled, this,
                [this] { m_answerButton->setEnabled(m_predictGroup->checkedId() >= 0); });

        auto *checksLayout = new QVBoxLayout(m_checksBox);
        m_checks->setWordWrap(true);
        m_checks->setTextFormat(Qt::RichText);
        m_checks->setTextInteractionFlags(Qt::TextSelectableByMouse);
        checksLayout->addWidget(m_checks);
        l->addWidget(m_checksBox);

        auto *hintsLayout = new QVBoxLayout(m_hintsBox);
        m_hints->setWordWrap(true);
        m_hints->setTextFormat(Qt::RichText);
        hintsLayout->addWidget(m_hints);
        hintsLayout->addWidget(m_hintButton, 0, Qt::AlignLeft);
        l->addWidget(m_hintsBox);
        connect(m_hintButton, &QPushButton::clicked, this, [this] {
            if (m_run)
                m_run->revealHint();
        });
        l->addStretch(1);

        m_stepScroll = new QScrollArea;
        m_stepScroll->setWidgetResizable(true);
        m_stepScroll->setFrameShape(QFrame::NoFrame);
        m_stepScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_stepScroll->setWidget(content);
        auto *pageLayout = new QVBoxLayout(m_stepPage);
        pageLayout->setContentsMargins(0, 0, 0, 0);
        pageLayout->addWidget(m_stepScroll);
    }

    // Finished: time per step, the report.
    {
        auto *content = new QWidget;
        auto *l = new QVBoxLayout(content);
        m_finish->setWordWrap(true);
        m_finish->setTextFormat(Qt::RichText);
        m_finish->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->addWidget(m_finish);
        auto *buttons = new QHBoxLayout;
        auto *save = new QPushButton(tr("Save report…"));
        connect(save, &QPushButton::clicked, this, &LessonPanel::saveReport);
        auto *another = new QPushButton(tr("Choose another lesson…"));
        connect(another, &QPushButton::clicked, this, &LessonPanel::chooseLessonRequested);
        buttons->addWidget(save);
        buttons->addWidget(another);
        buttons->addStretch(1);
        l->addLayout(buttons);
        l->addStretch(1);
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(content);
        auto *pageLayout = new QVBoxLayout(m_finishPage);
        pageLayout->setContentsMargins(0, 0, 0, 0);
        pageLayout->addWidget(scroll);
    }

    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_stepPage);
    m_pages->addWidget(m_finishPage);
    layout->addWidget(m_pages, 1);
    closeLesson();
}

LessonPanel::~LessonPanel() = default;

QString LessonPanel::lang() const {
    return m_run ? m_run->language() : lesson::defaultLessonLanguage();
}

QString LessonPanel::fmtDuration(qint64 ms) const {
    if (ms < 0)
        return tr("—");
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

bool LessonPanel::startLesson(lesson::Lesson lesson, QString *error) {
    closeLesson();
    if (!m_lab) {
        if (error)
            *error = tr("There is no lab to run the lesson on.");
        return false;
    }
    auto run = std::make_unique<LessonRun>(m_lab, std::move(lesson));
    run->setStudent(QSettings().value(QStringLiteral("lesson/student")).toString());
    LessonRun *r = run.get();
    m_run = std::move(run);
    connect(r, &LessonRun::stepStarted, this, &LessonPanel::showStep);
    connect(r, &LessonRun::stepPassed, this, &LessonPanel::onStepPassed);
    connect(r, &LessonRun::checksChanged, this, [this] { refreshChecks(); });
    connect(r, &LessonRun::hintRevealed, this, [this] { refreshHints(); });
    connect(r, &LessonRun::predictionAnswered, this, [this] {
        const auto &step = m_run->lesson().steps[std::size_t(m_run->currentStep())];
        const int choice = m_run->record(m_run->currentStep()).predictionChoice;
        if (step.predict && choice >= 0)
            m_predictFeedback->setText(
                tr("You predicted: %1. Now do the step and watch the checks.")
                    .arg(step.predict->choices.value(choice).in(lang())));
        m_answerButton->setEnabled(false);
        for (QAbstractButton *b : m_predictGroup->buttons())
            b->setEnabled(false);
        refreshChecks();
    });
    connect(r, &LessonRun::finished, this, [this] { showFinishPage(); });
    connect(r, &LessonRun::actionFailed, this,
            [this](int, const QString &path, const QString &message) {
                Q_EMIT errorOccurred(tr("The lesson's action %1 failed: %2").arg(path, message));
            });
    m_title->setText(r->lesson().title.in(lang()));
    m_closeButton->setVisible(true);
    m_progress->setVisible(true);
    m_steps->setVisible(true);
    m_passedBox->hide();
    m_explanation.clear();
    if (!r->start(true, error)) {
        closeLesson();
        return false;
    }
    Q_EMIT lessonStarted(m_title->text());
    return true;
}

bool LessonPanel::confirmLeave() {
    if (!m_run || m_run->isFinished())
        return true;
    if (m_leavePrompt)
        return m_leavePrompt();
    QMessageBox box(QMessageBox::Question, tr("Leave the lesson?"),
                    tr("You are on step %1 of %2 of the lesson “%3”. Leaving ends it; your "
                       "progress is not kept.")
                        .arg(m_run->currentStep() + 1)
                        .arg(m_run->stepCount())
                        .arg(m_run->lesson().title.in(lang())),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.button(QMessageBox::Yes)->setText(tr("&Leave the lesson"));
    box.button(QMessageBox::No)->setText(tr("&Stay"));
    box.setDefaultButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void LessonPanel::closeLesson() {
    const bool had = m_run != nullptr;
    if (m_run) {
        m_run->disconnect(this);
        m_run.reset();
    }
    m_title->setText(tr("Lesson"));
    m_closeButton->setVisible(false);
    m_progress->setVisible(false);
    m_steps->clear();
    m_steps->setVisible(false);
    m_commands.clear();
    m_explanation.clear();
    m_lastMet.clear();
    m_shownStep = -1;
    m_pages->setCurrentWidget(m_emptyPage);
    if (had)
        Q_EMIT lessonClosed();
}

void LessonPanel::refreshSteps() {
    if (!m_run)
        return;
    const int current = m_run->currentStep();
    const int count = m_run->stepCount();
    m_progress->setRange(0, count);
    m_progress->setValue(std::min(current, count));
    m_progress->setFormat(progressText());
    m_steps->clear();
    for (int i = 0; i < count; ++i) {
        const auto &step = m_run->lesson().steps[std::size_t(i)];
        const QString mark = i < current    ? QStringLiteral("✔")
                             : i == current ? QStringLiteral("▶")
                                            : QStringLiteral("○");
        const QString title = step.title.isEmpty() ? step.id : step.title.in(lang());
        auto *item = new QListWidgetItem(tr("%1 %2. %3").arg(mark).arg(i + 1).arg(title));
        if (i == current) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        } else if (i < current) {
            item->setForeground(LabPalette::okColor());
        }
        m_steps->addItem(item);
    }
    // As tall as the steps, up to five: the step's text needs the room.
    const int rows = std::clamp(count, 1, 5);
    m_steps->setFixedHeight(m_steps->sizeHintForRow(0) * rows + 2 * m_steps->frameWidth() + 2);
    if (current < count)
        m_steps->scrollToItem(m_steps->item(current));
}

QString LessonPanel::progressText() const {
    if (!m_run)
        return {};
    if (m_run->isFinished())
        return tr("All %n step(s) done", nullptr, m_run->stepCount());
    return tr("Step %1 of %2").arg(m_run->currentStep() + 1).arg(m_run->stepCount());
}

void LessonPanel::showStep(int index) {
    if (!m_run || index >= m_run->stepCount())
        return;
    m_shownStep = index;
    const lesson::Step &step = m_run->lesson().steps[std::size_t(index)];
    refreshSteps();
    m_pages->setCurrentWidget(m_stepPage);
    m_stepTitle->setText(tr("Step %1: %2")
                             .arg(index + 1)
                             .arg(step.title.isEmpty() ? step.id : step.title.in(lang())));

    // The text, with the lab's addresses; code blocks wrap (long curl lines) and stand out.
    const QString markdown = m_run->stepText(index);
    m_text->document()->setMarkdown(markdown);
    const QColor codeBackground = palette().alternateBase().color();
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QTextBlock b = m_text->document()->begin(); b.isValid(); b = b.next()) {
        QTextBlockFormat f = b.blockFormat();
        if (!f.nonBreakableLines())
            continue;
        f.setNonBreakableLines(false);
        f.setBackground(codeBackground);
        QTextCursor c(b);
        c.setBlockFormat(f);
        c.select(QTextCursor::BlockUnderCursor);
        QTextCharFormat cf;
        cf.setFont(mono);
        c.mergeCharFormat(cf);
    }

    // A Copy button for each command.
    while (QLayoutItem *item = m_commandsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_commands = copyableCode(markdown);
    for (int i = 0; i < m_commands.size(); ++i) {
        auto *row = new QWidget;
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto *copy = new QToolButton;
        copy->setText(tr("Copy"));
        copy->setToolTip(tr("Copy this command to the clipboard"));
        connect(copy, &QToolButton::clicked, this, [this, i] { copyCommand(i); });
        auto *preview = new QLabel;
        preview->setFont(mono);
        const QString oneLine = QString(m_commands[i]).replace(u'\n', QStringLiteral(" ⏎ "));
        preview->setText(oneLine);
        preview->setToolTip(m_commands[i]);
        preview->setMinimumWidth(10);
        preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        rowLayout->addWidget(copy);
        rowLayout->addWidget(preview, 1);
        m_commandsLayout->addWidget(row);
    }
    m_commandsBox->setVisible(!m_commands.isEmpty());

    // The prediction: before acting.
    for (QAbstractButton *b : m_predictGroup->buttons()) {
        m_predictGroup->removeButton(b);
        delete b;
    }
    m_predictFeedback->clear();
    if (step.predict) {
        m_predictQuestion->setText(step.predict->question.in(lang()));
        for (int i = 0; i < step.predict->choices.size(); ++i) {
            auto *radio = new QRadioButton(step.predict->choices[i].in(lang()));
            m_predictGroup->addButton(radio, i);
            m_predictChoicesLayout->addWidget(radio);
        }
        m_answerButton->setEnabled(false);
        m_predictBox->show();
    } else {
        m_predictBox->hide();
    }
    m_lastMet.assign(step.checks.size(), false);
    refreshChecks();
    refreshHints();
    m_stepScroll->verticalScrollBar()->setValue(0); // a new step reads from its top
}

void LessonPanel::refreshChecks() {
    if (!m_run || m_run->isFinished())
        return;
    const int index = m_run->currentStep();
    const lesson::Step &step = m_run->lesson().steps[std::size_t(index)];
    const std::vector<LessonRun::CheckState> states = m_run->checkStates();
    QStringList rows;
    if (step.predict && m_run->record(index).predictionChoice < 0)
        rows << QStringLiteral("<i>%1</i>")
                    .arg(tr("Answer the prediction above first, then act and watch these.")
                             .toHtmlEscaped());
    for (std::size_t i = 0; i < step.checks.size() && i < states.size(); ++i) {
        const LessonRun::CheckState &s = states[i];
        const QColor colour = s.met       ? LabPalette::okColor()
                              : s.expired ? LabPalette::failColor()
                                          : palette().placeholderText().color();
        const QString mark = s.met ? tr("✔ met") : s.expired ? tr("✖ too late") : tr("… not yet");
        QString row = QStringLiteral("<span style=\"color:%1\"><b>%2</b></span> %3")
                          .arg(colour.name(), mark.toHtmlEscaped(),
                               conditionText(step.checks[i]).toHtmlEscaped());
        if (!s.measured.isEmpty())
            row += QStringLiteral("<br>&nbsp;&nbsp;&nbsp;<small>%1</small>")
                       .arg(tr("measured: %1").arg(s.measured).toHtmlEscaped());
        rows << row;
        if (i < m_lastMet.size()) {
            if (s.met && !m_lastMet[i])
                Q_EMIT checkMet(conditionNode(step.checks[i]));
            m_lastMet[i] = s.met;
        }
    }
    m_checks->setText(rows.join(QStringLiteral("<br>")));
}

void LessonPanel::refreshHints() {
    if (!m_run || m_run->isFinished())
        return;
    const int index = m_run->currentStep();
    const lesson::Step &step = m_run->lesson().steps[std::size_t(index)];
    const int shown = m_run->hintsRevealed(index);
    QStringList rows;
    for (int i = 0; i < shown && i < step.hints.size(); ++i)
        rows << tr("%1. %2").arg(i + 1).arg(step.hints[i].text.in(lang()).toHtmlEscaped());
    const int left = int(step.hints.size()) - shown;
    m_hints->setText(rows.join(QStringLiteral("<br>")));
    m_hints->setVisible(!rows.isEmpty());
    m_hintButton->setText(left > 0 ? tr("Show a hint (%n left)", nullptr, left)
                                   : tr("No more hints"));
    m_hintButton->setEnabled(left > 0);
    m_hintsBox->setVisible(!step.hints.isEmpty());
}

void LessonPanel::onStepPassed(int index) {
    if (!m_run)
        return;
    // The last check's state: flashes too.
    refreshChecks();
    const lesson::Step &step = m_run->lesson().steps[std::size_t(index)];
    const LessonRun::StepRecord &r = m_run->record(index);
    const QString title = step.title.isEmpty() ? step.id : step.title.in(lang());
    QStringList parts;
    parts << QStringLiteral("<b>%1</b>")
                 .arg(tr("✔ Step %1 passed: %2 (in %3)")
                          .arg(index + 1)
                          .arg(title, fmtDuration(r.passedMs - r.startedMs))
                          .toHtmlEscaped());
    if (!step.explain.isEmpty())
        parts << step.explain.in(lang()).toHtmlEscaped();
    if (step.predict) {
        const QString right = step.predict->choices.value(step.predict->answer).in(lang());
        QString p;
        if (r.predictionChoice < 0)
            p = tr("The prediction: %1").arg(right);
        else if (r.predictionChoice == step.predict->answer)
            p = tr("Your prediction was right: %1").arg(right);
        else
            p = tr("You predicted “%1”; what happened: %2")
                    .arg(step.predict->choices.value(r.predictionChoice).in(lang()), right);
        parts << QStringLiteral("<i>%1</i>").arg(p.toHtmlEscaped());
        if (!step.predict->explanation.isEmpty())
            parts << step.predict->explanation.in(lang()).toHtmlEscaped();
    }
    m_explanation = parts.join(QStringLiteral("<br>"));
    m_passedBox->setTitle(tr("Just passed"));
    m_passedLabel->setText(m_explanation);
    m_passedBox->show();
    Q_EMIT stepPassed(r.passedMs, tr("✔ step %1").arg(index + 1));
}

void LessonPanel::showFinishPage() {
    if (!m_run)
        return;
    refreshSteps();
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Lesson complete").toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" border=\"1\">"
                           "<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(tr("Step").toHtmlEscaped(), tr("Time").toHtmlEscaped(),
                     tr("Hints").toHtmlEscaped(), tr("Prediction").toHtmlEscaped());
    int right = 0, predictions = 0;
    for (int i = 0; i < m_run->stepCount(); ++i) {
        const lesson::Step &step = m_run->lesson().steps[std::size_t(i)];
        const LessonRun::StepRecord &r = m_run->record(i);
        QString prediction = tr("—");
        if (step.predict) {
            ++predictions;
            if (r.predictionChoice < 0) {
                prediction = tr("not answered");
            } else if (r.predictionChoice == step.predict->answer) {
                prediction = tr("right");
                ++right;
            } else {
                prediction = tr("wrong");
            }
        }
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(tr("%1. %2")
                             .arg(i + 1)
                             .arg(step.title.isEmpty() ? step.id : step.title.in(lang()))
                             .toHtmlEscaped(),
                         fmtDuration(r.passedMs - r.startedMs).toHtmlEscaped())
                    .arg(r.hintsRequested)
                    .arg(prediction.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Total time: %1 · predictions right: %2 of %3")
                         .arg(fmtDuration(m_run->timeToPassMs()))
                         .arg(right)
                         .arg(predictions)
                         .toHtmlEscaped());
    if (!m_explanation.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(m_explanation);
    m_finish->setText(html);
    m_pages->setCurrentWidget(m_finishPage);
}

bool LessonPanel::isShowingFinishPage() const {
    return m_pages->currentWidget() == m_finishPage;
}

QString LessonPanel::finishText() const {
    return m_finish->text();
}

void LessonPanel::saveReport() {
    if (!m_run)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save lesson report"), m_run->lesson().id + QStringLiteral("-report.json"),
        tr("JSON (*.json)"));
    QString error;
    if (!path.isEmpty() && !m_run->writeReport(path, &error))
        Q_EMIT errorOccurred(error);
}

void LessonPanel::copyCommand(int index) const {
    if (index >= 0 && index < m_commands.size())
        QGuiApplication::clipboard()->setText(m_commands[index]);
}

QString LessonPanel::stepTextShown() const {
    return m_text->document()->toPlainText();
}

QStringList LessonPanel::checkTexts() const {
    QStringList out;
    if (!m_run || m_run->isFinished())
        return out;
    const lesson::Step &step = m_run->lesson().steps[std::size_t(m_run->currentStep())];
    const std::vector<LessonRun::CheckState> states = m_run->checkStates();
    for (std::size_t i = 0; i < step.checks.size() && i < states.size(); ++i)
        out << (states[i].met       ? tr("✔ met")
                : states[i].expired ? tr("✖ too late")
                                    : tr("… not yet")) +
                   u' ' + conditionText(step.checks[i]) +
                   (states[i].measured.isEmpty() ? QString()
                                                 : QStringLiteral(" — ") + states[i].measured);
    return out;
}

QStringList LessonPanel::hintTexts() const {
    QStringList out;
    if (!m_run || m_run->isFinished())
        return out;
    const int index = m_run->currentStep();
    const lesson::Step &step = m_run->lesson().steps[std::size_t(index)];
    for (int i = 0; i < m_run->hintsRevealed(index) && i < step.hints.size(); ++i)
        out << step.hints[i].text.in(lang());
    return out;
}

QString LessonPanel::explanationText() const {
    return m_passedLabel->text();
}

void LessonPanel::choosePrediction(int choice) {
    if (QAbstractButton *b = m_predictGroup->button(choice))
        b->setChecked(true);
}

QString LessonPanel::predictionFeedback() const {
    return m_predictFeedback->text();
}

QString LessonPanel::conditionText(const Condition &c) {
    QString text;
    switch (c.kind) {
    case Condition::Kind::Query:
        text = tr("query %1 has a result").arg(QString::fromUtf8(c.expr));
        break;
    case Condition::Kind::Push: {
        const QString what = c.method == QLatin1String("DELETE") ? tr("a delete") : tr("a push");
        const QString outcome = c.outcome == Condition::Outcome::Accepted   ? tr("accepted")
                                : c.outcome == Condition::Outcome::Rejected ? tr("rejected")
                                                                            : tr("answered");
        const QString from = c.source == Condition::Source::Outside ? tr(" from outside the lab")
                             : c.source == Condition::Source::Lab   ? tr(" from a lab job")
                                                                    : QString();
        QString key;
        if (!c.groupingKey.empty())
            key = tr(" for the group {%1}").arg(labelsText(c.groupingKey));
        else if (!c.job.isEmpty())
            key = tr(" for job %1").arg(QString::fromUtf8(c.job));
        text = tr("%1 %2%3%4").arg(what, outcome, from, key);
        break;
    }
    case Condition::Kind::Scrape: {
        const QString subject = !c.subject.isEmpty() ? QString::fromUtf8(c.subject)
                                : !c.job.isEmpty()   ? tr("job %1").arg(QString::fromUtf8(c.job))
                                                     : tr("any target");
        if (!c.failed)
            text = tr("a successful scrape of %1").arg(subject);
        else if (!c.errorKind.isEmpty())
            text = tr("a scrape of %1 failing (%2)").arg(subject, c.errorKind);
        else
            text = tr("a scrape of %1 failing").arg(subject);
        break;
    }
    case Condition::Kind::Target:
        text = tr("target %1 %2")
                   .arg(c.subject.isEmpty() ? tr("(any)") : QString::fromUtf8(c.subject), c.change);
        break;
    case Condition::Kind::Alert: {
        const QString state = c.alertState == rules::AlertState::Firing    ? tr("firing")
                              : c.alertState == rules::AlertState::Pending ? tr("pending")
                                                                           : tr("inactive");
        text = c.present ? tr("alert %1 %2").arg(QString::fromUtf8(c.alert), state)
                         : tr("alert %1 not %2").arg(QString::fromUtf8(c.alert), state);
        if (!c.alertLabels.empty())
            text += QStringLiteral(" {%1}").arg(labelsText(c.alertLabels));
        break;
    }
    case Condition::Kind::Config: {
        QStringList props;
        if (!c.job.isEmpty())
            props << tr("named %1").arg(QString::fromUtf8(c.job));
        if (c.scrapes)
            props << tr("scraping %1").arg(*c.scrapes);
        if (c.honorLabels)
            props << QStringLiteral("honor_labels: %1")
                         .arg(*c.honorLabels ? QStringLiteral("true") : QStringLiteral("false"));
        text = c.present ? tr("the configuration has a scrape job %1").arg(props.join(u' '))
                         : tr("the configuration has no scrape job %1").arg(props.join(u' '));
        break;
    }
    case Condition::Kind::Group: {
        const QString key = !c.groupingKey.empty()
                                ? labelsText(c.groupingKey)
                                : QStringLiteral("job=") + QString::fromUtf8(c.job);
        text = c.present ? tr("the gateway holds the group {%1}").arg(key)
                         : tr("the gateway no longer holds the group {%1}").arg(key);
        break;
    }
    case Condition::Kind::Gateway:
        if (c.change == QLatin1String("restarted"))
            text = !c.persistence   ? tr("the gateway restarted")
                   : *c.persistence ? tr("the gateway restarted with persistence")
                                    : tr("the gateway restarted without persistence");
        else if (c.change == QLatin1String("group_deleted"))
            text = tr("the lab deleted a group at the gateway");
        else
            text = tr("the gateway's persistence switched");
        break;
    }
    if (c.withinMs >= 0)
        text += u' ' + tr("(within %1 s)").arg(c.withinMs / 1000.0);
    if (c.forMs > 0)
        text += u' ' + tr("(for %1 s)").arg(c.forMs / 1000.0);
    return text.simplified();
}

QByteArray LessonPanel::conditionNode(const Condition &c) const {
    const auto labNode = [this](const QByteArray &name) {
        return m_lab && !name.isEmpty() && (m_lab->target(name) || m_lab->job(name));
    };
    switch (c.kind) {
    case Condition::Kind::Target:
    case Condition::Kind::Scrape:
        if (labNode(c.subject))
            return c.subject;
        return QByteArrayLiteral("server");
    case Condition::Kind::Gateway:
        return QByteArrayLiteral("gateway");
    case Condition::Kind::Push:
    case Condition::Kind::Group:
        if (labNode(c.job))
            return c.job;
        return QByteArrayLiteral("gateway");
    case Condition::Kind::Alert:
        for (const LabelPair &l : c.alertLabels)
            if (labNode(l.value))
                return l.value;
        return QByteArrayLiteral("server");
    case Condition::Kind::Config:
        if (c.scrapes && c.scrapes->startsWith(QLatin1String("target:")))
            return c.scrapes->mid(7).toUtf8();
        if (c.scrapes && *c.scrapes == QLatin1String("gateway"))
            return QByteArrayLiteral("gateway");
        return QByteArrayLiteral("server");
    case Condition::Kind::Query:
        break;
    }
    // A query about a target of the lab: that target.
    static const QRegularExpression target(QStringLiteral("\\{\\{target:([A-Za-z0-9_.-]+)\\}\\}"));
    if (const auto m = target.match(QString::fromUtf8(c.expr)); m.hasMatch())
        return m.captured(1).toUtf8();
    return QByteArrayLiteral("server");
}

} // namespace ppl
