#include "chatservice.h"

#include "chatbot.h"
#include "chatstore.h"
#include "chatwriter.h"
#include "privaterooms.h"
#include "net/cluster/clusterbus.h"
#include "net/core/logging.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/headerbudget.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "net/server/userdirectory.h"
#include "net/storage/database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <utility>

namespace Switchboard {

const QString ChatService::DefaultRoom = QStringLiteral("lobby");

using namespace Protocol;

namespace {

// Room for what a page adds after it is filled: a "next" cursor (a room name is at most 64
// characters of the BMP, 192 bytes of UTF-8; a user name less) and its member name.
constexpr qint64 CursorReserve = 256;

// Keeps the newest of `messages` (oldest first) that fit the budget; true when some were left out.
// A message too large for the budget on its own is skipped, so a page is never empty while older
// ones exist.
bool keepNewest(QList<ChatMessage> *messages, HeaderBudget &budget, int array)
{
    QList<ChatMessage> kept;
    bool cut = false;
    for (qsizetype i = messages->size() - 1; i >= 0; --i) {
        if (budget.take(messages->at(i).toJson(), array)) {
            kept.append(messages->at(i));
        } else {
            cut = true;
            if (!kept.isEmpty())
                break;
        }
    }
    std::reverse(kept.begin(), kept.end());
    *messages = kept;
    return cut;
}

// Keeps the first names that fit; true when some were left out.
bool keepFirst(QStringList *names, HeaderBudget &budget, int array)
{
    for (qsizetype i = 0; i < names->size(); ++i) {
        if (!budget.take(names->at(i), array)) {
            names->resize(i);
            return true;
        }
    }
    return false;
}

} // namespace

ChatService::ChatService(ChatServer *server, ChatStore *store, const UserDirectory *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_store(store)
    , m_writer(new ChatWriter(store, this))
    , m_users(users)
{
    m_inlineStorage.setInline(&store->database());
    m_rooms.insert(DefaultRoom, {});
    connect(server, &ChatServer::sessionUserChanged, this, &ChatService::onLogin);
    connect(server, &ChatServer::sessionEnded, this, &ChatService::onSessionEnded);
    server->route<RoomJoin>([this](ServerSession &s, const RoomJoin &m, const Frame &) { join(s, m); });
    server->route<RoomLeave>([this](ServerSession &s, const RoomLeave &m, const Frame &) { leave(s, m); });
    server->route<RoomList>([this](ServerSession &s, const RoomList &m, const Frame &) { list(s, m); });
    server->route<ChatSend>([this](ServerSession &s, const ChatSend &m, const Frame &) { send(s, m); });
    server->route<HistoryRequest>([this](ServerSession &s, const HistoryRequest &m, const Frame &) { history(s, m); });
    server->route<HistorySearchRequest>([this](ServerSession &s, const HistorySearchRequest &m, const Frame &) { search(s, m); });
    server->route<RoomCreate>([this](ServerSession &s, const RoomCreate &m, const Frame &) { create(s, m); });
    server->route<RoomInvite>([this](ServerSession &s, const RoomInvite &m, const Frame &) { invite(s, m); });
    server->route<RoomRemove>([this](ServerSession &s, const RoomRemove &m, const Frame &) { removeFromRoom(s, m); });
    server->route<RoomOwner>([this](ServerSession &s, const RoomOwner &m, const Frame &) { transferOwnership(s, m); });
    server->route<RoomMembersRequest>(
        [this](ServerSession &s, const RoomMembersRequest &m, const Frame &) { listMembers(s, m); });
}

ChatService::~ChatService()
{
    m_writer->flush(); // its callbacks use this service
    delete m_bot;
}

void ChatService::enableBot(const QString &name)
{
    delete m_bot;
    m_bot = new ChatBot(name);
    for (const ChatMessage &m : m_store->roomHistory(DefaultRoom, 200))
        m_bot->remember(m.text);
    addMember(DefaultRoom, name);
}

bool ChatService::isValidRoomName(const QString &room)
{
    if (room.isEmpty() || room.size() > 64)
        return false;
    for (const QChar c : room) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.')))
            return false;
    }
    return true;
}

bool ChatService::isMember(const QString &user, const QString &room) const
{
    return m_rooms.value(room).contains(user);
}

bool ChatService::isPrivate(const QString &room) const
{
    return m_private && m_private->contains(room);
}

void ChatService::canSeeFile(const QString &user, const FileInfo &file, QObject *receiver, Seen done) const
{
    if (!isMember(user, file.room) || !isPrivate(file.room)) {
        done(isMember(user, file.room), QString());
        return;
    }
    storage()->run(
        receiver, [room = file.room, id = file.id](Database &db) { return ChatStore(db).fileMessageId(room, id); },
        [this, user, file, done = std::move(done)](qint64 message, const QString &error) {
            done(error.isEmpty() && fileVisible(user, file, message), error);
        });
}

bool ChatService::fileVisible(const QString &user, const FileInfo &file, qint64 message) const
{
    // Asked again: the user may have left or lost access while the message was looked up.
    if (!isMember(user, file.room))
        return false;
    if (!isPrivate(file.room))
        return true;
    // Visible when its announcement is in the history this member may read.
    const PrivateRooms::Access access = m_private->access(user, file.room);
    if (message > 0)
        return message > access.visibleAfter;
    // Stored but never announced (a crash in between): by time, to the whole second it is kept in.
    return file.created.toSecsSinceEpoch() > access.sinceMs / 1000;
}

QStringList ChatService::members(const QString &room) const
{
    QStringList out(m_rooms.value(room).begin(), m_rooms.value(room).end());
    out.sort();
    return out;
}

QStringList ChatService::onlineUsers() const
{
    QSet<QString> users;
    for (ServerSession *s : m_server->sessions())
        if (s->isAuthenticated())
            users.insert(s->user());
    if (m_cluster)
        for (const QString &user : m_cluster->remoteUsers())
            users.insert(user);
    if (m_bot)
        users.insert(m_bot->name());
    QStringList out(users.begin(), users.end());
    out.sort();
    return out;
}

bool ChatService::onlineHere(const QString &user) const
{
    return !m_server->sessionsOf(user).isEmpty();
}

bool ChatService::userOnline(const QString &user) const
{
    return onlineHere(user) || (m_cluster && m_cluster->isOnlineElsewhere(user));
}

void ChatService::onLogin(ServerSession *session)
{
    // First connection of this user here: tell everyone they came online (unless they were already).
    if (m_server->sessionsOf(session->user()).size() != 1)
        return;
    share(int(ClusterEvent::Kind::Online), session->user());
    if (!m_cluster || !m_cluster->isOnlineElsewhere(session->user()))
        broadcastToAll(Presence{QString(), session->user(), Presence::Event::Online}.toJson());
}

void ChatService::onSessionEnded(ServerSession *session)
{
    const QString user = session->user();
    if (user.isEmpty() || onlineHere(user))
        return;
    share(int(ClusterEvent::Kind::Offline), user);
    if (!userOnline(user))
        goneEverywhere(user);
}

void ChatService::goneEverywhere(const QString &user)
{
    // The user's last connection closed: leave every room.
    const QStringList rooms = m_rooms.keys();
    for (const QString &room : rooms)
        if (m_rooms.value(room).contains(user))
            removeMember(room, user);
    broadcastToAll(Presence{QString(), user, Presence::Event::Offline}.toJson());
}

void ChatService::addMember(const QString &room, const QString &user)
{
    QSet<QString> &members = m_rooms[room];
    if (members.contains(user))
        return;
    members.insert(user);
    broadcastToRoom(room, Presence{room, user, Presence::Event::Join}.toJson());
}

void ChatService::removeMember(const QString &room, const QString &user)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !it->remove(user))
        return;
    broadcastToRoom(room, Presence{room, user, Presence::Event::Leave}.toJson());
    if (it->isEmpty() && room != DefaultRoom)
        m_rooms.erase(it);
}

