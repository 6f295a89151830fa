#include "jobspanel.h"

#include "actionbar.h"
#include "jobdialog.h"
#include "jobsmodel.h"
#include "lab/lab.h"
#include "objecttable.h"

#include <QAction>
#include <QIcon>
#include <QTableView>
#include <QVBoxLayout>

namespace ppl {

JobsPanel::JobsPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_model(new JobsModel(lab, this))
    , m_view(new QTableView)
    , m_run(new QAction(QIcon(QStringLiteral(":/icons/run.png")), tr("&Run now"), this))
    , m_stop(new QAction(QIcon(QStringLiteral(":/icons/stop.png")), tr("S&top job"), this))
    , m_add(new QAction(QIcon(QStringLiteral(":/icons/add.png")), tr("&Add job…"), this))
    , m_edit(new QAction(tr("&Edit job…"), this))
    , m_remove(new QAction(QIcon(QStringLiteral(":/icons/delete.png")), tr("Re&move job"), this)) {
    m_add->setObjectName(QStringLiteral("addJob"));
    m_edit->setObjectName(QStringLiteral("editJob"));
    m_remove->setObjectName(QStringLiteral("removeJob"));
    m_add->setShortcut(QKeySequence(tr("Ctrl+J")));
    m_edit->setShortcut(QKeySequence(tr("Ctrl+Shift+Y")));
    m_remove->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    m_remove->setToolTip(tr("Stop and remove the selected job; its group stays at the gateway "
                            "until deleted"));
    for (QAction *a : {m_add, m_edit, m_remove})
        a->setShortcutContext(Qt::WindowShortcut);
    connect(m_add, &QAction::triggered, this, [this] { openJobDialog(); });
    connect(m_edit, &QAction::triggered, this, [this] {
        const QByteArray name = currentJob();
        if (name.isEmpty())
            Q_EMIT errorOccurred(tr("Select a job first."));
        else
            openJobDialog(name);
    });
    connect(m_remove, &QAction::triggered, this, &JobsPanel::removeCurrentJob);
    setUpObjectTable(m_view, m_model);
    m_run->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_stop->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    const auto act = [this](bool run) {
        const QByteArray name = currentJob();
        if (!m_lab || name.isEmpty()) {
            Q_EMIT errorOccurred(tr("Select a job first."));
            return;
        }
        QString error;
        if (!(run ? m_lab->runJob(name, &error) : m_lab->stopJob(name, &error)))
            Q_EMIT errorOccurred(tr("Job %1: %2").arg(QString::fromUtf8(name), error));
    };
    connect(m_run, &QAction::triggered, this, [act] { act(true); });
    connect(m_stop, &QAction::triggered, this, [act] { act(false); });
    m_view->addActions({m_run, m_stop, m_edit, m_remove});

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_run, m_stop, m_edit, m_remove});
    bar->addSeparator();
    bar->addAction(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JobsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JobsPanel::updateActions);
    updateActions();
}

QByteArray JobsPanel::currentJob() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return m_model->nameAt(current.isValid() ? current.row() : -1);
}

void JobsPanel::selectJob(const QByteArray &name) {
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->selectRow(row);
}

JobDialog *JobsPanel::openJobDialog(const QByteArray &editing) {
    auto *dialog = new JobDialog(m_lab, editing, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { selectJob(dialog->jobName()); });
    dialog->open();
    return dialog;
}

bool JobsPanel::removeCurrentJob() {
    const QByteArray name = currentJob();
    if (!m_lab || name.isEmpty()) {
        Q_EMIT errorOccurred(tr("Select a job first."));
        return false;
    }
    QString error;
    if (!m_lab->removeJob(name, &error)) {
        Q_EMIT errorOccurred(tr("Remove job %1: %2").arg(QString::fromUtf8(name), error));
        return false;
    }
    return true;
}

void JobsPanel::updateActions() {
    const bool any = !currentJob().isEmpty();
    for (QAction *a : {m_run, m_stop, m_edit, m_remove})
        a->setEnabled(any);
}

} // namespace ppl
