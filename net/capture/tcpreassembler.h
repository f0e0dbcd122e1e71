#pragma once
// Rebuilds one direction of a TCP stream from captured segments: in order, each byte once.

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>

#include <map>

namespace Switchboard {

// Segments may come out of order, retransmitted, overlapping or duplicated; the bytes are handed
// out in stream order, each once, as the segments that carried them complete the stream (one
// piece per segment, possibly trimmed). Stream offset 0 is the byte after the SYN, or the first
// byte seen when the capture started after the handshake. Sequence numbers wrap.
//
// Out-of-order data is held up to MaxHeldBytes; beyond that (or at finish()) the missing stretch
// is skipped and reported as a gap.
class TcpReassembler
{
public:
    static constexpr qint64 MaxHeldBytes = 8LL * 1024 * 1024;

    struct Piece
    {
        qint64 offset = 0;
        QByteArray bytes;
        qint64 timeUs = 0; // of the segment that carried it
    };
    struct Gap
    {
        qint64 offset = 0;
        qint64 length = 0;
    };

    // One captured segment: flags as in the TCP header (SYN, FIN, RST ...).
    void segment(quint32 seq, quint8 flags, QByteArrayView payload, qint64 timeUs, QVector<Piece> *out);
    // The capture ended: what is held is handed out, the holes before it reported as gaps.
    void finish(QVector<Piece> *out);

    qint64 delivered() const { return m_next; }
    const QVector<Gap> &gaps() const { return m_gaps; }
    qint64 gapBytes() const;
    qint64 repeatedBytes() const { return m_repeated; }   // retransmitted or duplicated bytes dropped
    int outOfOrderSegments() const { return m_outOfOrder; }
    bool synSeen() const { return m_syn; }
    bool finSeen() const { return m_fin; }
    bool rstSeen() const { return m_rst; }
    quint32 initialSequence() const { return m_isn; }

private:
    struct Held
    {
        QByteArray bytes;
        qint64 timeUs = 0;
    };
    void deliver(qint64 offset, QByteArrayView bytes, qint64 timeUs, QVector<Piece> *out);
    void drain(QVector<Piece> *out);
    void skipToHeld(QVector<Piece> *out);

    bool m_started = false;
    bool m_syn = false;
    bool m_fin = false;
    bool m_rst = false;
    quint32 m_isn = 0;   // sequence number of stream offset 0
    qint64 m_next = 0;   // next offset to hand out
    std::map<qint64, Held> m_held;
    qint64 m_heldBytes = 0;
    qint64 m_repeated = 0;
    int m_outOfOrder = 0;
    QVector<Gap> m_gaps;
};

} // namespace Switchboard
