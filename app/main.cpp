// Pull/Push Lab: command line, translations, choice of GUI or headless, wiring. Nothing else.
#include "exposition/checkmetrics.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[]) {
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
    const QCommandLineOption checkMetrics(
        QStringLiteral("check-metrics"),
        QCoreApplication::translate("main",
                                    "Check a Prometheus text exposition (FILE, or - for standard "
                                    "input) and exit: 0 if valid, 1 with the bad line if not."),
        QStringLiteral("FILE"));
    parser.addOption(checkMetrics);
    parser.process(app);

    if (parser.isSet(checkMetrics)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return ppl::checkMetricsCommand(parser.value(checkMetrics), out, err);
    }

    ppl::MainWindow window;
    window.show();
    return app.exec();
}
