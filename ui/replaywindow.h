#pragma once

#include <QString>

class QWidget;

namespace ppl {

class MainWindow;

// File → Open recording and --replay FILE: the recording in a window of its own, made of the
// same docks as the live window over the replay's Lab (record::ReplaySession), which runs
// nothing: no socket is opened, no target started. A replay bar (play/pause, the position
// slider, the speed) sits above the docks, and a Replay dock shows the targets, alerts and
// gateway groups at the position. The window deletes itself when closed, the session after
// it. nullptr with *error when the file is not a usable recording.
MainWindow *openReplayWindow(const QString &path, QString *error, QWidget *parent = nullptr);

} // namespace ppl
