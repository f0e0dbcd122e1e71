#include "blockwriter.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Switchboard {

BlockWriter::BlockWriter(qintptr descriptor, QObject *parent)
    : QObject(parent)
{
    if (descriptor < 0)
        return;
    m_fd = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
    // O_NONBLOCK belongs to the open file, which the duplicate shares: the QTcpSocket's is set.
    if (m_fd >= 0)
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
}

BlockWriter::~BlockWriter()
{
    release();
}

void BlockWriter::release()
{
    if (m_notifier) {
        m_notifier->setEnabled(false); // leaves the dispatcher before the number can be reused
        delete m_notifier;
        m_notifier = nullptr;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_queue = QList<QByteArray>();
    m_queued = 0;
    m_headOffset = 0;
}

void BlockWriter::write(const QByteArray &block)
{
    if (m_fd < 0 || block.isEmpty())
        return;
    m_queue.append(block);
    m_queued += block.size();
    const bool waiting = m_notifier && m_notifier->isEnabled();
    if (waiting)
        return; // the notifier sends it when the kernel has room
    if (m_queued < CorkBytes) {
        scheduleFlush();
        return;
    }
    // Bulk data: out now, with whatever small blocks (its header) wait before it.
    const qint64 sent = sendQueue();
    if (sent < 0) {
        QMetaObject::invokeMethod(this, &BlockWriter::failed, Qt::QueuedConnection);
        return;
    }
    report(sent);
}

void BlockWriter::sendNow()
{
    report(qMax<qint64>(0, sendQueue())); // what is left waits for the notifier (then drained())
}

qint64 BlockWriter::sendQueue()
{
    constexpr int MaxBlocks = 64; // per sendmsg(); IOV_MAX is 1024 on Linux
    qint64 total = 0;
    while (!m_queue.isEmpty() && m_fd >= 0) {
        iovec blocks[MaxBlocks];
        int count = 0;
        size_t wanted = 0;
        for (qsizetype i = 0; i < m_queue.size() && count < MaxBlocks; ++i, ++count) {
            const qsizetype skip = i == 0 ? m_headOffset : 0;
            blocks[count].iov_base = const_cast<char *>(m_queue.at(i).constData()) + skip;
            blocks[count].iov_len = size_t(m_queue.at(i).size() - skip);
            wanted += blocks[count].iov_len;
        }
        msghdr message{};
        message.msg_iov = blocks;
        message.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            release();
            return -1;
        }
        total += n;
        m_queued -= n;
        qint64 left = n;
        while (left > 0) {
            const qsizetype rest = m_queue.first().size() - m_headOffset;
            if (left < rest) {
                m_headOffset += qsizetype(left);
                break;
            }
            left -= rest;
            m_queue.removeFirst();
            m_headOffset = 0;
        }
        if (size_t(n) < wanted)
            break; // the kernel is full
    }
    if (m_queue.isEmpty()) {
        m_queue = QList<QByteArray>(); // its storage too
        m_queued = 0;
        m_headOffset = 0;
        if (m_notifier && m_notifier->isEnabled()) {
            m_notifier->setEnabled(false);
            QMetaObject::invokeMethod(this, &BlockWriter::drained, Qt::QueuedConnection);
        }
    } else if (m_fd >= 0) {
        if (!m_notifier) {
            m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
            connect(m_notifier, &QSocketNotifier::activated, this, &BlockWriter::flush);
        }
        m_notifier->setEnabled(true);
    }
    return total;
}

void BlockWriter::flush()
{
    const qint64 sent = sendQueue();
    if (sent < 0) {
        emit failed();
        return;
    }
    report(sent);
}

void BlockWriter::scheduleFlush()
{
    if (m_flushPosted)
        return;
    m_flushPosted = true;
    QMetaObject::invokeMethod(this, [this] {
        m_flushPosted = false;
        if (m_fd >= 0 && !(m_notifier && m_notifier->isEnabled()))
            flush();
    }, Qt::QueuedConnection);
}

void BlockWriter::report(qint64 bytes)
{
    if (bytes <= 0)
        return;
    // Queued, as a QTcpSocket reports: a slot that writes more on written() must not recurse
    // into the write that reported it.
    const bool first = m_unreported == 0;
    m_unreported += bytes;
    if (first) {
        QMetaObject::invokeMethod(this, [this] {
            const qint64 n = m_unreported;
            m_unreported = 0;
            emit written(n);
        }, Qt::QueuedConnection);
    }
}

} // namespace Switchboard
