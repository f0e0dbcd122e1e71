#include "chatservice.h"

#include "chatbot.h"
#include "chatstore.h"
#include "chatwriter.h"
#include "net/core/logging.h"
#include "net/protocol/frameencoder.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "net/server/userdirectory.h"

#include <QPointer>
#include <QTimer>

namespace Switchboard {

const QString ChatService::DefaultRoom = QStringLiteral("lobby");

using namespace Protocol;

ChatService::ChatService(ChatServer *server, ChatStore *store, const UserDirectory *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_store(store)
    , m_writer(new ChatWriter(store, this))
    , m_users(users)
{
    m_rooms.insert(DefaultRoom, {});
    connect(server, &ChatServer::sessionStarted, this, &ChatService::onSessionStarted);
    connect(server, &ChatServer::sessionEnded, this, &ChatService::onSessionEnded);
    server->route<RoomJoin>([this](ServerSession &s, const RoomJoin &m, const Frame &) { join(s, m); });
    server->route<RoomLeave>([this](ServerSession &s, const RoomLeave &m, const Frame &) { leave(s, m); });
    server->route<RoomList>([this](ServerSession &s, const RoomList &m, const Frame &) { list(s, m); });
    server->route<ChatSend>([this](ServerSession &s, const ChatSend &m, const Frame &) { send(s, m); });
    server->route<HistoryRequest>([this](ServerSession &s, const HistoryRequest &m, const Frame &) { history(s, m); });
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
    if (m_bot)
        users.insert(m_bot->name());
    QStringList out(users.begin(), users.end());
    out.sort();
    return out;
}

bool ChatService::userOnline(const QString &user) const
{
    return !m_server->sessionsOf(user).isEmpty();
}

void ChatService::onSessionStarted(ServerSession *session)
{
    connect(session, &ServerSession::userChanged, this, [this, session] { onLogin(session); });
}

void ChatService::onLogin(ServerSession *session)
{
    // First connection of this user: tell everyone they came online.
    if (m_server->sessionsOf(session->user()).size() == 1)
        broadcastToAll(Presence{QString(), session->user(), Presence::Event::Online}.toJson());
}

void ChatService::onSessionEnded(ServerSession *session)
{
    const QString user = session->user();
    if (user.isEmpty() || userOnline(user))
        return;
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
    addMember(request.room, s.user());
    RoomJoined reply;
    reply.room = request.room;
    reply.members = members(request.room);
    reply.history = m_store->roomHistory(request.room, m_historyCount);
    // Every other connection of the user learns of the join too (a second window follows the first).
    for (ServerSession *other : m_server->sessionsOf(s.user()))
        if (other != &s)
            other->send(reply);
    reply.id = request.id;
    s.send(reply);
}

void ChatService::leave(ServerSession &s, const RoomLeave &request)
{
    if (!isMember(s.user(), request.room)) {
        s.sendError(ErrorCode::NotInRoom, QStringLiteral("You are not in room \"%1\".").arg(request.room), request.id);
        return;
    }
    removeMember(request.room, s.user());
    s.send(RoomLeft{request.id, request.room});
}

void ChatService::list(ServerSession &s, const RoomList &request)
{
    Rooms reply;
    reply.id = request.id;
    QStringList names = m_rooms.keys();
    names.sort();
    for (const QString &name : std::as_const(names))
        reply.rooms.append(RoomInfo{name, members(name)});
    reply.online = onlineUsers();
    s.send(reply);
}

void ChatService::history(ServerSession &s, const HistoryRequest &request)
{
    const int limit = request.limit > 0 ? qBound(1, request.limit, MaxHistoryLimit) : DefaultHistoryLimit;
    History reply;
    reply.id = request.id;
    if (!request.room.isEmpty()) {
        if (!isMember(s.user(), request.room)) {
            s.sendError(ErrorCode::NotInRoom, QStringLiteral("Join room \"%1\" to read its history.").arg(request.room),
                        request.id);
            return;
        }
        reply.messages = m_store->roomHistory(request.room, limit, request.before);
    } else {
        reply.messages = m_store->privateHistory(s.user(), request.with, limit, request.before);
    }
    s.send(reply);
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
        if (!isBot && (!m_users || !m_users->userExists(m.recipient)) && !userOnline(m.recipient)) {
            s.sendError(ErrorCode::UnknownUser, QStringLiteral("There is no user \"%1\".").arg(m.recipient), request.id);
            return;
        }
    }

    // Acknowledged and delivered only once its batch's transaction has committed.
    QPointer<ServerSession> sender(&s);
    const qint64 requestId = request.id;
    m_writer->submit(m, [this, sender, requestId](const ChatMessage &stored, const QString &error) {
        afterStored(sender, requestId, stored, error);
    });
}

void ChatService::afterStored(ServerSession *s, qint64 requestId, const ChatMessage &m, const QString &error)
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

bool ChatService::post(ChatMessage message, QString *error)
{
    QString why;
    if (!m_store->append(&message, &why)) {
        if (error)
            *error = why;
        return false;
    }
    deliver(message);
    return true;
}

void ChatService::shareFile(const FileInfo &file)
{
    ChatMessage m;
    m.sender = file.owner;
    m.room = file.room;
    m.recipient = file.toUser;
    m.text = file.name;
    m.file = file;
    post(m);
}

void ChatService::deliver(const ChatMessage &m)
{
    const QJsonObject frame = m.toJson();
    if (!m.room.isEmpty()) {
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

} // namespace Switchboard
