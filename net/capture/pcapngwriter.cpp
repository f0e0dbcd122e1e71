#include "pcapngwriter.h"

#include "packetdecoder.h"

#include <QIODevice>
#include <QtEndian>

#include <algorithm>
#include <vector>

namespace Switchboard {

namespace {

constexpr quint32 BlockSectionHeader = 0x0A0D0D0A;
constexpr quint32 BlockInterface = 0x00000001;
constexpr quint32 BlockEnhancedPacket = 0x00000006;
constexpr quint32 ByteOrderMagic = 0x1A2B3C4D;
constexpr quint16 LinkTypeEthernet = 1;
constexpr quint16 OptEnd = 0;
constexpr quint16 OptComment = 1;
constexpr quint16 OptShbUserAppl = 4;
constexpr quint16 OptIfName = 2;
constexpr quint16 OptIfDescription = 3;
constexpr quint16 OptIfTsResol = 9;

void putLe16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}
void putLe32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}
void putLe64(QByteArray &out, quint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}
void putBe16(QByteArray &out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}
void putBe32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}
void pad32(QByteArray &out)
{
    while (out.size() % 4)
        out.append('\0');
}

void putOption(QByteArray &out, quint16 code, const QByteArray &value)
{
    putLe16(out, code);
    putLe16(out, quint16(value.size()));
    out.append(value);
    pad32(out);
}

// Wraps a block body: type, total length, body, total length.
QByteArray block(quint32 type, const QByteArray &body)
{
    QByteArray out;
    const quint32 total = quint32(12 + body.size());
    out.reserve(int(total));
    putLe32(out, type);
    putLe32(out, total);
    out.append(body);
    putLe32(out, total);
    return out;
}

// FNV-1a: a stable hash (independent of Qt's per-process hash seed).
quint32 stableHash(const QByteArray &key)
{
    quint32 h = 2166136261u;
    for (char c : key) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    return h;
}

// One's complement sum over bytes, for the Internet checksum.
quint32 sumBytes(const char *data, qsizetype size, quint32 sum = 0)
{
    return PacketDecoder::checksumSum(QByteArrayView(data, size), sum);
}

quint16 foldChecksum(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

struct Addresses
{
    bool v6 = false;
    QByteArray local; // 4 or 16 bytes
    QByteArray peer;
};

QByteArray ipv4Bytes(quint32 a)
{
    QByteArray out;
    putBe32(out, a);
    return out;
}

QByteArray ipv6Bytes(const QHostAddress &a)
{
    const Q_IPV6ADDR v6 = a.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}

Addresses addressesOf(const CaptureRecord &r)
{
    Addresses out;
    QHostAddress local = r.localAddress.isNull() ? QHostAddress(QHostAddress::LocalHost) : r.localAddress;
    QHostAddress peer = r.peerAddress.isNull() ? QHostAddress(QHostAddress::LocalHost) : r.peerAddress;
    bool okLocal = false;
    bool okPeer = false;
    const quint32 l4 = local.toIPv4Address(&okLocal);
    const quint32 p4 = peer.toIPv4Address(&okPeer);
    if (okLocal && okPeer) {
        out.local = ipv4Bytes(l4);
        out.peer = ipv4Bytes(p4);
        return out;
    }
    out.v6 = true;
    if (okLocal)
        local = QHostAddress(QStringLiteral("::ffff:") + local.toString());
    if (okPeer)
        peer = QHostAddress(QStringLiteral("::ffff:") + peer.toString());
    out.local = ipv6Bytes(local);
    out.peer = ipv6Bytes(peer);
    return out;
}

// A locally administered MAC derived from an IP address.
QByteArray macFor(const QByteArray &ip)
{
    const quint32 h = stableHash(ip);
    QByteArray mac("\x02\x53", 2); // "S"witchboard, locally administered, unicast
    putBe32(mac, h);
    return mac;
}

// Ethernet + IP header around a transport segment; src/dst are 4 or 16 bytes.
QByteArray ipPacket(bool v6, const QByteArray &src, const QByteArray &dst, quint8 protocol, quint16 ipId,
                    const QByteArray &segment)
{
    QByteArray out;
    out.reserve(14 + 40 + segment.size());
    out.append(macFor(dst));
    out.append(macFor(src));
    putBe16(out, v6 ? 0x86DD : 0x0800);
    if (!v6) {
        const int ipStart = out.size();
        out.append(char(0x45)); // version 4, 5 words
        out.append(char(0));    // DSCP/ECN
        putBe16(out, quint16(20 + segment.size()));
        putBe16(out, ipId);
        putBe16(out, 0x4000); // don't fragment
        out.append(char(64)); // TTL
        out.append(char(protocol));
        putBe16(out, 0); // checksum, filled below
        out.append(src);
        out.append(dst);
        const quint16 sum = foldChecksum(sumBytes(out.constData() + ipStart, 20));
        qToBigEndian(sum, out.data() + ipStart + 10);
    } else {
        putBe32(out, 0x60000000);
        putBe16(out, quint16(segment.size()));
        out.append(char(protocol));
        out.append(char(64)); // hop limit
        out.append(src);
        out.append(dst);
    }
    out.append(segment);
    return out;
}

// Fills the TCP/UDP checksum at checksumOffset inside segment, with the IP pseudo header.
void fillTransportChecksum(QByteArray &segment, int checksumOffset, const QByteArray &src, const QByteArray &dst,
                          quint8 protocol)
{
    quint32 sum = sumBytes(src.constData(), src.size());
    sum = sumBytes(dst.constData(), dst.size(), sum);
    sum += protocol;
    sum += quint32(segment.size() & 0xffff) + quint32(segment.size() >> 16);
    sum = sumBytes(segment.constData(), segment.size(), sum);
    quint16 c = foldChecksum(sum);
    if (c == 0 && protocol == 17)
        c = 0xffff; // UDP: zero means "no checksum"
    qToBigEndian(c, segment.data() + checksumOffset);
}

quint32 initialSequence(const QByteArray &src, quint16 sport, const QByteArray &dst, quint16 dport)
{
    QByteArray key = src;
    putBe16(key, sport);
    key.append(dst);
    putBe16(key, dport);
    return stableHash(key);
}

} // namespace

