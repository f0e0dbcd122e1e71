// libFuzzer target for PcapngReader (built with clang++ -fsanitize=fuzzer,address,undefined; see
// CMakeLists.txt).
//
// Input: the bytes of a capture file (the inspector opens files a user was sent). Every packet read
// is also given to PcapngReader::decode(), and so is the whole input as one Ethernet frame.
// Invariants: a packet's data comes from inside its own block (checked against an independent walk
// over the block lengths), a failed read says why, reading twice gives the same
// result, and a decoded frame's payload is a part of that frame.
#include "net/capture/pcapngreader.h"
#include "fuzzcheck.h"

#include <QBuffer>
#include <QtEndian>

#include <cstdint>

using namespace Switchboard;

namespace {

// Smallest block carrying a packet: a simple packet block (type, length, original length, trailer).
constexpr qint64 MinPacketOverhead = 16;

void checkDecoded(const QByteArray &frame)
{
    const PcapngReader::Decoded d = PcapngReader::decode(frame);
    if (!d.valid)
        return;
    CHECK(d.protocol == 6 || d.protocol == 17, d.protocol);
    CHECK(d.source.protocol() == (d.ipv6 ? QAbstractSocket::IPv6Protocol : QAbstractSocket::IPv4Protocol));
    CHECK(d.destination.protocol() == d.source.protocol());
    // Ethernet (14) + IP (>= 20) + TCP (>= 20) or UDP (8) come before the payload.
    CHECK(d.payload.size() <= frame.size() - 14 - 20 - 8, d.payload.size(), frame.size());
    CHECK(frame.contains(d.payload), d.payload.size());
}

// An independent walk over the blocks of a file the reader accepted: for each packet block, in
// order, the most data it can hold (its length minus the fixed fields of its type).
QList<qint64> packetRoom(const QByteArray &bytes)
{
    QList<qint64> room;
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    bool big = false;
    for (qsizetype pos = 0; pos + 12 <= bytes.size();) {
        if (qFromLittleEndian<quint32>(p + pos) == 0x0A0D0D0A)
            big = qFromLittleEndian<quint32>(p + pos + 8) == 0x4D3C2B1A;
        const quint32 type = big ? qFromBigEndian<quint32>(p + pos) : qFromLittleEndian<quint32>(p + pos);
        const quint32 length = big ? qFromBigEndian<quint32>(p + pos + 4) : qFromLittleEndian<quint32>(p + pos + 4);
        if (length < 12)
            break;
        if (type == 3)
            room.append(qint64(length) - 16);
        else if (type == 6)
            room.append(qint64(length) - 32);
        pos += length;
    }
    return room;
}

bool sameResult(const PcapngReader &a, const PcapngReader &b)
{
    if (a.packets().size() != b.packets().size() || a.linkTypes() != b.linkTypes()
        || a.applicationName() != b.applicationName() || a.errorString() != b.errorString())
        return false;
    for (qsizetype i = 0; i < a.packets().size(); ++i) {
        const PcapngReader::Packet &p = a.packets().at(i);
        const PcapngReader::Packet &q = b.packets().at(i);
        if (p.data != q.data || p.comment != q.comment || p.timeUs != q.timeUs || p.interfaceId != q.interfaceId
            || p.originalLength != q.originalLength)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    PcapngReader reader;
    const bool ok = reader.read(&buffer);
    CHECK(ok == reader.errorString().isEmpty(), ok);

    qint64 total = 0;
    for (const PcapngReader::Packet &p : reader.packets()) {
        CHECK(bytes.contains(p.data), p.data.size());
        total += p.data.size() + MinPacketOverhead;
        CHECK(total <= qint64(size), total, qint64(size)); // no packet reaches outside its block
        checkDecoded(p.data);
    }
    checkDecoded(bytes);
    if (ok) {
        const QList<qint64> room = packetRoom(bytes);
        CHECK(room.size() == reader.packets().size(), room.size(), reader.packets().size());
        for (qsizetype i = 0; i < room.size(); ++i)
            CHECK(room.at(i) >= 0 && reader.packets().at(i).data.size() <= room.at(i), reader.packets().at(i).data.size(), room.at(i));
    }

    // The reader keeps no state between files.
    buffer.seek(0);
    PcapngReader again;
    CHECK(again.read(&buffer) == ok);
    buffer.seek(0);
    CHECK(reader.read(&buffer) == ok);
    CHECK(sameResult(reader, again));
    return 0;
}
