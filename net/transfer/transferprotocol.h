#pragma once
// Tuning constants of file transfer (docs/PROTOCOL.md, "File transfer"). The messages themselves
// are in net/protocol/messages.h.

#include <QString>

namespace Switchboard::TransferProtocol {

// Payload bytes per upload.chunk / download.chunk frame. Chosen by measurement
// (bench/bench_transfer sweep): 256 KiB reaches the throughput of 1 MiB chunks on loopback
// while keeping the queue a chat frame waits behind four times shorter (see the doc).
constexpr int DefaultChunkSize = 256 * 1024;
constexpr int MinChunkSize = 4 * 1024;
constexpr int MaxChunkSize = 4 * 1024 * 1024; // well below FrameLimits::maxPayloadBytes (16 MiB)
// A fast stream's chunks grow past the suggested size, up to this: a sender makes each chunk an
// eighth of its send window (SendWindow::chunkSize), so a chunk grows only where the window, the
// bytes the path carries within the target delay, has grown to 8 of them. On loopback 1 MiB chunks
// cost about a tenth less CPU per GiB than 256 KiB ones (a quarter as many frames, and fewer
// wake-ups and system calls; docs/BENCHMARKS.md), while a slow link keeps the suggested size.
constexpr int FastChunkSize = 1024 * 1024;
// Flow control: a sender keeps only a window of payload bytes unacknowledged (chunks sent but not
// yet confirmed by upload.ack / download.ack; the window adapts to the queueing delay, see
// SendWindow), and queues a chunk only while the connection's own buffer holds less than
// MaxUnsentBytes (continuing on bytesWritten and on acks). Kernel socket buffers on both sides
// can hold many megabytes; without acks a chat frame would wait behind all of that.
constexpr qint64 MaxUnsentBytes = 1024 * 1024;
constexpr int DefaultTargetDelayMs = 5;

inline const QString HashAlgorithm = QStringLiteral("xxh3-128");
inline const QString HashPrefix = QStringLiteral("xxh3-128:"); // + 32 lower-case hex digits

} // namespace Switchboard::TransferProtocol