PcapngWriter::PcapngWriter(QIODevice *device)
    : m_device(device)
{
}

bool PcapngWriter::writeBlock(const QByteArray &blockBytes)
{
    if (!m_device || !m_device->isWritable()) {
        m_error = tr("The capture file is not open for writing.");
        return false;
    }
    if (m_device->write(blockBytes) != blockBytes.size()) {
        m_error = tr("Could not write the capture file: %1").arg(m_device->errorString());
        return false;
    }
    return true;
}

bool PcapngWriter::writeHeader(const QString &application)
{
    QByteArray shb;
    putLe32(shb, ByteOrderMagic);
    putLe16(shb, 1); // major
    putLe16(shb, 0); // minor
    putLe64(shb, ~quint64(0)); // section length unknown
    const QString appl = application.isEmpty()
        ? QStringLiteral("Switchboard ") + QStringLiteral(SWITCHBOARD_VERSION)
        : application;
    putOption(shb, OptShbUserAppl, appl.toUtf8());
    putOption(shb, OptEnd, {});

    QByteArray idb;
    putLe16(idb, LinkTypeEthernet);
    putLe16(idb, 0); // reserved
    putLe32(idb, 0); // snap length: no limit
    putOption(idb, OptIfName, QByteArrayLiteral("switchboard"));
    putOption(idb, OptIfDescription,
              QByteArrayLiteral("Switchboard application capture (link, IP and TCP headers synthesized)"));
    putOption(idb, OptIfTsResol, QByteArray(1, char(6))); // microseconds
    putOption(idb, OptEnd, {});

    return writeBlock(block(BlockSectionHeader, shb)) && writeBlock(block(BlockInterface, idb));
}

bool PcapngWriter::writePacket(qint64 timeUs, const QByteArray &packet, const QString &comment)
{
    QByteArray body;
    body.reserve(20 + packet.size() + 4 + comment.size() + 16);
    putLe32(body, 0); // interface 0
    const quint64 ts = quint64(qMax<qint64>(0, timeUs));
    putLe32(body, quint32(ts >> 32));
    putLe32(body, quint32(ts & 0xffffffffu));
    putLe32(body, quint32(packet.size())); // captured
    putLe32(body, quint32(packet.size())); // original
    body.append(packet);
    pad32(body);
    if (m_comments && !comment.isEmpty()) {
        putOption(body, OptComment, comment.toUtf8());
        putOption(body, OptEnd, {});
    }
    if (!writeBlock(block(BlockEnhancedPacket, body)))
        return false;
    ++m_packets;
    return true;
}

