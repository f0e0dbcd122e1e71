// Database: one SQLite connection and numbered schema migrations. A fresh file gets every
// migration, a current one none, a file made before schema versions is baselined with its rows,
// and a failing migration is rolled back and reported.

#include "net/auth/userstore.h"
#include "net/chat/chatstore.h"
#include "net/storage/database.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Switchboard;

namespace {

// A second, independent connection: sees only what was committed.
class RawSqlite
{
public:
    explicit RawSqlite(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawSqlite()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.isActive();
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    QStringList tables() { return QSqlDatabase::database(m_name).tables(); }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_ok = false;
};

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

QList<int> recordedVersions(const Database &db, const QString &column = QStringLiteral("version"))
{
    QList<int> out;
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("SELECT %1 FROM schema_version ORDER BY version").arg(column)))
        while (q.next())
            out.append(q.value(0).toInt());
    return out;
}

Database::Migration migration(int version, const QStringList &statements)
{
    return Database::Migration{version, QStringLiteral("test migration %1").arg(version), statements, {}};
}

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void freshDatabaseGetsEveryMigration();
    void reopeningAppliesNothing();
    void laterMigrationsOnly();
    void legacyDatabaseIsBaselined();
    void partialLegacyDatabaseIsCompleted();
    void failingMigrationRollsBack();
    void convertStepRunsInTheTransaction();
    void newerSchemaIsRefused();
    void unopenablePath();
    void storesShareTheConnection();
    void databaseUrls();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/switchboard.db")); }
};

void tst_Database::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Database::cleanup()
{
    m_dir.reset();
}

