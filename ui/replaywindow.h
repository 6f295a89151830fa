#pragma once

#include <QString>

class QWidget;

namespace ppl {

class MainWindow;

// File → Open recording and --replay FILE: the recording in a window of its own, made of the
// same docks as the live window over the replay's Lab (record::ReplaySession), which runs
// nothing: no socket is opened, no target started. A replay bar (play/pause, the position
// slider, the speed) sits above the docks; the Targets, Jobs, Gateway and Alerts docks show the
// replayed world at the position (their models' setReplay()), and a Replay dock sums it up.
// The window keeps its layout under its own settings key ("replayWindow") and its status bar
// says where the replay stands. The window deletes itself when closed, the session after
// it. nullptr with *error when the file is not a usable recording.
MainWindow *openReplayWindow(const QString &path, QString *error, QWidget *parent = nullptr);

} // namespace ppl
