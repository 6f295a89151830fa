#include "alertsmodel.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "record/replaysession.h"
#include "rules/alertingrule.h"
#include "rules/rulemanager.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"

#include <QDateTime>
#include <QFileInfo>

#include <cmath>

namespace ppl {

namespace {

using rules::AlertState;

QString clockTime(qint64 ms) {
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"))
                  : QString();
}

// A sample value as the API writes it (Go's strconv 'g'-like, NaN and ±Inf spelled out).
QString valueText(double v) {
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 12);
}

// Labels without alertname (the row already names the rule): a="1", b="2".
QString labelText(const Labels &labels) {
    QStringList parts;
    for (int i = 0; i < labels.size(); ++i) {
        const QByteArray name = labels.name(i);
        if (name == "alertname")
            continue;
        parts << QString::fromUtf8(name) + QStringLiteral("=\"") +
                     QString::fromUtf8(labels.value(i)) + u'"';
    }
    return parts.join(QStringLiteral(", "));
}

// summary first (what a person reads first), then the others by name.
QString annotationText(const rules::LabelList &annotations, const QString &separator) {
    QStringList parts;
    for (const auto &[name, value] : annotations) {
        const QString part =
            QString::fromUtf8(name) + QStringLiteral(": ") + QString::fromUtf8(value);
        if (name == "summary")
            parts.prepend(part);
        else
            parts << part;
    }
    return parts.join(separator);
}

QString durationText(qint64 ns) {
    if (ns < 1'000'000)
        return AlertsModel::tr("%1 µs").arg(ns / 1000.0, 0, 'f', 1);
    return AlertsModel::tr("%1 ms").arg(ns / 1e6, 0, 'f', 2);
}

QString healthLabel(rules::RuleHealth health) {
    switch (health) {
    case rules::RuleHealth::Good:
        return QStringLiteral("✔ ") + AlertsModel::tr("ok");
    case rules::RuleHealth::Bad:
        return QStringLiteral("✖ ") + AlertsModel::tr("error");
    case rules::RuleHealth::Unknown:
        break;
    }
    return QStringLiteral("? ") + AlertsModel::tr("not evaluated yet");
}

} // namespace

QString AlertsModel::Row::key() const {
    return QString::number(int(kind)) + u'/' + QString::fromUtf8(name) + u'/' +
           (kind == RowKind::Alert ? cells[AlertLabels] : QString());
}

QString AlertsModel::stateSymbol(AlertState state) {
    switch (state) {
    case AlertState::Inactive:
        return QStringLiteral("○");
    case AlertState::Pending:
        return QStringLiteral("◇");
    case AlertState::Firing:
        return QStringLiteral("◆");
    }
    return {};
}

QString AlertsModel::stateLabel(AlertState state) {
    switch (state) {
    case AlertState::Inactive:
        return stateSymbol(state) + u' ' + tr("inactive");
    case AlertState::Pending:
        return stateSymbol(state) + u' ' + tr("pending");
    case AlertState::Firing:
        return stateSymbol(state) + u' ' + tr("firing");
    }
    return {};
}

AlertsModel::AlertsModel(Lab *lab, QObject *parent)
    : QAbstractTableModel(parent)
    , m_lab(lab) {
    m_flush.setSingleShot(true);
    m_flush.setInterval(500);
    connect(&m_flush, &QTimer::timeout, this, &AlertsModel::flushNow);
    if (!lab)
        return;
    rules::RuleManager *manager = lab->ruleManager();
    connect(manager, &rules::RuleManager::groupEvaluated, this, &AlertsModel::schedule);
    connect(manager, &rules::RuleManager::rulesChanged, this, &AlertsModel::schedule);
    connect(manager, &rules::RuleManager::alertStateChanged, this, &AlertsModel::schedule);
    connect(lab, &Lab::scenarioLoaded, this, &AlertsModel::flushNow);
    flushNow();
}

void AlertsModel::schedule() {
    if (!m_flush.isActive())
        m_flush.start();
}

void AlertsModel::setReplay(record::ReplaySession *session) {
    m_replay = session;
    if (session)
        connect(session, &record::ReplaySession::positionChanged, this, &AlertsModel::flushNow);
    flushNow();
}

