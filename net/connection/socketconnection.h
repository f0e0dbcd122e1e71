#pragma once
#include "connection.h"
#include "sendqueue.h"
#include "writtenreport.h"

namespace Switchboard {

// A Connection on a connected, plaintext TCP descriptor, with recv()/send() and two
// QSocketNotifiers: the server's transport for plaintext clients. A QTcpSocket keeps a 16 KiB
// read buffer and a write buffer of the largest reply ever sent (about 19 KiB after one reply);
// this holds nothing between frames: writes are queued by reference (no copy) and handed to the
// kernel together, in one sendmsg(), once the current event-loop pass is done or as soon as
// CorkBytes wait; only what the kernel does not take stays, in a queue freed once it empties.
// Coalescing matters for fan-out: a room message delivered to 50 members costs each of them one
// send (and the receiver one wake-up) per pass, not one per message, and a large payload goes
// out with its header instead of behind it in a segment of its own.
// The Connection contract is TcpConnection's: disconnected() once, bytesWritten() as the kernel
// takes bytes, maxQueuedBytes, each read captured as one chunk, close() flushes then closes,
// abort() drops at once. While decoded frames wait for their pass the descriptor is not read.
class SocketConnection : public Connection
{
    Q_OBJECT
public:
    // Takes the descriptor (closed with this object); it is made non-blocking.
    explicit SocketConnection(qintptr descriptor, QObject *parent = nullptr);
    ~SocketConnection() override;

    QHostAddress peerAddress() const override { return m_peerAddress; }
    quint16 peerPort() const override { return m_peerPort; }
    QHostAddress localAddress() const override { return m_localAddress; }
    quint16 localPort() const override { return m_localPort; }
    bool isOpen() const override { return m_fd >= 0 && !m_closing; }
    qint64 bytesToWrite() const override { return m_queue.size(); }
    // The client's address as a trusted proxy reported it (PROXY protocol).
    void setProxiedPeer(const QHostAddress &address, quint16 port);

public slots:
    void close() override;
    void abort() override;

private:
    class Notifier;
    // Writes queued below this many bytes wait for the end of the event-loop pass.
    static constexpr qint64 CorkBytes = 64 * 1024;
    void readAvailable();
    void writeQueued();
    // Hands the queue to the kernel until it is empty or the kernel is full; returns the bytes
    // taken, -1 when the peer is gone. With arm, the write notifier waits to send what is left.
    qint64 sendQueue(bool arm = true);
    void scheduleFlush();
    void writeBytes(const QByteArray &bytes) override;
    void readMore() override;
    void reportWritten(qint64 bytes);
    void peerGone();
    // Closes the descriptor (gracefully: after dropping what the peer sent unread).
    void shutDown(bool graceful = false);

    int m_fd = -1;
    Notifier *m_readNotifier = nullptr;
    Notifier *m_writeNotifier = nullptr; // made on the first write the kernel does not take
    SendQueue m_queue;       // unsent bytes
    WrittenReport m_report; // taken by the kernel, bytesWritten() not yet emitted
    QHostAddress m_peerAddress;
    QHostAddress m_localAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    bool m_closing = false;
    bool m_reportedDisconnect = false;
    bool m_flushPosted = false; // a flush at the end of this event-loop pass is queued
};

} // namespace Switchboard
