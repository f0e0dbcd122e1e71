#include "serversession.h"

#include "net/protocol/protocol.h"

namespace Switchboard {

ServerSession::ServerSession(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_peerName(connection->peerName())
    , m_since(QDateTime::currentDateTime())
{
    m_lastSeen.start();
}

void ServerSession::setUser(const QString &user)
{
    if (m_user == user)
        return;
    m_user = user;
    emit userChanged(user);
}

void ServerSession::send(const QJsonObject &header, const QByteArray &payload)
{
    if (m_state != State::Closing)
        m_connection->sendFrame(header, payload);
}

void ServerSession::sendError(const QString &code, const QString &message, const QJsonValue &requestId)
{
    send(Protocol::makeError(code, message, requestId));
}

void ServerSession::fail(const QString &code, const QString &message, const QJsonValue &requestId)
{
    if (m_state == State::Closing)
        return;
    send(Protocol::makeError(code, message, requestId, true));
    m_state = State::Closing;
    m_connection->close();
    // A peer that never reads would keep the flush (and the socket) pending forever.
    QTimer::singleShot(5000, m_connection, &Connection::abort);
}

} // namespace Switchboard
