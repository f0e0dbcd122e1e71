#pragma once
#include "net/protocol/frame.h"
#include "net/protocol/messages.h"
#include "net/protocol/router.h"
#include "proxygate.h"
#include "serversession.h"
#include "sessionsbyuser.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <functional>
#include <memory>

class QTcpServer;

namespace Switchboard {

class CaptureSink;
class Connection;

// The Switchboard server: accepts TCP clients on any number of listeners (IPv4 and IPv6),
// enforces framing limits, hello/version negotiation, keepalive and a client limit, and
// routes every other frame by "type" to the typed handlers that features register (Router, the
// same mechanism the client uses).
// Runs in the thread that owns it, event driven (see docs/ARCHITECTURE.md for the measurement).
class ChatServer : public QObject
{
    Q_OBJECT
public:
    // Route flags.
    enum RouteFlag { RequiresLogin = 1, Anonymous = 0 };
    static constexpr qint64 DefaultMaxQueuedBytes = qint64(8) << 20;
    struct Listener
    {
        QHostAddress address;
        quint16 port = 0;
    };

    explicit ChatServer(QObject *parent = nullptr);
    ~ChatServer() override;

    // Listeners started after this speak TLS with this configuration (certificate, key, TLS 1.2+);
    // a null configuration: plaintext (the default; --no-tls).
    // Also for listeners already open (a renewed certificate: connections from now on use it).
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool usesTls() const { return !m_tls.isNull(); }
    // Connections from these subnets (reverse proxies) must start with a PROXY protocol header
    // (read before TLS); the client address in it is the connection's address from then on.
    void setTrustedProxies(const QList<QPair<QHostAddress, int>> &subnets);
    // Starts listening; port 0 picks a free port (see listeners() for the real one).
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    QList<Listener> listeners() const;
    void close();

    void setMaxClients(int n) { m_maxClients = n; }
    int maxClients() const { return m_maxClients; }
    // Frame limits after login; before it, frames may carry no payload at all.
    void setLimits(const FrameLimits &limits) { m_limits = limits; }
    const FrameLimits &limits() const { return m_limits; }
    FrameLimits limitsBeforeLogin() const;
    // Unsent bytes a connection may hold before it is dropped (0: no bound).
    void setMaxQueuedBytes(qint64 bytes) { m_maxQueuedBytes = bytes; }
    qint64 maxQueuedBytes() const { return m_maxQueuedBytes; }
    void setHelloTimeout(int ms);
    // After hello, a connection has this long to log in (0: forever); then login_timeout.
    void setLoginTimeout(int ms);
    // Connections from one address that have not logged in (0: any number); more are refused
    // with too_many_connections.
    void setMaxPendingPerAddress(int n) { m_maxPendingPerAddress = n; }
    void setIdleTimeout(int ms);
    // Applies to current and future connections (nullptr detaches them all); they share its ownership.
    void setCaptureSink(std::shared_ptr<CaptureSink> sink);
    void setServerName(const QString &name) { m_serverName = name; }

    // Features fill in their part of the hello reply (auth mechanisms, registration, transfer
    // settings); the server sets id, version, server name and limits.
    Protocol::HelloReply &helloTemplate() { return m_hello; }
    // The limits announced in hello (also what the chat service enforces for texts).
    Protocol::ServerLimits announcedLimits() const;

    // Routes frames of type M to handler(ServerSession &, const M &, const Frame &). A frame that
    // does not decode is answered with bad_request naming the member; RequiresLogin routes answer
    // auth_required before login.
    template <class M, class F>
    void route(F handler, int flags = RequiresLogin)
    {
        m_router.on<M>(std::move(handler), flags);
    }

    QList<ServerSession *> sessions() const { return m_sessions; }
    int clientCount() const { return int(m_sessions.size()); }
    // Every session logged in as this user.
    QList<ServerSession *> sessionsOf(const QString &user) const;
    void kick(ServerSession *session, const QString &reason);

    // Adopts a connection made elsewhere (e.g. an in-memory one in tests).
    void addConnection(Connection *connection);

    // Requests answered from the storage thread keep PROTOCOL.md 2's order (each request answered
    // before the next is read): hold() before posting the call, release() after the reply; the
    // session's frames that arrived meanwhile are handled then, in order. A peer that sends more
    // than MaxHeldFrames while one waits is dropped (slow_consumer: it does not wait for answers).
    static constexpr int MaxHeldFrames = 1024;
    void hold(ServerSession *session);
    void release(ServerSession *session);

signals:
    void sessionStarted(Switchboard::ServerSession *session);
    void sessionEnded(Switchboard::ServerSession *session);
    // A session's user changed (its login): one connection for all sessions, not one per session.
    void sessionUserChanged(Switchboard::ServerSession *session);
    // Each line logged to switchboard.server (English), for a GUI's server log.
    void logMessage(const QString &line);

private:
    void acceptPending(QTcpServer *server);
    void startConnection(QTcpSocket *socket);
    void handleFrame(ServerSession *session, const Frame &frame);
    void handleHello(ServerSession *session, const Frame &frame);
    void endSession(ServerSession *session);
    void checkTimeouts();
    void updateTimerInterval();
    int pendingFrom(const QHostAddress &address) const;
    void log(const QString &line);

    QList<QTcpServer *> m_servers;
    QSslConfiguration m_tls; // null: plaintext
    ProxyGate *m_proxyGate = nullptr; // null: no trusted proxies
    QList<ServerSession *> m_sessions;
    SessionsByUser m_byUser; // the logged-in ones among m_sessions
    Router<ServerSession> m_router;
    Protocol::HelloReply m_hello;
    FrameLimits m_limits;
    std::shared_ptr<CaptureSink> m_sink;
    QString m_serverName;
    int m_maxClients = 15000; // ServerConfig's default
    qint64 m_maxQueuedBytes = DefaultMaxQueuedBytes;
    int m_helloTimeoutMs = 10000;
    int m_loginTimeoutMs = 0;
    int m_maxPendingPerAddress = 0;
    int m_idleTimeoutMs = 90000;
    QTimer m_timeoutTimer;
};

} // namespace Switchboard
