#pragma once
#include "net/connection/connection.h"
#include "net/protocol/messages.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

namespace Switchboard {

// The server's view of one client: its connection, protocol state and login.
class ServerSession : public QObject
{
    Q_OBJECT
public:
    enum class State { AwaitingHello, Ready, Closing };

    ServerSession(Connection *connection, QObject *parent = nullptr);

    Connection *connection() const { return m_connection; }
    quint64 id() const { return m_connection->id(); }
    State state() const { return m_state; }
    void setState(State s);
    QString peerName() const { return m_peerName; }
    QDateTime connectedSince() const { return m_since; }

    QString user() const { return m_user; }
    bool isAuthenticated() const { return !m_user.isEmpty(); }
    void setUser(const QString &user);

    QSet<QString> &rooms() { return m_rooms; }
    // The largest header the peer takes: what its hello announced ("maxHeader"), never below
    // v1's 65,536. Replies that could be larger are paged or cut to it; sendHeader() refuses a
    // header over it (logged, and an internal_error goes out instead).
    static constexpr qint64 DefaultPeerMaxHeader = 65536;
    qint64 peerMaxHeader() const { return m_peerMaxHeader; }
    void setPeerMaxHeader(qint64 bytes) { m_peerMaxHeader = qMax(bytes, DefaultPeerMaxHeader); }
    // While a request waits for storage (ChatServer::hold), the frames that follow it wait here.
    bool isHeld() const { return m_holds > 0; }
    QList<Frame> &heldFrames() { return m_held; }
    void addHold() { ++m_holds; }
    void dropHold() { m_holds = qMax(0, m_holds - 1); }

    // Per-feature scratch state (e.g. a SCRAM exchange in progress).
    QVariantMap &scratch() { return m_scratch; }

    // Sends one typed message (see net/protocol/messages.h), with an optional payload.
    template <class M>
    void send(const M &message, const QByteArray &payload = {})
    {
        sendHeader(message.toJson(), payload);
    }
    void sendHeader(const QJsonObject &header, const QByteArray &payload = {});
    void sendError(Protocol::ErrorCode code, const QString &message, qint64 requestId = 0);
    void sendError(const Protocol::Error &error) { send(error); }
    // Sends a fatal error frame, then closes once it has been written.
    void fail(Protocol::ErrorCode code, const QString &message, qint64 requestId = 0);

    void touch() { m_lastSeen.restart(); }
    qint64 idleMs() const { return m_lastSeen.elapsed(); }
    // Milliseconds since the hello was accepted (the login deadline counts from there).
    qint64 msSinceHello() const { return m_readySince.isValid() ? m_readySince.elapsed() : 0; }

signals:
    void userChanged(const QString &user);

private:
    Connection *m_connection;
    State m_state = State::AwaitingHello;
    QString m_peerName;
    QDateTime m_since;
    QString m_user;
    QSet<QString> m_rooms;
    qint64 m_peerMaxHeader = DefaultPeerMaxHeader;
    QVariantMap m_scratch;
    int m_holds = 0;
    QList<Frame> m_held;
    QElapsedTimer m_lastSeen;
    QElapsedTimer m_readySince;
};

} // namespace Switchboard
