// switchboard: the desktop client (with an optional embedded server).
#include "core/translations.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    Switchboard::installTranslations(app);
    Switchboard::MainWindow window;
    window.show();
    return app.exec();
}
