#include "pcapngreader.h"

#include <QFile>
#include <QtEndian>

namespace Switchboard {

namespace {

quint32 sumBytes(const quint8 *p, qsizetype size, quint32 sum = 0)
{
    qsizetype i = 0;
    for (; i + 1 < size; i += 2)
        sum += quint32(p[i]) << 8 | p[i + 1];
    if (i < size)
        sum += quint32(p[i]) << 8;
    return sum;
}

bool checksumValid(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
}

} // namespace

bool PcapngReader::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool PcapngReader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot open %1: %2").arg(path, file.errorString()));
    return read(&file);
}

bool PcapngReader::read(QIODevice *device)
{
    m_packets.clear();
    m_linkTypes.clear();
    m_application.clear();
    m_error.clear();
    const QByteArray all = device->readAll();
    const auto *data = reinterpret_cast<const quint8 *>(all.constData());
    const qsizetype size = all.size();
    bool bigEndian = false;
    auto u16 = [&](qsizetype at) { return bigEndian ? qFromBigEndian<quint16>(data + at) : qFromLittleEndian<quint16>(data + at); };
    auto u32 = [&](qsizetype at) { return bigEndian ? qFromBigEndian<quint32>(data + at) : qFromLittleEndian<quint32>(data + at); };

    qsizetype pos = 0;
    bool inSection = false;
    while (pos < size) {
        if (size - pos < 12)
            return fail(tr("Truncated block at offset %1.").arg(pos));
        const quint32 rawType = qFromLittleEndian<quint32>(data + pos);
        if (rawType == 0x0A0D0D0A) {
            if (size - pos < 28)
                return fail(tr("Truncated section header at offset %1.").arg(pos));
            const quint32 magic = qFromLittleEndian<quint32>(data + pos + 8);
            if (magic == 0x1A2B3C4D)
                bigEndian = false;
            else if (magic == 0x4D3C2B1A)
                bigEndian = true;
            else
                return fail(tr("Bad byte-order magic at offset %1.").arg(pos));
            inSection = true;
            m_linkTypes.clear();
        } else if (!inSection) {
            return fail(tr("The file does not start with a pcapng section header."));
        }
        const quint32 type = u32(pos);
        const quint32 length = u32(pos + 4);
        if (length < 12 || length % 4 != 0 || qsizetype(length) > size - pos)
            return fail(tr("Bad block length %1 at offset %2.").arg(length).arg(pos));
        if (u32(pos + length - 4) != length)
            return fail(tr("Block lengths disagree at offset %1.").arg(pos));
        const qsizetype body = pos + 8;
        const qsizetype bodyEnd = pos + length - 4;

        // Options start at optPos and run to bodyEnd.
        auto readOptions = [&](qsizetype optPos, auto onOption) {
            while (optPos + 4 <= bodyEnd) {
                const quint16 code = u16(optPos);
                const quint16 len = u16(optPos + 2);
                if (code == 0 || optPos + 4 + len > bodyEnd)
                    break;
                onOption(code, QByteArray(reinterpret_cast<const char *>(data + optPos + 4), len));
                optPos += 4 + ((len + 3) & ~3);
            }
        };

        if (type == 0x0A0D0D0A) {
            readOptions(body + 16, [&](quint16 code, const QByteArray &value) {
                if (code == 4)
                    m_application = QString::fromUtf8(value);
            });
        } else if (type == 1) {
            if (bodyEnd - body < 8)
                return fail(tr("Truncated interface description at offset %1.").arg(pos));
            m_linkTypes.append(u16(body));
        } else if (type == 6) {
            if (bodyEnd - body < 20)
                return fail(tr("Truncated packet block at offset %1.").arg(pos));
            Packet p;
            p.interfaceId = u32(body);
            p.timeUs = qint64((quint64(u32(body + 4)) << 32) | u32(body + 8));
            const quint32 captured = u32(body + 12);
            p.originalLength = u32(body + 16);
            if (qsizetype(captured) > bodyEnd - body - 20)
                return fail(tr("Packet longer than its block at offset %1.").arg(pos));
            p.data = QByteArray(reinterpret_cast<const char *>(data + body + 20), captured);
            readOptions(body + 20 + ((captured + 3) & ~3u), [&](quint16 code, const QByteArray &value) {
                if (code == 1)
                    p.comment = QString::fromUtf8(value);
            });
            m_packets.append(p);
        } else if (type == 3) {
            if (bodyEnd - body < 4) // the original length field itself is missing
                return fail(tr("Truncated simple packet block at offset %1.").arg(pos));
            Packet p;
            p.originalLength = u32(body);
            p.data = QByteArray(reinterpret_cast<const char *>(data + body + 4),
                                qMin<qsizetype>(p.originalLength, bodyEnd - body - 4));
            m_packets.append(p);
        }
        pos += length;
    }
    return true;
}

