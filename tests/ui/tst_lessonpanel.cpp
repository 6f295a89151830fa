// The Lesson dock in the window, offscreen: a built-in lesson opened through File → Open
// lesson (the chooser's answer given by the test), its first step done through the lab's API
// as the lesson tests do, the dock following (checks met, the step passed with its
// explanation, the timeline's moment, the node flashed), hints, the prediction, the finish
// page with time per step, leaving asks first, and the chooser offered once on first start.
// Lab time: a ManualClock, stepped while each scrape's real HTTP finishes.
#include "labtesthelpers.h"
#include "lesson/lessonrun.h"
#include "lessonchooser.h"
#include "lessonpanel.h"
#include "mainwindow.h"
#include "timelineview.h"
#include "topologyview.h"
#include "uitestlab.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace ppl;

namespace {

QAction *findAction(QMenuBar *bar, const QString &text) {
    for (QAction *menu : bar->actions())
        if (menu->menu())
            for (QAction *a : menu->menu()->actions())
                if (a->text() == text)
                    return a;
    return nullptr;
}

} // namespace

class TestLessonPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void init() {
        QSettings().clear();
        m_clock = std::make_unique<ManualClock>();
        m_lab = std::make_unique<Lab>(LabOptions{m_clock.get()});
        QString error;
        QVERIFY2(m_lab->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        m_window = std::make_unique<MainWindow>(m_lab.get());
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup() {
        m_window.reset();
        m_lab.reset();
        m_clock.reset();
    }

    void aLessonInTheDock();
    void leavingAsksFirst();
    void theChooserIsOfferedOnceOnFirstStart();
    void theTopologyFlashesANode();

private:
    bool step(qint64 ms) { return test::stepLab(*m_clock, *m_lab, ms, 500); }
    bool openWhoNotices() {
        m_window->setLessonChooserPrompt([] { return QStringLiteral("who-notices-a-death"); });
        QAction *open = findAction(m_window->menuBar(), MainWindow::tr("Open &lesson…"));
        if (!open)
            return false;
        open->trigger();
        return m_window->lessonPanel()->hasLesson();
    }

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Lab> m_lab;
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonPanel::aLessonInTheDock() {
    LessonPanel *panel = m_window->lessonPanel();
    QVERIFY(!panel->hasLesson());
    QSignalSpy flashed(panel, &LessonPanel::checkMet);
    QVERIFY(openWhoNotices());
    lesson::LessonRun *run = panel->run();
    // The lab was reset to the lesson's scenario; the dock is in front.
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("lesson-who-notices"));
    QVERIFY(m_window->lessonDock()->isVisible());
    QCOMPARE(panel->progressText(), QStringLiteral("Step 1 of 2"));

    // The text with the lab's real address, the command copyable as it is.
    const QString server = m_lab->serverUrl().authority();
    QVERIFY2(panel->stepTextShown().contains(server), qPrintable(panel->stepTextShown()));
    QVERIFY(!panel->stepTextShown().contains(QLatin1String("{{")));
    const QString kill =
        QStringLiteral("curl -X POST http://%1/lab/targets/web-1/kill").arg(server);
    QVERIFY2(panel->commands().contains(kill), qPrintable(panel->commands().join(u'|')));
    panel->copyCommand(int(panel->commands().indexOf(kill)));
    QCOMPARE(QGuiApplication::clipboard()->text(), kill);

    // Predict before acting: the answer is locked in, right or wrong told only after.
    QVERIFY(!panel->answerButton()->isEnabled());
    panel->choosePrediction(0);
    QVERIFY(panel->answerButton()->isEnabled());
    QTest::mouseClick(panel->answerButton(), Qt::LeftButton);
    QCOMPARE(run->record(0).predictionChoice, 0);
    QVERIFY(!panel->answerButton()->isEnabled());
    QVERIFY(panel->predictionFeedback().contains(QLatin1String("next scrape")));

    // Nothing done yet: every check "not yet".
    QVERIFY(step(3000));
    run->evaluate();
    QStringList checks = panel->checkTexts();
    QCOMPARE(int(checks.size()), 3);
    for (const QString &c : checks)
        QVERIFY2(c.startsWith(QStringLiteral("… not yet")), qPrintable(c));

    // The student kills web-1 through the lab's API: the first check is met at once…
    QString error;
    QVERIFY2(m_lab->killTarget("web-1", &error), qPrintable(error));
    QTRY_VERIFY(panel->checkTexts().value(0).startsWith(QStringLiteral("✔ met")));
    QVERIFY(panel->checkTexts().value(0).contains(QLatin1String("web-1")));
    QTRY_VERIFY(std::any_of(flashed.begin(), flashed.end(), [](const QList<QVariant> &args) {
        return args.at(0).toByteArray() == "web-1";
    }));
    // …up == 0 at the next scrape, with what it measured…
    QVERIFY(step(6000));
    QTRY_VERIFY(panel->checkTexts().value(1).startsWith(QStringLiteral("✔ met")));
    QVERIFY2(panel->checkTexts().value(1).contains(QStringLiteral(" — ")),
             qPrintable(panel->checkTexts().value(1)));
    QCOMPARE(run->currentStep(), 0); // TargetDown has its 15 s to wait
    // …and TargetDown fires: the step passes and the dock moves on.
    QVERIFY(step(25000));
    QTRY_COMPARE(run->currentStep(), 1);
    QCOMPARE(panel->progressText(), QStringLiteral("Step 2 of 2"));
    QVERIFY2(panel->explanationText().contains(QLatin1String("TargetDown fires")),
             qPrintable(panel->explanationText()));
    QVERIFY2(panel->explanationText().contains(QLatin1String("right")),
             qPrintable(panel->explanationText()));
    // The moment is on the timeline, at the lab time the step passed.
    QCOMPARE(int(m_window->timeline()->moments().size()), 1);
    QCOMPARE(m_window->timeline()->moments().at(0).first, run->record(0).passedMs);

    // Step 2: its hint, on request, one by one.
    QVERIFY(panel->hintButton()->isEnabled());
    QVERIFY(panel->hintButton()->text().contains(QLatin1String("1 left")));
    QVERIFY(panel->hintTexts().isEmpty());
    QTest::mouseClick(panel->hintButton(), Qt::LeftButton);
    QCOMPARE(int(panel->hintTexts().size()), 1);
    QVERIFY(panel->hintTexts().at(0).contains(QLatin1String("90 s")));
    QVERIFY(!panel->hintButton()->isEnabled());
    QCOMPARE(run->record(1).hintsRequested, 1);
    const QString gateway = m_lab->gatewayUrl().authority();
    const QStringList commands = panel->commands();
    QVERIFY2(std::any_of(
                 commands.begin(), commands.end(),
                 [&](const QString &c) { return c.contains(gateway + "/metrics/job/heartbeat"); }),
             qPrintable(commands.join(u'|')));

    // A picture of the window mid-lesson, at a laptop's size.
    QVERIFY(m_window->lessonDock()->height() > m_window->height() / 2);
    QCoreApplication::processEvents();
    const QImage shot = m_window->grab().toImage();
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/lessonpanel.png")));
    QVERIFY(colourCount(shot, 8) > 20);

    // The pusher pushes once from outside and dies; 90 s later the step passes.
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(m_lab->gatewayUrl().toString() + "/metrics/job/heartbeat"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    std::unique_ptr<QNetworkReply> reply(net.post(request, QByteArray("heartbeat_runs 1\n")));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(step(30000));
    run->evaluate();
    QCOMPARE(run->currentStep(), 1);
    QVERIFY(step(80000));
    QTRY_VERIFY(run->passed());
    QTRY_VERIFY(panel->isShowingFinishPage());
    const QString finish = panel->finishText();
    QVERIFY2(finish.contains(QLatin1String("Lesson complete")), qPrintable(finish));
    // Time per step: the first took the ~34 s of lab time the test stepped.
    const qint64 firstMs = run->record(0).passedMs - run->record(0).startedMs;
    QVERIFY(firstMs > 15000 && firstMs < 60000);
    QVERIFY2(finish.contains(QStringLiteral("%1 s").arg((firstMs + 500) / 1000)),
             qPrintable(finish));
    QVERIFY(finish.contains(QLatin1String("right")));
    QCOMPARE(int(m_window->timeline()->moments().size()), 2);
    QCoreApplication::processEvents();
    QVERIFY(m_window->grab().save(screenshotDir() + QStringLiteral("/lessonpanel-finished.png")));

    // A finished lesson is left without a question.
    int asked = 0;
    panel->setLeavePrompt([&] {
        ++asked;
        return false;
    });
    QVERIFY(m_window->openScenario(QStringLiteral("pull-basics")));
    QCOMPARE(asked, 0);
    QVERIFY(!panel->hasLesson());
}

void TestLessonPanel::leavingAsksFirst() {
    LessonPanel *panel = m_window->lessonPanel();
    int asked = 0;
    bool leave = false;
    panel->setLeavePrompt([&] {
        ++asked;
        return leave;
    });
    QVERIFY(openWhoNotices());
    // Another scenario: asked, stayed.
    QVERIFY(!m_window->openScenario(QStringLiteral("pull-basics")));
    QCOMPARE(asked, 1);
    QVERIFY(panel->hasLesson());
    QCOMPARE(m_lab->scenarioName(), QStringLiteral("lesson-who-notices"));
    // The dock's Close lesson: asked, stayed.
    const QList<QPushButton *> buttons = panel->findChildren<QPushButton *>();
    const auto found = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) {
        return b->text() == LessonPanel::tr("Close lesson");
    });
    QVERIFY(found != buttons.end());
    QPushButton *close = *found;
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(asked, 2);
    QVERIFY(panel->hasLesson());
    // Another lesson: asked, stayed.
    QVERIFY(!m_window->openLesson(QStringLiteral("delete-exact-grouping-key")));
    QCOMPARE(asked, 3);
    QCOMPARE(panel->run()->lesson().id, QStringLiteral("who-notices-a-death"));
    // Closing the window: asked, stays open.
    QVERIFY(!m_window->close());
    QCOMPARE(asked, 4);
    // Agreeing leaves: another lesson starts on its own scenario.
    leave = true;
    QVERIFY(m_window->openLesson(QStringLiteral("delete-exact-grouping-key")));
    QCOMPARE(asked, 5);
    QCOMPARE(panel->run()->lesson().id, QStringLiteral("delete-exact-grouping-key"));
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(asked, 6);
    QVERIFY(!panel->hasLesson());
    // No lesson: nothing to ask about.
    QVERIFY(m_window->openScenario(QStringLiteral("pull-basics")));
    QCOMPARE(asked, 6);
    // A lesson that does not load says why in the error bar.
    QVERIFY(!m_window->openLesson(QStringLiteral("no-such-lesson")));
    QVERIFY(!panel->hasLesson());
}

