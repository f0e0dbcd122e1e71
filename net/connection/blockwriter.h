#pragma once
#include "sendqueue.h"

#include "writtenreport.h"

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace Switchboard {

// Sends a connected TCP socket's outgoing bytes with sendmsg() on a duplicate of its descriptor,
// for a QTcpSocket that keeps reading (TcpConnection, plaintext). A QTcpSocket writes one queued
// block per event-loop pass, so a frame written as header + payload (an upload chunk) costs two
// write() calls and two wake-ups; here blocks are queued by reference and handed to the kernel
// together, header and payload in one call, as SocketConnection does for the server. Blocks wait
// for the end of the event-loop pass unless CorkBytes are queued. The duplicate has its own
// descriptor number, so its write notifier never meets the QTcpSocket's in the dispatcher; it
// also keeps the socket open: release() it when the connection closes, or no FIN is sent.
class BlockWriter : public QObject
{
    Q_OBJECT
public:
    // Duplicates descriptor (the original stays its owner's). isValid() is false if that failed.
    explicit BlockWriter(qintptr descriptor, QObject *parent = nullptr);
    ~BlockWriter() override;

    bool isValid() const { return m_fd >= 0; }
    qint64 queued() const { return m_queue.size(); }
    // Queues block (shared, not copied).
    void write(const QByteArray &block);
    // Hands the kernel what it takes now (before a close); the rest goes when it has room.
    void sendNow();
    // Drops what is queued and closes the duplicate.
    void release();

    // Queued below this many bytes, blocks wait for the end of the event-loop pass.
    static constexpr qint64 CorkBytes = 64 * 1024;

signals:
    // Bytes the kernel took (reported from the event loop, never inside write()).
    void written(qint64 bytes);
    // The queue is empty again after a write the kernel could not take at once.
    void drained();
    // The peer is gone (reset, broken pipe); nothing more is sent.
    void failed();

private:
    // Sends until the queue is empty or the kernel is full; the bytes taken, -1 on an error.
    qint64 sendQueue();
    void flush();
    void scheduleFlush();
    void report(qint64 bytes);

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr; // made on the first write the kernel does not take
    SendQueue m_queue;
    WrittenReport m_report;
    bool m_flushPosted = false;
};

} // namespace Switchboard
