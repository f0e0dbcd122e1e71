#include "discoverysocket.h"

#include "discoveryscope.h"
#include "net/core/logging.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

namespace Switchboard {

DiscoverySocket::DiscoverySocket(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, &DiscoverySocket::readPending);
}

DiscoverySocket::~DiscoverySocket() = default;

bool DiscoverySocket::bind(quint16 port, bool shared, QString *error)
{
    const auto mode = shared ? QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint
                             : QAbstractSocket::DefaultForPlatform;
    // Dual stack: IPv4 broadcasts and IPv6 multicasts on one socket.
    if (m_socket->bind(QHostAddress::Any, port, mode))
        return true;
    if (error)
        *error = m_socket->errorString();
    return false;
}

quint16 DiscoverySocket::localPort() const
{
    return m_socket->localPort();
}

bool DiscoverySocket::sendTo(const QByteArray &datagram, const QHostAddress &target, quint16 port)
{
    if (m_socket->writeDatagram(datagram, target, port) == datagram.size())
        return true;
    // An interface that went down between enumeration and send, or a link without a route.
    qCDebug(lcServer).noquote() << QStringLiteral("discovery: cannot send to %1: %2")
                                       .arg(target.toString(), m_socket->errorString());
    return false;
}

int DiscoverySocket::send(const QByteArray &datagram, const QList<QHostAddress> &targets, quint16 port)
{
    int sent = 0;
    for (const QHostAddress &t : targets)
        sent += sendTo(datagram, t, port) ? 1 : 0;
    return sent;
}

void DiscoverySocket::readPending()
{
    while (m_socket->hasPendingDatagrams()) {
        // One byte more than allowed tells an oversized datagram from one that just fits.
        const QNetworkDatagram d = m_socket->receiveDatagram(Discovery::MaxDatagramBytes + 1);
        if (!d.isValid())
            break;
        const QHostAddress sender = DiscoveryScope::normalized(d.senderAddress());
        const QByteArray data = d.data();
        const auto decoded = Discovery::decode(data);
        if (!decoded) {
            ++m_ignored;
            emit ignored(sender, data.size() > Discovery::MaxDatagramBytes ? QStringLiteral("oversized")
                                                                           : QStringLiteral("not a discovery datagram"));
            continue;
        }
        emit received(*decoded, sender, quint16(d.senderPort()));
    }
}

} // namespace Switchboard
