#include "jsonheadframing.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QtEndian>

#include <algorithm>

namespace Switchboard {

JsonHeadFraming::JsonHeadFraming(Variant variant)
    : Framing(variant == Variant::V1 ? QStringLiteral("v1") : QStringLiteral("tutorial")), m_variant(variant)
{
}

qint64 JsonHeadFraming::measure(QByteArrayView data, qint64, Failure *failure)
{
    if (data.size() < 4)
        return 0;
    const qint64 n = m_variant == Variant::V1 ? qint64(qFromBigEndian<quint32>(data.data()))
                                              : qint64(qFromLittleEndian<qint32>(data.data()));
    if (n < 1 || n > MaxHeadBytes) {
        failure->offset = 0;
        failure->text = tr("head length %1 is not between 1 and %2; the framing does not fit").arg(n).arg(MaxHeadBytes);
        return -1;
    }
    if (data.size() < 4 + n)
        return 0;
    // A head that does not open with '{' is no object: said without copying and parsing it, which
    // keeps a resync search over binary bytes cheap.
    const QByteArrayView head = data.sliced(4, n);
    const auto open = std::find_if(head.begin(), head.end(),
                                   [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
    if (open == head.end() || *open != '{') {
        failure->offset = 4;
        failure->text =
            tr("the %1-byte head is not a JSON object (%2); the framing does not fit").arg(n).arg(tr("not an object"));
        return -1;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(head.toByteArray(), &error);
    if (!doc.isObject()) {
        failure->offset = 4;
        failure->text = tr("the %1-byte head is not a JSON object (%2); the framing does not fit")
                            .arg(n)
                            .arg(error.error != QJsonParseError::NoError ? error.errorString() : tr("not an object"));
        return -1;
    }
    m_head = doc.object();
    const QString sizeKey = m_variant == Variant::V1 ? QStringLiteral("size") : QStringLiteral("filesize");
    const QJsonValue size = m_head.value(sizeKey);
    qint64 payload = 0;
    if (!size.isUndefined()) {
        const double d = size.toDouble(-1);
        if (!size.isDouble() || d < 0 || d != double(qint64(d)) || d > double(maxMessage())) {
            failure->offset = 4;
            failure->text = tr("the head's \"%1\" is not a plausible byte count; the framing does not fit").arg(sizeKey);
            return -1;
        }
        payload = qint64(d);
    }
    return 4 + n + payload;
}

void JsonHeadFraming::describe(Message &message) const
{
    message.headOffset = 4;
    message.headLength = m_variant == Variant::V1 ? qint64(qFromBigEndian<quint32>(message.bytes.constData()))
                                                  : qint64(qFromLittleEndian<qint32>(message.bytes.constData()));
    message.head = m_head;
    message.bodyOffset = message.headOffset + message.headLength;
    message.bodyLength = message.bytes.size() - message.bodyOffset;
}

} // namespace Switchboard
