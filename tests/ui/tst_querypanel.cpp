#include "api/apiformat.h"
#include "lab/lab.h"
#include "mainwindow.h"
#include "promqlhighlighter.h"
#include "query/parser.h"
#include "queryeditor.h"
#include "querygraphview.h"
#include "querypanel.h"
#include "sim/simulatedtarget.h"
#include "storage/seriesstore.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QApplication>
#include <QCheckBox>
#include <QCompleter>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <QTimer>
#include <algorithm>

using namespace ppl;

// The Query dock (issue 13 §3) on the ui-test scenario: real scrapes of two simulated
// services every second on loopback.
class TestQueryPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void executingFillsTableAndGraph();
    void rangeSelectorShowsRawSamplesWithTheirTimestamps();
    void parseErrorIsShownAndItsPositionMarked_data();
    void parseErrorIsShownAndItsPositionMarked();
    void emptyResultExplainsTheStaleCase();
    void emptyResultOfATypoSuggestsTheName();
    void slowQueryRunsOffTheWindowThreadAndCancels();
    void historyIsKeptAcrossRuns();
    void completionOffersStoreAndLanguage();
    void editorColoursTheLanguage_data();
    void editorColoursTheLanguage();
    void dockIsInTheViewMenuAndRendersUsably();

private:
    // Runs the editor's expression through the panel and waits for its results.
    bool run(QueryPanel *panel, const QString &expression);
    QByteArray instanceOf(const char *target) const;

    Lab *m_lab = nullptr;
    QueryPanel *m_panel = nullptr;
};

void TestQueryPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestQueryPanel::init() {
    m_lab = new Lab;
    QString error;
    QVERIFY2(loadUiTestScenario(*m_lab, &error), qPrintable(error));
    m_panel = new QueryPanel(m_lab);
    m_panel->resize(900, 600);
    m_panel->show();
    // Two scrapes of each target: up and the services' counters exist.
    const auto scrapedTwice = [this] {
        const auto ids = m_lab->store()->select(
            {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")});
        return ids.size() >= 3 && std::all_of(ids.begin(), ids.end(), [this](auto id) {
                   return m_lab->store()->sampleCount(id) >= 2;
               });
    };
    QTRY_VERIFY_WITH_TIMEOUT(scrapedTwice(), 10000);
}

void TestQueryPanel::cleanup() {
    delete m_panel;
    delete m_lab;
}

bool TestQueryPanel::run(QueryPanel *panel, const QString &expression) {
    QSignalSpy finished(panel, &QueryPanel::finished);
    panel->setExpression(expression);
    // Ctrl+Return in the editor, as a user executes.
    QTest::keyClick(panel->editor(), Qt::Key_Return, Qt::ControlModifier);
    return !finished.isEmpty() || finished.wait(10000);
}

QByteArray TestQueryPanel::instanceOf(const char *target) const {
    return m_lab->target(target)->address();
}

void TestQueryPanel::executingFillsTableAndGraph() {
    QVERIFY(run(m_panel, QStringLiteral("up")));
    QVERIFY2(m_panel->errorLabel()->isHidden(), qPrintable(m_panel->errorLabel()->text()));
    const auto ups =
        m_lab->store()->select({*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "up")});
    QCOMPARE(m_panel->table()->rowCount(), int(ups.size()));
    QVERIFY(m_panel->table()->item(0, 0)->text().startsWith(u"up{"));
    QCOMPARE(m_panel->table()->item(0, 1)->text(), QStringLiteral("1"));
    QCOMPARE(m_panel->graph()->seriesCount(), int(ups.size()));
    QVERIFY(m_panel->graph()->pointCount() >= qsizetype(ups.size()));

    // An aggregation: one row per job, and its graph; stacked adds up the lines.
    QVERIFY(run(m_panel, QStringLiteral("sum by (job) (up)")));
    QCOMPARE(m_panel->table()->rowCount(), 2);
    QCOMPARE(m_panel->graph()->seriesCount(), 2);
    const double linesTop = m_panel->graph()->valueRange().second;
    m_panel->stackedBox()->setChecked(true);
    QVERIFY(m_panel->graph()->isStacked());
    QVERIFY(m_panel->graph()->valueRange().second > linesTop); // 2 + 1 on top of each other
    QVERIFY(m_panel->explanationLabel()->isHidden());
}

void TestQueryPanel::rangeSelectorShowsRawSamplesWithTheirTimestamps() {
    const QByteArray instance = instanceOf("web-1");
    const auto id = m_lab->store()->find(
        Labels::of({{"__name__", "up"}, {"instance", instance.constData()}, {"job", "web"}}));
    QVERIFY(id);
    // A few scrapes (one a second) in the last minute.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_lab->store()
                ->samples(*id, m_lab->clock()->nowMs() - 60'000, m_lab->clock()->nowMs())
                .size() >= 3,
        5000);
    QVERIFY(
        run(m_panel, QStringLiteral("up{instance=\"%1\"}[1m]").arg(QString::fromUtf8(instance))));
    QCOMPARE(m_panel->table()->rowCount(), 1);
    const QString cell = m_panel->table()->item(0, 1)->text();
    // Every stored sample of the last minute, each with its own timestamp.
    const auto samples =
        m_lab->store()->samples(*id, m_lab->clock()->nowMs() - 60'000, m_lab->clock()->nowMs());
    QVERIFY(cell.count(QLatin1Char('\n')) >= 2); // more than one sample, one a line
    for (const StoredSample &s : samples.size() > 1
                                     ? std::vector<StoredSample>(samples.begin(), samples.end() - 1)
                                     : samples) {
        const QString stamp =
            QStringLiteral("@") + QString::fromLatin1(api::formatTimestamp(s.timestampMs));
        QVERIFY2(cell.contains(stamp), qPrintable(cell + " / " + stamp));
    }
    QCOMPARE(m_panel->graph()->seriesCount(), 0); // a range vector cannot be graphed
}

void TestQueryPanel::parseErrorIsShownAndItsPositionMarked_data() {
    QTest::addColumn<QString>("expression");
    QTest::newRow("missing label value") << "up{job=}";
    QTest::newRow("unclosed call") << "sum(rate(up[1m])";
    QTest::newRow("range of a range") << "rate(up[1m][1m])";
    QTest::newRow("bad duration") << "rate(up[1x])";
}

void TestQueryPanel::parseErrorIsShownAndItsPositionMarked() {
    QFETCH(QString, expression);
    QVERIFY(run(m_panel, expression));
    QVERIFY(m_panel->errorLabel()->isVisible());
    // The parser's own position and message.
    const QByteArray utf8 = expression.toUtf8();
    const auto parsed = query::Parser::parse(utf8);
    const auto *err = std::get_if<query::ParseError>(&parsed);
    QVERIFY(err);
    QCOMPARE(m_panel->errorLabel()->text(), err->toString(utf8));
    QVERIFY(m_panel->errorLabel()->text().contains(u"parse error"));
    QCOMPARE(m_panel->editor()->errorRange().first, std::min(err->pos.start, int(utf8.size())));
    QVERIFY(!m_panel->editor()->extraSelections().isEmpty());
    QCOMPARE(m_panel->table()->rowCount(), 0);
    // Editing the expression takes the mark away; a valid one shows no error.
    QVERIFY(run(m_panel, QStringLiteral("up")));
    QVERIFY(m_panel->errorLabel()->isHidden());
    QCOMPARE(m_panel->editor()->errorRange().first, -1);
    QVERIFY(m_panel->editor()->extraSelections().isEmpty());
}

void TestQueryPanel::emptyResultExplainsTheStaleCase() {
    const QString query = QStringLiteral("http_requests_total{instance=\"%1\"}")
                              .arg(QString::fromUtf8(instanceOf("web-1")));
    QVERIFY(run(m_panel, query));
    QVERIFY(m_panel->table()->rowCount() > 0); // alive: data, no explanation
    QVERIFY(m_panel->explanationLabel()->isHidden());
    QString error;
    QVERIFY2(m_lab->killTarget("web-1", &error), qPrintable(error));
    // The next scrape fails: up 0 and every series of the target gets a stale marker.
    QTRY_VERIFY_WITH_TIMEOUT(run(m_panel, query) && m_panel->table()->rowCount() == 0, 5000);
    QVERIFY(m_panel->explanationLabel()->isVisible());
    QCOMPARE(m_panel->explanations().size(), size_t(1));
    const auto &x = m_panel->explanations().front();
    QCOMPARE(x.reason, query::EmptyResultExplanation::Reason::WentStale);
    QCOMPARE(x.staleCause, query::EmptyResultExplanation::StaleCause::TargetDown);
    QVERIFY2(m_panel->explanationLabel()->text().contains(u"went stale"),
             qPrintable(m_panel->explanationLabel()->text()));
    QVERIFY(m_panel->explanationLabel()->text().contains(u"Why is this empty?"));
}

void TestQueryPanel::emptyResultOfATypoSuggestsTheName() {
    QVERIFY(run(m_panel, QStringLiteral("http_request_total")));
    QCOMPARE(m_panel->table()->rowCount(), 0);
    QVERIFY(m_panel->explanationLabel()->isVisible());
    QVERIFY2(m_panel->explanationLabel()->text().contains(u"http_requests_total"),
             qPrintable(m_panel->explanationLabel()->text()));
}

void TestQueryPanel::slowQueryRunsOffTheWindowThreadAndCancels() {
    // A subquery with a 1 ms step over an hour: millions of steps.
    QSignalSpy finished(m_panel, &QueryPanel::finished);
    m_panel->setExpression(QStringLiteral("count_over_time(up[1h:1ms])"));
    QElapsedTimer timer;
    timer.start();
    m_panel->execute();
    QVERIFY(timer.elapsed() < 1000); // execute() returned: the evaluation runs elsewhere
    QVERIFY(m_panel->isRunning());
    // The window's thread keeps serving events meanwhile.
    bool ticked = false;
    QTimer::singleShot(50, this, [&ticked] { ticked = true; });
    QTRY_VERIFY_WITH_TIMEOUT(ticked, 2000);
    QVERIFY(m_panel->isRunning());
    m_panel->cancel();
    QVERIFY(finished.wait(10000));
    QVERIFY(m_panel->errorLabel()->isVisible());
    QCOMPARE(m_panel->errorLabel()->text(),
             QStringLiteral("query was canceled in expression evaluation"));
}

void TestQueryPanel::historyIsKeptAcrossRuns() {
    QVERIFY(run(m_panel, QStringLiteral("up")));
    QVERIFY(run(m_panel, QStringLiteral("sum(up)")));
    QVERIFY(run(m_panel, QStringLiteral("up"))); // again: moves to the front, not twice
    QCOMPARE(m_panel->history().mid(0, 2), (QStringList{"up", "sum(up)"}));
    QCOMPARE(m_panel->history().count(QStringLiteral("up")), 1);
    QueryPanel next(m_lab); // a later run of the window
    QCOMPARE(next.history(), m_panel->history());
}

// Issue 13 §3: syntax highlighting, from the lab's own lexer.
void TestQueryPanel::editorColoursTheLanguage_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("role");
    using Role = PromqlHighlighter::Role;
    QTest::addRow("aggregation") << "sum" << int(Role::Keyword);
    QTest::addRow("by") << "by" << int(Role::Keyword);
    QTest::addRow("function") << "rate" << int(Role::Function);
    QTest::addRow("metric") << "http_requests_total" << int(Role::Metric);
    QTest::addRow("label name") << "code" << int(Role::Label);
    QTest::addRow("string") << "\"200\"" << int(Role::String);
    QTest::addRow("duration") << "5m" << int(Role::Number);
    QTest::addRow("number") << "0.5" << int(Role::Number);
    QTest::addRow("operator") << ">" << int(Role::Operator);
    QTest::addRow("comment") << "# note" << int(Role::Comment);
}

void TestQueryPanel::editorColoursTheLanguage() {
    QFETCH(QString, token);
    QFETCH(int, role);
    const QString text =
        QStringLiteral(R"(sum by (job) (rate(http_requests_total{code="200"}[5m])) > 0.5 # note)");
    m_panel->setExpression(text);
    QueryEditor *editor = m_panel->editor();
    const QTextBlock block = editor->document()->firstBlock();
    const int at = text.indexOf(token);
    QVERIFY(at >= 0);
    const QTextCharFormat expected = editor->highlighter()->format(PromqlHighlighter::Role(role));
    bool coloured = false;
    for (const QTextLayout::FormatRange &r : block.layout()->formats())
        coloured = coloured || (r.start <= at && r.start + r.length >= at + token.size() &&
                                r.format == expected);
    QVERIFY2(coloured, qPrintable(token));
    // And no other role's colour on it.
    for (int other = 0; other <= int(PromqlHighlighter::Role::Comment); ++other) {
        if (other == role ||
            editor->highlighter()->format(PromqlHighlighter::Role(other)) == expected)
            continue;
        for (const QTextLayout::FormatRange &r : block.layout()->formats())
            QVERIFY(!(r.start <= at && r.start + r.length >= at + token.size() &&
                      r.format == editor->highlighter()->format(PromqlHighlighter::Role(other))));
    }
}

void TestQueryPanel::completionOffersStoreAndLanguage() {
    QueryEditor *editor = m_panel->editor();
    editor->setExpression(QStringLiteral("ra"));
    QVERIFY(editor->completionsAtCursor().contains(u"rate"));
    editor->setExpression(QStringLiteral("http_req"));
    QVERIFY(editor->completionsAtCursor().contains(u"http_requests_total"));
    editor->setExpression(QStringLiteral("up{"));
    const QStringList names = editor->completionsAtCursor();
    QVERIFY(names.contains(u"job") && names.contains(u"instance"));
    QVERIFY(!names.contains(u"__name__"));
    editor->setExpression(QStringLiteral("up{job=\""));
    const QStringList values = editor->completionsAtCursor();
    QVERIFY(values.contains(u"web") && values.contains(u"pushgateway"));
    editor->setExpression(QStringLiteral("up{job=\"w"));
    QCOMPARE(editor->completionsAtCursor(), QStringList{"web"});
    // Functions carry a one-line description in the popup.
    editor->setExpression(QStringLiteral("irat"));
    QCOMPARE(editor->completionsAtCursor(), QStringList{"irate"});
    const QAbstractItemModel *model = editor->completer()->model();
    QString shown;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString text = model->index(r, 0).data(Qt::DisplayRole).toString();
        if (text.startsWith(u"irate "))
            shown = text;
    }
    QVERIFY2(shown.startsWith(u"irate  — ") && shown.size() > 12, qPrintable(shown));
}

