#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLayoutItem;

namespace ppl {

// A panel's row of action buttons that wraps onto further rows when the dock is narrow,
// where a QToolBar would hide the rest behind a » menu: on a projector, with a dock 400 px
// wide, every action stays in sight. Buttons show icon and text and follow their actions
// (enabled, checked, text on a language change).
class ActionBar : public QWidget {
    Q_OBJECT
public:
    explicit ActionBar(QWidget *parent = nullptr);

    void addAction(QAction *action); // hides QWidget::addAction on purpose: a button for it
    void addActions(const QList<QAction *> &actions);
    void addSeparator();
    void addWidget(QWidget *widget);
    int rowCount() const; // rows the buttons take at the current width (tests)
};

} // namespace ppl
