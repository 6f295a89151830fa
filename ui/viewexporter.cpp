#include "viewexporter.h"

#include "chartspanel.h"
#include "export/csvwriter.h"
#include "export/runnableset.h"
#include "lab/lab.h"
#include "livechart.h"
#include "mainwindow.h"
#include "querygraphview.h"
#include "querypanel.h"
#include "timelineview.h"
#include "topologyview.h"

#include <QAction>
#include <QFileDialog>
#include <QGraphicsItem>
#include <QImageWriter>
#include <QMenu>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableWidget>

namespace ppl {

ViewExporter::ViewExporter(MainWindow *window, Lab *lab)
    : QObject(window)
    , m_window(window)
    , m_lab(lab) {}

bool ViewExporter::savePng(QWidget *view, const QString &file, QString *error) {
    const QPixmap picture = view->grab();
    QImageWriter writer(file, "png");
    if (picture.isNull() || !writer.write(picture.toImage())) {
        if (error)
            *error = tr("Could not write %1: %2").arg(file, writer.errorString());
        return false;
    }
    return true;
}

bool ViewExporter::saveSvg(QWidget *view, const QString &file, const QString &title,
                           QString *error) {
    // QSvgGenerator writes on destruction of its painter; check the file can be made first,
    // as it does not report a failed open.
    {
        QSaveFile probe(file);
        if (!probe.open(QIODevice::WriteOnly)) {
            if (error)
                *error = tr("Could not write %1: %2").arg(file, probe.errorString());
            return false;
        }
    }
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(view->size());
    svg.setViewBox(QRect(QPoint(0, 0), view->size()));
    svg.setTitle(title);
    svg.setDescription(tr("Exported by Pull/Push Lab"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("Could not write %1").arg(file);
        return false;
    }
    view->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.end();
    return true;
}

bool ViewExporter::saveCsv(const QByteArray &csv, const QString &file, QString *error) {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(csv) != csv.size() || !out.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

QString ViewExporter::choose(const QString &title, const QString &suggested,
                             const QString &filter) {
    if (m_chooser)
        return m_chooser(title, suggested, filter);
    if (filter.isEmpty())
        return QFileDialog::getExistingDirectory(m_window, title, suggested);
    return QFileDialog::getSaveFileName(m_window, title, suggested, filter);
}

bool ViewExporter::fail(const QString &message) {
    Q_EMIT errorOccurred(message);
    return false;
}

bool ViewExporter::exportView(QWidget *view, Format format, const QString &suggestedName) {
    if (!view)
        return fail(tr("There is nothing to export."));
    if (auto *chart = qobject_cast<LiveChart *>(view))
        chart->renderNow();
    QString path;
    QString error;
    bool ok = false;
    switch (format) {
    case Format::Png:
        path = choose(tr("Export as PNG"), suggestedName + QStringLiteral(".png"),
                      tr("PNG images (*.png)"));
        if (path.isEmpty())
            return false;
        ok = savePng(view, path, &error);
        break;
    case Format::Svg:
        path = choose(tr("Export as SVG"), suggestedName + QStringLiteral(".svg"),
                      tr("SVG images (*.svg)"));
        if (path.isEmpty())
            return false;
        ok = saveSvg(view, path, suggestedName, &error);
        break;
    case Format::Csv:
        if (auto *chart = qobject_cast<LiveChart *>(view))
            return exportChartData(chart);
        if (qobject_cast<QueryGraphView *>(view))
            return exportQueryGraphData();
        return fail(tr("This view has no data to export as CSV."));
    }
    if (!ok)
        return fail(error);
    Q_EMIT exported(path);
    return true;
}

bool ViewExporter::exportChartData(LiveChart *chart) {
    if (!chart)
        return fail(tr("The chart shown has no data to export as CSV."));
    chart->renderNow();
    const std::vector<ExportSeries> series = chart->exportSeries();
    if (series.empty())
        return fail(tr("The chart has no data in its window."));
    const QString path =
        choose(tr("Export chart data"), QStringLiteral("chart.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (path.isEmpty())
        return false;
    if (!saveCsv(writeCsv(series), path, &error))
        return fail(error);
    Q_EMIT exported(path);
    return true;
}

bool ViewExporter::exportQueryResult() {
    const query::QueryResult &result = m_window->queryPanel()->lastResult();
    if (result.type == query::ValueType::None || result.type == query::ValueType::String)
        return fail(tr("Execute a query first: its result is what is exported."));
    const QString path = choose(tr("Export query result"), QStringLiteral("query-result.csv"),
                                tr("CSV files (*.csv)"));
    QString error;
    if (path.isEmpty())
        return false;
    if (!saveCsv(writeCsv(seriesOfResult(result)), path, &error))
        return fail(error);
    Q_EMIT exported(path);
    return true;
}

bool ViewExporter::exportQueryGraphData() {
    const auto &series = m_window->queryPanel()->graph()->series();
    if (series.empty())
        return fail(tr("The query graph is empty: execute a query first."));
    const QString path = choose(tr("Export query graph data"), QStringLiteral("query-graph.csv"),
                                tr("CSV files (*.csv)"));
    QString error;
    if (path.isEmpty())
        return false;
    if (!saveCsv(writeCsv(seriesOfResult(series)), path, &error))
        return fail(error);
    Q_EMIT exported(path);
    return true;
}

bool ViewExporter::exportWindow() {
    const QString path = choose(tr("Export window as PNG"), QStringLiteral("pullpush-lab.png"),
                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return false;
    if (!m_window->saveScreenshot(path))
        return fail(tr("Could not write %1").arg(path));
    Q_EMIT exported(path);
    return true;
}

bool ViewExporter::exportWorld() {
    if (!m_lab || m_lab->scenario().source.isEmpty())
        return fail(tr("No scenario is running."));
    const QString dir = choose(tr("Export world for real Prometheus: choose a directory"),
                               m_lab->scenarioName() + QStringLiteral("-prometheus"), QString());
    if (dir.isEmpty())
        return false;
    QString error;
    if (!ppl::exportWorld(*m_lab, dir, &error))
        return fail(error);
    Q_EMIT exported(dir);
    return true;
}

QWidget *ViewExporter::currentChart() const {
    return m_window->chartsPanel()->tabs()->currentWidget();
}

QMenu *ViewExporter::createMenu(QWidget *parent) {
    auto *menu = new QMenu(tr("E&xport"), parent);
    menu->addAction(tr("&Window as PNG…"), this, [this] { exportWindow(); });
    menu->addAction(tr("&Topology as PNG…"), this, [this] {
        exportView(m_window->topology(), Format::Png, QStringLiteral("topology"));
    });
    menu->addAction(tr("T&imeline as PNG…"), this, [this] {
        exportView(m_window->timeline(), Format::Png, QStringLiteral("timeline"));
    });
    menu->addAction(tr("Ti&meline as SVG…"), this, [this] {
        exportView(m_window->timeline(), Format::Svg, QStringLiteral("timeline"));
    });
    menu->addSeparator();
    menu->addAction(tr("&Chart as PNG…"), this,
                    [this] { exportView(currentChart(), Format::Png, QStringLiteral("chart")); });
    menu->addAction(tr("Chart as &SVG…"), this,
                    [this] { exportView(currentChart(), Format::Svg, QStringLiteral("chart")); });
    menu->addAction(tr("Chart &data as CSV…"), this,
                    [this] { exportChartData(qobject_cast<LiveChart *>(currentChart())); });
    menu->addSeparator();
    menu->addAction(tr("&Query result as CSV…"), this, [this] { exportQueryResult(); });
    menu->addAction(tr("Query &graph as PNG…"), this, [this] {
        exportView(m_window->queryPanel()->graph(), Format::Png, QStringLiteral("query-graph"));
    });
    menu->addAction(tr("Query g&raph as SVG…"), this, [this] {
        exportView(m_window->queryPanel()->graph(), Format::Svg, QStringLiteral("query-graph"));
    });
    menu->addAction(tr("Query graph data as CS&V…"), this, [this] { exportQueryGraphData(); });
    menu->addSeparator();
    menu->addAction(tr("World for real &Prometheus…"), this, [this] { exportWorld(); });
    return menu;
}

void ViewExporter::addViewActions(QWidget *view, const QString &name, bool svg) {
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *png = new QAction(tr("Export as PNG…"), view);
    connect(png, &QAction::triggered, this,
            [this, view, name] { exportView(view, Format::Png, name); });
    view->addAction(png);
    if (svg) {
        auto *svgAction = new QAction(tr("Export as SVG…"), view);
        connect(svgAction, &QAction::triggered, this,
                [this, view, name] { exportView(view, Format::Svg, name); });
        view->addAction(svgAction);
    }
}

void ViewExporter::attachChart(LiveChart *chart) {
    addViewActions(chart, QStringLiteral("chart"), true);
    auto *csv = new QAction(tr("Export data as CSV…"), chart);
    connect(csv, &QAction::triggered, this, [this, chart] { exportChartData(chart); });
    chart->addAction(csv);
}

void ViewExporter::attachContextMenus() {
    ChartsPanel *charts = m_window->chartsPanel();
    for (int i = 0; i < charts->tabs()->count(); ++i) {
        QWidget *tab = charts->tabs()->widget(i);
        if (auto *chart = qobject_cast<LiveChart *>(tab))
            attachChart(chart);
        else
            addViewActions(tab, QStringLiteral("chart"), true);
    }
    connect(charts, &ChartsPanel::chartAdded, this, &ViewExporter::attachChart);
    addViewActions(m_window->timeline(), QStringLiteral("timeline"), true);
    QueryGraphView *graph = m_window->queryPanel()->graph();
    addViewActions(graph, QStringLiteral("query-graph"), true);
    auto *graphCsv = new QAction(tr("Export data as CSV…"), graph);
    connect(graphCsv, &QAction::triggered, this, [this] { exportQueryGraphData(); });
    graph->addAction(graphCsv);
    QTableWidget *table = m_window->queryPanel()->table();
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *tableCsv = new QAction(tr("Export result as CSV…"), table);
    connect(tableCsv, &QAction::triggered, this, [this] { exportQueryResult(); });
    table->addAction(tableCsv);
    // The topology's nodes have menus of their own (right-click on a node): the picture's
    // entry is offered on the empty canvas only.
    TopologyView *topology = m_window->topology();
    topology->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(topology, &QWidget::customContextMenuRequested, this, [this, topology](QPoint pos) {
        for (QGraphicsItem *item : topology->items(pos)) {
            while (item->parentItem())
                item = item->parentItem();
            if (item->data(1).isValid())
                return;
        }
        QMenu menu;
        menu.addAction(tr("Export as PNG…"), this, [this, topology] {
            exportView(topology, Format::Png, QStringLiteral("topology"));
        });
        menu.exec(topology->viewport()->mapToGlobal(pos));
    });
}

} // namespace ppl
