#pragma once
// The server's SQL database: one connection that every store shares (UserStore, ChatStore,
// UploadStore), and the schema as numbered migrations recorded in a version table:
//
//   schema_version(version INTEGER PRIMARY KEY, description TEXT, applied INTEGER, baseline INTEGER)
//       -- one row per migration applied; applied: seconds since the epoch, UTC;
//       -- baseline 1: its tables were already there (made before schema versions existed)
//
// Two dialects: SQLite (QtSql's QSQLITE driver, normally <data dir>/switchboard.db) in WAL mode
// with a busy timeout, foreign keys on and deleted rows overwritten; and PostgreSQL (QPSQL, a
// postgresql:// URL, see databaseurl.h), which several server nodes can share. Everything that
// differs between them is in one function of database.cpp, dialectSql(); migrations and the
// stores' SQL are written against its placeholders (sql()).
//
// QtSql connections belong to the thread that opened them: use a Database, and the stores on
// it, from that thread only.

#include "databaseurl.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QSqlQuery;

namespace Switchboard {

class Database
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::Database)
public:
    enum class Dialect { Sqlite, PostgreSql };

    // One step of the schema. Statements may use the placeholders of sql(): {serial} (a 64-bit
    // primary key the database numbers itself, never reusing a number), {blob} (binary data),
    // {bigint} (a 64-bit integer: milliseconds, sizes, ids).
    struct Migration
    {
        int version = 0; // 1, 2, 3...: strictly increasing
        QString description;
        QStringList statements;
        // Runs after the statements, in the same transaction, for data conversions SQL cannot
        // express (Unicode normalization). Sets *error and returns false to fail the migration.
        std::function<bool(QSqlDatabase db, QString *error)> convert;
    };

    // Switchboard's schema, oldest first. Migrations up to LegacyVersion create the tables the
    // stores made themselves before schema versions existed, "IF NOT EXISTS": such a database
    // is baselined (its tables and rows kept, missing tables added), not recreated.
    static const QList<Migration> &migrations();
    static constexpr int LegacyVersion = 3;

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating it and its directory if needed: a new file 0600, a new directory 0700) and brings
    // the schema up to date: each migration newer than the recorded version runs in its own
    // transaction, in order. Fails, closed, if the file cannot be opened, a migration fails (it
    // is rolled back; those before it stay applied) or the schema is newer than any migration
    // known here (a newer Switchboard made it).
    // `path` is a SQLite file or a database URL (DatabaseUrl::parse; a PostgreSQL password is then
    // taken from SWITCHBOARD_DATABASE_PASSWORD). On PostgreSQL, nodes starting at once migrate
    // one after the other (an advisory lock); on SQLite each migration re-reads the version under
    // the write lock.
    bool open(const QString &path, QString *error = nullptr);
    bool open(const DatabaseUrl &url, QString *error = nullptr);
    // The same with another list of migrations (tests).
    bool open(const QString &path, const QList<Migration> &migrations, QString *error = nullptr);
    bool open(const DatabaseUrl &url, const QList<Migration> &migrations, QString *error = nullptr);
    // Another connection to the database `other` is open on (for a database thread): no
    // migrations run; fails if the schema is not the one `other` has.
    bool openAnother(const Database &other, QString *error = nullptr);
    void close();
    bool isOpen() const;
    // PostgreSQL: true unless the server dropped the connection (a restart, a network cut) or
    // an attempt to open it again failed. Then reconnectIfLost() opens it again: at once the
    // first time, then at most once per backoff delay (MinRetryMs doubling up to MaxRetryMs),
    // failing fast in between. Statements prepared on the lost connection are kept until close()
    // (a caller up the stack may still hold one) and prepared anew. SQLite: always true.
    // With `probeIdle` (database threads, before each call), a connection unused for
    // IdleProbeMs is first tried with "SELECT 1": libpq learns of a server restart only from a
    // failed statement, and that one is better the probe than a message's INSERT.
    bool reconnectIfLost(QString *error = nullptr, bool probeIdle = false);
    static constexpr int IdleProbeMs = 250;
    static constexpr int MinRetryMs = 100;
    static constexpr int MaxRetryMs = 3000;
    // The connection was dropped under this Database (PostgreSQL only; no round trip).
    bool isConnectionLost() const;
    // How often reconnectIfLost() opened the connection again.
    int reconnectCount() const { return m_reconnects; }
    // The SQLite file or the URL (without password), for messages.
    QString path() const { return m_path; }
    DatabaseUrl url() const { return m_url; }
    Dialect dialect() const { return m_dialect; }
    // `statement` with the dialect's placeholders replaced: {serial}, {blob}, {bigint} (types);
    // {now_ms} (the database's clock, milliseconds since the epoch, UTC); {like} (LIKE matching
    // letters case-insensitively: SQLite's LIKE (ASCII only), PostgreSQL's ILIKE).
    QString sql(const QString &statement) const;
    // The shared connection (an invalid one while closed).
    QSqlDatabase connection() const { return m_db; }
    // A statement prepared once per connection and reused (keyed by its SQL text, placeholders
    // as in sql()): hot queries
    // (the user lookup at login, the chat insert) skip SQLite's parser and planner. Bind with
    // bindValue(index, ...); call finish() after reading a SELECT so it holds no read snapshot.
    // Null (with *error) if the statement cannot be prepared; valid until close().
    QSqlQuery *prepared(const QString &sql, QString *error = nullptr);

    // The highest migration applied.
    int schemaVersion() const { return m_version; }
    // The migrations the last open() applied, oldest first (empty: the schema was current).
    QList<int> appliedVersions() const { return m_applied; }
    // Whether the last open() found a database made before schema versions and baselined it.
    bool wasBaselined() const { return m_baselined; }

private:
    bool fail(const QString &message, QString *error);
    bool connect(const DatabaseUrl &url, QString *error);
    bool setUp(QString *error);
    bool migrate(const QList<Migration> &migrations, QString *error);
    bool migrateLocked(const QList<Migration> &migrations, QString *error);
    bool begin();
    bool apply(const Migration &migration, bool baseline, QString *error);
    bool execute(const Migration &migration, bool baseline, QString *error);
    int recordedVersion(bool *ok);

    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared;
    QList<std::shared_ptr<QSqlQuery>> m_retired; // prepared on a lost connection
    QElapsedTimer m_sinceAttempt;                // the last failed reconnect
    int m_retryMs = 0;                           // 0: no reconnect has failed
    int m_reconnects = 0;
    QElapsedTimer m_sinceUse;                    // the last reconnectIfLost() that found it open
    QString m_connectionName;
    QString m_path;
    DatabaseUrl m_url;
    Dialect m_dialect = Dialect::Sqlite;
    int m_version = 0;
    QList<int> m_applied;
    bool m_baselined = false;
};

} // namespace Switchboard
