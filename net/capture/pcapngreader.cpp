#include "pcapngreader.h"

#include <QFile>
#include <QtEndian>

namespace Switchboard {

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
    return PacketDecoder::decode(PacketDecoder::Ethernet, frame);
}

} // namespace Switchboard
