#pragma once
// Every message of wire protocol v1 as a typed struct (docs/PROTOCOL.md is the reference; keep
// the two in step). Each has one serializer, toJson(), which writes the frame header including
// "type", and one deserializer, fromJson(), which checks every member's JSON type and returns
// either the message or a DecodeError naming the member (answered as bad_request). Only this
// file and messages.cpp spell protocol JSON keys.
//
// Conventions: `id` is the request id (0 = none; written only when positive). Unknown members are
// ignored. Semantic checks that need server state (does the room exist, is the text too long for
// this server) stay in the services; structure and types are checked here.
//
// Adding a message: declare a struct with SB_MESSAGE(Name, "wire.type"), write its two functions
// in messages.cpp, route it (ChatServer::route<...> / ChatClient::on<...> or request<...>), and
// add it to tests/unit/tst_messages.cpp.

#include "errorcode.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Switchboard {

namespace Protocol {

constexpr int Version = 1;
constexpr int MaxChatTextBytes = 32 * 1024; // well inside the 64 KiB header limit

// Why a header did not decode: the member and what is wrong with it (English, for logs and the
// bad_request message).
struct DecodeError
{
    QString field;
    QString message;
    QString toString() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
};

// A decoded message or the reason it is not one.
template <class T>
class Decoded
{
public:
    Decoded(T value) : m_value(std::move(value)) {}
    Decoded(DecodeError error) : m_error(std::move(error)) {}
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const DecodeError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    DecodeError m_error;
};

// The "type" of a header, or an empty string.
QString typeOf(const QJsonObject &header);
// The request id of a header (0 when absent or not a positive integer).
qint64 idOf(const QJsonObject &header);

#define SB_MESSAGE(Name, wire)                                                                                         \
    static constexpr QLatin1String Type{wire};                                                                         \
    QJsonObject toJson() const;                                                                                        \
    static Decoded<Name> fromJson(const QJsonObject &header);

} // namespace Protocol

// ---------------------------------------------------------------------------------------------
// Shared objects (members of several messages)

// A completed, verified file on the server. On the wire (the "file" member of chat.message, and
// the members of upload.done / download.begin): {"file","name","fileSize","hash","owner","created"
// [,"room"][,"to"]}; `created` is ISO 8601 UTC with milliseconds.
struct FileInfo
{
    qint64 id = 0;
    QString owner;   // who uploaded it
    QString name;    // sanitized, unique within its room / private conversation
    qint64 size = 0;
    QString hash;    // "xxh3-128:<hex>"
    QString room;    // shared in this room, or
    QString toUser;  // sent privately to this user
    QDateTime created;
    QString path;    // server side only, never on the wire: relative to the data directory

    bool isValid() const { return id > 0; }
    bool operator==(const FileInfo &o) const;
    QJsonObject toJson() const;
    static Protocol::Decoded<FileInfo> fromJson(const QJsonObject &o);
};

// A stored chat message (the "chat.message" frame; also the items of history replies).
struct ChatMessage
{
    static constexpr QLatin1String Type{"chat.message"};
    qint64 id = 0;          // "msg": server-assigned, increasing
    qint64 timestampMs = 0; // "ts": ms since the epoch, UTC
    QString room;           // empty for private messages
    QString recipient;      // "to": empty for room messages
    QString sender;         // "from"
    QString text;
    FileInfo file;          // valid for file messages

    bool isFile() const { return file.isValid(); }
    QJsonObject toJson() const;
    static Protocol::Decoded<ChatMessage> fromJson(const QJsonObject &header);
};

