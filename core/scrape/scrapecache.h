#pragma once

#include "storage/seriesstore.h"

#include <QByteArray>
#include <QHash>

#include <functional>
#include <vector>

namespace ppl {

// Per-target memory between scrapes, after Prometheus's scrapeCache: the exposed series text
// maps straight to a store series, so a steady target builds no label sets per sample; and
// the series seen in the previous and the current scrape, whose difference is what goes stale.
class ScrapeCache {
public:
    struct Entry {
        SeriesStore::SeriesId id = 0;
        quint64 lastIter = 0;
    };

    // The entry for the exposed series text, marked as seen in this scrape; null if unknown.
    Entry *get(const QByteArray &seriesText);
    void add(const QByteArray &seriesText, SeriesStore::SeriesId id);
    // True if metric_relabel_configs dropped this series text before (marks it seen).
    bool isDropped(const QByteArray &seriesText);
    void addDropped(const QByteArray &seriesText) { m_dropped.insert(seriesText, m_iter); }

    // This scrape saw series id. Only samples stamped at the scrape's time are tracked: one
    // with its own timestamp never goes stale, as in Prometheus.
    void markSeen(SeriesStore::SeriesId id) {
        m_seriesCur.push_back(id);
        m_curSorted = false;
    }
    // Calls fn for every series seen in the previous scrape but not in this one.
    void forEachStale(const std::function<void(SeriesStore::SeriesId)> &fn);
    // Ends a scrape: the current set becomes the previous one. flush (after a non-empty
    // successful scrape) forgets text entries that this scrape did not see.
    void iterDone(bool flush);
    qsizetype size() const { return m_series.size(); }

    // Metadata from # HELP, # TYPE and # UNIT lines, by metric family name, as Prometheus's
    // scrapeCache keeps it: a family's entry starts with type "unknown" and empty help and
    // unit; it is forgotten 10 successful scrapes after its last appearance.
    struct Metadata {
        QByteArray type = "unknown";
        QByteArray help;
        QByteArray unit;
        quint64 lastIter = 0;
    };
    void setType(QByteArrayView family, const QByteArray &type) { meta(family).type = type; }
    void setHelp(QByteArrayView family, QByteArrayView help) {
        meta(family).help = help.toByteArray();
    }
    void setUnit(QByteArrayView family, QByteArrayView unit) {
        meta(family).unit = unit.toByteArray();
    }
    const QHash<QByteArray, Metadata> &metadata() const { return m_metadata; }

private:
    Metadata &meta(QByteArrayView family) {
        Metadata &m = m_metadata[family.toByteArray()];
        m.lastIter = m_iter;
        return m;
    }

    quint64 m_iter = 1;
    QHash<QByteArray, Metadata> m_metadata;
    qsizetype m_successfulCount = 0;
    QHash<QByteArray, Entry> m_series;
    QHash<QByteArray, quint64> m_dropped; // text -> last scrape that saw it
    // Sorted id vectors rather than hash sets: a steady scrape then allocates nothing, and
    // "previous minus current" is one merge pass.
    void sortCurrent();
    std::vector<SeriesStore::SeriesId> m_seriesCur;
    std::vector<SeriesStore::SeriesId> m_seriesPrev; // sorted, unique
    bool m_curSorted = true;
};

} // namespace ppl
