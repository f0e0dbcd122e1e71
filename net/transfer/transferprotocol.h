#pragma once
// Message types, fields, error codes and tuning constants of the file transfer part of wire
// protocol v1 (docs/PROTOCOL.md, "File transfer"; drafted in docs/transfer-section.md).
// Kept apart from protocol/protocol.h so the transfer feature stays self-contained.

#include <QString>

namespace Switchboard::TransferProtocol {

// Payload bytes per upload.chunk / download.chunk frame. Chosen by measurement
// (bench/bench_transfer sweep): 256 KiB reaches the throughput of 1 MiB chunks on loopback
// while keeping the queue a chat frame waits behind four times shorter (see the doc).
constexpr int DefaultChunkSize = 256 * 1024;
constexpr int MinChunkSize = 4 * 1024;
constexpr int MaxChunkSize = 4 * 1024 * 1024; // well below FrameLimits::maxPayloadBytes (16 MiB)
// Flow control: a sender keeps only a window of payload bytes unacknowledged (chunks sent but not
// yet confirmed by upload.ack / download.ack; the window adapts to the queueing delay, see
// SendWindow), and queues a chunk only while the connection's own buffer holds less than
// MaxUnsentBytes (continuing on bytesWritten and on acks). Kernel socket buffers on both sides
// can hold many megabytes; without acks a chat frame would wait behind all of that.
constexpr qint64 MaxUnsentBytes = 1024 * 1024;
constexpr int DefaultTargetDelayMs = 5;

inline const QString HashAlgorithm = QStringLiteral("xxh3-128");
inline const QString HashPrefix = QStringLiteral("xxh3-128:"); // + 32 lower-case hex digits

namespace Type {
inline const QString UploadOffer = QStringLiteral("upload.offer");
inline const QString UploadAccept = QStringLiteral("upload.accept");
inline const QString UploadChunk = QStringLiteral("upload.chunk");
inline const QString UploadAck = QStringLiteral("upload.ack");
inline const QString UploadEnd = QStringLiteral("upload.end");
inline const QString UploadDone = QStringLiteral("upload.done");
inline const QString UploadCancel = QStringLiteral("upload.cancel");
inline const QString UploadCancelled = QStringLiteral("upload.cancelled");
inline const QString DownloadRequest = QStringLiteral("download.request");
inline const QString DownloadBegin = QStringLiteral("download.begin");
inline const QString DownloadChunk = QStringLiteral("download.chunk");
inline const QString DownloadAck = QStringLiteral("download.ack");
inline const QString DownloadEnd = QStringLiteral("download.end");
inline const QString DownloadCancel = QStringLiteral("download.cancel");
inline const QString DownloadCancelled = QStringLiteral("download.cancelled");
} // namespace Type

namespace Field {
inline const QString Id = QStringLiteral("id");
inline const QString Name = QStringLiteral("name");
// "size" is reserved by the framing layer for the payload length (a frame with "size":N is
// followed by N payload bytes), so file lengths travel as "fileSize".
inline const QString FileSize = QStringLiteral("fileSize");
inline const QString Hash = QStringLiteral("hash");
inline const QString Room = QStringLiteral("room");
inline const QString To = QStringLiteral("to");
inline const QString Upload = QStringLiteral("upload");
inline const QString Download = QStringLiteral("download");
inline const QString File = QStringLiteral("file");
inline const QString Offset = QStringLiteral("offset");
inline const QString Length = QStringLiteral("length");
inline const QString Chunk = QStringLiteral("chunk");
inline const QString Owner = QStringLiteral("owner");
inline const QString Created = QStringLiteral("created");
inline const QString Transfer = QStringLiteral("transfer"); // hello field with the limits
inline const QString MaxFileSize = QStringLiteral("maxFileSize");
inline const QString Quota = QStringLiteral("quota");
} // namespace Field

namespace ErrorCode {
inline const QString BadName = QStringLiteral("bad_name");
inline const QString BadHash = QStringLiteral("bad_hash");           // "hash" is not xxh3-128:<32 hex>
inline const QString BadOffset = QStringLiteral("bad_offset");       // chunk not at the next expected byte
inline const QString FileTooLarge = QStringLiteral("file_too_large");
inline const QString QuotaExceeded = QStringLiteral("quota_exceeded");
inline const QString DiskFull = QStringLiteral("disk_full");
inline const QString IoError = QStringLiteral("io_error");
inline const QString SizeMismatch = QStringLiteral("size_mismatch");
inline const QString HashMismatch = QStringLiteral("hash_mismatch");
inline const QString UnknownUpload = QStringLiteral("unknown_upload");
inline const QString UnknownDownload = QStringLiteral("unknown_download");
inline const QString FileNotFound = QStringLiteral("file_not_found"); // also when not allowed: ids are not revealed
// Client-side only (never on the wire): reported by Uploader/Downloader.
inline const QString Disconnected = QStringLiteral("disconnected");
inline const QString LocalIo = QStringLiteral("local_io_error");
inline const QString FileChanged = QStringLiteral("file_changed");
} // namespace ErrorCode

} // namespace Switchboard::TransferProtocol
