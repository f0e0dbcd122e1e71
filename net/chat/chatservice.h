#pragma once
#include "net/protocol/messages.h"
#include "net/server/roommembership.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Switchboard {

class ChatBot;
class ChatServer;
class ChatStore;
class ChatWriter;
class ServerSession;
class UserDirectory;
struct FileInfo;

// Rooms, private messages, presence and history (docs/PROTOCOL.md section 7), on top of ChatServer.
// Private messages go to users the UserDirectory knows (or who are online, without one).
class ChatService : public QObject, public RoomMembership
{
    Q_OBJECT
public:
    // The store and the directory must outlive the service.
    ChatService(ChatServer *server, ChatStore *store, const UserDirectory *users, QObject *parent = nullptr);
    ~ChatService() override;

    static bool isValidRoomName(const QString &room);
    static const QString DefaultRoom;
    static constexpr int DefaultHistoryLimit = 50; // history requests without "limit"
    static constexpr int MaxHistoryLimit = 500;    // larger limits are clamped to this

    void setHistoryCount(int n) { m_historyCount = n; }
    // Group commit of sent messages (acknowledged once their transaction commits).
    ChatWriter *writer() const { return m_writer; }
    void enableBot(const QString &name = QStringLiteral("robot"));

    bool isMember(const QString &user, const QString &room) const override;
    QStringList members(const QString &room) const;
    QStringList rooms() const { return m_rooms.keys(); }
    QStringList onlineUsers() const;

    // Stores and delivers a message from the server side (file messages, the bot).
    bool post(ChatMessage message, QString *error = nullptr);
    // A verified upload appears in its room (or private chat) as a file message.
    void shareFile(const Switchboard::FileInfo &file);

signals:
    void messagePosted(const Switchboard::ChatMessage &message);

private:
    void onSessionStarted(ServerSession *session);
    void onSessionEnded(ServerSession *session);
    void onLogin(ServerSession *session);
    void join(ServerSession &s, const Protocol::RoomJoin &request);
    void leave(ServerSession &s, const Protocol::RoomLeave &request);
    void list(ServerSession &s, const Protocol::RoomList &request);
    void send(ServerSession &s, const Protocol::ChatSend &request);
    void afterStored(ServerSession *s, qint64 requestId, const ChatMessage &m, const QString &error);
    void history(ServerSession &s, const Protocol::HistoryRequest &request);
    void addMember(const QString &room, const QString &user);
    void removeMember(const QString &room, const QString &user);
    void deliver(const ChatMessage &m);
    void sendToUser(const QString &user, const QJsonObject &frame);
    void broadcastToRoom(const QString &room, const QJsonObject &frame);
    void broadcastToAll(const QJsonObject &frame);
    bool userOnline(const QString &user) const;

    ChatServer *m_server;
    ChatStore *m_store;
    ChatWriter *m_writer;
    QHash<QString, QSet<QString>> m_rooms; // room -> member users
    int m_historyCount = 50;
    const UserDirectory *m_users;
    ChatBot *m_bot = nullptr;
};

} // namespace Switchboard
