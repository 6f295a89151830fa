#include "podspanel.h"

#include "actionbar.h"
#include "lab/lab.h"
#include "lab/labname.h"
#include "labpalette.h"
#include "objecttable.h"
#include "podsmodel.h"

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

namespace {

const QByteArray ScrapeAnnotation = "prometheus.io/scrape";
const QByteArray PortAnnotation = "prometheus.io/port";

} // namespace

PodsPanel::PodsPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_model(new PodsModel(lab, this))
    , m_view(new QTableView) {
    setUpObjectTable(m_view, m_model);

    m_add = new QAction(LabPalette::icon("add"), tr("&Add pod…"), this);
    m_add->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    connect(m_add, &QAction::triggered, this, &PodsPanel::showAddPodDialog);
    // No confirmation, as for targets: a pod is cheap to add again.
    m_remove = new QAction(LabPalette::icon("delete"), tr("&Remove pod"), this);
    m_remove->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    connect(m_remove, &QAction::triggered, this, &PodsPanel::removeCurrentPod);
    m_toggleScrape = new QAction(LabPalette::icon("apply"), tr("&Toggle scrape annotation"), this);
    m_toggleScrape->setIconText(tr("Scrape on/off"));
    m_toggleScrape->setToolTip(
        tr("Set the selected pod's prometheus.io/scrape annotation to \"true\" or \"false\": a "
           "keep rule on it keeps or drops the pod's target at once"));
    m_toggleScrape->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    connect(m_toggleScrape, &QAction::triggered, this, &PodsPanel::toggleScrapeAnnotation);
    for (QAction *a : podActions())
        a->setShortcutContext(Qt::WindowShortcut);
    addActions(podActions());
    m_view->addActions({m_remove, m_toggleScrape});

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_add, m_toggleScrape, m_remove});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PodsPanel::updateActions);
    // Every catalog change rebuilds the rows: keep the selected pod selected across it.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keepSelected = currentPod(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        selectPod(m_keepSelected);
        updateActions();
    });
    updateActions();
}

std::optional<PodSpec> PodsPanel::podSpecFrom(const QString &namespaceName, const QString &name,
                                              const QString &labels, bool scrape,
                                              bool portAnnotation, QString *error) {
    const QString ns =
        namespaceName.trimmed().isEmpty() ? QStringLiteral("default") : namespaceName.trimmed();
    const auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!isValidLabName(name.trimmed().toUtf8()))
        return failed(tr("a pod's name is letters, digits, \"-\", \"_\" and \".\""));
    if (!isValidLabName(ns.toUtf8()))
        return failed(tr("a namespace is letters, digits, \"-\", \"_\" and \".\""));
    PodSpec spec;
    spec.pod.name = name.trimmed().toUtf8();
    spec.pod.namespaceName = ns.toUtf8();
    for (const QString &part : labels.split(u',', Qt::SkipEmptyParts)) {
        const QString pair = part.trimmed();
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            return failed(
                tr("labels are written key=value, separated by commas: \"%1\"").arg(pair));
        spec.pod.labels.insert(pair.left(eq).trimmed().toUtf8(),
                               pair.mid(eq + 1).trimmed().toUtf8());
    }
    if (scrape)
        spec.pod.annotations.insert(ScrapeAnnotation, "true");
    if (portAnnotation)
        spec.pod.annotations.insert(PortAnnotation, "{{port}}"); // the lab fills in the port
    // As a scenario's pod: one declared container port, so role: pod discovers one target.
    Pod::ContainerPort port;
    port.portName = "metrics";
    spec.pod.ports.push_back(port);
    return spec;
}

