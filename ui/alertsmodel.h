#pragma once

#include "rules/alert.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace ppl {

class Lab;
namespace record {
class ReplaySession;
}

// The lab server's rules as the Alerts dock lists them, one row each, in the order of
// Prometheus's /rules page: a row per rule group (its health, last evaluation and how long
// it took, in one cell from Active since on), under it a row per rule (alerting rules with their
// highest state, recording rules with their last value), and under an alerting rule a row per
// pending or firing alert (its labels, active since, value and expanded annotations). A state reads
// by shape and word: ○ inactive, ◇ pending, ◆ firing. Groups evaluate many times a second with many
// rules: the rows are re-read and announced at most every ~500 ms (one dataChanged, or a reset when
// the rows themselves changed).
class AlertsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        State,
        ActiveSince,
        Value,
        AlertLabels,
        LastError,
        Annotations,
        ColumnCount
    };
    enum class RowKind { Group, AlertingRule, RecordingRule, Alert };
    enum Role { KindRole = Qt::UserRole + 1, StateRole };

    explicit AlertsModel(Lab *lab, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A state as the dock writes it: shape and word ("◆ firing").
    static QString stateLabel(rules::AlertState state);
    static QString stateSymbol(rules::AlertState state);

    RowKind kindAt(int row) const;
    // The first row of that kind whose name is name (-1 if none).
    int rowOf(RowKind kind, const QByteArray &name) const;
    // Alerts now firing / pending, as last read.
    int count(rules::AlertState state) const;
    void flushNow(); // re-read the rules and announce at once (tests)
    // A replay: the alerting rules and alerts as the recorded transitions leave them at the
    // session's position (ReplaySession::alertRulesAt()), re-read when it moves.
    void setReplay(record::ReplaySession *session);
    bool flushPending() const { return m_flush.isActive(); } // an announcement is due

private:
    struct Row {
        RowKind kind = RowKind::Group;
        QByteArray name;
        QString cells[ColumnCount];
        QString toolTip;
        rules::AlertState state = rules::AlertState::Inactive;
        bool bad = false; // the group's or rule's health is "err"
        QString key() const;
    };
    void schedule();
    std::vector<Row> read() const;
    std::vector<Row> readReplay() const;

    QPointer<Lab> m_lab;
    QPointer<record::ReplaySession> m_replay;
    std::vector<Row> m_rows;
    QTimer m_flush;
};

} // namespace ppl
