#include "socketconnection.h"

#include <QMetaMethod>
#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Switchboard {

namespace {

// The address and port of a socket's end (getpeername or getsockname).
void readEnd(int fd, bool peer, QHostAddress *address, quint16 *port)
{
    sockaddr_storage s{};
    socklen_t length = sizeof(s);
    const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr *>(&s), &length)
                       : ::getsockname(fd, reinterpret_cast<sockaddr *>(&s), &length);
    if (r != 0)
        return;
    address->setAddress(reinterpret_cast<const sockaddr *>(&s));
    if (s.ss_family == AF_INET)
        *port = ntohs(reinterpret_cast<const sockaddr_in *>(&s)->sin_port);
    else if (s.ss_family == AF_INET6)
        *port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&s)->sin6_port);
}


} // namespace

// Calls its connection's handler straight from the dispatcher's event: a signal connection per
// notifier (its connection list and slot object) would cost each idle client ~200 bytes more.
class SocketConnection::Notifier : public QSocketNotifier
{
public:
    Notifier(int fd, Type type, SocketConnection *owner, void (SocketConnection::*handler)())
        : QSocketNotifier(fd, type, owner)
        , m_owner(owner)
        , m_handler(handler)
    {
    }

protected:
    bool event(QEvent *e) override
    {
        if (e->type() != QEvent::SockAct)
            return QSocketNotifier::event(e);
        if (isEnabled())
            (m_owner->*m_handler)();
        return true;
    }

private:
    SocketConnection *m_owner;
    void (SocketConnection::*m_handler)();
};

SocketConnection::SocketConnection(qintptr descriptor, QObject *parent)
    : Connection(parent)
    , m_fd(int(descriptor))
{
    setDeliveryBudgetMs(10); // as TcpConnection: a flood is handed out over several passes
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)); // small interactive frames
    readEnd(m_fd, true, &m_peerAddress, &m_peerPort);
    readEnd(m_fd, false, &m_localAddress, &m_localPort);
    m_readNotifier = new Notifier(m_fd, QSocketNotifier::Read, this, &SocketConnection::readAvailable);
}

SocketConnection::~SocketConnection()
{
    if (m_fd < 0)
        return;
    // As TcpConnection: what is queued (a fatal error frame, say) goes to the kernel before the FIN.
    sendQueue(false);
    shutDown(true);
}

void SocketConnection::setProxiedPeer(const QHostAddress &address, quint16 port)
{
    m_peerAddress = address;
    m_peerPort = port;
}

