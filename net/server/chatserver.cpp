#include "chatserver.h"

#include "net/connection/tcpconnection.h"
#include "net/core/logging.h"
#include "net/protocol/protocol.h"
#include "serversession.h"

#include <QJsonArray>
#include <QTcpServer>

namespace Switchboard {

ChatServer::ChatServer(QObject *parent)
    : QObject(parent)
    , m_serverName(QStringLiteral("switchboard/") + QStringLiteral(SWITCHBOARD_VERSION))
{
    connect(&m_timeoutTimer, &QTimer::timeout, this, &ChatServer::checkTimeouts);
    m_timeoutTimer.start(1000);
    registerHandler(Protocol::Type::Ping, [](ServerSession *s, const Frame &f) {
        QJsonObject pong = Protocol::makeReply(Protocol::Type::Pong, f);
        if (f.header.contains(QLatin1String("t")))
            pong.insert(QStringLiteral("t"), f.header.value(QLatin1String("t")));
        s->send(pong);
    }, false);
    registerHandler(Protocol::Type::Pong, [](ServerSession *, const Frame &) {}, false);
}

ChatServer::~ChatServer()
{
    close();
}

void ChatServer::setCaptureSink(std::shared_ptr<CaptureSink> sink)
{
    m_sink = std::move(sink);
    for (ServerSession *s : std::as_const(m_sessions))
        s->connection()->setCaptureSink(m_sink);
}

void ChatServer::setHelloTimeout(int ms)
{
    m_helloTimeoutMs = ms;
    updateTimerInterval();
}

void ChatServer::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = ms;
    updateTimerInterval();
}

void ChatServer::updateTimerInterval()
{
    // Check four times per shortest timeout, between every 50 ms and every second.
    const int shortest = m_idleTimeoutMs > 0 ? qMin(m_helloTimeoutMs, m_idleTimeoutMs) : m_helloTimeoutMs;
    m_timeoutTimer.setInterval(qBound(50, shortest / 4, 1000));
}

bool ChatServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new QTcpServer(this);
    // QTcpServer sets SO_REUSEADDR on Unix, so a restarted server rebinds its port at once.
    server->setMaxPendingConnections(1024);
    if (!server->listen(address, port)) {
        if (error)
            *error = server->errorString();
        delete server;
        return false;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server] { acceptPending(server); });
    m_servers.append(server);
    return true;
}

QList<ChatServer::Listener> ChatServer::listeners() const
{
    QList<Listener> out;
    for (QTcpServer *s : m_servers)
        out.append({s->serverAddress(), s->serverPort()});
    return out;
}

void ChatServer::close()
{
    for (QTcpServer *s : std::as_const(m_servers)) {
        s->close();
        s->deleteLater();
    }
    m_servers.clear();
    const auto sessions = m_sessions;
    for (ServerSession *s : sessions)
        s->fail(Protocol::ErrorCode::ServerShutdown, tr("The server is shutting down."));
}

void ChatServer::registerHandler(const QString &type, Handler handler, bool requiresLogin)
{
    m_routes.insert(type, Route{std::move(handler), requiresLogin});
}

QList<ServerSession *> ChatServer::sessionsOf(const QString &user) const
{
    QList<ServerSession *> out;
    for (ServerSession *s : m_sessions)
        if (s->user() == user && s->state() == ServerSession::State::Ready)
            out.append(s);
    return out;
}

void ChatServer::acceptPending(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection())
        addConnection(new TcpConnection(socket));
}

void ChatServer::addConnection(Connection *connection)
{
    connection->setParent(this);
    connection->setLimits(m_limits);
    if (m_sink)
        connection->setCaptureSink(m_sink);
    auto *session = new ServerSession(connection, this);
    m_sessions.append(session);

    connect(connection, &Connection::frameReceived, session, [this, session](const Frame &f) {
        handleFrame(session, f);
    });
    connect(connection, &Connection::protocolError, session, [this, session](const QString &code, const QString &msg) {
        log(QStringLiteral("%1: malformed frame (%2), disconnecting").arg(session->peerName(), code));
        session->fail(code, msg);
    });
    connect(connection, &Connection::disconnected, session, [this, session] { endSession(session); });

    if (m_maxClients > 0 && m_sessions.size() > m_maxClients) {
        log(QStringLiteral("%1: refused, server full (%2 clients)").arg(session->peerName()).arg(m_maxClients));
        session->fail(Protocol::ErrorCode::ServerFull, tr("The server is full (%1 clients).").arg(m_maxClients));
        return;
    }
    qCDebug(lcServer).noquote() << session->peerName() << "connected";
    emit sessionStarted(session);
}

