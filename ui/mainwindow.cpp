#include "mainwindow.h"
#include "timebar.h"

#include "alertspanel.h"
#include "builtinscenariotexts.h"
#include "chartspanel.h"
#include "comparisonpanel.h"
#include "errorbar.h"
#include "gatewaypanel.h"
#include "jobspanel.h"
#include "lab/eventlog.h"
#include "lab/lab.h"
#include "lab/scenariowriter.h"
#include "labpalette.h"
#include "lesson/lesson.h"
#include "lesson/lessonrun.h"
#include "lessonchooser.h"
#include "lessonpanel.h"
#include "podspanel.h"
#include "querypanel.h"
#include "record/sessionrecorder.h"
#include "replaywindow.h"
#include "scenariointrobar.h"
#include "serverpanel.h"
#include "targetspanel.h"
#include "timelineview.h"
#include "topologyview.h"
#include "util/clock.h"
#include "viewexporter.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHostAddress>
#include <QIcon>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace ppl {

namespace {

constexpr qreal ZoomStep = 1.15;
constexpr qreal MinZoom = 0.6;
constexpr qreal MaxZoom = 3.0;

} // namespace

MainWindow::MainWindow(Lab *lab, QWidget *parent)
    : QMainWindow(parent)
    , m_lab(lab)
    , m_errors(new ErrorBar)
    , m_intro(new ScenarioIntroBar)
    , m_topology(new TopologyView(lab))
    , m_targets(new TargetsPanel(lab))
    , m_pods(new PodsPanel(lab))
    , m_jobs(new JobsPanel(lab))
    , m_gateway(new GatewayPanel(lab))
    , m_server(new ServerPanel(lab))
    , m_charts(new ChartsPanel(lab ? lab->store() : nullptr, lab ? lab->clock() : Clock::system()))
    , m_timeline(new TimelineView(lab))
    , m_comparison(new ComparisonPanel(lab))
    , m_query(new QueryPanel(lab))
    , m_alerts(new AlertsPanel(lab))
    , m_statusLab(new QLabel)
    , m_statusUrls(new QLabel)
    , m_statusCounts(new QLabel)
    , m_baseFont(QApplication::font()) {
    m_lesson = new LessonPanel(lab);
    setWindowTitle(tr("Pull/Push Lab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pullpush-lab.png")));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_errors);
    layout->addWidget(m_intro);
    layout->addWidget(m_topology, 1);
    setCentralWidget(central);

    QDockWidget *targets =
        addDock(QStringLiteral("targetsDock"), tr("Targets"), m_targets, Qt::LeftDockWidgetArea);
    QDockWidget *pods =
        addDock(QStringLiteral("podsDock"), tr("Pods"), m_pods, Qt::LeftDockWidgetArea);
    QDockWidget *jobs =
        addDock(QStringLiteral("jobsDock"), tr("Jobs"), m_jobs, Qt::LeftDockWidgetArea);
    QDockWidget *gateway =
        addDock(QStringLiteral("gatewayDock"), tr("Gateway"), m_gateway, Qt::LeftDockWidgetArea);
    QDockWidget *server = addDock(QStringLiteral("serverDock"), tr("Server config"), m_server,
                                  Qt::LeftDockWidgetArea);
    tabifyDockWidget(targets, pods);
    tabifyDockWidget(pods, jobs);
    tabifyDockWidget(jobs, gateway);
    tabifyDockWidget(gateway, server);
    targets->raise();
    QDockWidget *charts =
        addDock(QStringLiteral("chartsDock"), tr("Charts"), m_charts, Qt::RightDockWidgetArea);
    QDockWidget *timeline = addDock(QStringLiteral("timelineDock"), tr("Pull vs push timeline"),
                                    m_timeline, Qt::BottomDockWidgetArea);
    QDockWidget *comparison = addDock(QStringLiteral("comparisonDock"), tr("Comparison"),
                                      m_comparison, Qt::BottomDockWidgetArea);
    QDockWidget *query =
        addDock(QStringLiteral("queryDock"), tr("Query"), m_query, Qt::BottomDockWidgetArea);
    QDockWidget *alerts =
        addDock(QStringLiteral("alertsDock"), tr("Alerts"), m_alerts, Qt::BottomDockWidgetArea);
    m_lessonDock =
        addDock(QStringLiteral("lessonDock"), tr("Lesson"), m_lesson, Qt::RightDockWidgetArea);
    tabifyDockWidget(charts, m_lessonDock);
    charts->raise();
    tabifyDockWidget(timeline, comparison);
    tabifyDockWidget(comparison, query);
    tabifyDockWidget(query, alerts);
    timeline->raise();
    // Charts and the topology get most of the width; the tables scroll.
    resizeDocks({targets, charts}, {430, 560}, Qt::Horizontal);
    resizeDocks({timeline}, {260}, Qt::Vertical);

    const auto report = [this](const QString &message) { showError(message); };
    connect(m_targets, &TargetsPanel::errorOccurred, this, report);
    connect(m_pods, &PodsPanel::errorOccurred, this, report);
    connect(m_jobs, &JobsPanel::errorOccurred, this, report);
    connect(m_gateway, &GatewayPanel::errorOccurred, this, report);
    connect(m_server, &ServerPanel::errorOccurred, this, report);
    connect(m_charts, &ChartsPanel::errorOccurred, this, report);
    connect(m_lesson, &LessonPanel::errorOccurred, this, report);
    connect(m_lesson, &LessonPanel::chooseLessonRequested, this, &MainWindow::chooseLesson);
    connect(m_lesson, &LessonPanel::checkMet, this,
            [this](const QByteArray &node) { m_topology->flashNode(node); });
    connect(m_lesson, &LessonPanel::stepPassed, m_timeline, &TimelineView::addMoment);
    connect(m_lesson, &LessonPanel::lessonClosed, this,
            [this] { setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea); });

    m_exporter = new ViewExporter(this, lab);
    connect(m_exporter, &ViewExporter::errorOccurred, this, report);
    buildMenus();
    m_exporter->attachContextMenus();

    statusBar()->addWidget(m_statusLab);
    statusBar()->addWidget(m_statusUrls, 1);
    statusBar()->addPermanentWidget(m_statusCounts);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(1000);

    connect(m_topology, &TopologyView::nodeClicked, this,
            [this](TopologyView::NodeKind kind, const QByteArray &name) {
                if (kind == TopologyView::NodeKind::Target && m_lab && m_lab->isPod(name)) {
                    // A pod's service: both tables follow, the pods one comes to the front.
                    m_targets->selectTarget(name);
                    m_pods->selectPod(name);
                    m_pods->parentWidget()->raise();
                } else if (kind == TopologyView::NodeKind::Target) {
                    m_targets->selectTarget(name);
                    m_targets->parentWidget()->raise();
                } else if (kind == TopologyView::NodeKind::Job) {
                    m_jobs->selectJob(name);
                    m_jobs->parentWidget()->raise();
                } else if (kind == TopologyView::NodeKind::Gateway ||
                           kind == TopologyView::NodeKind::Pusher) {
                    m_gateway->parentWidget()->raise(); // where its group is
                } else if (kind == TopologyView::NodeKind::Server) {
                    m_server->parentWidget()->show();
                    m_server->parentWidget()->raise();
                }
            });
    connect(m_topology, &TopologyView::nodeMenuRequested, this,
            [this](TopologyView::NodeKind kind, const QByteArray &name, const QPoint &pos) {
                QMenu menu;
                if (kind == TopologyView::NodeKind::Target) {
                    if (m_lab && m_lab->isPod(name)) {
                        menu.addActions({m_pods->toggleScrapeAction(), m_pods->removePodAction()});
                        menu.addSeparator();
                    }
                    // Only what applies: no Kill for a program the lab does not run.
                    menu.addActions(m_targets->applicableActions());
                } else if (kind == TopologyView::NodeKind::Job) {
                    menu.addActions({m_jobs->runAction(), m_jobs->stopAction()});
                    menu.addSeparator();
                    menu.addActions({m_jobs->editJobAction(), m_jobs->removeJobAction()});
                } else if (kind == TopologyView::NodeKind::Gateway)
                    menu.addActions(
                        {m_gateway->restartAction(), m_gateway->restartWithoutPersistenceAction()});
                if (!menu.isEmpty())
                    menu.exec(pos);
            });

    if (lab) {
        connect(lab, &Lab::commandExecuted, this,
                [this](const LabCommand &command, bool ok, const QString &error) {
                    if (!ok)
                        showError(tr("%1 failed: %2").arg(labCommandName(command.op), error));
                });
        connect(lab, &Lab::pushed, this, [this](const PushResult &r) {
            if (!r.ok)
                showError(tr("Push to %1 rejected: %2").arg(r.url.toString(), r.reason));
        });
        connect(lab, &Lab::pausedChanged, this, &MainWindow::onPausedChanged);
        connect(lab, &Lab::scenarioLoaded, this, [this](const QString &name) {
            setWindowTitle(tr("Pull/Push Lab — %1").arg(name));
        });
    }

    QSettings settings;
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setTimeWindowMs(settings.value(QStringLiteral("view/windowMs"), 5 * 60'000).toLongLong());
    setZoom(settings.value(QStringLiteral("view/zoom"), 1.0).toDouble());
    updateStatus();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(const QString &objectName, const QString &title, QWidget *widget,
                                 Qt::DockWidgetArea area) {
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() finds docks by name
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::buildMenus() {
    buildFileMenu();
    buildLabMenu();
    buildObjectMenus();
    buildViewMenu();
    buildHelpMenu();
    buildToolBar();
}

void MainWindow::buildFileMenu() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(LabPalette::icon("open"), tr("&Open scenario…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                          tr("Scenarios (*.yaml *.yml *.json)"));
        if (!path.isEmpty())
            openScenario(path);
    });
    open->setShortcut(QKeySequence::Open);
    QMenu *builtIn = file->addMenu(tr("&Built-in scenarios"));
    for (const ScenarioInfo &info : builtInScenarios()) {
        QAction *a =
            builtIn->addAction(info.name, this, [this, n = info.name] { openScenario(n); });
        const QString description = builtInScenarioDescription(info.description);
        a->setToolTip(description);
        a->setStatusTip(description);
    }
    m_recent = file->addMenu(tr("&Recent scenarios"));
    updateRecentMenu();
    file->addSeparator();
    QAction *lesson = file->addAction(tr("Open &lesson…"), this, &MainWindow::chooseLesson);
    lesson->setShortcut(QKeySequence(tr("Ctrl+Alt+O"))); // Ctrl+Shift+O adds a pod
    file->addSeparator();
    QAction *shot =
        file->addAction(LabPalette::icon("export"), tr("&Export screenshot…"), this, [this] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export screenshot"),
                                                              QStringLiteral("pullpush-lab.png"),
                                                              tr("PNG images (*.png)"));
            if (!path.isEmpty() && !saveScreenshot(path))
                showError(tr("Could not write %1").arg(path));
        });
    shot->setShortcut(QKeySequence(tr("Ctrl+E")));
    QAction *log =
        file->addAction(LabPalette::icon("export"), tr("Export event &log…"), this, [this] {
            const QString path = QFileDialog::getSaveFileName(
                this, tr("Export event log"), QStringLiteral("pullpush-lab-events.jsonl"),
                tr("JSON lines (*.jsonl)"));
            QString error;
            if (!path.isEmpty() && !exportEventLog(path, &error))
                showError(error);
        });
    log->setShortcut(QKeySequence(tr("Ctrl+L")));
    QMenu *exportMenu = m_exporter->createMenu(file);
    exportMenu->setIcon(LabPalette::icon("export"));
    file->addMenu(exportMenu);
    QAction *saveScenario =
        file->addAction(LabPalette::icon("export"), tr("&Save scenario as…"), this, [this] {
            const QString path = askSaveScenarioPath();
            QString error;
            if (!path.isEmpty() && !exportScenario(path, &error))
                showError(error);
        });
    saveScenario->setShortcut(QKeySequence(tr("Ctrl+Alt+S"))); // Ctrl+Shift+S starts a target
    file->addSeparator();
    m_recordAction = file->addAction(tr("&Record session…"));
    m_recordAction->setObjectName(QStringLiteral("recordAction"));
    m_recordAction->setCheckable(true);
    m_recordAction->setShortcut(QKeySequence(tr("Ctrl+Alt+R")));
    m_recordAction->setToolTip(tr("Record the lab's session (scenario, events, samples, alerts) "
                                  "to a file to replay later"));
    connect(m_recordAction, &QAction::triggered, this, [this](bool on) {
        if (!on) {
            stopRecording();
            return;
        }
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Record session"), QStringLiteral("pullpush-lab.pplrec"),
            tr("Pull/Push Lab recordings (*.pplrec)"));
        QString error;
        if (path.isEmpty() || !startRecording(path, &error)) {
            m_recordAction->setChecked(false);
            if (!error.isEmpty())
                showError(error);
        }
    });
    QAction *openRecordingAction =
        file->addAction(LabPalette::icon("open"), tr("Open re&cording…"), this, [this] {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Open recording"), QString(),
                tr("Pull/Push Lab recordings (*.pplrec);;All files (*)"));
            if (!path.isEmpty())
                openRecording(path);
        });
    openRecordingAction->setShortcut(QKeySequence(tr("Ctrl+Alt+P")));
    file->addSeparator();
    QAction *quit = file->addAction(LabPalette::icon("quit"), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(tr("Ctrl+Q"))); // QKeySequence::Quit is empty on some platforms
}