void ChatService::join(ServerSession &s, const RoomJoin &request)
{
    if (!isValidRoomName(request.room)) {
        s.sendError(ErrorCode::InvalidRoom, QStringLiteral("Room names are 1 to 64 letters, digits, '_', '-' or '.'."),
                    request.id);
        return;
    }
    // A private room is joined by its members only; to anyone else it answers as a room that
    // cannot be joined, whatever the reason.
    if (isPrivate(request.room) && !m_private->hasAccess(s.user(), request.room)) {
        s.sendError(ErrorCode::NotAMember, QStringLiteral("You are not a member of room \"%1\".").arg(request.room),
                    request.id);
        return;
    }
    addMember(request.room, s.user());
    share(int(ClusterEvent::Kind::Join), s.user(), request.room);
    sendJoined(request.room, s, request.id);
}

ChatService::MessageRead ChatService::readableHistory(const QString &user, const QString &room, int limit,
                                                     qint64 before) const
{
    if (isPrivate(room)) {
        const qint64 after = m_private->access(user, room).visibleAfter;
        return [=](const ChatStore &store) { return store.roomHistorySince(room, after, limit, before); };
    }
    return [=](const ChatStore &store) { return store.roomHistory(room, limit, before); };
}

void ChatService::readMessages(ServerSession &s, qint64 requestId, MessageRead read,
                               std::function<void(ServerSession &, QList<ChatMessage>)> reply)
{
    QPointer<ServerSession> session(&s);
    m_server->hold(&s);
    storage()->run(
        this, [read = std::move(read)](Database &db) { return read(ChatStore(db)); },
        [this, session, requestId, reply = std::move(reply)](QList<ChatMessage> rows, const QString &error) {
            if (!session)
                return;
            if (session->state() == ServerSession::State::Closing) { // ended while it waited
                m_server->release(session);
                return;
            }
            if (!error.isEmpty()) {
                qCWarning(lcChat).noquote() << "cannot read the history:" << error;
                session->sendError(ErrorCode::Internal, QStringLiteral("The history could not be read."), requestId);
            } else {
                reply(*session, std::move(rows));
            }
            m_server->release(session);
        });
}

void ChatService::sendJoined(const QString &room, ServerSession &requester, qint64 requestId)
{
    readMessages(requester, requestId, readableHistory(requester.user(), room, m_historyCount, 0),
                 [this, room, requestId](ServerSession &s, const QList<ChatMessage> &history) {
                     sendJoinedWith(room, s, requestId, history);
                 });
}

