#pragma once
// Every error code of wire protocol v1 (docs/PROTOCOL.md, "Errors" and each section's table),
// plus the few that only a client reports (never on the wire). One table in errorcode.cpp maps
// each to its wire string; nothing else spells them.

#include <QMetaType>
#include <QString>

namespace Switchboard::Protocol {

enum class ErrorCode {
    None,    // no error
    Unknown, // a code this build does not know (the raw string is kept in Error::codeString)
    // framing (fatal)
    FrameZeroLength,
    FrameHeaderTooLarge,
    FramePayloadTooLarge,
    FrameBadUtf8,
    FrameNotJson,
    FrameNotObject,
    FrameMissingType,
    FrameBadSize,
    // connection
    VersionUnsupported,
    HelloRequired,
    HelloTimeout,
    LoginTimeout,
    TooManyConnections,
    IdleTimeout,
    ServerFull,
    ServerShutdown,
    Kicked,
    SlowConsumer, // the client did not read: its send queue passed --max-queued-bytes
    // general
    UnknownType,
    BadRequest,
    AuthRequired,
    Internal,
    // accounts
    AuthFailed,
    AuthLocked,
    RegistrationDisabled,
    UserExists,
    InvalidUserName,
    TooManyRegistrations, // this source address registered its limit of accounts this hour
    TooManyUsers,         // the server holds its maximum number of accounts
    // chat
    InvalidRoom,
    NotInRoom,
    UnknownUser,
    EmptyMessage,
    MessageTooLong,
    // private rooms
    NotAMember,  // no access to the room (also: it does not exist), same answer for both
    Forbidden,   // a member asked for what only the owner may do
    RoomExists,  // room.create of a name that is taken
    // files
    BadName,
    BadHash,
    BadOffset,
    FileTooLarge,
    QuotaExceeded,
    DiskFull,
    IoError,
    SizeMismatch,
    HashMismatch,
    UnknownUpload,
    UnknownDownload,
    FileNotFound,
    TooManyTransfers, // the account already has its limit of uploads and downloads open
    TransfersFull,    // the server has its limit of uploads and downloads open, all accounts together
    // client side only: never sent by a server
    Unreachable,     // TCP connect failed or timed out
    NotSwitchboard,  // the peer does not speak this protocol (no valid hello in time, garbage)
    HandshakeTimeout,
    Disconnected,    // the connection closed before the reply came
    Timeout,         // no reply to a request in time
    Cancelled,       // the user abandoned the request
    BadReply,        // the server's reply did not decode
    LocalIo,         // a local file could not be read or written
    FileChanged,     // the local file changed during an upload
    TlsError,            // the TLS handshake failed (a plaintext server, a broken or expired certificate)
    CertificateChanged,  // the server presented another certificate than the one recorded for it
    CertificateUnknown,  // an unknown server's certificate was not trusted (--strict-tls, the user said no)
};

// The wire string ("auth_failed"); client-only codes have strings too, for logs and the CLI.
QString toWire(ErrorCode code);
// ErrorCode::Unknown for strings this build does not know.
ErrorCode errorCodeFromWire(QStringView wire);
// Whether a peer may send this code (false for the client-only ones).
bool isWireCode(ErrorCode code);

} // namespace Switchboard::Protocol

Q_DECLARE_METATYPE(Switchboard::Protocol::ErrorCode)
