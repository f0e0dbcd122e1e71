#pragma once
// What the packet inspector sees: one entry per raw read chunk, decoded frame, datagram or error.
// Connections report these at the single place where bytes enter and leave (Connection).

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Switchboard {

struct CaptureRecord
{
    enum class Kind : quint8 { Chunk, Frame, Datagram, Error, Event };
    enum class Direction : quint8 { In, Out };
    enum class Transport : quint8 { Tcp, Udp };

    Kind kind = Kind::Chunk;
    Direction direction = Direction::In;
    Transport transport = Transport::Tcp;
    qint64 timeUs = 0;        // microseconds since the Unix epoch
    quint64 connectionId = 0; // unique per connection within the process
    QHostAddress localAddress;
    quint16 localPort = 0;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    // Chunk/Datagram: the bytes exactly as the OS delivered or accepted them.
    // Frame: the whole frame's wire bytes (length prefix + header + payload).
    QByteArray bytes;
    qint64 streamOffset = 0;   // Chunk/Frame: offset of bytes[0] in this direction's byte stream
    QJsonObject header;        // Frame: the decoded header
    quint32 headerLength = 0;  // Frame: N
    qint64 payloadSize = 0;    // Frame: payload bytes
    QString text;              // Error/Event: what happened
    bool decrypted = false;    // the connection runs over TLS: bytes are as seen inside it

    QString peerString() const;
    QString typeName() const; // frame type, "chunk", "datagram", "error"
};

// Receives capture records; implementations must be thread-safe (connections may live in other threads).
class CaptureSink
{
public:
    virtual ~CaptureSink() = default;
    virtual void record(const CaptureRecord &record) = 0;
};

} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::CaptureRecord)
