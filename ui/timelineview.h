#pragma once

#include "lab/labevent.h"
#include "scrollingtimeview.h"

class QLabel;

#include <QHash>

#include <deque>
#include <optional>

namespace ppl {

class Lab;

// Pull vs push, side by side: the upper lane has a row per scraped target (one mark per
// scrape), the lower lane a row per pushed group (one mark per push or delete) and a row for
// the server's scrapes of the gateway. Marks are placed at the event's lab time, shaped and
// coloured by outcome (a filled circle/triangle when it worked, a cross when it failed), and
// the view scrolls with the lab's clock. Each job's runs are hatched bars on the push lane,
// so when a job worked, when it pushed and when the server scraped the gateway share one
// time axis. Clicking a mark shows its details in a strip under the lanes (status, error,
// samples, bytes, duration, time); hovering a mark shows the same as a tooltip. When the
// server has rules, a third lane has a row per alert (its name and instance or job) with a
// mark per state change: a hollow diamond when it became pending, a filled one when it fired,
// a tick when it resolved.
class TimelineView : public ScrollingTimeView {
    Q_OBJECT
public:
    explicit TimelineView(Lab *lab, QWidget *parent = nullptr);

    enum class Lane { Pull, Push, Alert };
    // Marks now held per lane (tests) and the details of the selected one.
    int markCount(Lane lane, std::optional<LabEvent::Kind> kind = std::nullopt) const;
    QString selectedDetails() const { return m_details; }
    // The row labels a lane shows now, top to bottom (tests).
    QStringList rowLabels(Lane lane) const;
    // The strip under the lanes that shows the selected mark's details (hidden when none is).
    QLabel *detailsLabel() const { return m_detailsLabel; }

    // An event in words for people: a title line, then "key: value" fields (status, error,
    // samples, bytes, duration, …), every key translated. Also the mark's tooltip.
    static QString eventDetails(const LabEvent &event);
    // The view position of the newest mark in a lane (tests click it); (-1,-1) if none.
    QPoint newestMarkPosition(Lane lane, std::optional<LabEvent::Kind> kind = std::nullopt) const;

    // A moment to remember, drawn as a labelled vertical line across the lanes (a lesson's
    // step passed). Cleared with the marks when a scenario loads.
    void addMoment(qint64 atMs, const QString &label);
    QList<std::pair<qint64, QString>> moments() const { return m_moments; }

Q_SIGNALS:
    void markClicked(const QString &details);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    QSize sizeHint() const override { return {800, 260}; }

private:
    void zoomChanged() override;
    struct Mark {
        LabEvent event;
        Lane lane;
        QString row;
        bool ok;
    };
    void onEvent(const LabEvent &event);
    void clearMarks();
    QString pullRow(const QByteArray &subject); // a scraped subject's row label
    // Rows in display order, with their lane; computed from the marks in the window.
    struct Layout {
        QRectF plot;
        QStringList pullRows, pushRows, alertRows;
        bool alertLane = false; // shown once the server has alerting rules or alert marks
        qreal rowHeight = 0;
        qreal labelWidth = 0; // the row labels' column
        qreal pushTop = 0;
        qreal alertTop = 0;
        qreal xFor(qint64 t, qint64 from, qint64 window) const {
            return plot.left() + plot.width() * double(t - from) / double(window);
        }
    };
    Layout layout() const;
    QPointF markPosition(const Mark &m, const Layout &l, qint64 from) const;
    const Mark *markAt(const QPointF &pos) const;
    void drawAlertMark(QPainter &p, const Mark &m, QPointF c, qreal r) const;
    qreal detailsHeight() const;
    void showDetails(const Mark *mark);

    std::deque<Mark> m_marks;
    QHash<QByteArray, QString> m_pullRows; // subject -> row label
    QString m_details;
    const Mark *m_selected = nullptr;
    QLabel *m_detailsLabel;
    QList<std::pair<qint64, QString>> m_moments;
};

} // namespace ppl
