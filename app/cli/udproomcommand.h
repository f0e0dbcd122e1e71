#pragma once
#include <QCoreApplication>

class QCommandLineParser;

namespace Switchboard {

class CaptureSink;

// "switchboard-cli udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE]... [--name NAME]
// [--json] [--count N]": joins a serverless UDP room (docs/PROTOCOL.md section 13), sends each TEXT
// (and each line of standard input), and with --listen prints what arrives, one line per message
// (a JSON object with --json), gaps included. Without --listen it stays a moment after sending to
// answer resend requests. Returns 0; 2 for a usage error or a text that does not fit a datagram;
// 3 when the room cannot be joined.
class UdpRoomCommand
{
    Q_DECLARE_TR_FUNCTIONS(UdpRoomCommand)
public:
    static constexpr int LingerMs = 1500;
    // Adds --send, --listen, --on, --name, --json (before process()).
    static void addOptions(QCommandLineParser &parser);
    // count: exit after N messages received (0: no limit); timeoutMs: exit after it (0: none).
    static int run(const QCommandLineParser &parser, const QStringList &args, int count, int timeoutMs, CaptureSink *capture);
};

} // namespace Switchboard
