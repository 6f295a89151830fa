#include "gatewaypanel.h"

#include "gatewaygroupsmodel.h"
#include "lab/lab.h"
#include "labaccess.h"

#include <QAction>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace ppl {

GatewayPanel::GatewayPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_model(new GatewayGroupsModel(lab ? lab->clock() : Clock::system(), this))
    , m_view(new QTableView)
    , m_url(new QLabel)
    , m_delete(new QAction(QIcon(QStringLiteral(":/icons/delete.png")), tr("&Delete group"), this))
    , m_restart(
          new QAction(QIcon(QStringLiteral(":/icons/restart.png")), tr("&Restart gateway"), this))
    , m_restartClean(new QAction(tr("Restart gateway &without persistence"), this)) {
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_delete);
    m_delete->setShortcut(QKeySequence(tr("Ctrl+D")));
    m_restart->setShortcut(QKeySequence(tr("Ctrl+G")));
    m_restartClean->setShortcut(QKeySequence(tr("Ctrl+Shift+G")));

    connect(m_delete, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->selectionModel()->currentIndex();
        const auto key = m_model->keyLabelsAt(current.isValid() ? current.row() : -1);
        if (!m_lab || key.empty()) {
            Q_EMIT errorOccurred(tr("Select a group first."));
            return;
        }
        QString error;
        if (!m_lab->deleteGroup(key, &error))
            Q_EMIT errorOccurred(tr("Delete group: %1").arg(error));
    });
    const auto restart = [this](bool keep) {
        QString error;
        if (!m_lab || !m_lab->restartGateway(keep, &error))
            Q_EMIT errorOccurred(tr("Restart gateway: %1").arg(error));
        reattach();
    };
    connect(m_restart, &QAction::triggered, this, [restart] { restart(true); });
    connect(m_restartClean, &QAction::triggered, this, [restart] { restart(false); });

    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_delete, m_restart, m_restartClean});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_url);
    layout->addWidget(m_view);
    if (lab)
        connect(lab, &Lab::scenarioLoaded, this, &GatewayPanel::reattach);
    reattach();
}

void GatewayPanel::reattach() {
    PushgatewayServer *gateway = labGateway(m_lab.data());
    m_model->setGroups(gateway ? gateway->groups() : nullptr);
    const QUrl url = m_lab ? m_lab->gatewayUrl() : QUrl();
    m_url->setText(url.isEmpty() ? tr("The lab runs no Pushgateway.")
                                 : tr("Pushgateway at %1").arg(url.toString()));
}

} // namespace ppl
