#include "tcpreassembler.h"

#include "packetdecoder.h"

namespace Switchboard {

qint64 TcpReassembler::gapBytes() const
{
    qint64 sum = 0;
    for (const Gap &g : m_gaps)
        sum += g.length;
    return sum;
}

void TcpReassembler::segment(quint32 seq, quint8 flags, QByteArrayView payload, qint64 timeUs, QVector<Piece> *out)
{
    if (flags & PacketDecoder::Rst)
        m_rst = true;
    if (flags & PacketDecoder::Syn) {
        if (!m_started) {
            m_started = true;
            m_syn = true;
            m_isn = seq + 1;
        }
        ++seq; // the SYN itself takes one sequence number
    }
    if (!m_started) {
        if (payload.isEmpty())
            return; // a bare ACK before any data says nothing about where the stream starts
        m_started = true;
        m_isn = seq;
    }
    // The 64-bit offset nearest to the next expected one with these low 32 bits.
    const qint64 offset = m_next + qint32(seq - quint32(m_isn + quint32(m_next)));
    if (flags & PacketDecoder::Fin)
        m_fin = true;
    if (payload.isEmpty())
        return;
    const qint64 end = offset + payload.size();
    if (end <= m_next) {
        m_repeated += payload.size();
        return;
    }
    if (offset <= m_next) {
        m_repeated += m_next - offset;
        deliver(m_next, payload.sliced(m_next - offset), timeUs, out);
        drain(out);
        return;
    }
    ++m_outOfOrder;
    auto it = m_held.find(offset);
    if (it != m_held.end()) {
        if (it->second.bytes.size() >= payload.size()) {
            m_repeated += payload.size();
            return;
        }
        m_heldBytes -= it->second.bytes.size();
    }
    m_held[offset] = Held{payload.toByteArray(), timeUs};
    m_heldBytes += payload.size();
    while (m_heldBytes > MaxHeldBytes && !m_held.empty())
        skipToHeld(out);
}

void TcpReassembler::deliver(qint64 offset, QByteArrayView bytes, qint64 timeUs, QVector<Piece> *out)
{
    if (out)
        out->append(Piece{offset, bytes.toByteArray(), timeUs});
    m_next = offset + bytes.size();
}

void TcpReassembler::drain(QVector<Piece> *out)
{
    while (!m_held.empty() && m_held.begin()->first <= m_next) {
        const auto first = m_held.begin();
        const qint64 offset = first->first;
        const Held held = first->second;
        m_held.erase(first);
        m_heldBytes -= held.bytes.size();
        const qint64 end = offset + held.bytes.size();
        if (end <= m_next) {
            m_repeated += held.bytes.size();
            continue;
        }
        m_repeated += m_next - offset;
        deliver(m_next, QByteArrayView(held.bytes).sliced(m_next - offset), held.timeUs, out);
    }
}

void TcpReassembler::skipToHeld(QVector<Piece> *out)
{
    const qint64 to = m_held.begin()->first;
    m_gaps.append(Gap{m_next, to - m_next});
    m_next = to;
    drain(out);
}

void TcpReassembler::finish(QVector<Piece> *out)
{
    while (!m_held.empty())
        skipToHeld(out);
}

} // namespace Switchboard
