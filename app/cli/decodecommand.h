#pragma once
#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

// "switchboard-cli decode FILE [--framing NAME] [--stream N] [--json]": opens a pcap or pcapng
// capture, lists its TCP and UDP conversations, or prints the messages of conversation N
// reassembled and cut under a framing (net/framing), JSON heads parsed. Parses its own options.
// Returns 0, 1 when the file cannot be read or the framing does not fit, 2 on bad usage.
class DecodeCommand
{
    Q_DECLARE_TR_FUNCTIONS(DecodeCommand)
public:
    // arguments[0] is the program, arguments[1] "decode".
    static int run(const QStringList &arguments);
};

} // namespace Switchboard
