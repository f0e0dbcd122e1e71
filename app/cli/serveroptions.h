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

    // interactive: --help and --version print and exit, and so do unknown options (as at
    // start); otherwise (a reload) they are errors. false: *error says what is wrong.
    static bool parse(const QStringList &arguments, bool interactive, ServerOptions *out, QString *error);
};

} // namespace Switchboard
