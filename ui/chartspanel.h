#pragma once

#include <QWidget>

class QAction;
class QTabWidget;

namespace ppl {

class Clock;
class LiveChart;
class SeriesStore;

// Chart tabs the user adds and removes, each a LiveChart of chosen series, plus the built-in
// views that teach: `up` per target as a step chart and the age of every pushed group.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    ChartsPanel(SeriesStore *store, Clock *clock, QWidget *parent = nullptr);

    // "up", or `metric{label="value",…}` with =, !=, =~, !~ (the query language of a later
    // issue plugs in here). Returns null and sets *error if the selector does not parse.
    LiveChart *addChart(const QString &title, const QString &selector, QString *error = nullptr);
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

private:
    void askForChart();

    SeriesStore *m_store;
    Clock *m_clock;
    QTabWidget *m_tabs;
    QAction *m_add;
    QAction *m_remove;
    qint64 m_windowMs = 5 * 60'000;
    bool m_paused = false;
    qreal m_zoom = 1;
};

} // namespace ppl