void TestLessonPanel::theChooserIsOfferedOnceOnFirstStart() {
    // With a prompt (tests): asked once, after the window started, not again.
    int offered = 0;
    m_window->setLessonChooserPrompt([&] {
        ++offered;
        return QString();
    });
    QVERIFY(m_window->offerLessonChooserOnFirstStart());
    QCOMPARE(offered, 0); // not blocking the start
    QTRY_COMPARE(offered, 1);
    QVERIFY(!m_window->offerLessonChooserOnFirstStart());
    QVERIFY(!m_window->lessonPanel()->hasLesson());

    // The real chooser: every built-in lesson with level and minutes; starting one opens it.
    QSettings().remove(QStringLiteral("lesson/chooserOffered"));
    MainWindow other(m_lab.get());
    other.lessonPanel()->setLeavePrompt([] { return true; });
    QVERIFY(other.offerLessonChooserOnFirstStart());
    QTRY_VERIFY(other.lessonChooser() && other.lessonChooser()->isVisible());
    LessonChooser *chooser = other.lessonChooser();
    QCOMPARE(chooser->list()->topLevelItemCount(), int(lesson::builtInLessons().size()));
    for (int i = 0; i < chooser->list()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = chooser->list()->topLevelItem(i);
        QVERIFY(!item->text(0).isEmpty());
        QVERIFY2(!item->text(1).isEmpty(), qPrintable(item->text(0)));
        QVERIFY(item->text(2).toInt() > 0);
    }
    chooser->selectLesson(QStringLiteral("delete-exact-grouping-key"));
    QVERIFY2(chooser->details().contains(QLatin1String("DELETE /metrics/job/backup")),
             qPrintable(chooser->details()));
    QVERIFY(chooser->grab().save(screenshotDir() + QStringLiteral("/lessonchooser.png")));
    QList<QPushButton *> buttons = chooser->findChildren<QPushButton *>();
    auto start = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) {
        return b->text() == LessonChooser::tr("&Start lesson");
    });
    QVERIFY(start != buttons.end());
    QTest::mouseClick(*start, Qt::LeftButton);
    QTRY_VERIFY(other.lessonPanel()->hasLesson());
    QCOMPARE(other.lessonPanel()->run()->lesson().id, QStringLiteral("delete-exact-grouping-key"));
    QTRY_VERIFY(!other.lessonChooser());
    other.lessonPanel()->closeLesson();
}

void TestLessonPanel::theTopologyFlashesANode() {
    QString error;
    QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
    TopologyView *topology = m_window->topology();
    QTRY_VERIFY(topology->nodeItem("web-1"));
    QVERIFY(!topology->isFlashing("web-1"));
    QVERIFY(topology->flashNode("web-1", 50));
    QVERIFY(topology->isFlashing("web-1"));
    QVERIFY(!topology->isFlashing("web-2"));
    QTRY_VERIFY(!topology->isFlashing("web-1"));
    QVERIFY(!topology->flashNode("no-such-node"));
}

QTEST_MAIN(TestLessonPanel)
#include "tst_lessonpanel.moc"
