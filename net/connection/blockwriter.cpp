#include "blockwriter.h"

#include <QSocketNotifier>

#include <fcntl.h>
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
    m_queue.clear();
}

void BlockWriter::write(const QByteArray &block)
{
    if (m_fd < 0 || block.isEmpty())
        return;
    m_queue.append(block);
    const bool waiting = m_notifier && m_notifier->isEnabled();
    if (waiting)
        return; // the notifier sends it when the kernel has room
    if (m_queue.size() < CorkBytes) {
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
    if (m_fd < 0)
        return 0;
    const qint64 total = m_queue.sendTo(m_fd);
    if (total < 0) {
        release();
        return -1;
    }
    if (m_queue.isEmpty()) {
        if (m_notifier && m_notifier->isEnabled()) {
            m_notifier->setEnabled(false);
            QMetaObject::invokeMethod(this, &BlockWriter::drained, Qt::QueuedConnection);
        }
    } else {
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
    m_report.add(this, bytes, [this](qint64 n) { emit written(n); });
}

} // namespace Switchboard
