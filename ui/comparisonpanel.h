#pragma once

#include "lab/labevent.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <vector>

class QTableWidget;

namespace ppl {

class Lab;

// The seed article's pull-vs-push table, with a live column per model filled from what the
// running lab measured (from its event log): e.g. freshness as the median delay from a
// change to the store, health as whether and how fast a death was detected.
class ComparisonPanel : public QWidget {
    Q_OBJECT
public:
    enum Row {
        ControlFlow,
        Discovery,
        Health,
        Network,
        Ephemeral,
        Freshness,
        Config,
        Scaling,
        RowCount
    };
    enum Column { Feature, PullArticle, PushArticle, PullMeasured, PushMeasured, ColumnCount };

    explicit ComparisonPanel(Lab *lab, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QString cell(Row row, Column column) const;
    void refresh(); // recompute the measured columns now

private:
    void onEvent(const LabEvent &event);
    void reset();

    QPointer<Lab> m_lab;
    QTableWidget *m_table;
    QTimer m_timer;
    // What the measured columns are computed from.
    quint64 m_scrapes = 0, m_failedScrapes = 0, m_pushes = 0, m_failedPushes = 0;
    quint64 m_gatewayScrapes = 0;
    std::deque<qint64> m_scrapeTimes, m_pushTimes; // last minute, for rates
    QHash<QByteArray, qint64> m_killedAt;          // target -> when it was killed
    std::vector<qint64> m_detectionMs;             // kill -> first failed scrape
    std::vector<qint64> m_pendingPushes;           // pushed, not yet scraped from the gateway
    std::vector<qint64> m_pushToStoreMs;           // push -> next gateway scrape
    QHash<QByteArray, qint64> m_lastScrape;        // target -> last scrape start
    std::vector<qint64> m_scrapeGapsMs;            // consecutive scrapes of one target
};

} // namespace ppl
