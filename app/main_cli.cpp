// switchboard-cli: a scriptable Switchboard client.
#include "app/cli/clirunner.h"
#include "net/core/allocatortuning.h"
#include "net/core/translations.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    Switchboard::tuneAllocator(); // transfers: no page faults per chunk (net/core/allocatortuning.h)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    Switchboard::installTranslations(app);
    Switchboard::CliRunner runner;
    return runner.run(app.arguments());
}
