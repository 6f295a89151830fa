#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

#include "record/replaysession.h"

namespace ppl {

class Lab;

// The lab's batch jobs: how they push, how long they run, and what their last run did.
class JobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Mode,
        DeleteAfter,
        Duration,
        Outcome,
        Repeat,
        State,
        LastRun,
        Push,
        ColumnCount
    };

    explicit JobsModel(Lab *lab, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QByteArray nameAt(int row) const;
    int rowOf(const QByteArray &name) const;
    // A replay: the jobs the recorded scenario declares and their runs as far as recorded at
    // the session's position (ReplaySession::jobsAt()), re-read when it moves.
    void setReplay(record::ReplaySession *session);

private:
    void rebuild();

    QPointer<Lab> m_lab;
    QPointer<record::ReplaySession> m_replay;
    std::vector<record::ReplaySession::JobAt> m_replayJobs; // parallel to m_names in a replay
    std::vector<QByteArray> m_names;
};

} // namespace ppl
