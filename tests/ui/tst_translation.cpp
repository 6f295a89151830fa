// The German translation: it compiles, loads for a German locale, and reaches the window.
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLocale>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace ppl;

class TstTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void loadsForGermanLocale();
    void windowSpeaksGerman();
};

void TstTranslation::loadsForGermanLocale() {
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany),
                            QStringLiteral("pullpush-lab"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
    QCOMPARE(translator.translate("ppl::MainWindow", "Pull/Push Lab"),
             QStringLiteral("Pull/Push-Labor"));
    QVERIFY(!translator.isEmpty());
}

void TstTranslation::windowSpeaksGerman() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/pullpush-lab_de.qm")));
    QCoreApplication::installTranslator(&translator);
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("Pull/Push-Labor"));
    QCOMPARE(window.zoomInAction()->text(), QStringLiteral("Ver&größern"));
    window.resize(1200, 800);
    window.show();
    const QString dir =
        qEnvironmentVariable("PPL_BINARY_DIR", QDir::tempPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    QVERIFY(window.saveScreenshot(dir + QStringLiteral("/mainwindow-de.png")));
    const QImage img(dir + QStringLiteral("/mainwindow-de.png"));
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 4)
        for (int x = 0; x < img.width(); x += 4)
            colours.insert(img.pixel(x, y));
    QVERIFY(colours.size() > 10);
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TstTranslation)
#include "tst_translation.moc"