void tst_Database::freshDatabaseGetsEveryMigration()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    QVERIFY(db.isOpen());
    QCOMPARE(db.path(), dbPath());
    const int newest = Database::migrations().constLast().version;
    QList<int> all;
    for (const Database::Migration &m : Database::migrations())
        all.append(m.version);
    QCOMPARE(db.appliedVersions(), all);
    QCOMPARE(db.schemaVersion(), newest);
    QVERIFY(!db.wasBaselined());
    QCOMPARE(recordedVersions(db), all);
    QCOMPARE(recordedVersions(db, QStringLiteral("baseline")), QList<int>(all.size(), 0));

    const QStringList tables = db.connection().tables();
    for (const char *t : {"schema_version", "users", "auth_meta", "messages", "files", "uploads"})
        QVERIFY2(tables.contains(QLatin1String(t)), t);
    // The dialect's placeholders were expanded.
    QVERIFY(scalar(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'messages'"))
                .toString().contains(QLatin1String("AUTOINCREMENT")));
    // Connection settings.
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA secure_delete")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt(), 5000);
    QVERIFY(!(QFile::permissions(dbPath()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
}

void tst_Database::reopeningAppliesNothing()
{
    {
        Database db;
        QVERIFY(db.open(dbPath()));
        QVERIFY(!db.appliedVersions().isEmpty());
    }
    Database db;
    QVERIFY(db.open(dbPath()));
    QVERIFY(db.appliedVersions().isEmpty());
    QCOMPARE(db.schemaVersion(), Database::migrations().constLast().version);
    QCOMPARE(recordedVersions(db).size(), Database::migrations().size());
    QVERIFY(!db.wasBaselined());
}

void tst_Database::laterMigrationsOnly()
{
    const auto one = migration(1, {QStringLiteral("CREATE TABLE a(x INTEGER)")});
    const auto two = migration(2, {QStringLiteral("CREATE TABLE b(y {blob})"), QStringLiteral("INSERT INTO a VALUES(7)")});
    Database db;
    QVERIFY(db.open(dbPath(), {one}));
    QCOMPARE(db.appliedVersions(), QList<int>{1});
    db.close();
    QVERIFY(!db.isOpen());
    QVERIFY(db.open(dbPath(), {one, two}));
    QCOMPARE(db.appliedVersions(), QList<int>{2});
    QCOMPARE(db.schemaVersion(), 2);
    QCOMPARE(scalar(db, QStringLiteral("SELECT x FROM a")).toInt(), 7);

    // Out of order or duplicate numbers are a programming error, reported.
    QString error;
    QVERIFY(!db.open(dbPath(), {two, one}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!db.isOpen());
}

void tst_Database::legacyDatabaseIsBaselined()
{
    // Exactly what UserStore, ChatStore and UploadStore created before schema versions, with rows.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).path()));
    {
        RawSqlite old(dbPath());
        QVERIFY(old.ok());
        for (const char *sql : {
                 "PRAGMA journal_mode=WAL",
                 "CREATE TABLE IF NOT EXISTS users(name TEXT PRIMARY KEY, scheme INT NOT NULL, salt BLOB NOT NULL, "
                 "iterations INT NOT NULL, stored_key BLOB NOT NULL, server_key BLOB NOT NULL, created INTEGER NOT NULL)",
                 "CREATE TABLE IF NOT EXISTS auth_meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)",
                 "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, "
                 "room TEXT, recipient TEXT, sender TEXT NOT NULL, text TEXT NOT NULL, file TEXT)",
                 "CREATE INDEX IF NOT EXISTS messages_room ON messages(room, id)",
                 "CREATE INDEX IF NOT EXISTS messages_private ON messages(sender, recipient, id)",
                 "CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, "
                 "name TEXT NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL, "
                 "room TEXT NOT NULL DEFAULT '', to_user TEXT NOT NULL DEFAULT '', "
                 "created INTEGER NOT NULL, path TEXT NOT NULL)",
                 "CREATE INDEX IF NOT EXISTS files_owner ON files(owner)",
                 "CREATE INDEX IF NOT EXISTS files_room_name ON files(room, name)",
                 "CREATE TABLE IF NOT EXISTS uploads (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                 "owner TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL, "
                 "room TEXT NOT NULL DEFAULT '', to_user TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL)",
                 "CREATE INDEX IF NOT EXISTS uploads_owner ON uploads(owner, name, size, hash)",
                 "INSERT INTO users VALUES('alice', 1, x'00112233445566778899aabbccddeeff', 4096, "
                 "x'0000000000000000000000000000000000000000000000000000000000000001', "
                 "x'0000000000000000000000000000000000000000000000000000000000000002', 1700000000)",
                 "INSERT INTO auth_meta VALUES('server_secret', x'0102030405060708090a0b0c0d0e0f10')",
                 "INSERT INTO messages(ts, room, sender, text) VALUES(1700000000000, 'lobby', 'alice', 'kept 1')",
                 "INSERT INTO messages(ts, room, sender, text) VALUES(1700000001000, 'lobby', 'alice', 'kept 2')",
                 "INSERT INTO files VALUES(5, 'alice', 'a.txt', 3, 'xxh3-128:00', 'lobby', '', 1700000000, 'files/5')",
                 "INSERT INTO uploads(owner, name, size, hash, created) VALUES('alice', 'b.bin', 9, 'h', 1700000000)",
             })
            QVERIFY(old.exec(QString::fromLatin1(sql)));
        QVERIFY(!old.tables().contains(QLatin1String("schema_version")));
    }

    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    QVERIFY(db.wasBaselined());
    QCOMPARE(db.schemaVersion(), Database::migrations().constLast().version);
    QList<int> baselined;
    for (const Database::Migration &m : Database::migrations())
        baselined.append(m.version <= Database::LegacyVersion ? 1 : 0);
    QCOMPARE(recordedVersions(db, QStringLiteral("baseline")), baselined);

    // Every row is still there, and the stores read them.
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 2);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM files")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM uploads")).toInt(), 1);
    UserStore users(db);
    QCOMPARE(users.users(), QStringList{QStringLiteral("alice")});
    QCOMPARE(users.verifier(QStringLiteral("alice"))->iterations, 4096);
    QCOMPARE(users.serverSecret(), QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10"));
    ChatStore chat(db);
    const QList<ChatMessage> history = chat.roomHistory(QStringLiteral("lobby"), 10);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(1).text, QStringLiteral("kept 2"));
    ChatMessage next;
    next.room = QStringLiteral("lobby");
    next.sender = QStringLiteral("alice");
    next.text = QStringLiteral("new");
    QVERIFY(chat.append(&next, &error));
    QCOMPARE(next.id, qint64(3));

    // Opened again: current, nothing to do.
    db.close();
    QVERIFY(db.open(dbPath()));
    QVERIFY(db.appliedVersions().isEmpty());
    QVERIFY(!db.wasBaselined());
}

