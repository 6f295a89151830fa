#include "gatewaypanel.h"

#include "actionbar.h"
#include "gatewaygroupsmodel.h"
#include "lab/lab.h"
#include "objecttable.h"
#include "pushgateway/pushgatewayserver.h"
#include "util/clock.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
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
    , m_persistenceState(new QLabel)
    , m_basicAuth(new QAction(tr("&Basic auth…"), this))
    , m_basicAuthState(new QLabel) {
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

    m_basicAuth->setCheckable(true);
    m_basicAuth->setShortcut(QKeySequence(tr("Ctrl+Alt+B")));
    m_basicAuth->setToolTip(
        tr("Require HTTP basic auth on the gateway, as the real one's --web.config.file with "
           "basic_auth_users (the password is stored as a bcrypt hash)"));
    connect(m_basicAuth, &QAction::triggered, this, [this](bool on) {
        if (on)
            askForBasicAuth();
        else
            applyBasicAuth({}, {});
    });
    m_basicAuthState->setWordWrap(true);

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_delete, m_restart, m_restartClean});
    bar->addSeparator();
    bar->addWidget(m_persistence);
    bar->addAction(m_basicAuth);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_url);
    layout->addWidget(m_persistenceState);
    layout->addWidget(m_basicAuthState);
    layout->addWidget(m_view);
    if (lab) {
        connect(lab, &Lab::scenarioLoaded, this, &GatewayPanel::reattach);
        // A restart may bring up a new gateway object (persistence toggled).
        connect(lab, &Lab::gatewayRestarted, this, &GatewayPanel::reattach);
        connect(lab, &Lab::gatewayPersistenceChanged, this, &GatewayPanel::showPersistence);
        connect(lab, &Lab::gatewayBasicAuthChanged, this, &GatewayPanel::showBasicAuth);
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
    showBasicAuth();
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

QString GatewayPanel::basicAuthText() const {
    return m_basicAuthState->text();
}

bool GatewayPanel::applyBasicAuth(const QString &user, const QString &password) {
    QString error;
    const bool ok = m_lab && m_lab->setGatewayBasicAuth(user.toUtf8(), password.toUtf8(), &error);
    if (!ok && m_lab)
        Q_EMIT errorOccurred(tr("Basic auth: %1").arg(error));
    showBasicAuth();
    return ok;
}

void GatewayPanel::askForBasicAuth() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Basic auth on the gateway"));
    auto *user = new QLineEdit(QStringLiteral("admin"));
    auto *password = new QLineEdit;
    password->setEchoMode(QLineEdit::Password);
    auto *note = new QLabel(
        tr("Every request to the gateway then needs these credentials, the server's scrape of "
           "/metrics too: add basic_auth to the gateway's job in prometheus.yml, or watch its "
           "up go to 0 with 401. The lab's own jobs and targets push with them."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&User:"), user);
    form->addRow(tr("&Password:"), password);
    form->addRow(note);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted || !applyBasicAuth(user->text(), password->text()))
        showBasicAuth(); // unchecks the action again
}

void GatewayPanel::showBasicAuth() {
    const QByteArray user = m_lab ? m_lab->gatewayBasicAuthUser() : QByteArray();
    const QSignalBlocker block(m_basicAuth);
    m_basicAuth->setChecked(!user.isEmpty());
    m_basicAuth->setEnabled((m_lab ? m_lab->gateway() : nullptr) != nullptr);
    m_basicAuthState->setText(
        user.isEmpty() ? tr("Basic auth: off (anyone on this machine may push)")
                       : tr("Basic auth: on for user %1 (bcrypt); the server's scrape of the "
                            "gateway needs basic_auth too")
                             .arg(QString::fromUtf8(user)));
}

} // namespace ppl
