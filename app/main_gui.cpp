// switchboard: the desktop client (with an optional embedded server).
#include "net/core/translations.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    Switchboard::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Switchboard: chat, send files and see what goes over the wire."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption hostOpt(QStringLiteral("host"), QApplication::translate("main", "Preselect hosting a server on this computer (127.0.0.1)."));
    QCommandLineOption serverOpt(QStringLiteral("server"), QApplication::translate("main", "Server to prefill, HOST:PORT."), QStringLiteral("HOST:PORT"));
    QCommandLineOption userOpt(QStringLiteral("user"), QApplication::translate("main", "User name to prefill."), QStringLiteral("NAME"));
    QCommandLineOption dataOpt(QStringLiteral("data"), QApplication::translate("main", "Data directory of the embedded server."), QStringLiteral("DIR"));
    parser.addOptions({hostOpt, serverOpt, userOpt, dataOpt});
    parser.process(app);

    Switchboard::MainWindow::Options options;
    options.host = parser.isSet(hostOpt);
    options.server = parser.value(serverOpt);
    options.user = parser.value(userOpt);
    options.dataDir = parser.value(dataOpt);
    Switchboard::MainWindow window(options);
    window.show();
    return app.exec();
}