namespace Protocol {

// ---------------------------------------------------------------------------------------------
// Connection set-up, errors, keepalive (sections 3-5)

struct Hello
{
    SB_MESSAGE(Hello, "hello")
    qint64 id = 0;
    QList<int> versions;
    QString client; // optional
    qint64 maxHeader = 0; // optional: the largest header the client accepts; 0 = absent (v1's 65,536)
};

struct ServerLimits
{
    qint64 maxHeader = 0;
    qint64 maxPayload = 0;
    qint64 maxText = 0;
    int idleTimeout = 0; // seconds; 0 = never
};

struct TransferSettings
{
    QString hash;
    qint64 maxFileSize = 0; // 0 = no limit
    qint64 quota = 0;       // 0 = no limit
    int chunk = 0;
    bool hashAtEnd = false; // an upload.offer may leave out "hash" and send it in upload.end
};

// The server's answer to Hello (same wire type).
struct HelloReply
{
    SB_MESSAGE(HelloReply, "hello")
    qint64 id = 0;
    int version = 0;
    QString server;
    QStringList auth;
    bool registration = false; // "register"
    ServerLimits limits;
    std::optional<TransferSettings> transfer;
};

struct Error
{
    SB_MESSAGE(Error, "error")
    qint64 id = 0;
    ErrorCode code = ErrorCode::Unknown;
    QString codeString; // the wire string as received (kept for codes this build does not know)
    QString message;
    bool fatal = false;
    int retryAfter = -1; // auth_locked: seconds; -1 = absent
    qint64 upload = 0;   // transfer errors name their upload or download
    qint64 download = 0;

