#pragma once
#include "chatclient.h"
#include "net/protocol/messages.h"
#include "serverlist.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace Switchboard {

class ConversationStore;
class CaptureSink;
class DeviceTokenKeeper;
class Connection;
class ScramClient;
class TransferManager;

// The client core: a user's view of a server. Login (SCRAM; key derivation off the calling
// thread), rooms, members, private chats, presence, history paging, an outbox for messages typed
// while disconnected, and automatic reconnection with backoff. It owns every piece of client
// state; the GUI observes it through its signals (and the models built on them) and acts through
// its slots, and the CLI drives the same object. No widget reaches past it to the ChatClient.
//
// The outbox belongs to an account (user@host:port): a message typed as bob is only ever sent by
// bob to that server. Logging in as someone else leaves bob's queue untouched (kept, not sent);
// logOut() keeps or discards it as asked and says how many messages it kept.
class ClientSession : public QObject
{
    Q_OBJECT
public:
    enum class Status { Offline, Connecting, LoggingIn, Online, Reconnecting };
    Q_ENUM(Status)
    enum class OutboxPolicy { Keep, Discard };

    struct Outgoing
    {
        qint64 localId = 0;
        QString account; // accountKey() of the session it was typed in
        QString room;
        QString to;
        QString text;
        // chat.send's idempotency key, chosen once when the line is typed and kept across
        // reconnects and failovers: a resend after a lost ack is not posted twice (PROTOCOL 7.2).
        QString key{};
    };

    explicit ClientSession(QObject *parent = nullptr);
    ~ClientSession() override;

