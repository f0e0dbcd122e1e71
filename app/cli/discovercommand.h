#pragma once
#include <QCoreApplication>

class QCommandLineParser;

namespace Switchboard {

// "switchboard-cli discover [--timeout MS] [--interface IFACE]...": queries the LAN for servers
// (docs/PROTOCOL.md section 12) and prints each one found as one JSON line, as soon as it is heard
// (name, host, port, version, id, tls, hosts). Returns 0 if any was found, 1 if none, 3 if the
// discovery port cannot be bound.
class CliOutput;

class DiscoverCommand
{
    Q_DECLARE_TR_FUNCTIONS(DiscoverCommand)
public:
    static constexpr int DefaultTimeoutMs = 3000;
    // Adds --interface IFACE (before process()).
    static void addOptions(QCommandLineParser &parser);
    // Server lines are JSON with or without --json; a failure goes through output.
    static int run(const QCommandLineParser &parser, int timeoutMs, const CliOutput &output);
};

} // namespace Switchboard
