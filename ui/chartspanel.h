#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QTabWidget;

namespace ppl {

class Clock;
class Lab;
class LiveChart;
class TimestampView;
class SeriesStore;

// Chart tabs the user adds and removes, each a LiveChart of a PromQL expression, plus the
// built-in views that teach: `up` per target as a step chart, the age of every pushed group
// (`time() - push_time_seconds`) and the
// timestamps of a job (when it worked, pushed, and was collected from the gateway).
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    ChartsPanel(SeriesStore *store, Clock *clock, QWidget *parent = nullptr);

    // Any PromQL expression of instant-vector or scalar type ("up", "sum by (job) (rate(x[1m]))",
    // "time() - push_time_seconds"); see LiveChart::setExpression. Returns null and sets
    // *error (Prometheus's wording) if the expression is refused.
    LiveChart *addChart(const QString &title, const QString &expression, QString *error = nullptr);
    void removeChart(int index);
    QList<LiveChart *> charts() const;
    QTabWidget *tabs() const { return m_tabs; }
    QAction *addChartAction() const { return m_add; }
    QAction *removeChartAction() const { return m_remove; }

    void setWindowMs(qint64 ms);
    void setPaused(bool paused);
    void setZoom(qreal zoom);
    void renderNow(); // every chart draws a frame at once (screenshots)

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void chartAdded(ppl::LiveChart *chart); // by addChart(), after it joined its tab

private:
    void askForChart();
    // The built-in "Timestamps of a job" tab; needs the Lab (the owner of the store).
    void addTimestampView(Lab *lab);

    SeriesStore *m_store;
    Clock *m_clock;
    // The lab that owns the store, when there is one: each chart starts at its scenario's
    // start and asks it why a series went stale.
    QPointer<Lab> m_lab;
    QTabWidget *m_tabs;
    QAction *m_add;
    QAction *m_remove;
    qint64 m_windowMs = 5 * 60'000;
    bool m_paused = false;
    qreal m_zoom = 1;
    QPointer<TimestampView> m_timestamps; // the user may close its tab
};

} // namespace ppl
