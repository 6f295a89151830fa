#pragma once

#include <QMainWindow>

namespace ppl {

// The lab's window. For now: title, an empty chart area and a status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace ppl
