// ActionBar: every action stays in sight; a narrow dock gets more rows, not a » menu.
#include "actionbar.h"

#include <QAction>
#include <QTest>
#include <QToolButton>

using namespace ppl;

class TestActionBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wrapsInsteadOfHiding() {
        ActionBar bar;
        QList<QAction *> actions;
        for (int i = 0; i < 10; ++i)
            actions << new QAction(QStringLiteral("Action number %1").arg(i), &bar);
        bar.addActions(actions);
        bar.resize(2000, bar.heightForWidth(2000));
        bar.show();
        QCOMPARE(bar.rowCount(), 1);
        const int oneRow = bar.heightForWidth(2000);
        bar.resize(300, bar.heightForWidth(300));
        QVERIFY2(bar.rowCount() >= 3, qPrintable(QString::number(bar.rowCount())));
        QVERIFY(bar.heightForWidth(300) >= 3 * (oneRow - 4));
        // Every button is inside the bar: nothing clipped away.
        const auto buttons = bar.findChildren<QToolButton *>();
        QCOMPARE(buttons.size(), 10);
        for (QToolButton *b : buttons)
            QVERIFY(bar.rect().contains(b->geometry()));
    }

    void buttonsFollowTheirActions() {
        ActionBar bar;
        QAction action(QStringLiteral("Kill"));
        bar.addAction(&action);
        auto *button = bar.findChild<QToolButton *>();
        QVERIFY(button);
        action.setEnabled(false);
        QVERIFY(!button->isEnabled());
        action.setText(QStringLiteral("Beenden"));
        QCOMPARE(button->text(), QStringLiteral("Beenden"));
        int triggered = 0;
        connect(&action, &QAction::triggered, this, [&] { ++triggered; });
        action.setEnabled(true);
        button->click();
        QCOMPARE(triggered, 1);
    }
};

QTEST_MAIN(TestActionBar)
#include "tst_actionbar.moc"
