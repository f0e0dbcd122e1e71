#pragma once
#include "framing.h"

namespace Switchboard {

// "line" and "delim:HEX": records that end in a delimiter (included in the message, not in its body).
// Without a delimiter within maxMessage() bytes the framing does not fit.
class DelimiterFraming : public Framing
{
public:
    DelimiterFraming(const QString &name, const QByteArray &delimiter);

    // After a gap or bytes that did not fit, messages start again after the next delimiter.
    qint64 resyncOffset(QByteArrayView data, bool atEnd, qint64 *rejected) override;

protected:
    qint64 measure(QByteArrayView data, qint64 scanned, Failure *failure) override;
    void describe(Message &message) const override;

private:
    QByteArray m_delimiter;
};

} // namespace Switchboard
