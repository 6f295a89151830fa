// bench_chart: one 1280x720 chart, 50 series x 3600 points, a live frame being "new data,
// replace(), grab()". Prints the naive way (every point through replace()) and the lab's way
// (ChartDecimator: min/max per pixel column, segments at gaps), on the raster path and, if an
// OpenGL context can be made, with setUseOpenGL(true). Run it under QT_QPA_PLATFORM=offscreen
// or xvfb-run.
#include "chartdecimator.h"
#include "chartspanel.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "livechart.h"
#include "mainwindow.h"
#include "storage/seriesstore.h"
#include "targetspanel.h"
#include "timelineview.h"
#include "topologyview.h"
#include "util/clock.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>
#include <QValueAxis>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

constexpr int SeriesCount = 50;
constexpr int PointsPerSeries = 3600;
constexpr qint64 StepMs = 1000;
constexpr qint64 StartMs = 1'700'000'000'000;

enum class Shape { Noisy, Smooth };

struct Data {
    std::vector<std::vector<ppl::StoredSample>> series;
    qint64 nextT = StartMs;
};

double valueAt(Shape shape, int s, qint64 i, QRandomGenerator &rng) {
    if (shape == Shape::Smooth) // counters' rates and slow gauges: smooth curves
        return 50 + s + 20 * std::sin(double(i) / (300.0 + 7 * s));
    return 50 + s + 20 * std::sin(double(i) / 200.0) + rng.bounded(10.0); // a noisy gauge
}

Data makeData(Shape shape) {
    QRandomGenerator rng(42);
    Data d;
    d.series.resize(SeriesCount);
    for (int s = 0; s < SeriesCount; ++s)
        for (int i = 0; i < PointsPerSeries; ++i)
            d.series[size_t(s)].push_back({StartMs + i * StepMs, valueAt(shape, s, i, rng)});
    d.nextT = StartMs + PointsPerSeries * StepMs;
    return d;
}

// One more scrape: every series gains a point and loses its oldest (the window scrolls).
void advance(Data &d, Shape shape, QRandomGenerator &rng) {
    const qint64 i = (d.nextT - StartMs) / StepMs;
    for (int s = 0; s < SeriesCount; ++s) {
        auto &v = d.series[size_t(s)];
        v.erase(v.begin());
        v.push_back({d.nextT, valueAt(shape, s, i, rng)});
    }
    d.nextT += StepMs;
}

struct Setup {
    QChartView *view = nullptr;
    QChart *chart = nullptr;
    QDateTimeAxis *x = nullptr;
    QValueAxis *y = nullptr;
    std::vector<QLineSeries *> series;
};

