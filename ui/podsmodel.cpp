#include "podsmodel.h"

#include "lab/lab.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"

#include <QJsonObject>
#include <QStringList>

namespace ppl {

namespace {

const QByteArray ScrapeAnnotation = "prometheus.io/scrape";

QString joined(const QMap<QByteArray, QByteArray> &map, const QString &separator,
               const QString &between) {
    QStringList parts;
    for (auto it = map.begin(); it != map.end(); ++it)
        parts << QString::fromUtf8(it.key()) + separator + QString::fromUtf8(it.value());
    return parts.join(between);
}

} // namespace

PodsModel::PodsModel(Lab *lab, QObject *parent)
    : QAbstractTableModel(parent)
    , m_lab(lab) {
    if (!lab)
        return;
    connect(lab->pods(), &PodCatalog::changed, this, &PodsModel::rebuild);
    connect(lab, &Lab::scenarioLoaded, this, &PodsModel::rebuild);
    // Discovery may hear of a catalog change after this model: follow its results as well.
    connect(lab->discovery(), &TargetDiscovery::targetsChanged, this,
            [this] { refreshScrapeState(true); });
    connect(lab->scrapeManager(), &ScrapeManager::targetsChanged, this,
            [this] { refreshScrapeState(true); });
    connect(lab->events(), &EventLog::appended, this, &PodsModel::onEvent);
    rebuild();
}

void PodsModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    if (m_lab)
        for (const Pod &pod : m_lab->pods()->pods()) {
            Row r;
            r.pod = pod;
            if (const SimulatedTarget *t = m_lab->target(pod.name))
                r.port = t->port();
            m_rows.push_back(r);
        }
    refreshScrapeState(false); // before the reset ends, so views size columns for it
    endResetModel();
}

void PodsModel::refreshScrapeState(bool announce) {
    if (!m_lab || m_rows.empty())
        return;
    const QList<ScrapeTarget> active = m_lab->scrapeManager()->activeTargets();
    const QList<ScrapeTarget> dropped = m_lab->discovery()->droppedTargets();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        const PodScrapeStatus scrape = podScrapeStatus(r.pod, r.port, active, dropped);
        if (scrape != r.scrape) {
            r.scrape = scrape;
            if (announce)
                Q_EMIT dataChanged(index(int(i), Scraping), index(int(i), Health));
        }
    }
}

void PodsModel::onEvent(const LabEvent &event) {
    const auto *scrape = event.as<ScrapeEvent>();
    if (!scrape)
        return;
    const int row = rowOf(event.subject);
    if (row < 0)
        return;
    const bool up = scrape->up();
    const auto known = m_up.constFind(event.subject);
    if (known != m_up.cend() && *known == up)
        return; // scrapes come every second; only a change is news
    m_up.insert(event.subject, up);
    Q_EMIT dataChanged(index(row, Health), index(row, Health));
}

int PodsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PodsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const Pod *PodsModel::podAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[size_t(row)].pod : nullptr;
}

int PodsModel::rowOf(const QByteArray &name, const QByteArray &namespaceName) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].pod.name == name &&
            (namespaceName.isEmpty() || m_rows[i].pod.namespaceName == namespaceName))
            return int(i);
    return -1;
}

PodsModel::Scrape PodsModel::scrapeAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[size_t(row)].scrape.state : Scrape::NotDiscovered;
}

LabPalette::State PodsModel::healthOf(const Row &r) const {
    const auto up = m_up.constFind(r.pod.name);
    if (up == m_up.cend())
        return LabPalette::State::Unknown;
    return *up ? LabPalette::State::Up : LabPalette::State::Down;
}

QVariant PodsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case NameRole:
        return QString::fromUtf8(r.pod.name);
    case NamespaceRole:
        return QString::fromUtf8(r.pod.namespaceName);
    case ScrapedRole:
        return r.scrape.state == Scrape::Scraped;
    case ScrapeAnnotationRole:
        return QString::fromUtf8(r.pod.annotations.value(ScrapeAnnotation));
    case Qt::ForegroundRole:
        if (index.column() == Health && r.scrape.state == Scrape::Scraped)
            return LabPalette::stateColor(healthOf(r));
        if (index.column() == Scraping && r.scrape.state != Scrape::Scraped)
            return LabPalette::stateColor(LabPalette::State::Killed);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PodLabels)
            return joined(r.pod.labels, QStringLiteral("="), QStringLiteral("\n"));
        if (index.column() == PodAnnotations)
            return joined(r.pod.annotations, QStringLiteral(": "), QStringLiteral("\n"));
        if (index.column() == Scraping && r.scrape.state == Scrape::Scraped)
            return tr("Scraped by job %1.").arg(QString::fromUtf8(r.scrape.job));
        if (index.column() == Scraping && r.scrape.state == Scrape::Dropped)
            return tr("Discovered by job %1, then dropped by its relabel_configs (for example "
                      "a keep rule on the prometheus.io/scrape annotation).")
                .arg(QString::fromUtf8(r.scrape.job));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Namespace:
        return QString::fromUtf8(r.pod.namespaceName);
    case Name:
        return QString::fromUtf8(r.pod.name);
    case Phase:
        return QString::fromUtf8(r.pod.phase);
    case Address:
        return r.port ? QStringLiteral("%1:%2").arg(QString::fromUtf8(r.pod.ip)).arg(r.port)
                      : QString::fromUtf8(r.pod.ip);
    case PodLabels:
        return joined(r.pod.labels, QStringLiteral("="), QStringLiteral(", "));
    case PodAnnotations:
        return joined(r.pod.annotations, QStringLiteral(": "), QStringLiteral(", "));
    case Scraping:
        switch (r.scrape.state) {
        case Scrape::Scraped:
            return QStringLiteral("✔ ") + tr("scraped");
        case Scrape::Dropped:
            return QStringLiteral("✘ ") + tr("dropped");
        case Scrape::NotDiscovered:
            return QStringLiteral("– ") + tr("not discovered");
        }
        return {};
    case Health:
        return r.scrape.state == Scrape::Scraped ? LabPalette::stateLabel(healthOf(r)) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PodsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Namespace:
        return tr("Namespace");
    case Name:
        return tr("Pod");
    case Phase:
        return tr("Phase");
    case Address:
        return tr("Address");
    case PodLabels:
        return tr("Labels");
    case PodAnnotations:
        return tr("Annotations");
    case Scraping:
        return tr("Scraping");
    case Health:
        return tr("Health");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ppl
