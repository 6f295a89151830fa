#pragma once

#include "storage/labels.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <deque>

namespace ppl {

class EventLog;
struct LabEvent;

// Why a series went stale at one moment, in the scrape's own terms. Prometheus writes a stale
// marker in three situations (scrape/scrape.go): a failed scrape appends an empty result, so
// everything of the previous scrape goes stale at its start (TargetDown); a successful scrape
// that no longer exposes a series marks just that one (SeriesVanished); a target that leaves
// the configuration gets end-of-run markers about two intervals later, at a time no scrape
// ran (EndOfScrape).
struct StaleReason {
    enum class Kind { TargetDown, SeriesVanished, EndOfScrape, Unknown };
    Kind kind = Kind::Unknown;
    QString error;        // TargetDown: the scrape's error, as the targets page shows it
    QString text() const; // one translated line: "target down: connection refused", …
};

// Answers StaleReason for a series and a stale marker's timestamp from the lab's scrape
// events (the event log), remembering the start, health and error of each target's recent
// scrapes. A series is matched to its target by job and instance; a series that does not
// carry its target's (honor_labels on a gateway scrape) by the one scrape that started at
// the marker's time. Thread affinity: the event log's.
class StaleReasons : public QObject {
    Q_OBJECT
public:
    explicit StaleReasons(EventLog *events, QObject *parent = nullptr);

    StaleReason explain(const Labels &series, qint64 staleMs) const;

    static constexpr qsizetype ScrapesKeptPerTarget = 4096; // an hour of 1 s scrapes
    static constexpr qsizetype ScrapesKept = 8192;          // over all targets

private:
    struct Scrape {
        qint64 startMs = 0;
        bool up = false;
        QString error;
    };
    void onEvent(const LabEvent &event);
    static StaleReason fromScrape(const Scrape &s);

    QHash<QByteArray, std::deque<Scrape>> m_byTarget; // "job\0instance" -> oldest first
    std::deque<Scrape> m_recent;                      // every target's, oldest first
};

} // namespace ppl
