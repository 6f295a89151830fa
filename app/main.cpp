// Pull/Push Lab: command line, translations, choice of GUI or headless, wiring. Nothing else.
#include "engine/headlessrealscenario.h"
#include "engine/reallab.h"
#include "export/runnableset.h"
#include "exposition/checkmetrics.h"
#include "lab/headlessscenario.h"
#include "lab/headlessservers.h"
#include "lab/lab.h"
#include "lab/listenaddress.h"
#include "lesson/classreport.h"
#include "lesson/headlesslesson.h"
#include "mainwindow.h"
#include "query/parser.h"
#include "record/sessionrecorder.h"
#include "replaywindow.h"
#include "rules/checkrules.h"
#include "scrape/checkconfig.h"
#include "scrape/scrapeconfig.h"
#include "util/epolleventdispatcher.h"
#include "util/processlimits.h"
#include "util/simulationclock.h"
#include "util/terminationsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <memory>

namespace {

void installTranslations(QCoreApplication &app) {
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("pullpush-lab"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

// Modes that never open a window must not need a display.
bool wantsWindow(int argc, char *argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--headless" || a.startsWith("--check-metrics") ||
            a.startsWith("--check-config") || a.startsWith("--check-rules") || a == "--help" ||
            a == "-h" || a == "--version" || a == "-v" || a == "--list-scenarios" ||
            a.startsWith("--check-lesson") || a == "--list-lessons" ||
            a.startsWith("--class-report") || a.startsWith("--export-world"))
            return false;
    }
    return true;
}

struct Options {
    QCommandLineOption checkMetrics{
        QStringLiteral("check-metrics"),
        QCoreApplication::translate("main", "Check a Prometheus text exposition (FILE, or - for "
                                            "standard input) and exit: 0 if valid, 1 with the bad "
                                            "line if not."),
        QStringLiteral("FILE")};
    QCommandLineOption checkConfig{
        QStringLiteral("check-config"),
        QCoreApplication::translate("main", "Check a prometheus.yml as `promtool check config "
                                            "--syntax-only` does and exit: 0 if Prometheus 2.42 "
                                            "accepts it, 1 with its error if not."),
        QStringLiteral("FILE")};
    QCommandLineOption checkRules{
        QStringLiteral("check-rules"),
        QCoreApplication::translate("main", "Check Prometheus rule files (FILE, and any further "
                                            "files given after the options) as promtool check "
                                            "rules does, and exit: 0 if valid, 1 if not."),
        QStringLiteral("FILE")};
    QCommandLineOption format{
        QStringLiteral("format"),
        QCoreApplication::translate("main",
                                    "With --check-metrics: text, openmetrics or auto (OpenMetrics "
                                    "when the input has a # EOF line)."),
        QStringLiteral("FORMAT"), QStringLiteral("auto")};
    QCommandLineOption headless{
        QStringLiteral("headless"),
        QCoreApplication::translate("main",
                                    "Run the lab core without a window (server, gateway or a "
                                    "scenario); stop with Ctrl+C.")};
    QCommandLineOption config{
        QStringLiteral("config"),
        QCoreApplication::translate("main", "The prometheus.yml the lab server scrapes with."),
        QStringLiteral("FILE")};
    QCommandLineOption listen{
        QStringLiteral("listen"),
        QCoreApplication::translate(
            "main", "Address of the lab server's HTTP API (port 0: any free port)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:9090")};
    QCommandLineOption gatewayListen{
        QStringLiteral("gateway-listen"),
        QCoreApplication::translate(
            "main", "Run the lab Pushgateway on this address (port 0: any free port)."),
        QStringLiteral("HOST:PORT")};
    QCommandLineOption gatewayPersistence{
        QStringLiteral("gateway-persistence"),
        QCoreApplication::translate(
            "main", "File the lab Pushgateway keeps its metrics in across restarts."),
        QStringLiteral("FILE")};
    QCommandLineOption gatewayPersistenceInterval{
        QStringLiteral("gateway-persistence-interval"),
        QCoreApplication::translate("main", "How often the lab Pushgateway writes its persistence "
                                            "file, as the real one's --persistence.interval "
                                            "(default 5m)."),
        QStringLiteral("DURATION"), QStringLiteral("5m")};
    QCommandLineOption gatewayAdminApi{
        QStringLiteral("gateway-admin-api"),
        QCoreApplication::translate("main",
                                    "Enable PUT /api/v1/admin/wipe on the lab Pushgateway.")};
    QCommandLineOption gatewayBasicAuth{
        QStringLiteral("gateway-basic-auth"),
        QCoreApplication::translate(
            "main", "Require HTTP basic auth on the lab Pushgateway: user and bcrypt hash."),
        QStringLiteral("USER:BCRYPT")};
    QCommandLineOption lifecycle{
        QStringLiteral("web.enable-lifecycle"),
        QCoreApplication::translate("main", "With --headless --config: allow POST /-/reload, as "
                                            "Prometheus's flag of that name does (SIGHUP always "
                                            "reloads).")};
    QCommandLineOption lookbackDelta{
        QStringLiteral("query.lookback-delta"),
        QCoreApplication::translate("main", "With --headless --config: how far back a query "
                                            "looks for a sample (default 5m)."),
        QStringLiteral("DURATION")};
    QCommandLineOption queryTimeout{
        QStringLiteral("query.timeout"),
        QCoreApplication::translate("main", "With --headless --config: the longest a query may "
                                            "run (default 2m)."),
        QStringLiteral("DURATION")};
    QCommandLineOption maxSamples{
        QStringLiteral("query.max-samples"),
        QCoreApplication::translate("main", "With --headless --config: the most samples a query "
                                            "may hold in memory (default 50000000)."),
        QStringLiteral("N")};
    QCommandLineOption labToken{
        QStringLiteral("lab-token"),
        QCoreApplication::translate(
            "main", "Require \"Authorization: Bearer TOKEN\" on the lab's control requests "
                    "(/lab/*, /-/reload, the gateway's admin API); needed to listen on an "
                    "address other machines reach."),
        QStringLiteral("TOKEN")};
    QCommandLineOption scenario{
        QStringLiteral("scenario"),
        QCoreApplication::translate("main",
                                    "Run a built-in scenario (see --list-scenarios) or a file."),
        QStringLiteral("NAME|FILE")};
    QCommandLineOption engine{
        QStringLiteral("engine"),
        QCoreApplication::translate(
            "main", "With --headless --scenario: real runs the scenario on Debian's prometheus "
                    "and prometheus-pushgateway (and prometheus-alertmanager for alerting rules) "
                    "as child processes; embedded (the default) on the lab's own core. A "
                    "scenario may ask for the real engine with engine: real."),
        QStringLiteral("real|embedded")};
    QCommandLineOption duration{
        QStringLiteral("duration"),
        QCoreApplication::translate("main",
                                    "With --headless: stop after this many seconds (exit 0)."),
        QStringLiteral("SECONDS")};
    QCommandLineOption report{
        QStringLiteral("report"),
        QCoreApplication::translate("main", "With --headless --scenario: write the run's summary "
                                            "(targets, pushes, groups, alerts) to FILE as JSON "
                                            "when it ends; with --headless --lesson: the "
                                            "lesson's report, kept up to date while it runs."),
        QStringLiteral("FILE")};
    QCommandLineOption record{
        QStringLiteral("record"),
        QCoreApplication::translate("main", "Record the lab's session (scenario, events, samples, "
                                            "alerts) to FILE as it runs, to replay in the window "
                                            "(File → Open recording or --replay)."),
        QStringLiteral("FILE")};
    QCommandLineOption replay{
        QStringLiteral("replay"),
        QCoreApplication::translate("main", "Open a recording in the window and replay it; "
                                            "nothing runs, no port is opened."),
        QStringLiteral("FILE")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save the window as a PNG and exit (with --after)."),
        QStringLiteral("FILE")};
    QCommandLineOption after{
        QStringLiteral("after"),
        QCoreApplication::translate("main", "With --screenshot: how many seconds to run first."),
        QStringLiteral("SECONDS"), QStringLiteral("3")};
    QCommandLineOption exportWorld{
        QStringLiteral("export-world"),
        QCoreApplication::translate("main", "With --scenario: write the scenario's world as a "
                                            "runnable set for the real Prometheus, Pushgateway "
                                            "and Alertmanager (prometheus.yml, rule files, "
                                            "docker-compose.yml) into DIR and exit."),
        QStringLiteral("DIR")};
    QCommandLineOption listScenarios{
        QStringLiteral("list-scenarios"),
        QCoreApplication::translate("main", "Print the built-in scenarios, one a line, and exit.")};
    QCommandLineOption checkLesson{
        QStringLiteral("check-lesson"),
        QCoreApplication::translate("main", "Check a lesson file (or a built-in lesson) and exit: "
                                            "0 if valid, 1 with every error as FILE:LINE: PATH: "
                                            "MESSAGE if not."),
        QStringLiteral("FILE")};
    QCommandLineOption listLessons{
        QStringLiteral("list-lessons"),
        QCoreApplication::translate("main",
                                    "Print the built-in lessons, one a line (id, then title), "
                                    "and exit.")};
    QCommandLineOption lesson{
        QStringLiteral("lesson"),
        QCoreApplication::translate("main", "Open the window on a built-in lesson (see "
                                            "--list-lessons) or a lesson file; with --headless "
                                            "run it without a window, --report keeping its JSON "
                                            "report up to date."),
        QStringLiteral("NAME|FILE")};
    QCommandLineOption student{
        QStringLiteral("student"),
        QCoreApplication::translate("main", "With --lesson: the student's name for the report "
                                            "(remembered for the next lesson)."),
        QStringLiteral("NAME")};
    QCommandLineOption classReport{
        QStringLiteral("class-report"),
        QCoreApplication::translate("main", "Merge the lesson reports (*.json) in DIR into one "
                                            "table per student and per step (--out, --html) and "
                                            "exit."),
        QStringLiteral("DIR")};
    QCommandLineOption out{
        QStringLiteral("out"),
        QCoreApplication::translate("main", "With --class-report: the CSV file to write."),
        QStringLiteral("FILE")};
    QCommandLineOption html{
        QStringLiteral("html"),
        QCoreApplication::translate("main", "With --class-report: an HTML page to write too."),
        QStringLiteral("FILE")};
};

// --headless --lesson: the lesson on a lab without a window; the report is kept up to date.
int runHeadlessLesson(QCoreApplication &app, const QCommandLineParser &parser, const Options &o) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    ppl::lesson::HeadlessLessonOptions options;
    options.lesson = parser.value(o.lesson);
    options.reportFile = parser.value(o.report);
    // The student's name is asked once (--student) and remembered.
    QSettings settings;
    if (parser.isSet(o.student))
        settings.setValue(QStringLiteral("lesson/student"), parser.value(o.student));
    options.student = settings.value(QStringLiteral("lesson/student")).toString();
    if (parser.isSet(o.duration))
        options.durationS = parser.value(o.duration).toDouble();
    if (parser.isSet(o.listen))
        options.listen = parser.value(o.listen);
    if (parser.isSet(o.gatewayListen))
        options.gatewayListen = parser.value(o.gatewayListen);
    options.token = parser.value(o.labToken).toUtf8();
    ppl::lesson::HeadlessLesson runner;
    QObject::connect(&runner, &ppl::lesson::HeadlessLesson::finished, &app,
                     &QCoreApplication::exit);
    QString error;
    if (!runner.start(options, out, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    const int code = app.exec();
    runner.stop();
    return code;
}

// --headless without --scenario: the gateway and/or the scraper with its API.
int runHeadlessServers(QCoreApplication &app, const QCommandLineParser &parser, const Options &o,
                       ppl::TerminationSignals &unixSignals) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    ppl::HeadlessServersOptions options;
    options.configPath = parser.value(o.config);
    options.listen = parser.value(o.listen);
    options.lifecycle = parser.isSet(o.lifecycle);
    if (parser.isSet(o.gatewayListen))
        options.gatewayListen = parser.value(o.gatewayListen);
    options.gatewayPersistence = parser.value(o.gatewayPersistence);
    options.gatewayAdminApi = parser.isSet(o.gatewayAdminApi);
    if (parser.isSet(o.gatewayBasicAuth))
        options.gatewayBasicAuth = parser.value(o.gatewayBasicAuth);
    if (parser.isSet(o.duration))
        options.durationS = parser.value(o.duration).toDouble();
    // Prometheus's --query.* flags: durations as "5m", the sample limit as a count.
    for (const auto &[flag, slot] : {std::pair{&o.lookbackDelta, &options.query.lookbackMs},
                                     std::pair{&o.queryTimeout, &options.query.timeoutMs}}) {
        if (!parser.isSet(*flag))
            continue;
        const auto ms = ppl::parsePrometheusDuration(parser.value(*flag).toUtf8());
        if (!ms || *ms <= 0) {
            err << QCoreApplication::translate("main", "invalid --%1: %2")
                       .arg(flag->names().constFirst(), parser.value(*flag))
                << Qt::endl;
            return 2;
        }
        *slot = *ms;
    }
    if (parser.isSet(o.maxSamples)) {
        bool ok = false;
        const qint64 n = parser.value(o.maxSamples).toLongLong(&ok);
        if (!ok || n <= 0) {
            err << QCoreApplication::translate("main", "invalid --%1: %2")
                       .arg(o.maxSamples.names().constFirst(), parser.value(o.maxSamples))
                << Qt::endl;
            return 2;
        }
        options.query.maxSamples = n;
    }
    options.token = parser.value(o.labToken).toUtf8();
    if (parser.isSet(o.gatewayPersistenceInterval)) {
        const auto interval =
            ppl::parsePrometheusDuration(parser.value(o.gatewayPersistenceInterval).toUtf8());
        if (!interval || *interval <= 0) {
            err << QCoreApplication::translate("main",
                                               "invalid --gateway-persistence-interval: %1 (a "
                                               "duration such as 30s or 5m)")
                       .arg(parser.value(o.gatewayPersistenceInterval))
                << Qt::endl;
            return 2;
        }
        options.gatewayPersistenceIntervalMs = *interval;
    }
    ppl::HeadlessServers servers;
    QObject::connect(&servers, &ppl::HeadlessServers::finished, &app, &QCoreApplication::exit);
    if (const int code = servers.start(options, out, err))
        return code;
    if (servers.hasScraper()) {
        // SIGHUP re-reads the file, as it does for Prometheus; the outcome goes to stderr.
        unixSignals.handleHangup();
        QObject::connect(&unixSignals, &ppl::TerminationSignals::hangup, &servers, [&servers] {
            QTextStream e(stderr);
            servers.reload(e);
        });
    }
    const int code = app.exec();
    servers.stop();
    return code;
}

// --export-world DIR --scenario NAME|FILE: loads the scenario into a lab of its own (its
// targets on the ports they get now), writes the runnable set and exits.
int exportWorldCommand(const QCommandLineParser &parser, const Options &o) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.isSet(o.scenario)) {
        err << QCoreApplication::translate("main", "--export-world needs --scenario") << Qt::endl;
        return 2;
    }
    const ppl::ScenarioLoadResult loaded = ppl::loadScenarioByNameOrFile(parser.value(o.scenario));
    if (!loaded.scenario) {
        err << (loaded.error ? loaded.error->toString() : QString()) << Qt::endl;
        return 1;
    }
    ppl::Lab lab;
    QString error;
    // The lab server as well: a scenario may scrape it ({{server}}), as the window's lab does.
    if (lab.listen(QHostAddress::LocalHost, 0, &error) == 0) {
        err << error << Qt::endl;
        return 1;
    }
    if (!lab.loadScenario(*loaded.scenario, &error) ||
        !ppl::exportWorld(lab, parser.value(o.exportWorld), &error)) {
        err << error << Qt::endl;
        return 1;
    }
    out << QCoreApplication::translate("main", "Wrote the runnable set to %1")
               .arg(parser.value(o.exportWorld))
        << Qt::endl;
    return 0;
}

