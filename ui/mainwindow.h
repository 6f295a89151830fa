#pragma once

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QComboBox;
class QDockWidget;
class QHostAddress;
class QLabel;
class QMenu;

namespace ppl::record {
class SessionRecorder;
}

namespace ppl {

class AlertsPanel;
class ChartsPanel;
class ComparisonPanel;
class ErrorBar;
class ScenarioIntroBar;
class GatewayPanel;
class JobsPanel;
class Lab;
class LessonChooser;
class LessonPanel;
class PodsPanel;
class QueryPanel;
class ServerPanel;
class TargetsPanel;
class TimelineView;
class TopologyView;
class ViewExporter;

// The lab's window: the topology in the middle; targets, pods, jobs, gateway, server config,
// charts, the pull-vs-push timeline, the comparison table, the PromQL query browser and the
// alerting and recording rules in docks
// whose layout (and the projector zoom) is remembered. It holds no behaviour of its own: every
// action calls one of the Lab's operations, and the Lab's errors appear in the error bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Lab *lab = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // A built-in scenario's name or a scenario file; errors go to the error bar.
    bool openScenario(const QString &nameOrFile);
    // The last scenario used, or pull-basics.
    bool openInitialScenario();
    // Starts the lab's server on host:port; if that port is taken and fallback is set, on a
    // port the OS chooses. A failure is shown in the window (and returned).
    bool startServer(const QHostAddress &host, quint16 port, bool fallback);

    // Draws every chart now and saves the window as a PNG (for --screenshot).
    bool saveScreenshot(const QString &file);

    void showError(const QString &message);
    qreal zoom() const { return m_zoom; }
    void setZoom(qreal zoom);
    void setTimeWindowMs(qint64 ms);
    qint64 timeWindowMs() const { return m_windowMs; }

    // File → Export: the lab's event log as JSON lines (one event a line, as /lab/events
    // serves them). File → Save scenario as…: the world as it is now (Lab::currentWorld()),
    // to reopen, edit and share; the lab's changes count as saved then.
    bool exportEventLog(const QString &file, QString *error = nullptr) const;
    bool exportScenario(const QString &file, QString *error = nullptr) const;

    // File → Record: the lab's session into a recording file (record::SessionRecorder) from
    // now until stopRecording(). File → Open recording: the recording replayed in a window of
    // its own (openReplayWindow()); nullptr, with the error shown, if it is not usable.
    bool startRecording(const QString &file, QString *error = nullptr);
    void stopRecording();
    bool isRecording() const;
    MainWindow *openRecording(const QString &file);
    QAction *recordAction() const { return m_recordAction; }

    // Switching scenario or closing the window with unsaved changes to the world asks first:
    // Save (asks where, writes, then goes on), Discard (goes on) or Cancel (stays). Tests
    // answer instead of the message box and the file dialog (an empty path cancels).
    enum class UnsavedChoice { Save, Discard, Cancel };
    void setUnsavedChangesPrompt(std::function<UnsavedChoice()> prompt) {
        m_unsavedPrompt = std::move(prompt);
    }
    void setSaveScenarioPathPrompt(std::function<QString()> prompt) {
        m_savePathPrompt = std::move(prompt);
    }
    // true: go on (nothing unsaved, discarded, or saved); false: the user cancelled.
    bool settleUnsavedChanges();

    // A lesson (a built-in id or a lesson file) in the Lesson dock: the lab is reset to the
    // lesson's scenario. Leaving a lesson in progress (another lesson or scenario, closing
    // the dock's lesson or the window) asks first (LessonPanel::setLeavePrompt); errors go
    // to the error bar.
    bool openLesson(const QString &nameOrFile);
    // File → Open lesson…: the chooser (non-blocking), or the prompt tests set, which answers
    // with a lesson id or file (empty: none).
    void chooseLesson();
    void setLessonChooserPrompt(std::function<QString()> prompt) {
        m_lessonPrompt = std::move(prompt);
    }
    // The chooser on the very first start (remembered in the settings): true if offered now.
    bool offerLessonChooserOnFirstStart();
    LessonPanel *lessonPanel() const { return m_lesson; }
    QDockWidget *lessonDock() const { return m_lessonDock; }
    LessonChooser *lessonChooser() const; // while it is open

