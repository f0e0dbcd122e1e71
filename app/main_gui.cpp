// switchboard: the desktop client (with an optional embedded server).
#include "net/core/allocatortuning.h"
#include "net/core/translations.h"
#include "net/discovery/discoveredserversmodel.h"
#include "net/discovery/serverbrowser.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/settings/appsettings.h"
#include "widgets/tools/appicon.h"
#include "widgets/tools/trayicon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <cstring>

namespace {

struct GuiOptions
{
    QCommandLineOption host{QStringLiteral("host"), QCoreApplication::translate("main", "Preselect hosting a server on this computer (127.0.0.1).")};
    QCommandLineOption server{QStringLiteral("server"), QCoreApplication::translate("main", "Server to prefill, HOST:PORT."), QStringLiteral("HOST:PORT")};
    QCommandLineOption user{QStringLiteral("user"), QCoreApplication::translate("main", "User name to prefill."), QStringLiteral("NAME")};
    QCommandLineOption data{QStringLiteral("data"), QCoreApplication::translate("main", "Data directory of the embedded server."), QStringLiteral("DIR")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QCoreApplication::translate("main", "Switchboard: chat, send files and see what goes over the wire."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({host, server, user, data});
    }
};

void describe(QCoreApplication &app)
{
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    // The language chosen in Settings, unless SWITCHBOARD_LANG overrides it for this run.
    const QString language = Switchboard::AppSettings().language();
    if (!language.isEmpty() && qEnvironmentVariableIsEmpty("SWITCHBOARD_LANG"))
        qputenv("SWITCHBOARD_LANG", language.toLatin1());
    Switchboard::installTranslations(app);
}

// --help and --version answer without a display (QApplication would abort without one).
bool wantsTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *opt : {"-h", "--help", "-help", "-?", "--help-all", "-v", "--version", "-version"})
            if (std::strcmp(argv[i], opt) == 0)
                return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    Switchboard::tuneAllocator(); // transfers: no page faults per chunk (net/core/allocatortuning.h)
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        describe(app);
        QCommandLineParser parser;
        const GuiOptions options;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describe(app);
    QGuiApplication::setDesktopFileName(QStringLiteral("org.switchboard.Switchboard"));
    QApplication::setWindowIcon(Switchboard::appIcon());

    QCommandLineParser parser;
    const GuiOptions cli;
    cli.addTo(parser);
    parser.process(app);

    Switchboard::MainWindow::Options options;
    options.host = parser.isSet(cli.host);
    options.server = parser.value(cli.server);
    options.user = parser.value(cli.user);
    options.dataDir = parser.value(cli.data);
    Switchboard::MainWindow window(options);
    // Servers announced on the LAN (docs/PROTOCOL.md 12), listed live in the login panel.
    Switchboard::ServerBrowser browser;
    Switchboard::DiscoveredServersModel discovered(&browser);
    window.loginPanel()->setDiscoveredServers(&discovered);
    QString why;
    if (!browser.start(&why))
        qWarning("Cannot listen for servers on the LAN: %s", qPrintable(why));
    // Hidden in the tray only when there is a tray to bring it back from.
    if (!(window.settings()->startHidden() && window.trayIcon()->isAvailable()))
        window.show();
    return app.exec();
}
