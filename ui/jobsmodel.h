#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

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

private:
    void rebuild();

    QPointer<Lab> m_lab;
    std::vector<QByteArray> m_names;
};

} // namespace ppl
