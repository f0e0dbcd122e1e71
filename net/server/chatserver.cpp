#include "chatserver.h"

#include "net/connection/socketconnection.h"
#include "net/connection/tlsconnection.h"
#include "net/core/logging.h"
#include "tcplistener.h"

#include <QJsonArray>
#include <QTcpServer>

namespace Switchboard {

using namespace Protocol;

ChatServer::ChatServer(QObject *parent)
    : QObject(parent)
    , m_serverName(QStringLiteral("switchboard/") + QStringLiteral(SWITCHBOARD_VERSION))
{
    connect(&m_timeoutTimer, &QTimer::timeout, this, &ChatServer::checkTimeouts);
    m_timeoutTimer.start(1000);
    m_router.setInvalidHandler([](ServerSession &s, const Frame &f, const DecodeError &e) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Malformed \"%1\": %2").arg(f.type(), e.toString()),
                    idOf(f.header));
    });
    route<Ping>([](ServerSession &s, const Ping &ping, const Frame &) { s.send(Pong{ping.id, ping.t}); }, Anonymous);
    route<Pong>([](ServerSession &, const Pong &, const Frame &) {}, Anonymous);
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
    if (m_proxyGate)
        m_proxyGate->setTimeoutMs(ms);
    m_helloTimeoutMs = ms;
    updateTimerInterval();
}

void ChatServer::setLoginTimeout(int ms)
{
    m_loginTimeoutMs = ms;
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
    int shortest = m_idleTimeoutMs > 0 ? qMin(m_helloTimeoutMs, m_idleTimeoutMs) : m_helloTimeoutMs;
    if (m_loginTimeoutMs > 0)
        shortest = qMin(shortest, m_loginTimeoutMs);
    m_timeoutTimer.setInterval(qBound(50, shortest / 4, 1000));
}

void ChatServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    for (QTcpServer *s : std::as_const(m_servers))
        if (auto *listener = qobject_cast<TcpListener *>(s))
            listener->setTlsConfiguration(configuration);
}

bool ChatServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new TcpListener(m_tls, this);
    server->setProxyGate(m_proxyGate);
    // QTcpServer sets SO_REUSEADDR on Unix, so a restarted server rebinds its port at once.
    server->setMaxPendingConnections(1024);
    if (!server->listen(address, port)) {
        if (error)
            *error = server->errorString();
        delete server;
        return false;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server] { acceptPending(server); });
    connect(server, &TcpListener::plainConnection, this, &ChatServer::addConnection);
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
        s->fail(ErrorCode::ServerShutdown, QStringLiteral("The server is shutting down."));
}

QList<ServerSession *> ChatServer::sessionsOf(const QString &user) const
{
    if (user.isEmpty())
        return {}; // connections that have not logged in are nobody's
    QList<ServerSession *> out = m_byUser.of(user);
    out.removeIf([](const ServerSession *s) { return s->state() != ServerSession::State::Ready; });
    return out;
}

void ChatServer::setTrustedProxies(const QList<QPair<QHostAddress, int>> &subnets)
{
    delete m_proxyGate;
    m_proxyGate = nullptr;
    if (!subnets.isEmpty()) {
        m_proxyGate = new ProxyGate(this);
        m_proxyGate->setTrusted(subnets);
        m_proxyGate->setTimeoutMs(m_helloTimeoutMs);
        connect(m_proxyGate, &ProxyGate::refused, this, [this](const QString &peer, const QString &why) {
            log(QStringLiteral("%1: trusted proxy sent no valid PROXY header (%2), disconnecting").arg(peer, why));
        });
    }
    for (QTcpServer *s : std::as_const(m_servers))
        if (auto *listener = qobject_cast<TcpListener *>(s))
            listener->setProxyGate(m_proxyGate);
}

void ChatServer::acceptPending(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection())
        startConnection(socket);
}

void ChatServer::startConnection(QTcpSocket *socket)
{
    auto *ssl = qobject_cast<QSslSocket *>(socket);
    TcpConnection *connection = ssl ? new TlsConnection(ssl) : new TcpConnection(socket);
    const QVariant proxied = socket->property(TcpListener::ProxiedAddressProperty);
    if (proxied.isValid()) // the client behind a trusted reverse proxy
        connection->setProxiedPeer(QHostAddress(proxied.toString()),
                                   quint16(socket->property(TcpListener::ProxiedPortProperty).toUInt()));
    if (!ssl) {
        addConnection(connection);
        return;
    }
    auto *tls = static_cast<TlsConnection *>(connection);
    connect(tls, &TlsConnection::tlsFailed, this, [this, tls](const QString &why) {
        log(QStringLiteral("%1: TLS handshake failed (%2), disconnecting").arg(tls->peerName(), why));
    });
    addConnection(tls);
    tls->startServerEncryption(); // after addConnection: the capture sink sees the handshake
}

