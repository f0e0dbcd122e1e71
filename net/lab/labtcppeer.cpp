#include "labtcppeer.h"

#include "autoreplier.h"
#include "net/core/endpoint.h"

#include <QTcpSocket>

namespace Switchboard {

LabTcpPeer::LabTcpPeer(QTcpSocket *socket, CaptureSink *sink, const AutoReplier *replier, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_replier(replier)
{
    m_socket->setParent(this);
    m_capture.setSink(sink);
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_peer = Endpoint::format(m_socket->peerAddress(), m_socket->peerPort());
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_peer = Endpoint::format(m_socket->peerAddress(), m_socket->peerPort());
        m_capture.event(m_socket, QStringLiteral("connected to %1").arg(m_peer));
        emit connected();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &LabTcpPeer::readAll);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            emit errorOccurred(m_socket->errorString());
        if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_closed) {
            m_closed = true;
            emit closed();
        }
    });
    // A connection attempt that fails may end without a disconnected() (it never connected).
    connect(m_socket, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState && !m_closed && m_socket->error() != QAbstractSocket::UnknownSocketError) {
            m_closed = true;
            emit closed();
        }
    });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_capture.event(m_socket, QStringLiteral("closed"));
        if (!m_closed) {
            m_closed = true;
            emit closed();
        }
    });
}

LabTcpPeer::~LabTcpPeer()
{
    // The socket is our child; it must not signal into a half-destroyed peer.
    m_socket->disconnect(this);
}

QString LabTcpPeer::peerString() const
{
    return m_peer;
}

bool LabTcpPeer::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 LabTcpPeer::send(const QByteArray &bytes)
{
    return write(bytes, false);
}

qint64 LabTcpPeer::write(const QByteArray &bytes, bool autoReply)
{
    if (!isConnected())
        return -1;
    const qint64 n = m_socket->write(bytes);
    if (n < 0)
        return n;
    m_capture.chunk(CaptureRecord::Direction::Out, m_socket, bytes);
    m_sent += n;
    emit sent(bytes, autoReply);
    return n;
}

void LabTcpPeer::disconnectFromPeer()
{
    m_socket->disconnectFromHost();
}

void LabTcpPeer::readAll()
{
    while (m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->readAll();
        if (chunk.isEmpty())
            break;
        m_received += chunk.size();
        m_capture.chunk(CaptureRecord::Direction::In, m_socket, chunk);
        emit received(chunk);
        if (m_replier) {
            if (const auto reply = m_replier->replyTo(chunk))
                write(*reply, true);
        }
    }
}

} // namespace Switchboard
