#include "targetspanel.h"

#include "actionbar.h"
#include "lab/lab.h"
#include "objecttable.h"
#include "targetsmodel.h"

#include <QAction>
#include <QDesktopServices>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QVBoxLayout>

namespace ppl {

TargetsPanel::TargetsPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_model(new TargetsModel(lab, this))
    , m_view(new QTableView) {
    setUpObjectTable(m_view, m_model);

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    m_start =
        addAction(QStringLiteral("start"), tr("&Start"), QKeySequence(tr("Ctrl+Shift+S")),
                  [](Lab *l, const QByteArray &n, QString *e) { return l->startTarget(n, e); });
    m_kill = addAction(QStringLiteral("kill"), tr("&Kill"), QKeySequence(tr("Ctrl+K")),
                       [](Lab *l, const QByteArray &n, QString *e) { return l->killTarget(n, e); });
    addAction(QStringLiteral("hang"), tr("&Hang"), QKeySequence(tr("Ctrl+Shift+H")),
              [](Lab *l, const QByteArray &n, QString *e) {
                  return l->setTargetFault(n, TargetFault::Hang, 0, e);
              });
    addAction(QStringLiteral("slow"), tr("S&low (2 s)"), QKeySequence(tr("Ctrl+Shift+L")),
              [](Lab *l, const QByteArray &n, QString *e) {
                  return l->setTargetFault(n, TargetFault::Slow, 2000, e);
              });
    addAction(QStringLiteral("flap"), tr("&Flap (10 s)"), QKeySequence(tr("Ctrl+Shift+F")),
              [](Lab *l, const QByteArray &n, QString *e) {
                  return l->setTargetFault(n, TargetFault::Flap, 10000, e);
              });
    addAction(QStringLiteral("firewall"), tr("Fire&wall"), QKeySequence(tr("Ctrl+Shift+W")),
              [](Lab *l, const QByteArray &n, QString *e) {
                  return l->setTargetFault(n, TargetFault::Firewall, 0, e);
              });
    addAction(QStringLiteral("error"), tr("&Error 500"), QKeySequence(tr("Ctrl+Shift+E")),
              [](Lab *l, const QByteArray &n, QString *e) {
                  return l->setTargetFault(n, TargetFault::Error, 0, e);
              });
    addAction(QStringLiteral("heal"), tr("Hea&l"), QKeySequence(tr("Ctrl+Shift+A")),
              [](Lab *l, const QByteArray &n, QString *e) { return l->healTarget(n, e); });
    // The format the target offers, negotiated by Accept header as client libraries do.
    m_openMetrics = addAction(
        QStringLiteral("openmetrics"), tr("Serve &OpenMetrics"), QKeySequence(tr("Ctrl+Shift+U")),
        [](Lab *l, const QByteArray &n, QString *e) {
            const SimulatedTarget *t = l->target(n);
            const bool om = t && t->format() == TargetFormat::OpenMetrics;
            return l->setTargetFormat(n, om ? TargetFormat::Text : TargetFormat::OpenMetrics, e);
        });
    m_openMetrics->setCheckable(true);
    connect(m_openMetrics, &QAction::triggered, this, &TargetsPanel::updateActions);
    // Exercise 4, migrating push to pull: the target's push: block switched off (its group
    // stays at the gateway until deleted) and on again.
    m_push = addAction(QStringLiteral("push"), tr("&Push on/off"), QKeySequence(tr("Ctrl+Shift+V")),
                       [](Lab *l, const QByteArray &n, QString *e) {
                           return l->setTargetPushing(n, !l->isTargetPushing(n), e);
                       });
    m_push->setCheckable(true);
    connect(m_push, &QAction::triggered, this, &TargetsPanel::updateActions);
    // No confirmation: the lab's state is cheap to rebuild (add it again, or reload the scenario).
    m_remove =
        addAction(QStringLiteral("delete"), tr("&Remove target"),
                  QKeySequence(tr("Ctrl+Shift+Del")), [](Lab *l, const QByteArray &n, QString *e) {
                      return l->removeTarget(QString::fromUtf8(n), e);
                  });
    // What the target serves, as the server asks for it: the lab's own and outside ones alike.
    m_openUrl = new QAction(QIcon(QStringLiteral(":/icons/open.png")), tr("Open /&metrics"), this);
    m_openUrl->setObjectName(QStringLiteral("openUrl"));
    m_openUrl->setShortcut(QKeySequence(tr("Ctrl+Shift+J")));
    m_openUrl->setShortcutContext(Qt::WindowShortcut);
    m_openUrl->setToolTip(tr("Open the selected target's /metrics in the web browser"));
    connect(m_openUrl, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->selectionModel()->currentIndex();
        const QUrl url = m_model->metricsUrlAt(current.isValid() ? current.row() : -1);
        if (url.isEmpty()) {
            Q_EMIT errorOccurred(tr("Select a target first."));
            return;
        }
        if (!QDesktopServices::openUrl(url))
            Q_EMIT errorOccurred(tr("Could not open %1").arg(url.toString()));
    });
    m_actions << m_openUrl;
    bar->addActions(m_actions);
    // Only what applies to the row (no Kill for a program the lab does not run).
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QList<QAction *> actions = applicableActions();
        if (actions.isEmpty())
            return;
        QMenu menu;
        menu.addActions(actions);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    // Adding is not about the selected target, so it stays out of m_actions' enabling.
    m_add = new QAction(QIcon(QStringLiteral(":/icons/add.png")), tr("&Add target…"), this);
    m_add->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    connect(m_add, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Add target"),
            tr("Name of the new service (it serves /metrics on its own port; add it to "
               "prometheus.yml as {{target:NAME}} to have it scraped):"),
            QLineEdit::Normal, QString(), &ok);
        if (ok && !name.trimmed().isEmpty())
            addTarget(name.trimmed().toUtf8());
    });
    bar->addSeparator();
    bar->addAction(m_add);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TargetsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TargetsPanel::updateActions);
    updateActions();
}

