#include "jobspanel.h"

#include "actionbar.h"
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
    , m_stop(new QAction(QIcon(QStringLiteral(":/icons/stop.png")), tr("S&top job"), this)) {
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
    m_view->addActions({m_run, m_stop});

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_run, m_stop});
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

void JobsPanel::updateActions() {
    const bool any = !currentJob().isEmpty();
    m_run->setEnabled(any);
    m_stop->setEnabled(any);
}

} // namespace ppl
