// libFuzzer target for the LAN discovery datagram (UDP 5152, docs/PROTOCOL.md 12): anyone on the
// network can send one. Properties: decode() never crashes and refuses anything over the size
// limit; what it accepts re-encodes to a datagram that decodes to the same thing and fits the
// limit (a server never answers with a datagram its own clients would drop).
#include "fuzzcheck.h"
#include "net/protocol/discoverydatagram.h"

#include <cstddef>
#include <cstdint>

using namespace Switchboard::Discovery;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Datagram> d = decode(input);
    if (!d)
        return 0;
    CHECK(input.size() <= MaxDatagramBytes, qint64(input.size()));
    if (d->kind == Datagram::Kind::Query) {
        CHECK(decode(encodeQuery()).has_value());
        return 0;
    }
    const Announcement &a = d->announcement;
    const QByteArray again = d->kind == Datagram::Kind::Announce ? encodeAnnouncement(a) : encodeGoodbye(a);
    CHECK(again.size() <= MaxDatagramBytes, qint64(again.size()));
    const std::optional<Datagram> e = decode(again);
    CHECK(e.has_value(), again);
    CHECK(e->kind == d->kind);
    CHECK(e->announcement.id == a.id && e->announcement.port == a.port, again);
    if (d->kind == Datagram::Kind::Announce)
        CHECK(e->announcement.name == a.name && e->announcement.tls == a.tls && e->announcement.fingerprint == a.fingerprint
                  && e->announcement.intervalMs == a.intervalMs && e->announcement.version == a.version,
              again);
    return 0;
}
