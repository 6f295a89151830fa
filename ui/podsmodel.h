#pragma once

#include "labpalette.h"
#include "scrape/podscrape.h"
#include "scrape/scrapeconfig.h"
#include "sim/podcatalog.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <vector>

namespace ppl {

class Lab;
struct LabEvent;

// The lab's simulated Kubernetes pods (its PodCatalog) with what the scraper made of each:
// scraped by which job, dropped by relabelling (e.g. the keep-on-annotation rule), or not
// discovered at all, and the health of its last scrape. Pods change rarely, so every catalog
// change rebuilds the rows; health changes are announced per row, only when they differ.
class PodsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // What a student looks for first comes first: which pod, and is it scraped.
    enum Column {
        Name,
        Namespace,
        Scraping,
        Health,
        PodLabels,
        PodAnnotations,
        Phase,
        Address,
        ColumnCount
    };
    enum Role { NameRole = Qt::UserRole + 1, NamespaceRole, ScrapedRole, ScrapeAnnotationRole };
    // What the scraper does with a pod (core/scrape/podscrape.h answers it).
    using Scrape = PodScrapeStatus::State;

    explicit PodsModel(Lab *lab, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const Pod *podAt(int row) const; // null if out of range
    // Pod names are unique in the lab (they share one namespace with targets and jobs), so
    // the name alone finds a row; a non-empty namespace must match too.
    int rowOf(const QByteArray &name, const QByteArray &namespaceName = {}) const;
    Scrape scrapeAt(int row) const;

private:
    struct Row {
        Pod pod;
        PodScrapeStatus scrape;
        quint16 port = 0;
    };
    void rebuild();
    void refreshScrapeState(bool announce);
    void onEvent(const LabEvent &event);
    LabPalette::State healthOf(const Row &row) const;

    QPointer<Lab> m_lab;
    std::vector<Row> m_rows;
    QHash<QByteArray, bool> m_up; // pod name → up at its last scrape (absent: not scraped yet)
};

} // namespace ppl
