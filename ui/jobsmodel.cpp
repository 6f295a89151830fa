#include "jobsmodel.h"

#include "lab/lab.h"
#include "labpalette.h"

#include <QDateTime>

namespace ppl {

JobsModel::JobsModel(Lab *lab, QObject *parent)
    : QAbstractTableModel(parent)
    , m_lab(lab) {
    if (!lab)
        return;
    connect(lab, &Lab::jobsChanged, this, &JobsModel::rebuild);
    connect(lab, &Lab::scenarioLoaded, this, &JobsModel::rebuild);
    connect(lab, &Lab::jobStateChanged, this, [this](const QByteArray &name) {
        const int row = rowOf(name);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                               {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole});
    });
    rebuild();
}

void JobsModel::setReplay(record::ReplaySession *session) {
    m_replay = session;
    if (session)
        connect(session, &record::ReplaySession::positionChanged, this, &JobsModel::rebuild);
    rebuild();
}

void JobsModel::rebuild() {
    if (m_replay) {
        auto jobs = m_replay->jobsAt();
        bool sameNames = jobs.size() == m_names.size();
        for (size_t i = 0; sameNames && i < jobs.size(); ++i)
            sameNames = jobs[i].spec.name == m_names[i];
        if (!sameNames)
            beginResetModel();
        m_replayJobs = std::move(jobs);
        m_names.clear();
        for (const auto &j : m_replayJobs)
            m_names.push_back(j.spec.name);
        if (!sameNames)
            endResetModel();
        else if (!m_names.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_names.clear();
    m_replayJobs.clear();
    if (m_lab)
        for (BatchJob *j : m_lab->jobs())
            m_names.push_back(j->name());
    endResetModel();
}

int JobsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_names.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QByteArray JobsModel::nameAt(int row) const {
    return row >= 0 && row < rowCount() ? m_names[size_t(row)] : QByteArray();
}

int JobsModel::rowOf(const QByteArray &name) const {
    for (size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return int(i);
    return -1;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BatchJobSpec *spec = nullptr;
    const std::optional<JobRun> *lastRun = nullptr;
    bool running = false;
    if (m_replay && size_t(index.row()) < m_replayJobs.size()) {
        const auto &j = m_replayJobs[size_t(index.row())];
        spec = &j.spec;
        lastRun = &j.lastRun;
        running = j.running;
    } else if (const BatchJob *j = m_lab ? m_lab->job(m_names[size_t(index.row())]) : nullptr) {
        spec = &j->spec();
        lastRun = &j->lastRun();
        running = j->isRunning();
    } else {
        return {};
    }
    const BatchJobSpec &s = *spec;
    const auto &last = *lastRun;
    if (role == Qt::ForegroundRole && index.column() == Push && last && last->push)
        return last->push->ok ? LabPalette::okColor() : LabPalette::failColor();
    if (role == Qt::ToolTipRole && index.column() == Push && last && last->push)
        return last->push->reason;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Name:
        return QString::fromUtf8(s.name);
    case Mode:
        // push and pushadd are the client libraries' names (and the YAML's): kept verbatim.
        return s.pushMode == JobPushMode::None ? tr("none") : jobPushModeName(s.pushMode);
    case DeleteAfter:
        return s.deleteAfterMs >= 0 ? tr("%1 s").arg(s.deleteAfterMs / 1000.0) : tr("never");
    case Duration:
        return tr("%1 s").arg(s.durationMs / 1000.0);
    case Outcome:
        return s.successProbability >= 1   ? tr("succeeds")
               : s.successProbability <= 0 ? tr("fails")
                                           : tr("succeeds %1 %").arg(s.successProbability * 100);
    case Repeat:
        return s.repeatEveryMs > 0 ? tr("every %1 s").arg(s.repeatEveryMs / 1000.0) : tr("once");
    case State:
        return running ? QStringLiteral("▶ ") + tr("running") : QStringLiteral("■ ") + tr("idle");
    case LastRun:
        if (!last)
            return tr("never ran");
        if (!last->finished)
            return tr("#%1 running").arg(last->number);
        if (last->stopped)
            return tr("#%1 stopped").arg(last->number);
        return last->succeeded ? tr("#%1 ✔ succeeded at %2")
                                     .arg(last->number)
                                     .arg(QDateTime::fromMSecsSinceEpoch(last->endMs)
                                              .toString(QStringLiteral("HH:mm:ss")))
                               : tr("#%1 ✖ failed (exit %2)").arg(last->number).arg(last->exitCode);
    case Push:
        if (s.pushMode == JobPushMode::None)
            return tr("does not push");
        if (!last || !last->push)
            return QString();
        return last->push->ok ? QStringLiteral("✔ ") + tr("accepted (%1)").arg(last->push->status)
                              : QStringLiteral("✖ ") + tr("rejected (%1)").arg(last->push->status);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Job");
    case Mode:
        return tr("Push mode");
    case DeleteAfter:
        return tr("Delete after");
    case Duration:
        return tr("Duration");
    case Outcome:
        return tr("Outcome");
    case Repeat:
        return tr("Repeat");
    case State:
        return tr("State");
    case LastRun:
        return tr("Last run");
    case Push:
        return tr("Push status");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ppl
