#pragma once

#include <QFrame>

class QLabel;

namespace ppl {

// The band under the error band that introduces the scenario just opened: its name and its
// description (what it shows and what to try), so a student sees the exercise's point without
// opening the YAML (issue 12 §2). Dismiss hides it until the next scenario opens; Help →
// About this scenario shows the same text again.
class ScenarioIntroBar : public QFrame {
    Q_OBJECT
public:
    explicit ScenarioIntroBar(QWidget *parent = nullptr);

    void showScenario(const QString &name, const QString &description);
    QString title() const;
    QString description() const;

private:
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace ppl
