#pragma once
#include "frame.h"

namespace Switchboard {

// Serialises a header (+ optional payload) into wire bytes. A non-empty payload sets "size".
class FrameEncoder
{
public:
    static QByteArray encode(QJsonObject header, const QByteArray &payload = {});
    // The JSON text exactly as it goes on the wire (compact, UTF-8).
    static QByteArray headerBytes(const QJsonObject &header);
    // Length prefix + the given header bytes + payload.
    static QByteArray assemble(const QByteArray &headerJson, const QByteArray &payload);
};

} // namespace Switchboard