    // For tests and wiring.
    TargetsPanel *targetsPanel() const { return m_targets; }
    PodsPanel *podsPanel() const { return m_pods; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    GatewayPanel *gatewayPanel() const { return m_gateway; }
    ServerPanel *serverPanel() const { return m_server; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    TimelineView *timeline() const { return m_timeline; }
    TopologyView *topology() const { return m_topology; }
    ComparisonPanel *comparison() const { return m_comparison; }
    QueryPanel *queryPanel() const { return m_query; }
    AlertsPanel *alertsPanel() const { return m_alerts; }
    // A replay window (replaywindow.h): its own layout under the settings group key (restored
    // now, saved there on close) instead of the live window's "window", and the status bar's
    // first field says state instead of running/paused (empty: back to the lab's state).
    void setLayoutSettingsKey(const QString &key);
    void setLabStatusText(const QString &state);
    ErrorBar *errorBar() const { return m_errors; }
    ScenarioIntroBar *scenarioIntro() const { return m_intro; }
    // File → Export ▸ and the views' export entries; tests set its path chooser.
    ViewExporter *viewExporter() const { return m_exporter; }
    // The running scenario's name, description (in the user's language for a built-in), where
    // it came from and what it holds: the text of Help → About this scenario.
    QString aboutScenarioText() const;
    QAction *pauseAction() const { return m_pause; }
    QAction *gatewayPersistenceAction() const { return m_persistenceAction; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addDock(const QString &objectName, const QString &title, QWidget *widget,
                         Qt::DockWidgetArea area);
    void buildMenus();
    void buildFileMenu();
    void buildLabMenu();
    void buildObjectMenus();
    void buildViewMenu();
    void buildHelpMenu();
    void buildToolBar();
    void updateStatus();
    void updateRecentMenu();
    void rememberScenario(const QString &nameOrFile);
    void onPausedChanged(bool paused);
    void saveSettings() const;
    QString askSaveScenarioPath();
    bool settleBeforeLeaving(); // a running lesson asks to be left, else unsaved changes
    QList<std::pair<qint64, QString>> timeWindows() const; // the choices, shortest first

    QPointer<Lab> m_lab;
    ErrorBar *m_errors;
    ScenarioIntroBar *m_intro;
    QString m_layoutKey = QStringLiteral("window");
    QString m_labStatusText;
    TopologyView *m_topology;
    TargetsPanel *m_targets;
    PodsPanel *m_pods;
    JobsPanel *m_jobs;
    GatewayPanel *m_gateway;
    ServerPanel *m_server;
    ChartsPanel *m_charts;
    TimelineView *m_timeline;
    ComparisonPanel *m_comparison;
    QueryPanel *m_query;
    AlertsPanel *m_alerts;
    ViewExporter *m_exporter = nullptr;
    QList<QDockWidget *> m_docks;
    QAction *m_pause = nullptr;
    QAction *m_recordAction = nullptr;
    record::SessionRecorder *m_recorder = nullptr;
    QAction *m_persistenceAction = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QComboBox *m_window = nullptr;
    QList<QAction *> m_windowActions; // View → Chart time window
    qint64 m_windowMs = 5 * 60'000;
    QMenu *m_recent = nullptr;
    QLabel *m_statusLab;
    QLabel *m_statusUrls;
    QLabel *m_statusCounts;
    QFont m_baseFont;
    qreal m_zoom = 1;
    std::function<UnsavedChoice()> m_unsavedPrompt;
    std::function<QString()> m_savePathPrompt;
    LessonPanel *m_lesson = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    QPointer<LessonChooser> m_chooser;
    std::function<QString()> m_lessonPrompt;
};

} // namespace ppl
