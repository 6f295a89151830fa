#pragma once

#include <QKeySequence>
#include <QWidget>

#include <functional>

class QAction;
class QTableView;

namespace ppl {

class Lab;
class TargetsModel;

// The targets table with the fault actions (start, kill, hang, slow, flap, firewall, error,
// heal) for the selected target. Each action calls one Lab operation; failures are reported
// through errorOccurred() so the window can show them. A target the lab does not run (the
// student's own app listed in prometheus.yml) offers only what makes sense for it: Open
// /metrics, which every target offers.
class TargetsPanel : public QWidget {
    Q_OBJECT
public:
    explicit TargetsPanel(Lab *lab, QWidget *parent = nullptr);

    TargetsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QList<QAction *> targetActions() const { return m_actions; }
    QByteArray currentTarget() const;
    void selectTarget(const QByteArray &name);

    QAction *startAction() const { return m_start; }
    QAction *addTargetAction() const { return m_add; }
    // A new simulated service with the default profile, started at once.
    bool addTarget(const QByteArray &name);
    QAction *removeTargetAction() const { return m_remove; } // the selected target
    QAction *killAction() const { return m_kill; }
    QAction *openMetricsAction() const { return m_openMetrics; } // checked: serves OpenMetrics
    // Checked: the target pushes to the gateway (its push: block, or by default PUT every 15 s
    // to the lab gateway under job=<target name>); toggling switches it at runtime.
    QAction *pushAction() const { return m_push; }
    QString pushToolTip() const; // what the push switch does for the selected target
    // Opens the selected target's /metrics (its scrape URL) in the desktop's browser.
    QAction *openUrlAction() const { return m_openUrl; }
    // The actions that apply to the selected target, in menu order (context menus).
    QList<QAction *> applicableActions() const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QAction *addAction(const QString &icon, const QString &text, const QKeySequence &shortcut,
                       std::function<bool(Lab *, const QByteArray &, QString *)> op);
    void updateActions();

    Lab *m_lab;
    TargetsModel *m_model;
    QTableView *m_view;
    QList<QAction *> m_actions;
    QAction *m_start = nullptr;
    QAction *m_kill = nullptr;
    QAction *m_openMetrics = nullptr;
    QAction *m_push = nullptr;
    QAction *m_openUrl = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
};

} // namespace ppl
