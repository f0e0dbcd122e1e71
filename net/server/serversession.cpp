#include "serversession.h"

#include "net/core/logging.h"
#include "net/protocol/frameencoder.h"

namespace Switchboard {

ServerSession::ServerSession(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_peerName(connection->peerName())
    , m_since(QDateTime::currentDateTime())
{
    m_lastSeen.start();
}

void ServerSession::setState(State s)
{
    if (s == State::Ready && m_state == State::AwaitingHello)
        m_readySince.start();
    m_state = s;
}

void ServerSession::setUser(const QString &user)
{
    if (m_user == user)
        return;
    m_user = user;
    emit userChanged(user);
}

void ServerSession::sendHeader(const QJsonObject &header, const QByteArray &payload)
{
    if (m_state == State::Closing)
        return;
    QJsonObject h = header;
    if (!payload.isEmpty())
        h.insert(QLatin1String("size"), double(payload.size()));
    const QByteArray json = FrameEncoder::headerBytes(h);
    if (json.size() > m_peerMaxHeader) {
        // A reply that was not cut to the peer's limit: the peer could not decode it (and would
        // have to drop the connection), so it gets an error for its request instead.
        qCWarning(lcServer).noquote() << m_peerName << "would have been sent a" << Protocol::typeOf(header) << "header of"
                                      << json.size() << "bytes, over its limit of" << m_peerMaxHeader;
        const Protocol::Error e = Protocol::Error::make(Protocol::ErrorCode::Internal,
                                                        QStringLiteral("The reply is too large."),
                                                        Protocol::idOf(header));
        m_connection->sendFrame(e.toJson());
        return;
    }
    m_connection->sendFrame(h, json, payload);
}

void ServerSession::sendError(Protocol::ErrorCode code, const QString &message, qint64 requestId)
{
    send(Protocol::Error::make(code, message, requestId));
}

void ServerSession::fail(Protocol::ErrorCode code, const QString &message, qint64 requestId)
{
    if (m_state == State::Closing)
        return;
    send(Protocol::Error::make(code, message, requestId, true));
    m_state = State::Closing;
    m_connection->close();
    // A peer that never reads would keep the flush (and the socket) pending forever.
    QTimer::singleShot(5000, m_connection, &Connection::abort);
}

} // namespace Switchboard