void ChatService::sendJoinedWith(const QString &room, ServerSession &requester, qint64 requestId,
                                 const QList<ChatMessage> &history)
{
    const QStringList allMembers = members(room);
    // Every other connection of the user learns of the join too (a second window follows the
    // first), before the requester gets its answer; each gets the reply cut to its own limit.
    QList<ServerSession *> targets = m_server->sessionsOf(requester.user());
    targets.removeAll(&requester);
    targets.append(&requester);
    for (ServerSession *target : std::as_const(targets)) {
        RoomJoined reply;
        reply.id = target == &requester ? requestId : 0;
        reply.room = room;
        reply.more = reply.membersPartial = true; // measured with them: the flags may stay
        HeaderBudget budget(target->peerMaxHeader(), reply.toJson());
        // The members take at most half: the rest is for the history.
        HeaderBudget memberBudget(target->peerMaxHeader() / 2, reply.toJson());
        reply.members = allMembers;
        reply.membersPartial = keepFirst(&reply.members, memberBudget, 0);
        for (const QString &m : std::as_const(reply.members))
            budget.take(m, 0);
        reply.history = history;
        reply.more = keepNewest(&reply.history, budget, 1);
        target->send(reply);
    }
}

void ChatService::leave(ServerSession &s, const RoomLeave &request)
{
    if (!isMember(s.user(), request.room)) {
        s.sendError(ErrorCode::NotInRoom, QStringLiteral("You are not in room \"%1\".").arg(request.room), request.id);
        return;
    }
    removeMember(request.room, s.user());
    share(int(ClusterEvent::Kind::Leave), s.user(), request.room);
    s.send(RoomLeft{request.id, request.room});
}

RoomInfo ChatService::roomInfo(const QString &name) const
{
    RoomInfo info;
    info.name = name;
    info.members = members(name);
    if (isPrivate(name)) {
        info.isPrivate = true;
        info.owner = m_private->owner(name);
    }
    return info;
}

void ChatService::list(ServerSession &s, const RoomList &request)
{
    // Public rooms for everyone, private ones for their members only; in pages that fit the peer.
    QStringList names;
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it)
        if (!isPrivate(it.key()))
            names.append(it.key());
    if (m_private)
        names += m_private->roomsOf(s.user());
    names.sort();
    const qint64 limit = s.peerMaxHeader();
    Rooms reply;
    reply.id = request.id;
    if (request.after.isEmpty()) {
        // The online users come with the first page, in at most half of it.
        reply.online = onlineUsers();
        HeaderBudget half(limit / 2, Rooms{}.toJson());
        keepFirst(&reply.online, half, 0);
    }
    HeaderBudget budget(limit, reply.toJson(), CursorReserve);
    for (const QString &name : std::as_const(names)) {
        if (!request.after.isEmpty() && name <= request.after)
            continue;
        RoomInfo info = roomInfo(name);
        if (!budget.take(info.toJson())) {
            if (!reply.rooms.isEmpty()) {
                reply.next = reply.rooms.constLast().name;
                break;
            }
            // A room too large for a page on its own (thousands of members): listed with as many
            // members as fit, so the list still moves on.
            while (!info.members.isEmpty() && !budget.take(info.toJson()))
                info.members.removeLast();
        }
        reply.rooms.append(info);
    }
    s.send(reply);
}

void ChatService::history(ServerSession &s, const HistoryRequest &request)
{
    const int limit = request.limit > 0 ? qBound(1, request.limit, MaxHistoryLimit) : DefaultHistoryLimit;
    MessageRead read;
    if (!request.room.isEmpty()) {
        if (!isMember(s.user(), request.room)) {
            s.sendError(ErrorCode::NotInRoom, QStringLiteral("Join room \"%1\" to read its history.").arg(request.room),
                        request.id);
            return;
        }
        read = readableHistory(s.user(), request.room, limit, request.before);
    } else {
        read = [user = s.user(), with = request.with, limit, before = request.before](const ChatStore &store) {
            return store.privateHistory(user, with, limit, before);
        };
    }
    readMessages(s, request.id, std::move(read), [id = request.id](ServerSession &s, QList<ChatMessage> rows) {
        History reply;
        reply.id = id;
        reply.messages = std::move(rows);
        // Fewer rows when they would not fit the peer's header limit; "more" says older ones remain.
        History measure;
        measure.id = id;
        measure.more = true;
        HeaderBudget budget(s.peerMaxHeader(), measure.toJson());
        reply.more = keepNewest(&reply.messages, budget, 0);
        s.send(reply);
    });
}

void ChatService::search(ServerSession &s, const HistorySearchRequest &request)
{
    if (request.text.isEmpty() || request.text.size() > MaxSearchText) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Search for 1 to %1 characters.").arg(MaxSearchText), request.id);
        return;
    }
    const int limit = request.limit > 0 ? qBound(1, request.limit, MaxHistoryLimit) : DefaultHistoryLimit;
    // One row more than asked tells whether older matches remain.
    MessageRead read;
    if (!request.room.isEmpty()) {
        // Public rooms are searched by anyone (anyone may join them); a private room by its
        // members, from where they may read; others get the answer a missing room gets.
        qint64 after = 0;
        if (isPrivate(request.room)) {
            if (!m_private->hasAccess(s.user(), request.room)) {
                s.sendError(ErrorCode::NotAMember, QStringLiteral("You are not a member of room \"%1\".").arg(request.room),
                            request.id);
                return;
            }
            after = m_private->access(s.user(), request.room).visibleAfter;
        }
        read = [room = request.room, after, text = request.text, limit, before = request.before](const ChatStore &store) {
            return store.searchRoom(room, after, text, limit + 1, before);
        };
    } else {
        read = [user = s.user(), with = request.with, text = request.text, limit, before = request.before](
                   const ChatStore &store) { return store.searchPrivate(user, with, text, limit + 1, before); };
    }
    readMessages(s, request.id, std::move(read), [id = request.id, limit](ServerSession &s, QList<ChatMessage> rows) {
        HistorySearchResult reply;
        reply.id = id;
        reply.messages = std::move(rows);
        if (reply.messages.size() > limit) {
            reply.messages.removeFirst();
            reply.more = true;
        }
        HistorySearchResult measure;
        measure.id = id;
        measure.more = true;
        HeaderBudget budget(s.peerMaxHeader(), measure.toJson());
        reply.more = keepNewest(&reply.messages, budget, 0) || reply.more;
        s.send(reply);
    });
}

