#pragma once
// Between one node and Redis on loopback: relays both ways until cut() drops every connection
// and refuses new ones (that node alone is out of touch; the others keep Redis), until mend().
// pause() holds what Redis sends the node (nothing is lost, the connections stay) until resume().

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Switchboard::Test {

class RedisRelay : public QObject
{
public:
    explicit RedisRelay(quint16 redisPort)
        : m_redisPort(redisPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *node = m_server.nextPendingConnection()) {
                connect(node, &QTcpSocket::disconnected, node, &QObject::deleteLater);
                if (m_cut) {
                    node->abort();
                    continue;
                }
                auto *redis = new QTcpSocket(node);
                connect(node, &QTcpSocket::readyRead, redis, [node, redis] { redis->write(node->readAll()); });
                connect(redis, &QTcpSocket::readyRead, node, [this, node, redis] {
                    if (!m_paused)
                        node->write(redis->readAll());
                });
                connect(redis, &QTcpSocket::disconnected, node, &QTcpSocket::abort);
                redis->connectToHost(QHostAddress::LocalHost, m_redisPort);
                m_nodes.append(node);
                m_redis.append(redis);
            }
        });
    }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_server.serverPort()); }
    void cut()
    {
        m_cut = true;
        for (const QPointer<QTcpSocket> &n : std::as_const(m_nodes))
            if (n)
                n->abort();
        m_nodes.clear();
        m_redis.clear();
    }
    void mend() { m_cut = false; }
    void pause() { m_paused = true; }
    void resume()
    {
        m_paused = false;
        for (qsizetype i = 0; i < m_nodes.size(); ++i)
            if (m_nodes.at(i) && m_redis.at(i))
                m_nodes.at(i)->write(m_redis.at(i)->readAll());
    }

private:
    QTcpServer m_server;
    quint16 m_redisPort;
    bool m_cut = false;
    bool m_paused = false;
    QList<QPointer<QTcpSocket>> m_nodes;
    QList<QPointer<QTcpSocket>> m_redis; // the same index's connection to Redis
};

} // namespace Switchboard::Test
