#pragma once
// Writes capture records as a pcapng file that Wireshark and tshark open (docs: "Packet capture files").

#include "capturerecord.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

class QIODevice;

namespace Switchboard {

// Streams capture records to a QIODevice in pcapng format, one Ethernet interface.
// The application only sees payload bytes, so link, IP and TCP/UDP headers are synthesized:
//  - every Chunk record (one read or one write, exactly what the OS delivered or accepted)
//    becomes one TCP segment (several when it exceeds the 64 KiB an IP packet can carry);
//  - every Datagram record becomes one UDP datagram;
//  - Frame, Error and Event records add no packets (their bytes are already in the chunks);
//  - real addresses and ports; IPv4 when both ends are IPv4 (or v4-mapped), else IPv6;
//  - sequence numbers are an initial number derived from the 4-tuple plus the chunk's stream
//    offset, so both ends of one connection captured in one file agree; ACK is set on every
//    segment and acknowledges what the other direction has carried so far; PSH on every segment;
//  - IPv4, TCP and UDP checksums are computed; timestamps have microsecond resolution;
//  - each packet carries a comment naming the connection, direction and stream offset.
// Not thread-safe: CaptureFileWriter adds the locking.
class PcapngWriter
{
    Q_DECLARE_TR_FUNCTIONS(PcapngWriter)
public:
    explicit PcapngWriter(QIODevice *device = nullptr);

    void setDevice(QIODevice *device) { m_device = device; }
    QIODevice *device() const { return m_device; }
    // Per-packet comments (on by default).
    void setPacketComments(bool on) { m_comments = on; }

    // Section header and interface description; call once before write().
    bool writeHeader(const QString &application = QString());
    // Writes the packets for one record; records that carry no packet are skipped (returns true).
    bool write(const CaptureRecord &record);

    qint64 packetsWritten() const { return m_packets; }
    QString errorString() const { return m_error; }

    // Largest TCP payload per synthesized segment.
    static constexpr int MaxSegmentPayload = 65000;
    static constexpr int TcpPort = 5151; // the protocol's registered default port

private:
    struct Flow
    {
        qint64 outEnd = 0; // stream bytes seen local -> peer
        qint64 inEnd = 0;  // stream bytes seen peer -> local
        qint64 lastUse = 0;
        quint16 ipId = 0;
    };
    Flow &flow(quint64 connectionId);
    bool writeBlock(const QByteArray &block);
    bool writePacket(qint64 timeUs, const QByteArray &packet, const QString &comment);
    QByteArray buildTcp(const CaptureRecord &r, Flow &flow, const QByteArray &payload, qint64 offset) const;
    QByteArray buildUdp(const CaptureRecord &r, Flow &flow) const;

    QIODevice *m_device;
    QHash<quint64, Flow> m_flows; // per connection; the least recently used are forgotten beyond MaxFlows
    qint64 m_uses = 0;
    static constexpr int MaxFlows = 8192;
    qint64 m_packets = 0;
    QString m_error;
    bool m_comments = true;
};

} // namespace Switchboard