void MainWindow::buildLabMenu() {
    QMenu *labMenu = menuBar()->addMenu(tr("&Lab"));
    m_pause = labMenu->addAction(LabPalette::icon("pause"), tr("&Pause lab"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(tr("Ctrl+P")));
    connect(m_pause, &QAction::triggered, this, [this](bool checked) {
        if (!m_lab) {
            onPausedChanged(checked);
            return;
        }
        if (checked)
            m_lab->pause();
        else
            m_lab->resume();
    });
    QAction *partition =
        labMenu->addAction(LabPalette::icon("partition"), tr("Partition the &network"));
    partition->setCheckable(true);
    // B for "break": Ctrl+Shift+P belongs to the gateway's persistence.
    partition->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));
    connect(partition, &QAction::triggered, this, [this](bool on) {
        if (m_lab)
            m_lab->setPartitioned(on);
    });
    labMenu->addSeparator();
    labMenu->addActions(
        {m_server->applyAction(), m_server->applyRulesAction(), m_server->revertAction()});
}

// Target, Pods, Job, Gateway, Charts: the panels' own actions, so every one has a key.
void MainWindow::buildObjectMenus() {
    QMenu *targetMenu = menuBar()->addMenu(tr("&Target"));
    targetMenu->addActions(m_targets->targetActions());
    targetMenu->addSeparator();
    targetMenu->addAction(m_targets->addTargetAction());
    QMenu *podMenu = menuBar()->addMenu(tr("&Pods"));
    podMenu->addActions({m_pods->toggleScrapeAction(), m_pods->removePodAction()});
    podMenu->addSeparator();
    podMenu->addAction(m_pods->addPodAction());
    QMenu *jobMenu = menuBar()->addMenu(tr("&Job"));
    jobMenu->addActions({m_jobs->runAction(), m_jobs->stopAction()});
    jobMenu->addSeparator();
    jobMenu->addActions(
        {m_jobs->addJobAction(), m_jobs->editJobAction(), m_jobs->removeJobAction()});
    QMenu *gatewayMenu = menuBar()->addMenu(tr("&Gateway"));
    gatewayMenu->addActions({m_gateway->deleteAction(), m_gateway->restartAction(),
                             m_gateway->restartWithoutPersistenceAction()});
    // The panel's checkbox and this menu entry are one setting, kept in step both ways.
    m_persistenceAction = gatewayMenu->addAction(tr("Gateway &persistence"));
    m_persistenceAction->setCheckable(true);
    m_persistenceAction->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    m_persistenceAction->setChecked(m_gateway->persistenceBox()->isChecked());
    connect(m_persistenceAction, &QAction::toggled, m_gateway->persistenceBox(),
            &QCheckBox::setChecked);
    connect(m_gateway->persistenceBox(), &QCheckBox::toggled, m_persistenceAction,
            &QAction::setChecked);
    QMenu *chartMenu = menuBar()->addMenu(tr("&Charts"));
    chartMenu->addActions({m_charts->addChartAction(), m_charts->removeChartAction()});
}

