#pragma once
#include "net/server/serverconfig.h"

#include <QStringList>

namespace Switchboard {

// switchboard-server's command line (and configuration file, merged into it beforehand with
// ConfigFile::withConfigArguments): parsed at start and again on SIGHUP, so a reload reads
// exactly the options a start would.
struct ServerOptions
{
    ServerConfig config;
    QString dataDir;
    QString capturePath;    // --capture, empty without
    QStringList positional; // "user ..." administration instead of serving
    QString eventLoop;      // --event-loop: "epoll" or "qt"

    // The event loop the server thread should run, known before the application object exists
    // (Qt takes a dispatcher only then): --event-loop on the command line or in the --config
    // file, else SWITCHBOARD_EVENT_LOOP (the test suite's switch), else epoll on Linux.
    // ServerOptions::parse() reports a value that is not valid.
    static QString eventLoopBeforeStart(const QStringList &programArguments);

    // interactive: --help and --version print and exit, and so do unknown options (as at
    // start); otherwise (a reload) they are errors. false: *error says what is wrong.
    static bool parse(const QStringList &arguments, bool interactive, ServerOptions *out, QString *error);
};

} // namespace Switchboard
