#pragma once
// Opens any capture (pcap or pcapng: tcpdump, Wireshark, Switchboard's own) and rebuilds what the
// programs in it sent: each TCP stream reassembled per direction, each UDP flow as its datagrams.

#include "capturerecord.h"
#include "ipdefragmenter.h"
#include "packetdecoder.h"
#include "tcpreassembler.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QVector>

#include <functional>

class QIODevice;

namespace Switchboard {

class CaptureFileReader;

class CaptureImport
{
    Q_DECLARE_TR_FUNCTIONS(CaptureImport)
public:
    // Side 0 is "A to B" (A: whoever sent the first packet, or the SYN), side 1 "B to A".
    static constexpr int AtoB = 0;
    static constexpr int BtoA = 1;

    struct Conversation
    {
        int index = 0;
        CaptureRecord::Transport transport = CaptureRecord::Transport::Tcp;
        QHostAddress addressA;
        quint16 portA = 0;
        QHostAddress addressB;
        quint16 portB = 0;
        qint64 firstUs = 0;
        qint64 lastUs = 0;
        qint64 packets = 0;
        qint64 bytes[2] = {0, 0};         // stream bytes (TCP, each once) or datagram bytes (UDP)
        qint64 gapBytes[2] = {0, 0};      // TCP: bytes never captured
        qint64 repeatedBytes[2] = {0, 0}; // TCP: retransmitted or duplicated bytes dropped
        int outOfOrder[2] = {0, 0};       // TCP: segments that came before earlier ones
        bool handshakeSeen = false;
        bool finSeen[2] = {false, false};
        bool rstSeen = false;
        QString endpoint(int side) const; // "10.0.0.1:80", "[::1]:80" of the sender on that side
        QString transportName() const;
    };

    struct Chunk
    {
        qint64 offset = 0; // in the side's stream (UDP: sum of the earlier datagrams)
        QByteArray bytes;  // one segment's new bytes, or one datagram
        qint64 timeUs = 0;
    };
    struct Stream
    {
        QVector<Chunk> chunks[2];
        QVector<TcpReassembler::Gap> gaps[2];
    };

    // Called now and then with the bytes of the file read so far; returning false cancels.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Reads the whole file. The conversations are always listed; the bytes of conversation keep
    // (an index into conversations(), -1: none) are kept for stream(). False with errorString()
    // when the file cannot be read or was cancelled; what was read before damage is kept.
    bool read(const QString &path, int keep = -1, const Progress &progress = {});
    bool read(QIODevice *device, int keep = -1, const Progress &progress = {});

    const QVector<Conversation> &conversations() const { return m_conversations; }
    const Stream &stream() const { return m_stream; }
    QString errorString() const { return m_error; }
    bool cancelled() const { return m_cancelled; }
    qint64 packets() const { return m_packets; }
    qint64 skippedPackets() const { return m_skipped; } // neither TCP nor UDP over IP, or an unknown link type
    // IP fragments (IPv4, IPv6 fragment headers) are put back together before decoding.
    const IpDefragmenter &fragments() const { return m_fragments; }

private:
    struct Flow
    {
        TcpReassembler side[2];
        qint64 udpOffset[2] = {0, 0};
    };
    static QByteArray key(bool tcp, const QHostAddress &a, quint16 aPort, const QHostAddress &b, quint16 bPort);
    int conversationFor(const PacketDecoder::Decoded &d, qint64 timeUs);
    void finishTcp(int index);
    void reset(int keep);
    bool readAll(CaptureFileReader &reader, const Progress &progress);

    QVector<Conversation> m_conversations;
    QVector<Flow> m_flows;
    QHash<QByteArray, int> m_current; // the latest conversation of each address/port pair
    Stream m_stream;
    IpDefragmenter m_fragments;
    int m_keep = -1;
    qint64 m_packets = 0;
    qint64 m_skipped = 0;
    bool m_cancelled = false;
    QString m_error;
};

} // namespace Switchboard
