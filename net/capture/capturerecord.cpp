#include "capturerecord.h"
#include "net/protocol/messages.h"

namespace Switchboard {

QString CaptureRecord::peerString() const
{
    if (peerAddress.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(peerAddress.toString()).arg(peerPort);
    return QStringLiteral("%1:%2").arg(peerAddress.toString()).arg(peerPort);
}

QString CaptureRecord::typeName() const
{
    switch (kind) {
    case Kind::Chunk: return QStringLiteral("chunk");
    case Kind::Datagram: return QStringLiteral("datagram");
    case Kind::Error: return QStringLiteral("error");
    case Kind::Event: return QStringLiteral("event");
    case Kind::Frame: return Protocol::typeOf(header);
    }
    return QString();
}

} // namespace Switchboard
