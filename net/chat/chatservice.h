#pragma once
#include "net/cluster/deliveredids.h"
#include "net/protocol/messages.h"
#include "net/server/roommembership.h"
#include "net/storage/storagethread.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace Switchboard {

class ChatBot;
class ClusterBus;
struct ClusterEvent;
class ChatServer;
class ChatStore;
class ChatWriter;
class PrivateRooms;
class ServerSession;
class UserDirectory;
struct FileInfo;

// Rooms, private messages, presence and history (docs/PROTOCOL.md section 7), on top of ChatServer.
// Private messages go to users the UserDirectory knows (or who are online, without one).
// Private rooms (7.7) need setPrivateRooms(): their access lists decide who may join, list and
// read them; presence inside a private room works as in a public one. Replies that could be large
// (room.joined, history, rooms, room.members) are cut or paged to each peer's header limit.
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
    static constexpr int MaxSearchText = 200;      // characters of a history.search text
    static constexpr int MaxReplay = 5000;         // messages a node replays after a cut
    // A replay whose database read failed is tried again after 1 s, doubling up to 30 s.
    static constexpr int ReplayRetryFirstMs = 1000;
    static constexpr int ReplayRetryMaxMs = 30000;

    void setHistoryCount(int n) { m_historyCount = n; }
    // Group commit of sent messages (acknowledged once their transaction commits).
    ChatWriter *writer() const { return m_writer; }
    void enableBot(const QString &name = QStringLiteral("robot"));
    // The private rooms' access lists (must outlive the service); without: room.create private is refused.
    void setPrivateRooms(PrivateRooms *rooms) { m_private = rooms; }
    // History pages, the history of room.joined, history.search, private-room changes, a
    // private room's file permission and the cluster's re-read of the private rooms go through
    // `storage` (must outlive the service): on its database thread with PostgreSQL, the
    // session's next requests waiting meanwhile. Unset: inline on the store's database.
    void setStorage(StorageThread *storage) { m_storage = storage; }
    // Shares presence, membership and deliveries with the other nodes (must outlive the service);
    // without it (the default) this node is alone.
    void setCluster(ClusterBus *bus);

    bool isMember(const QString &user, const QString &room) const override;
    void canSeeFile(const QString &user, const FileInfo &file, QObject *receiver, Seen done) const override;
    bool isPrivate(const QString &room) const;
    // Replays after a cut whose database read failed (each is retried), for tests and logs.
    int replayFailures() const { return m_replayFailures; }
    QStringList members(const QString &room) const;
    QStringList rooms() const { return m_rooms.keys(); }
    QStringList onlineUsers() const;

    // Stores and then delivers a message from the server side (file messages, the bot), through
    // the writer(); a failure is logged. `then` runs after (also after a failure).
    void post(const ChatMessage &message, std::function<void()> then = {});
    // A verified upload appears in its room (or private chat) as a file message.
    void shareFile(const Switchboard::FileInfo &file, std::function<void()> then = {});

signals:
    void messagePosted(const Switchboard::ChatMessage &message);

