// Pull/Push Lab: command line, translations, choice of GUI or headless, wiring. Nothing else.
#include "api/headlessserver.h"
#include "exposition/checkmetrics.h"
#include "lab/headlessscenario.h"
#include "lab/lab.h"
#include "mainwindow.h"
#include "pushgateway/pushgatewayoptions.h"
#include "pushgateway/pushgatewayserver.h"
#include "util/clock.h"
#include "util/processlimits.h"
#include "util/terminationsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTcpServer>
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
        if (a == "--headless" || a.startsWith("--check-metrics") || a == "--help" || a == "-h" ||
            a == "--version" || a == "-v" || a == "--list-scenarios")
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
    QCommandLineOption scenario{
        QStringLiteral("scenario"),
        QCoreApplication::translate("main",
                                    "Run a built-in scenario (see --list-scenarios) or a file."),
        QStringLiteral("NAME|FILE")};
    QCommandLineOption duration{
        QStringLiteral("duration"),
        QCoreApplication::translate("main",
                                    "With --headless: stop after this many seconds (exit 0)."),
        QStringLiteral("SECONDS")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save the window as a PNG and exit (with --after)."),
        QStringLiteral("FILE")};
    QCommandLineOption after{
        QStringLiteral("after"),
        QCoreApplication::translate("main", "With --screenshot: how many seconds to run first."),
        QStringLiteral("SECONDS"), QStringLiteral("3")};
    QCommandLineOption listScenarios{
        QStringLiteral("list-scenarios"),
        QCoreApplication::translate("main", "Print the built-in scenarios, one a line, and exit.")};
};

// Turns "HOST:PORT" into the server's address and port; false if it is not one.
bool parseListen(const QString &text, QHostAddress *address, quint16 *port) {
    ppl::PushgatewayOptions parsed; // shares the gateway's HOST:PORT grammar
    if (!parsed.setListen(text))
        return false;
    *address = parsed.address;
    *port = parsed.port;
    return true;
}

// --headless without --scenario: the gateway and/or the scraper with its API.
int runHeadlessServers(QCoreApplication &app, const QCommandLineParser &parser, const Options &o,
                       ppl::TerminationSignals &unixSignals) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.isSet(o.gatewayListen) && !parser.isSet(o.config)) {
        err << QCoreApplication::translate(
                   "main", "--headless needs --scenario, --config or --gateway-listen.")
            << Qt::endl;
        return 2;
    }
    std::unique_ptr<ppl::PushgatewayServer> gateway;
    if (parser.isSet(o.gatewayListen)) {
        ppl::PushgatewayOptions options;
        if (!options.setListen(parser.value(o.gatewayListen))) {
            err << QCoreApplication::translate("main", "invalid --gateway-listen address: %1")
                       .arg(parser.value(o.gatewayListen))
                << Qt::endl;
            return 2;
        }
        options.persistenceFile = parser.value(o.gatewayPersistence);
        options.adminApi = parser.isSet(o.gatewayAdminApi);
        if (parser.isSet(o.gatewayBasicAuth) &&
            !options.setBasicAuth(parser.value(o.gatewayBasicAuth))) {
            err << QCoreApplication::translate(
                       "main", "invalid --gateway-basic-auth: expected USER:BCRYPT-HASH")
                << Qt::endl;
            return 2;
        }
        gateway = std::make_unique<ppl::PushgatewayServer>(options);
        const QString error = gateway->start();
        if (!error.isEmpty()) {
            err << error << Qt::endl;
            return 1;
        }
        out << "gateway " << gateway->url().toString() << Qt::endl;
    }
    std::unique_ptr<ppl::HeadlessServer> server;
    if (parser.isSet(o.config)) {
        ppl::HeadlessServer::Options options;
        options.configPath = parser.value(o.config);
        options.lifecycle = parser.isSet(o.lifecycle);
        if (!parseListen(parser.value(o.listen), &options.address, &options.port)) {
            err << QCoreApplication::translate("main", "invalid --listen address: %1")
                       .arg(parser.value(o.listen))
                << Qt::endl;
            return 2;
        }
        server = std::make_unique<ppl::HeadlessServer>();
        QString error;
        const auto port = server->start(options, &error);
        for (const QString &warning : server->warnings())
            err << QCoreApplication::translate("main", "warning: %1").arg(warning) << Qt::endl;
        if (!port) {
            err << error << Qt::endl;
            return 1;
        }
        // SIGHUP re-reads the file, as it does for Prometheus; the outcome goes to stderr.
        unixSignals.handleHangup();
        QObject::connect(
            &unixSignals, &ppl::TerminationSignals::hangup, server.get(), [s = server.get()] {
                const QString error = s->reload();
                QTextStream e(stderr);
                if (error.isEmpty())
                    e << QCoreApplication::translate("main", "configuration reloaded") << Qt::endl;
                else
                    e << error << Qt::endl;
            });
        const QString host = options.address.toString();
        out << "server http://"
            << (options.address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + host + ']'
                                                                            : host)
            << ':' << *port << Qt::endl;
    }
    if (parser.isSet(o.duration)) {
        const double seconds = parser.value(o.duration).toDouble();
        ppl::Clock::system()->callAfter(qint64(seconds * 1000), &app,
                                        [] { QCoreApplication::exit(0); });
    }
    const int code = app.exec();
    if (server)
        server->stop();
    if (gateway)
        gateway->stop(); // writes the persistence file
    return code;
}

