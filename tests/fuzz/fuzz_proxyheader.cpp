// Properties of the PROXY protocol reader: never reads past what it is given, consumes no more
// than it was given, and a header it accepts from a longer stream is accepted the same from the
// header alone (it never depends on the client bytes that follow).
#include "fuzzcheck.h"
#include "net/connection/proxyheader.h"

#include <cstddef>
#include <cstdint>

using Switchboard::ProxyHeader;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    ProxyHeader h;
    const ProxyHeader::Status status = h.parse(input);
    if (status != ProxyHeader::Status::Done)
        return 0;
    CHECK(h.consumed() > 0 && h.consumed() <= input.size());
    CHECK(h.consumed() <= ProxyHeader::MaxV2Length);
    ProxyHeader again;
    CHECK(again.parse(input.left(h.consumed())) == ProxyHeader::Status::Done);
    CHECK(again.consumed() == h.consumed());
    CHECK(again.sourceAddress() == h.sourceAddress() && again.sourcePort() == h.sourcePort());
    return 0;
}
