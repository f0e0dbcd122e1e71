#include "rawtcpclient.h"

#include "labtcppeer.h"

#include <QTcpSocket>

namespace Switchboard {

RawTcpClient::RawTcpClient(QObject *parent)
    : QObject(parent)
{
}

RawTcpClient::~RawTcpClient() = default;

void RawTcpClient::setCaptureSink(CaptureSink *sink)
{
    m_sink = sink;
    if (m_peer)
        m_peer->setCaptureSink(sink);
}

void RawTcpClient::setAutoReplier(const AutoReplier *replier)
{
    m_replier = replier;
    if (m_peer)
        m_peer->setAutoReplier(replier);
}

void RawTcpClient::connectToHost(const QString &host, quint16 port)
{
    if (m_peer) {
        m_peer->disconnect(this);
        m_peer->socket()->abort();
        m_peer->deleteLater();
    }
    auto *socket = new QTcpSocket;
    auto *peer = new LabTcpPeer(socket, m_sink, m_replier, this);
    m_peer = peer;
    connect(peer, &LabTcpPeer::connected, this, &RawTcpClient::connected);
    connect(peer, &LabTcpPeer::received, this, [this, peer](const QByteArray &bytes) {
        emit received(peer->peerString(), bytes);
    });
    connect(peer, &LabTcpPeer::sent, this, [this, peer](const QByteArray &bytes, bool autoReply) {
        emit sent(peer->peerString(), bytes, autoReply);
    });
    connect(peer, &LabTcpPeer::errorOccurred, this, &RawTcpClient::errorOccurred);
    connect(peer, &LabTcpPeer::closed, this, [this, peer] {
        peer->deleteLater();
        emit disconnected();
    });
    socket->connectToHost(host, port);
}

void RawTcpClient::disconnectFromHost()
{
    if (m_peer)
        m_peer->disconnectFromPeer();
}

bool RawTcpClient::isConnected() const
{
    return m_peer && m_peer->isConnected();
}

bool RawTcpClient::isConnecting() const
{
    return m_peer && (m_peer->socket()->state() == QAbstractSocket::HostLookupState
                      || m_peer->socket()->state() == QAbstractSocket::ConnectingState);
}

qint64 RawTcpClient::send(const QByteArray &bytes)
{
    return m_peer ? m_peer->send(bytes) : -1;
}

QString RawTcpClient::peerString() const
{
    return m_peer ? m_peer->peerString() : QString();
}

quint64 RawTcpClient::captureId() const
{
    return m_peer ? m_peer->id() : 0;
}

} // namespace Switchboard
