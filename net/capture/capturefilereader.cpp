#include "capturefilereader.h"

#include <QtEndian>

#include <cmath>

namespace Switchboard {

namespace {

constexpr quint32 PcapngSection = 0x0A0D0D0A;
constexpr quint32 MaxBlock = CaptureFileReader::MaxPacket + 4096;

} // namespace

bool CaptureFileReader::fail(const QString &message)
{
    m_error = message;
    return false;
}

quint16 CaptureFileReader::u16(const char *p) const
{
    return m_bigEndian ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p);
}

quint32 CaptureFileReader::u32(const char *p) const
{
    return m_bigEndian ? qFromBigEndian<quint32>(p) : qFromLittleEndian<quint32>(p);
}

qint64 CaptureFileReader::toMicroseconds(quint64 time, qint64 unitsPerSecond)
{
    if (unitsPerSecond == 1000000)
        return qint64(time);
    return qint64(quint64(time / quint64(unitsPerSecond)) * 1000000
                  + (time % quint64(unitsPerSecond)) * 1000000 / quint64(unitsPerSecond));
}

bool CaptureFileReader::readExactly(char *to, qint64 n)
{
    return m_device->read(to, n) == n;
}

bool CaptureFileReader::open(const QString &path)
{
    m_file.close();
    m_file.setFileName(path);
    m_device = nullptr;
    if (!m_file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot open %1: %2").arg(path, m_file.errorString()));
    return open(&m_file);
}

bool CaptureFileReader::open(QIODevice *device)
{
    m_device = device;
    m_format = Format::Unknown;
    m_interfaces.clear();
    m_packets = 0;
    m_error.clear();
    const qint64 start = device->pos();
    QByteArray first(24, Qt::Uninitialized);
    if (!readExactly(first.data(), first.size()))
        return fail(tr("The file is too short to be a capture."));
    const quint32 magic = qFromLittleEndian<quint32>(first.constData());
    if (magic == PcapngSection) {
        m_format = Format::Pcapng;
        device->seek(start); // nextPcapng() reads the section header as a block
        return true;
    }
    if (readPcapHeader(first))
        return true;
    return fail(tr("The file is neither a pcap nor a pcapng capture."));
}

bool CaptureFileReader::readPcapHeader(const QByteArray &first)
{
    const quint32 magic = qFromLittleEndian<quint32>(first.constData());
    switch (magic) {
    case 0xA1B2C3D4: m_bigEndian = false; m_nanoseconds = false; break;
    case 0xD4C3B2A1: m_bigEndian = true; m_nanoseconds = false; break;
    case 0xA1B23C4D: m_bigEndian = false; m_nanoseconds = true; break;
    case 0x4D3CB2A1: m_bigEndian = true; m_nanoseconds = true; break;
    default: return false;
    }
    m_format = Format::Pcap;
    // The upper bits of the link type field carry FCS information, not the type.
    m_pcapLinkType = u32(first.constData() + 20) & 0x0FFFFFFF;
    return true;
}

bool CaptureFileReader::next(Packet *packet)
{
    if (!m_error.isEmpty())
        return false;
    const bool ok = m_format == Format::Pcap ? nextPcap(packet) : m_format == Format::Pcapng && nextPcapng(packet);
    if (ok)
        ++m_packets;
    return ok;
}

bool CaptureFileReader::nextPcap(Packet *packet)
{
    char header[16];
    const qint64 at = m_device->pos();
    const qint64 got = m_device->read(header, sizeof header);
    if (got == 0)
        return false; // the end
    if (got != sizeof header)
        return fail(tr("Truncated packet header at offset %1.").arg(at));
    const quint32 seconds = u32(header);
    const quint32 fraction = u32(header + 4);
    const quint32 captured = u32(header + 8);
    if (captured > MaxPacket)
        return fail(tr("Packet of %1 bytes at offset %2: the file is damaged.").arg(captured).arg(at));
    packet->linkType = m_pcapLinkType;
    packet->timeUs = qint64(seconds) * 1000000 + (m_nanoseconds ? fraction / 1000 : fraction);
    packet->originalLength = u32(header + 12);
    packet->comment.clear();
    packet->data.resize(captured);
    if (!readExactly(packet->data.data(), captured))
        return fail(tr("Truncated packet at offset %1.").arg(at));
    return true;
}

bool CaptureFileReader::nextPcapng(Packet *packet)
{
    for (;;) {
        const qint64 at = m_device->pos();
        char head[8];
        const qint64 got = m_device->read(head, sizeof head);
        if (got == 0)
            return false;
        if (got != sizeof head)
            return fail(tr("Truncated block at offset %1.").arg(at));
        if (qFromLittleEndian<quint32>(head) == PcapngSection) {
            char magic[4];
            if (!readExactly(magic, 4))
                return fail(tr("Truncated section header at offset %1.").arg(at));
            const quint32 m = qFromLittleEndian<quint32>(magic);
            if (m != 0x1A2B3C4D && m != 0x4D3C2B1A)
                return fail(tr("Bad byte-order magic at offset %1.").arg(at));
            m_bigEndian = m == 0x4D3C2B1A;
            m_interfaces.clear();
            m_device->seek(at + 8);
        }
        const quint32 type = u32(head);
        const quint32 length = u32(head + 4);
        if (length < 12 || length % 4 != 0 || length > MaxBlock)
            return fail(tr("Bad block length %1 at offset %2.").arg(length).arg(at));
        m_block.resize(length - 8);
        if (!readExactly(m_block.data(), m_block.size()))
            return fail(tr("Truncated block at offset %1.").arg(at));
        const char *body = m_block.constData();
        const qsizetype bodySize = m_block.size() - 4;
        if (u32(body + bodySize) != length)
            return fail(tr("Block lengths disagree at offset %1.").arg(at));

        auto options = [&](qsizetype pos, auto onOption) {
            while (pos + 4 <= bodySize) {
                const quint16 code = u16(body + pos);
                const quint16 len = u16(body + pos + 2);
                if (code == 0 || pos + 4 + len > bodySize)
                    break;
                onOption(code, QByteArrayView(body + pos + 4, len));
                pos += 4 + ((len + 3) & ~3);
            }
        };

        if (type == 1) { // interface description
            if (bodySize < 8)
                return fail(tr("Truncated interface description at offset %1.").arg(at));
            Interface i;
            i.linkType = u16(body);
            options(8, [&](quint16 code, QByteArrayView value) {
                if (code != 9 || value.size() < 1)
                    return;
                const quint8 r = quint8(value.at(0));
                const int exponent = r & 0x7f;
                // Resolutions finer than a nanosecond are rounded to it (the import keeps microseconds).
                if (r & 0x80)
                    i.unitsPerSecond = exponent < 40 ? (qint64(1) << exponent) : (qint64(1) << 40);
                else
                    i.unitsPerSecond = exponent <= 9 ? qint64(std::pow(10, exponent)) : 1000000000;
                if (i.unitsPerSecond < 1)
                    i.unitsPerSecond = 1;
            });
            m_interfaces.append(i);
        } else if (type == 6) { // enhanced packet
            if (bodySize < 20)
                return fail(tr("Truncated packet block at offset %1.").arg(at));
            const quint32 interfaceId = u32(body);
            const quint32 captured = u32(body + 12);
            if (qsizetype(captured) > bodySize - 20)
                return fail(tr("Packet longer than its block at offset %1.").arg(at));
            const Interface i = interfaceId < quint32(m_interfaces.size()) ? m_interfaces.at(interfaceId) : Interface();
            packet->linkType = i.linkType;
            packet->timeUs = toMicroseconds(quint64(u32(body + 4)) << 32 | u32(body + 8), i.unitsPerSecond);
            packet->originalLength = u32(body + 16);
            packet->data = QByteArray(body + 20, captured);
            packet->comment.clear();
            options(20 + ((captured + 3) & ~3u), [&](quint16 code, QByteArrayView value) {
                if (code == 1)
                    packet->comment = QString::fromUtf8(value);
            });
            return true;
        } else if (type == 3) { // simple packet
            if (bodySize < 4)
                return fail(tr("Truncated simple packet block at offset %1.").arg(at));
            packet->linkType = m_interfaces.isEmpty() ? 0 : m_interfaces.first().linkType;
            packet->timeUs = 0;
            packet->originalLength = u32(body);
            packet->data = QByteArray(body + 4, qMin<qsizetype>(packet->originalLength, bodySize - 4));
            packet->comment.clear();
            return true;
        }
        // Section headers, statistics, name resolution and unknown blocks carry no packet.
    }
}

} // namespace Switchboard