void ChatService::send(ServerSession &s, const ChatSend &request)
{
    ChatMessage m;
    m.sender = s.user();
    m.text = request.text;
    if (m.text.trimmed().isEmpty()) {
        s.sendError(ErrorCode::EmptyMessage, QStringLiteral("The message is empty."), request.id);
        return;
    }
    const qint64 maxText = m_server->announcedLimits().maxText;
    if (m.text.toUtf8().size() > maxText) {
        s.sendError(ErrorCode::MessageTooLong, QStringLiteral("The message is longer than %1 bytes.").arg(maxText),
                    request.id);
        return;
    }
    if (!request.room.isEmpty()) {
        m.room = request.room;
        if (!isValidRoomName(m.room)) {
            s.sendError(ErrorCode::InvalidRoom, QStringLiteral("Invalid room name."), request.id);
            return;
        }
        if (!isMember(m.sender, m.room)) {
            s.sendError(ErrorCode::NotInRoom, QStringLiteral("Join room \"%1\" before sending to it.").arg(m.room),
                        request.id);
            return;
        }
    } else {
        m.recipient = request.to;
        const bool isBot = m_bot && m.recipient == m_bot->name();
        // Online first: no database look-up for a present recipient. For an offline one the
        // look-up goes through the directory's storage (PostgreSQL: off the event loop), and the
        // session's next frames wait for this message's ack.
        if (!isBot && !userOnline(m.recipient)) {
            if (!m_users) {
                s.sendError(ErrorCode::UnknownUser, QStringLiteral("There is no user \"%1\".").arg(m.recipient), request.id);
                return;
            }
            m_users->requireUser(m_server, this, s, request.id, m.recipient,
                                 [this, m, key = request.key, id = request.id](ServerSession &s) {
                                     submitMessage(s, m, key, id, true);
                                 });
            return;
        }
    }
    submitMessage(s, m, request.key, request.id, false);
}

void ChatService::submitMessage(ServerSession &s, ChatMessage m, const QString &key, qint64 requestId, bool held)
{
    // Every stored message must reach every peer, and fit a history reply, at v1's header limit.
    // Escaping makes a byte at most 6 ("\u0001"): only texts that could pass it are measured.
    const qint64 deliverable = ServerSession::DefaultPeerMaxHeader - 1024;
    if (m.text.size() * 6 + 2048 > deliverable) {
        m.id = m.timestampMs = qint64(1) << 52; // the widest numbers they will have
        if (FrameEncoder::headerBytes(m.toJson()).size() > deliverable) {
            s.sendError(ErrorCode::MessageTooLong,
                        QStringLiteral("The message does not fit in %1 bytes of JSON.").arg(deliverable), requestId);
            return;
        }
        m.id = m.timestampMs = 0;
    }

    // Acknowledged and delivered only once its batch's transaction has committed.
    QPointer<ServerSession> sender(&s);
    if (held)
        m_server->hold(&s);
    m_writer->submit(m, key, [this, sender, requestId, held](const ChatMessage &stored, bool repeated, const QString &error) {
        afterStored(sender, requestId, stored, repeated, error);
        if (held && sender)
            m_server->release(sender);
    });
}

void ChatService::afterStored(ServerSession *s, qint64 requestId, const ChatMessage &m, bool repeated,
                              const QString &error)
{
    if (!error.isEmpty()) {
        // The database's own words stay in the server's log; the peer learns only that it failed.
        qCWarning(lcChat).noquote() << "cannot store a message from" << m.sender << ":" << error;
        if (s)
            s->sendError(ErrorCode::Internal, QStringLiteral("The message could not be stored."), requestId);
        return;
    }
    if (s) // gone if it disconnected while the batch waited: the message is stored and delivered anyway
        s->send(ChatAck{requestId, m.id, m.timestampMs});
    if (repeated) {
        // A resend after a lost ack (perhaps to another node): the first ack again, nothing posted.
        qCDebug(lcChat).noquote() << "repeated key from" << m.sender << "answered with message" << m.id;
        return;
    }
    deliver(m);

    if (m_bot && m.sender != m_bot->name()) {
        const bool toBot = m.recipient == m_bot->name();
        const bool inBotRoom = !m.room.isEmpty() && isMember(m_bot->name(), m.room);
        if (toBot || (inBotRoom && m_bot->isAddressed(m.text))) {
            ChatMessage answer;
            answer.sender = m_bot->name();
            answer.room = m.room;
            answer.recipient = toBot ? m.sender : QString();
            answer.text = m_bot->reply(m.text);
            // Answer after the message itself has gone out, like a person would.
            QTimer::singleShot(0, this, [this, answer] { post(answer); });
        } else if (inBotRoom) {
            m_bot->remember(m.text);
        }
    }
}

void ChatService::post(const ChatMessage &message, std::function<void()> then)
{
    // Through the group commit (PostgreSQL: its COMMIT on the writer's thread), delivered once stored.
    m_writer->submit(message, [this, then = std::move(then)](const ChatMessage &stored, const QString &error) {
        if (!error.isEmpty())
            qCWarning(lcChat).noquote() << "cannot store a message from" << stored.sender << ":" << error;
        else
            deliver(stored);
        if (then)
            then();
    });
}

