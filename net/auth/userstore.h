#pragma once
// Accounts in the server's database (Database, migration 1):
//
//   users(name TEXT PRIMARY KEY, scheme INT, salt BLOB, iterations INT,
//         stored_key BLOB, server_key BLOB, created INTEGER,   -- created: seconds since the epoch, UTC
//         name_key TEXT)                                      -- nameKey(name), indexed (migration 4)
//   auth_meta(key TEXT PRIMARY KEY, value BLOB)               -- "server_secret" (see serverSecret())
//
// Only SCRAM verifiers are stored, never a password or its MD5 credential. Deleted rows are
// overwritten and the database file is owner-only (both Database's doing).
//
// The store works on the Database's connection: use it from the thread that opened the Database.

#include "credentials.h"
#include "net/server/userdirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Switchboard {

class Database;
class StorageThread;

class UserStore : public UserDirectory
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::UserStore)
public:
    enum class Error {
        None,
        NotOpen,
        InvalidUserName, // -> protocol error invalid_user_name
        InvalidVerifier, // bad scheme, salt, iteration count or key size
        UserExists,      // -> user_exists (also a name whose nameKey() is an existing or reserved one's)
        NoSuchUser,
        Database,        // SQLite failure -> internal_error
        File             // import file unreadable
    };

    struct ImportIssue
    {
        int line = 0; // 1-based
        QString message;
    };
    struct ImportReport
    {
        int imported = 0;
        QStringList importedUsers;
        QList<ImportIssue> issues; // bad lines and lines skipped because the user exists
        // "line 3: ..." texts, one per issue.
        QStringList messages() const;
    };

    static constexpr int MaxUserNameLength = 32; // in Unicode code points

    // The database must outlive the store; while it is closed every call fails with NotOpen.
    explicit UserStore(Database &database);
    UserStore(const UserStore &) = delete;
    UserStore &operator=(const UserStore &) = delete;

    bool isOpen() const;
    // The database this store works on (a StorageThread's inline database).
    Database &database() const { return m_database; }

    // Fails with UserExists if the name is reserved or taken: another name with the same nameKey()
    // ("Alice", fullwidth "ａlice" for "alice") counts as the same.
    bool addUser(const QString &name, const ScramVerifier &verifier, QString *error = nullptr);
    // Replaces the verifier of an existing user (password change). Fails with NoSuchUser.
    bool setVerifier(const QString &name, const ScramVerifier &verifier, QString *error = nullptr);
    std::optional<ScramVerifier> verifier(const QString &name) const;
    bool removeUser(const QString &name, QString *error = nullptr);
    // False also when the look-up failed: then *error (if given) has the database's words.
    bool contains(const QString &name, QString *error = nullptr) const;
    bool userExists(const QString &name) const override { return contains(name); }
    // findUser() looks up through `storage` (must outlive the store): with PostgreSQL on its
    // database thread, off the event loop. Unset: at once on this store's connection.
    void setStorage(StorageThread *storage) { m_storage = storage; }
    void findUser(const QString &name, QObject *receiver, Found done) const override;
    // verifier() the same way: nullopt for no such user, or with `error` when the look-up failed.
    using VerifierFound = std::function<void(std::optional<ScramVerifier> verifier, const QString &error)>;
    void findVerifier(const QString &name, QObject *receiver, VerifierFound done) const;
    // All user names, sorted.
    QStringList users() const;
    int userCount() const;
    // When the user was added (invalid QDateTime for an unknown user).
    QDateTime created(const QString &name) const;
    // A lookup for ScramServer; valid while this store is alive.
    std::function<std::optional<ScramVerifier>(const QString &)> lookup() const;

    // Imports the tutorials' "userinfo" file: UTF-8 lines "name|md5hex" where md5hex is
    // MD5(name + password) in hex. Blank lines and lines starting with '#' are skipped. Each good
    // line becomes a user whose verifier is derived from the md5hex with a fresh salt and `iterations`,
    // so the user logs in with the original password. Bad lines and existing users are reported and
    // skipped. Returns false only if nothing could be done (store closed, file unreadable, bad
    // iteration count, database failure); `report` then also has the reason as issue line 0.
    bool importUserInfo(const QString &filePath, int iterations, ImportReport *report = nullptr);

    // A random 32-byte secret created on first use and kept in the database; the key for the
    // ScramServer's stand-in salts of unknown users. Empty on failure.
    QByteArray serverSecret(QString *error = nullptr);

    Error lastError() const { return m_lastError; }
    QString lastErrorString() const { return m_lastErrorString; }

    // 1-32 code points; ASCII letters, digits, '_', '-', '.'; letters of any other script (e.g. Chinese)
    // and combining marks after them. No spaces, control characters, '|' or other punctuation/symbols.
    // The name must be in Unicode normalization form C (clients normalize before computing the credential).
    // Letters of more than one script are refused unless they are Latin with Han, Hiragana,
    // Katakana, Bopomofo or Hangul as written together (Unicode TS 39, "highly restrictive"):
    // "аlice" with a Cyrillic a or "bοb" with a Greek o are refused, "Иван" and "张三" are not.
    static bool isValidUserName(const QString &name, QString *reason = nullptr);
    // What names are compared by: NFKC, case-folded (docs/PROTOCOL.md 6.1).
    static QString nameKey(const QString &name);
    // robot, admin, server, switchboard, in any form with the same nameKey().
    static bool isReservedName(const QString &name);
    // Sets the missing name_key of every user (database migration 4). Runs in its transaction.
    static bool fillNameKeys(QSqlDatabase db, QString *error);

private:
    // Runs `ask` on a store on the storage's connection (or this one without a storage), then
    // `done` with its answer and the error (the database's words; empty when it worked).
    template <class Answer>
    void lookUp(QObject *receiver, std::function<Answer(const UserStore &store, QString *error)> ask,
                std::function<void(Answer answer, const QString &error)> done) const;
    bool setError(Error error, const QString &message, QString *out) const;
    void clearError() const;
    // The user whose nameKey() equals name's, in *existing; on a database failure *failed is set
    // and *existing holds the reason.
    bool nameTaken(const QString &name, QString *existing, bool *failed) const;

    QSqlDatabase db() const;

    Database &m_database;
    StorageThread *m_storage = nullptr;
    mutable Error m_lastError = Error::None;
    mutable QString m_lastErrorString;
};

} // namespace Switchboard