void tst_Database::partialLegacyDatabaseIsCompleted()
{
    // "switchboard-server user add" used to open only the user store: users and auth_meta only.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).path()));
    {
        RawSqlite old(dbPath());
        QVERIFY(old.exec(QStringLiteral(
            "CREATE TABLE users(name TEXT PRIMARY KEY, scheme INT NOT NULL, salt BLOB NOT NULL, iterations INT NOT NULL, "
            "stored_key BLOB NOT NULL, server_key BLOB NOT NULL, created INTEGER NOT NULL)")));
        QVERIFY(old.exec(QStringLiteral("CREATE TABLE auth_meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)")));
        QVERIFY(old.exec(QStringLiteral("INSERT INTO users VALUES('bob', 1, x'00', 4096, x'01', x'02', 1700000000)")));
    }
    Database db;
    QVERIFY(db.open(dbPath()));
    QVERIFY(db.wasBaselined());
    QCOMPARE(scalar(db, QStringLiteral("SELECT name FROM users")).toString(), QStringLiteral("bob"));
    for (const char *t : {"messages", "files", "uploads"})
        QVERIFY2(db.connection().tables().contains(QLatin1String(t)), t);
}

void tst_Database::failingMigrationRollsBack()
{
    const auto one = migration(1, {QStringLiteral("CREATE TABLE a(x INTEGER)")});
    const auto two = migration(2, {QStringLiteral("CREATE TABLE b(y INTEGER)"), QStringLiteral("INSERT INTO b VALUES(1)")});
    const auto broken = migration(3, {QStringLiteral("CREATE TABLE c(z INTEGER)"), QStringLiteral("INSERT INTO a VALUES(1)"),
                                      QStringLiteral("INSERT INTO nosuchtable VALUES(1)")});
    Database db;
    QString error;
    QVERIFY(!db.open(dbPath(), {one, two, broken}, &error));
    QVERIFY2(error.contains(QLatin1String("migration 3")) && error.contains(QLatin1String("test migration 3"))
                 && error.contains(QLatin1String("nosuchtable")),
             qPrintable(error));
    QVERIFY(!db.isOpen());
    QCOMPARE(db.appliedVersions(), (QList<int>{1, 2})); // those before it stay applied

    // Nothing of migration 3 is left, neither its table nor its row.
    {
        RawSqlite raw(dbPath());
        QVERIFY(raw.ok());
        QCOMPARE(raw.value(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 2);
        QVERIFY(!raw.tables().contains(QLatin1String("c")));
        QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM a")).toInt(), 0);
        QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM b")).toInt(), 1);
    }
    // A fixed migration 3 applies on the next open.
    const auto fixed = migration(3, {QStringLiteral("CREATE TABLE c(z INTEGER)"), QStringLiteral("INSERT INTO a VALUES(1)")});
    QVERIFY2(db.open(dbPath(), {one, two, fixed}, &error), qPrintable(error));
    QCOMPARE(db.appliedVersions(), QList<int>{3});
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM a")).toInt(), 1);
}

void tst_Database::convertStepRunsInTheTransaction()
{
    // A migration's code step sees its statements' work, and its failure undoes them.
    const auto one = migration(1, {QStringLiteral("CREATE TABLE a(x INTEGER)")});
    auto failing = migration(2, {QStringLiteral("CREATE TABLE b(y INTEGER)")});
    failing.convert = [](QSqlDatabase db, QString *error) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("INSERT INTO b VALUES(7)")))
            return false;
        *error = QStringLiteral("conversion refused");
        return false;
    };
    Database db;
    QString error;
    QVERIFY(!db.open(dbPath(), {one, failing}, &error));
    QVERIFY2(error.contains(QLatin1String("conversion refused")), qPrintable(error));
    {
        RawSqlite raw(dbPath());
        QVERIFY(raw.ok());
        QVERIFY(!raw.tables().contains(QLatin1String("b")));
    }
    auto working = migration(2, {QStringLiteral("CREATE TABLE b(y INTEGER)")});
    working.convert = [](QSqlDatabase db, QString *error) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("INSERT INTO b VALUES(7)")))
            return true;
        *error = q.lastError().text();
        return false;
    };
    QVERIFY2(db.open(dbPath(), {one, working}, &error), qPrintable(error));
    QCOMPARE(scalar(db, QStringLiteral("SELECT y FROM b")).toInt(), 7);
}

