#include "chatservice.h"

#include "chatbot.h"
#include "chatstore.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/protocol.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "net/server/userdirectory.h"
#include "net/transfer/fileinfo.h"

#include <QJsonArray>
#include <QTimer>

namespace Switchboard {

const QString ChatService::DefaultRoom = QStringLiteral("lobby");

using namespace Protocol;

ChatService::ChatService(ChatServer *server, ChatStore *store, const UserDirectory *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_store(store)
    , m_users(users)
{
    m_rooms.insert(DefaultRoom, {});
    connect(server, &ChatServer::sessionStarted, this, &ChatService::onSessionStarted);
    connect(server, &ChatServer::sessionEnded, this, &ChatService::onSessionEnded);
    using namespace std::placeholders;
    server->registerHandler(Type::RoomJoin, std::bind(&ChatService::join, this, _1, _2));
    server->registerHandler(Type::RoomLeave, std::bind(&ChatService::leave, this, _1, _2));
    server->registerHandler(Type::RoomList, std::bind(&ChatService::list, this, _1, _2));
    server->registerHandler(Type::ChatSend, std::bind(&ChatService::send, this, _1, _2));
    server->registerHandler(QStringLiteral("history"), std::bind(&ChatService::history, this, _1, _2));
}

ChatService::~ChatService()
{
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
        broadcastToAll(QJsonObject{{QStringLiteral("type"), Type::Presence},
                                   {QStringLiteral("user"), session->user()},
                                   {QStringLiteral("event"), QStringLiteral("online")}});
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
    broadcastToAll(QJsonObject{{QStringLiteral("type"), Type::Presence},
                               {QStringLiteral("user"), user},
                               {QStringLiteral("event"), QStringLiteral("offline")}});
}

void ChatService::addMember(const QString &room, const QString &user)
{
    QSet<QString> &members = m_rooms[room];
    if (members.contains(user))
        return;
    members.insert(user);
    broadcastToRoom(room, QJsonObject{{QStringLiteral("type"), Type::Presence},
                                      {QStringLiteral("room"), room},
                                      {QStringLiteral("user"), user},
                                      {QStringLiteral("event"), QStringLiteral("join")}});
}

void ChatService::removeMember(const QString &room, const QString &user)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !it->remove(user))
        return;
    broadcastToRoom(room, QJsonObject{{QStringLiteral("type"), Type::Presence},
                                      {QStringLiteral("room"), room},
                                      {QStringLiteral("user"), user},
                                      {QStringLiteral("event"), QStringLiteral("leave")}});
    if (it->isEmpty() && room != DefaultRoom)
        m_rooms.erase(it);
}

static QJsonArray toArray(const QList<ChatMessage> &messages)
{
    QJsonArray a;
    for (const ChatMessage &m : messages)
        a.append(m.toJson());
    return a;
}

static QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

void ChatService::join(ServerSession *s, const Frame &f)
{
    const QString room = f.header.value(QLatin1String("room")).toString();
    const QJsonValue id = f.header.value(QLatin1String("id"));
    if (!isValidRoomName(room)) {
        s->sendError(ErrorCode::InvalidRoom, tr("Room names are 1 to 64 letters, digits, '_', '-' or '.'."), id);
        return;
    }
    addMember(room, s->user());
    QJsonObject reply = makeReply(Type::RoomJoined, f);
    reply.insert(QStringLiteral("room"), room);
    reply.insert(QStringLiteral("members"), toArray(members(room)));
    reply.insert(QStringLiteral("history"), toArray(m_store->roomHistory(room, m_historyCount)));
    // Every connection of the user learns of the join (a second window follows the first).
    for (ServerSession *other : m_server->sessionsOf(s->user()))
        if (other != s) {
            QJsonObject copy = reply;
            copy.remove(QStringLiteral("id"));
            other->send(copy);
        }
    s->send(reply);
}

void ChatService::leave(ServerSession *s, const Frame &f)
{
    const QString room = f.header.value(QLatin1String("room")).toString();
    const QJsonValue id = f.header.value(QLatin1String("id"));
    if (!isMember(s->user(), room)) {
        s->sendError(ErrorCode::NotInRoom, tr("You are not in room \"%1\".").arg(room), id);
        return;
    }
    removeMember(room, s->user());
    QJsonObject reply = makeReply(Type::RoomLeft, f);
    reply.insert(QStringLiteral("room"), room);
    s->send(reply);
}

