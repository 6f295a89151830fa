#include "mainwindow.h"

#include <QChart>
#include <QChartView>
#include <QStatusBar>

namespace ppl {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Pull/Push Lab"));
    auto *chart = new QChart;
    chart->setTitle(tr("No series yet: start a target or run a job"));
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    setCentralWidget(view);
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 700);
}

} // namespace ppl