// --headless --scenario on the real engine (--engine real, or the scenario's engine: real).
int runHeadlessRealScenario(QCoreApplication &app, const ppl::HeadlessOptions &options,
                            const ppl::Scenario &scenario) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    ppl::engine::HeadlessRealScenario runner;
    QObject::connect(&runner, &ppl::engine::HeadlessRealScenario::finished, &app,
                     &QCoreApplication::exit);
    QString error;
    if (!runner.start(options, scenario, out, err, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    const int code = app.exec();
    runner.stop();
    return code;
}

int runHeadlessScenario(QCoreApplication &app, const QCommandLineParser &parser, const Options &o) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString engine = parser.value(o.engine);
    if (!engine.isEmpty() && engine != QLatin1String("real") &&
        engine != QLatin1String("embedded")) {
        err << QCoreApplication::translate("main", "--engine: \"%1\" is not real or embedded")
                   .arg(engine)
            << Qt::endl;
        return 2;
    }
    ppl::HeadlessOptions options;
    options.scenario = parser.value(o.scenario);
    if (parser.isSet(o.duration))
        options.durationS = parser.value(o.duration).toDouble();
    if (parser.isSet(o.listen))
        options.listen = parser.value(o.listen);
    if (parser.isSet(o.gatewayListen))
        options.gatewayListen = parser.value(o.gatewayListen);
    options.token = parser.value(o.labToken).toUtf8();
    options.reportFile = parser.value(o.report);
    options.gatewayBasicAuth = parser.value(o.gatewayBasicAuth);
    options.gatewayPassword = qgetenv("PULLPUSH_GATEWAY_PASSWORD");
    if (engine != QLatin1String("embedded")) {
        // The scenario may ask for the real engine itself (engine: real).
        const ppl::ScenarioLoadResult loaded = ppl::loadScenarioByNameOrFile(options.scenario);
        if (loaded.error) {
            err << loaded.error->toString() << Qt::endl;
            return 1;
        }
        if (engine == QLatin1String("real") || loaded.scenario->engine == QLatin1String("real")) {
            if (parser.isSet(o.record)) {
                err << QCoreApplication::translate("main", "--record needs the embedded engine")
                    << Qt::endl;
                return 2;
            }
            return runHeadlessRealScenario(app, options, *loaded.scenario);
        }
    }
    ppl::HeadlessScenario runner;
    QObject::connect(&runner, &ppl::HeadlessScenario::finished, &app, &QCoreApplication::exit);
    QString error;
    if (!runner.start(options, out, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    ppl::record::SessionRecorder recorder(runner.lab());
    if (parser.isSet(o.record) && !recorder.start(parser.value(o.record), &error)) {
        err << error << Qt::endl;
        runner.stop();
        return 1;
    }
    QObject::connect(&recorder, &ppl::record::SessionRecorder::failed, &app,
                     [&err](const QString &why) { err << why << Qt::endl; });
    const int code = app.exec();
    recorder.stop(); // the last chunk, while the lab is still there
    runner.stop();
    return code;
}

int runWindow(QCoreApplication &app, const QCommandLineParser &parser, const Options &o) {
    if (parser.value(o.engine) == QLatin1String("real")) {
        QTextStream(stderr) << QCoreApplication::translate(
                                   "main", "the window runs the embedded engine only for now; "
                                           "--engine real needs --headless --scenario NAME|FILE")
                            << Qt::endl;
        return 2;
    }
    const bool serverGiven = parser.isSet(o.listen), gatewayGiven = parser.isSet(o.gatewayListen);
    const auto server = ppl::parseListenAddress(parser.value(o.listen));
    const auto gateway = ppl::parseListenAddress(gatewayGiven ? parser.value(o.gatewayListen)
                                                              : QStringLiteral("127.0.0.1:9091"));
    if (!server || !gateway) {
        QTextStream(stderr) << QCoreApplication::translate("main", "invalid HOST:PORT") << Qt::endl;
        return 2;
    }
    // A screenshot run renders the default layout and leaves the user's remembered window,
    // zoom and last scenario alone: its settings live in a directory that goes with it.
    QTemporaryDir screenshotSettings;
    if (parser.isSet(o.screenshot) && screenshotSettings.isValid())
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           screenshotSettings.path());
    // The window's lab runs on a simulation clock: speed, step and fast-forward (issue 15).
    ppl::SimulationClock simulationClock;
    ppl::LabOptions labOptions;
    labOptions.clock = &simulationClock;
    labOptions.host = gateway->host;
    labOptions.gatewayPort = gateway->port;
    // The default port taken (say, by a real Pushgateway on this machine): an OS-chosen one.
    labOptions.gatewayPortFallback = !gatewayGiven;
    labOptions.token = parser.value(o.labToken).toUtf8();
    if (parser.isSet(o.gatewayBasicAuth)) {
        QString error;
        if (!ppl::setLabGatewayBasicAuth(labOptions, parser.value(o.gatewayBasicAuth),
                                         qgetenv("PULLPUSH_GATEWAY_PASSWORD"), &error)) {
            QTextStream(stderr) << error << Qt::endl;
            return 2;
        }
    }
    if (parser.isSet(o.replay)) {
        // The recording alone: no lab of its own runs, nothing listens.
        QString error;
        QPointer<ppl::MainWindow> replay = ppl::openReplayWindow(parser.value(o.replay), &error);
        if (!replay) {
            QTextStream(stderr) << error << Qt::endl;
            return 1;
        }
        replay->show();
        if (parser.isSet(o.screenshot)) {
            const QString file = parser.value(o.screenshot);
            QTimer::singleShot(
                int(parser.value(o.after).toDouble() * 1000), replay,
                [replay, file] { QCoreApplication::exit(replay->saveScreenshot(file) ? 0 : 1); });
        }
        const int code = app.exec();
        delete replay.data(); // before the application: its docks hold the replay's lab
        return code;
    }
    ppl::Lab lab(labOptions);
    ppl::MainWindow window(&lab);
    window.startServer(server->host, server->port, !serverGiven);
    if (parser.isSet(o.lesson)) {
        // --lesson NAME|FILE: the window opens on the lesson (its own scenario).
        if (!window.openLesson(parser.value(o.lesson)))
            window.openInitialScenario();
    } else if (parser.isSet(o.scenario)) {
        window.openScenario(parser.value(o.scenario));
    } else {
        window.openInitialScenario();
        if (!parser.isSet(o.screenshot))
            window.offerLessonChooserOnFirstStart(); // once, ever; it does not block
    }
    if (parser.isSet(o.record)) {
        QString error;
        if (!window.startRecording(parser.value(o.record), &error))
            window.showError(error);
    }
    window.show();
    if (parser.isSet(o.screenshot)) {
        const QString file = parser.value(o.screenshot);
        const double afterS = parser.value(o.after).toDouble();
        // The charts' and the timeline's window: the shortest that holds the whole run, so
        // the picture is filled rather than a sliver at the right edge.
        qint64 windowMs = 60'000;
        while (windowMs < 3'600'000 && windowMs < qint64(afterS * 1000))
            windowMs = windowMs < 300'000 ? 300'000 : windowMs * 2;
        window.setTimeWindowMs(std::min<qint64>(windowMs, 3'600'000));
        QTimer::singleShot(int(afterS * 1000), &window, [&window, file] {
            QCoreApplication::exit(window.saveScreenshot(file) ? 0 : 1);
        });
    }
    return app.exec();
}

} // namespace

