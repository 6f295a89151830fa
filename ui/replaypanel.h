#pragma once

#include <QTimer>
#include <QWidget>

class QTreeWidget;

namespace ppl::record {
class ReplaySession;
}

namespace ppl {

// What a replayed recording shows at its position that the live docks read from running
// objects (the lab's targets, its gateway, its rule manager), which a replay does not have:
// the targets as their recorded events leave them, the alerts as their recorded transitions
// leave them, and the gateway's groups as the server last scraped them (push_time_seconds
// at the position, through the query engine).
class ReplayPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReplayPanel(record::ReplaySession *session, QWidget *parent = nullptr);

    QTreeWidget *targets() const { return m_targets; }
    QTreeWidget *alerts() const { return m_alerts; }
    QTreeWidget *groups() const { return m_groups; }
    void refresh(); // now (tests); positions otherwise refresh at most every 100 ms

private:
    record::ReplaySession *m_session;
    QTreeWidget *m_targets;
    QTreeWidget *m_alerts;
    QTreeWidget *m_groups;
    QTimer m_refresh;
};

} // namespace ppl
