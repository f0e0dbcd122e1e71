#pragma once
#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

// "switchboard-cli raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen] [--echo]
// [--encoding utf8|gbk] [--wait MS] [--hex-out] [--json]": the socket lab from a script. As a
// client it sends the payload and prints what comes back; with --listen it serves (TCP) or binds
// (UDP) HOST:PORT and prints what arrives, answering with --echo. It exits once nothing has
// arrived for --wait MS (a TCP client also when the peer closes). Its options are its own: they
// are parsed here, not by the chat commands' parser.
//
// Exit status: 0 done, 2 bad usage, 3 cannot connect, listen or bind.
class RawCommand
{
    Q_DECLARE_TR_FUNCTIONS(RawCommand)
public:
    static constexpr int DefaultWaitMs = 1000;
    // arguments as given to the program ("switchboard-cli", "raw", ...).
    static int run(const QStringList &arguments);
};

} // namespace Switchboard
