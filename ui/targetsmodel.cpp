#include "targetsmodel.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "objecttable.h"
#include "record/replaysession.h"
#include "subjecttext.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

namespace ppl {

namespace {

// The format a target answered in, as the Targets dock shows it: "OpenMetrics 1.0.0",
// "text 0.0.4", "protobuf" (the API says OpenMetricsText1.0.0, PrometheusText0.0.4,
// PrometheusProto).
QString formatText(const QString &apiName) {
    if (apiName.startsWith(QLatin1String("OpenMetricsText")))
        return TargetsModel::tr("OpenMetrics %1").arg(apiName.mid(15));
    if (apiName.startsWith(QLatin1String("PrometheusText")))
        return TargetsModel::tr("text %1").arg(apiName.mid(14));
    if (apiName == QLatin1String("PrometheusProto"))
        return TargetsModel::tr("protobuf");
    return apiName;
}

QString faultText(bool running, TargetFault fault, qint64 paramMs) {
    if (!running)
        return LabPalette::stateLabel(LabPalette::State::Killed);
    switch (fault) {
    case TargetFault::None:
        return LabPalette::stateSymbol(LabPalette::State::Up) + u' ' + TargetsModel::tr("running");
    case TargetFault::Hang:
        return LabPalette::stateLabel(LabPalette::State::Hung);
    case TargetFault::Slow:
        return QStringLiteral("◔ ") + TargetsModel::tr("slow (%1 ms)").arg(paramMs);
    case TargetFault::Flap:
        return QStringLiteral("◑ ") +
               TargetsModel::tr("flapping every %1 s").arg(double(paramMs) / 1000.0);
    case TargetFault::Firewall:
        return QStringLiteral("▥ ") + TargetsModel::tr("behind a firewall");
    case TargetFault::Error:
        return QStringLiteral("! ") + (paramMs == 0 ? TargetsModel::tr("answers 500")
                                                    : TargetsModel::tr("answers malformed text"));
    }
    return {};
}

} // namespace

TargetsModel::TargetsModel(Lab *lab, QObject *parent)
    : QAbstractTableModel(parent)
    , m_lab(lab) {
    m_flush.setSingleShot(true);
    m_flush.setInterval(500);
    connect(&m_flush, &QTimer::timeout, this, &TargetsModel::flushNow);
    if (!lab)
        return;
    connect(lab, &Lab::targetsChanged, this, &TargetsModel::rebuild);
    connect(lab, &Lab::scenarioLoaded, this, &TargetsModel::rebuild);
    connect(lab, &Lab::scrapeTargetsChanged, this, &TargetsModel::onScrapeTargetsChanged);
    connect(lab, &Lab::targetStateChanged, this,
            [this](const QByteArray &name) { touch(rowOf(name)); });
    connect(lab->events(), &EventLog::appended, this, &TargetsModel::onEvent);
    rebuild();
}

void TargetsModel::setReplay(record::ReplaySession *session) {
    m_replay = session;
    if (session)
        connect(session, &record::ReplaySession::positionChanged, this, &TargetsModel::readReplay);
    rebuild();
}

void TargetsModel::readReplay() {
    if (!m_replay)
        return;
    std::vector<Row> rows;
    for (const auto &t : m_replay->targetsAt()) {
        Row r;
        r.name = t.name;
        r.replayed = true;
        r.replayLab = t.lab;
        r.running = t.running;
        r.fault = t.fault;
        r.faultParamMs = t.faultParamMs;
        r.url = t.url;
        r.scraped = t.lastScrapeMs >= 0;
        r.up = t.health == TargetHealth::Up;
        r.lastScrapeMs = t.lastScrapeMs;
        r.durationMs = t.scrapeDurationMs;
        r.error = t.error;
        r.format = QString::fromLatin1(scrapeFormatName(t.format));
        rows.push_back(std::move(r));
    }
    bool sameNames = rows.size() == m_rows.size();
    for (size_t i = 0; sameNames && i < rows.size(); ++i)
        sameNames = rows[i].name == m_rows[i].name;
    if (!sameNames)
        beginResetModel();
    m_rows = std::move(rows);
    m_flush.stop();
    m_dirtyFirst = m_dirtyLast = -1;
    if (!sameNames)
        endResetModel();
    else if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void TargetsModel::rebuild() {
    if (m_replay) {
        readReplay();
        return;
    }
    beginResetModel();
    std::vector<Row> old;
    old.swap(m_rows);
    if (m_lab)
        for (SimulatedTarget *t : m_lab->targets()) {
            Row r;
            r.name = t->name();
            for (const Row &o : old) // keep what we knew of a target that stays
                if (o.name == r.name)
                    r = o;
            m_rows.push_back(r);
        }
    if (m_lab)
        for (const ScrapeSubject &subject : m_lab->unsimulatedScrapeSubjects()) {
            Row r;
            r.name = subject.name;
            for (const Row &o : old)
                if (o.name == r.name)
                    r = o;
            r.unsimulated = subject;
            m_rows.push_back(r);
        }
    m_dirtyFirst = m_dirtyLast = -1;
    endResetModel();
}

void TargetsModel::onScrapeTargetsChanged() {
    if (m_replay)
        return;
    // Reloads and discovery change the scraper's targets often; the rows only when the
    // configuration's other targets came or went.
    QList<QByteArray> now, shown;
    if (m_lab)
        for (const ScrapeSubject &subject : m_lab->unsimulatedScrapeSubjects())
            now << subject.name;
    for (const Row &r : m_rows)
        if (r.unsimulated)
            shown << r.name;
    if (now != shown)
        rebuild();
}

const ScrapeSubject *TargetsModel::unsimulatedAt(int row) const {
    if (row < 0 || row >= rowCount() || !m_rows[size_t(row)].unsimulated)
        return nullptr;
    return &*m_rows[size_t(row)].unsimulated;
}

QUrl TargetsModel::metricsUrlAt(int row) const {
    if (const ScrapeSubject *s = unsimulatedAt(row))
        return QUrl(s->target.url);
    const SimulatedTarget *t = m_lab ? m_lab->target(nameAt(row)) : nullptr;
    return t ? t->metricsUrl() : QUrl();
}

void TargetsModel::onEvent(const LabEvent &event) {
    const auto *scrape = event.as<ScrapeEvent>();
    if (!scrape || m_replay) // a replay re-reads its rows when the position moves
        return;
    const int row = rowOf(event.subject);
    if (row < 0)
        return;
    Row &r = m_rows[size_t(row)];
    r.scraped = true;
    r.up = scrape->up();
    r.lastScrapeMs = scrape->startMs;
    r.durationMs = scrape->durationMs;
    r.error = scrape->error;
    r.format = QString::fromLatin1(scrapeFormatName(scrape->format));
    touch(row);
}

void TargetsModel::touch(int row) {
    if (row < 0)
        return;
    m_dirtyFirst = m_dirtyFirst < 0 ? row : std::min(m_dirtyFirst, row);
    m_dirtyLast = std::max(m_dirtyLast, row);
    if (!m_flush.isActive())
        m_flush.start();
}

void TargetsModel::flushNow() {
    m_flush.stop();
    if (m_dirtyFirst < 0)
        return;
    const int first = m_dirtyFirst, last = std::min(m_dirtyLast, rowCount() - 1);
    m_dirtyFirst = m_dirtyLast = -1;
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole, HealthRole,
                            RunningRole, SimulatedRole});
}

int TargetsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TargetsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QByteArray TargetsModel::nameAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].name : QByteArray();
}

int TargetsModel::rowOf(const QByteArray &name) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name)
            return int(i);
    return -1;
}

QVariant TargetsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const SimulatedTarget *t = m_lab ? m_lab->target(r.name) : nullptr;
    const LabPalette::State health = !r.scraped ? LabPalette::State::Unknown
                                     : r.up     ? LabPalette::State::Up
                                                : LabPalette::State::Down;
    if (role == ElideModeRole && index.column() == Url)
        return int(Qt::ElideLeft); // the port and path tell targets apart, not "http://127.0.0.1"
    if (role == NameRole)
        return QString::fromUtf8(r.name);
    if (role == HealthRole)
        return int(health);
    if (role == RunningRole)
        return r.replayed ? r.running : t && t->isRunning();
    if (role == SimulatedRole)
        return t != nullptr;
    if (r.unsimulated) {
        const ScrapeSubject &s = *r.unsimulated;
        if (role == Qt::ToolTipRole && index.column() != LastError)
            return SubjectText::explanation(s);
        if (role == Qt::ForegroundRole && index.column() == Health)
            return LabPalette::stateColor(health);
        if (role == Qt::DisplayRole)
            switch (Column(index.column())) {
            case Name:
                return tr("%1 (%2)", "a target and its badge, e.g. outside the lab")
                    .arg(QString::fromUtf8(r.name), SubjectText::badge(s.kind));
            case Url:
                return s.target.url;
            case State:
                // Not run by the lab: its process state is whatever its scrapes say.
                return QStringLiteral("⬚ ") + SubjectText::badge(s.kind);
            default:
                break;
            }
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Health)
            return LabPalette::stateColor(health);
        if (index.column() == State && (t ? !t->isRunning() : r.replayLab && !r.running))
            return LabPalette::stateColor(LabPalette::State::Killed);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == LastError)
        return r.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Name:
        return QString::fromUtf8(r.name) +
               (m_lab && m_lab->isPod(r.name) ? tr(" (pod)") : QString());
    case Url:
        return t ? t->metricsUrl().toString() : r.url;
    case State:
        if (r.replayed)
            return r.replayLab ? faultText(r.running, r.fault, r.faultParamMs)
                               : QStringLiteral("⬚ ") + tr("not run by the lab");
        return t ? faultText(t->isRunning(), t->fault(), t->faultParamMs()) : QString();
    case Health:
        return LabPalette::stateLabel(health);
    case LastScrape:
        return r.scraped ? QDateTime::fromMSecsSinceEpoch(r.lastScrapeMs)
                               .toString(QStringLiteral("HH:mm:ss.zzz"))
                         : QString();
    case Duration:
        return r.scraped ? tr("%1 ms").arg(r.durationMs) : QString();
    case Format:
        return formatText(r.format);
    case LastError:
        return r.error;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Target");
    case Url:
        return tr("URL");
    case State:
        return tr("State");
    case Health:
        return tr("Health");
    case LastScrape:
        return tr("Last scrape");
    case Duration:
        return tr("Duration");
    case Format:
        return tr("Format");
    case LastError:
        return tr("Last error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ppl
