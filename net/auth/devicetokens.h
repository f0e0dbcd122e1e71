#pragma once
// Device tokens (docs/PROTOCOL.md 6.6): a random 256-bit token the server issues at a successful
// login and the client presents in later auth.start requests of the same account. A login that
// presents a valid token of its account is counted against that token only (LoginThrottle), so
// an attacker's failures do not lock out a device that has logged in before.
//
// Kept in the server's database (migration 5), only as a hash:
//
//   device_tokens(hash BLOB PRIMARY KEY,        -- SHA-256 of the token's 32 bytes
//                 user TEXT NOT NULL,           -- the account, exactly as in users.name
//                 created INTEGER NOT NULL,     -- seconds since the epoch, UTC
//                 last_used INTEGER NOT NULL)   -- likewise; indexed with user
//
// An account keeps at most MaxPerUser tokens (the least recently used go first); a token unused
// for MaxIdleDays is no longer valid. Works on the Database's connection: use it from the thread
// that opened the Database.

#include <QByteArray>
#include <QString>

namespace Switchboard {

class Database;

class DeviceTokens
{
public:
    static constexpr int MaxPerUser = 16;
    static constexpr int MaxIdleDays = 180;
    // Wire length of a token: 32 bytes in unpadded base64url.
    static constexpr int TokenChars = 43;

    explicit DeviceTokens(Database &database);
    DeviceTokens(const DeviceTokens &) = delete;
    DeviceTokens &operator=(const DeviceTokens &) = delete;

    // A new token for `user`, as sent on the wire; empty if it could not be stored.
    QString issue(const QString &user);
    // The key the throttle counts `token` under (hex of its hash) if it is a valid token of
    // `user`, else empty.
    QString validKey(const QString &user, const QString &token) const;
    // A login with the token of this key succeeded: its last use becomes now.
    void markUsed(const QString &key);
    // Every token of `user` stops working (the account was deleted or its password changed).
    bool revokeAll(const QString &user);
    int count(const QString &user) const;

private:
    static QByteArray hashOf(const QString &token);

    Database &m_database;
};

} // namespace Switchboard
