#include "tcplistener.h"

#include "net/connection/socketconnection.h"
#include "proxygate.h"

#include <QPointer>
#include <QSslSocket>

#include <sys/socket.h>
#include <unistd.h>

namespace Switchboard {

TcpListener::TcpListener(const QSslConfiguration &tls, QObject *parent)
    : QTcpServer(parent)
    , m_tls(tls)
{
}

void TcpListener::incomingConnection(qintptr socketDescriptor)
{
    if (m_gate) {
        sockaddr_storage peer{};
        socklen_t length = sizeof(peer);
        QHostAddress address;
        if (::getpeername(int(socketDescriptor), reinterpret_cast<sockaddr *>(&peer), &length) == 0)
            address.setAddress(reinterpret_cast<const sockaddr *>(&peer));
        if (m_gate->isTrusted(address)) {
            QPointer<TcpListener> self(this);
            m_gate->admit(socketDescriptor, address, [self](qintptr fd, const ProxyHeader &header) {
                if (!self) {
                    ::close(int(fd));
                    return;
                }
                if (header.isLocal())
                    self->adopt(fd, QHostAddress(), 0);
                else
                    self->adopt(fd, header.sourceAddress(), header.sourcePort());
                emit self->newConnection(); // outside QTcpServer's own accept loop
            });
            return;
        }
    }
    adopt(socketDescriptor, QHostAddress(), 0);
}

void TcpListener::adopt(qintptr socketDescriptor, const QHostAddress &proxiedAddress, quint16 proxiedPort)
{
    if (m_tls.isNull()) {
        // Plaintext connections skip QTcpSocket (see SocketConnection for why).
        auto *connection = new SocketConnection(socketDescriptor, this);
        if (!proxiedAddress.isNull())
            connection->setProxiedPeer(proxiedAddress, proxiedPort);
        emit plainConnection(connection);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        ::close(int(socketDescriptor));
        return;
    }
    socket->setSslConfiguration(m_tls);
    if (!proxiedAddress.isNull()) {
        socket->setProperty(ProxiedAddressProperty, proxiedAddress.toString());
        socket->setProperty(ProxiedPortProperty, proxiedPort);
    }
    addPendingConnection(socket);
}

} // namespace Switchboard
