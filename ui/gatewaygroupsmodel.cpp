#include "gatewaygroupsmodel.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "record/replaysession.h"
#include "subjecttext.h"
#include "util/clock.h"

#include <QDateTime>

#include <algorithm>

namespace ppl {

GatewayGroupsModel::GatewayGroupsModel(Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock) {
    // Ages are display only: one repaint a second is enough and decides nothing.
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &GatewayGroupsModel::tickAges);
    m_ageTimer.start();
}

void GatewayGroupsModel::setGroups(MetricGroups *groups) {
    if (m_groups == groups)
        return;
    if (m_groups)
        m_groups->disconnect(this);
    m_groups = groups;
    if (groups) {
        connect(groups, &MetricGroups::groupAdded, this, &GatewayGroupsModel::refresh);
        connect(groups, &MetricGroups::groupChanged, this, &GatewayGroupsModel::refresh);
        connect(groups, &MetricGroups::groupRemoved, this, &GatewayGroupsModel::refresh);
    }
    refresh();
}

void GatewayGroupsModel::setLab(Lab *lab) {
    if (m_lab)
        m_lab->disconnect(this);
    m_lab = lab;
    if (lab) // an outside pusher is known once its first push got in
        connect(lab, &Lab::outsidePushersChanged, this, &GatewayGroupsModel::refresh);
    refresh();
}

void GatewayGroupsModel::setReplay(record::ReplaySession *session) {
    m_replay = session;
    if (session)
        connect(session, &record::ReplaySession::positionChanged, this,
                &GatewayGroupsModel::refresh);
    refresh();
}

void GatewayGroupsModel::refresh() {
    // Groups are few (one per job and instance); a reset keeps the code obviously right.
    beginResetModel();
    m_replayPushers.clear();
    if (m_replay) {
        m_rows.clear();
        for (const auto &g : m_replay->groupsAt()) {
            GroupSnapshot row;
            row.key = GroupingKey(g.key);
            row.pushTimeMs = g.lastPushMs;
            row.pushFailureTimeMs = g.lastPushOk ? 0 : g.lastFailureMs;
            m_rows.push_back(std::move(row));
            GroupPusher pusher;
            pusher.kind =
                g.from == PushEvent::From::Job ? GroupPusher::Kind::Job : GroupPusher::Kind::Target;
            pusher.name = g.pushedBy;
            pusher.groupingKey = g.key;
            m_replayPushers.push_back(SubjectText::pushedBy(pusher));
        }
    } else {
        m_rows = m_groups ? m_groups->groups() : std::vector<GroupSnapshot>();
    }
    endResetModel();
}

void GatewayGroupsModel::tickAges() {
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Age), index(rowCount() - 1, Age), {Qt::DisplayRole});
}

int GatewayGroupsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GatewayGroupsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const GroupingKey *GatewayGroupsModel::keyAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[size_t(row)].key : nullptr;
}

std::vector<LabelPair> GatewayGroupsModel::keyLabelsAt(int row) const {
    const GroupingKey *key = keyAt(row);
    if (!key)
        return {};
    std::vector<LabelPair> labels = key->labels();
    std::stable_partition(labels.begin(), labels.end(),
                          [](const LabelPair &p) { return p.name == "job"; });
    return labels;
}

QVariant GatewayGroupsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GroupSnapshot &g = m_rows[size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == LastPushOk)
        return g.lastPushSuccessful() ? LabPalette::okColor() : LabPalette::failColor();
    if (role == Qt::ToolTipRole && index.column() == PushedBy && m_lab && !m_replay) {
        const GroupPusher p = m_lab->pusherOf(g.key.labels());
        if (p.kind == GroupPusher::Kind::Outside)
            return tr("Pushed from outside the lab by %1 (User-Agent), %n request(s) so far.",
                      nullptr, p.pushes)
                .arg(QString::fromUtf8(p.userAgent));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Metrics) {
        QStringList names;
        for (const auto &f : g.families)
            names << QString::fromUtf8(f.name);
        return names.join(u'\n');
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Key:
        return g.key.toString();
    case PushedBy:
        if (size_t(index.row()) < m_replayPushers.size())
            return m_replayPushers[size_t(index.row())];
        return m_lab ? SubjectText::pushedBy(m_lab->pusherOf(g.key.labels())) : QString();
    case Metrics: {
        QStringList names;
        for (const auto &f : g.families)
            names << QString::fromUtf8(f.name);
        return names.join(QStringLiteral(", "));
    }
    case LastPush:
        return g.pushTimeMs > 0 ? QDateTime::fromMSecsSinceEpoch(g.pushTimeMs)
                                      .toString(QStringLiteral("HH:mm:ss"))
                                : tr("never");
    case Age:
        return g.pushTimeMs > 0 ? tr("%1 s").arg((m_clock->nowMs() - g.pushTimeMs) / 1000)
                                : QString();
    case LastPushOk:
        return g.lastPushSuccessful() ? QStringLiteral("✔ ") + tr("yes")
                                      : QStringLiteral("✖ ") + tr("no");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant GatewayGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Key:
        return tr("Grouping key");
    case PushedBy:
        return tr("Pushed by");
    case Metrics:
        return tr("Metrics");
    case LastPush:
        return tr("Last push");
    case Age:
        return tr("Age");
    case LastPushOk:
        return tr("Last push OK");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ppl
