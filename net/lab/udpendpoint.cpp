#include "udpendpoint.h"

#include "autoreplier.h"
#include "net/core/endpoint.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

namespace Switchboard {

UdpEndpoint::UdpEndpoint(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, &UdpEndpoint::readPending);
}

UdpEndpoint::~UdpEndpoint()
{
    m_socket->disconnect(this);
}

bool UdpEndpoint::bind(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    if (m_socket->bind(address, port))
        return true;
    if (error)
        *error = m_socket->errorString();
    return false;
}

void UdpEndpoint::close()
{
    m_socket->close();
}

bool UdpEndpoint::isBound() const
{
    return m_socket->state() == QAbstractSocket::BoundState;
}

quint16 UdpEndpoint::localPort() const
{
    return m_socket->localPort();
}

QHostAddress UdpEndpoint::localAddress() const
{
    return m_socket->localAddress();
}

qint64 UdpEndpoint::sendTo(const QHostAddress &host, quint16 port, const QByteArray &bytes, QString *error)
{
    return write(host, port, bytes, false, error);
}

qint64 UdpEndpoint::broadcast(quint16 port, const QByteArray &bytes, QString *error, const QHostAddress &address)
{
    // QUdpSocket sets SO_BROADCAST on its sockets, so this is an ordinary send.
    return write(address, port, bytes, false, error);
}

qint64 UdpEndpoint::write(const QHostAddress &host, quint16 port, const QByteArray &bytes, bool autoReply,
                          QString *error)
{
    if (!isBound()) {
        const QHostAddress any = host.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress::AnyIPv6
                                                                                  : QHostAddress::AnyIPv4;
        if (!bind(any, 0, error))
            return -1;
    }
    const qint64 n = m_socket->writeDatagram(bytes, host, port);
    if (n < 0) {
        if (error)
            *error = m_socket->errorString();
        return n;
    }
    m_capture.datagram(CaptureRecord::Direction::Out, m_socket, host, port, bytes);
    emit sent(Endpoint::format(host, port), bytes, autoReply);
    return n;
}

void UdpEndpoint::readPending()
{
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram d = m_socket->receiveDatagram();
        if (!d.isValid())
            break;
        QHostAddress from = d.senderAddress();
        // An IPv4 sender seen through a dual-stack socket: show and answer it as IPv4.
        bool ok = false;
        const quint32 v4 = from.toIPv4Address(&ok);
        if (ok)
            from = QHostAddress(v4);
        const quint16 port = quint16(d.senderPort());
        m_capture.datagram(CaptureRecord::Direction::In, m_socket, from, port, d.data());
        emit received(Endpoint::format(from, port), d.data());
        if (m_replier) {
            if (const auto reply = m_replier->replyTo(d.data()))
                write(from, port, *reply, true, nullptr);
        }
    }
}

} // namespace Switchboard