void MainWindow::buildViewMenu() {
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_zoomIn = view->addAction(LabPalette::icon("zoom-in"), tr("Zoom &in"), this,
                               [this] { setZoom(m_zoom * ZoomStep); });
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    m_zoomOut = view->addAction(LabPalette::icon("zoom-out"), tr("Zoom &out"), this,
                                [this] { setZoom(m_zoom / ZoomStep); });
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *reset = view->addAction(LabPalette::icon("zoom-reset"), tr("&Reset zoom"), this,
                                     [this] { setZoom(1); });
    reset->setShortcut(QKeySequence(tr("Ctrl+0")));
    view->addSeparator();
    // The toolbar's time window, also from the keyboard: Alt+1 … Alt+5.
    QMenu *windowMenu = view->addMenu(tr("Chart &time window"));
    auto *windowGroup = new QActionGroup(this);
    int windowKey = 1;
    for (const auto &[ms, text] : timeWindows()) {
        QAction *a = windowMenu->addAction(text, this, [this, ms = ms] { setTimeWindowMs(ms); });
        a->setCheckable(true);
        a->setData(ms);
        a->setShortcut(QKeySequence(tr("Alt+%1").arg(windowKey++)));
        windowGroup->addAction(a);
        m_windowActions << a;
    }
    view->addSeparator();
    int dockKey = 1; // Ctrl+Alt+1 … Ctrl+Alt+9, Ctrl+Alt+0 shows or hides each panel
    for (QDockWidget *d : std::as_const(m_docks)) {
        QAction *toggle = d->toggleViewAction();
        if (d == m_lessonDock)
            toggle->setShortcut(QKeySequence(tr("Ctrl+Alt+L")));
        else if (dockKey <= 10)
            toggle->setShortcut(QKeySequence(tr("Ctrl+Alt+%1").arg(dockKey++ % 10)));
        view->addAction(toggle);
    }
}

