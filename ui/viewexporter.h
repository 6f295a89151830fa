#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace ppl {

class Lab;
class LiveChart;
class MainWindow;

// File → Export ▸ and the views' context menus: any chart, the timeline, the topology or the
// whole window as PNG; charts, the Query dock's graph and the timeline as SVG too; a chart's
// data, the Query dock's result or its graph as CSV (core/export's writeCsv); the lab's world
// as a runnable set for the real Prometheus (core/export's exportWorld). It only gathers what
// the views hold and writes it; a failure is reported through errorOccurred (the window's
// error bar). Where to write comes from a chooser: a file dialog, or, in tests, a function.
class ViewExporter : public QObject {
    Q_OBJECT
public:
    enum class Format { Png, Svg, Csv };
    // title, suggested file name, name filter; an empty filter asks for a directory. An empty
    // answer cancels.
    using PathChooser = std::function<QString(const QString &title, const QString &suggested,
                                              const QString &filter)>;

    ViewExporter(MainWindow *window, Lab *lab);

    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }
    // The File → Export submenu (owned by the caller's menu once added).
    QMenu *createMenu(QWidget *parent);
    // Adds the export entries to the views' context menus (charts as they are added).
    void attachContextMenus();

    // The operations behind the entries; false and errorOccurred on failure (or no data).
    static bool savePng(QWidget *view, const QString &file, QString *error = nullptr);
    static bool saveSvg(QWidget *view, const QString &file, const QString &title,
                        QString *error = nullptr);
    static bool saveCsv(const QByteArray &csv, const QString &file, QString *error = nullptr);
    bool exportView(QWidget *view, Format format, const QString &suggestedName);
    bool exportChartData(LiveChart *chart);
    bool exportQueryResult();
    bool exportQueryGraphData();
    bool exportWindow();
    bool exportWorld();

    // The chart tab shown in the Charts dock (a LiveChart or the job timestamps), or null.
    QWidget *currentChart() const;

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void exported(const QString &path); // after a successful write

private:
    QString choose(const QString &title, const QString &suggested, const QString &filter);
    bool fail(const QString &message);
    void attachChart(LiveChart *chart);
    void addViewActions(QWidget *view, const QString &name, bool svg);

    MainWindow *m_window;
    QPointer<Lab> m_lab;
    PathChooser m_chooser;
};

} // namespace ppl