QAction *TargetsPanel::addAction(const QString &icon, const QString &text,
                                 const QKeySequence &shortcut,
                                 std::function<bool(Lab *, const QByteArray &, QString *)> op) {
    auto *a = new QAction(QIcon(QStringLiteral(":/icons/%1.png").arg(icon)), text, this);
    a->setObjectName(icon); // "kill", "hang", …: scripts and tests find actions by it
    a->setShortcut(shortcut);
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, [this, op = std::move(op), text] {
        const QByteArray name = currentTarget();
        if (!m_lab || name.isEmpty()) {
            Q_EMIT errorOccurred(tr("Select a target first."));
            return;
        }
        QString error;
        if (!op(m_lab, name, &error))
            Q_EMIT errorOccurred(
                tr("%1 %2: %3").arg(QString(text).remove(u'&'), QString::fromUtf8(name), error));
    });
    m_actions << a;
    return a;
}

bool TargetsPanel::addTarget(const QByteArray &name) {
    TargetSpec spec;
    spec.options.name = name;
    QString error;
    if (!m_lab || !m_lab->addTarget(spec, &error)) {
        Q_EMIT errorOccurred(tr("Add target %1: %2").arg(QString::fromUtf8(name), error));
        return false;
    }
    selectTarget(name);
    return true;
}

QByteArray TargetsPanel::currentTarget() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return m_model->nameAt(current.isValid() ? current.row() : -1);
}

void TargetsPanel::selectTarget(const QByteArray &name) {
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->selectRow(row);
}

void TargetsPanel::updateActions() {
    const bool any = !currentTarget().isEmpty();
    const SimulatedTarget *t = m_lab && any ? m_lab->target(currentTarget()) : nullptr;
    // The lab's operations need a process the lab runs; opening /metrics needs only a URL.
    for (QAction *a : std::as_const(m_actions))
        a->setEnabled(a == m_openUrl ? any : t != nullptr);
    m_openMetrics->setChecked(t && t->format() == TargetFormat::OpenMetrics);
    m_push->setChecked(t && m_lab->isTargetPushing(t->name()));
    m_push->setToolTip(pushToolTip());
}

QString TargetsPanel::pushToolTip() const {
    const QByteArray name = currentTarget();
    const SimulatedTarget *t = m_lab && !name.isEmpty() ? m_lab->target(name) : nullptr;
    if (!t)
        return tr("Switch the selected target's push to the Pushgateway on or off");
    const std::optional<SelfPush> p = m_lab->targetPushSpec(name);
    QString key;
    for (const LabelPair &l : p ? p->groupingKey : std::vector<LabelPair>{})
        key += (key.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromUtf8(l.name) +
               u'=' + QString::fromUtf8(l.value);
    if (key.isEmpty())
        key = QStringLiteral("job=") + QString::fromUtf8(name);
    const QString how =
        tr("%1 every %2 s to %3 under %4")
            .arg(p && p->method == PushMethod::Post ? QStringLiteral("POST")
                                                    : QStringLiteral("PUT"))
            .arg(double(p ? p->intervalMs : 15000) / 1000)
            .arg(p && !p->gateway.isEmpty() ? p->gateway.toString() : tr("the lab gateway"))
            .arg(key);
    if (m_lab->isTargetPushing(name))
        return tr("%1 pushes (%2). Switch it off to migrate it to pull: it stops pushing, and "
                  "its group stays at the gateway until you delete it.")
            .arg(QString::fromUtf8(name), how);
    if (m_lab->targetHasPushBlock(name))
        return tr("%1 does not push. Switch it on to push again (%2).")
            .arg(QString::fromUtf8(name), how);
    return tr("%1 has no push: block. Switch it on to push with the default: %2.")
        .arg(QString::fromUtf8(name), how);
}

QList<QAction *> TargetsPanel::applicableActions() const {
    QList<QAction *> out;
    for (QAction *a : m_actions)
        if (a->isEnabled())
            out << a;
    return out;
}

} // namespace ppl