void ChatService::list(ServerSession *s, const Frame &f)
{
    QJsonArray rooms;
    QStringList names = m_rooms.keys();
    names.sort();
    for (const QString &name : names)
        rooms.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("members"), toArray(members(name))}});
    QJsonObject reply = makeReply(Type::Rooms, f);
    reply.insert(QStringLiteral("rooms"), rooms);
    reply.insert(QStringLiteral("online"), toArray(onlineUsers()));
    s->send(reply);
}

void ChatService::history(ServerSession *s, const Frame &f)
{
    const QJsonValue id = f.header.value(QLatin1String("id"));
    const int limit = qBound(1, f.header.value(QLatin1String("limit")).toInt(50), 500);
    const qint64 before = f.header.value(QLatin1String("before")).toInteger(0);
    QList<ChatMessage> messages;
    if (f.header.contains(QLatin1String("room"))) {
        const QString room = f.header.value(QLatin1String("room")).toString();
        if (!isMember(s->user(), room)) {
            s->sendError(ErrorCode::NotInRoom, tr("Join room \"%1\" to read its history.").arg(room), id);
            return;
        }
        messages = m_store->roomHistory(room, limit, before);
    } else if (f.header.contains(QLatin1String("with"))) {
        messages = m_store->privateHistory(s->user(), f.header.value(QLatin1String("with")).toString(), limit, before);
    } else {
        s->sendError(ErrorCode::BadRequest, tr("History needs \"room\" or \"with\"."), id);
        return;
    }
    QJsonObject reply = makeReply(QStringLiteral("history"), f);
    reply.insert(QStringLiteral("messages"), toArray(messages));
    s->send(reply);
}

void ChatService::send(ServerSession *s, const Frame &f)
{
    const QJsonValue id = f.header.value(QLatin1String("id"));
    const QJsonValue textValue = f.header.value(QLatin1String("text"));
    if (!textValue.isString()) {
        s->sendError(ErrorCode::BadRequest, tr("A message needs a \"text\" string."), id);
        return;
    }
    ChatMessage m;
    m.sender = s->user();
    m.text = textValue.toString();
    if (m.text.trimmed().isEmpty()) {
        s->sendError(ErrorCode::EmptyMessage, tr("The message is empty."), id);
        return;
    }
    if (m.text.toUtf8().size() > MaxChatTextBytes) {
        s->sendError(ErrorCode::MessageTooLong, tr("The message is longer than %1 bytes.").arg(MaxChatTextBytes), id);
        return;
    }
    if (f.header.contains(QLatin1String("room"))) {
        m.room = f.header.value(QLatin1String("room")).toString();
        if (!isValidRoomName(m.room)) {
            s->sendError(ErrorCode::InvalidRoom, tr("Invalid room name."), id);
            return;
        }
        if (!isMember(m.sender, m.room)) {
            s->sendError(ErrorCode::NotInRoom, tr("Join room \"%1\" before sending to it.").arg(m.room), id);
            return;
        }
    } else if (f.header.contains(QLatin1String("to"))) {
        m.recipient = f.header.value(QLatin1String("to")).toString();
        const bool isBot = m_bot && m.recipient == m_bot->name();
        if (!isBot && (!m_users || !m_users->userExists(m.recipient)) && !userOnline(m.recipient)) {
            s->sendError(ErrorCode::UnknownUser, tr("There is no user \"%1\".").arg(m.recipient), id);
            return;
        }
    } else {
        s->sendError(ErrorCode::BadRequest, tr("A message needs \"room\" or \"to\"."), id);
        return;
    }

    QString error;
    if (!m_store->append(&m, &error)) {
        s->sendError(ErrorCode::Internal, tr("The message could not be stored: %1").arg(error), id);
        return;
    }
    QJsonObject ack = makeReply(Type::ChatAck, f);
    ack.insert(QStringLiteral("msg"), double(m.id));
    ack.insert(QStringLiteral("ts"), double(m.timestampMs));
    s->send(ack);
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
    m.file = file.toJson();
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
        s->send(frame);
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
    for (ServerSession *s : m_server->sessions())
        if (s->isAuthenticated() && s->state() == ServerSession::State::Ready)
            s->send(frame);
}

} // namespace Switchboard
