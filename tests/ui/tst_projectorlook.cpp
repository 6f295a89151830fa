// Issue 12 §5: the window on a projector. At 1366×768 and 1920×1080, in English and German,
// the window fits the screen, the topology fills its pane, table rows are one line with the
// columns sized to their content and long cells elided where they say least.
#include "lab/lab.h"
#include "labpalette.h"
#include "mainwindow.h"
#include "objecttable.h"
#include "targetsmodel.h"
#include "targetspanel.h"
#include "topologyview.h"
#include "uitestlab.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace ppl;

class TestProjectorLook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void windowFitsTheScreen_data();
    void windowFitsTheScreen();
    void cleanupTestCase() { delete m_lab; }

private:
    Lab *m_lab = nullptr; // one lab for every row: its scrapes have run by the later rows
};

void TestProjectorLook::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_lab = new Lab;
    QString error;
    QVERIFY2(loadBuiltInScenario(*m_lab, QStringLiteral("hybrid"), &error), qPrintable(error));
}

void TestProjectorLook::windowFitsTheScreen_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("screen");
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")})
        for (const QSize screen : {QSize(1366, 768), QSize(1920, 1080)})
            QTest::addRow("%s-%dx%d", qPrintable(language), screen.width(), screen.height())
                << language << screen;
}

void TestProjectorLook::windowFitsTheScreen() {
    QFETCH(QString, language);
    QFETCH(QSize, screen);
    QTranslator translator;
    if (language == u"de") {
        QVERIFY(translator.load(QStringLiteral(":/i18n/pullpush-lab_de.qm")));
        QCoreApplication::installTranslator(&translator);
    }
    QSettings().clear(); // the default layout, not one a previous row left
    MainWindow window(m_lab);
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Fits: nothing in the default layout asks for more than the screen, less a taskbar and
    // a title bar (a 1366×768 laptop leaves the window about 700 pixels).
    QVERIFY2(window.minimumSizeHint().height() <= screen.height() - 70,
             qPrintable(QString::number(window.minimumSizeHint().height())));
    QVERIFY2(window.minimumSizeHint().width() <= screen.width(),
             qPrintable(QString::number(window.minimumSizeHint().width())));
    QCOMPARE(window.size(), screen);

    // Rows arrive with the scenario, health with the first scrapes; the columns are fitted
    // after them.
    QTableView *targets = window.targetsPanel()->view();
    QAbstractItemModel *model = targets->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->index(0, TargetsModel::Health).data(TargetsModel::HealthRole).toInt() ==
            int(LabPalette::State::Up),
        20'000);
    fitObjectTableColumns(targets);

    // One line per row: nothing wraps.
    const int line = targets->fontMetrics().height();
    QVERIFY(!targets->wordWrap());
    // A URL is cut at its start, where every target says the same "http://127.0.0.1".
    QCOMPARE(model->index(0, 1).data(ElideModeRole).toInt(), int(Qt::ElideLeft));
    QCOMPARE(targets->textElideMode(), Qt::ElideMiddle);
    // Columns sized to their content, none wider than a share of the table; a narrow column
    // is not squeezed below its content.
    const int viewport = targets->viewport()->width();
    for (int c = 0; c + 1 < model->columnCount(); ++c) {
        const int width = targets->columnWidth(c);
        QVERIFY2(width <= std::max(viewport * 0.45 + 1, 12.0 * line),
                 qPrintable(QString::number(c)));
        QVERIFY2(width >= std::min(targets->horizontalHeader()->sectionSizeHint(c), viewport / 3),
                 qPrintable(QString::number(c)));
    }

    // The topology fills its pane along the dimension that limits it (at least 80 %) unless
    // it had to be shrunk to the legibility floor, then it scrolls.
    TopologyView *topology = window.topology();
    const QRect picture =
        topology->mapFromScene(topology->scene()->itemsBoundingRect()).boundingRect();
    const QSize pane = topology->viewport()->size();
    const double filled =
        std::max(double(picture.width()) / pane.width(), double(picture.height()) / pane.height());
    const bool atFloor = topology->transform().m11() <= 0.41;
    QVERIFY2(filled >= 0.8 || atFloor,
             qPrintable(QStringLiteral("picture %1×%2 in a %3×%4 pane (scale %5)")
                            .arg(picture.width())
                            .arg(picture.height())
                            .arg(pane.width())
                            .arg(pane.height())
                            .arg(topology->transform().m11())));

    const QString shot = screenshotDir() + QStringLiteral("/projector-%1-%2x%3.png")
                                               .arg(language)
                                               .arg(screen.width())
                                               .arg(screen.height());
    QVERIFY(window.saveScreenshot(shot));
    const QImage img(shot);
    QCOMPARE(img.size(), screen);
    QVERIFY(colourCount(img, 4) > 10);
    if (language == u"de")
        QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestProjectorLook)
#include "tst_projectorlook.moc"
