#pragma once
#include "framing.h"

namespace Switchboard {

// "fixed:N": records of exactly N bytes.
class FixedFraming : public Framing
{
public:
    explicit FixedFraming(qint64 size) : Framing(QStringLiteral("fixed:%1").arg(size)), m_size(size) { }

    // Nothing marks a boundary: decoding simply restarts where the bytes do.
    qint64 resyncOffset(QByteArrayView, bool, qint64 *rejected) override
    {
        *rejected = 0;
        return 0;
    }

protected:
    qint64 measure(QByteArrayView, qint64, Failure *) override { return m_size; }

private:
    qint64 m_size;
};

} // namespace Switchboard