PcapngReader::Decoded PcapngReader::decode(const QByteArray &frame)
{
    Decoded d;
    const auto *p = reinterpret_cast<const quint8 *>(frame.constData());
    const qsizetype size = frame.size();
    if (size < 14)
        return d;
    const quint16 etherType = qFromBigEndian<quint16>(p + 12);
    qsizetype ip = 14;
    qsizetype l4 = 0;
    qsizetype l4Length = 0;
    quint32 pseudo = 0;
    bool ipOk = true;
    if (etherType == 0x0800) {
        if (size < ip + 20 || (p[ip] >> 4) != 4)
            return d;
        const int ihl = (p[ip] & 0x0f) * 4;
        const quint16 total = qFromBigEndian<quint16>(p + ip + 2);
        if (ihl < 20 || total < ihl || size < ip + total)
            return d;
        d.protocol = p[ip + 9];
        d.source = QHostAddress(qFromBigEndian<quint32>(p + ip + 12));
        d.destination = QHostAddress(qFromBigEndian<quint32>(p + ip + 16));
        ipOk = checksumValid(sumBytes(p + ip, ihl));
        l4 = ip + ihl;
        l4Length = total - ihl;
        pseudo = sumBytes(p + ip + 12, 8) + d.protocol + quint32(l4Length);
    } else if (etherType == 0x86DD) {
        if (size < ip + 40)
            return d;
        d.ipv6 = true;
        const quint16 payloadLength = qFromBigEndian<quint16>(p + ip + 4);
        d.protocol = p[ip + 6];
        d.source = QHostAddress(p + ip + 8);
        d.destination = QHostAddress(p + ip + 24);
        l4 = ip + 40;
        l4Length = payloadLength;
        if (size < l4 + l4Length)
            return d;
        pseudo = sumBytes(p + ip + 8, 32) + d.protocol + quint32(l4Length);
    } else {
        return d;
    }
    if (d.protocol == 6) {
        if (l4Length < 20)
            return d;
        d.sourcePort = qFromBigEndian<quint16>(p + l4);
        d.destinationPort = qFromBigEndian<quint16>(p + l4 + 2);
        d.seq = qFromBigEndian<quint32>(p + l4 + 4);
        d.ack = qFromBigEndian<quint32>(p + l4 + 8);
        const int dataOffset = (p[l4 + 12] >> 4) * 4;
        d.tcpFlags = p[l4 + 13];
        if (dataOffset < 20 || dataOffset > l4Length)
            return d;
        d.payload = QByteArray(reinterpret_cast<const char *>(p + l4 + dataOffset), l4Length - dataOffset);
    } else if (d.protocol == 17) {
        if (l4Length < 8)
            return d;
        d.sourcePort = qFromBigEndian<quint16>(p + l4);
        d.destinationPort = qFromBigEndian<quint16>(p + l4 + 2);
        d.payload = QByteArray(reinterpret_cast<const char *>(p + l4 + 8), l4Length - 8);
    } else {
        return d;
    }
    d.checksumsOk = ipOk && checksumValid(sumBytes(p + l4, l4Length, pseudo));
    d.valid = true;
    return d;
}

} // namespace Switchboard
