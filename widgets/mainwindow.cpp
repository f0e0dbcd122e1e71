#include "mainwindow.h"

#include <QLabel>

namespace Switchboard {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Switchboard"));
    setCentralWidget(new QLabel(tr("Welcome to Switchboard"), this));
}

} // namespace Switchboard
