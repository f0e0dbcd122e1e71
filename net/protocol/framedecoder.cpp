#include "framedecoder.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace Switchboard {

namespace {
constexpr qsizetype ReadBytes = 16 * 1024;      // room offered for prefixes, headers and small frames
constexpr qsizetype PayloadGrowth = 256 * 1024; // a direct payload's buffer grows by at least this
constexpr qsizetype ScratchBytes = 16 * 1024;   // where a failed stream's bytes go to be dropped
} // namespace

FrameDecoder::FrameDecoder(FrameLimits limits)
    : m_limits(limits)
{
}

void FrameDecoder::reset()
{
    m_buffer.clear();
    m_begin = 0;
    m_end = 0;
    m_received = 0;
    m_consumed = 0;
    m_streaming = false;
    m_error = Error::None;
    m_detail.clear();
    m_haveHeader = false;
    m_pending = Frame();
    m_pendingPayload = 0;
    m_direct = false;
    m_payload.clear();
    m_payloads.clear();
    m_payloadFill = 0;
}

void FrameDecoder::releaseBuffers()
{
    if (m_haveHeader || m_begin != m_end)
        return;
    m_buffer = QByteArray();
    m_begin = 0;
    m_end = 0;
    m_payload = QByteArray();
    m_payloads.clear();
}

FrameDecoder::Span FrameDecoder::receiveSpace()
{
    if (m_error != Error::None) {
        if (m_buffer.size() < ScratchBytes)
            m_buffer.resize(ScratchBytes);
        return {m_buffer.data(), ScratchBytes};
    }
    if (m_direct && m_payloadFill < m_pendingPayload) {
        if (m_payloadFill == m_payload.size())
            growPayload();
        return {m_payload.data() + m_payloadFill, m_payload.size() - m_payloadFill};
    }
    const qsizetype held = m_end - m_begin;
    qsizetype want = ReadBytes;
    if (m_streaming && !m_haveHeader) {
        // Between large payloads, read the prefix and then exactly the header: the next payload
        // then goes straight to its own buffer instead of being read here and copied.
        const qsizetype exact = held < 4 ? 4 - held
                                         : 4 + qsizetype(qFromBigEndian<quint32>(m_buffer.constData() + m_begin)) - held;
        if (exact > 0)
            want = qMin(exact, ReadBytes);
    }
    if (m_buffer.size() - m_end < want) {
        if (m_begin > 0) { // keep only the unread part so memory follows what is outstanding
            std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, size_t(held));
            m_begin = 0;
            m_end = held;
        }
        if (m_buffer.size() - m_end < want)
            m_buffer.resize(m_end + want);
    }
    return {m_buffer.data() + m_end, want};
}

void FrameDecoder::commit(qsizetype n)
{
    if (m_error != Error::None || n <= 0)
        return;
    m_received += n;
    if (m_direct && m_payloadFill < m_pendingPayload)
        m_payloadFill += n;
    else
        m_end += n;
}

void FrameDecoder::feed(QByteArrayView bytes)
{
    while (m_error == Error::None && !bytes.isEmpty()) {
        const Span space = receiveSpace();
        const qsizetype n = qMin(space.size, bytes.size());
        std::memcpy(space.data, bytes.data(), size_t(n));
        commit(n);
        bytes = bytes.sliced(n);
    }
}

bool FrameDecoder::fail(Error e)
{
    m_error = e;
    // A broken stream is never read again; drop what it holds.
    m_buffer.clear();
    m_begin = 0;
    m_end = 0;
    m_payload.clear();
    m_payloads.clear();
    m_received = m_consumed;
    return false;
}

void FrameDecoder::startPayload()
{
    const qint64 size = m_pendingPayload;
    const qsizetype held = qsizetype(qMin<qint64>(m_end - m_begin, size));
    m_payload = m_payloads.reuse(size);
    if (!m_payload.isNull())
        m_payload.resize(size); // within its capacity: nothing allocated
    else
        m_payload = QByteArray(qsizetype(qMin<qint64>(size, qMax(held, PayloadGrowth))), Qt::Uninitialized);
    std::memcpy(m_payload.data(), m_buffer.constData() + m_begin, size_t(held));
    m_payloadFill = held;
    m_begin += held;
}

void FrameDecoder::growPayload()
{
    // With what arrived, never from the declared size alone.
    const qint64 target = qMin<qint64>(m_pendingPayload, qMax<qint64>(m_payloadFill * 2, m_payloadFill + PayloadGrowth));
    m_payload.resize(qsizetype(target));
}