int main(int argc, char *argv[]) {
    ppl::raiseOpenFileLimit();
    std::unique_ptr<QCoreApplication> appHolder;
    if (wantsWindow(argc, argv)) {
        appHolder = std::make_unique<QApplication>(argc, argv);
    } else {
        // Without a window: epoll, so thousands of idle connections cost a request nothing.
        QCoreApplication::setEventDispatcher(new ppl::EpollEventDispatcher);
        appHolder = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *appHolder;
    QCoreApplication::setApplicationName(QStringLiteral("pullpush-lab"));
    if (qobject_cast<QGuiApplication *>(&app))
        QGuiApplication::setApplicationDisplayName(QStringLiteral("Pull/Push Lab"));
    QCoreApplication::setOrganizationName(QStringLiteral("PullPushLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PPL_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Learn how Prometheus's pull model differs from its push model, by doing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const Options o;
    parser.addOptions({o.checkMetrics,
                       o.checkConfig,
                       o.checkRules,
                       o.format,
                       o.headless,
                       o.config,
                       o.lifecycle,
                       o.lookbackDelta,
                       o.queryTimeout,
                       o.maxSamples,
                       o.listen,
                       o.gatewayListen,
                       o.gatewayPersistence,
                       o.gatewayPersistenceInterval,
                       o.gatewayAdminApi,
                       o.gatewayBasicAuth,
                       o.labToken,
                       o.scenario,
                       o.engine,
                       o.duration,
                       o.report,
                       o.record,
                       o.replay,
                       o.listScenarios,
                       o.checkLesson,
                       o.listLessons,
                       o.lesson,
                       o.student,
                       o.classReport,
                       o.out,
                       o.html,
                       o.exportWorld,
                       o.screenshot,
                       o.after});
    parser.process(app);

    if (parser.isSet(o.checkMetrics)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        const auto format = ppl::checkMetricsFormatFromName(parser.value(o.format));
        if (!format) {
            err << QCoreApplication::translate("main",
                                               "unknown format %1 (text, openmetrics or auto)")
                       .arg(parser.value(o.format))
                << Qt::endl;
            return 2;
        }
        return ppl::checkMetricsCommand(parser.value(o.checkMetrics), out, err, *format);
    }
    if (parser.isSet(o.checkConfig)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return ppl::checkConfigCommand(parser.value(o.checkConfig), out, err);
    }
    if (parser.isSet(o.checkRules)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return ppl::rules::checkRulesCommand(
            parser.values(o.checkRules) + parser.positionalArguments(), out, err);
    }
    if (parser.isSet(o.listScenarios)) {
        QTextStream out(stdout);
        for (const QString &line : ppl::HeadlessScenario::listScenarios())
            out << line << Qt::endl;
        return 0;
    }
    if (parser.isSet(o.checkLesson)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return ppl::lesson::checkLessonCommand(parser.value(o.checkLesson), out, err);
    }
    if (parser.isSet(o.listLessons)) {
        QTextStream out(stdout);
        for (const QString &line : ppl::lesson::HeadlessLesson::listLessons())
            out << line << Qt::endl;
        return 0;
    }
    if (parser.isSet(o.classReport)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        if (!parser.isSet(o.out) && !parser.isSet(o.html)) {
            err << QCoreApplication::translate("main", "--class-report needs --out FILE.csv "
                                                       "(and/or --html FILE.html)")
                << Qt::endl;
            return 2;
        }
        return ppl::lesson::classReportCommand(parser.value(o.classReport), parser.value(o.out),
                                               parser.value(o.html), out, err);
    }
    if (parser.isSet(o.headless) && parser.isSet(o.lesson)) {
        ppl::TerminationSignals termination;
        QObject::connect(&termination, &ppl::TerminationSignals::terminationRequested, &app,
                         [] { QCoreApplication::exit(0); });
        return runHeadlessLesson(app, parser, o);
    }
    if (parser.isSet(o.exportWorld))
        return exportWorldCommand(parser, o);
    if (parser.isSet(o.headless)) {
        // SIGINT/SIGTERM end the event loop; the runners then stop cleanly (persistence).
        ppl::TerminationSignals termination;
        QObject::connect(&termination, &ppl::TerminationSignals::terminationRequested, &app,
                         [] { QCoreApplication::exit(0); });
        return parser.isSet(o.scenario) ? runHeadlessScenario(app, parser, o)
                                        : runHeadlessServers(app, parser, o, termination);
    }

    return runWindow(app, parser, o);
}
