#include "replaywindow.h"

#include "alertsmodel.h"
#include "alertspanel.h"
#include "gatewaygroupsmodel.h"
#include "gatewaypanel.h"
#include "jobsmodel.h"
#include "jobspanel.h"
#include "lab/lab.h"
#include "mainwindow.h"
#include "record/replaysession.h"
#include "replaybar.h"
#include "replaypanel.h"
#include "targetsmodel.h"
#include "targetspanel.h"
#include "topologyview.h"

#include <QAction>
#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QToolBar>

namespace ppl {

MainWindow *openReplayWindow(const QString &path, QString *error, QWidget *parent) {
    auto session = record::ReplaySession::open(path, error);
    if (!session)
        return nullptr;
    record::ReplaySession *s = session.release();
    auto *window = new MainWindow(s->lab(), parent);
    window->setObjectName(QStringLiteral("replayWindow"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (parent)
        window->setWindowFlag(Qt::Window);
    // The docks hold the session's Lab: it goes once the window and every dock are gone.
    QObject::connect(window, &QObject::destroyed, s, &QObject::deleteLater);

    auto *bar = new QToolBar(MainWindow::tr("Replay"), window);
    bar->setObjectName(QStringLiteral("replayToolBar"));
    bar->setMovable(false);
    bar->addWidget(new ReplayBar(s, bar));
    window->addToolBarBreak(Qt::TopToolBarArea);
    window->addToolBar(Qt::TopToolBarArea, bar);

    auto *dock = new QDockWidget(MainWindow::tr("Replay"), window);
    dock->setObjectName(QStringLiteral("replayDock"));
    dock->setWidget(new ReplayPanel(s, dock));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);

    // A replay changes nothing: the live lab's commands and recording have nothing to act on.
    if (window->recordAction())
        window->recordAction()->setEnabled(false);
    if (window->pauseAction())
        window->pauseAction()->setEnabled(false);
    const QString title = MainWindow::tr("Pull/Push Lab — replay of %1 (%2)")
                              .arg(s->scenario().name, QFileInfo(path).fileName());
    window->setWindowTitle(title);
    // Views made now read the log as it grows: give them what the position holds so far.
    // (That emits the lab's scenarioLoaded, which titles the window; title it again.)
    s->replayEvents();
    window->setWindowTitle(title);
    QObject::connect(s->lab(), &Lab::scenarioLoaded, window,
                     [window, title] { window->setWindowTitle(title); });

    // The live docks read the replayed world at the position (ReplaySession::targetsAt() and
    // the like), not the session's Lab, which runs nothing.
    window->targetsPanel()->model()->setReplay(s);
    window->jobsPanel()->model()->setReplay(s);
    window->gatewayPanel()->model()->setReplay(s);
    window->alertsPanel()->model()->setReplay(s);
    window->topology()->setReplay(s);

    // The lab clock's controls have no lab to act on: the replay bar sets position and speed.
    if (auto *time = window->findChild<QToolBar *>(QStringLiteral("timeToolBar"))) {
        window->removeToolBar(time);
        time->deleteLater();
    }
    // Its own layout, not the live window's; the status says where the replay stands.
    window->setLayoutSettingsKey(QStringLiteral("replayWindow"));
    const auto status = [window, s] {
        const QString at = QDateTime::fromMSecsSinceEpoch(s->positionMs())
                               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        window->setLabStatusText(s->isPlaying() ? MainWindow::tr("⏵ replaying at %1").arg(at)
                                                : MainWindow::tr("‖ replay paused at %1").arg(at));
    };
    QObject::connect(s, &record::ReplaySession::positionChanged, window, status);
    QObject::connect(s, &record::ReplaySession::playingChanged, window, status);
    status();
    return window;
}

} // namespace ppl
