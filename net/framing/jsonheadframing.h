#pragma once
#include "framing.h"

namespace Switchboard {

// A 4-byte length + a JSON head of that many bytes + as many payload bytes as the head names.
//  - V1 ("v1", docs/PROTOCOL.md section 1): unsigned big-endian length, payload "size".
//  - Tutorial ("tutorial", section 9): struct.pack('i'), little-endian signed, payload "filesize".
// A length outside 1..65,536, a head that is not a JSON object or a payload size that is not a
// non-negative integer does not fit.
class JsonHeadFraming : public Framing
{
public:
    enum class Variant { V1, Tutorial };
    static constexpr qint64 MaxHeadBytes = 65536;

    explicit JsonHeadFraming(Variant variant);

protected:
    qint64 measure(QByteArrayView data, qint64 scanned, Failure *failure) override;
    void describe(Message &message) const override;

private:
    Variant m_variant;
    QJsonObject m_head; // parsed by measure() for the message describe() gets next
};

} // namespace Switchboard
