#pragma once
#include "net/chat/chatmessage.h"
#include "chatclient.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace Switchboard {

class ScramClient;
class TransferManager;

// A logged-in user's view of a server: login (SCRAM, key derivation off the calling thread),
// rooms, private chats, presence, an outbox that keeps messages typed while disconnected,
// and automatic reconnection with backoff. The GUI and the CLI both drive this object.
class ClientSession : public QObject
{
    Q_OBJECT
public:
    enum class Status { Offline, Connecting, LoggingIn, Online, Reconnecting };
    Q_ENUM(Status)

    struct Outgoing
    {
        qint64 localId = 0;
        QString room;
        QString to;
        QString text;
    };

    explicit ClientSession(QObject *parent = nullptr);
    ~ClientSession() override;

    ChatClient *client() const { return m_client; }
    // Every upload and download of this session, bound to the account that started it.
    TransferManager *transfers() const { return m_transfers; }
    Status status() const { return m_status; }
    QString user() const { return m_user; }
    QString serverAddress() const { return m_host + QLatin1Char(':') + QString::number(m_port); }
    QStringList joinedRooms() const;
    QStringList members(const QString &room) const { return m_members.value(room); }
    QStringList onlineUsers() const { return m_online; }
    int queuedCount() const { return int(m_outbox.size()); }
    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    // Rooms joined automatically after login (default: lobby).
    void setAutoJoin(const QStringList &rooms) { m_autoJoin = rooms; }

public slots:
    // Connects, then logs in (registering first when asked). The password is turned into the
    // MD5 credential and the SCRAM keys off this thread; it is never sent nor stored.
    void logIn(const QString &host, quint16 port, const QString &user, const QString &password, bool registerFirst = false);
    void logOut();
    qint64 joinRoom(const QString &room);
    qint64 leaveRoom(const QString &room);
    // Sends now when online, otherwise queues; returns a local id that messageSent() reports.
    qint64 sendToRoom(const QString &room, const QString &text);
    qint64 sendToUser(const QString &user, const QString &text);
    qint64 requestHistory(const QString &room, const QString &withUser = QString());
    qint64 requestRoomList();

signals:
    void statusChanged(Switchboard::ClientSession::Status status);
    void loggedIn(const QString &user);
    void registered(const QString &user);
    // code: a protocol error code (auth_failed, auth_locked, ...) or "unreachable"/"disconnected".
    void loginFailed(const QString &code, const QString &message, int retryAfterSeconds);
    void disconnected(const QString &reason);
    void messageReceived(const Switchboard::ChatMessage &message);
    void messageSent(qint64 localId, qint64 messageId);
    void messageRejected(qint64 localId, const QString &code, const QString &message);
    void roomJoined(const QString &room, const QStringList &members, const QList<Switchboard::ChatMessage> &history);
    void roomLeft(const QString &room);
    void membersChanged(const QString &room);
    void onlineUsersChanged(const QStringList &users);
    void presence(const QString &room, const QString &user, const QString &event);
    void historyReceived(const QString &room, const QString &withUser, const QList<Switchboard::ChatMessage> &messages);
    void roomListReceived(const QStringList &rooms);
    void queueChanged(int queued);
    void errorReceived(const QString &code, const QString &message);

private:
    void setStatus(Status s);
    void connectNow();
    void onReady();
    void onFrame(const Frame &frame);
    void onServerError(const QString &code, const QString &message, qint64 requestId, bool fatal);
    void onDisconnected(const QString &reason);
    void onConnectionFailed(const QString &reason);
    void beginAuth();
    void sendRegistration(const QByteArray &salt, int iterations, const QByteArray &saltedPassword);
    void onChallenge(const Frame &frame);
    void onAuthOk(const Frame &frame);
    void afterLogin();
    void flushOutbox();
    void transmit(const Outgoing &m);
    void scheduleReconnect();
    qint64 enqueue(Outgoing m);

    ChatClient *m_client;
    TransferManager *m_transfers;
    Status m_status = Status::Offline;
    QString m_host;
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
    QByteArray m_cachedSalt;           // reuse the derived key for re-logins with the same salt
    int m_cachedIterations = 0;
    QByteArray m_cachedSaltedPassword;
    qint64 m_authRequestId = 0;

    QStringList m_autoJoin{QStringLiteral("lobby")};
    QSet<QString> m_rooms;                     // joined rooms (rejoined after reconnect)
    QHash<QString, QStringList> m_members;
    QStringList m_online;
    QList<Outgoing> m_outbox;                  // not yet written to a logged-in connection
    QHash<qint64, Outgoing> m_inFlight;        // request id -> message awaiting chat.ack
    QHash<qint64, QString> m_historyRequests;  // request id -> "room:NAME" or "with:USER"
    qint64 m_nextLocalId = 1;
};

} // namespace Switchboard
