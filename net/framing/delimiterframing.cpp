#include "delimiterframing.h"

namespace Switchboard {

DelimiterFraming::DelimiterFraming(const QString &name, const QByteArray &delimiter)
    : Framing(name), m_delimiter(delimiter)
{
}

qint64 DelimiterFraming::measure(QByteArrayView data, qint64 scanned, Failure *failure)
{
    // Resume where the last search stopped, minus a delimiter's length that may straddle the cut.
    const qsizetype from = qMax<qint64>(0, scanned - m_delimiter.size() + 1);
    const qsizetype at = data.indexOf(QByteArrayView(m_delimiter), from);
    if (at >= 0)
        return at + m_delimiter.size();
    if (data.size() > maxMessage()) {
        failure->offset = 0;
        failure->text = tr("no delimiter within %1 bytes; the framing does not fit").arg(maxMessage());
        return -1;
    }
    return 0;
}

qint64 DelimiterFraming::resyncOffset(QByteArrayView data, bool atEnd, qint64 *rejected)
{
    const qsizetype at = data.indexOf(QByteArrayView(m_delimiter));
    if (at >= 0)
        return at + m_delimiter.size();
    // A delimiter may straddle the end of data, unless nothing more comes.
    *rejected = atEnd ? data.size() : qMax<qint64>(0, data.size() - m_delimiter.size() + 1);
    return -1;
}

void DelimiterFraming::describe(Message &message) const
{
    message.bodyOffset = 0;
    message.bodyLength = message.bytes.size() - m_delimiter.size();
}

} // namespace Switchboard