void tst_Database::newerSchemaIsRefused()
{
    const auto one = migration(1, {QStringLiteral("CREATE TABLE a(x INTEGER)")});
    const auto two = migration(2, {QStringLiteral("CREATE TABLE b(y INTEGER)")});
    Database db;
    QVERIFY(db.open(dbPath(), {one, two}));
    db.close();
    QString error;
    QVERIFY(!db.open(dbPath(), {one}, &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    QVERIFY(!db.isOpen());
}

void tst_Database::unopenablePath()
{
    QFile plain(m_dir->filePath(QStringLiteral("plainfile")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    Database db;
    QString error;
    QVERIFY(!db.open(m_dir->filePath(QStringLiteral("plainfile/sub/switchboard.db")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!db.isOpen());
    QVERIFY(!db.connection().isValid());
}

void tst_Database::storesShareTheConnection()
{
    // Stores work on the Database's one connection: what a store writes in its transaction is
    // seen through it at once, by no other connection before the commit.
    Database db;
    QVERIFY(db.open(dbPath()));
    ChatStore chat(db);
    QVERIFY(db.connection().transaction());
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.sender = QStringLiteral("alice");
    m.text = QStringLiteral("in a transaction");
    QString error;
    QVERIFY(chat.append(&m, &error));
    QCOMPARE(chat.roomHistory(QStringLiteral("lobby"), 10).size(), 1);
    {
        RawSqlite other(dbPath());
        QCOMPARE(other.value(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
    }
    QVERIFY(db.connection().rollback());
    QCOMPARE(chat.roomHistory(QStringLiteral("lobby"), 10).size(), 0);
    QCOMPARE(QSqlDatabase::connectionNames().size(), 1);
}

void tst_Database::databaseUrls()
{
    DatabaseUrl url;
    QString error;
    QVERIFY(DatabaseUrl::parse(QStringLiteral("/var/lib/sb/switchboard.db"), &url, &error));
    QCOMPARE(url.kind(), DatabaseUrl::Kind::Sqlite);
    QCOMPARE(url.path(), QStringLiteral("/var/lib/sb/switchboard.db"));
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:rel/x.db"), &url, &error));
    QCOMPARE(url.path(), QStringLiteral("rel/x.db"));
    QVERIFY(DatabaseUrl::parse(QStringLiteral("postgresql://sb@db.example:6543/chat"), &url, &error));
    QVERIFY(url.isPostgreSql());
    QCOMPARE(url.user(), QStringLiteral("sb"));
    QCOMPARE(url.host(), QStringLiteral("db.example"));
    QCOMPARE(url.port(), quint16(6543));
    QCOMPARE(url.databaseName(), QStringLiteral("chat"));
    QCOMPARE(url.displayName(), QStringLiteral("postgresql://sb@db.example:6543/chat"));
    QVERIFY(DatabaseUrl::parse(QStringLiteral("postgres://127.0.0.1/chat"), &url, &error));
    QCOMPARE(url.port(), DatabaseUrl::DefaultPostgreSqlPort);
    QVERIFY(url.user().isEmpty());

    // Refused: a password in the URL, no database name, an unknown scheme.
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql://sb:secret@h/chat"), &url, &error));
    QVERIFY(error.contains(QLatin1String("password")));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql://sb@h:5432/"), &url, &error));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("mysql://sb@h/chat"), &url, &error));

    // The password: the file's first line, else the environment.
    QFile file(m_dir->filePath(QStringLiteral("pw")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("s3cret\nignored\n");
    file.close();
    qputenv(DatabaseUrl::PasswordVariable, "from-env");
    QVERIFY(DatabaseUrl::forServer(QStringLiteral("postgresql://sb@h/chat"), file.fileName(), QString(), &url, &error));
    QCOMPARE(url.password(), QStringLiteral("s3cret"));
    QVERIFY(DatabaseUrl::forServer(QStringLiteral("postgresql://sb@h/chat"), QString(), QString(), &url, &error));
    QCOMPARE(url.password(), QStringLiteral("from-env"));
    qunsetenv(DatabaseUrl::PasswordVariable);
    QVERIFY(!DatabaseUrl::forServer(QStringLiteral("postgresql://sb@h/chat"), m_dir->filePath(QStringLiteral("none")),
                                    QString(), &url, &error));
    QVERIFY(DatabaseUrl::forServer(QString(), QString(), QStringLiteral("/d/switchboard.db"), &url, &error));
    QCOMPARE(url.path(), QStringLiteral("/d/switchboard.db"));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
