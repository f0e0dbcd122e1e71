// libFuzzer target for the UDP room datagram (UDP 5153, docs/PROTOCOL.md 13): anyone on the network
// can send one. Properties: decode() never crashes and refuses anything over the size limit; what
// it accepts re-encodes (when it still fits: "1e3" is shorter than "1000") to a datagram that
// decodes to the same thing, so a resent or relayed datagram means what the original meant.
#include "fuzzcheck.h"
#include "net/protocol/udproomdatagram.h"

#include <cstddef>
#include <cstdint>

using namespace Switchboard::UdpRooms;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Datagram> d = decode(input);
    if (!d)
        return 0;
    CHECK(input.size() <= MaxDatagramBytes, qint64(input.size()));
    CHECK(!d->room.isEmpty() && !d->from.isEmpty());
    const QByteArray again = encode(*d);
    if (again.isEmpty())
        return 0; // numbers written longer than they came: no longer fits, refused at encode
    CHECK(again.size() <= MaxDatagramBytes, qint64(again.size()));
    const std::optional<Datagram> e = decode(again);
    CHECK(e.has_value(), again);
    CHECK(e->kind == d->kind && e->room == d->room && e->from == d->from, again);
    switch (d->kind) {
    case Datagram::Kind::Message:
        CHECK(e->seq == d->seq && e->timeMs == d->timeMs && e->text == d->text && e->name == d->name, again);
        CHECK(d->seq >= 1 && d->seq <= MaxSeq, d->seq);
        break;
    case Datagram::Kind::Resend:
        CHECK(e->to == d->to && e->seqs == d->seqs, again);
        CHECK(!d->seqs.isEmpty() && d->seqs.size() <= MaxResendSeqs, qint64(d->seqs.size()));
        break;
    case Datagram::Kind::Hello:
        CHECK(e->seq == d->seq && e->name == d->name && e->intervalMs == d->intervalMs, again);
        break;
    case Datagram::Kind::Bye:
        break;
    }
    return 0;
}
