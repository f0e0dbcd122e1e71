// libFuzzer target for FrameDecoder (built with clang++ -fsanitize=fuzzer,address; see CMakeLists.txt).
//
// Input layout: byte 0 = flags, byte 1 = split point, the rest = the byte stream a peer sends.
//   flags bit 0     : use tiny limits (header 64 bytes, payload 100 bytes) to reach the limit paths
//   flags bits 1..3 : after the split, feed the rest in chunks of 1, 2, 3, 5, 8, 13, 64 bytes or whole (0)
//   split byte      : where the first feed ends, as a fraction (0..255) of the stream
// The stream is decoded twice (one feed; split + chunked feeds) and both runs must agree exactly.
// Invariants checked on every step are listed in check() and decode().
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "fuzzcheck.h"

#include <cstdint>
#include <limits>
#include <vector>

using namespace Switchboard;

namespace {

struct Result
{
    std::vector<Frame> frames;
    FrameDecoder::Error error = FrameDecoder::Error::None;
    qint64 consumed = 0;
    qint64 buffered = 0;
};

// Properties every decoded frame must have, whatever the input.
void checkFrame(const Frame &f, QByteArrayView stream, qint64 expectedOffset, const FrameLimits &limits)
{
    CHECK(f.streamOffset == expectedOffset, f.streamOffset, expectedOffset);
    CHECK(f.headerLength >= 1 && f.headerLength <= limits.maxHeaderBytes, f.headerLength);
    CHECK(qsizetype(f.headerLength) == f.rawHeader.size(), f.headerLength, f.rawHeader.size());
    CHECK(f.payload.size() <= limits.maxPayloadBytes, f.payload.size());
    CHECK(!f.type().isEmpty());
    const QJsonValue size = f.header.value(QLatin1String("size"));
    if (size.isUndefined())
        CHECK(f.payload.isEmpty(), f.payload.size());
    else
        CHECK(qint64(size.toDouble()) == f.payload.size(), qint64(size.toDouble()), f.payload.size());
    // The frame is exactly the bytes it came from.
    CHECK(f.streamOffset + f.wireSize() <= stream.size(), f.streamOffset + f.wireSize(), stream.size());
    const QByteArray wire = f.wireBytes();
    CHECK(wire.size() == f.wireSize());
    CHECK(QByteArrayView(wire) == stream.sliced(f.streamOffset, f.wireSize()));

    // Re-encoding what was decoded gives a frame that decodes to the same content.
    FrameDecoder again(FrameLimits{std::numeric_limits<quint32>::max(), limits.maxPayloadBytes});
    again.feed(FrameEncoder::encode(f.header, f.payload));
    Frame g;
    CHECK(again.next(&g));
    QJsonObject a = f.header, b = g.header;
    a.remove(QLatin1String("size"));
    b.remove(QLatin1String("size"));
    CHECK(a == b);
    CHECK(g.payload == f.payload);
    CHECK(!again.next(&g));
    CHECK(again.error() == FrameDecoder::Error::None);
}

void drain(FrameDecoder &d, Result &r, QByteArrayView stream, qint64 fed)
{
    Frame f;
    while (d.next(&f)) {
        const qint64 expected = r.frames.empty() ? 0 : r.frames.back().streamOffset + r.frames.back().wireSize();
        checkFrame(f, stream, expected, d.limits());
        r.frames.push_back(f);
    }
    if (d.error() == FrameDecoder::Error::None) {
        CHECK(d.consumedBytes() + d.bufferedBytes() == fed, d.consumedBytes() + d.bufferedBytes(), fed);
    } else {
        CHECK(d.bufferedBytes() == 0, d.bufferedBytes());
        CHECK(!FrameDecoder::errorCode(d.error()).isEmpty());
        CHECK(!d.errorString().isEmpty());
    }
    // Memory held never exceeds what was sent.
    CHECK(d.bufferedBytes() >= 0 && d.bufferedBytes() <= fed, d.bufferedBytes(), fed);
}

Result decode(QByteArrayView stream, const FrameLimits &limits, qsizetype split, int chunk)
{
    FrameDecoder d(limits);
    Result r;
    d.feed(stream.first(split));
    drain(d, r, stream, split);
    qsizetype pos = split;
    while (pos < stream.size()) {
        const qsizetype n = chunk > 0 ? qMin<qsizetype>(chunk, stream.size() - pos) : stream.size() - pos;
        d.feed(stream.sliced(pos, n));
        pos += n;
        drain(d, r, stream, pos);
    }
    r.error = d.error();
    r.consumed = d.consumedBytes();
    r.buffered = d.bufferedBytes();

    if (r.error != FrameDecoder::Error::None) {
        // A failed decoder stays failed: more input changes nothing.
        d.feed(stream);
        d.feed(FrameEncoder::encode(QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}}));
        Frame f;
        CHECK(!d.next(&f));
        CHECK(d.error() == r.error);
        CHECK(d.bufferedBytes() == 0, d.bufferedBytes());
        CHECK(d.consumedBytes() == r.consumed, d.consumedBytes(), r.consumed);
    }
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t flags = data[0];
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const qsizetype split = qsizetype(qint64(stream.size()) * data[1] / 255);
    static const int chunks[8] = {0, 1, 2, 3, 5, 8, 13, 64};
    const int chunk = chunks[(flags >> 1) & 7];
    const FrameLimits limits = (flags & 1) ? FrameLimits{64, 100} : FrameLimits{};

    const Result whole = decode(stream, limits, stream.size(), 0);
    const Result pieces = decode(stream, limits, split, chunk);

    // However the bytes were cut, the outcome is the same.
    CHECK(whole.frames.size() == pieces.frames.size(), qint64(whole.frames.size()), qint64(pieces.frames.size()));
    for (size_t i = 0; i < whole.frames.size(); ++i) {
        const Frame &a = whole.frames[i];
        const Frame &b = pieces.frames[i];
        CHECK(a.header == b.header && a.payload == b.payload && a.rawHeader == b.rawHeader
                  && a.streamOffset == b.streamOffset && a.headerLength == b.headerLength,
              qint64(i));
    }
    CHECK(whole.error == pieces.error, qint64(whole.error), qint64(pieces.error));
    CHECK(whole.consumed == pieces.consumed, whole.consumed, pieces.consumed);
    CHECK(whole.buffered == pieces.buffered, whole.buffered, pieces.buffered);
    if (whole.error == FrameDecoder::Error::None)
        CHECK(whole.consumed + whole.buffered == stream.size());
    return 0;
}
