#pragma once
#include <QMainWindow>

namespace Switchboard {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Switchboard