QByteArray PcapngWriter::buildTcp(const CaptureRecord &r, Flow &flow, const QByteArray &payload, qint64 offset) const
{
    const Addresses a = addressesOf(r);
    const bool out = r.direction == CaptureRecord::Direction::Out;
    const QByteArray &src = out ? a.local : a.peer;
    const QByteArray &dst = out ? a.peer : a.local;
    const quint16 sport = out ? r.localPort : r.peerPort;
    const quint16 dport = out ? r.peerPort : r.localPort;
    const quint32 seq = initialSequence(src, sport, dst, dport) + quint32(quint64(offset));
    const qint64 acked = out ? flow.inEnd : flow.outEnd;
    const quint32 ack = initialSequence(dst, dport, src, sport) + quint32(quint64(acked));

    QByteArray seg;
    seg.reserve(20 + payload.size());
    putBe16(seg, sport);
    putBe16(seg, dport);
    putBe32(seg, seq);
    putBe32(seg, ack);
    seg.append(char(5 << 4));       // data offset: 5 words, no options
    seg.append(char(0x10 | 0x08)); // ACK | PSH
    putBe16(seg, 65535);           // window
    putBe16(seg, 0);               // checksum, filled below
    putBe16(seg, 0);               // urgent pointer
    seg.append(payload);
    fillTransportChecksum(seg, 16, src, dst, 6);
    return ipPacket(a.v6, src, dst, 6, flow.ipId, seg);
}

QByteArray PcapngWriter::buildUdp(const CaptureRecord &r, Flow &flow) const
{
    const Addresses a = addressesOf(r);
    const bool out = r.direction == CaptureRecord::Direction::Out;
    const QByteArray &src = out ? a.local : a.peer;
    const QByteArray &dst = out ? a.peer : a.local;
    const QByteArray payload = r.bytes.left(65507);
    QByteArray seg;
    seg.reserve(8 + payload.size());
    putBe16(seg, out ? r.localPort : r.peerPort);
    putBe16(seg, out ? r.peerPort : r.localPort);
    putBe16(seg, quint16(8 + payload.size()));
    putBe16(seg, 0);
    seg.append(payload);
    fillTransportChecksum(seg, 6, src, dst, 17);
    return ipPacket(a.v6, src, dst, 17, flow.ipId, seg);
}

PcapngWriter::Flow &PcapngWriter::flow(quint64 connectionId)
{
    if (m_flows.size() >= MaxFlows && !m_flows.contains(connectionId)) {
        // A long-running server sees endless connections: forget the older half. A forgotten
        // connection that is still active only restarts its acknowledgement numbers.
        std::vector<qint64> uses;
        uses.reserve(std::size_t(m_flows.size()));
        for (const Flow &f : std::as_const(m_flows))
            uses.push_back(f.lastUse);
        std::nth_element(uses.begin(), uses.begin() + std::ptrdiff_t(uses.size() / 2), uses.end());
        const qint64 median = uses[uses.size() / 2];
        m_flows.removeIf([median](const QHash<quint64, Flow>::iterator &it) { return it->lastUse <= median; });
    }
    Flow &f = m_flows[connectionId];
    f.lastUse = ++m_uses;
    return f;
}

bool PcapngWriter::write(const CaptureRecord &r)
{
    const bool udp = r.kind == CaptureRecord::Kind::Datagram
        || (r.kind == CaptureRecord::Kind::Chunk && r.transport == CaptureRecord::Transport::Udp);
    if (r.kind != CaptureRecord::Kind::Chunk && !udp)
        return true;
    Flow &flow = this->flow(r.connectionId);
    const bool out = r.direction == CaptureRecord::Direction::Out;
    const QString who = out ? QStringLiteral("write") : QStringLiteral("read");
    if (udp) {
        ++flow.ipId;
        const QString comment = QStringLiteral("switchboard: connection %1, %2 datagram of %3 bytes")
                                    .arg(r.connectionId).arg(out ? QStringLiteral("sent") : QStringLiteral("received"))
                                    .arg(r.bytes.size());
        return writePacket(r.timeUs, buildUdp(r, flow), comment);
    }
    const qint64 total = r.bytes.size();
    // Over TLS the chunk is the decrypted stream: the packet is a reconstruction, not the wire.
    const QString comment = QStringLiteral("switchboard: connection %1, %2 of %3 bytes at stream offset %4%5")
                                .arg(r.connectionId).arg(who).arg(total).arg(r.streamOffset)
                                .arg(r.decrypted ? QStringLiteral(", decrypted (TLS)") : QString());
    qint64 done = 0;
    do {
        const qint64 n = qMin<qint64>(MaxSegmentPayload, total - done);
        ++flow.ipId;
        const QByteArray part = done == 0 && n == total ? r.bytes : r.bytes.mid(done, n);
        const QByteArray packet = buildTcp(r, flow, part, r.streamOffset + done);
        if (!writePacket(r.timeUs, packet, done == 0 ? comment : QString()))
            return false;
        done += n;
    } while (done < total);
    qint64 &end = out ? flow.outEnd : flow.inEnd;
    end = qMax(end, r.streamOffset + total);
    return true;
}

} // namespace Switchboard
