#pragma once
#include "framing.h"

namespace Switchboard {

// "raw": no framing; every chunk is one message, exactly as it arrived.
class RawFraming : public Framing
{
public:
    RawFraming() : Framing(QStringLiteral("raw")) { }

protected:
    // feed() appends a chunk to an empty buffer, so everything held is the chunk.
    qint64 measure(QByteArrayView data, qint64, Failure *) override { return data.size(); }
};

} // namespace Switchboard
