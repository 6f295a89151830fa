#include "chartspanel.h"
#include "errorbar.h"
#include "export/runnableset.h"
#include "lab/lab.h"
#include "livechart.h"
#include "mainwindow.h"
#include "querygraphview.h"
#include "querypanel.h"
#include "realpeer.h"
#include "storage/seriesstore.h"
#include "timelineview.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "viewexporter.h"

#include <QMenuBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace ppl;

namespace {

QList<QList<QByteArray>> csvRows(const QString &file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QList<QByteArray>> rows;
    // The lab's label values here hold no commas, quotes or line ends: a plain split reads it.
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            rows << line.trimmed().split(',');
    return rows;
}

qint64 msOf(const QByteArray &text) {
    const qsizetype dot = text.indexOf('.');
    return text.left(dot).toLongLong() * 1000 + text.mid(dot + 1).toLongLong();
}

// The SVG read as XML to its end: its error, and all its text.
std::pair<QString, QString> readSvg(const QString &file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot open"), {}};
    QXmlStreamReader xml(&f);
    QString text;
    bool svgRoot = false;
    int drawn = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("svg"))
                svgRoot = true;
            if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline"))
                ++drawn;
        }
        if (xml.isCharacters())
            text += xml.text().toString() + u' ';
    }
    if (xml.hasError())
        return {xml.errorString(), text};
    if (!svgRoot || drawn == 0)
        return {QStringLiteral("no <svg> root or nothing drawn"), text};
    return {{}, text};
}

} // namespace

class TestViewExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void init() {
        m_lab = new Lab;
        QString error;
        QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
        m_window = new MainWindow(m_lab);
        m_window->setUnsavedChangesPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_next.clear();
        m_asked = 0;
        m_window->viewExporter()->setPathChooser(
            [this](const QString &, const QString &, const QString &) {
                ++m_asked;
                return m_next;
            });
        // Both services scraped a few times: the charts have lines.
        m_up = upChart();
        QVERIFY(m_up);
        QTRY_VERIFY_WITH_TIMEOUT(upSamples() >= 6, 10000);
    }
    void cleanup() {
        delete m_window;
        delete m_lab;
    }

    // Every picture is an image with something on it: a blank or flat grab has few colours.
    void pngsAreNotBlank() {
        QTemporaryDir dir;
        ViewExporter *exporter = m_window->viewExporter();
        m_window->chartsPanel()->tabs()->setCurrentWidget(m_up);
        const std::vector<std::pair<QString, QWidget *>> views{
            {QStringLiteral("chart"), m_up},
            {QStringLiteral("timeline"), m_window->timeline()},
            {QStringLiteral("topology"), m_window->topology()}};
        for (const auto &[name, view] : views) {
            m_next = dir.filePath(name + QStringLiteral(".png"));
            QVERIFY2(exporter->exportView(view, ViewExporter::Format::Png, name), qPrintable(name));
            const QImage img(m_next);
            QVERIFY2(!img.isNull(), qPrintable(name));
            QCOMPARE(img.size(), view->size() * view->devicePixelRatio());
            QVERIFY2(colourCount(img, 3) >= 6,
                     qPrintable(name + QStringLiteral(": %1 colours").arg(colourCount(img, 3))));
        }
        m_next = dir.filePath(QStringLiteral("window.png"));
        QVERIFY(exporter->exportWindow());
        const QImage window(m_next);
        QVERIFY(!window.isNull());
        QVERIFY(colourCount(window, 4) >= 20);
        QVERIFY(m_window->errorBar()->history().isEmpty());
    }

    // The chart's SVG is well-formed XML with an <svg> root, draws paths, and names every
    // series of its legend; the timeline's SVG is well-formed too.
    void svgsAreWellFormedAndNameTheSeries() {
        QTemporaryDir dir;
        ViewExporter *exporter = m_window->viewExporter();
        m_window->chartsPanel()->tabs()->setCurrentWidget(m_up);
        m_up->renderNow();
        const QStringList legend = m_up->legendTexts();
        QCOMPARE(legend.size(), m_up->visibleSeriesCount()); // web-1, web-2, the gateway
        QVERIFY(legend.size() >= 2);
        m_next = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY(exporter->exportView(m_up, ViewExporter::Format::Svg, QStringLiteral("chart")));
        const auto [error, text] = readSvg(m_next);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString &series : legend)
            QVERIFY2(text.contains(series), qPrintable(series + QStringLiteral(" in ") + text));

        m_next = dir.filePath(QStringLiteral("timeline.svg"));
        QVERIFY(exporter->exportView(m_window->timeline(), ViewExporter::Format::Svg,
                                     QStringLiteral("timeline")));
        QVERIFY2(readSvg(m_next).first.isEmpty(), qPrintable(readSvg(m_next).first));
    }

    // The chart's CSV holds the store's samples: each series' rows are exactly the store's
    // samples between its first and last exported timestamp, values equal.
    void chartCsvEqualsTheStore() {
        QTemporaryDir dir;
        m_next = dir.filePath(QStringLiteral("up.csv"));
        QVERIFY(m_window->viewExporter()->exportChartData(m_up));
        const auto rows = csvRows(m_next);
        QVERIFY(rows.size() >= 1 + 6);
        const QList<QByteArray> header = rows.front();
        QCOMPARE(header.front(), QByteArray("timestamp"));
        QCOMPARE(header.back(), QByteArray("value"));
        QVERIFY(header.contains("instance"));
        QVERIFY(header.contains("job"));
        std::map<Labels, std::vector<StoredSample>> bySeries;
        for (qsizetype r = 1; r < rows.size(); ++r) {
            QCOMPARE(rows[r].size(), header.size());
            std::vector<std::pair<QByteArray, QByteArray>> pairs;
            for (qsizetype c = 1; c + 1 < header.size(); ++c)
                pairs.emplace_back(header[c], rows[r][c]);
            bySeries[Labels::fromPairs(pairs)].push_back(
                {msOf(rows[r].front()), rows[r].back().toDouble()});
        }
        // up of web-1, web-2 and the gateway
        QCOMPARE(bySeries.size(), size_t(m_up->visibleSeriesCount()));
        QVERIFY(bySeries.size() >= 2);
        SeriesStore *store = m_lab->store();
        for (const auto &[labels, samples] : bySeries) {
            const auto id = store->find(labels);
            QVERIFY2(id, qPrintable(labels.toString()));
            const auto stored =
                store->samples(*id, samples.front().timestampMs, samples.back().timestampMs);
            QCOMPARE(stored.size(), samples.size());
            for (size_t i = 0; i < stored.size(); ++i) {
                QCOMPARE(samples[i].timestampMs, stored[i].timestampMs);
                QCOMPARE(samples[i].value, stored[i].value);
            }
        }
    }

    // The Query dock's result (the table) and its graph's series as CSV.
    void queryResultAndGraphAsCsv() {
        QueryPanel *panel = m_window->queryPanel();
        QSignalSpy finished(panel, &QueryPanel::finished);
        panel->setExpression(QStringLiteral("up{job=\"web\"}"));
        panel->execute();
        QVERIFY(finished.wait(10000));
        const query::QueryResult &result = panel->lastResult();
        QCOMPARE(result.series.size(), size_t(2));
        QTemporaryDir dir;
        m_next = dir.filePath(QStringLiteral("result.csv"));
        QVERIFY(m_window->viewExporter()->exportQueryResult());
        auto rows = csvRows(m_next);
        QCOMPARE(rows.size(), 3);
        const qsizetype instance = rows[0].indexOf("instance");
        QVERIFY(instance > 0);
        for (qsizetype r = 1; r < 3; ++r) {
            const query::Series &s = result.series[size_t(r - 1)];
            QCOMPARE(rows[r][instance], s.metric.value("instance"));
            QCOMPARE(msOf(rows[r][0]), s.points.front().t);
            QCOMPARE(rows[r].back().toDouble(), s.points.front().v);
        }

        QVERIFY(panel->graph()->seriesCount() > 0);
        m_next = dir.filePath(QStringLiteral("graph.csv"));
        QVERIFY(m_window->viewExporter()->exportQueryGraphData());
        rows = csvRows(m_next);
        QCOMPARE(rows.size() - 1, qsizetype(panel->graph()->pointCount()));
        m_next = dir.filePath(QStringLiteral("graph.svg"));
        panel->tabs()->setCurrentWidget(panel->graph());
        QVERIFY(m_window->viewExporter()->exportView(panel->graph(), ViewExporter::Format::Svg,
                                                     QStringLiteral("graph")));
        QVERIFY2(readSvg(m_next).first.isEmpty(), qPrintable(readSvg(m_next).first));
    }

    // File → Export ▸ World for real Prometheus…: the directory the chooser names gets the
    // set, and the real promtool accepts its prometheus.yml.
    void worldFromTheFileMenu() {
        QTemporaryDir dir;
        m_next = dir.path();
        QAction *world = nullptr;
        for (QAction *menu : m_window->menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (a->menu())
                        for (QAction *e : a->menu()->actions())
                            if (e->text().contains(QLatin1String("Prometheus")))
                                world = e;
        QVERIFY(world);
        world->trigger();
        QCOMPARE(m_asked, 1);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("prometheus.yml"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("docker-compose.yml"))));
        QVERIFY(m_window->errorBar()->history().isEmpty());
        if (!test::RealPeer::available(QStringLiteral("promtool")))
            QSKIP("promtool is not installed");
        QProcess promtool;
        promtool.setWorkingDirectory(dir.path());
        promtool.setProcessChannelMode(QProcess::MergedChannels);
        promtool.start(
            QStringLiteral("promtool"),
            {QStringLiteral("check"), QStringLiteral("config"), QStringLiteral("prometheus.yml")});
        QVERIFY(promtool.waitForFinished(30000));
        QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
    }

    // Every view carries its export entries in its context menu.
    void viewsHaveContextEntries() {
        QCOMPARE(m_up->contextMenuPolicy(), Qt::ActionsContextMenu);
        QCOMPARE(m_up->actions().size(), 3); // PNG, SVG, CSV
        QCOMPARE(m_window->timeline()->actions().size(), 2);
        QCOMPARE(m_window->queryPanel()->graph()->actions().size(), 3);
        QCOMPARE(m_window->queryPanel()->table()->actions().size(), 1);
        QCOMPARE(m_window->topology()->contextMenuPolicy(), Qt::CustomContextMenu);
        // A chart added later has them too.
        LiveChart *added =
            m_window->chartsPanel()->addChart(QStringLiteral("x"), QStringLiteral("rate(up[1m])"));
        QVERIFY(added);
        QCOMPARE(added->actions().size(), 3);
        // The chart's CSV entry asks where and writes.
        QTemporaryDir dir;
        m_next = dir.filePath(QStringLiteral("from-menu.csv"));
        m_up->actions().back()->trigger();
        QVERIFY(QFile::exists(m_next));
    }

    // A write that fails shows in the window's error bar; a cancelled chooser does nothing.
    void failuresShowInTheWindowAndCancelIsSilent() {
        ViewExporter *exporter = m_window->viewExporter();
        m_next = QStringLiteral("/nonexistent-dir/chart.png");
        QVERIFY(!exporter->exportView(m_up, ViewExporter::Format::Png, QStringLiteral("chart")));
        QVERIFY2(m_window->errorBar()->currentMessage().contains(m_next),
                 qPrintable(m_window->errorBar()->currentMessage()));
        m_next = QStringLiteral("/nonexistent-dir/chart.svg");
        QVERIFY(!exporter->exportView(m_up, ViewExporter::Format::Svg, QStringLiteral("chart")));
        QVERIFY(m_window->errorBar()->currentMessage().contains(m_next));
        m_next = QStringLiteral("/nonexistent-dir/chart.csv");
        QVERIFY(!exporter->exportChartData(m_up));
        QVERIFY(m_window->errorBar()->currentMessage().contains(m_next));
        const qsizetype shown = m_window->errorBar()->history().size();
        m_next.clear();
        QVERIFY(!exporter->exportView(m_up, ViewExporter::Format::Png, QStringLiteral("chart")));
        QVERIFY(!exporter->exportWorld());
        QCOMPARE(m_window->errorBar()->history().size(), shown);
        // Nothing executed yet: the query result is refused with a reason.
        QVERIFY(!exporter->exportQueryResult());
        QCOMPARE(m_window->errorBar()->history().size(), shown + 1);
    }

private:
    LiveChart *upChart() const {
        for (LiveChart *c : m_window->chartsPanel()->charts())
            if (c->expression() == QLatin1String("up"))
                return c;
        return nullptr;
    }
    qsizetype upSamples() const {
        qsizetype n = 0;
        for (const ExportSeries &s : m_up->exportSeries())
            if (s.labels.value("job") == "web")
                n += qsizetype(s.samples.size());
        return n;
    }

    Lab *m_lab = nullptr;
    MainWindow *m_window = nullptr;
    LiveChart *m_up = nullptr;
    QString m_next;
    int m_asked = 0;
};

QTEST_MAIN(TestViewExport)
#include "tst_viewexport.moc"
