#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QTableView;

namespace ppl {

class GatewayGroupsModel;
class Lab;
class MetricGroups;

// The lab Pushgateway's groups, with Delete group and Restart (with or without persistence).
class GatewayPanel : public QWidget {
    Q_OBJECT
public:
    explicit GatewayPanel(Lab *lab, QWidget *parent = nullptr);

    GatewayGroupsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QAction *deleteAction() const { return m_delete; }
    QAction *restartAction() const { return m_restart; }
    QAction *restartWithoutPersistenceAction() const { return m_restartClean; }
    // Bound to Lab::setGatewayPersistence(); takes effect at the next restart.
    QCheckBox *persistenceBox() const { return m_persistence; }
    QString persistenceText() const; // the state line shown under the toolbar
    // Checkable: on asks for a user and password (applyBasicAuth), off turns basic auth off.
    QAction *basicAuthAction() const { return m_basicAuth; }
    QString basicAuthText() const; // the state line about basic auth
    // What the dialog does on OK: Lab::setGatewayBasicAuth, an error to errorOccurred.
    bool applyBasicAuth(const QString &user, const QString &password);
    // Re-attaches to the lab's current gateway (a scenario load creates a new one).
    void reattach();

private:
    void showPersistence();
    void showBasicAuth();
    void askForBasicAuth();

public:
Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QPointer<Lab> m_lab;
    GatewayGroupsModel *m_model;
    QTableView *m_view;
    QLabel *m_url;
    QAction *m_delete;
    QAction *m_restart;
    QAction *m_restartClean;
    QCheckBox *m_persistence;
    QLabel *m_persistenceState;
    QAction *m_basicAuth;
    QLabel *m_basicAuthState;
};

} // namespace ppl
