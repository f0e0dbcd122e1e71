// libFuzzer target for capture import (built with clang++ -fsanitize=fuzzer,address,undefined; see
// CMakeLists.txt): CaptureFileReader (pcap and pcapng), PacketDecoder (every link type),
// IpDefragmenter, TcpReassembler, CaptureImport, and the framings run over what was reassembled,
// also through StreamDecoder with resync.
//
// Input: the bytes of a capture file. Invariants: reading fails only with a reason; each kept side's
// chunks are in stream order without overlap, the delivered bytes and reported gaps of a side add up
// to its byte count; a framing's messages tile the bytes fed to it; with resync, messages, skipped
// stretches and gaps never overlap and come in stream order; reading twice gives the same.
#include "net/capture/captureimport.h"
#include "net/framing/framing.h"
#include "net/framing/streamdecoder.h"
#include "fuzzcheck.h"

#include <algorithm>

#include <QBuffer>

#include <cstdint>

using namespace Switchboard;

namespace {

qint64 summary(const CaptureImport &import)
{
    qint64 sum = import.packets() * 31 + import.skippedPackets();
    for (const auto &c : import.conversations())
        sum = sum * 7 + c.bytes[0] + 3 * c.bytes[1] + c.gapBytes[0] + c.packets;
    return sum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CaptureImport import;
    const bool ok = import.read(&buffer, 0);
    CHECK(ok == import.errorString().isEmpty(), ok);
    if (import.conversations().isEmpty())
        return 0;
    const CaptureImport::Conversation &c = import.conversations().first();
    for (int side : {0, 1}) {
        qint64 end = 0;
        qint64 delivered = 0;
        for (const auto &chunk : import.stream().chunks[side]) {
            CHECK(chunk.offset >= end, chunk.offset, end);
            end = chunk.offset + chunk.bytes.size();
            delivered += chunk.bytes.size();
        }
        if (c.transport == CaptureRecord::Transport::Tcp) {
            CHECK(delivered == c.bytes[side], delivered, c.bytes[side]);
            qint64 gaps = 0;
            for (const auto &g : import.stream().gaps[side])
                gaps += g.length;
            CHECK(gaps == c.gapBytes[side], gaps, c.gapBytes[side]);
            CHECK(end == delivered + gaps, end, delivered + gaps);
        }
        for (const QString &name : {QStringLiteral("v1"), QStringLiteral("tutorial"), QStringLiteral("line")}) {
            auto framing = Framing::create(name);
            qint64 fed = 0, at = 0;
            for (const auto &chunk : import.stream().chunks[side]) {
                fed += chunk.bytes.size();
                for (const auto &m : framing->feed(chunk.bytes)) {
                    CHECK(m.offset == at, m.offset, at);
                    at = m.end();
                }
            }
            CHECK(framing->failed() || framing->consumed() + framing->pending().size() == fed);

            auto decoder = StreamDecoder::create(name, true);
            QList<QPair<qint64, qint64>> spans; // [from, to) of messages, skips and gaps
            for (const auto &chunk : import.stream().chunks[side])
                for (const auto &m : decoder->feed(chunk.offset, chunk.bytes))
                    spans.append({m.offset, m.end()});
            for (const auto &m : decoder->finish())
                spans.append({m.offset, m.end()});
            for (const auto &k : decoder->skips())
                spans.append({k.offset, k.end()});
            for (const auto &g : decoder->gaps())
                spans.append({g.offset, g.offset + g.length});
            std::sort(spans.begin(), spans.end());
            for (int i = 1; i < spans.size(); ++i)
                CHECK(spans.at(i).first >= spans.at(i - 1).second, spans.at(i).first, spans.at(i - 1).second);
        }
    }
    buffer.seek(0);
    CaptureImport again;
    CHECK(again.read(&buffer, 0) == ok);
    CHECK(summary(again) == summary(import));
    return 0;
}