Setup makeChart(bool openGl) {
    Setup s;
    s.chart = new QChart;
    s.chart->setAnimationOptions(QChart::NoAnimation);
    s.chart->legend()->hide();
    s.x = new QDateTimeAxis;
    s.x->setFormat(QStringLiteral("HH:mm:ss"));
    s.y = new QValueAxis;
    s.y->setRange(0, 130);
    s.chart->addAxis(s.x, Qt::AlignBottom);
    s.chart->addAxis(s.y, Qt::AlignLeft);
    for (int i = 0; i < SeriesCount; ++i) {
        auto *ls = new QLineSeries;
        ls->setUseOpenGL(openGl);
        s.chart->addSeries(ls);
        ls->attachAxis(s.x);
        ls->attachAxis(s.y);
        s.series.push_back(ls);
    }
    s.view = new QChartView(s.chart);
    s.view->resize(1280, 720);
    s.view->show();
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Result {
    double medianMs = 0;
    qsizetype pointsPerFrame = 0;
};

Result runNaive(bool openGl, Shape shape, int frames) {
    Data d = makeData(shape);
    QRandomGenerator rng(7);
    Setup s = makeChart(openGl);
    QCoreApplication::processEvents();
    std::vector<double> times;
    qsizetype points = 0;
    for (int f = 0; f < frames + 2; ++f) {
        advance(d, shape, rng);
        QElapsedTimer t;
        t.start();
        const qint64 from = d.series[0].front().timestampMs;
        const qint64 to = d.series[0].back().timestampMs;
        s.x->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
        points = 0;
        for (int i = 0; i < SeriesCount; ++i) {
            const auto &v = d.series[size_t(i)];
            QList<QPointF> pts;
            pts.reserve(qsizetype(v.size()));
            for (const auto &p : v)
                pts.append(QPointF(qreal(p.timestampMs), p.value));
            points += pts.size();
            s.series[size_t(i)]->replace(pts);
        }
        const QPixmap px = s.view->grab();
        if (px.isNull())
            qFatal("grab failed");
        if (f >= 2) // the first frames pay for layout and GL setup
            times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (f == frames + 1 && qEnvironmentVariableIsSet("PPL_BENCH_PNG"))
            px.save(QStringLiteral("%1/naive-%2-%3.png")
                        .arg(qEnvironmentVariable("PPL_BENCH_PNG"),
                             shape == Shape::Noisy ? u"noisy" : u"smooth",
                             openGl ? u"opengl" : u"raster"));
    }
    delete s.view;
    return {median(times), points};
}

// The lab's way: the real LiveChart over a real SeriesStore, one scrape a frame.
Result runLab(bool openGl, Shape shape, int frames) {
    QRandomGenerator rng(7);
    ppl::ManualClock clock(StartMs);
    ppl::SeriesStore store(&clock);
    store.setRetentionMs(2 * 3'600'000);
    store.setMaxSamplesPerSeries(2 * PointsPerSeries);
    std::vector<ppl::SeriesStore::SeriesId> ids;
    for (int s = 0; s < SeriesCount; ++s)
        ids.push_back(store.seriesFor(ppl::Labels::fromPairs(
            {{"__name__", "bench_value"}, {"series", QByteArray::number(s)}})));
    qint64 i = 0;
    const auto scrape = [&] {
        for (int s = 0; s < SeriesCount; ++s)
            store.append(ids[size_t(s)], clock.nowMs(), valueAt(shape, s, i, rng));
        ++i;
    };
    for (int k = 0; k < PointsPerSeries; ++k) {
        scrape();
        clock.advance(StepMs);
    }
    store.flushNotifications();
    ppl::LiveChart chart(&store, &clock);
    chart.setRenderPath(openGl ? ppl::LiveChart::RenderPath::OpenGL
                               : ppl::LiveChart::RenderPath::Raster);
    chart.setWindowMs(PointsPerSeries * StepMs);
    chart.setSelection(
        {*ppl::LabelMatcher::create(ppl::LabelMatcher::Op::Equal, "__name__", "bench_value")});
    chart.resize(1280, 720);
    chart.show();
    QCoreApplication::processEvents();
    std::vector<double> times;
    for (int f = 0; f < frames + 2; ++f) {
        scrape();
        clock.advance(StepMs);
        store.flushNotifications();
        QElapsedTimer t;
        t.start();
        chart.renderNow();
        const qint64 tRender = t.nsecsElapsed();
        const QPixmap px = chart.grab();
        if (qEnvironmentVariableIsSet("PPL_BENCH_SPLIT"))
            qInfo("render %.1f ms, grab %.1f ms", double(tRender) / 1e6,
                  double(t.nsecsElapsed() - tRender) / 1e6);
        if (px.isNull())
            qFatal("grab failed");
        if (f >= 2)
            times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (f == frames + 1 && qEnvironmentVariableIsSet("PPL_BENCH_PNG")) // to look at
            px.save(QStringLiteral("%1/lab-%2-%3.png")
                        .arg(qEnvironmentVariable("PPL_BENCH_PNG"),
                             shape == Shape::Noisy ? u"noisy" : u"smooth",
                             openGl ? u"opengl" : u"raster"));
    }
    return {median(times), chart.pointsInLastFrame()};
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QByteArray labScenario(int targets) {
    QByteArray yaml = "name: bench-window\ndescription: bench\nprometheus: |\n"
                      "  global:\n    scrape_interval: 1s\n    scrape_timeout: 500ms\n"
                      "  scrape_configs:\n    - job_name: 'web'\n      static_configs:\n"
                      "        - targets: [";
    for (int i = 0; i < targets; ++i)
        yaml += (i ? ", " : "") + QByteArray("'{{target:web-") + QByteArray::number(i) + "}}'";
    yaml += "]\ntargets:\n";
    for (int i = 0; i < targets; ++i)
        yaml += "  - name: web-" + QByteArray::number(i) + "\n    profile: service\n";
    return yaml;
}

// The whole lab (real scrapes over loopback) with the window open, on the wall clock.
void windowCpu(QTextStream &out, int targets, int seconds) {
    ppl::Lab lab;
    const auto loaded = ppl::loadScenario(labScenario(targets), QStringLiteral("bench.yaml"));
    QString error;
    if (!loaded.scenario || !lab.loadScenario(*loaded.scenario, &error)) {
        out << "window cpu: scenario failed: " << (loaded.error ? loaded.error->toString() : error)
            << "\n";
        return;
    }
    // PPL_BENCH_NO_WINDOW=1: the lab alone, for the baseline.
    std::unique_ptr<ppl::MainWindow> window;
    if (!qEnvironmentVariableIsSet("PPL_BENCH_NO_WINDOW")) {
        window = std::make_unique<ppl::MainWindow>(&lab);
        window->resize(1400, 900);
        window->show();
        // PPL_BENCH_HIDE=topology,timeline,charts,targets: where the window's CPU goes.
        const QString hide = qEnvironmentVariable("PPL_BENCH_HIDE");
        if (hide.contains(u"topology"))
            window->topology()->hide();
        if (hide.contains(u"timeline"))
            window->timeline()->parentWidget()->hide();
        if (hide.contains(u"charts"))
            window->chartsPanel()->parentWidget()->hide();
        if (hide.contains(u"targets"))
            window->targetsPanel()->parentWidget()->hide();
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 2000) // first scrapes, layout
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    // Responsiveness: a 10 ms timer on the UI thread; how late it fires is how long the
    // thread was busy (input waits at most that long).
    std::vector<double> lateness;
    QElapsedTimer probeClock;
    probeClock.start();
    qint64 expected = 10;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.elapsed();
        lateness.push_back(double(std::max<qint64>(0, now - expected)));
        expected = now + 10;
    });
    probe.start(10);
    QTimer::singleShot(seconds * 1000, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    probe.stop();
    const double cpu = cpuSeconds() - cpu0;
    std::sort(lateness.begin(), lateness.end());
    const auto pct = [&](double q) {
        return lateness.empty()
                   ? 0.0
                   : lateness[std::min(lateness.size() - 1, size_t(q * double(lateness.size())))];
    };
    out << "window cpu: " << targets << " targets at 1 s, window open " << seconds
        << " s: " << Qt::fixed << qSetRealNumberPrecision(2)
        << 100.0 * cpu / (double(wall.elapsed()) / 1000) << " % of one core ("
        << (window ? "lab + window" : "lab alone, no window") << ", whole process); UI thread "
        << "busy stretches: p99 " << qSetRealNumberPrecision(0) << pct(0.99) << " ms, max "
        << (lateness.empty() ? 0.0 : lateness.back()) << " ms\n";
}

// The topology's animation cost with many targets: ms a tick with every target's scrape dot
// in flight at once (100 targets at 1 s keep about that many in flight).
void topologyTick(QTextStream &out, int targets) {
    ppl::Lab lab;
    const auto loaded = ppl::loadScenario(labScenario(targets), QStringLiteral("bench.yaml"));
    QString error;
    if (!loaded.scenario || !lab.loadScenario(*loaded.scenario, &error))
        return;
    ppl::TopologyView view(&lab);
    view.resize(900, 700);
    view.show();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    std::vector<double> times;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer t;
        t.start();
        QCoreApplication::processEvents(); // moves the dots
        const QPixmap px = view.grab();    // and paints them
        if (i == 29 && qEnvironmentVariableIsSet("PPL_BENCH_PNG"))
            px.save(qEnvironmentVariable("PPL_BENCH_PNG") + QStringLiteral("/topology-100.png"));
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        QElapsedTimer gap;
        gap.start();
        while (gap.elapsed() < 33)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    out << "topology: " << targets << " targets at 1 s, " << view.activeAnimations()
        << " dots in flight: median " << Qt::fixed << qSetRealNumberPrecision(1) << median(times)
        << " ms a frame (tick + full repaint)\n";
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const int frames = argc > 1 ? QByteArray(argv[1]).toInt() : 15;
    out << "bench_chart: platform " << QGuiApplication::platformName() << ", 1280x720, "
        << SeriesCount << " series x " << PointsPerSeries << " points, " << frames
        << " frames (median ms per frame = replace() + grab())\n";
    const bool gl = ppl::LiveChart::openGlAvailable();
    if (!gl)
        out << "OpenGL: no context on this platform; OpenGL path skipped\n";
    else
        out << "OpenGL renderer: " << ppl::LiveChart::openGlRenderer()
            << " (lab default path: " << (ppl::LiveChart::openGlPreferred() ? "opengl" : "raster")
            << ")\n";
    for (const Shape shape : {Shape::Noisy, Shape::Smooth}) {
        for (const bool openGl : {false, true}) {
            if ((openGl && !gl) ||
                (qEnvironmentVariableIsSet("PPL_BENCH_PATH") &&
                 qEnvironmentVariable("PPL_BENCH_PATH") != (openGl ? u"opengl" : u"raster")))
                continue;
            // PPL_BENCH_SKIP_NAIVE=1: only the lab's way (for profiling it).
            const Result naive = qEnvironmentVariableIsSet("PPL_BENCH_SKIP_NAIVE")
                                     ? Result{}
                                     : runNaive(openGl, shape, frames);
            const Result lab = runLab(openGl, shape, frames);
            out << (shape == Shape::Noisy ? "noisy " : "smooth") << " "
                << (openGl ? "opengl" : "raster") << ": naive " << Qt::fixed
                << qSetRealNumberPrecision(1) << naive.medianMs << " ms (" << naive.pointsPerFrame
                << " pts), lab " << lab.medianMs << " ms (" << lab.pointsPerFrame << " pts), ratio "
                << naive.medianMs / std::max(lab.medianMs, 0.001) << "x\n";
            out.flush();
        }
    }
    if (qEnvironmentVariable("PPL_BENCH_WINDOW") != u"0") {
        qputenv("PPL_TOPOLOGY_ALWAYS", "1");
        if (!qEnvironmentVariableIsSet("PPL_BENCH_HIDE"))
            topologyTick(out, 100);
        // The figure (10 targets), then the responsiveness check with 100.
        windowCpu(out, 10,
                  qEnvironmentVariableIntValue("PPL_BENCH_WINDOW_SECONDS") > 0
                      ? qEnvironmentVariableIntValue("PPL_BENCH_WINDOW_SECONDS")
                      : 20);
        windowCpu(out, 100,
                  qEnvironmentVariableIntValue("PPL_BENCH_WINDOW_SECONDS") > 0
                      ? qEnvironmentVariableIntValue("PPL_BENCH_WINDOW_SECONDS")
                      : 20);
    }
    return 0;
}
