#pragma once
// Sending on a blocking socket until every byte went, for the benchmarks' plain clients and servers.

#include <QByteArray>

#include <cerrno>
#include <sys/socket.h>

namespace Switchboard::Bench {

// Sends all of bytes on the blocking socket fd; false once the peer is gone.
inline bool sendAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace Switchboard::Bench