void MainWindow::buildHelpMenu() {
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Pull/Push Lab"), this, [this] {
        QMessageBox::about(this, tr("About Pull/Push Lab"),
                           tr("<p><b>Pull/Push Lab</b> %1</p><p>Learn how Prometheus's pull "
                              "model differs from its push model, by doing. Every endpoint is "
                              "real HTTP on 127.0.0.1.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
    about->setShortcut(QKeySequence(tr("F1")));
    QAction *scenario = help->addAction(tr("About this &scenario"), this, [this] {
        QMessageBox::information(this, tr("About this scenario"), aboutScenarioText());
    });
    scenario->setShortcut(QKeySequence(tr("Shift+F1")));
}

QString MainWindow::aboutScenarioText() const {
    if (!m_lab || m_lab->scenario().name.isEmpty())
        return tr("No scenario is open.");
    const Scenario &s = m_lab->scenario();
    const QString description = s.description.isEmpty()
                                    ? tr("This scenario file has no description.")
                                    : builtInScenarioDescription(s.description);
    const bool builtIn = s.file.startsWith(QStringLiteral(":/"));
    return tr("<p><b>%1</b></p><p>%2</p><p>%3</p><p>Targets: %4 · jobs: %5 · pods: %6 · "
              "timed actions: %7 · rule sources: %8</p>")
        .arg(s.name.toHtmlEscaped(), description.toHtmlEscaped(),
             builtIn ? tr("A built-in scenario.")
                     : tr("From %1.").arg(QDir::toNativeSeparators(s.file).toHtmlEscaped()))
        .arg(s.targets.size())
        .arg(s.jobs.size())
        .arg(s.pods.size())
        .arg(s.actions.size())
        .arg(int(s.ruleSources.size()));
}

// Toolbar: pause and the chart window.
void MainWindow::buildToolBar() {
    QToolBar *bar = addToolBar(tr("Lab"));
    bar->setObjectName(QStringLiteral("labToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_pause);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("Time window:")));
    m_window = new QComboBox;
    for (const auto &[ms, text] : timeWindows())
        m_window->addItem(text, ms);
    connect(m_window, &QComboBox::activated, this,
            [this](int i) { setTimeWindowMs(m_window->itemData(i).toLongLong()); });
    bar->addWidget(m_window);
    bar->addSeparator();
    bar->addActions({m_zoomOut, m_zoomIn});
    // Speed, step and fast-forward of the lab clock (issue 15).
    if (m_lab) {
        QToolBar *time = addToolBar(tr("Time"));
        time->setObjectName(QStringLiteral("timeToolBar"));
        time->addWidget(new TimeBar(m_lab, time));
    }
}

bool MainWindow::openScenario(const QString &nameOrFile) {
    if (!m_lab || !settleBeforeLeaving())
        return false;
    m_lesson->closeLesson();
    const ScenarioLoadResult loaded = loadScenarioByNameOrFile(nameOrFile);
    if (loaded.error) {
        showError(tr("Scenario not loaded: %1").arg(loaded.error->toString()));
        return false;
    }
    QString error;
    if (!m_lab->loadScenario(*loaded.scenario, &error)) {
        showError(tr("Scenario %1 could not start: %2").arg(loaded.scenario->name, error));
        return false;
    }
    rememberScenario(nameOrFile);
    m_intro->showScenario(loaded.scenario->name,
                          builtInScenarioDescription(loaded.scenario->description));
    m_server->reloadFromLab();
    return true;
}

bool MainWindow::startServer(const QHostAddress &host, quint16 port, bool fallback) {
    if (!m_lab)
        return false;
    QString error;
    if (m_lab->listen(host, port, &error) ||
        (fallback && port != 0 && m_lab->listen(host, 0, &error))) {
        updateStatus();
        return true;
    }
    showError(tr("The lab's server could not start on %1:%2: %3")
                  .arg(host.toString())
                  .arg(port)
                  .arg(error));
    return false;
}

bool MainWindow::openInitialScenario() {
    const QString last = QSettings().value(QStringLiteral("scenario/last")).toString();
    if (!last.isEmpty() && openScenario(last))
        return true;
    return openScenario(QStringLiteral("pull-basics"));
}

void MainWindow::rememberScenario(const QString &nameOrFile) {
    QSettings settings;
    settings.setValue(QStringLiteral("scenario/last"), nameOrFile);
    QStringList recent = settings.value(QStringLiteral("scenario/recent")).toStringList();
    recent.removeAll(nameOrFile);
    recent.prepend(nameOrFile);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("scenario/recent"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!m_recent)
        return;
    m_recent->clear();
    const QStringList recent = QSettings().value(QStringLiteral("scenario/recent")).toStringList();
    for (const QString &r : recent)
        m_recent->addAction(r, this, [this, r] { openScenario(r); });
    m_recent->setEnabled(!recent.isEmpty());
}

bool MainWindow::saveScreenshot(const QString &file) {
    m_charts->renderNow();
    QCoreApplication::processEvents();
    m_charts->renderNow(); // again, now that the layout has settled
    m_timeline->update();
    return grab().save(file);
}

void MainWindow::showError(const QString &message) {
    m_errors->showError(message);
    statusBar()->showMessage(message, 10'000);
}

void MainWindow::setZoom(qreal zoom) {
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    QFont f = m_baseFont;
    f.setPointSizeF(m_baseFont.pointSizeF() * m_zoom);
    setFont(f); // tables, editors, labels and menus follow
    m_charts->setZoom(m_zoom);
    m_timeline->setZoom(m_zoom);
    m_topology->setZoom(m_zoom);
    QSettings().setValue(QStringLiteral("view/zoom"), m_zoom);
}

QList<std::pair<qint64, QString>> MainWindow::timeWindows() const {
    return {{60'000, tr("1 min")},
            {5 * 60'000, tr("5 min")},
            {15 * 60'000, tr("15 min")},
            {30 * 60'000, tr("30 min")},
            {60 * 60'000, tr("1 h")}};
}

bool MainWindow::exportEventLog(const QString &file, QString *error) const {
    QSaveFile out(file);
    if (!m_lab || !out.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(file, out.errorString());
        return false;
    }
    quint64 cursor = 0;
    for (;;) {
        const EventLog::Page page = m_lab->events()->since(cursor, 5000);
        for (const LabEvent &e : page.events)
            out.write(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n');
        if (page.events.empty())
            break;
        cursor = page.next;
    }
    if (!out.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

bool MainWindow::exportScenario(const QString &file, QString *error) const {
    const QByteArray source = m_lab && !m_lab->scenario().source.isEmpty()
                                  ? writeScenario(m_lab->currentWorld())
                                  : QByteArray();
    if (source.isEmpty()) {
        if (error)
            *error = tr("No scenario is running.");
        return false;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(source) < 0 || !out.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(file, out.errorString());
        return false;
    }
    m_lab->markWorldSaved();
    return true;
}

QString MainWindow::askSaveScenarioPath() {
    if (m_savePathPrompt)
        return m_savePathPrompt();
    return QFileDialog::getSaveFileName(this, tr("Save scenario as"),
                                        (m_lab ? m_lab->scenarioName() : QString()) +
                                            QStringLiteral(".yaml"),
                                        tr("Scenarios (*.yaml *.yml)"));
}

bool MainWindow::settleUnsavedChanges() {
    if (!m_lab || !m_lab->worldChanged() || m_lab->scenario().source.isEmpty())
        return true;
    UnsavedChoice choice = UnsavedChoice::Cancel;
    if (m_unsavedPrompt) {
        choice = m_unsavedPrompt();
    } else {
        QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                        tr("The scenario %1 has changed since it was opened or saved (targets, "
                           "jobs, pods, configuration or rules).")
                            .arg(m_lab->scenarioName()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setInformativeText(tr("Save the scenario as it is now?"));
        box.setDefaultButton(QMessageBox::Save);
        box.setEscapeButton(QMessageBox::Cancel);
        box.button(QMessageBox::Save)->setText(tr("&Save…"));
        box.button(QMessageBox::Discard)->setText(tr("&Discard"));
        box.button(QMessageBox::Cancel)->setText(tr("Cancel"));
        const int answer = box.exec();
        choice = answer == QMessageBox::Save      ? UnsavedChoice::Save
                 : answer == QMessageBox::Discard ? UnsavedChoice::Discard
                                                  : UnsavedChoice::Cancel;
    }
    if (choice == UnsavedChoice::Discard)
        return true;
    if (choice == UnsavedChoice::Cancel)
        return false;
    const QString path = askSaveScenarioPath();
    if (path.isEmpty())
        return false;
    QString error;
    if (!exportScenario(path, &error)) {
        showError(error);
        return false;
    }
    return true;
}

bool MainWindow::settleBeforeLeaving() {
    // A lesson's world is the lesson's: leaving the lesson is the question, not saving it.
    if (m_lesson->hasLesson() && !m_lesson->run()->isFinished())
        return m_lesson->confirmLeave();
    return m_lesson->hasLesson() || settleUnsavedChanges();
}

bool MainWindow::openLesson(const QString &nameOrFile) {
    if (!m_lab || !settleBeforeLeaving())
        return false;
    lesson::LessonLoadResult loaded = lesson::loadLessonByNameOrFile(nameOrFile);
    if (!loaded.lesson) {
        QStringList errors;
        for (const lesson::LessonError &e : loaded.errors)
            errors << e.toString();
        showError(tr("Lesson not loaded: %1").arg(errors.join(QStringLiteral("; "))));
        return false;
    }
    const QString title = loaded.lesson->title.in(lesson::defaultLessonLanguage());
    QString error;
    if (!m_lesson->startLesson(std::move(*loaded.lesson), &error)) {
        showError(tr("Lesson %1 could not start: %2").arg(title, error));
        return false;
    }
    m_intro->hide(); // the dock says what this world is for
    m_server->reloadFromLab();
    m_lessonDock->show();
    m_lessonDock->raise();
    // The lesson's text needs height: while a lesson runs, the right docks (the lesson's
    // among them) reach down to the status bar, beside the bottom docks rather than above.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    return true;
}

void MainWindow::chooseLesson() {
    if (m_lessonPrompt) {
        if (const QString chosen = m_lessonPrompt(); !chosen.isEmpty())
            openLesson(chosen);
        return;
    }
    if (m_chooser) {
        m_chooser->raise();
        return;
    }
    m_chooser = new LessonChooser(this);
    m_chooser->setAttribute(Qt::WA_DeleteOnClose);
    // Queued: the chooser closes before the lesson (and any question about leaving) starts.
    connect(
        m_chooser, &LessonChooser::lessonChosen, this,
        [this](const QString &chosen) { openLesson(chosen); }, Qt::QueuedConnection);
    m_chooser->open();
}

LessonChooser *MainWindow::lessonChooser() const {
    return m_chooser;
}

bool MainWindow::offerLessonChooserOnFirstStart() {
    QSettings settings;
    if (settings.value(QStringLiteral("lesson/chooserOffered")).toBool())
        return false;
    settings.setValue(QStringLiteral("lesson/chooserOffered"), true);
    // After the window is up, without blocking its start.
    QTimer::singleShot(0, this, &MainWindow::chooseLesson);
    return true;
}

void MainWindow::setTimeWindowMs(qint64 ms) {
    m_windowMs = ms;
    for (QAction *a : std::as_const(m_windowActions))
        a->setChecked(a->data().toLongLong() == ms);
    m_charts->setWindowMs(ms);
    m_timeline->setWindowMs(ms);
    m_query->setWindowMs(ms);
    if (m_window) {
        const int i = m_window->findData(ms);
        if (i >= 0)
            m_window->setCurrentIndex(i);
    }
    QSettings().setValue(QStringLiteral("view/windowMs"), ms);
}

void MainWindow::onPausedChanged(bool paused) {
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("&Resume lab") : tr("&Pause lab"));
    m_pause->setIcon(LabPalette::icon(paused ? "resume" : "pause"));
    m_charts->setPaused(paused);
    m_timeline->setPaused(paused);
    updateStatus();
}

void MainWindow::updateStatus() {
    if (!m_lab) {
        m_statusLab->setText(tr("No lab"));
        return;
    }
    m_statusLab->setText(!m_labStatusText.isEmpty() ? m_labStatusText
                         : m_lab->isPaused()        ? QStringLiteral("‖ ") + tr("paused")
                                                    : QStringLiteral("▶ ") + tr("running"));
    if (!m_labStatusText.isEmpty()) { // a replay: the lab's counts and URLs are not its world
        m_statusUrls->clear();
        m_statusCounts->clear();
        return;
    }
    QStringList urls;
    if (!m_lab->serverUrl().isEmpty())
        urls << tr("server %1").arg(m_lab->serverUrl().toString());
    if (!m_lab->gatewayUrl().isEmpty())
        urls << tr("gateway %1").arg(m_lab->gatewayUrl().toString());
    m_statusUrls->setText(urls.join(QStringLiteral("   ")));
    // The configuration's other targets (the student's own app, exporters, …) count too.
    const QList<ScrapeSubject> others = m_lab->unsimulatedScrapeSubjects();
    const int outside = int(std::count_if(others.begin(), others.end(), [](const auto &o) {
        return o.kind == ScrapeSubject::Kind::Outside;
    }));
    QString counts = tr("%n target(s)", nullptr, int(m_lab->targets().size() + others.size()));
    if (outside > 0)
        counts += u' ' + tr("(%n outside the lab)", nullptr, outside);
    counts += QStringLiteral(", ") + tr("%n job(s)", nullptr, int(m_lab->jobs().size()));
    if (const int pushers = int(m_lab->outsidePushers().size()); pushers > 0)
        counts += QStringLiteral(", ") + tr("%n pusher(s) outside the lab", nullptr, pushers);
    m_statusCounts->setText(counts);
}

void MainWindow::setLayoutSettingsKey(const QString &key) {
    m_layoutKey = key;
    QSettings settings;
    const QByteArray geometry = settings.value(key + QStringLiteral("/geometry")).toByteArray();
    const QByteArray state = settings.value(key + QStringLiteral("/state")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::setLabStatusText(const QString &state) {
    m_labStatusText = state;
    updateStatus();
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(m_layoutKey + QStringLiteral("/geometry"), saveGeometry());
    settings.setValue(m_layoutKey + QStringLiteral("/state"), saveState());
    settings.setValue(QStringLiteral("view/zoom"), m_zoom);
}

bool MainWindow::startRecording(const QString &file, QString *error) {
    if (!m_lab) {
        if (error)
            *error = tr("There is no lab to record.");
        return false;
    }
    if (!m_recorder) {
        m_recorder = new record::SessionRecorder(m_lab, this);
        connect(m_recorder, &record::SessionRecorder::failed, this, &MainWindow::showError);
        connect(m_recorder, &record::SessionRecorder::recordingChanged, this, [this](bool on) {
            if (m_recordAction)
                m_recordAction->setChecked(on);
        });
    }
    return m_recorder->start(file, error);
}

void MainWindow::stopRecording() {
    if (m_recorder)
        m_recorder->stop();
}

bool MainWindow::isRecording() const {
    return m_recorder && m_recorder->isRecording();
}

MainWindow *MainWindow::openRecording(const QString &file) {
    QString error;
    MainWindow *replay = openReplayWindow(file, &error, this);
    if (!replay) {
        showError(error);
        return nullptr;
    }
    replay->show();
    return replay;
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (!settleBeforeLeaving()) {
        event->ignore();
        return;
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace ppl
