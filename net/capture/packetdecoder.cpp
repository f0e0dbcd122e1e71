#include "packetdecoder.h"

#include <QtEndian>

namespace Switchboard {

namespace {

quint32 sumBytes(const quint8 *p, qsizetype size, quint32 sum = 0)
{
    return PacketDecoder::checksumSum(QByteArrayView(p, size), sum);
}

bool checksumValid(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
}

// An IPv4/IPv6 ethertype or address family, as an offset into the packet (-1: not IP).
qsizetype ipAfterFamily(quint32 family, qsizetype at)
{
    // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (BSDs), 28 (FreeBSD), 30 (macOS).
    return (family == 2 || family == 10 || family == 24 || family == 28 || family == 30) ? at : -1;
}

} // namespace

quint32 PacketDecoder::checksumSum(QByteArrayView data, quint32 sum)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qsizetype size = data.size();
    qsizetype i = 0;
    for (; i + 1 < size; i += 2)
        sum += quint32(p[i]) << 8 | p[i + 1];
    if (i < size)
        sum += quint32(p[i]) << 8;
    return sum;
}

bool PacketDecoder::supports(quint32 linkType)
{
    switch (linkType) {
    case Null: case Ethernet: case RawDlt12: case RawDlt14: case Raw: case Loop: case LinuxSll: case RawIpv4:
    case RawIpv6: case LinuxSll2:
        return true;
    default:
        return false;
    }
}

PacketDecoder::Decoded PacketDecoder::decode(quint32 linkType, QByteArrayView packet)
{
    const qsizetype ip = ipOffset(linkType, packet);
    return ip < 0 ? Decoded() : decodeIp(packet.sliced(ip));
}

qsizetype PacketDecoder::ipOffset(quint32 linkType, QByteArrayView packet)
{
    const auto *p = reinterpret_cast<const quint8 *>(packet.data());
    const qsizetype size = packet.size();
    qsizetype ip = -1;
    switch (linkType) {
    case Ethernet: {
        qsizetype at = 12;
        // 802.1Q, 802.1ad and QinQ tags carry 4 more bytes before the real ethertype.
        while (size >= at + 2) {
            const quint16 type = qFromBigEndian<quint16>(p + at);
            if (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
                at += 4;
                continue;
            }
            if (type == 0x0800 || type == 0x86DD)
                ip = at + 2;
            break;
        }
        break;
    }
    case LinuxSll:
        if (size >= 16) {
            const quint16 type = qFromBigEndian<quint16>(p + 14);
            ip = (type == 0x0800 || type == 0x86DD) ? 16 : -1;
        }
        break;
    case LinuxSll2:
        if (size >= 20) {
            const quint16 type = qFromBigEndian<quint16>(p);
            ip = (type == 0x0800 || type == 0x86DD) ? 20 : -1;
        }
        break;
    case Null:
        // Written in the capturing host's byte order: a small family number reads as one of two.
        if (size >= 4) {
            const quint32 le = qFromLittleEndian<quint32>(p);
            ip = ipAfterFamily(le < 256 ? le : qFromBigEndian<quint32>(p), 4);
        }
        break;
    case Loop:
        if (size >= 4)
            ip = ipAfterFamily(qFromBigEndian<quint32>(p), 4);
        break;
    case RawDlt12: case RawDlt14: case Raw: case RawIpv4: case RawIpv6:
        ip = 0;
        break;
    default:
        break;
    }
    return ip < 0 || ip > size ? -1 : ip;
}

PacketDecoder::Decoded PacketDecoder::decodeIp(QByteArrayView packet)
{
    Decoded d;
    const auto *p = reinterpret_cast<const quint8 *>(packet.data());
    const qsizetype size = packet.size();
    if (size < 1)
        return d;
    qsizetype l4 = 0;
    qsizetype l4Length = 0; // as the IP header says
    quint32 pseudo = 0;
    bool ipOk = true;
    if ((p[0] >> 4) == 4) {
        if (size < 20)
            return d;
        const int ihl = (p[0] & 0x0f) * 4;
        qsizetype total = qFromBigEndian<quint16>(p + 2);
        if (total == 0) // segmentation offload: the length is left for the NIC to fill in
            total = size;
        if (ihl < 20 || total < ihl || size < ihl)
            return d;
        const quint16 fragment = qFromBigEndian<quint16>(p + 6);
        if ((fragment & 0x1fff) != 0 || (fragment & 0x2000) != 0)
            return d; // fragments are not reassembled
        d.protocol = p[9];
        d.source = QHostAddress(qFromBigEndian<quint32>(p + 12));
        d.destination = QHostAddress(qFromBigEndian<quint32>(p + 16));
        ipOk = checksumValid(sumBytes(p, ihl));
        l4 = ihl;
        l4Length = total - ihl;
        pseudo = sumBytes(p + 12, 8) + d.protocol + quint32(l4Length);
    } else if ((p[0] >> 4) == 6) {
        if (size < 40)
            return d;
        d.ipv6 = true;
        qsizetype payloadLength = qFromBigEndian<quint16>(p + 4);
        if (payloadLength == 0)
            payloadLength = size - 40;
        quint8 next = p[6];
        d.source = QHostAddress(p + 8);
        d.destination = QHostAddress(p + 24);
        l4 = 40;
        // Hop-by-hop, routing and destination options are skipped; a fragment header ends the decoding.
        while ((next == 0 || next == 43 || next == 60) && size >= l4 + 8) {
            const qsizetype extension = (qsizetype(p[l4 + 1]) + 1) * 8;
            next = p[l4];
            l4 += extension;
            payloadLength -= extension;
        }
        if (payloadLength < 0 || l4 > size)
            return d;
        d.protocol = next;
        l4Length = payloadLength;
        pseudo = sumBytes(p + 8, 32) + d.protocol + quint32(l4Length);
    } else {
        return d;
    }
    const qsizetype captured = qMin(l4Length, size - l4); // a snap length may cut the packet short
    d.truncated = captured < l4Length;
    if (d.protocol == 6) {
        if (captured < 20)
            return d;
        d.sourcePort = qFromBigEndian<quint16>(p + l4);
        d.destinationPort = qFromBigEndian<quint16>(p + l4 + 2);
        d.seq = qFromBigEndian<quint32>(p + l4 + 4);
        d.ack = qFromBigEndian<quint32>(p + l4 + 8);
        const int dataOffset = (p[l4 + 12] >> 4) * 4;
        d.tcpFlags = p[l4 + 13];
        if (dataOffset < 20 || dataOffset > captured)
            return d;
        d.payload = packet.sliced(l4 + dataOffset, captured - dataOffset).toByteArray();
    } else if (d.protocol == 17) {
        if (captured < 8)
            return d;
        d.sourcePort = qFromBigEndian<quint16>(p + l4);
        d.destinationPort = qFromBigEndian<quint16>(p + l4 + 2);
        d.payload = packet.sliced(l4 + 8, captured - 8).toByteArray();
    } else {
        return d;
    }
    d.checksumsOk = !d.truncated && ipOk && checksumValid(sumBytes(p + l4, l4Length, pseudo));
    d.valid = true;
    return d;
}

} // namespace Switchboard
