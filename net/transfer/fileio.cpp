#include "fileio.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace Switchboard::FileIo {

bool readAt(int fd, char *data, qint64 size, qint64 offset, QString *error)
{
    while (size > 0) {
        const ssize_t n = ::pread(fd, data, size_t(size), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n == 0 ? QStringLiteral("the file is shorter than expected")
                            : QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        data += n;
        size -= n;
        offset += n;
    }
    return true;
}

bool writeAll(int fd, const char *data, qint64 size, QString *error)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n == 0 ? QStringLiteral("nothing could be written")
                            : QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

} // namespace Switchboard::FileIo
