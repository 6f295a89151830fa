#pragma once

#include "lab/labevent.h"
#include "scrollingtimeview.h"

#include <deque>
#include <map>
#include <vector>

class QComboBox;
class QLabel;

namespace ppl {

class Lab;

// The timestamps of one job on one time axis: its runs as bars (when it did its work), its
// pushes as marks (a filled triangle when accepted, a cross when rejected, a hollow square for
// a delete: shape and colour together), every scrape of the gateway by the server as a tick,
// and from each tick a thin line to the push whose value that scrape returned. The line comes
// from what the server stored (push_time_seconds of the job's group at the scrape's
// timestamp), so after the job died the student sees the same old push collected again and
// again. Follows the lab clock and scrolls like the timeline; hover shows exact times.
class TimestampView : public ScrollingTimeView {
    Q_OBJECT
public:
    explicit TimestampView(Lab *lab, QWidget *parent = nullptr);

    QComboBox *jobPicker() const { return m_jobs; }
    QByteArray job() const;
    void setJob(const QByteArray &name);

    // What the view draws for the chosen job inside the time window (tests).
    int runCount() const;
    int pushCount() const;
    int gatewayScrapeCount(qint64 sinceMs = 0) const;
    int linkCount() const;           // lines from a gateway scrape to a push
    int linkedPushCount() const;     // distinct pushes those lines end at
    QPoint pushMarkPosition() const; // the newest push mark in view; (-1,-1) if none

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override { return {800, 320}; }

private:
    void zoomChanged() override;
    struct Run {
        quint64 number = 0;
        qint64 startMs = 0;
        qint64 endMs = -1; // -1 while running
        JobRunState state = JobRunState::Running;
        LabEvent last;
    };
    struct Push {
        LabEvent event;
        bool ok = false;
        bool deletion = false;
    };
    struct Tick {
        qint64 atMs = 0; // the scrape's start: the timestamp of what it stored
        bool up = false;
        LabEvent event;
    };
    struct Track {
        std::deque<Run> runs;
        std::deque<Push> pushes;
    };
    struct Link {
        qint64 tickMs = 0;
        qint64 pushTimeMs = 0;      // push_time_seconds as stored
        const Push *push = nullptr; // the push mark it ends at, if the view saw that push
    };
    struct Geometry {
        QRectF plot;
        qreal workY = 0, pushY = 0, scrapeY = 0, rowHeight = 0;
        qint64 from = 0, now = 0, window = 1;
        qreal xFor(qint64 t) const {
            return plot.left() + plot.width() * double(t - from) / double(window);
        }
    };

    void onEvent(const LabEvent &event);
    void reloadJobs();
    void clearAll();
    const Track *track() const;
    std::vector<Link> links(qint64 from, qint64 to) const;
    Geometry geometry() const;
    qreal legendHeight() const;
    QString tooltipAt(const QPointF &pos) const;
    void paintLegend(QPainter &p, const QRectF &area) const;

    QWidget *m_header;
    QLabel *m_jobLabel;
    QComboBox *m_jobs;
    std::map<QByteArray, Track> m_tracks;
    std::deque<Tick> m_ticks;
};

} // namespace ppl
