#pragma once
// The UDP room datagrams (docs/PROTOCOL.md section 13): a chat room with no server. One compact
// JSON object per UDP datagram on port 5153, with a magic member so that stray traffic (and
// discovery datagrams) are recognised and ignored.

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace Switchboard::UdpRooms {

constexpr quint16 DefaultPort = 5153;
constexpr int MaxDatagramBytes = 1200; // fits any path's MTU; larger datagrams are ignored
constexpr int FormatVersion = 1;
constexpr int MaxRoomChars = 64;
constexpr int MaxNameChars = 64;
constexpr int MaxIdChars = 32;
constexpr int MaxResendSeqs = 32;
constexpr qint64 MaxSeq = 9007199254740991; // 2^53 - 1: exact in every JSON implementation
constexpr int DefaultHelloIntervalMs = 30000;

struct Datagram
{
    enum class Kind { Message, Resend, Hello, Bye };
    Kind kind = Kind::Message;
    QString room;           // every kind
    QString from;           // every kind: the sender id (random per process)
    QString name;           // Message, Hello: the sender's display name
    qint64 seq = 0;         // Message: 1.., the sender's sequence number; Hello: the last one sent (0: none)
    qint64 timeMs = 0;      // Message: send time, ms since the Unix epoch (sender's clock)
    QString text;           // Message
    QString to;             // Resend: the sender id asked
    QList<qint64> seqs;     // Resend: the missing sequence numbers (1 to MaxResendSeqs)
    int intervalMs = DefaultHelloIntervalMs; // Hello: time until the next hello
};

QString kindName(Datagram::Kind kind); // "msg", "resend", "hello", "bye"
// Empty when the datagram would not fit MaxDatagramBytes (a text too long for one datagram).
QByteArray encode(const Datagram &d);
// Nothing for anything that is not a well-formed UDP room datagram: oversized, not JSON, wrong
// magic or format version, unknown type, a member missing, of the wrong type or out of range.
std::optional<Datagram> decode(const QByteArray &bytes);

} // namespace Switchboard::UdpRooms
