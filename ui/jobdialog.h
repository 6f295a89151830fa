#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace ppl {

class Lab;
struct JobSpec;

// Add job… and Edit job…: a batch job as a scenario's jobs[] entry declares it (name,
// duration, success probability, push mode PUT/POST/none, grouping key, delete-after, repeat).
// OK hands it to the lab (Lab::addJob or Lab::replaceJob), whose rules decide; a refusal stays
// in the dialog with the reason, and nothing changes.
class JobDialog : public QDialog {
    Q_OBJECT
public:
    // editing empty: a new job; else the job of that name, its fields filled in.
    JobDialog(Lab *lab, const QByteArray &editing = {}, QWidget *parent = nullptr);

    QByteArray editing() const { return m_editing; }
    QByteArray jobName() const; // the name the job has after a successful accept()
    QString problem() const;    // the reason shown for the last refusal, empty when none

    void accept() override; // applies to the lab; stays open with the reason when refused

private:
    bool specFromWidgets(JobSpec *spec, QString *error) const;
    void showProblem(const QString &why);

    Lab *m_lab;
    QByteArray m_editing;
    QLineEdit *m_name;
    QDoubleSpinBox *m_duration;
    QDoubleSpinBox *m_success;
    QComboBox *m_mode;
    QLineEdit *m_groupingKey;
    QCheckBox *m_deleteAfterOn;
    QDoubleSpinBox *m_deleteAfter;
    QCheckBox *m_repeatOn;
    QDoubleSpinBox *m_repeat;
    QCheckBox *m_runNow;
    QLabel *m_problem;
};

} // namespace ppl
