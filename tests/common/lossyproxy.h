#pragma once
// A TCP relay between a client and a server node on loopback that can lose what the node sends
// (acks and echoes that never arrive) and cut every connection, for failover tests.

#include "net/core/endpoint.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Switchboard::Test {

// Between a client and a node: forwards both ways until told to swallow what the node sends
// (acks and echoes lost on the way), and can cut every connection at once.
class LossyProxy : public QObject
{
public:
    explicit LossyProxy(quint16 upstream)
        : m_upstream(upstream)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *node = new QTcpSocket(client);
                connect(client, &QTcpSocket::readyRead, node, [client, node] { node->write(client->readAll()); });
                connect(node, &QTcpSocket::readyRead, client, [this, client, node] {
                    const QByteArray bytes = node->readAll();
                    if (!m_swallow)
                        client->write(bytes);
                });
                connect(node, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                connect(node, &QTcpSocket::errorOccurred, client, &QTcpSocket::abort); // the node is gone
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                node->connectToHost(QHostAddress::LocalHost, m_upstream);
                m_clients.append(client);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    Endpoint endpoint() const { return Endpoint{QStringLiteral("127.0.0.1"), port()}; }
    void swallowReplies(bool on) { m_swallow = on; }
    // The node is gone: every client connection drops, new ones are refused.
    void cut()
    {
        m_server.close();
        for (const QPointer<QTcpSocket> &c : std::as_const(m_clients))
            if (c)
                c->abort();
    }

private:
    QTcpServer m_server;
    quint16 m_upstream;
    bool m_swallow = false;
    QList<QPointer<QTcpSocket>> m_clients;
};

} // namespace Switchboard::Test
