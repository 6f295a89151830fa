#pragma once

#include <QWidget>

class QAction;
class QTableView;

namespace ppl {

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
};

} // namespace ppl
