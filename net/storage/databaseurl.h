#pragma once
// Where the server's database is: `--database URL`.
//
//   sqlite:PATH or a bare PATH             SQLite file (the embedded default, <data>/switchboard.db)
//   postgresql://USER@HOST:PORT/DB         PostgreSQL (postgres:// too; PORT defaults to 5432)
//
// A PostgreSQL password is never part of the URL (it would show in `ps` and shell histories):
// it comes from a file (--database-password-file) or SWITCHBOARD_DATABASE_PASSWORD. Without
// either the connection uses the server's own authentication (trust, peer over a socket, or
// ~/.pgpass read by libpq).

#include <QCoreApplication>
#include <QString>

namespace Switchboard {

class DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::DatabaseUrl)
public:
    enum class Kind { Sqlite, PostgreSql };
    static constexpr quint16 DefaultPostgreSqlPort = 5432;
    static constexpr const char *PasswordVariable = "SWITCHBOARD_DATABASE_PASSWORD";

    DatabaseUrl() = default;
    static DatabaseUrl sqlite(const QString &path);
    // False (with *error) for a URL this cannot use, e.g. one that carries a password.
    static bool parse(const QString &text, DatabaseUrl *out, QString *error);

    // The server's database: `url` (--database; empty: the SQLite file sqlitePath) with, for
    // PostgreSQL, the password loaded as loadPassword() does.
    static bool forServer(const QString &url, const QString &passwordFile, const QString &sqlitePath, DatabaseUrl *out,
                          QString *error);

    // The password for a PostgreSQL URL: the first line of passwordFile when one is given, else
    // the environment variable, else empty (the server's own authentication). False when the
    // file cannot be read.
    bool loadPassword(const QString &passwordFile, QString *error);

    Kind kind() const { return m_kind; }
    bool isPostgreSql() const { return m_kind == Kind::PostgreSql; }
    QString path() const { return m_path; } // SQLite
    QString user() const { return m_user; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString databaseName() const { return m_database; }
    QString password() const { return m_password; }
    void setPassword(const QString &password) { m_password = password; }
    // For logs and messages: the path, or the URL without a password.
    QString displayName() const;

private:
    Kind m_kind = Kind::Sqlite;
    QString m_path;
    QString m_user;
    QString m_host;
    quint16 m_port = DefaultPostgreSqlPort;
    QString m_database;
    QString m_password;
};

} // namespace Switchboard