void SocketConnection::readAvailable()
{
    QPointer<SocketConnection> self(this);
    while (self && m_fd >= 0 && !m_closing && !hasPendingFrames()) {
        // Straight into the decoder's buffer (or a large payload's own): one copy, from the kernel.
        // Each read is one chunk as the OS delivered it.
        const FrameDecoder::Span space = receiveBuffer();
        const ssize_t n = ::recv(m_fd, space.data, size_t(space.size), 0);
        if (n > 0) {
            const bool drained = n < space.size;
            commitReceived(qsizetype(n));
            if (drained) {
                // Idle until the next read: hold no buffer meanwhile (thousands of idle clients).
                if (self)
                    releaseReceiveBuffers();
                break; // level-triggered: the notifier calls again when more arrives
            }
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        peerGone(); // 0: the peer closed; else a reset or another error
        return;
    }
    // Decoded frames wait for their pass: read nothing more until readMore().
    if (self && m_fd >= 0 && hasPendingFrames())
        m_readNotifier->setEnabled(false);
}

void SocketConnection::readMore()
{
    if (m_fd < 0 || m_closing)
        return;
    m_readNotifier->setEnabled(true);
    readAvailable();
}

qint64 SocketConnection::sendQueue(bool arm)
{
    if (m_fd < 0)
        return 0;
    const qint64 total = m_queue.sendTo(m_fd);
    if (total < 0)
        return -1;
    if (m_queue.isEmpty()) {
        if (m_writeNotifier)
            m_writeNotifier->setEnabled(false);
    } else if (arm) {
        if (!m_writeNotifier)
            m_writeNotifier = new Notifier(m_fd, QSocketNotifier::Write, this, &SocketConnection::writeQueued);
        m_writeNotifier->setEnabled(true);
    }
    return total;
}

void SocketConnection::scheduleFlush()
{
    if (m_flushPosted || (m_writeNotifier && m_writeNotifier->isEnabled()))
        return; // already due: at the end of this pass, or when the kernel has room
    m_flushPosted = true;
    QMetaObject::invokeMethod(this, [this] {
        m_flushPosted = false;
        if (m_fd >= 0 && !(m_writeNotifier && m_writeNotifier->isEnabled()))
            writeQueued();
    }, Qt::QueuedConnection);
}

void SocketConnection::writeBytes(const QByteArray &bytes)
{
    if (m_fd < 0 || bytes.isEmpty())
        return;
    m_queue.append(bytes); // shares the caller's data, no copy
    if (m_queue.size() < CorkBytes || (m_writeNotifier && m_writeNotifier->isEnabled())) {
        scheduleFlush();
        return;
    }
    // Enough for a full send now (bulk data): do not hold it until the pass ends.
    const qint64 sent = sendQueue();
    if (sent < 0) {
        // The peer is gone (reset): report it from the event loop, not inside the caller's send.
        m_closing = true;
        QMetaObject::invokeMethod(this, &SocketConnection::peerGone, Qt::QueuedConnection);
        return;
    }
    reportWritten(sent);
}

void SocketConnection::writeQueued()
{
    const qint64 sent = sendQueue();
    if (sent < 0) {
        peerGone();
        return;
    }
    QPointer<SocketConnection> self(this);
    reportWritten(sent);
    if (self && m_closing && m_queue.isEmpty() && m_fd >= 0) {
        shutDown(true);
        peerGone();
    }
}

void SocketConnection::reportWritten(qint64 bytes)
{
    // Nobody listening (the idle server): nothing to post.
    static const QMetaMethod signal = QMetaMethod::fromSignal(&Connection::bytesWritten);
    if (!isSignalConnected(signal))
        return;
    m_report.add(this, bytes, [this](qint64 n) { emit bytesWritten(n); });
}

void SocketConnection::shutDown(bool graceful)
{
    if (m_fd < 0)
        return;
    if (graceful) {
        // Bytes left unread make the kernel answer the close with a reset, which can destroy
        // our last frames (a fatal error) before the peer reads them; a QTcpSocket has always
        // read everything by then. Read and drop what is there (bounded).
        char sink[16384];
        for (int i = 0; i < 64; ++i) {
            const ssize_t n = ::recv(m_fd, sink, sizeof(sink), MSG_DONTWAIT);
            if (n > 0 || (n < 0 && errno == EINTR))
                continue;
            break;
        }
    }
    // Notifiers leave the dispatcher before the descriptor number can be reused.
    m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    ::close(m_fd);
    m_fd = -1;
    m_queue.clear();
}

void SocketConnection::peerGone()
{
    if (m_reportedDisconnect)
        return;
    // What the peer sent before closing (a fatal error frame, say) is delivered first.
    QPointer<SocketConnection> self(this);
    flushFrames();
    if (!self || m_reportedDisconnect)
        return;
    shutDown();
    m_reportedDisconnect = true;
    emit disconnected();
}

void SocketConnection::close()
{
    if (m_closing || m_fd < 0)
        return;
    m_closing = true;
    captureEvent(QStringLiteral("close"));
    m_readNotifier->setEnabled(false);
    if (m_queue.isEmpty()) {
        shutDown(true);
        // From the event loop: the caller (a handler failing its session) is still running.
        QMetaObject::invokeMethod(this, &SocketConnection::peerGone, Qt::QueuedConnection);
    } // else writeQueued() closes once the queue is sent
}

void SocketConnection::abort()
{
    m_closing = true;
    const bool open = m_fd >= 0;
    shutDown();
    if (open)
        QMetaObject::invokeMethod(this, &SocketConnection::peerGone, Qt::QueuedConnection);
}

} // namespace Switchboard
