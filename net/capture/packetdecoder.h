#pragma once
// Decodes one captured packet down to TCP or UDP, for the link types capture files use.

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>

namespace Switchboard {

class PacketDecoder
{
public:
    // Link types (https://www.tcpdump.org/linktypes.html) this decoder reads.
    enum LinkType : quint32 {
        Null = 0,          // BSD loopback: 4-byte family in the capturing host's byte order
        Ethernet = 1,      // also with 802.1Q / QinQ tags
        RawDlt12 = 12,     // raw IP under OpenBSD's number
        RawDlt14 = 14,
        Raw = 101,         // raw IPv4 or IPv6
        Loop = 108,        // OpenBSD loopback: 4-byte family, network byte order
        LinuxSll = 113,    // tcpdump -i any (cooked v1)
        RawIpv4 = 228,
        RawIpv6 = 229,
        LinuxSll2 = 276,   // tcpdump -i any (cooked v2)
    };

    struct Decoded
    {
        bool valid = false;
        bool ipv6 = false;
        quint8 protocol = 0; // 6 TCP, 17 UDP
        QHostAddress source;
        QHostAddress destination;
        quint16 sourcePort = 0;
        quint16 destinationPort = 0;
        quint32 seq = 0;     // TCP
        quint32 ack = 0;     // TCP
        quint8 tcpFlags = 0; // TCP
        bool checksumsOk = false;
        bool truncated = false; // the capture holds less of the payload than the packet carried
        QByteArray payload;     // what the capture holds of it
    };

    static constexpr quint8 Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

    static bool supports(quint32 linkType);
    // A packet of the given link type; invalid for anything but IPv4/IPv6 carrying TCP or UDP, and
    // for IP fragments (IpDefragmenter puts them together first).
    static Decoded decode(quint32 linkType, QByteArrayView packet);
    // Where the IP packet starts in a packet of the given link type; -1 when it carries none.
    static qsizetype ipOffset(quint32 linkType, QByteArrayView packet);
    // An IPv4 or IPv6 packet (the version is read from its first byte).
    static Decoded decodeIp(QByteArrayView packet);
    // The one's complement sum of 16-bit big-endian words (the Internet checksum before folding).
    static quint32 checksumSum(QByteArrayView data, quint32 sum = 0);
};

} // namespace Switchboard