void ChatServer::endSession(ServerSession *session)
{
    if (!m_sessions.removeOne(session))
        return;
    session->setState(ServerSession::State::Closing);
    qCDebug(lcServer).noquote() << session->peerName() << "disconnected";
    emit sessionEnded(session);
    session->connection()->deleteLater();
    session->deleteLater();
}

void ChatServer::kick(ServerSession *session, const QString &reason)
{
    if (!m_sessions.contains(session))
        return;
    log(QStringLiteral("%1 (%2): kicked").arg(session->peerName(), session->user()));
    session->fail(Protocol::ErrorCode::Kicked, reason);
}

void ChatServer::handleFrame(ServerSession *session, const Frame &frame)
{
    if (session->state() == ServerSession::State::Closing)
        return;
    session->touch();
    const QString type = frame.type();
    const QJsonValue id = frame.header.value(QLatin1String("id"));

    if (session->state() == ServerSession::State::AwaitingHello) {
        if (type == Protocol::Type::Hello)
            handleHello(session, frame);
        else
            session->fail(Protocol::ErrorCode::HelloRequired, tr("Send a hello frame first."), id);
        return;
    }
    if (type == Protocol::Type::Hello) {
        session->sendError(Protocol::ErrorCode::BadRequest, tr("Hello was already received."), id);
        return;
    }
    const auto route = m_routes.constFind(type);
    if (route == m_routes.constEnd()) {
        session->sendError(Protocol::ErrorCode::UnknownType, tr("Unknown message type \"%1\".").arg(type), id);
        return;
    }
    if (route->requiresLogin && !session->isAuthenticated()) {
        session->sendError(Protocol::ErrorCode::AuthRequired, tr("Log in first."), id);
        return;
    }
    route->handler(session, frame);
}

void ChatServer::handleHello(ServerSession *session, const Frame &frame)
{
    const QJsonValue id = frame.header.value(QLatin1String("id"));
    const QJsonArray versions = frame.header.value(QLatin1String("versions")).toArray();
    bool supported = false;
    for (const QJsonValue &v : versions)
        supported = supported || v.toInt(-1) == Protocol::Version;
    if (!supported) {
        log(tr("%1: no common protocol version").arg(session->peerName()));
        session->fail(Protocol::ErrorCode::VersionUnsupported,
                      tr("This server speaks protocol version %1 only.").arg(Protocol::Version), id);
        return;
    }
    session->setState(ServerSession::State::Ready);
    QJsonObject reply = Protocol::makeReply(Protocol::Type::Hello, frame);
    reply.insert(QStringLiteral("version"), Protocol::Version);
    reply.insert(QStringLiteral("server"), m_serverName);
    reply.insert(QStringLiteral("limits"), QJsonObject{{QStringLiteral("maxHeader"), double(m_limits.maxHeaderBytes)},
                                                       {QStringLiteral("maxPayload"), double(m_limits.maxPayloadBytes)},
                                                       {QStringLiteral("maxText"), Protocol::MaxChatTextBytes},
                                                       {QStringLiteral("idleTimeout"), m_idleTimeoutMs / 1000}});
    for (auto it = m_helloExtra.constBegin(); it != m_helloExtra.constEnd(); ++it)
        reply.insert(it.key(), it.value());
    session->send(reply);
}

void ChatServer::checkTimeouts()
{
    const auto sessions = m_sessions;
    for (ServerSession *s : sessions) {
        if (s->state() == ServerSession::State::AwaitingHello && s->idleMs() > m_helloTimeoutMs) {
            log(QStringLiteral("%1: no hello within %2 ms, disconnecting").arg(s->peerName()).arg(m_helloTimeoutMs));
            s->fail(Protocol::ErrorCode::HelloTimeout, tr("No hello received in time."));
        } else if (s->state() == ServerSession::State::Ready && m_idleTimeoutMs > 0 && s->idleMs() > m_idleTimeoutMs) {
            log(QStringLiteral("%1: silent for %2 s, disconnecting").arg(s->peerName()).arg(m_idleTimeoutMs / 1000));
            s->fail(Protocol::ErrorCode::IdleTimeout, tr("No frame received in time (send ping to keep alive)."));
        }
    }
}

void ChatServer::log(const QString &line)
{
    qCInfo(lcServer).noquote() << line;
    emit logMessage(line);
}

} // namespace Switchboard
