#pragma once

#include <QWidget>

class QAction;
class QTableView;

namespace ppl {

class JobDialog;
class JobsModel;
class Lab;

// The batch jobs with Run now and Stop for the selected job.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(Lab *lab, QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QAction *runAction() const { return m_run; }
    QAction *stopAction() const { return m_stop; }
    QAction *addJobAction() const { return m_add; }       // Add job…
    QAction *editJobAction() const { return m_edit; }     // Edit job… (the selected one)
    QAction *removeJobAction() const { return m_remove; } // Remove job (the selected one)
    // Opens the Add job (editing empty) or Edit job dialog, window-modal, and returns it (it
    // deletes itself when closed; the job is selected when it is accepted).
    JobDialog *openJobDialog(const QByteArray &editing = {});
    bool removeCurrentJob();
    QByteArray currentJob() const;
    void selectJob(const QByteArray &name);

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void updateActions();

    Lab *m_lab;
    JobsModel *m_model;
    QTableView *m_view;
    QAction *m_run;
    QAction *m_stop;
    QAction *m_add;
    QAction *m_edit;
    QAction *m_remove;
};

} // namespace ppl