void ChatService::shareFile(const FileInfo &file, std::function<void()> then)
{
    ChatMessage m;
    m.sender = file.owner;
    m.room = file.room;
    m.recipient = file.toUser;
    m.text = file.name;
    m.file = file;
    post(m, std::move(then));
}

void ChatService::deliver(const ChatMessage &m)
{
    // Clustered, every node (this one too) delivers what comes back from Redis, in its one order.
    if (m_cluster && m_cluster->publish(ClusterEvent{ClusterEvent::Kind::Message, {}, {}, {}, {}, {}, m.toJson()}))
        return;
    deliverHere(m);
}

void ChatService::deliverHere(const ChatMessage &m, bool replayed)
{
    if (m_cluster && !m_delivered.firstTime(m.id))
        return; // replayed already, or live already
    const QJsonObject frame = m.toJson();
    if (!m.room.isEmpty() && replayed && isPrivate(m.room)) {
        const QSet<QString> users = m_rooms.value(m.room);
        for (const QString &user : users)
            if (m.id > m_private->access(user, m.room).visibleAfter)
                sendToUser(user, frame);
    } else if (!m.room.isEmpty()) {
        broadcastToRoom(m.room, frame);
    } else {
        sendToUser(m.recipient, frame);
        if (m.sender != m.recipient)
            sendToUser(m.sender, frame);
    }
    emit messagePosted(m);
}

void ChatService::sendToUser(const QString &user, const QJsonObject &frame)
{
    for (ServerSession *s : m_server->sessionsOf(user))
        s->sendHeader(frame);
}

void ChatService::broadcastToRoom(const QString &room, const QJsonObject &frame)
{
    const QSet<QString> users = m_rooms.value(room);
    const QByteArray bytes = FrameEncoder::encode(frame); // encoded once for every member
    for (ServerSession *s : m_server->sessions())
        if (s->isAuthenticated() && s->state() == ServerSession::State::Ready && users.contains(s->user()))
            s->connection()->sendEncoded(frame, bytes);
}

void ChatService::broadcastToAll(const QJsonObject &frame)
{
    const QByteArray bytes = FrameEncoder::encode(frame);
    for (ServerSession *s : m_server->sessions())
        if (s->isAuthenticated() && s->state() == ServerSession::State::Ready)
            s->connection()->sendEncoded(frame, bytes);
}

// ---------------------------------------------------------------------------------------------
// Private rooms (docs/PROTOCOL.md section 7.7)

void ChatService::storeFailed(ServerSession &s, const QString &what, const QString &error, qint64 requestId)
{
    qCWarning(lcChat).noquote() << "cannot" << what << ":" << error;
    s.sendError(ErrorCode::Internal, QStringLiteral("The room could not be changed."), requestId);
}

void ChatService::changePrivateRoom(ServerSession &s, qint64 requestId, const QString &what,
                                    std::function<bool(Database &db, RoomWrite &w)> write,
                                    std::function<void(ServerSession *s, const RoomWrite &w)> apply)
{
    QPointer<ServerSession> session(&s);
    m_server->hold(&s);
    storage()->run(
        this,
        [write = std::move(write)](Database &db) {
            RoomWrite w;
            w.now = QDateTime::currentMSecsSinceEpoch();
            if (!write(db, w) && w.error.isEmpty())
                w.error = QStringLiteral("unknown database error");
            return w;
        },
        [this, session, requestId, what, apply = std::move(apply)](const RoomWrite &w, const QString &error) {
            ServerSession *s = session && session->state() != ServerSession::State::Closing ? session.data() : nullptr;
            const QString failure = error.isEmpty() ? w.error : error;
            if (failure.isEmpty())
                apply(s, w);
            else if (s)
                storeFailed(*s, what, failure, requestId);
            else
                qCWarning(lcChat).noquote() << "cannot" << what << ":" << failure;
            if (session)
                m_server->release(session);
        });
}

void ChatService::create(ServerSession &s, const RoomCreate &request)
{
    if (!isValidRoomName(request.room)) {
        s.sendError(ErrorCode::InvalidRoom, QStringLiteral("Room names are 1 to 64 letters, digits, '_', '-' or '.'."),
                    request.id);
        return;
    }
    if (m_rooms.contains(request.room) || isPrivate(request.room)) {
        s.sendError(ErrorCode::RoomExists, QStringLiteral("There is already a room \"%1\".").arg(request.room), request.id);
        return;
    }
    if (request.isPrivate) {
        if (!m_private) {
            s.sendError(ErrorCode::BadRequest, QStringLiteral("This server has no private rooms."), request.id);
            return;
        }
        const QString room = request.room;
        const QString owner = s.user();
        changePrivateRoom(
            s, request.id, QStringLiteral("create private room"),
            [room, owner](Database &db, RoomWrite &w) {
                // Messages of an earlier public room of the same name are not the private room's history.
                w.visibleAfter = ChatStore(db).lastMessageId();
                return PrivateRooms::writeCreate(db, room, owner, w.visibleAfter, w.now, &w.error);
            },
            [this, room, owner, id = request.id](ServerSession *s, const RoomWrite &w) {
                m_private->applyCreate(room, owner, w.visibleAfter, w.now);
                qCInfo(lcChat).noquote() << owner << "created private room" << room;
                share(int(ClusterEvent::Kind::PrivateRooms), QString(), room);
                if (!s)
                    return;
                addMember(room, owner);
                share(int(ClusterEvent::Kind::Join), owner, room);
                sendJoined(room, *s, id);
            });
        return;
    }
    addMember(request.room, s.user());
    share(int(ClusterEvent::Kind::Join), s.user(), request.room);
    sendJoined(request.room, s, request.id);
}