    static Error make(ErrorCode code, const QString &message, qint64 id = 0, bool fatal = false);
    // Client-side errors (timeouts, disconnects) reuse the same shape.
    static Error local(ErrorCode code, const QString &message, qint64 id = 0) { return make(code, message, id); }
};

struct Ping
{
    SB_MESSAGE(Ping, "ping")
    qint64 id = 0;
    QJsonValue t; // optional, echoed in the pong
};

struct Pong
{
    SB_MESSAGE(Pong, "pong")
    qint64 id = 0;
    QJsonValue t;
};

// ---------------------------------------------------------------------------------------------
// Accounts (section 6)

struct Register
{
    SB_MESSAGE(Register, "register")
    qint64 id = 0;
    QString user;
    int scheme = 0;
    QByteArray salt; // base64 on the wire
    int iterations = 0;
    QByteArray storedKey;
    QByteArray serverKey;
};

struct Registered
{
    SB_MESSAGE(Registered, "registered")
    qint64 id = 0;
    QString user;
};

struct AuthStart
{
    SB_MESSAGE(AuthStart, "auth.start")
    qint64 id = 0;
    QString mechanism;
    QString data;
    QString deviceToken; // optional (6.6): a token an earlier auth.ok of this account issued
};

struct AuthChallenge
{
    SB_MESSAGE(AuthChallenge, "auth.challenge")
    qint64 id = 0;
    QString data;
};

struct AuthFinish
{
    SB_MESSAGE(AuthFinish, "auth.finish")
    qint64 id = 0;
    QString data;
};

// Failed logins of an account since its last successful one (the "failedLogins" member of auth.ok).
struct FailedLogins
{
    int count = 0;       // 0: none (the member is absent)
    qint64 lastMs = 0;   // "last": ms since the epoch, UTC
    QString lastFrom;    // "lastFrom": the source address of the last one
};

struct AuthOk
{
    SB_MESSAGE(AuthOk, "auth.ok")
    qint64 id = 0;
    QString user;
    QString data;
    QString deviceToken;      // optional (6.6): a new device token for this account
    FailedLogins failedLogins; // optional (6.6)
};

// ---------------------------------------------------------------------------------------------
// Chat (section 7)

struct RoomJoin
{
    SB_MESSAGE(RoomJoin, "room.join")
    qint64 id = 0;
    QString room;
};

struct RoomJoined
{
    SB_MESSAGE(RoomJoined, "room.joined")
    qint64 id = 0;
    QString room;
    QStringList members;
    QList<ChatMessage> history; // oldest first
    bool more = false;           // the history was cut to fit the peer's header limit
    bool membersPartial = false; // the members were cut to fit (room.members pages them)
};

struct RoomLeave
{
    SB_MESSAGE(RoomLeave, "room.leave")
    qint64 id = 0;
    QString room;
};

struct RoomLeft
{
    SB_MESSAGE(RoomLeft, "room.left")
    qint64 id = 0;
    QString room;
};

struct RoomList
{
    SB_MESSAGE(RoomList, "room.list")
    qint64 id = 0;
    QString after; // optional: the "next" of the previous page
};

struct RoomInfo
{
    QString name;
    QStringList members;
    bool isPrivate = false; // "private"
    QString owner;          // private rooms only
    QJsonObject toJson() const;
};

// One page of the room list; `next` (when set) asks for another room.list with after = next.
struct Rooms
{
    SB_MESSAGE(Rooms, "rooms")
    qint64 id = 0;
    QList<RoomInfo> rooms;
    QStringList online; // first page only
    QString next;
};

// The history request (client to server); exactly one of room / with.
struct HistoryRequest
{
    SB_MESSAGE(HistoryRequest, "history")
    qint64 id = 0;
    QString room;
    QString with;
    qint64 before = 0; // exclusive; 0 = from the newest
    int limit = 0;     // 0 = the server's default
};

// The history reply (same wire type as the request).
struct History
{
    SB_MESSAGE(History, "history")
    qint64 id = 0;
    QList<ChatMessage> messages; // oldest first
    bool more = false;           // cut to fit the peer's header limit: older messages remain
};

// Search in a room's or a private chat's history (section 7.8), newest matches first in pages.
struct HistorySearchRequest
{
    SB_MESSAGE(HistorySearchRequest, "history.search")
    qint64 id = 0;
    QString room;
    QString with;
    QString text;      // matched anywhere in a message, case-insensitively for ASCII letters
    qint64 before = 0; // exclusive; 0 = from the newest
    int limit = 0;     // 0 = the server's default
};

// The search reply (same wire type as the request).
struct HistorySearchResult
{
    SB_MESSAGE(HistorySearchResult, "history.search")
    qint64 id = 0;
    QList<ChatMessage> messages; // oldest first, the newest matches before `before`
    bool more = false;           // older matches remain: ask again with before = the first id
};

// Private rooms (section 7.7). room.create answers with room.joined; room.invite, room.remove and
// room.owner answer with the room's members (RoomMembers).
struct RoomCreate
{
    SB_MESSAGE(RoomCreate, "room.create")
    qint64 id = 0;
    QString room;
    bool isPrivate = false; // "private"
};

struct RoomInvite
{
    SB_MESSAGE(RoomInvite, "room.invite")
    qint64 id = 0;
    QString room;
    QString user;
    bool shareHistory = false; // "history": the invitee may read what was said before (owner only)
};

struct RoomRemove
{
    SB_MESSAGE(RoomRemove, "room.remove")
    qint64 id = 0;
    QString room;
    QString user;
};

struct RoomOwner
{
    SB_MESSAGE(RoomOwner, "room.owner")
    qint64 id = 0;
    QString room;
    QString user;
};

// The request (client to server); the reply has the same wire type.
struct RoomMembersRequest
{
    SB_MESSAGE(RoomMembersRequest, "room.members")
    qint64 id = 0;
    QString room;
    QString after; // optional: the "next" of the previous page
};

// A page of a room's members: the access list of a private room, those present in a public one.
// Also pushed (without id) to the present members when a private room's list changes.
struct RoomMembers
{
    SB_MESSAGE(RoomMembers, "room.members")
    qint64 id = 0;
    QString room;
    bool isPrivate = false; // "private"
    QString owner;          // private rooms only
    QStringList members;    // sorted
    QString next;           // more pages: ask again with after = next
};

// Pushed to every connection of a user invited to / removed from a private room.
struct RoomInvited
{
    SB_MESSAGE(RoomInvited, "room.invited")
    QString room;
    QString by;
};

struct RoomRemoved
{
    SB_MESSAGE(RoomRemoved, "room.removed")
    QString room;
    QString by;
};

// Exactly one of room / to.
struct ChatSend
{
    SB_MESSAGE(ChatSend, "chat.send")
    qint64 id = 0;
    QString room;
    QString to;
    QString text;
    // Optional idempotency key chosen by the client (PROTOCOL 7.2): a resend carrying a key the
    // sender already used is answered with the first message's ack and not posted again.
    QString key{};
    static constexpr int MaxKeyLength = 64;
    static bool isValidKey(const QString &key);
};

struct ChatAck
{
    SB_MESSAGE(ChatAck, "chat.ack")
    qint64 id = 0;
    qint64 msg = 0;
    qint64 ts = 0;
};

struct Presence
{
    SB_MESSAGE(Presence, "presence")
    enum class Event { Join, Leave, Online, Offline };
    QString room; // empty for online/offline
    QString user;
    Event event = Event::Online;
};

// ---------------------------------------------------------------------------------------------
// Files (section 8). Chunk frames carry their data as the frame payload.

struct UploadOffer
{
    SB_MESSAGE(UploadOffer, "upload.offer")
    qint64 id = 0;
    QString name;
    qint64 fileSize = 0;
    QString hash; // may be empty when the server's hello says hashAtEnd
    QString room; // exactly one of room / to
    QString to;
};

struct UploadAccept
{
    SB_MESSAGE(UploadAccept, "upload.accept")
    qint64 id = 0;
    qint64 upload = 0;
    qint64 offset = 0;
    QString name;
    int chunk = 0;
};

struct UploadChunk
{
    SB_MESSAGE(UploadChunk, "upload.chunk")
    qint64 upload = 0;
    qint64 offset = 0;
};

struct UploadAck
{
    SB_MESSAGE(UploadAck, "upload.ack")
    qint64 upload = 0;
    qint64 offset = 0; // bytes stored so far
};

struct UploadEnd
{
    SB_MESSAGE(UploadEnd, "upload.end")
    qint64 id = 0;
    qint64 upload = 0;
    QString hash; // required when the offer had none (hashed while sending), else optional
};

struct UploadDone
{
    SB_MESSAGE(UploadDone, "upload.done")
    qint64 id = 0;
    qint64 upload = 0;
    FileInfo file;
};

struct UploadCancel
{
    SB_MESSAGE(UploadCancel, "upload.cancel")
    qint64 id = 0;
    qint64 upload = 0;
};

struct UploadCancelled
{
    SB_MESSAGE(UploadCancelled, "upload.cancelled")
    qint64 id = 0;
    qint64 upload = 0;
};

struct DownloadRequest
{
    SB_MESSAGE(DownloadRequest, "download.request")
    qint64 id = 0;
    qint64 file = 0;
    qint64 offset = 0;
};

struct DownloadBegin
{
    SB_MESSAGE(DownloadBegin, "download.begin")
    qint64 id = 0;
    qint64 download = 0;
    FileInfo file;
    qint64 offset = 0;
    int chunk = 0;
};

struct DownloadChunk
{
    SB_MESSAGE(DownloadChunk, "download.chunk")
    qint64 download = 0;
    qint64 offset = 0;
};

struct DownloadAck
{
    SB_MESSAGE(DownloadAck, "download.ack")
    qint64 download = 0;
    qint64 offset = 0; // absolute: bytes of the file received so far, a resumed prefix included
};

struct DownloadEnd
{
    SB_MESSAGE(DownloadEnd, "download.end")
    qint64 id = 0;
    qint64 download = 0;
    qint64 file = 0;
    qint64 fileSize = 0;
    QString hash;
};

struct DownloadCancel
{
    SB_MESSAGE(DownloadCancel, "download.cancel")
    qint64 id = 0;
    qint64 download = 0;
};

struct DownloadCancelled
{
    SB_MESSAGE(DownloadCancelled, "download.cancelled")
    qint64 id = 0;
    qint64 download = 0;
};

#undef SB_MESSAGE

} // namespace Protocol
} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::FileInfo)
Q_DECLARE_METATYPE(Switchboard::ChatMessage)
Q_DECLARE_METATYPE(Switchboard::Protocol::Error)
