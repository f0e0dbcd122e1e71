#pragma once
// Message types and error codes of wire protocol v1. docs/PROTOCOL.md is the reference;
// keep the two in step.

#include "frame.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace Switchboard::Protocol {

constexpr int Version = 1;
constexpr int MaxChatTextBytes = 32 * 1024; // well inside the 64 KiB header limit

namespace Type {
inline const QString Hello = QStringLiteral("hello");
inline const QString Ping = QStringLiteral("ping");
inline const QString Pong = QStringLiteral("pong");
inline const QString Error = QStringLiteral("error");
// accounts
inline const QString Register = QStringLiteral("register");
inline const QString Registered = QStringLiteral("registered");
inline const QString AuthStart = QStringLiteral("auth.start");
inline const QString AuthChallenge = QStringLiteral("auth.challenge");
inline const QString AuthFinish = QStringLiteral("auth.finish");
inline const QString AuthOk = QStringLiteral("auth.ok");
// chat
inline const QString RoomJoin = QStringLiteral("room.join");
inline const QString RoomJoined = QStringLiteral("room.joined");
inline const QString RoomLeave = QStringLiteral("room.leave");
inline const QString RoomLeft = QStringLiteral("room.left");
inline const QString RoomList = QStringLiteral("room.list");
inline const QString Rooms = QStringLiteral("rooms");
inline const QString ChatSend = QStringLiteral("chat.send");
inline const QString ChatAck = QStringLiteral("chat.ack");
inline const QString ChatMessage = QStringLiteral("chat.message");
inline const QString Presence = QStringLiteral("presence");
} // namespace Type

namespace ErrorCode {
inline const QString VersionUnsupported = QStringLiteral("version_unsupported");
inline const QString HelloRequired = QStringLiteral("hello_required");
inline const QString HelloTimeout = QStringLiteral("hello_timeout");
inline const QString IdleTimeout = QStringLiteral("idle_timeout");
inline const QString ServerFull = QStringLiteral("server_full");
inline const QString ServerShutdown = QStringLiteral("server_shutdown");
inline const QString UnknownType = QStringLiteral("unknown_type");
inline const QString BadRequest = QStringLiteral("bad_request");
inline const QString AuthRequired = QStringLiteral("auth_required");
inline const QString AuthFailed = QStringLiteral("auth_failed");
inline const QString AuthLocked = QStringLiteral("auth_locked");
inline const QString RegistrationDisabled = QStringLiteral("registration_disabled");
inline const QString UserExists = QStringLiteral("user_exists");
inline const QString InvalidUserName = QStringLiteral("invalid_user_name");
inline const QString InvalidRoom = QStringLiteral("invalid_room");
inline const QString NotInRoom = QStringLiteral("not_in_room");
inline const QString UnknownUser = QStringLiteral("unknown_user");
inline const QString EmptyMessage = QStringLiteral("empty_message");
inline const QString MessageTooLong = QStringLiteral("message_too_long");
inline const QString Kicked = QStringLiteral("kicked");
inline const QString Internal = QStringLiteral("internal_error");
} // namespace ErrorCode

// {"type":"error","code":code,"message":message[,"id":requestId][,"fatal":true]}
QJsonObject makeError(const QString &code, const QString &message, const QJsonValue &requestId = QJsonValue(),
                      bool fatal = false);
// A reply of the given type that answers the request's "id" (if it had one).
QJsonObject makeReply(const QString &type, const Frame &request);

} // namespace Switchboard::Protocol
