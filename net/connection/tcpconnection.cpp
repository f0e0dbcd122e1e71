#include "tcpconnection.h"

#include "blockwriter.h"

#include <QPointer>
#include <QSslSocket>

#include <cerrno>
#include <sys/socket.h>

namespace Switchboard {

TcpConnection::TcpConnection(QTcpSocket *socket, QObject *parent)
    : Connection(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    // A flood (a megabyte of small frames in one read) is handed out over several event-loop
    // passes, so a GUI client keeps painting and a server keeps serving its other clients.
    setDeliveryBudgetMs(10);
    // Frames are small and interactive: do not let Nagle hold them back.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    rememberAddresses();
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        rememberAddresses();
        startWriter();
        emit connected();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &TcpConnection::readAvailable);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::bytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &TcpConnection::reportDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        emit socketError(e, m_socket->errorString());
        // A failed connect never emits disconnected(); report it so owners can clean up.
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &TcpConnection::reportDisconnected, Qt::QueuedConnection);
    });
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &TcpConnection::readAvailable, Qt::QueuedConnection);
    startWriter();
}

TcpConnection::~TcpConnection()
{
    m_socket->disconnect(this);
    if (m_writer)
        m_writer->sendNow(); // what is queued goes to the kernel before the FIN, as below
    stopWriter();
    // Destroying the socket discards its write buffer. Hand what is queued (e.g. the fatal error
    // frame a closing server just sent) to the kernel first, which delivers it before the FIN.
    if (m_socket->bytesToWrite() > 0 && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->flush();
}

void TcpConnection::startWriter()
{
    // TLS encrypts inside the socket: only a plaintext socket's descriptor carries our bytes.
    if (m_writer || qobject_cast<QSslSocket *>(m_socket) || m_socket->state() != QAbstractSocket::ConnectedState
        || m_socket->bytesToWrite() > 0)
        return;
    m_writer = new BlockWriter(m_socket->socketDescriptor(), this);
    if (!m_writer->isValid()) {
        stopWriter();
        return;
    }
    connect(m_writer, &BlockWriter::written, this, &Connection::bytesWritten);
    // The peer is gone: the socket's reading side reports it (after what the peer sent last),
    // unless we were only waiting to send our last bytes.
    connect(m_writer, &BlockWriter::failed, this, [this] {
        stopWriter();
        if (m_closing)
            m_socket->abort();
    });
}

void TcpConnection::stopWriter()
{
    if (!m_writer)
        return;
    // The duplicate descriptor would keep the socket open after the QTcpSocket closes its own.
    m_writer->release();
    m_writer->deleteLater();
    m_writer = nullptr;
}

void TcpConnection::reportDisconnected()
{
    stopWriter();
    if (m_reportedDisconnect)
        return;
    // What the peer sent before closing (a fatal error frame, say) is delivered first.
    QPointer<TcpConnection> self(this);
    for (;;) {
        flushFrames();
        if (!self || m_reportedDisconnect)
            return;
        if (m_closing || !readChunk())
            break;
    }
    m_reportedDisconnect = true;
    emit disconnected();
}

void TcpConnection::setProxiedPeer(const QHostAddress &address, quint16 port)
{
    m_proxied = true;
    m_peerAddress = address;
    m_peerPort = port;
}

void TcpConnection::rememberAddresses()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (!m_proxied) {
        m_peerAddress = m_socket->peerAddress();
        m_peerPort = m_socket->peerPort();
    }
    m_localAddress = m_socket->localAddress();
    m_localPort = m_socket->localPort();
}

bool TcpConnection::isOpen() const
{
    return !m_closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 TcpConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite() + (m_writer ? m_writer->queued() : 0);
}

void TcpConnection::setLowDelay(bool on)
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, on ? 1 : 0);
}

bool TcpConnection::readChunk()
{
    if (m_socket->bytesAvailable() > 0) {
        // What the socket read from the kernel first: into the decoder's buffer (or a large
        // payload's own), no allocation per read.
        const FrameDecoder::Span space = receiveBuffer();
        const qint64 n = m_socket->read(space.data, qMin<qint64>(m_socket->bytesAvailable(), space.size));
        if (n <= 0)
            return false;
        commitReceived(qsizetype(n));
        return true;
    }
    if (!m_writer || m_closing)
        return false;
    // A plaintext socket's buffer is empty: what arrived meanwhile goes from the kernel straight
    // into the decoder's buffer, skipping the copy through the QTcpSocket's (a download's bytes,
    // mostly). Same socket, same thread, after the socket's own bytes: the order is kept. The end
    // of the stream and errors stay the QTcpSocket's to find (its notifier sees them too).
    const int fd = int(m_socket->socketDescriptor());
    if (fd < 0)
        return false;
    const FrameDecoder::Span space = receiveBuffer();
    ssize_t n;
    do {
        n = ::recv(fd, space.data, size_t(space.size), MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return false;
    commitReceived(qsizetype(n));
    return true;
}

void TcpConnection::readAvailable()
{
    // Each read() is one chunk for the inspector. While decoded frames wait for their pass, the
    // rest waits in the socket's buffer; readMore() resumes.
    while (!hasPendingFrames() && readChunk()) {
        if (m_closing)
            break;
    }
}

void TcpConnection::writeBytes(const QByteArray &bytes)
{
    if (m_writer)
        m_writer->write(bytes);
    else
        m_socket->write(bytes);
}

void TcpConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    captureEvent(QStringLiteral("close"));
    if (m_writer) {
        m_writer->sendNow();
        if (m_writer && m_writer->queued() > 0) {
            // The rest first; then the socket closes (and its FIN follows our last bytes).
            connect(m_writer, &BlockWriter::drained, this, [this] {
                stopWriter();
                m_socket->disconnectFromHost();
            });
            return;
        }
        stopWriter();
    }
    m_socket->disconnectFromHost(); // flushes pending writes first
}

void TcpConnection::abort()
{
    m_closing = true;
    stopWriter();
    m_socket->abort();
}

} // namespace Switchboard
