// The replay window (File → Open recording, --replay): a recording made by
// `--headless --scenario … --record FILE` opens without running anything, and its docks show
// the state at the scrubber's position, forwards and backwards; File → Record in the live
// window makes a recording that opens the same way.
#include "lab/lab.h"
#include "mainwindow.h"
#include "querypanel.h"
#include "record/replaysession.h"
#include "replaybar.h"
#include "replaypanel.h"
#include "replaywindow.h"
#include "scrape/scrapemanager.h"
#include "storage/seriesstore.h"
#include "uitestlab.h"

#include <QComboBox>
#include <QProcess>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace ppl;

namespace {

bool runQuery(QueryPanel *panel, const QString &expression) {
    QSignalSpy finished(panel, &QueryPanel::finished);
    panel->setExpression(expression);
    panel->execute();
    return !finished.isEmpty() || finished.wait(10000);
}

QStringList column(const QTreeWidget *tree, int c) {
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(c);
    return out;
}

} // namespace

class TestReplayWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void headlessRecordingOpensInTheWindow() {
        const QString binary = qEnvironmentVariable("PPL_LAB_BINARY");
        if (binary.isEmpty())
            QSKIP("PPL_LAB_BINARY is not set (run through ctest)");
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("ui-test.yaml"));
        {
            QFile f(scenario);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(uiTestScenario());
        }
        const QString path = dir.filePath(QStringLiteral("run.pplrec"));
        QProcess lab;
        lab.start(binary, {QStringLiteral("--headless"), QStringLiteral("--scenario"), scenario,
                           QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--gateway-listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--duration"), QStringLiteral("4"),
                           QStringLiteral("--record"), path});
        QVERIFY(lab.waitForFinished(60'000));
        QVERIFY2(lab.exitCode() == 0, lab.readAllStandardError().constData());

        QString error;
        QPointer<MainWindow> window = openReplayWindow(path, &error);
        QVERIFY2(window, qPrintable(error));
        window->resize(1400, 900);
        window->show();
        auto *bar = window->findChild<ReplayBar *>();
        auto *panel = window->findChild<ReplayPanel *>();
        QVERIFY(bar && panel);
        record::ReplaySession *session = bar->session();
        Lab *replayLab = session->lab();
        QCOMPARE(session->scenario().name, QStringLiteral("ui-test"));
        QVERIFY(session->endMs() - session->startMs() >= 3500);
        // Nothing runs: no server, no gateway, no target, no scrape.
        QVERIFY(replayLab->apiServer() == nullptr);
        QVERIFY(replayLab->gatewayUrl().isEmpty());
        QVERIFY(replayLab->targets().isEmpty());
        QVERIFY(replayLab->scrapeManager()->loops().empty());
        QVERIFY(!window->recordAction()->isEnabled());

        // At the start: the scenario has just loaded, nothing scraped yet.
        QCOMPARE(bar->slider()->value(), 0);
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("up")));
        QCOMPARE(window->queryPanel()->table()->rowCount(), 0);

        // The scrubber to the end: every target scraped, up 1 for each, as the run left them.
        bar->slider()->setValue(bar->slider()->maximum());
        QCOMPARE(session->positionMs(),
                 session->endMs() - (session->endMs() - session->startMs()) % 100);
        QCOMPARE(replayLab->clock()->nowMs(), session->positionMs());
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("up")));
        QCOMPARE(window->queryPanel()->table()->rowCount(), 3); // web-1, web-2, the gateway
        for (int r = 0; r < 3; ++r)
            QCOMPARE(window->queryPanel()->table()->item(r, 1)->text(), QStringLiteral("1"));
        panel->refresh();
        const QStringList targets = column(panel->targets(), 0);
        QVERIFY2(targets.contains(QStringLiteral("web-1")) &&
                     targets.contains(QStringLiteral("web-2")),
                 qPrintable(targets.join(u',')));
        QVERIFY(column(panel->targets(), 2).join(u',').contains(QLatin1String("up")));
        const qsizetype eventsAtEnd = replayLab->events()->size();
        QVERIFY(eventsAtEnd > 6);

        // Backwards to the middle: fewer events, and queries see only what was there then.
        QSignalSpy rewound(session, &record::ReplaySession::rewound);
        bar->slider()->setValue(bar->slider()->maximum() / 2);
        QCOMPARE(rewound.size(), 1);
        const qsizetype eventsInMiddle = replayLab->events()->size();
        QVERIFY(eventsInMiddle < eventsAtEnd);
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("count_over_time(up[1h])")));
        const int scrapesInMiddle = window->queryPanel()->table()->item(0, 1)->text().toInt();
        bar->slider()->setValue(bar->slider()->maximum());
        QVERIFY(runQuery(window->queryPanel(), QStringLiteral("count_over_time(up[1h])")));
        QVERIFY(window->queryPanel()->table()->item(0, 1)->text().toInt() > scrapesInMiddle);

        // Play from the start at 10×: the position moves on its own, and pause stops it.
        bar->slider()->setValue(0);
        bar->speedBox()->setCurrentIndex(bar->speedBox()->findData(10.0));
        QCOMPARE(session->speed(), 10.0);
        QTest::mouseClick(bar->playButton(), Qt::LeftButton);
        QVERIFY(session->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(bar->slider()->value() > 10, 5000);
        QTest::mouseClick(bar->playButton(), Qt::LeftButton);
        QVERIFY(!session->isPlaying());

        QImage shot = window->grab().toImage();
        shot.save(screenshotDir() + QStringLiteral("/replay-window.png"));
        window->close(); // deletes itself, then the session
        QTRY_VERIFY(window.isNull());
    }

    void windowRecordingReplays() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("window.pplrec"));
        Lab lab;
        QString error;
        QVERIFY2(loadUiTestScenario(lab, &error), qPrintable(error));
        MainWindow window(&lab);
        window.show();
        QVERIFY2(window.startRecording(path, &error), qPrintable(error));
        QVERIFY(window.isRecording());
        QVERIFY(window.recordAction()->isChecked());
        const auto upSamples = [&lab] {
            qsizetype n = 0;
            for (const auto id : lab.store()->select(
                     {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")}))
                n += lab.store()->sampleCount(id);
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(upSamples() >= 6, 15'000);
        window.stopRecording();
        QVERIFY(!window.isRecording());
        QVERIFY(!window.recordAction()->isChecked());
        const qsizetype recorded = upSamples();

        QPointer<MainWindow> replay = window.openRecording(path);
        QVERIFY(replay);
        auto *bar = replay->findChild<ReplayBar *>();
        QVERIFY(bar);
        QVERIFY(bar->session()->seek(bar->session()->endMs()));
        Lab *replayLab = bar->session()->lab();
        qsizetype replayed = 0;
        for (const auto id : replayLab->store()->select(
                 {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")}))
            replayed += replayLab->store()->sampleCount(id);
        QCOMPARE(replayed, recorded);

        // Not a recording: the error bar says why, no window opens.
        const QString bad = dir.filePath(QStringLiteral("bad.pplrec"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a recording");
        }
        QVERIFY(window.openRecording(bad) == nullptr);
        replay->close();
        QTRY_VERIFY(replay.isNull());
    }
};

QTEST_MAIN(TestReplayWindow)
#include "tst_replaywindow.moc"
