#include "framedecoder.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QtEndian>

#include <cmath>

namespace Switchboard {

FrameDecoder::FrameDecoder(FrameLimits limits)
    : m_limits(limits)
{
}

void FrameDecoder::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_consumed = 0;
    m_error = Error::None;
    m_detail.clear();
    m_haveHeader = false;
    m_pending = Frame();
    m_pendingPayload = 0;
}

void FrameDecoder::feed(QByteArrayView bytes)
{
    if (m_error != Error::None || bytes.isEmpty())
        return;
    m_buffer.append(bytes.data(), bytes.size());
}

bool FrameDecoder::fail(Error e)
{
    m_error = e;
    m_buffer.clear(); // a broken stream is never read again; drop what it holds
    m_pos = 0;
    return false;
}

bool FrameDecoder::next(Frame *frame)
{
    if (m_error != Error::None)
        return false;

    if (!m_haveHeader) {
        const qsizetype available = m_buffer.size() - m_pos;
        if (available < 4)
            return false;
        const quint32 n = qFromBigEndian<quint32>(m_buffer.constData() + m_pos);
        if (n == 0)
            return fail(Error::ZeroLength);
        if (n > m_limits.maxHeaderBytes) {
            m_detail = QString::number(n);
            return fail(Error::HeaderTooLarge);
        }
        if (available < 4 + qsizetype(n))
            return false;

        const QByteArrayView json(m_buffer.constData() + m_pos + 4, n);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        (void)QString(utf8(json));
        if (utf8.hasError())
            return fail(Error::BadUtf8);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m_buffer.mid(m_pos + 4, n), &parseError);
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
        m_pos += 4 + n;
        m_consumed += 4 + n;
    }

    const qsizetype available = m_buffer.size() - m_pos;
    if (available < m_pendingPayload) {
        if (m_pos > 0) { // keep only the unread part so memory follows what is outstanding
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        return false;
    }
    if (m_pendingPayload > 0)
        m_pending.payload = m_buffer.mid(m_pos, m_pendingPayload);
    m_pos += m_pendingPayload;
    m_consumed += m_pendingPayload;
    *frame = std::move(m_pending);
    m_pending = Frame();
    m_pendingPayload = 0;
    m_haveHeader = false;

    if (m_pos == m_buffer.size()) {
        m_buffer.resize(0);
        m_pos = 0;
    } else if (m_pos >= 65536) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
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