std::vector<AlertsModel::Row> AlertsModel::readReplay() const {
    std::vector<Row> rows;
    QByteArray group;
    for (const auto &rule : m_replay->alertRulesAt()) {
        if (rows.empty() || rule.group != group) {
            group = rule.group;
            Row g;
            g.kind = RowKind::Group;
            g.name = rule.group;
            g.cells[Name] = tr("group %1").arg(QString::fromUtf8(rule.group));
            g.cells[ActiveSince] = QFileInfo(rule.file).fileName();
            g.toolTip = rule.file;
            rows.push_back(g);
        }
        Row r;
        r.kind = RowKind::AlertingRule;
        r.name = rule.alert;
        r.cells[Name] = QString::fromUtf8(rule.alert);
        r.state = rule.state;
        r.cells[State] = stateLabel(r.state);
        if (rule.active.size() > 1)
            r.cells[State] += tr(" (%1 alerts)").arg(rule.active.size());
        rows.push_back(r);
        for (const auto &alert : rule.active) {
            Row i;
            i.kind = RowKind::Alert;
            i.name = rule.alert;
            i.state = alert.state;
            i.cells[Name] = QStringLiteral("    ↳ ") + QString::fromUtf8(rule.alert);
            i.cells[State] = stateLabel(alert.state);
            i.cells[ActiveSince] = clockTime(alert.sinceMs);
            i.cells[Value] = valueText(alert.value);
            i.cells[AlertLabels] = labelText(alert.labels);
            rows.push_back(i);
        }
    }
    return rows;
}

std::vector<AlertsModel::Row> AlertsModel::read() const {
    if (m_replay)
        return readReplay();
    std::vector<Row> rows;
    if (!m_lab)
        return rows;
    const SeriesStore *store = m_lab->store();
    for (const rules::RuleGroup *g : m_lab->ruleManager()->groups()) {
        Row group;
        group.kind = RowKind::Group;
        group.name = g->name();
        group.cells[Name] = tr("group %1").arg(QString::fromUtf8(g->name()));
        // One cell spanning the rest of the row (the panel spans it).
        group.cells[ActiveSince] =
            (g->lastEvaluationMs() > 0
                 ? tr("every %1 s · last evaluation %2, took %3")
                       .arg(g->intervalMs() / 1000.0)
                       .arg(clockTime(g->lastEvaluationMs()), durationText(g->evaluationTimeNs()))
                 : tr("every %1 s · not evaluated yet").arg(g->intervalMs() / 1000.0)) +
            QStringLiteral(" · ") + QFileInfo(g->file()).fileName();
        int failing = 0;
        bool evaluated = g->lastEvaluationMs() > 0;
        const size_t groupRow = rows.size();
        rows.push_back(group);
        for (const auto &rule : g->rules()) {
            Row r;
            r.name = rule->name();
            r.cells[Name] = QString::fromUtf8(rule->name());
            r.cells[LastError] = rule->lastError;
            r.bad = rule->health == rules::RuleHealth::Bad;
            failing += r.bad ? 1 : 0;
            r.toolTip = QString::fromUtf8(rule->query());
            if (rule->isAlerting()) {
                const auto *a = static_cast<const rules::AlertingRule *>(rule.get());
                r.kind = RowKind::AlertingRule;
                const std::vector<rules::Alert> active = a->activeAlerts();
                r.state = a->state();
                r.cells[State] = stateLabel(r.state);
                if (active.size() > 1)
                    r.cells[State] += tr(" (%1 alerts)").arg(active.size());
                r.cells[AlertLabels] = labelText(rule->labels());
                r.cells[Annotations] = annotationText(a->annotations(), QStringLiteral("; "));
                r.toolTip =
                    tr("alert: %1\nexpr: %2\nfor: %3 s")
                        .arg(QString::fromUtf8(rule->name()), QString::fromUtf8(rule->query()))
                        .arg(a->holdDurationMs() / 1000.0);
                rows.push_back(r);
                for (const rules::Alert &alert : active) {
                    Row i;
                    i.kind = RowKind::Alert;
                    i.name = rule->name();
                    i.state = alert.state;
                    i.cells[Name] = QStringLiteral("    ↳ ") + QString::fromUtf8(rule->name());
                    i.cells[State] = stateLabel(alert.state);
                    i.cells[ActiveSince] = clockTime(alert.activeAtMs);
                    i.cells[Value] = valueText(alert.value);
                    i.cells[AlertLabels] = labelText(alert.labels);
                    i.cells[Annotations] = annotationText(alert.annotations, QStringLiteral("; "));
                    i.toolTip = annotationText(alert.annotations, QStringLiteral("\n"));
                    rows.push_back(i);
                }
            } else {
                r.kind = RowKind::RecordingRule;
                r.cells[State] =
                    r.bad ? healthLabel(rule->health) : QStringLiteral("● ") + tr("recording");
                r.cells[AlertLabels] = labelText(rule->labels());
                r.cells[ActiveSince] = clockTime(rule->lastEvaluationMs);
                // The last value: the recorded series' sample at the last evaluation.
                if (rule->lastEvaluationMs > 0 && store) {
                    QString error;
                    const auto byName = LabelMatcher::create(LabelMatcher::Op::Equal, "__name__",
                                                             rule->name(), &error);
                    int series = 0;
                    QString first;
                    const ppl::Labels *firstLabels = nullptr; // the first series by labels
                    if (byName)
                        for (const SeriesStore::SeriesId id : store->select({*byName})) {
                            const auto last = store->lastSample(id);
                            if (!last || last->timestampMs != rule->lastEvaluationMs ||
                                isStaleMarker(last->value))
                                continue;
                            ++series;
                            if (!firstLabels || store->labels(id) < *firstLabels) {
                                firstLabels = &store->labels(id);
                                first = valueText(last->value);
                            }
                        }
                    r.cells[Value] =
                        series > 1 ? tr("%1 (+%n more series)", nullptr, series - 1).arg(first)
                                   : first;
                }
                rows.push_back(r);
            }
        }
        Row &gr = rows[groupRow];
        gr.bad = failing > 0;
        gr.cells[State] =
            !evaluated ? healthLabel(rules::RuleHealth::Unknown)
            : failing  ? healthLabel(rules::RuleHealth::Bad) + tr(" (%n failing)", nullptr, failing)
                       : healthLabel(rules::RuleHealth::Good);
        gr.toolTip = g->file();
    }
    return rows;
}

