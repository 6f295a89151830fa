// Pull/Push Lab: command line, translations, choice of GUI or headless, wiring. Nothing else.
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
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

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pullpush-lab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pull/Push Lab"));
    QApplication::setOrganizationName(QStringLiteral("PullPushLab"));
    QApplication::setApplicationVersion(QStringLiteral(PPL_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Learn how Prometheus's pull model differs from its push model, by doing."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    ppl::MainWindow window;
    window.show();
    return app.exec();
}
