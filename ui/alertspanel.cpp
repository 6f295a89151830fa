#include "alertspanel.h"

#include "alertsmodel.h"
#include "lab/lab.h"
#include "labpalette.h"
#include "objecttable.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace ppl {

namespace {

// Group rows in bold, in the view's own font (which follows the window's zoom).
class AlertsRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(AlertsModel::KindRole).toInt() == int(AlertsModel::RowKind::Group))
            option->font.setBold(true);
    }
};

} // namespace

AlertsPanel::AlertsPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_model(new AlertsModel(lab, this))
    , m_view(new QTableView)
    , m_summary(new QLabel)
    , m_error(new QLabel) {
    setUpObjectTable(m_view, m_model);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setItemDelegate(new AlertsRowDelegate(m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    sizeColumns();
    m_summary->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(LabPalette::failColor().name()));
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AlertsPanel::refresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AlertsPanel::refresh);
    if (lab) // a rule load that failed changes no rule, but its error shows at once
        connect(lab->events(), &EventLog::appended, this, [this](const LabEvent &e) {
            if (e.kind == LabEvent::Kind::Config)
                refresh();
        });
    refresh();
}

void AlertsPanel::sizeColumns() {
    const int ch = fontMetrics().averageCharWidth(); // the view's font: the panel's
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(AlertsModel::Name, 22 * ch);
    header->resizeSection(AlertsModel::State, 16 * ch);
    header->resizeSection(AlertsModel::ActiveSince, 14 * ch);
    header->resizeSection(AlertsModel::Value, 16 * ch);
    header->resizeSection(AlertsModel::AlertLabels, 32 * ch);
    header->resizeSection(AlertsModel::LastError, 22 * ch);
}

void AlertsPanel::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        sizeColumns();
}

QString AlertsPanel::summaryText() const {
    return m_summary->text();
}

QString AlertsPanel::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void AlertsPanel::refresh() {
    int rules = 0, groups = 0;
    m_view->clearSpans();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const AlertsModel::RowKind kind = m_model->kindAt(r);
        if (kind == AlertsModel::RowKind::Group) // its interval, evaluation and file in one cell
            m_view->setSpan(r, AlertsModel::ActiveSince, 1,
                            AlertsModel::ColumnCount - AlertsModel::ActiveSince);
        groups += kind == AlertsModel::RowKind::Group ? 1 : 0;
        rules += kind == AlertsModel::RowKind::AlertingRule ||
                         kind == AlertsModel::RowKind::RecordingRule
                     ? 1
                     : 0;
    }
    using rules::AlertState;
    m_summary->setText(
        groups == 0 ? tr("No rules: add a rule file in the Server config dock, or open a scenario "
                         "with rules.")
                    : tr("%1 firing · %2 pending · %3 in %4")
                          .arg(AlertsModel::stateSymbol(AlertState::Firing) + u' ' +
                                   QString::number(m_model->count(AlertState::Firing)),
                               AlertsModel::stateSymbol(AlertState::Pending) + u' ' +
                                   QString::number(m_model->count(AlertState::Pending)),
                               rules == 1 ? tr("1 rule") : tr("%1 rules").arg(rules),
                               groups == 1 ? tr("1 group") : tr("%1 groups").arg(groups)));
    const QStringList errors = m_lab ? m_lab->ruleErrors() : QStringList();
    m_error->setVisible(!errors.isEmpty());
    m_error->setText(errors.isEmpty() ? QString()
                                      : QStringLiteral("✖ ") +
                                            tr("The last rule load failed; the previous rules keep "
                                               "running:\n%1")
                                                .arg(errors.join(QLatin1Char('\n'))));
}

} // namespace ppl