void ChatServer::addConnection(Connection *connection)
{
    connection->setParent(this);
    connection->setLimits(limitsBeforeLogin());
    connection->setMaxQueuedBytes(m_maxQueuedBytes);
    if (m_sink)
        connection->setCaptureSink(m_sink);
    auto *session = new ServerSession(connection, this);
    m_sessions.append(session);

    connect(connection, &Connection::frameReceived, session, [this, session](const Frame &f) {
        handleFrame(session, f);
    });
    connect(connection, &Connection::protocolError, session, [this, session](const QString &code, const QString &msg) {
        log(QStringLiteral("%1: malformed frame (%2), disconnecting").arg(session->peerName(), code));
        session->fail(errorCodeFromWire(code), msg);
    });
    connect(connection, &Connection::disconnected, session, [this, session] { endSession(session); });
    connect(connection, &Connection::sendOverflow, session, [this, session](qint64 queued, qint64 refused) {
        log(QStringLiteral("%1 (%2): not reading, %3 bytes unsent and %4 more to send (limit %5), dropping")
                .arg(session->peerName(), session->user()).arg(queued).arg(refused).arg(m_maxQueuedBytes));
        // Told why (the one frame the full queue still takes: sent now, before anything else
        // is routed to it), then closed (the close waits for the queue to drain, at most 5 s):
        // a client that reads again gets its backlog and the notice, and may reconnect and fetch
        // the history it missed. fail() deletes nothing, so a broadcast in progress is safe.
        session->fail(ErrorCode::SlowConsumer, QStringLiteral("You did not read what the server sent; the connection is closed."));
    });
    // The full payload limit only once the peer has logged in.
    connect(session, &ServerSession::userChanged, connection, [this, session](const QString &user) {
        session->connection()->setLimits(user.isEmpty() ? limitsBeforeLogin() : m_limits);
        if (session->state() != ServerSession::State::Closing) // endSession() has not removed it
            m_byUser.setUser(session, user);
        emit sessionUserChanged(session);
    });

    if (m_maxClients > 0 && m_sessions.size() > m_maxClients) {
        log(QStringLiteral("%1: refused, server full (%2 clients)").arg(session->peerName()).arg(m_maxClients));
        session->fail(ErrorCode::ServerFull, QStringLiteral("The server is full (%1 clients).").arg(m_maxClients));
        return;
    }
    // This one counts too: more than the limit are waiting to log in from its address.
    if (m_maxPendingPerAddress > 0 && pendingFrom(connection->peerAddress()) > m_maxPendingPerAddress) {
        log(QStringLiteral("%1: refused, %2 connections from this address have not logged in")
                .arg(session->peerName()).arg(m_maxPendingPerAddress));
        session->fail(ErrorCode::TooManyConnections,
                      QStringLiteral("Too many connections from your address wait to log in (%1).").arg(m_maxPendingPerAddress));
        return;
    }
    qCDebug(lcServer).noquote() << session->peerName() << "connected";
    emit sessionStarted(session);
}

int ChatServer::pendingFrom(const QHostAddress &address) const
{
    int n = 0;
    for (const ServerSession *s : m_sessions)
        if (!s->isAuthenticated() && s->state() != ServerSession::State::Closing
            && s->connection()->peerAddress().isEqual(address))
            ++n;
    return n;
}

void ChatServer::endSession(ServerSession *session)
{
    if (!m_sessions.removeOne(session))
        return;
    m_byUser.remove(session);
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
    session->fail(ErrorCode::Kicked, reason);
}

void ChatServer::hold(ServerSession *session)
{
    session->addHold();
}

void ChatServer::release(ServerSession *session)
{
    session->dropHold();
    // A frame handled here may hold the session again: the rest then waits for that answer.
    while (!session->isHeld() && !session->heldFrames().isEmpty())
        handleFrame(session, session->heldFrames().takeFirst());
}

