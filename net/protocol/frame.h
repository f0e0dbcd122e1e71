#pragma once
// One unit of the Switchboard wire protocol (docs/PROTOCOL.md, "Framing"):
// 4-byte big-endian header length N, N bytes of UTF-8 JSON object, then "size" bytes of payload.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Switchboard {

struct FrameLimits
{
    quint32 maxHeaderBytes = 65536;          // N may be 1..maxHeaderBytes
    qint64 maxPayloadBytes = 16 * 1024 * 1024; // "size" may be 0..maxPayloadBytes
};

struct Frame
{
    QJsonObject header;
    QByteArray payload;
    qint64 streamOffset = 0; // where the length prefix starts in the connection's byte stream
    quint32 headerLength = 0; // N, the JSON header's length in bytes
    QByteArray rawHeader;     // the N header bytes exactly as received (empty for frames built locally)

    QString type() const { return header.value(QLatin1String("type")).toString(); }
    qint64 wireSize() const { return 4 + qint64(headerLength) + payload.size(); }
    // Length prefix + raw header + payload, as they were on the wire.
    QByteArray wireBytes() const;
};

} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::Frame)
