#pragma once

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace ppl {

// File → Open lesson… and the first start's offer: the built-in lessons with their title,
// level and estimated minutes (the selected one's summary and objectives below), or a lesson
// file. Non-blocking: open() it and listen to lessonChosen (a built-in id or a file path).
class LessonChooser : public QDialog {
    Q_OBJECT
public:
    explicit LessonChooser(QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QString selectedLesson() const; // the id of the selected built-in lesson, empty if none
    void selectLesson(const QString &id);
    QString details() const; // the selected lesson's summary as shown

    // A level's word in the user's language (beginner, intermediate, advanced).
    static QString levelText(const QString &level);

Q_SIGNALS:
    void lessonChosen(const QString &nameOrFile);

private:
    void showDetails();
    void chooseFile();

    QTreeWidget *m_list;
    QLabel *m_details;
};

} // namespace ppl
