#pragma once
#include <QString>

// Whole-buffer pread()/write() on a descriptor, retried across EINTR and short transfers, for the
// transfer threads (ChunkReader, ChunkWriter) that work on descriptors of their own.
namespace Switchboard::FileIo {

// Reads exactly size bytes at offset; false (error says why) at an error or the end of the file.
bool readAt(int fd, char *data, qint64 size, qint64 offset, QString *error);
// Writes all size bytes at the descriptor's position; false (error says why) at an error.
bool writeAll(int fd, const char *data, qint64 size, QString *error);

} // namespace Switchboard::FileIo
