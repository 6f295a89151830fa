#pragma once

#include "lab/lab.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace ppl {

class Lab;
struct LabEvent;
namespace record {
class ReplaySession;
}

// The lab's targets (declared ones and pods' services) with their process state, fault and
// the outcome of their last scrape, read from the lab's event log; then the running
// configuration's targets the lab does not simulate (the student's own app, real exporters,
// the server itself), marked in words as outside the lab (Lab::unsimulatedScrapeSubjects()).
// Scrapes arrive many a second with 100 targets: changed rows are collected and announced in one
// dataChanged per ~500 ms, naming the roles that changed.
class TargetsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Url, State, Health, LastScrape, Duration, Format, LastError, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        HealthRole,
        RunningRole,
        SimulatedRole, // bool: the lab runs it, so its kill and fault actions apply
    };

    explicit TargetsModel(Lab *lab, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QByteArray nameAt(int row) const;
    int rowOf(const QByteArray &name) const; // -1 if unknown
    // A target the lab does not simulate (nullptr for the lab's own).
    const ScrapeSubject *unsimulatedAt(int row) const;
    QUrl metricsUrlAt(int row) const; // what its scrape asks for
    void flushNow();                  // announce pending changes at once (tests)
    // A replay (File → Open recording): the rows are the targets as the recording leaves them
    // at the session's position (ReplaySession::targetsAt()), re-read when it moves; none of
    // them counts as simulated (nothing runs, so no command applies).
    void setReplay(record::ReplaySession *session);

private:
    struct Row {
        QByteArray name;
        bool scraped = false;
        bool up = false;
        qint64 lastScrapeMs = 0;
        qint64 durationMs = 0;
        QString format; // the exposition format of the last answer, e.g. OpenMetricsText1.0.0
        QString error;
        std::optional<ScrapeSubject> unsimulated; // set for targets the lab does not run
        // A replay's row: what the recorded events say of its process.
        bool replayed = false;
        bool replayLab = false; // the lab ran its process
        bool running = false;
        TargetFault fault = TargetFault::None;
        qint64 faultParamMs = 0;
        QString url;
    };
    void rebuild();
    void readReplay();
    void onScrapeTargetsChanged();
    void onEvent(const LabEvent &event);
    void touch(int row);

    QPointer<Lab> m_lab;
    QPointer<record::ReplaySession> m_replay;
    std::vector<Row> m_rows;
    int m_dirtyFirst = -1, m_dirtyLast = -1;
    QTimer m_flush;
};

} // namespace ppl