bool FrameDecoder::parseHeader()
{
    const qsizetype available = m_end - m_begin;
    if (available < 4)
        return false;
    const char *p = m_buffer.constData() + m_begin;
    const quint32 n = qFromBigEndian<quint32>(p);
    if (n == 0)
        return fail(Error::ZeroLength);
    if (n > m_limits.maxHeaderBytes) {
        m_detail = QString::number(n);
        return fail(Error::HeaderTooLarge);
    }
    if (available < 4 + qsizetype(n))
        return false;

    const QByteArrayView json(p + 4, n);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(utf8(json));
    if (utf8.hasError())
        return fail(Error::BadUtf8);
    QJsonParseError parseError;
    // The parser copies what it keeps: no need to copy the text first.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(p + 4, n), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_detail = parseError.errorString();
        return fail(Error::NotJson);
    }
    if (!doc.isObject())
        return fail(Error::NotObject);
    const QJsonObject header = doc.object();
    const QJsonValue type = header.value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty())
        return fail(Error::MissingType);

    qint64 size = 0;
    const QJsonValue sizeValue = header.value(QLatin1String("size"));
    if (!sizeValue.isUndefined()) {
        const double d = sizeValue.toDouble(-1);
        if (!sizeValue.isDouble() || d < 0 || d != std::floor(d) || d > 9007199254740992.0)
            return fail(Error::BadSize);
        if (d > double(m_limits.maxPayloadBytes)) {
            m_detail = QString::number(qint64(d));
            return fail(Error::PayloadTooLarge);
        }
        size = qint64(d);
    }

    m_pending = Frame();
    m_pending.header = header;
    m_pending.headerLength = n;
    m_pending.rawHeader = json.toByteArray();
    m_pending.streamOffset = m_consumed;
    m_pendingPayload = size;
    m_haveHeader = true;
    m_begin += 4 + n;
    m_consumed += 4 + n;
    m_direct = size >= DirectPayloadBytes;
    if (m_direct)
        startPayload();
    return true;
}

bool FrameDecoder::next(Frame *frame)
{
    if (m_error != Error::None)
        return false;
    if (!m_haveHeader && !parseHeader())
        return false;
    if (m_direct) {
        if (m_payloadFill < m_pendingPayload)
            return false;
        m_pending.payload = std::move(m_payload); // no copy; reused once the frame lets go of it
        m_payloads.recycle(m_pending.payload);
        m_payload = QByteArray();
    } else {
        if (m_end - m_begin < m_pendingPayload)
            return false;
        if (m_pendingPayload > 0)
            m_pending.payload = QByteArray(m_buffer.constData() + m_begin, qsizetype(m_pendingPayload));
        m_begin += m_pendingPayload;
    }
    m_consumed += m_pendingPayload;
    m_streaming = m_direct;
    *frame = std::move(m_pending);
    m_pending = Frame();
    m_pendingPayload = 0;
    m_haveHeader = false;
    m_direct = false;
    m_payloadFill = 0;
    if (m_begin == m_end) {
        m_begin = 0;
        m_end = 0;
    }
    return true;
}

QString FrameDecoder::errorCode(Error e)
{
    switch (e) {
    case Error::None: return QString();
    case Error::ZeroLength: return QStringLiteral("frame_zero_length");
    case Error::HeaderTooLarge: return QStringLiteral("frame_header_too_large");
    case Error::PayloadTooLarge: return QStringLiteral("frame_payload_too_large");
    case Error::BadUtf8: return QStringLiteral("frame_bad_utf8");
    case Error::NotJson: return QStringLiteral("frame_not_json");
    case Error::NotObject: return QStringLiteral("frame_not_object");
    case Error::MissingType: return QStringLiteral("frame_missing_type");
    case Error::BadSize: return QStringLiteral("frame_bad_size");
    }
    return QString();
}

QString FrameDecoder::describe(Error e)
{
    switch (e) {
    case Error::None: return QString();
    case Error::ZeroLength: return tr("The frame's length prefix is zero.");
    case Error::HeaderTooLarge: return tr("The frame's header is longer than the limit.");
    case Error::PayloadTooLarge: return tr("The frame's payload is larger than the limit.");
    case Error::BadUtf8: return tr("The frame's header is not valid UTF-8.");
    case Error::NotJson: return tr("The frame's header is not valid JSON.");
    case Error::NotObject: return tr("The frame's header is not a JSON object.");
    case Error::MissingType: return tr("The frame's header has no \"type\" string.");
    case Error::BadSize: return tr("The frame's \"size\" is not a non-negative integer.");
    }
    return QString();
}

QString FrameDecoder::errorString() const
{
    if (m_error == Error::None)
        return QString();
    if (m_detail.isEmpty())
        return describe(m_error);
    return describe(m_error) + QStringLiteral(" (") + m_detail + QLatin1Char(')');
}

} // namespace Switchboard