bool ChatService::checkAccess(ServerSession &s, const QString &room, qint64 requestId)
{
    // The same answer for a room that does not exist, a public one and a private one of others.
    if (isPrivate(room) && m_private->hasAccess(s.user(), room))
        return true;
    s.sendError(ErrorCode::NotAMember, QStringLiteral("You are not a member of a private room \"%1\".").arg(room),
                requestId);
    return false;
}

bool ChatService::checkOwner(ServerSession &s, const QString &room, qint64 requestId)
{
    if (!checkAccess(s, room, requestId))
        return false;
    if (m_private->owner(room) == s.user())
        return true;
    s.sendError(ErrorCode::Forbidden, QStringLiteral("Only the owner of \"%1\" may do that.").arg(room), requestId);
    return false;
}

bool ChatService::checkListed(ServerSession &s, const QString &room, const QString &user, qint64 requestId)
{
    if (m_private->hasAccess(user, room))
        return true;
    s.sendError(ErrorCode::UnknownUser, QStringLiteral("\"%1\" is not a member of \"%2\".").arg(user, room), requestId);
    return false;
}

bool ChatService::mayInvite(ServerSession &s, const RoomInvite &request)
{
    if (!checkAccess(s, request.room, request.id))
        return false;
    if (request.shareHistory && m_private->owner(request.room) != s.user()) {
        s.sendError(ErrorCode::Forbidden, QStringLiteral("Only the owner may share the room's earlier history."),
                    request.id);
        return false;
    }
    return true;
}

void ChatService::invite(ServerSession &s, const RoomInvite &request)
{
    if (!mayInvite(s, request))
        return;
    if (!m_users) {
        s.sendError(ErrorCode::UnknownUser, QStringLiteral("There is no user \"%1\".").arg(request.user), request.id);
        return;
    }
    // The look-up goes through the directory's storage (PostgreSQL: off the event loop); the
    // session waits for it and then for the change.
    m_users->requireUser(m_server, this, s, request.id, request.user,
                         [this, request](ServerSession &s) { addInvited(s, request); });
}

void ChatService::addInvited(ServerSession &s, const RoomInvite &request)
{
    if (!mayInvite(s, request)) // the room changed while the look-up ran
        return;
    if (m_private->hasAccess(request.user, request.room)) { // nothing to change
        s.send(membersPage(request.room, QString(), request.id, s.peerMaxHeader()));
        return;
    }
    const QString room = request.room;
    const QString user = request.user;
    const QString by = s.user();
    const bool whole = request.shareHistory;
    const PrivateRooms::Access start = m_private->wholeHistory(room);
    changePrivateRoom(
        s, request.id, QStringLiteral("invite to a private room"),
        [room, user, whole, start](Database &db, RoomWrite &w) {
            const PrivateRooms::Access access = whole ? start : PrivateRooms::Access{ChatStore(db).lastMessageId(), w.now};
            w.visibleAfter = access.visibleAfter;
            w.sinceMs = access.sinceMs;
            return PrivateRooms::writeAdd(db, room, user, access, &w.error);
        },
        [this, room, user, by, id = request.id](ServerSession *s, const RoomWrite &w) {
            m_private->applyAdd(room, user, PrivateRooms::Access{w.visibleAfter, w.sinceMs});
            qCInfo(lcChat).noquote() << by << "invited" << user << "to private room" << room;
            share(int(ClusterEvent::Kind::PrivateRooms), QString(), room);
            // The events first, then the answer (docs/PROTOCOL.md 7.4).
            const QJsonObject invited = RoomInvited{room, by}.toJson();
            sendToUser(user, invited);
            share(int(ClusterEvent::Kind::ToUser), user, QString(), invited);
            pushMembers(room);
            if (s)
                s->send(membersPage(room, QString(), id, s->peerMaxHeader()));
        });
}

void ChatService::removeFromRoom(ServerSession &s, const RoomRemove &request)
{
    if (!checkAccess(s, request.room, request.id) || !checkListed(s, request.room, request.user, request.id))
        return;
    const QString owner = m_private->owner(request.room);
    // A member may leave the list; the owner may remove anyone but themselves (hand over first).
    if (request.user == owner || (s.user() != owner && request.user != s.user())) {
        s.sendError(ErrorCode::Forbidden,
                    request.user == owner ? QStringLiteral("The owner cannot be removed; hand the room over first.")
                                          : QStringLiteral("Only the owner may remove other members."),
                    request.id);
        return;
    }
    const QString room = request.room;
    const QString user = request.user;
    const QString by = s.user();
    changePrivateRoom(
        s, request.id, QStringLiteral("remove from a private room"),
        [room, user](Database &db, RoomWrite &w) { return PrivateRooms::writeRemove(db, room, user, &w.error); },
        [this, room, user, by, owner, id = request.id](ServerSession *s, const RoomWrite &) {
            m_private->applyRemove(room, user);
            qCInfo(lcChat).noquote() << by << "removed" << user << "from private room" << room;
            share(int(ClusterEvent::Kind::PrivateRooms), QString(), room);
            removeMember(room, user); // access gone at once: no more messages, history or files
            share(int(ClusterEvent::Kind::Leave), user, room);
            const QJsonObject removed = RoomRemoved{room, by}.toJson();
            sendToUser(user, removed);
            share(int(ClusterEvent::Kind::ToUser), user, QString(), removed);
            pushMembers(room);
            if (!s)
                return;
            if (user != by)
                s->send(membersPage(room, QString(), id, s->peerMaxHeader()));
            else
                s->send(RoomMembers{id, room, true, owner, {}, QString()});
        });
}