int runHeadlessScenario(QCoreApplication &app, const QCommandLineParser &parser, const Options &o) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    ppl::HeadlessOptions options;
    options.scenario = parser.value(o.scenario);
    if (parser.isSet(o.duration))
        options.durationS = parser.value(o.duration).toDouble();
    if (parser.isSet(o.listen))
        options.listen = parser.value(o.listen);
    if (parser.isSet(o.gatewayListen))
        options.gatewayListen = parser.value(o.gatewayListen);
    ppl::HeadlessScenario runner;
    QObject::connect(&runner, &ppl::HeadlessScenario::finished, &app, &QCoreApplication::exit);
    QString error;
    if (!runner.start(options, out, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    const int code = app.exec();
    runner.stop();
    return code;
}

// Whether HOST:PORT can be bound now; the window falls back to an OS-chosen port when the
// default one is taken (say, by a real Prometheus or Pushgateway on the same machine).
bool portIsFree(const QHostAddress &address, quint16 port) {
    QTcpServer probe;
    return probe.listen(address, port);
}

int runWindow(QCoreApplication &app, const QCommandLineParser &parser, const Options &o) {
    QHostAddress serverHost, gatewayHost;
    quint16 serverPort = 0, gatewayPort = 0;
    const bool serverGiven = parser.isSet(o.listen), gatewayGiven = parser.isSet(o.gatewayListen);
    if (!parseListen(parser.value(o.listen), &serverHost, &serverPort) ||
        !parseListen(gatewayGiven ? parser.value(o.gatewayListen)
                                  : QStringLiteral("127.0.0.1:9091"),
                     &gatewayHost, &gatewayPort)) {
        QTextStream(stderr) << QCoreApplication::translate("main", "invalid HOST:PORT") << Qt::endl;
        return 2;
    }
    if (!gatewayGiven && !portIsFree(gatewayHost, gatewayPort))
        gatewayPort = 0;
    // A screenshot run renders the default layout and leaves the user's remembered window,
    // zoom and last scenario alone: its settings live in a directory that goes with it.
    QTemporaryDir screenshotSettings;
    if (parser.isSet(o.screenshot) && screenshotSettings.isValid())
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           screenshotSettings.path());
    ppl::LabOptions labOptions;
    labOptions.host = gatewayHost;
    labOptions.gatewayPort = gatewayPort;
    ppl::Lab lab(labOptions);
    ppl::MainWindow window(&lab);
    window.startServer(serverHost, serverPort, !serverGiven);
    if (parser.isSet(o.scenario))
        window.openScenario(parser.value(o.scenario));
    else
        window.openInitialScenario();
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
    if (wantsWindow(argc, argv))
        appHolder = std::make_unique<QApplication>(argc, argv);
    else
        appHolder = std::make_unique<QCoreApplication>(argc, argv);
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
    parser.addOptions({o.checkMetrics, o.format, o.headless, o.config, o.lifecycle, o.listen,
                       o.gatewayListen, o.gatewayPersistence, o.gatewayAdminApi, o.gatewayBasicAuth,
                       o.scenario, o.duration, o.listScenarios, o.screenshot, o.after});
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
    if (parser.isSet(o.listScenarios)) {
        QTextStream out(stdout);
        for (const QString &line : ppl::HeadlessScenario::listScenarios())
            out << line << Qt::endl;
        return 0;
    }
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