void AlertsModel::flushNow() {
    m_flush.stop();
    std::vector<Row> rows = read();
    bool sameRows = rows.size() == m_rows.size();
    for (size_t i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rows[i].key() == m_rows[i].key();
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    m_rows = std::move(rows);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole, StateRole});
}

int AlertsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

AlertsModel::RowKind AlertsModel::kindAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].kind : RowKind::Group;
}

int AlertsModel::rowOf(RowKind kind, const QByteArray &name) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].kind == kind && m_rows[i].name == name)
            return int(i);
    return -1;
}

int AlertsModel::count(AlertState state) const {
    return int(std::count_if(m_rows.begin(), m_rows.end(), [state](const Row &r) {
        return r.kind == RowKind::Alert && r.state == state;
    }));
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return r.cells[index.column()];
    case KindRole:
        return int(r.kind);
    case StateRole:
        return int(r.state);
    case Qt::ToolTipRole:
        if (index.column() == LastError && !r.cells[LastError].isEmpty())
            return r.cells[LastError];
        if (index.column() == AlertLabels || index.column() == Annotations)
            return r.cells[index.column()].isEmpty() ? QVariant()
                                                     : QVariant(r.cells[index.column()]);
        return r.toolTip.isEmpty() ? QVariant() : QVariant(r.toolTip);
    case Qt::ForegroundRole:
        if (index.column() == State || index.column() == LastError) {
            if (r.bad)
                return LabPalette::failColor();
            if (r.kind == RowKind::Alert || r.kind == RowKind::AlertingRule) {
                if (r.state == AlertState::Firing)
                    return LabPalette::failColor();
                if (r.state == AlertState::Pending)
                    return LabPalette::stateColor(LabPalette::State::Hung);
            }
        }
        return {};
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Rule");
    case State:
        return tr("State");
    case ActiveSince:
        return tr("Active since");
    case Value:
        return tr("Value");
    case AlertLabels:
        return tr("Labels");
    case Annotations:
        return tr("Annotations");
    case LastError:
        return tr("Last error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ppl