void ChatService::transferOwnership(ServerSession &s, const RoomOwner &request)
{
    if (!checkOwner(s, request.room, request.id) || !checkListed(s, request.room, request.user, request.id))
        return;
    const QString room = request.room;
    const QString user = request.user;
    const QString by = s.user();
    changePrivateRoom(
        s, request.id, QStringLiteral("hand over a private room"),
        [room, user](Database &db, RoomWrite &w) { return PrivateRooms::writeOwner(db, room, user, &w.error); },
        [this, room, user, by, id = request.id](ServerSession *s, const RoomWrite &) {
            m_private->applyOwner(room, user);
            qCInfo(lcChat).noquote() << by << "handed private room" << room << "over to" << user;
            share(int(ClusterEvent::Kind::PrivateRooms), QString(), room);
            pushMembers(room);
            if (s)
                s->send(membersPage(room, QString(), id, s->peerMaxHeader()));
        });
}

void ChatService::listMembers(ServerSession &s, const RoomMembersRequest &request)
{
    // Public rooms that exist list who is present; private rooms list their access list, to members only.
    if (isPrivate(request.room) ? !m_private->hasAccess(s.user(), request.room) : !m_rooms.contains(request.room)) {
        s.sendError(ErrorCode::NotAMember, QStringLiteral("You are not a member of a room \"%1\".").arg(request.room),
                    request.id);
        return;
    }
    s.send(membersPage(request.room, request.after, request.id, s.peerMaxHeader()));
}

RoomMembers ChatService::membersPage(const QString &room, const QString &after, qint64 requestId, qint64 limit) const
{
    RoomMembers page;
    page.id = requestId;
    page.room = room;
    page.isPrivate = isPrivate(room);
    QStringList all = page.isPrivate ? m_private->members(room) : members(room);
    if (page.isPrivate)
        page.owner = m_private->owner(room);
    HeaderBudget budget(limit, page.toJson(), CursorReserve);
    for (const QString &user : std::as_const(all)) {
        if (!after.isEmpty() && user <= after)
            continue;
        if (!budget.take(user)) {
            if (!page.members.isEmpty())
                page.next = page.members.constLast();
            break;
        }
        page.members.append(user);
    }
    return page;
}

void ChatService::pushMembers(const QString &room)
{
    share(int(ClusterEvent::Kind::Members), QString(), room);
    pushMembersHere(room);
}

void ChatService::pushMembersHere(const QString &room)
{
    const QSet<QString> present = m_rooms.value(room);
    for (ServerSession *session : m_server->sessions())
        if (session->isAuthenticated() && session->state() == ServerSession::State::Ready
            && present.contains(session->user()))
            session->send(membersPage(room, QString(), 0, session->peerMaxHeader()));
}

// ---------------------------------------------------------------------------------------------
// Across nodes (docs/CLUSTER.md, "Live state over Redis")

void ChatService::setCluster(ClusterBus *bus)
{
    m_cluster = bus;
    connect(bus, &ClusterBus::eventReceived, this, &ChatService::onClusterEvent);
    connect(bus, &ClusterBus::remoteOnline, this, [this](const QString &user) {
        if (!onlineHere(user))
            broadcastToAll(Presence{QString(), user, Presence::Event::Online}.toJson());
    });
    connect(bus, &ClusterBus::remoteOffline, this, [this](const QString &user) {
        if (!onlineHere(user))
            goneEverywhere(user);
    });
    connect(bus, &ClusterBus::remoteRooms, this, &ChatService::syncRemoteRooms);
    bus->setLocalState([this] { return localState(); });
    // Pub/sub is fire-and-forget: whenever this node is (back) in touch, it replays what it
    // missed and asks the others to replay what its own degraded deliveries did not reach.
    m_delivered = DeliveredIds(m_store->lastMessageId());
    connect(bus, &ClusterBus::liveChanged, this, [this](bool live) {
        if (!live)
            return;
        share(int(ClusterEvent::Kind::Replay), QString());
        replayMissed();
    });
}

void ChatService::replayMissed()
{
    if (m_replaying) {
        m_replayAgain = true;
        return;
    }
    m_replaying = true;
    const qint64 after = m_delivered.floor();
    QElapsedTimer took;
    took.start();
    storage()->run(
        this,
        [after](Database &db) {
            // Newest first, in pages; a longer outage leaves the oldest to the clients' history.
            const ChatStore store(db);
            QList<ChatMessage> missed;
            for (qint64 before = 0; missed.size() < MaxReplay;) {
                bool ok = false;
                const QList<ChatMessage> page = store.messagesAfter(after, MaxHistoryLimit, before, &ok);
                if (!ok) // not "nothing missed": try again later
                    return std::optional<QList<ChatMessage>>();
                missed = page + missed;
                if (page.size() < MaxHistoryLimit)
                    break;
                before = page.constFirst().id;
            }
            return std::optional<QList<ChatMessage>>(missed);
        },
        [this, took](const std::optional<QList<ChatMessage>> &read, const QString &failure) {
            const QList<ChatMessage> missed = read.value_or(QList<ChatMessage>());
            const QString error = !failure.isEmpty() ? failure
                : read                               ? QString()
                                                     : QStringLiteral("the messages could not be read");
            if (!error.isEmpty()) {
                // Not only at the next reconnection: the database may be back long before that.
                ++m_replayFailures;
                m_replayRetryMs = m_replayRetryMs == 0 ? ReplayRetryFirstMs : qMin(m_replayRetryMs * 2, ReplayRetryMaxMs);
                qCWarning(lcCluster).noquote() << "cannot replay the messages missed while out of touch:" << error
                                               << "- trying again in" << m_replayRetryMs << "ms";
                QTimer::singleShot(m_replayRetryMs, this, [this] { replayMissed(); });
            } else {
                m_replayRetryMs = 0;
            }
            int replayed = 0;
            for (const ChatMessage &m : missed) {
                if (!m_delivered.contains(m.id)) {
                    deliverHere(m, true);
                    ++replayed;
                }
            }
            if (replayed > 0)
                qCInfo(lcCluster) << "replayed" << replayed << "messages missed while out of touch (read"
                                  << missed.size() << "in" << took.elapsed() << "ms)";
            m_replaying = false;
            const QList<ChatMessage> held = std::exchange(m_heldLive, {});
            for (const ChatMessage &m : held)
                deliverHere(m);
            if (std::exchange(m_replayAgain, false))
                replayMissed();
        });
}

