#include "errorcode.h"

#include <iterator>

namespace Switchboard::Protocol {

namespace {
struct Entry
{
    ErrorCode code;
    const char *wire;
    bool onWire;
};

// The one table of error codes and their wire strings.
constexpr Entry Table[] = {
    {ErrorCode::FrameZeroLength, "frame_zero_length", true},
    {ErrorCode::FrameHeaderTooLarge, "frame_header_too_large", true},
    {ErrorCode::FramePayloadTooLarge, "frame_payload_too_large", true},
    {ErrorCode::FrameBadUtf8, "frame_bad_utf8", true},
    {ErrorCode::FrameNotJson, "frame_not_json", true},
    {ErrorCode::FrameNotObject, "frame_not_object", true},
    {ErrorCode::FrameMissingType, "frame_missing_type", true},
    {ErrorCode::FrameBadSize, "frame_bad_size", true},
    {ErrorCode::VersionUnsupported, "version_unsupported", true},
    {ErrorCode::HelloRequired, "hello_required", true},
    {ErrorCode::HelloTimeout, "hello_timeout", true},
    {ErrorCode::LoginTimeout, "login_timeout", true},
    {ErrorCode::TooManyConnections, "too_many_connections", true},
    {ErrorCode::IdleTimeout, "idle_timeout", true},
    {ErrorCode::ServerFull, "server_full", true},
    {ErrorCode::ServerShutdown, "server_shutdown", true},
    {ErrorCode::Kicked, "kicked", true},
    {ErrorCode::SlowConsumer, "slow_consumer", true},
    {ErrorCode::UnknownType, "unknown_type", true},
    {ErrorCode::BadRequest, "bad_request", true},
    {ErrorCode::AuthRequired, "auth_required", true},
    {ErrorCode::Internal, "internal_error", true},
    {ErrorCode::AuthFailed, "auth_failed", true},
    {ErrorCode::AuthLocked, "auth_locked", true},
    {ErrorCode::RegistrationDisabled, "registration_disabled", true},
    {ErrorCode::UserExists, "user_exists", true},
    {ErrorCode::InvalidUserName, "invalid_user_name", true},
    {ErrorCode::TooManyRegistrations, "too_many_registrations", true},
    {ErrorCode::TooManyUsers, "too_many_users", true},
    {ErrorCode::InvalidRoom, "invalid_room", true},
    {ErrorCode::NotInRoom, "not_in_room", true},
    {ErrorCode::UnknownUser, "unknown_user", true},
    {ErrorCode::EmptyMessage, "empty_message", true},
    {ErrorCode::MessageTooLong, "message_too_long", true},
    {ErrorCode::NotAMember, "not_a_member", true},
    {ErrorCode::Forbidden, "forbidden", true},
    {ErrorCode::RoomExists, "room_exists", true},
    {ErrorCode::BadName, "bad_name", true},
    {ErrorCode::BadHash, "bad_hash", true},
    {ErrorCode::BadOffset, "bad_offset", true},
    {ErrorCode::FileTooLarge, "file_too_large", true},
    {ErrorCode::QuotaExceeded, "quota_exceeded", true},
    {ErrorCode::DiskFull, "disk_full", true},
    {ErrorCode::IoError, "io_error", true},
    {ErrorCode::SizeMismatch, "size_mismatch", true},
    {ErrorCode::HashMismatch, "hash_mismatch", true},
    {ErrorCode::UnknownUpload, "unknown_upload", true},
    {ErrorCode::UnknownDownload, "unknown_download", true},
    {ErrorCode::FileNotFound, "file_not_found", true},
    {ErrorCode::TooManyTransfers, "too_many_transfers", true},
    {ErrorCode::TransfersFull, "transfers_full", true},
    {ErrorCode::Unreachable, "unreachable", false},
    {ErrorCode::NotSwitchboard, "not_switchboard", false},
    {ErrorCode::HandshakeTimeout, "handshake_timeout", false},
    {ErrorCode::Disconnected, "disconnected", false},
    {ErrorCode::Timeout, "timeout", false},
    {ErrorCode::Cancelled, "cancelled", false},
    {ErrorCode::BadReply, "bad_reply", false},
    {ErrorCode::LocalIo, "local_io_error", false},
    {ErrorCode::FileChanged, "file_changed", false},
    {ErrorCode::TlsError, "tls_error", false},
    {ErrorCode::CertificateChanged, "certificate_changed", false},
    {ErrorCode::CertificateUnknown, "certificate_unknown", false},
};
} // namespace

QString toWire(ErrorCode code)
{
    for (const Entry &e : Table)
        if (e.code == code)
            return QString::fromLatin1(e.wire);
    return QStringLiteral("unknown");
}

ErrorCode errorCodeFromWire(QStringView wire)
{
    for (const Entry &e : Table)
        if (wire == QLatin1String(e.wire))
            return e.code;
    return ErrorCode::Unknown;
}

bool isWireCode(ErrorCode code)
{
    for (const Entry &e : Table)
        if (e.code == code)
            return e.onWire;
    return false;
}

} // namespace Switchboard::Protocol
