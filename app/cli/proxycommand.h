#pragma once
#include "net/proxy/proxyknobs.h"

#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace Switchboard {

// "switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]": the framing proxy
// (net/proxy/framingproxy.h) on the command line. Knobs apply to both directions, or to one with
// an --up- or --down- prefix (--up-split 1). Prints the address it listens on, then one line per
// connection when it ends; runs until SIGINT/SIGTERM or --connections N have ended.
// Returns 0, 2 on bad usage, 3 when it cannot listen.
class ProxyCommand
{
    Q_DECLARE_TR_FUNCTIONS(ProxyCommand)
public:
    // arguments[0] is the program, arguments[1] "proxy".
    static int run(const QStringList &arguments);

    // Parses "N" or "MIN-MAX" for --split. False on anything else.
    static bool parseSplit(const QString &text, int *min, int *max);
    // A short description of knobs ("split 1 byte every 1 ms, latency 20 ms"; "unchanged").
    static QString describe(const ProxyKnobs &knobs);
};

} // namespace Switchboard
