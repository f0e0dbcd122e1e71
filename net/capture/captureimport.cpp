#include "captureimport.h"

#include "capturefilereader.h"

namespace Switchboard {

namespace {

QString hostPort(const QHostAddress &address, quint16 port)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
               : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QByteArray endpointBytes(const QHostAddress &address, quint16 port)
{
    const Q_IPV6ADDR a = address.toIPv6Address();
    QByteArray out(reinterpret_cast<const char *>(a.c), 16);
    out.append(char(port >> 8)).append(char(port & 0xff));
    return out;
}

} // namespace

QString CaptureImport::Conversation::endpoint(int side) const
{
    return side == AtoB ? hostPort(addressA, portA) : hostPort(addressB, portB);
}

QString CaptureImport::Conversation::transportName() const
{
    return transport == CaptureRecord::Transport::Tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
}

QByteArray CaptureImport::key(bool tcp, const QHostAddress &a, quint16 aPort, const QHostAddress &b, quint16 bPort)
{
    QByteArray x = endpointBytes(a, aPort);
    QByteArray y = endpointBytes(b, bPort);
    if (y < x)
        std::swap(x, y);
    return QByteArray(1, tcp ? 't' : 'u') + x + y;
}

int CaptureImport::conversationFor(const PacketDecoder::Decoded &d, qint64 timeUs)
{
    const bool tcp = d.protocol == 6;
    const QByteArray k = key(tcp, d.source, d.sourcePort, d.destination, d.destinationPort);
    const bool opening = tcp && (d.tcpFlags & PacketDecoder::Syn) && !(d.tcpFlags & PacketDecoder::Ack);
    auto it = m_current.constFind(k);
    if (it != m_current.constEnd()) {
        const int index = *it;
        const TcpReassembler &a = m_flows.at(index).side[AtoB];
        // A new SYN on a used address/port pair starts a new connection, unless it repeats the first.
        const bool reused = opening && a.synSeen() ? a.initialSequence() != d.seq + 1 : opening && a.delivered() > 0;
        if (!reused)
            return index;
        finishTcp(index);
    }
    Conversation c;
    c.index = int(m_conversations.size());
    c.transport = tcp ? CaptureRecord::Transport::Tcp : CaptureRecord::Transport::Udp;
    // A is the side that opened the connection: a SYN+ACK seen first comes from B.
    const bool fromB = tcp && (d.tcpFlags & PacketDecoder::Syn) && (d.tcpFlags & PacketDecoder::Ack);
    c.addressA = fromB ? d.destination : d.source;
    c.portA = fromB ? d.destinationPort : d.sourcePort;
    c.addressB = fromB ? d.source : d.destination;
    c.portB = fromB ? d.sourcePort : d.destinationPort;
    c.firstUs = timeUs;
    m_conversations.append(c);
    m_flows.append(Flow());
    m_current.insert(k, c.index);
    return c.index;
}

void CaptureImport::finishTcp(int index)
{
    Conversation &c = m_conversations[index];
    if (c.transport != CaptureRecord::Transport::Tcp)
        return;
    for (int side : {AtoB, BtoA}) {
        TcpReassembler &r = m_flows[index].side[side];
        QVector<TcpReassembler::Piece> pieces;
        r.finish(index == m_keep ? &pieces : nullptr);
        for (const TcpReassembler::Piece &p : pieces)
            m_stream.chunks[side].append(Chunk{p.offset, p.bytes, p.timeUs});
        c.bytes[side] = r.delivered() - r.gapBytes();
        c.gapBytes[side] = r.gapBytes();
        c.repeatedBytes[side] = r.repeatedBytes();
        c.outOfOrder[side] = r.outOfOrderSegments();
        c.finSeen[side] = r.finSeen();
        c.rstSeen = c.rstSeen || r.rstSeen();
        if (index == m_keep)
            m_stream.gaps[side] = r.gaps();
    }
    c.handshakeSeen = m_flows.at(index).side[AtoB].synSeen();
}

bool CaptureImport::read(const QString &path, int keep, const Progress &progress)
{
    reset(keep);
    CaptureFileReader reader;
    if (!reader.open(path)) {
        m_error = reader.errorString();
        return false;
    }
    return readAll(reader, progress);
}

bool CaptureImport::read(QIODevice *device, int keep, const Progress &progress)
{
    reset(keep);
    CaptureFileReader reader;
    if (!reader.open(device)) {
        m_error = reader.errorString();
        return false;
    }
    return readAll(reader, progress);
}

void CaptureImport::reset(int keep)
{
    m_conversations.clear();
    m_flows.clear();
    m_current.clear();
    m_stream = Stream();
    m_keep = keep;
    m_packets = 0;
    m_skipped = 0;
    m_cancelled = false;
    m_error.clear();
    m_fragments = IpDefragmenter();
}

bool CaptureImport::readAll(CaptureFileReader &reader, const Progress &progress)
{
    CaptureFileReader::Packet packet;
    QVector<TcpReassembler::Piece> pieces;
    while (reader.next(&packet)) {
        ++m_packets;
        if (progress && m_packets % 512 == 0 && !progress(reader.position(), reader.size())) {
            m_cancelled = true;
            m_error = tr("Cancelled.");
            return false;
        }
        const qsizetype ip = PacketDecoder::ipOffset(packet.linkType, packet.data);
        if (ip < 0) {
            ++m_skipped;
            continue;
        }
        const QByteArrayView ipPacket = QByteArrayView(packet.data).sliced(ip);
        QByteArray whole;
        PacketDecoder::Decoded d;
        switch (m_fragments.add(ipPacket, packet.timeUs, &whole)) {
        case IpDefragmenter::Outcome::NotFragment:
            d = PacketDecoder::decodeIp(ipPacket);
            break;
        case IpDefragmenter::Outcome::Complete:
            d = PacketDecoder::decodeIp(whole);
            break;
        case IpDefragmenter::Outcome::Held:
            continue;
        case IpDefragmenter::Outcome::Dropped:
            break;
        }
        if (!d.valid) {
            ++m_skipped;
            continue;
        }
        const int index = conversationFor(d, packet.timeUs);
        Conversation &c = m_conversations[index];
        const int side = d.source == c.addressA && d.sourcePort == c.portA ? AtoB : BtoA;
        ++c.packets;
        c.lastUs = packet.timeUs;
        Flow &flow = m_flows[index];
        if (c.transport == CaptureRecord::Transport::Udp) {
            if (index == m_keep)
                m_stream.chunks[side].append(Chunk{flow.udpOffset[side], d.payload, packet.timeUs});
            flow.udpOffset[side] += d.payload.size();
            c.bytes[side] += d.payload.size();
            continue;
        }
        pieces.clear();
        flow.side[side].segment(d.seq, d.tcpFlags, d.payload, packet.timeUs, index == m_keep ? &pieces : nullptr);
        for (const TcpReassembler::Piece &p : pieces)
            m_stream.chunks[side].append(Chunk{p.offset, p.bytes, p.timeUs});
    }
    m_fragments.finish();
    for (int i = 0; i < m_conversations.size(); ++i)
        finishTcp(i);
    if (progress)
        progress(reader.size(), reader.size());
    m_error = reader.errorString();
    return m_error.isEmpty();
}

} // namespace Switchboard
