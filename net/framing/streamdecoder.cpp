#include "streamdecoder.h"

namespace Switchboard {

StreamDecoder::StreamDecoder(std::unique_ptr<Framing> framing, bool resync)
    : m_framing(std::move(framing))
    , m_resync(resync)
{
}

std::unique_ptr<StreamDecoder> StreamDecoder::create(const QString &framing, bool resync, QString *error)
{
    auto f = Framing::create(framing, error);
    return f ? std::make_unique<StreamDecoder>(std::move(f), resync) : nullptr;
}

qint64 StreamDecoder::skippedBytes() const
{
    qint64 n = 0;
    for (const Skip &s : m_skips)
        n += s.length;
    return n;
}

qint64 StreamDecoder::pendingBytes() const
{
    if (m_mode == Mode::Searching)
        return 0;
    return m_framing->failed() ? 0 : m_framing->pending().size();
}

QList<Framing::Message> StreamDecoder::feed(qint64 offset, QByteArrayView bytes)
{
    QList<Framing::Message> out;
    if (m_next < 0)
        m_next = m_base = offset;
    if (offset < m_next) { // bytes already fed are not fed twice
        if (offset + bytes.size() <= m_next)
            return out;
        bytes = bytes.sliced(m_next - offset);
        offset = m_next;
    }
    if (offset > m_next) {
        m_gaps.append(Gap { m_next, offset - m_next });
        if (m_mode == Mode::Decoding && !m_resync) {
            m_mode = Mode::Stopped;
        } else if (m_mode == Mode::Decoding) {
            skip(pendingOffset(), m_framing->pending().size(), tr("an incomplete message cut off by the gap"));
            startSearch(offset, QByteArray(), tr("after the gap at byte %1").arg(m_next));
        } else if (m_mode == Mode::Searching) {
            skip(m_searchStart, m_searchBase + m_search.size() - m_searchStart, m_searchWhy);
            startSearch(offset, QByteArray(), tr("after the gap at byte %1").arg(m_next));
        }
    }
    m_next = offset + bytes.size();
    if (m_mode == Mode::Decoding) {
        decode(bytes, out);
    } else if (m_mode == Mode::Searching) {
        m_search.append(bytes.data(), bytes.size());
        search(false, out);
    }
    return out;
}

QList<Framing::Message> StreamDecoder::finish()
{
    QList<Framing::Message> out;
    if (m_mode == Mode::Searching)
        search(true, out);
    return out;
}

void StreamDecoder::decode(QByteArrayView bytes, QList<Framing::Message> &out)
{
    for (Framing::Message &m : m_framing->feed(bytes)) {
        m.offset += m_base;
        out.append(std::move(m));
    }
    if (!m_framing->failed())
        return;
    Framing::Failure failure = m_framing->failure();
    failure.offset += m_base;
    m_failures.append(failure);
    if (!m_resync) {
        m_mode = Mode::Stopped;
        return;
    }
    // The message that did not fit is searched again from its first byte.
    startSearch(
        pendingOffset(), m_framing->pending(), tr("where the framing did not fit (byte %1)").arg(failure.offset));
    search(false, out);
}

void StreamDecoder::startSearch(qint64 offset, const QByteArray &bytes, const QString &why)
{
    m_mode = Mode::Searching;
    m_search = bytes;
    m_searchBase = m_searchStart = offset;
    m_searchWhy = why;
}

void StreamDecoder::search(bool atEnd, QList<Framing::Message> &out)
{
    qint64 rejected = 0;
    const qint64 at = m_framing->resyncOffset(m_search, atEnd, &rejected);
    if (at < 0) {
        // Bytes that cannot start a message are let go, so a long search holds little.
        m_search.remove(0, rejected);
        m_searchBase += rejected;
        if (atEnd) {
            skip(m_searchStart, m_searchBase - m_searchStart,
                m_searchWhy + QLatin1Char(' ') + tr("(no message boundary found before the end)"));
            m_searchStart = m_searchBase;
        }
        return;
    }
    skip(m_searchStart, m_searchBase + at - m_searchStart, m_searchWhy);
    m_mode = Mode::Decoding;
    m_framing->reset();
    m_base = m_searchBase + at;
    const QByteArray rest = m_search.mid(at);
    m_search.clear();
    decode(rest, out);
}

void StreamDecoder::skip(qint64 offset, qint64 length, const QString &why)
{
    if (length > 0)
        m_skips.append(Skip { offset, length, why });
}

} // namespace Switchboard
