#include "lessonchooser.h"

#include "lesson/lesson.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ppl {

namespace {
constexpr int IdRole = Qt::UserRole;
constexpr int DetailsRole = Qt::UserRole + 1;
} // namespace

LessonChooser::LessonChooser(QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget)
    , m_details(new QLabel) {
    setWindowTitle(tr("Choose a lesson"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Each lesson sets up the lab, tells you what to do step by step, "
                                "and checks what the running lab actually scraped, pushed, stored "
                                "and alerted."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Lesson"), tr("Level"), tr("Minutes")});
    m_list->setRootIsDecorated(false);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    const QString language = lesson::defaultLessonLanguage();
    for (const lesson::LessonInfo &info : lesson::builtInLessons()) {
        const lesson::LessonLoadResult loaded = lesson::loadLessonByNameOrFile(info.id);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, info.title.isEmpty() ? info.id : info.title);
        item->setData(0, IdRole, info.id);
        if (!loaded.lesson) {
            QStringList errors;
            for (const lesson::LessonError &e : loaded.errors)
                errors << e.toString().toHtmlEscaped();
            item->setData(0, DetailsRole,
                          QStringLiteral("<p>%1</p><p>%2</p>")
                              .arg(tr("This lesson does not load:").toHtmlEscaped(),
                                   errors.join(QStringLiteral("<br>"))));
            continue;
        }
        const lesson::Lesson &l = *loaded.lesson;
        item->setText(0, l.title.in(language));
        item->setText(1, levelText(l.level));
        item->setText(2, l.minutes > 0 ? QString::number(l.minutes) : QString());
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        QString details = QStringLiteral("<p>%1</p>").arg(l.summary.in(language).toHtmlEscaped());
        if (!l.objectives.isEmpty()) {
            details += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("You will:").toHtmlEscaped());
            for (const lesson::Text &o : l.objectives)
                details += QStringLiteral("<li>%1</li>").arg(o.in(language).toHtmlEscaped());
            details += QStringLiteral("</ul>");
        }
        details += QStringLiteral("<p>%1</p>")
                       .arg(tr("%n step(s) · about %1 min · id: %2", nullptr, int(l.steps.size()))
                                .arg(l.minutes)
                                .arg(l.id)
                                .toHtmlEscaped());
        item->setData(0, DetailsRole, details);
        item->setToolTip(0, l.summary.in(language));
    }
    layout->addWidget(m_list, 1);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setMinimumHeight(m_details->fontMetrics().height() * 7);
    layout->addWidget(m_details);

    auto *buttons = new QDialogButtonBox;
    QPushButton *start = buttons->addButton(tr("&Start lesson"), QDialogButtonBox::AcceptRole);
    QPushButton *file = buttons->addButton(tr("Open lesson &file…"), QDialogButtonBox::ActionRole);
    buttons->addButton(tr("&Not now"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    connect(file, &QPushButton::clicked, this, &LessonChooser::chooseFile);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString id = selectedLesson();
        if (id.isEmpty())
            return;
        accept();
        Q_EMIT lessonChosen(id);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this, start] {
        start->setEnabled(!selectedLesson().isEmpty());
        showDetails();
    });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (const QString id = selectedLesson(); !id.isEmpty()) {
            accept();
            Q_EMIT lessonChosen(id);
        }
    });
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    resize(640, 480);
}

QString LessonChooser::selectedLesson() const {
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, IdRole).toString() : QString();
}

void LessonChooser::selectLesson(const QString &id) {
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->data(0, IdRole).toString() == id)
            m_list->setCurrentItem(m_list->topLevelItem(i));
}

QString LessonChooser::details() const {
    return m_details->text();
}

void LessonChooser::showDetails() {
    const QTreeWidgetItem *item = m_list->currentItem();
    m_details->setText(item ? item->data(0, DetailsRole).toString() : QString());
}

void LessonChooser::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(),
                                                      tr("Lessons (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    accept();
    Q_EMIT lessonChosen(path);
}

QString LessonChooser::levelText(const QString &level) {
    if (level == QLatin1String("beginner"))
        return tr("beginner");
    if (level == QLatin1String("intermediate"))
        return tr("intermediate");
    if (level == QLatin1String("advanced"))
        return tr("advanced");
    return level;
}

} // namespace ppl
