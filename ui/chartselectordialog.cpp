#include "chartselectordialog.h"

#include "api/selector.h"
#include "query/parser.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>

#include <algorithm>

namespace ppl {

namespace {

enum Column { LabelColumn, OpColumn, ValueColumn };

} // namespace

ChartSelectorDialog::ChartSelectorDialog(SeriesStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_metric(new QComboBox)
    , m_filters(new QTableWidget(0, 3))
    , m_preview(new QLabel)
    , m_expression(new QLineEdit)
    , m_expressionStatus(new QLabel) {
    setWindowTitle(tr("Add chart"));
    m_metric->setEditable(true);
    if (m_store) {
        for (const QByteArray &name : m_store->labelValues("__name__"))
            m_metric->addItem(QString::fromUtf8(name));
    }
    m_filters->setHorizontalHeaderLabels({tr("Label"), tr("Operator"), tr("Value")});
    m_filters->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_filters->verticalHeader()->hide();
    m_filters->setMinimumWidth(460);
    auto *add = new QPushButton(QIcon(QStringLiteral(":/icons/add.png")), tr("Add &filter"));
    auto *remove =
        new QPushButton(QIcon(QStringLiteral(":/icons/delete.png")), tr("Remove filter"));
    connect(add, &QPushButton::clicked, this,
            [this] { addFilter(labelNamesOffered().value(0), QStringLiteral("="), QString()); });
    connect(remove, &QPushButton::clicked, this, [this] { removeFilter(m_filters->currentRow()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    auto *form = new QFormLayout(this);
    m_expression->setPlaceholderText(tr("any PromQL expression, e.g. sum by (job) (rate(x[1m]))"));
    m_expression->setMinimumWidth(460);
    m_expressionStatus->setWordWrap(true);
    m_expressionStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Expression:"), m_expression);
    form->addRow(QString(), m_expressionStatus);
    auto *helper = new QLabel(tr("Or pick a metric and filters; the selector goes into the "
                                 "expression:"));
    helper->setWordWrap(true);
    form->addRow(helper);
    form->addRow(tr("Metric:"), m_metric);
    form->addRow(tr("Label filters:"), m_filters);
    form->addRow(QString(), rowButtons);
    form->addRow(tr("Selector:"), m_preview);
    form->addRow(buttons);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_expression, &QLineEdit::textEdited, this, [this] {
        m_expressionEdited = true;
        refreshPreview();
    });
    // The picker writes again once the user cleared the field.
    connect(m_expression, &QLineEdit::textChanged, this, [this](const QString &t) {
        if (t.isEmpty())
            m_expressionEdited = false;
    });
    connect(m_metric, &QComboBox::currentTextChanged, this, [this] {
        refreshNameChoices();
        refreshPreview();
    });
    refreshPreview();
}

void ChartSelectorDialog::setMetric(const QString &metric) {
    m_metric->setCurrentText(metric);
}

QStringList ChartSelectorDialog::labelNamesOffered() const {
    QSet<QString> names;
    if (m_store && !m_metric->currentText().trimmed().isEmpty()) {
        const auto matcher = LabelMatcher::create(LabelMatcher::Op::Equal, "__name__",
                                                  m_metric->currentText().trimmed().toUtf8());
        if (matcher)
            for (SeriesStore::SeriesId id : m_store->select({*matcher}))
                for (int i = 0; i < m_store->labels(id).size(); ++i)
                    names.insert(QString::fromUtf8(m_store->labels(id).name(i)));
    }
    names.remove(QStringLiteral("__name__"));
    QStringList out(names.begin(), names.end());
    out.sort();
    return out;
}

QStringList ChartSelectorDialog::labelValuesOffered(const QString &label) const {
    QSet<QString> values;
    if (m_store && !label.isEmpty()) {
        std::vector<LabelMatcher> matchers;
        if (const auto m = LabelMatcher::create(LabelMatcher::Op::Equal, "__name__",
                                                m_metric->currentText().trimmed().toUtf8()))
            matchers.push_back(*m);
        for (SeriesStore::SeriesId id : m_store->select(matchers)) {
            const QByteArray v = m_store->labels(id).value(label.toUtf8());
            if (!v.isEmpty())
                values.insert(QString::fromUtf8(v));
        }
    }
    QStringList out(values.begin(), values.end());
    out.sort();
    return out;
}

void ChartSelectorDialog::addFilter(const QString &label, const QString &op, const QString &value) {
    const int row = m_filters->rowCount();
    m_filters->insertRow(row);
    auto *name = new QComboBox;
    name->setEditable(true);
    name->addItems(labelNamesOffered());
    name->setCurrentText(label);
    auto *ops = new QComboBox;
    ops->addItems(
        {QStringLiteral("="), QStringLiteral("!="), QStringLiteral("=~"), QStringLiteral("!~")});
    ops->setItemData(0, tr("equals"), Qt::ToolTipRole);
    ops->setItemData(1, tr("differs from"), Qt::ToolTipRole);
    ops->setItemData(2, tr("matches the regular expression (whole value)"), Qt::ToolTipRole);
    ops->setItemData(3, tr("does not match the regular expression"), Qt::ToolTipRole);
    ops->setCurrentText(op);
    auto *val = new QComboBox;
    val->setEditable(true);
    m_filters->setCellWidget(row, LabelColumn, name);
    m_filters->setCellWidget(row, OpColumn, ops);
    m_filters->setCellWidget(row, ValueColumn, val);
    fillValues(row);
    val->setCurrentText(value);
    connect(name, &QComboBox::currentTextChanged, this, [this, name] {
        for (int r = 0; r < m_filters->rowCount(); ++r)
            if (m_filters->cellWidget(r, LabelColumn) == name)
                fillValues(r);
        refreshPreview();
    });
    connect(ops, &QComboBox::currentTextChanged, this, &ChartSelectorDialog::refreshPreview);
    connect(val, &QComboBox::currentTextChanged, this, &ChartSelectorDialog::refreshPreview);
    refreshPreview();
}

void ChartSelectorDialog::removeFilter(int row) {
    if (row < 0 || row >= m_filters->rowCount())
        return;
    m_filters->removeRow(row);
    refreshPreview();
}

int ChartSelectorDialog::filterCount() const {
    return m_filters->rowCount();
}

void ChartSelectorDialog::fillValues(int row) {
    auto *name = qobject_cast<QComboBox *>(m_filters->cellWidget(row, LabelColumn));
    auto *val = qobject_cast<QComboBox *>(m_filters->cellWidget(row, ValueColumn));
    if (!name || !val)
        return;
    const QString keep = val->currentText();
    const QSignalBlocker block(val);
    val->clear();
    val->addItems(labelValuesOffered(name->currentText()));
    val->setCurrentText(keep);
}

void ChartSelectorDialog::refreshNameChoices() {
    const QStringList names = labelNamesOffered();
    for (int r = 0; r < m_filters->rowCount(); ++r) {
        auto *name = qobject_cast<QComboBox *>(m_filters->cellWidget(r, LabelColumn));
        if (!name)
            continue;
        const QString keep = name->currentText();
        const QSignalBlocker block(name);
        name->clear();
        name->addItems(names);
        name->setCurrentText(keep);
        fillValues(r);
    }
}

QString ChartSelectorDialog::selector() const {
    QStringList parts;
    for (int r = 0; r < m_filters->rowCount(); ++r) {
        const auto *name = qobject_cast<QComboBox *>(m_filters->cellWidget(r, LabelColumn));
        const auto *op = qobject_cast<QComboBox *>(m_filters->cellWidget(r, OpColumn));
        const auto *val = qobject_cast<QComboBox *>(m_filters->cellWidget(r, ValueColumn));
        if (!name || !op || !val || name->currentText().trimmed().isEmpty())
            continue;
        // The operator box lists the operators in LabelMatcher::Op's order.
        parts << LabelMatcher::toString(name->currentText().trimmed().toUtf8(),
                                        LabelMatcher::Op(std::clamp(op->currentIndex(), 0, 3)),
                                        val->currentText().toUtf8());
    }
    const QString metric = m_metric->currentText().trimmed();
    return parts.isEmpty() ? metric : metric + u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

int ChartSelectorDialog::matchCount() const {
    QString error;
    const auto parsed = api::VectorSelector::parse(selector(), &error);
    if (!parsed || !m_store)
        return -1;
    return int(m_store->select(parsed->matchers()).size());
}

QString ChartSelectorDialog::expression() const {
    return m_expression->text().trimmed();
}

void ChartSelectorDialog::setExpression(const QString &expression) {
    m_expression->setText(expression);
    m_expressionEdited = !expression.isEmpty();
    refreshPreview();
}

QString ChartSelectorDialog::expressionError() const {
    const QByteArray text = expression().toUtf8();
    auto parsed = query::Parser::parse(text);
    if (auto *e = std::get_if<query::ParseError>(&parsed))
        return e->toString(text);
    const query::ValueType t = std::get<std::unique_ptr<query::Expr>>(parsed)->type();
    if (t != query::ValueType::Vector && t != query::ValueType::Scalar)
        return QStringLiteral("invalid expression type \"%1\" for range query, must be Scalar "
                              "or instant Vector")
            .arg(QString::fromUtf8(query::documentedType(t)));
    return QString();
}

void ChartSelectorDialog::refreshPreview() {
    const QString text = selector();
    if (!m_expressionEdited) {
        const QSignalBlocker block(m_expression);
        m_expression->setText(text);
    }
    const QString problem = expressionError();
    m_expressionStatus->setText(problem.isEmpty() ? tr("✔ a valid expression")
                                                  : tr("✖ %1").arg(problem));
    QString error;
    const auto parsed = api::VectorSelector::parse(text, &error);
    if (!parsed) {
        m_preview->setText(
            tr("<code>%1</code><br>✖ %2").arg(text.toHtmlEscaped(), error.toHtmlEscaped()));
        return;
    }
    const int n = m_store ? int(m_store->select(parsed->matchers()).size()) : 0;
    m_preview->setText(
        tr("<code>%1</code><br>matches %n series now", nullptr, n).arg(text.toHtmlEscaped()));
}

} // namespace ppl
