#include "framingproxy.h"

#include "proxyconnection.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Switchboard {

FramingProxy::FramingProxy(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ProxyConnection *>(); // for queued connections and QSignalSpy
}

FramingProxy::~FramingProxy()
{
    close();
}

void FramingProxy::setTarget(const QHostAddress &address, quint16 port)
{
    m_target = address;
    m_targetPort = port;
}

void FramingProxy::setKnobs(Direction direction, const ProxyKnobs &knobs)
{
    m_knobs[direction] = knobs;
    for (ProxyConnection *c : std::as_const(m_connections))
        c->knobsChanged();
}

bool FramingProxy::listen(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    auto fail = [&](const QString &what) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    };
    sockaddr_storage at;
    const socklen_t length = ProxyConnection::toSockaddr(address, port, &at);
    m_listenFd = ::socket(at.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return fail(QStringLiteral("cannot create a socket"));
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(m_listenFd, reinterpret_cast<const sockaddr *>(&at), length) != 0)
        return fail(QStringLiteral("cannot listen on %1 port %2").arg(address.toString()).arg(port));
    if (::listen(m_listenFd, 128) != 0)
        return fail(QStringLiteral("cannot listen"));
    sockaddr_storage bound;
    socklen_t boundSize = sizeof bound;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&bound), &boundSize);
    ProxyConnection::fromSockaddr(bound, &m_listenAddress, &m_listenPort);
    m_acceptNotifier = new QSocketNotifier(m_listenFd, QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &FramingProxy::onAcceptable);
    return true;
}

void FramingProxy::close()
{
    if (m_acceptNotifier) {
        m_acceptNotifier->setEnabled(false);
        m_acceptNotifier->deleteLater();
        m_acceptNotifier = nullptr;
    }
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    m_listenFd = -1;
    const QList<ProxyConnection *> open = m_connections;
    for (ProxyConnection *c : open)
        c->abort(QStringLiteral("the proxy stopped"));
}

void FramingProxy::onAcceptable()
{
    for (;;) {
        sockaddr_storage peer;
        socklen_t peerSize = sizeof peer;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&peer), &peerSize, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN, or a connection that went away before it was accepted
        QHostAddress client;
        quint16 clientPort = 0;
        ProxyConnection::fromSockaddr(peer, &client, &clientPort);
        auto *c = new ProxyConnection(fd, client, clientPort, m_listenAddress, m_listenPort, m_target, m_targetPort,
                                      &m_knobs, m_sink, this);
        m_connections.append(c);
        connect(c, &ProxyConnection::finished, this, [this, c](const QString &reason) {
            m_connections.removeOne(c);
            emit connectionClosed(c, reason);
            c->deleteLater();
        });
        emit connectionOpened(c);
        c->start();
    }
}

} // namespace Switchboard
