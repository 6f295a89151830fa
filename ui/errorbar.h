#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;

namespace ppl {

// The band at the top of the window where the lab's errors appear (a bind failure, a bad
// scenario, a rejected push, a refused operation), so they are seen on the projector and not
// only on a console. It keeps the recent ones; Dismiss hides it until the next error.
class ErrorBar : public QFrame {
    Q_OBJECT
public:
    explicit ErrorBar(QWidget *parent = nullptr);

    void showError(const QString &message);
    QString currentMessage() const;
    QStringList history() const { return m_history; }

Q_SIGNALS:
    void errorShown(const QString &message);

private:
    QLabel *m_icon;
    QLabel *m_text;
    QStringList m_history;
};

} // namespace ppl
