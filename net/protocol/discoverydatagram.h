#pragma once
// The discovery datagrams (docs/PROTOCOL.md section 12): one compact JSON object per UDP
// datagram on port 5152, with a magic member so that stray traffic is recognised and ignored.

#include <QByteArray>
#include <QString>
#include <optional>

namespace Switchboard::Discovery {

constexpr quint16 DefaultPort = 5152;
constexpr int MaxDatagramBytes = 1200; // fits any path's MTU; larger datagrams are ignored
constexpr int FormatVersion = 1;
constexpr int MaxNameChars = 64;
constexpr int MaxIdChars = 64;

// What a server says about itself, in an announcement or an answer to a query.
struct Announcement
{
    QString id;          // the server id: a UUID kept in the server's data directory
    QString name;        // for display; at most MaxNameChars
    quint16 port = 0;    // the TCP port of the Switchboard protocol
    int version = 1;     // the highest protocol version the server speaks
    QString server;      // software and version, e.g. "switchboard/0.1.0"
    bool tls = false;
    QString fingerprint; // the TLS certificate's fingerprint when tls
    int intervalMs = 60000; // the time until the next announcement: clients age entries by it
};

struct Datagram
{
    enum class Kind { Query, Announce, Goodbye };
    Kind kind = Kind::Query;
    Announcement announcement; // Announce: all of it; Goodbye: id and port
};

QByteArray encodeQuery();
QByteArray encodeAnnouncement(const Announcement &a);
QByteArray encodeGoodbye(const Announcement &a);
// Nothing for anything that is not a well-formed discovery datagram of a known kind: oversized,
// not JSON, wrong magic or format version, a member missing or of the wrong type.
std::optional<Datagram> decode(const QByteArray &bytes);

} // namespace Switchboard::Discovery
