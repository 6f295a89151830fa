#include "gatewaypanel.h"

#include "actionbar.h"
#include "gatewaygroupsmodel.h"
#include "lab/lab.h"
#include "objecttable.h"
#include "pushgateway/pushgatewayserver.h"
#include "util/clock.h"

#include <QAction>
#include <QCheckBox>
#include <QIcon>
#include <QLabel>
#include <QTableView>
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
    , m_restartClean(new QAction(tr("Restart gateway &without persistence"), this))
    , m_persistence(new QCheckBox(tr("&Persistence file")))
    , m_persistenceState(new QLabel) {
    m_model->setLab(lab);
    setUpObjectTable(m_view, m_model);
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

    m_persistence->setToolTip(
        tr("Run the gateway with --persistence.file (a temporary file of the lab's). Like the "
           "real flag, it takes effect when the gateway restarts."));
    connect(m_persistence, &QCheckBox::toggled, this, [this](bool on) {
        if (m_lab)
            m_lab->setGatewayPersistence(on);
        showPersistence();
    });

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_delete, m_restart, m_restartClean});
    bar->addSeparator();
    bar->addWidget(m_persistence);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_url);
    layout->addWidget(m_persistenceState);
    layout->addWidget(m_view);
    if (lab) {
        connect(lab, &Lab::scenarioLoaded, this, &GatewayPanel::reattach);
        // A restart may bring up a new gateway object (persistence toggled).
        connect(lab, &Lab::gatewayRestarted, this, &GatewayPanel::reattach);
        connect(lab, &Lab::gatewayPersistenceChanged, this, &GatewayPanel::showPersistence);
    }
    reattach();
}

void GatewayPanel::reattach() {
    PushgatewayServer *gateway = (m_lab ? m_lab->gateway() : nullptr);
    m_model->setGroups(gateway ? gateway->groups() : nullptr);
    const QUrl url = m_lab ? m_lab->gatewayUrl() : QUrl();
    m_url->setText(url.isEmpty() ? tr("The lab runs no Pushgateway.")
                                 : tr("Pushgateway at %1").arg(url.toString()));
    showPersistence();
}

QString GatewayPanel::persistenceText() const {
    return m_persistenceState->text();
}

void GatewayPanel::showPersistence() {
    const bool wanted = m_lab && m_lab->gatewayPersistence();
    const bool running = m_lab && m_lab->gatewayPersists();
    const QSignalBlocker block(m_persistence);
    m_persistence->setChecked(wanted);
    m_persistence->setEnabled((m_lab ? m_lab->gateway() : nullptr) != nullptr);
    QString text = running ? tr("Persistence: on (groups survive a restart)")
                           : tr("Persistence: off (a restart loses every group)");
    if (wanted != running)
        text += u' ' + (wanted ? tr("— turns on at the next restart")
                               : tr("— turns off at the next restart"));
    m_persistenceState->setText(text);
}

} // namespace ppl