void ChatServer::handleFrame(ServerSession *session, const Frame &frame)
{
    if (session->state() == ServerSession::State::Closing)
        return;
    session->touch();
    if (session->isHeld()) {
        if (session->heldFrames().size() >= MaxHeldFrames) {
            log(QStringLiteral("%1 (%2): %3 requests behind one waiting for the database, dropping")
                    .arg(session->peerName(), session->user()).arg(MaxHeldFrames));
            session->heldFrames().clear();
            session->fail(ErrorCode::SlowConsumer, QStringLiteral("Too many requests while one waits for an answer."));
            return;
        }
        session->heldFrames().append(frame);
        return;
    }
    const QString type = frame.type();
    const qint64 id = idOf(frame.header);

    if (session->state() == ServerSession::State::AwaitingHello) {
        if (type == Hello::Type)
            handleHello(session, frame);
        else
            session->fail(ErrorCode::HelloRequired, QStringLiteral("Send a hello frame first."), id);
        return;
    }
    if (type == Hello::Type) {
        session->sendError(ErrorCode::BadRequest, QStringLiteral("Hello was already received."), id);
        return;
    }
    const auto *route = m_router.find(type);
    if (!route) {
        session->sendError(ErrorCode::UnknownType, QStringLiteral("Unknown message type \"%1\".").arg(type), id);
        return;
    }
    if ((route->flags & RequiresLogin) && !session->isAuthenticated()) {
        session->sendError(ErrorCode::AuthRequired, QStringLiteral("Log in first."), id);
        return;
    }
    route->handler(*session, frame);
}

FrameLimits ChatServer::limitsBeforeLogin() const
{
    // hello, auth.* and ping need no payload: a peer that has not logged in cannot make the
    // server buffer a 16 MiB one.
    FrameLimits l = m_limits;
    l.maxPayloadBytes = 0;
    return l;
}

ServerLimits ChatServer::announcedLimits() const
{
    ServerLimits l;
    l.maxHeader = m_limits.maxHeaderBytes;
    l.maxPayload = m_limits.maxPayloadBytes;
    // A text must fit in a chat.send header together with the other members.
    l.maxText = qBound(qint64(0), qint64(m_limits.maxHeaderBytes) - 1024, qint64(MaxChatTextBytes));
    // Whole seconds, rounded down so a client pinging in time is never late; at least 1, since 0 means "never".
    l.idleTimeout = m_idleTimeoutMs > 0 ? qMax(1, m_idleTimeoutMs / 1000) : 0;
    return l;
}

void ChatServer::handleHello(ServerSession *session, const Frame &frame)
{
    const Decoded<Hello> hello = Hello::fromJson(frame.header);
    if (!hello) {
        session->fail(ErrorCode::BadRequest, QStringLiteral("Malformed hello: %1").arg(hello.error().toString()),
                      idOf(frame.header));
        return;
    }
    if (!hello->versions.contains(Version)) {
        log(QStringLiteral("%1: no common protocol version").arg(session->peerName()));
        session->fail(ErrorCode::VersionUnsupported,
                      QStringLiteral("This server speaks protocol version %1 only.").arg(Version), hello->id);
        return;
    }
    session->setState(ServerSession::State::Ready);
    if (hello->maxHeader > 0)
        session->setPeerMaxHeader(hello->maxHeader);
    HelloReply reply = m_hello;
    reply.id = hello->id;
    reply.version = Version;
    reply.server = m_serverName;
    reply.limits = announcedLimits();
    session->send(reply);
}

void ChatServer::checkTimeouts()
{
    const auto sessions = m_sessions;
    for (ServerSession *s : sessions) {
        if (s->state() == ServerSession::State::AwaitingHello && s->idleMs() > m_helloTimeoutMs) {
            log(QStringLiteral("%1: no hello within %2 ms, disconnecting").arg(s->peerName()).arg(m_helloTimeoutMs));
            s->fail(ErrorCode::HelloTimeout, QStringLiteral("No hello received in time."));
        } else if (s->state() == ServerSession::State::Ready && !s->isAuthenticated() && m_loginTimeoutMs > 0
                   && s->msSinceHello() > m_loginTimeoutMs) {
            log(QStringLiteral("%1: no login within %2 ms, disconnecting").arg(s->peerName()).arg(m_loginTimeoutMs));
            s->fail(ErrorCode::LoginTimeout, QStringLiteral("No login within %1 s.").arg(m_loginTimeoutMs / 1000));
        } else if (s->state() == ServerSession::State::Ready && m_idleTimeoutMs > 0 && s->idleMs() > m_idleTimeoutMs) {
            log(QStringLiteral("%1: silent for %2 s, disconnecting").arg(s->peerName()).arg(m_idleTimeoutMs / 1000));
            s->fail(ErrorCode::IdleTimeout, QStringLiteral("No frame received in time (send ping to keep alive)."));
        }
    }
}

void ChatServer::log(const QString &line)
{
    qCInfo(lcServer).noquote() << line;
    emit logMessage(line);
}

} // namespace Switchboard