void ChatService::share(int kind, const QString &user, const QString &room, const QJsonObject &frame)
{
    if (!m_cluster)
        return;
    m_cluster->publish(ClusterEvent{ClusterEvent::Kind(kind), {}, user, room, {}, {}, frame});
    const auto k = ClusterEvent::Kind(kind);
    if (k == ClusterEvent::Kind::Online || k == ClusterEvent::Kind::Offline || k == ClusterEvent::Kind::Join
        || k == ClusterEvent::Kind::Leave)
        m_cluster->localStateChanged();
}

void ChatService::onClusterEvent(const ClusterEvent &e)
{
    // While the private rooms are read again, what follows waits: a room.invited must find the
    // access list current, and every event keeps its place in Redis's one order.
    if (m_reloadingRooms) {
        m_heldEvents.append(e);
        return;
    }
    applyClusterEvent(e);
}

void ChatService::applyClusterEvent(const ClusterEvent &e)
{
    if (e.kind == ClusterEvent::Kind::Message) {
        const Decoded<ChatMessage> m = ChatMessage::fromJson(e.frame);
        if (m && m_replaying)
            m_heldLive.append(*m); // after the replay, in order
        else if (m)
            deliverHere(*m);
        else
            qCWarning(lcCluster) << "a message from node" << e.node << "does not decode";
        return;
    }
    if (e.node == m_cluster->nodeId()) // the rest was applied here when it happened
        return;
    switch (e.kind) {
    case ClusterEvent::Kind::Join:
        addMember(e.room, e.user);
        break;
    case ClusterEvent::Kind::Leave:
        removeMember(e.room, e.user);
        break;
    case ClusterEvent::Kind::ToUser:
        sendToUser(e.user, e.frame);
        break;
    case ClusterEvent::Kind::Members:
        pushMembersHere(e.room);
        break;
    case ClusterEvent::Kind::Replay:
        replayMissed();
        break;
    case ClusterEvent::Kind::PrivateRooms:
        if (m_private)
            reloadPrivateRooms(e.room);
        break;
    default:
        break;
    }
}

void ChatService::reloadPrivateRooms(const QString &changed)
{
    struct Read
    {
        PrivateRooms::Snapshot snapshot;
        QString error;
    };
    // Through the storage (PostgreSQL: its round trips off the event loop); SQLite: inline.
    m_reloadingRooms = true;
    storage()->run(
        this,
        [](Database &db) {
            Read r;
            if (!PrivateRooms::read(db, &r.snapshot, &r.error) && r.error.isEmpty())
                r.error = QStringLiteral("unknown database error");
            return r;
        },
        [this, changed](Read r, const QString &error) {
            const QString failure = error.isEmpty() ? r.error : error;
            if (failure.isEmpty())
                m_private->adopt(std::move(r.snapshot));
            else // the list known before stays
                qCWarning(lcCluster).noquote() << "cannot read the private rooms again:" << failure;
            // Whoever joined here as if the room were public (the join raced its creation on
            // another node) and has no access is out again.
            if (isPrivate(changed)) {
                const QSet<QString> present = m_rooms.value(changed);
                for (const QString &user : present)
                    if (!m_private->hasAccess(user, changed))
                        removeMember(changed, user);
            }
            m_reloadingRooms = false;
            // The events held meanwhile, in order; another change among them reads again and
            // holds the rest.
            while (!m_reloadingRooms && !m_heldEvents.isEmpty())
                applyClusterEvent(m_heldEvents.takeFirst());
        });
}

void ChatService::syncRemoteRooms(const QString &user, const QStringList &rooms)
{
    if (onlineHere(user)) // this node's own events keep it right
        return;
    for (const QString &room : rooms)
        if (isValidRoomName(room) && !isMember(user, room) && (!isPrivate(room) || m_private->hasAccess(user, room)))
            addMember(room, user);
    const QStringList all = m_rooms.keys();
    for (const QString &room : all)
        if (!rooms.contains(room) && m_rooms.value(room).contains(user))
            removeMember(room, user);
}

QHash<QString, QStringList> ChatService::localState() const
{
    QHash<QString, QStringList> state;
    for (ServerSession *s : m_server->sessions())
        if (s->isAuthenticated())
            state.insert(s->user(), {});
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it)
        for (const QString &user : it.value())
            if (auto found = state.find(user); found != state.end())
                found->append(it.key());
    return state;
}

} // namespace Switchboard
