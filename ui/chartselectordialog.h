#pragma once

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace ppl {

class SeriesStore;

// "Add chart": a PromQL expression, typed or written by the picker below it: a metric and
// label filters picked from what the store holds, never typed blind. The picker writes its
// selector into the expression field until the user edits that field (then the picker stays
// a helper: its selector is shown, the expression is the user's). The metric list comes from the
// store's __name__ values; each filter row offers the label names the chosen metric's series carry
// and, for the chosen name, their values (the value box stays editable for regular expressions). A
// live line says how many series the selector matches now, and the selector text is what a PromQL
// user would type.
class ChartSelectorDialog : public QDialog {
    Q_OBJECT
public:
    explicit ChartSelectorDialog(SeriesStore *store, QWidget *parent = nullptr);

    void setMetric(const QString &metric);
    // Adds a filter row; op is one of = != =~ !~.
    void addFilter(const QString &label, const QString &op, const QString &value);
    void removeFilter(int row);
    int filterCount() const;

    // `metric{label="value", …}` with the values escaped as PromQL strings.
    QString selector() const;
    // Series the selector matches in the store now (-1 when it does not parse).
    int matchCount() const;
    // What the chart will show: the picker's selector, or the text typed over it.
    QString expression() const;
    void setExpression(const QString &expression); // as if typed
    // "" when the expression parses as a vector or scalar, else Prometheus's error text.
    QString expressionError() const;
    QStringList labelNamesOffered() const; // for the chosen metric (tests)
    QStringList labelValuesOffered(const QString &label) const;

private:
    void refreshPreview();
    void refreshNameChoices();
    void fillValues(int row);

    SeriesStore *m_store;
    QComboBox *m_metric;
    QTableWidget *m_filters;
    QLabel *m_preview;
    QLineEdit *m_expression;
    QLabel *m_expressionStatus;
    bool m_expressionEdited = false;
};

} // namespace ppl
