#pragma once
#include "framing.h"

namespace Switchboard {

// "raw": no framing; every chunk is one message, exactly as it arrived.
class RawFraming : public Framing
{
public:
    RawFraming() : Framing(QStringLiteral("raw")) { }

    // Nothing marks a boundary: decoding simply restarts where the bytes do.
    qint64 resyncOffset(QByteArrayView, bool, qint64 *rejected) override
    {
        *rejected = 0;
        return 0;
    }

protected:
    // feed() appends a chunk to an empty buffer, so everything held is the chunk.
    qint64 measure(QByteArrayView data, qint64, Failure *) override { return data.size(); }
};

} // namespace Switchboard
