#include "lengthprefixframing.h"

namespace Switchboard {

LengthPrefixFraming::LengthPrefixFraming(int prefixBytes, bool bigEndian, bool inclusive)
    : Framing(QStringLiteral("len:%1:%2%3")
                  .arg(prefixBytes)
                  .arg(bigEndian ? QStringLiteral("be") : QStringLiteral("le"))
                  .arg(inclusive ? QStringLiteral(":inclusive") : QString())),
      m_prefixBytes(prefixBytes), m_bigEndian(bigEndian), m_inclusive(inclusive)
{
}

quint32 LengthPrefixFraming::readPrefix(QByteArrayView data, int prefixBytes, bool bigEndian)
{
    quint32 value = 0;
    for (int i = 0; i < prefixBytes; ++i) {
        const quint32 byte = quint8(data.at(bigEndian ? i : prefixBytes - 1 - i));
        value = value << 8 | byte;
    }
    return value;
}

qint64 LengthPrefixFraming::measure(QByteArrayView data, qint64, Failure *failure)
{
    if (data.size() < m_prefixBytes)
        return 0;
    const qint64 value = readPrefix(data, m_prefixBytes, m_bigEndian);
    if (!m_inclusive)
        return m_prefixBytes + value;
    if (value < m_prefixBytes) {
        failure->offset = 0;
        failure->text = tr("length %1 is shorter than its own %2-byte prefix; the framing does not fit")
                            .arg(value)
                            .arg(m_prefixBytes);
        return -1;
    }
    return value;
}

void LengthPrefixFraming::describe(Message &message) const
{
    message.bodyOffset = m_prefixBytes;
    message.bodyLength = message.bytes.size() - m_prefixBytes;
}

} // namespace Switchboard