private:
    void onSessionEnded(ServerSession *session);
    void onLogin(ServerSession *session);
    void join(ServerSession &s, const Protocol::RoomJoin &request);
    void leave(ServerSession &s, const Protocol::RoomLeave &request);
    void list(ServerSession &s, const Protocol::RoomList &request);
    void send(ServerSession &s, const Protocol::ChatSend &request);
    // The rest of chat.send once the recipient is known: the size check, then the writer. held:
    // the session's next frames wait for the ack.
    void submitMessage(ServerSession &s, ChatMessage m, const QString &key, qint64 requestId, bool held);
    void afterStored(ServerSession *s, qint64 requestId, const ChatMessage &m, bool repeated, const QString &error);
    void history(ServerSession &s, const Protocol::HistoryRequest &request);
    void search(ServerSession &s, const Protocol::HistorySearchRequest &request);
    void create(ServerSession &s, const Protocol::RoomCreate &request);
    void invite(ServerSession &s, const Protocol::RoomInvite &request);
    bool mayInvite(ServerSession &s, const Protocol::RoomInvite &request); // refuses otherwise
    void addInvited(ServerSession &s, const Protocol::RoomInvite &request);  // the user exists
    void removeFromRoom(ServerSession &s, const Protocol::RoomRemove &request);
    void transferOwnership(ServerSession &s, const Protocol::RoomOwner &request);
    void listMembers(ServerSession &s, const Protocol::RoomMembersRequest &request);
    // The private room's access list may be managed by this session's user; refuses otherwise.
    bool checkAccess(ServerSession &s, const QString &room, qint64 requestId);
    bool checkOwner(ServerSession &s, const QString &room, qint64 requestId);
    bool checkListed(ServerSession &s, const QString &room, const QString &user, qint64 requestId);
    void sendJoined(const QString &room, ServerSession &requester, qint64 requestId);
    void sendJoinedWith(const QString &room, ServerSession &requester, qint64 requestId,
                        const QList<ChatMessage> &history);
    using MessageRead = std::function<QList<ChatMessage>(const ChatStore &store)>;
    // Runs `read` on the storage thread while `s` is held, then `reply` (if `s` is still there);
    // a read that failed is answered internal_error instead.
    void readMessages(ServerSession &s, qint64 requestId, MessageRead read,
                      std::function<void(ServerSession &s, QList<ChatMessage> rows)> reply);
    StorageThread *storage() const { return m_storage ? m_storage : &m_inlineStorage; }
    // A private room's file is visible to `user` when its announcement (message id, 0: none
    // found) is in the history they may read.
    bool fileVisible(const QString &user, const FileInfo &file, qint64 message) const;
    // The history a user may read (private rooms: since they were added).
    MessageRead readableHistory(const QString &user, const QString &room, int limit, qint64 before) const;
    Protocol::RoomMembers membersPage(const QString &room, const QString &after, qint64 requestId, qint64 limit) const;
    // The room's members changed: every present member's connections get the first page.
    void pushMembers(const QString &room);
    void pushMembersHere(const QString &room); // this node's sessions only
    Protocol::RoomInfo roomInfo(const QString &name) const;
    void storeFailed(ServerSession &s, const QString &what, const QString &error, qint64 requestId);
    // A private room's change, written on the storage thread.
    struct RoomWrite
    {
        qint64 now = 0;          // when it was written, milliseconds since the epoch
        qint64 visibleAfter = 0; // create: the last message id then; invite: the new member's start
        qint64 sinceMs = 0;      // invite: the new member's start
        QString error;           // the database's words, for the log
    };
    // `write` runs on the storage thread while `s` is held (PostgreSQL: its round trips off the
    // event loop); once it committed, `apply` makes the change here and answers (s null: the
    // session ended meanwhile; the change is stored all the same). A failure is answered
    // internal_error.
    void changePrivateRoom(ServerSession &s, qint64 requestId, const QString &what,
                           std::function<bool(Database &db, RoomWrite &w)> write,
                           std::function<void(ServerSession *s, const RoomWrite &w)> apply);
    void addMember(const QString &room, const QString &user);
    void removeMember(const QString &room, const QString &user);
    void deliver(const ChatMessage &m);
    // To this node's sessions; clustered, each id once (live, local or replayed). A replayed
    // message of a private room skips members added after it (they could not have had it live).
    void deliverHere(const ChatMessage &m, bool replayed = false);
    // Cluster glue (no-ops without a cluster): tell the other nodes, who apply it to their sessions.
    void share(int kind, const QString &user, const QString &room = QString(), const QJsonObject &frame = {});
    void onClusterEvent(const ClusterEvent &e);
    void applyClusterEvent(const ClusterEvent &e);
    // Another node changed private room `changed`: the access lists are read again; the cluster
    // events that come meanwhile wait (m_heldEvents) and follow in order.
    void reloadPrivateRooms(const QString &changed);
    void syncRemoteRooms(const QString &user, const QStringList &rooms);
    // Back in touch (this node or another): deliver here, in id order and before the live ones
    // held meanwhile, the stored messages this node has not delivered.
    void replayMissed();
    QHash<QString, QStringList> localState() const;
    // The user's last session anywhere ended: out of every room, offline for everyone here.
    void goneEverywhere(const QString &user);
    void sendToUser(const QString &user, const QJsonObject &frame);
    void broadcastToRoom(const QString &room, const QJsonObject &frame);
    void broadcastToAll(const QJsonObject &frame);
    bool userOnline(const QString &user) const; // on any node
    bool onlineHere(const QString &user) const;

    ChatServer *m_server;
    ChatStore *m_store;
    ChatWriter *m_writer;
    QHash<QString, QSet<QString>> m_rooms; // room -> member users
    int m_historyCount = 50;
    const UserDirectory *m_users;
    ChatBot *m_bot = nullptr;
    PrivateRooms *m_private = nullptr;
    ClusterBus *m_cluster = nullptr;
    StorageThread *m_storage = nullptr;
    mutable StorageThread m_inlineStorage; // never started: runs on the store's database
    DeliveredIds m_delivered;        // clustered only
    bool m_replaying = false;        // a replay's read is on the storage thread
    bool m_replayAgain = false;      // asked again meanwhile
    int m_replayRetryMs = 0;         // the wait before the next retry of a failed replay
    int m_replayFailures = 0;
    QList<ChatMessage> m_heldLive;   // live messages that arrived during the read
    bool m_reloadingRooms = false;   // reloadPrivateRooms()' read is on the storage thread
    QList<ClusterEvent> m_heldEvents; // cluster events that arrived during it
};

} // namespace Switchboard
