#pragma once
// Failed logins per account since its last successful login, shown to the owner at the next one
// (the failedLogins member of auth.ok, docs/PROTOCOL.md 6.6). Kept in the server's database
// (migration 5), one row per account that has failures:
//
//   login_failures(user TEXT PRIMARY KEY,      -- the account, exactly as in users.name
//                  count INTEGER NOT NULL,
//                  last INTEGER NOT NULL,      -- ms since the epoch, UTC
//                  last_from TEXT NOT NULL)    -- the source address of the last failure
//
// Only existing accounts are recorded (the caller checks), so the table is bounded by the users.
// Works on the Database's connection: use it from the thread that opened the Database.

#include "net/protocol/messages.h"

#include <QString>

namespace Switchboard {

class Database;

class FailedLoginLog
{
public:
    explicit FailedLoginLog(Database &database);
    FailedLoginLog(const FailedLoginLog &) = delete;
    FailedLoginLog &operator=(const FailedLoginLog &) = delete;

    void record(const QString &user, const QString &from, qint64 whenMs);
    // The failures since the last call for `user` (count 0 if none); the count starts over.
    Protocol::FailedLogins take(const QString &user);
    // Without starting over (tests, admin).
    Protocol::FailedLogins peek(const QString &user) const;

private:
    Database &m_database;
};

} // namespace Switchboard