    ChatClient *client() const { return m_client; }
    // For the packet inspector: where this session's traffic is recorded, and its current
    // connection (for the framing lab), announced by connectionChanged().
    void setCaptureSink(CaptureSink *sink);
    Connection *connection() const;
    // One message model per room and private chat, fed from this session's signals.
    ConversationStore *conversations() const { return m_conversations; }
    // Every upload and download of this session, bound to the account that started it.
    TransferManager *transfers() const { return m_transfers; }
    Status status() const { return m_status; }
    QString user() const { return m_user; }
    // The node in use now ("host:port").
    QString serverAddress() const { return m_host + QLatin1Char(':') + QString::number(m_port); }
    // Every address given to logIn() (several nodes of one cluster, or one server).
    QList<Endpoint> servers() const { return m_servers.nodes(); }
    int serverIndex() const { return m_servers.currentIndex(); }
    // "user@host:port", or "user@" + every node's address for a cluster (ServerList::identity):
    // what the outbox is bound to, whichever node the session is on.
    QString accountKey() const;
    QStringList joinedRooms() const;
    QStringList members(const QString &room) const { return m_members.value(room); }
    QStringList onlineUsers() const { return m_online; }
    // Private rooms this session knows of (from the room list, room.members and its own actions):
    // whether a room is one, its owner and its access list (complete after roomMembersReceived).
    bool isPrivateRoom(const QString &room) const { return m_roomAccess.value(room).isPrivate; }
    QString roomOwner(const QString &room) const { return m_roomAccess.value(room).owner; }
    QStringList accessList(const QString &room) const { return m_roomAccess.value(room).members; }
    // Private rooms listed for this user (the room list shows only those the user is a member of).
    QStringList privateRooms() const;
    // Messages of the current account not yet acknowledged by the server.
    int queuedCount() const;
    // At most this many chat.send wait for their ack at once; the rest wait in the outbox, in
    // order. 20 is mosquitto_pub's QoS 1 default; a larger window only makes the server's turns
    // bigger (docs/BENCHMARKS.md, fan-out), and it bounds what a long paste leaves the server to
    // queue for this connection (acks and echoes).
    static constexpr int DefaultSendWindow = 20;
    void setSendWindow(int messages) { m_sendWindow = qMax(1, messages); }
    int sendWindow() const { return m_sendWindow; }
    // Messages kept for another account (sent only when that account logs in again).
    int queuedForOtherAccounts() const;
    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    // Where device tokens are kept (docs/PROTOCOL.md 6.6); not owned, must outlive the session.
    // Without one (the default) no token is presented nor kept.
    void setDeviceTokenKeeper(DeviceTokenKeeper *keeper) { m_tokenKeeper = keeper; }
    // Rooms joined automatically after login (default: lobby).
    void setAutoJoin(const QStringList &rooms) { m_autoJoin = rooms; }
    // Why a message was not sent, in the user's language (by code; the server's text otherwise).
    static QString rejectionText(Protocol::ErrorCode code, const QString &serverMessage);
    // The longest text the server accepts (from its hello; 0 before the first login).
    qint64 maxTextBytes() const;
    // TLS and whom to trust for the next connections (ChatClient::setTls; plaintext until called).
    void setTls(const ClientTls &tls);
    const ClientTls &tls() const;
    // The current connection is encrypted; its certificate fingerprint and TLS version/cipher.
    bool isEncrypted() const;
    QString serverFingerprint() const;
    QString tlsDescription() const;

public slots:
    // Connects, then logs in (registering first when asked). The password is turned into the
    // MD5 credential and the SCRAM keys off this thread; it is never sent nor stored.
    void logIn(const QString &host, quint16 port, const QString &user, const QString &password, bool registerFirst = false);
    // The same with several nodes of one cluster (docs/CLUSTER.md): tried in order until one
    // answers. When the connection is lost the session moves on to the next node (with the
    // usual backoff), logs in again, rejoins its rooms, fetches the messages it missed and
    // re-sends its outbox; chat.send's keys keep a resend from posting anything twice.
    void logIn(const QList<Switchboard::Endpoint> &servers, const QString &user, const QString &password,
               bool registerFirst = false);
    // Abandons a login in progress (connecting, negotiating, authenticating).
    void cancelLogin();
    // Answers trustRequested() (ChatClient::trustServer).
    void trustServer(bool trusted);
    void logOut(Switchboard::ClientSession::OutboxPolicy outbox = OutboxPolicy::Keep);
    qint64 joinRoom(const QString &room);
    qint64 leaveRoom(const QString &room);
    // Sends now when online, otherwise queues; returns a local id that messageSent() reports.
    qint64 sendToRoom(const QString &room, const QString &text);
    qint64 sendToUser(const QString &user, const QString &text);
    // Pages backwards from beforeId (exclusive; 0 = newest). limit 0: the server's default.
    qint64 requestHistory(const QString &room, const QString &withUser = QString(), qint64 beforeId = 0, int limit = 0);
    // Searches a room's (or the private chat's) history on the server for text, newest matches
    // first, a page at a time (docs/PROTOCOL.md 7.8); searchResults() or searchFailed() answer.
    qint64 searchHistory(const QString &room, const QString &withUser, const QString &text, qint64 beforeId = 0,
                         int limit = 0);
    // Connects again while offline after a kick or a lost connection, as the same user, with the
    // credential kept in memory for reconnects; false when there is none (logOut forgets it).
    bool reconnect();
    // Every page of the room list; roomListReceived() once the last page is in.
    qint64 requestRoomList();
    // Creates a room and joins it (roomJoined); a private one has this user as its owner.
    qint64 createRoom(const QString &room, bool isPrivate);
    // Private rooms: the server answers with the new access list (roomMembersReceived).
    // shareHistory: the invitee may read what was said before (the owner only).
    qint64 inviteToRoom(const QString &room, const QString &user, bool shareHistory = false);
    qint64 removeFromRoom(const QString &room, const QString &user);
    qint64 transferOwnership(const QString &room, const QString &user);
    // Every page of a room's members (a private room's access list); roomMembersReceived() at the end.
    qint64 requestMembers(const QString &room);

signals:
    void statusChanged(Switchboard::ClientSession::Status status);
    // An unknown server's certificate: show the fingerprint, then call trustServer().
    void trustRequested(const QString &server, const QString &fingerprint);
    // A new connection to the server has said hello (the inspector follows it).
    void connectionChanged(Switchboard::Connection *connection);
    // The session is connected to this node now (serverAddress()); after a failover, another one.
    void serverChanged(const QString &address);
    void loggedIn(const QString &user);
    // At login, after loggedIn(): logins of this account that failed since its last successful
    // one (count > 0), the last at `last` from `lastFrom` (a source address).
    void failedLoginsReported(int count, const QDateTime &last, const QString &lastFrom);
    void registered(const QString &user);
    // error.code: the server's (auth_failed, auth_locked with retryAfter, ...) or a local one
    // (unreachable, not_switchboard, handshake_timeout, cancelled, disconnected).
    void loginFailed(const Switchboard::Protocol::Error &error);
    void disconnected(const QString &reason);
    // After logOut(Keep) with a non-empty outbox: how many messages wait for `account`.
    void outboxKept(const QString &account, int count);
    void messageReceived(const Switchboard::ChatMessage &message);
    // A message was queued (offline) or written (online) and awaits the server's ack.
    void messagePending(qint64 localId, const QString &room, const QString &to, const QString &text);
    void messageSent(qint64 localId, qint64 messageId);
    void messageRejected(qint64 localId, Switchboard::Protocol::ErrorCode code, const QString &message);
    void roomJoined(const QString &room, const QStringList &members, const QList<Switchboard::ChatMessage> &history);
    void roomLeft(const QString &room);
    void membersChanged(const QString &room);
    void onlineUsersChanged(const QStringList &users);
    void presence(const QString &room, const QString &user, const QString &event);
    // A page of history, oldest first; beforeId is what was asked for.
    void historyReceived(const QString &room, const QString &withUser, const QList<Switchboard::ChatMessage> &messages,
                         qint64 beforeId);
    // After a reconnection: messages stored while this session was away, newer than the last one
    // it had in that room or private chat (oldest first; the conversation models merge them).
    void missedMessages(const QString &room, const QString &withUser, const QList<Switchboard::ChatMessage> &messages);
    // A page of search matches (oldest first); more: older matches remain (ask with the first id).
    void searchResults(qint64 requestId, const QString &text, const QList<Switchboard::ChatMessage> &messages, bool more);
    void searchFailed(qint64 requestId, const Switchboard::Protocol::Error &error);
    void roomListReceived(const QStringList &rooms);
    // A room's complete member list: for a private room its access list and owner.
    void roomMembersReceived(const QString &room, bool isPrivate, const QString &owner, const QStringList &members);
    void invitedToRoom(const QString &room, const QString &by);
    // This user lost access to a private room (removed by `by`, or left the access list).
    void removedFromRoom(const QString &room, const QString &by);
    void queueChanged(int queued);
    void errorReceived(const Switchboard::Protocol::Error &error);

private:
    void setStatus(Status s);
    void connectNow();
    void onReady();
    void onServerError(const Protocol::Error &error);
    void onDisconnected(const QString &reason);
    void onConnectionFailed(const Protocol::Error &error);
    void failLogin(const Protocol::Error &error);
    void beginAuth();
    void sendRegistration(const QByteArray &salt, int iterations, const QByteArray &saltedPassword);
    void onChallenge(const Protocol::AuthChallenge &challenge);
    void onAuthOk(const Protocol::AuthOk &ok);
    void afterLogin();
    void onRoomJoined(const Protocol::RoomJoined &joined);
    void onPresence(const Protocol::Presence &p);
    qint64 requestRoomPage(const QString &after, QStringList names);
    qint64 requestMembersPage(const QString &room, const QString &after, QStringList members, qint64 firstId);
    void onMembersPage(const Protocol::RoomMembers &page, QStringList members);
    void onRemovedFromRoom(const Protocol::RoomRemoved &removed);
    // room.invite / room.remove / room.owner: all answered with the room's members.
    template <class M>
    qint64 requestMembersChange(const M &request);
    // Transmits the current account's queued messages, oldest first, while the window has room.
    void flushOutbox();
    // Pages back from beforeId (0: newest) to the last message known, lastKnown (RecoverPages at most).
    void recoverMissed(const QString &room, const QString &withUser, qint64 lastKnown, qint64 beforeId, int pages);
    static constexpr int RecoverPageSize = 500;
    static constexpr int RecoverPages = 10;
    bool transmit(const Outgoing &m);
    void scheduleReconnect();
    qint64 enqueue(Outgoing m);
    void rejectLater(qint64 localId, Protocol::ErrorCode code, const QString &message);