void PodsPanel::showAddPodDialog() {
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("addPodDialog"));
    dialog.setWindowTitle(tr("Add pod"));
    auto *intro = new QLabel(
        tr("A simulated Kubernetes pod serving /metrics on its own port. A job with "
           "kubernetes_sd_configs (role: pod) discovers it; its relabel_configs decide whether "
           "it is scraped."));
    intro->setWordWrap(true);
    auto *ns = new QLineEdit(QStringLiteral("default"));
    ns->setObjectName(QStringLiteral("namespaceEdit"));
    auto *name = new QLineEdit;
    name->setObjectName(QStringLiteral("nameEdit"));
    auto *labels = new QLineEdit(QStringLiteral("app=web"));
    labels->setObjectName(QStringLiteral("labelsEdit"));
    labels->setPlaceholderText(tr("app=web, tier=frontend"));
    auto *scrape = new QCheckBox(QStringLiteral("prometheus.io/scrape: \"true\""));
    scrape->setObjectName(QStringLiteral("scrapeBox"));
    scrape->setChecked(true);
    auto *port = new QCheckBox(QStringLiteral("prometheus.io/port: \"{{port}}\""));
    port->setObjectName(QStringLiteral("portBox"));
    port->setChecked(true);
    port->setToolTip(tr("{{port}} becomes the pod's own port"));
    auto *problem = new QLabel;
    problem->setObjectName(QStringLiteral("problemLabel"));
    problem->setWordWrap(true);
    problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);

    auto *form = new QFormLayout;
    form->addRow(tr("&Namespace:"), ns);
    form->addRow(tr("N&ame:"), name);
    form->addRow(tr("&Labels:"), labels);
    form->addRow(tr("Annotations:"), scrape);
    form->addRow(QString(), port);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(problem);
    layout->addWidget(buttons);

    std::optional<PodSpec> spec;
    // A bad name or label list keeps the dialog open with the reason; the lab's own refusals
    // (a taken name, …) come after it closes, through errorOccurred().
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        QString why;
        spec = podSpecFrom(ns->text(), name->text(), labels->text(), scrape->isChecked(),
                           port->isChecked(), &why);
        if (!spec) {
            problem->setText(QStringLiteral("! ") + why);
            problem->show();
            return;
        }
        dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    name->setFocus();
    if (dialog.exec() == QDialog::Accepted && spec)
        addPod(*spec);
}

bool PodsPanel::addPod(const PodSpec &spec) {
    QString error;
    if (!m_lab || !m_lab->addPod(spec, &error)) {
        Q_EMIT errorOccurred(tr("Add pod %1/%2: %3")
                                 .arg(QString::fromUtf8(spec.pod.namespaceName),
                                      QString::fromUtf8(spec.pod.name), error));
        return false;
    }
    selectPod(spec.pod.name);
    return true;
}

bool PodsPanel::removeCurrentPod() {
    const QByteArray name = currentPod(), ns = currentNamespace();
    if (!m_lab || name.isEmpty()) {
        Q_EMIT errorOccurred(tr("Select a pod first."));
        return false;
    }
    QString error;
    if (!m_lab->removePod(ns, name, &error)) {
        Q_EMIT errorOccurred(
            tr("Remove pod %1/%2: %3").arg(QString::fromUtf8(ns), QString::fromUtf8(name), error));
        return false;
    }
    return true;
}

bool PodsPanel::toggleScrapeAnnotation() {
    const QByteArray name = currentPod(), ns = currentNamespace();
    if (!m_lab || name.isEmpty()) {
        Q_EMIT errorOccurred(tr("Select a pod first."));
        return false;
    }
    const Pod *pod = m_lab->pods()->find(ns, name);
    const QByteArray value =
        pod && pod->annotations.value(ScrapeAnnotation) == "true" ? "false" : "true";
    QString error;
    if (!m_lab->annotatePod(ns, name, ScrapeAnnotation, value, &error)) {
        Q_EMIT errorOccurred(tr("Annotate pod %1/%2: %3")
                                 .arg(QString::fromUtf8(ns), QString::fromUtf8(name), error));
        return false;
    }
    return true;
}

QByteArray PodsPanel::currentPod() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const Pod *pod = m_model->podAt(current.isValid() ? current.row() : -1);
    return pod ? pod->name : QByteArray();
}

QByteArray PodsPanel::currentNamespace() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const Pod *pod = m_model->podAt(current.isValid() ? current.row() : -1);
    return pod ? pod->namespaceName : QByteArray();
}

void PodsPanel::selectPod(const QByteArray &name) {
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->selectRow(row);
}

void PodsPanel::updateActions() {
    const bool any = !currentPod().isEmpty();
    m_remove->setEnabled(any);
    m_toggleScrape->setEnabled(any);
}

} // namespace ppl
