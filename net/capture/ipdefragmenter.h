#pragma once
// Puts IPv4 fragments and IPv6 fragment-header fragments back together, so that a TCP segment or
// UDP datagram larger than the path's MTU decodes like any other packet (CaptureImport).

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <map>

namespace Switchboard {

// Bounded by capture time and bytes, so any capture can be fed through it:
//  - a datagram whose first fragment came more than TimeoutUs (capture time) before the packet
//    being added is given up, as a host would;
//  - at most MaxFlowBytes are held per source/destination pair (a datagram that would exceed it
//    is given up) and MaxTotalBytes in all (the oldest datagrams are given up first);
//  - a datagram reaching beyond 65,535 bytes is given up.
// Overlapping fragments: the first copy of each byte wins, later copies are counted and dropped,
// so the outcome depends only on the order of the packets in the file.
class IpDefragmenter
{
public:
    static constexpr qint64 TimeoutUs = 30LL * 1000 * 1000;
    static constexpr qint64 MaxDatagramBytes = 65535;
    static constexpr qint64 MaxFlowBytes = 1024 * 1024;
    static constexpr qint64 MaxTotalBytes = 16LL * 1024 * 1024;

    enum class Outcome {
        NotFragment, // decode the packet as it is
        Held, // a fragment of a datagram not complete yet
        Complete, // the datagram is whole: *whole is it as one unfragmented IP packet
        Dropped, // a damaged fragment, or one of a datagram given up
    };

    // ip: an IPv4 or IPv6 packet as captured (from its IP header on).
    Outcome add(QByteArrayView ip, qint64 timeUs, QByteArray *whole);
    // The capture ended: the datagrams still incomplete are given up.
    void finish();

    qint64 reassembled() const { return m_reassembled; } // datagrams put together
    qint64 givenUp() const { return m_givenUp; } // datagrams given up (timeout, bounds, incomplete)
    qint64 overlappingBytes() const { return m_overlapping; } // bytes that came again (first copy kept)
    qint64 heldBytes() const { return m_heldBytes; }

private:
    struct Fragment
    {
        QByteArray key; // version, addresses, protocol (IPv4) and identification
        QByteArray flow; // version and addresses
        QByteArray header; // IPv4: its header; IPv6: the fixed 40-byte header
        quint8 next = 0; // IPv6: the protocol the fragment header names
        qint64 offset = 0;
        bool more = false;
        QByteArrayView data;
    };
    struct Datagram
    {
        QByteArray flow;
        QByteArray header; // from the fragment at offset 0, once seen
        quint8 next = 0;
        bool ipv6 = false;
        std::map<qint64, QByteArray> pieces; // by offset, never overlapping
        qint64 total = -1; // known once the last fragment is in
        qint64 held = 0;
        qint64 firstUs = 0;
        quint64 serial = 0;
    };
    static bool parse(QByteArrayView ip, Fragment *f, bool *isFragment);
    qint64 insert(Datagram &d, qint64 offset, QByteArrayView data);
    static bool complete(const Datagram &d);
    static QByteArray rebuild(const Datagram &d);
    void giveUp(const QByteArray &key);
    bool forget(const QByteArray &key);

    QHash<QByteArray, Datagram> m_datagrams;
    std::map<quint64, QByteArray> m_order; // serial: oldest first
    QHash<QByteArray, qint64> m_flowBytes;
    quint64 m_serial = 0;
    qint64 m_heldBytes = 0;
    qint64 m_reassembled = 0;
    qint64 m_givenUp = 0;
    qint64 m_overlapping = 0;
};

} // namespace Switchboard