    ChatClient *m_client;
    ConversationStore *m_conversations;
    TransferManager *m_transfers;
    Status m_status = Status::Offline;
    ServerList m_servers;
    int m_failedThisRound = 0; // nodes that failed since the last login (or logIn())
    QString m_host;            // the node in use
    quint16 m_port = 0;
    QString m_user;
    QByteArray m_credential; // MD5 hex of user+password; in memory only, for re-login after reconnect
    bool m_registerFirst = false;
    bool m_everLoggedIn = false;
    bool m_userQuit = false;
    bool m_autoReconnect = true;
    int m_backoffMs = 500;
    QTimer m_reconnectTimer;
    ScramClient *m_scram = nullptr;
    DeviceTokenKeeper *m_tokenKeeper = nullptr;
    QByteArray m_cachedSalt;           // reuse the derived key for re-logins with the same salt
    int m_cachedIterations = 0;
    QByteArray m_cachedSaltedPassword;
    quint64 m_loginAttempt = 0;        // results of key derivation for an older attempt are dropped

    QStringList m_autoJoin{QStringLiteral("lobby")};
    QSet<QString> m_rooms;                     // joined rooms (rejoined after reconnect)
    QHash<QString, QStringList> m_members;
    QStringList m_online;
    struct RoomAccess
    {
        bool isPrivate = false;
        QString owner;
        QStringList members;
    };
    QHash<QString, RoomAccess> m_roomAccess;
    QList<Outgoing> m_outbox;                  // not yet written to a logged-in connection, any account
    QMap<qint64, Outgoing> m_inFlight;         // local id -> message written, awaiting chat.ack
    qint64 m_nextLocalId = 1;
    int m_sendWindow = DefaultSendWindow;
};

} // namespace Switchboard
