#pragma once

#include "pushgateway/metricgroups.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace ppl {

class Clock;
class Lab;
struct GroupPusher;
namespace record {
class ReplaySession;
}

// The Pushgateway's groups as its own status page lists them: grouping key, the metric
// families, when the last push came, its age (ticking, so a dead job's lingering value is
// visible), and whether the last push succeeded; and who pushed it (Lab::pusherOf: the lab's
// job or target, or a client outside the lab named by its User-Agent).
class GatewayGroupsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Key, PushedBy, Metrics, LastPush, Age, LastPushOk, ColumnCount };

    GatewayGroupsModel(Clock *clock, QObject *parent = nullptr);

    // The gateway's store; null when the lab runs no gateway. Re-read on every change.
    void setGroups(MetricGroups *groups);
    MetricGroups *groups() const { return m_groups; }
    // Where "Pushed by" comes from; without a lab the column stays empty.
    void setLab(Lab *lab);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const GroupingKey *keyAt(int row) const;
    // The key's labels with job first, as the gateway's URLs (and Lab::deleteGroup) spell it.
    std::vector<LabelPair> keyLabelsAt(int row) const;
    void refresh(); // re-reads the groups (also called on every change signal)
    // A replay: the groups as the recorded pushes leave them at the session's position
    // (ReplaySession::groupsAt()), re-read when it moves; the gateway's store is not read.
    void setReplay(record::ReplaySession *session);

private:
    void tickAges();

    Clock *m_clock;
    QPointer<MetricGroups> m_groups;
    QPointer<Lab> m_lab;
    QPointer<record::ReplaySession> m_replay;
    std::vector<GroupSnapshot> m_rows;
    std::vector<QString> m_replayPushers; // parallel to m_rows in a replay
    QTimer m_ageTimer;
};

} // namespace ppl
