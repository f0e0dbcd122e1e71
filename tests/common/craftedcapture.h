#pragma once
// Captures crafted byte by byte for the import tests: TCP/UDP over IPv4/IPv6 in several link
// types, written as pcap. Checksums are left 0 (the import ignores them).

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QtEndian>

namespace Switchboard::Test {

constexpr qint64 BaseUs = 1700000000000000LL;

template <typename T>
inline void put(QByteArray &out, T value, bool bigEndian)
{
    char b[sizeof(T)];
    if (bigEndian)
        qToBigEndian(value, b);
    else
        qToLittleEndian(value, b);
    out.append(b, sizeof b);
}

struct Segment
{
    bool fromClient = true;
    quint32 seq = 0; // relative to the sender's ISN (SYN = 0, first data byte = 1)
    quint8 flags = 0x18; // PSH|ACK
    QByteArray payload;
    qint64 timeUs = 0;
};

// A TCP/UDP packet carried over IPv4 or IPv6.
inline QByteArray ipPacket(bool v6, quint8 protocol, const QHostAddress &src, quint16 sport, const QHostAddress &dst, quint16 dport,
                    quint32 seq, quint8 flags, const QByteArray &payload)
{
    QByteArray l4;
    put<quint16>(l4, sport, true);
    put<quint16>(l4, dport, true);
    if (protocol == 6) {
        put<quint32>(l4, seq, true);
        put<quint32>(l4, 1, true);
        l4.append(char(5 << 4)).append(char(flags));
        put<quint16>(l4, 65535, true);
        put<quint32>(l4, 0, true);
    } else {
        put<quint16>(l4, quint16(8 + payload.size()), true);
        put<quint16>(l4, 0, true);
    }
    l4 += payload;
    QByteArray ip;
    if (!v6) {
        ip.append(char(0x45)).append(char(0));
        put<quint16>(ip, quint16(20 + l4.size()), true);
        put<quint32>(ip, 0x40000000, true); // id 0, don't fragment
        ip.append(char(64)).append(char(protocol));
        put<quint16>(ip, 0, true);
        put<quint32>(ip, src.toIPv4Address(), true);
        put<quint32>(ip, dst.toIPv4Address(), true);
    } else {
        put<quint32>(ip, 0x60000000, true);
        put<quint16>(ip, quint16(l4.size()), true);
        ip.append(char(protocol)).append(char(64));
        const Q_IPV6ADDR s = src.toIPv6Address(), d = dst.toIPv6Address();
        ip.append(reinterpret_cast<const char *>(s.c), 16).append(reinterpret_cast<const char *>(d.c), 16);
    }
    return ip + l4;
}

// One fragment of an unfragmented IPv4 or IPv6 packet (from ipPacket): bytes [offset, offset + length)
// of what follows its IP header, a multiple of 8 from offset unless it is the last (more false).
inline QByteArray ipFragment(const QByteArray &packet, quint32 id, qsizetype offset, qsizetype length, bool more)
{
    const bool v6 = (quint8(packet.at(0)) >> 4) == 6;
    const qsizetype headerSize = v6 ? 40 : (packet.at(0) & 0x0f) * 4;
    const QByteArray data = packet.mid(headerSize + offset, length);
    QByteArray header = packet.left(headerSize);
    auto *p = reinterpret_cast<uchar *>(header.data());
    if (!v6) {
        qToBigEndian(quint16(headerSize + data.size()), p + 2);
        qToBigEndian(quint16(id), p + 4);
        qToBigEndian(quint16((more ? 0x2000 : 0) | (offset / 8)), p + 6);
        return header + data;
    }
    QByteArray fragmentHeader;
    fragmentHeader.append(char(p[6])).append(char(0));
    put<quint16>(fragmentHeader, quint16(offset | (more ? 1 : 0)), true);
    put<quint32>(fragmentHeader, id, true);
    qToBigEndian(quint16(8 + data.size()), p + 4);
    p[6] = 44;
    return header + fragmentHeader + data;
}

// Wraps an IP packet in a link-layer header of the given type.
inline QByteArray linkFrame(quint32 linkType, const QByteArray &ip)
{
    const bool v6 = (quint8(ip.at(0)) >> 4) == 6;
    const quint16 etherType = v6 ? 0x86DD : 0x0800;
    QByteArray out;
    switch (linkType) {
    case 1: // Ethernet with an 802.1Q tag, to exercise tags
        out = QByteArray(12, '\x02');
        put<quint16>(out, 0x8100, true);
        put<quint16>(out, 7, true);
        put<quint16>(out, etherType, true);
        break;
    case 113: // Linux cooked v1
        out = QByteArray(14, '\0');
        put<quint16>(out, etherType, true);
        break;
    case 276: // Linux cooked v2
        put<quint16>(out, etherType, true);
        out += QByteArray(18, '\0');
        break;
    case 0: // BSD loopback, host byte order (little-endian here)
        put<quint32>(out, v6 ? 24 : 2, false);
        break;
    default: // raw IP
        break;
    }
    return out + ip;
}

inline QByteArray pcapFile(quint32 linkType, bool bigEndian, bool nanoseconds, const QList<QPair<qint64, QByteArray>> &packets)
{
    QByteArray out;
    put<quint32>(out, nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian);
    put<quint16>(out, 2, bigEndian);
    put<quint16>(out, 4, bigEndian);
    put<quint32>(out, 0, bigEndian);
    put<quint32>(out, 0, bigEndian);
    put<quint32>(out, 262144, bigEndian);
    put<quint32>(out, linkType, bigEndian);
    for (const auto &[timeUs, data] : packets) {
        put<quint32>(out, quint32(timeUs / 1000000), bigEndian);
        put<quint32>(out, quint32(nanoseconds ? (timeUs % 1000000) * 1000 : timeUs % 1000000), bigEndian);
        put<quint32>(out, quint32(data.size()), bigEndian);
        put<quint32>(out, quint32(data.size()), bigEndian);
        out += data;
    }
    return out;
}

struct Connection
{
    bool v6 = false;
    QHostAddress client{QStringLiteral("10.0.0.1")};
    quint16 clientPort = 40000;
    QHostAddress server{QStringLiteral("10.0.0.2")};
    quint16 serverPort = 9000;
    quint32 clientIsn = 1000;
    quint32 serverIsn = 5000;

    QByteArray packet(const Segment &s) const
    {
        return s.fromClient ? ipPacket(v6, 6, client, clientPort, server, serverPort, clientIsn + s.seq, s.flags, s.payload)
                            : ipPacket(v6, 6, server, serverPort, client, clientPort, serverIsn + s.seq, s.flags, s.payload);
    }
};

inline QString writeTemp(QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return QString();
    return path;
}

} // namespace Switchboard::Test