void TestQueryPanel::dockIsInTheViewMenuAndRendersUsably() {
    MainWindow window(m_lab);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("queryDock"));
    QVERIFY(dock);
    QCOMPARE(dock->widget(), window.queryPanel());
    bool inViewMenu = false;
    for (QAction *a : window.findChildren<QAction *>())
        inViewMenu |= a == dock->toggleViewAction() && !a->associatedObjects().isEmpty();
    QVERIFY(inViewMenu);
    dock->raise();
    QueryPanel *panel = window.queryPanel();
    // Until the services have been scraped twice, rate() has nothing to say (and says so).
    QTRY_VERIFY_WITH_TIMEOUT(
        run(panel, QStringLiteral("sum by (job) (rate(http_requests_total[1m]))")) &&
            panel->table()->rowCount() > 0,
        10000);
    panel->tabs()->setCurrentIndex(1);
    QApplication::processEvents();
    const QImage windowShot = window.grab().toImage();
    QVERIFY(windowShot.save(screenshotDir() + QStringLiteral("/query-dock-window.png")));
    // The dock alone, at the window's size, to read it.
    dock->setFloating(true);
    dock->resize(1366, 768);
    QApplication::processEvents();
    // A few more points for the graph: evaluated again until it holds two.
    QTRY_VERIFY_WITH_TIMEOUT(
        run(panel, QStringLiteral("sum by (job) (rate(http_requests_total[1m]))")) &&
            panel->graph()->pointCount() >= 2,
        10000);
    QCOMPARE(panel->table()->rowCount(), 1);
    const QImage shot = dock->grab().toImage();
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/query-dock.png")));
    QVERIFY(colourCount(shot, 4) > 20); // a graph is drawn, not a blank page
    run(panel, QStringLiteral("sum(rate(http_requests_total{job=\"nope\"}[1m])) by (job"));
    QVERIFY(dock->grab().toImage().save(screenshotDir() + QStringLiteral("/query-dock-error.png")));
    run(panel, QStringLiteral("http_requests_total{job=\"wbe\"}"));
    panel->tabs()->setCurrentIndex(0);
    QVERIFY(dock->grab().toImage().save(screenshotDir() + QStringLiteral("/query-dock-empty.png")));
}

QTEST_MAIN(TestQueryPanel)
#include "tst_querypanel.moc"
