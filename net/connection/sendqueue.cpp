#include "sendqueue.h"

#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace Switchboard {

void SendQueue::append(const QByteArray &block)
{
    if (block.isEmpty())
        return;
    m_blocks.append(block);
    m_size += block.size();
}

void SendQueue::clear()
{
    m_blocks = QList<QByteArray>(); // its storage too
    m_headOffset = 0;
    m_size = 0;
}

qint64 SendQueue::sendTo(int fd)
{
    constexpr int MaxBlocks = 256; // per sendmsg(); IOV_MAX is 1024 on Linux
    qint64 total = 0;
    while (!m_blocks.isEmpty() && fd >= 0) {
        iovec blocks[MaxBlocks];
        int count = 0;
        size_t wanted = 0;
        qsizetype offset = m_headOffset;
        for (const QByteArray &b : std::as_const(m_blocks)) {
            if (count == MaxBlocks)
                break;
            blocks[count].iov_base = const_cast<char *>(b.constData()) + offset;
            blocks[count].iov_len = size_t(b.size() - offset);
            wanted += blocks[count].iov_len;
            offset = 0;
            ++count;
        }
        msghdr message{};
        message.msg_iov = blocks;
        message.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        total += n;
        m_size -= n;
        for (qint64 left = n; left > 0;) {
            const qsizetype rest = m_blocks.first().size() - m_headOffset;
            if (left < rest) {
                m_headOffset += qsizetype(left);
                break;
            }
            left -= rest;
            m_blocks.removeFirst();
            m_headOffset = 0;
        }
        if (size_t(n) < wanted)
            break; // the kernel is full
    }
    if (m_blocks.isEmpty())
        clear();
    return total;
}

} // namespace Switchboard
