#include "rawtcpserver.h"

#include "labclientmodel.h"
#include "labtcppeer.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace Switchboard {

RawTcpServer::RawTcpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_clients(new LabClientModel(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &RawTcpServer::accept);
}

RawTcpServer::~RawTcpServer()
{
    close();
}

void RawTcpServer::setCaptureSink(CaptureSink *sink)
{
    m_sink = sink;
    for (int i = 0; i < m_clients->rowCount(); ++i)
        m_clients->at(i)->setCaptureSink(sink);
}

void RawTcpServer::setAutoReplier(const AutoReplier *replier)
{
    m_replier = replier;
    for (int i = 0; i < m_clients->rowCount(); ++i)
        m_clients->at(i)->setAutoReplier(replier);
}

bool RawTcpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    if (m_server->listen(address, port))
        return true;
    if (error)
        *error = m_server->errorString();
    return false;
}

void RawTcpServer::close()
{
    m_server->close();
    while (m_clients->rowCount() > 0) {
        LabTcpPeer *p = m_clients->at(0);
        const quint64 id = p->id();
        const QString peerText = p->peerString();
        m_clients->remove(p);
        p->disconnect(this);
        p->socket()->abort();
        delete p;
        emit clientDisconnected(id, peerText);
    }
}

bool RawTcpServer::isListening() const
{
    return m_server->isListening();
}

quint16 RawTcpServer::serverPort() const
{
    return m_server->serverPort();
}

QHostAddress RawTcpServer::serverAddress() const
{
    return m_server->serverAddress();
}

int RawTcpServer::clientCount() const
{
    return m_clients->rowCount();
}

QList<quint64> RawTcpServer::clientIds() const
{
    QList<quint64> ids;
    for (int i = 0; i < m_clients->rowCount(); ++i)
        ids.append(m_clients->at(i)->id());
    return ids;
}

LabTcpPeer *RawTcpServer::peer(quint64 client) const
{
    const int row = m_clients->rowOf(client);
    return row < 0 ? nullptr : m_clients->at(row);
}

qint64 RawTcpServer::sendTo(quint64 client, const QByteArray &bytes)
{
    LabTcpPeer *p = peer(client);
    return p ? p->send(bytes) : -1;
}

int RawTcpServer::sendToAll(const QByteArray &bytes)
{
    int n = 0;
    for (int i = 0; i < m_clients->rowCount(); ++i)
        if (m_clients->at(i)->send(bytes) >= 0)
            ++n;
    return n;
}

bool RawTcpServer::disconnectClient(quint64 client)
{
    LabTcpPeer *p = peer(client);
    if (!p)
        return false;
    p->disconnectFromPeer();
    return true;
}

void RawTcpServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *p = new LabTcpPeer(socket, m_sink, m_replier, this);
        const quint64 id = p->id();
        const QString peerText = p->peerString();
        connect(p, &LabTcpPeer::received, this, [this, p, id, peerText](const QByteArray &bytes) {
            m_clients->changed(p);
            emit received(id, peerText, bytes);
        });
        connect(p, &LabTcpPeer::sent, this, [this, p, id, peerText](const QByteArray &bytes, bool autoReply) {
            m_clients->changed(p);
            emit sent(id, peerText, bytes, autoReply);
        });
        connect(p, &LabTcpPeer::closed, this, [this, p, id, peerText] {
            m_clients->remove(p);
            p->deleteLater();
            emit clientDisconnected(id, peerText);
        });
        m_clients->add(p);
        emit clientConnected(id, peerText);
    }
}

} // namespace Switchboard
