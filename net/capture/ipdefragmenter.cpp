#include "ipdefragmenter.h"

#include "packetdecoder.h"

#include <QtEndian>

namespace Switchboard {

bool IpDefragmenter::parse(QByteArrayView ip, Fragment *f, bool *isFragment)
{
    const auto *p = reinterpret_cast<const quint8 *>(ip.data());
    const qsizetype size = ip.size();
    *isFragment = false;
    if (size >= 20 && (p[0] >> 4) == 4) {
        const int ihl = (p[0] & 0x0f) * 4;
        const quint16 field = qFromBigEndian<quint16>(p + 6);
        f->offset = qint64(field & 0x1fff) * 8;
        f->more = field & 0x2000;
        if (f->offset == 0 && !f->more)
            return true;
        *isFragment = true;
        const qsizetype total = qFromBigEndian<quint16>(p + 2);
        if (ihl < 20 || total < ihl || total > size)
            return false; // damaged, or cut short by the snap length: its bytes are unknown
        f->header = ip.first(ihl).toByteArray();
        f->flow = QByteArray(1, '4') + ip.sliced(12, 8).toByteArray();
        f->key = f->flow + char(p[9]) + ip.sliced(4, 2).toByteArray();
        f->data = ip.sliced(ihl, total - ihl);
        return true;
    }
    if (size >= 40 && (p[0] >> 4) == 6) {
        quint8 next = p[6];
        qsizetype at = 40;
        // Hop-by-hop, routing and destination options may come before the fragment header.
        while ((next == 0 || next == 43 || next == 60) && size >= at + 8) {
            next = p[at];
            at += (qsizetype(p[at + 1]) + 1) * 8;
        }
        if (next != 44)
            return true;
        *isFragment = true;
        const qsizetype end = 40 + qsizetype(qFromBigEndian<quint16>(p + 4));
        if (at + 8 > end || end > size)
            return false;
        const quint16 field = qFromBigEndian<quint16>(p + at + 2);
        f->offset = field & 0xfff8;
        f->more = field & 1;
        f->next = p[at];
        f->header = ip.first(40).toByteArray();
        f->flow = QByteArray(1, '6') + ip.sliced(8, 32).toByteArray();
        f->key = f->flow + ip.sliced(at + 4, 4).toByteArray();
        f->data = ip.sliced(at + 8, end - at - 8);
        return true;
    }
    return true; // not IP: PacketDecoder says so
}

IpDefragmenter::Outcome IpDefragmenter::add(QByteArrayView ip, qint64 timeUs, QByteArray *whole)
{
    // Datagrams begun too long ago (capture time) are given up first, oldest first.
    while (!m_order.empty()) {
        const auto oldest = m_datagrams.constFind(m_order.begin()->second);
        if (oldest->firstUs + TimeoutUs >= timeUs)
            break;
        giveUp(m_order.begin()->second);
    }
    Fragment f;
    bool isFragment = false;
    if (!parse(ip, &f, &isFragment))
        return Outcome::Dropped;
    if (!isFragment)
        return Outcome::NotFragment;
    // IPv4 counts its header in the 65,535 bytes; only the last fragment may end off an 8-byte unit.
    const qint64 limit = MaxDatagramBytes - (f.flow.startsWith('4') ? f.header.size() : 0);
    if (f.offset + f.data.size() > limit || (f.more && f.data.size() % 8 != 0)) {
        if (m_datagrams.contains(f.key))
            giveUp(f.key);
        return Outcome::Dropped;
    }
    auto it = m_datagrams.find(f.key);
    if (it == m_datagrams.end()) {
        Datagram d;
        d.flow = f.flow;
        d.ipv6 = f.flow.startsWith('6');
        d.firstUs = timeUs;
        d.serial = ++m_serial;
        m_order.emplace(d.serial, f.key);
        it = m_datagrams.insert(f.key, d);
    }
    Datagram &d = *it;
    const qint64 added = insert(d, f.offset, f.data);
    if (m_flowBytes.value(d.flow) + added > MaxFlowBytes) {
        giveUp(f.key);
        return Outcome::Dropped;
    }
    d.held += added;
    m_flowBytes[d.flow] += added;
    m_heldBytes += added;
    if (f.offset == 0 && d.header.isEmpty()) {
        d.header = f.header;
        d.next = f.next;
    }
    if (!f.more && d.total < 0)
        d.total = f.offset + f.data.size();
    if (complete(d)) {
        *whole = rebuild(d);
        ++m_reassembled;
        forget(f.key);
        return Outcome::Complete;
    }
    // Over the total budget: the oldest datagrams go first (possibly this one).
    while (m_heldBytes > MaxTotalBytes && !m_order.empty()) {
        const QByteArray oldest = m_order.begin()->second;
        giveUp(oldest);
        if (oldest == f.key)
            return Outcome::Dropped;
    }
    return Outcome::Held;
}

qint64 IpDefragmenter::insert(Datagram &d, qint64 offset, QByteArrayView data)
{
    // Keep only the bytes no earlier fragment carried.
    const qint64 end = offset + data.size();
    QList<QPair<qint64, qint64>> fresh;
    qint64 at = offset;
    auto it = d.pieces.upper_bound(offset);
    if (it != d.pieces.begin())
        --it;
    for (; it != d.pieces.end() && it->first < end; ++it) {
        const qint64 pieceEnd = it->first + it->second.size();
        if (pieceEnd <= at)
            continue;
        if (it->first > at)
            fresh.append({ at, it->first });
        at = qMax(at, pieceEnd);
    }
    if (at < end)
        fresh.append({ at, end });
    qint64 added = 0;
    for (const auto &[from, to] : fresh) {
        d.pieces.emplace(from, data.sliced(from - offset, to - from).toByteArray());
        added += to - from;
    }
    m_overlapping += data.size() - added;
    return added;
}

bool IpDefragmenter::complete(const Datagram &d)
{
    if (d.total < 0 || d.header.isEmpty())
        return false;
    qint64 at = 0;
    for (const auto &[offset, bytes] : d.pieces) {
        if (offset > at)
            return false;
        at = qMax(at, offset + bytes.size());
        if (at >= d.total)
            return true;
    }
    return d.total == 0;
}

QByteArray IpDefragmenter::rebuild(const Datagram &d)
{
    QByteArray data;
    data.reserve(d.total);
    for (const auto &[offset, bytes] : d.pieces)
        if (offset < d.total)
            data += bytes.first(qMin<qint64>(bytes.size(), d.total - offset));
    QByteArray out = d.header;
    auto *p = reinterpret_cast<uchar *>(out.data());
    if (d.ipv6) {
        qToBigEndian(quint16(data.size()), p + 4);
        p[6] = d.next; // the extension headers before the fragment header are not kept
    } else {
        qToBigEndian(quint16(out.size() + data.size()), p + 2);
        qToBigEndian(quint16(0), p + 6); // no more fragments, offset 0
        qToBigEndian(quint16(0), p + 10);
        quint32 sum = PacketDecoder::checksumSum(out);
        while (sum >> 16)
            sum = (sum & 0xffff) + (sum >> 16);
        qToBigEndian(quint16(~sum), p + 10);
    }
    return out + data;
}

void IpDefragmenter::giveUp(const QByteArray &key)
{
    if (forget(key))
        ++m_givenUp;
}

bool IpDefragmenter::forget(const QByteArray &key)
{
    const auto it = m_datagrams.constFind(key);
    if (it == m_datagrams.constEnd())
        return false;
    m_heldBytes -= it->held;
    qint64 &flow = m_flowBytes[it->flow];
    flow -= it->held;
    if (flow <= 0)
        m_flowBytes.remove(it->flow);
    m_order.erase(it->serial); // key may be the copy held there: not used after this
    m_datagrams.erase(it);
    return true;
}

void IpDefragmenter::finish()
{
    while (!m_order.empty())
        giveUp(m_order.begin()->second);
}

} // namespace Switchboard
