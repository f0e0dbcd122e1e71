#include "tcpconnection.h"

#include <QPointer>

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
}

TcpConnection::~TcpConnection()
{
    m_socket->disconnect(this);
    // Destroying the socket discards its write buffer. Hand what is queued (e.g. the fatal error
    // frame a closing server just sent) to the kernel first, which delivers it before the FIN.
    if (m_socket->bytesToWrite() > 0 && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->flush();
}

void TcpConnection::reportDisconnected()
{
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
    return m_socket->bytesToWrite();
}

void TcpConnection::setLowDelay(bool on)
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, on ? 1 : 0);
}

bool TcpConnection::readChunk()
{
    if (m_socket->bytesAvailable() <= 0)
        return false;
    // Straight into the decoder's buffer (or a large payload's own): no allocation per read.
    const FrameDecoder::Span space = receiveBuffer();
    const qint64 n = m_socket->read(space.data, qMin<qint64>(m_socket->bytesAvailable(), space.size));
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
    m_socket->write(bytes);
}

void TcpConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    captureEvent(QStringLiteral("close"));
    m_socket->disconnectFromHost(); // flushes pending writes first
}

void TcpConnection::abort()
{
    m_closing = true;
    m_socket->abort();
}

} // namespace Switchboard
