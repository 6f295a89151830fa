#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace ppl {

class AlertsModel;
class Lab;

// The Alerts dock: a line that counts firing and pending alerts, the reason the last rule
// load failed (if it did: the running rules stay), and every rule group, rule and active
// alert of the lab server in one table (see AlertsModel).
class AlertsPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlertsPanel(Lab *lab, QWidget *parent = nullptr);

    AlertsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summaryText() const;
    QString errorText() const; // empty when the rules loaded

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void sizeColumns(); // in characters of the current font: the projector zoom scales them

    Lab *m_lab;
    AlertsModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_error;
};

} // namespace ppl
