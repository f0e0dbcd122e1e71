#pragma once
#include <QByteArray>
#include <QList>

namespace Switchboard {

// The bytes a socket transport has yet to send, as blocks queued by reference (nothing copied).
// sendTo() hands the kernel as many as it takes in one sendmsg() per 256 blocks, so a frame's
// header and its payload (queued as two blocks) leave in one call, and a pass's worth of small
// frames in one segment. The one send loop of SocketConnection (server) and BlockWriter (client).
// Empty, it holds no memory (thousands of idle connections each have one).
class SendQueue
{
public:
    // Queues block (shared, not copied).
    void append(const QByteArray &block);
    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_blocks.isEmpty(); }
    // Sends until the queue is empty or the kernel's buffer is full; returns the bytes taken, -1
    // when the peer is gone (reset, broken pipe).
    qint64 sendTo(int fd);
    // Drops what is queued and frees the queue's memory.
    void clear();

private:
    QList<QByteArray> m_blocks; // m_blocks.first() from m_headOffset
    qsizetype m_headOffset = 0;
    qint64 m_size = 0;
};

} // namespace Switchboard
