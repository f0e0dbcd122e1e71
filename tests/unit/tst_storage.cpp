// The storage suite, run twice: on SQLite (a temporary file) and on PostgreSQL (a private
// server, tests/common/pgtestserver.h; skipped with its reason when PostgreSQL 15 or QtSql's
// QPSQL driver is missing). Every store on the one Database: users and verifiers, lockout
// (failed logins), device tokens, rooms/messages/history/search, private rooms, upload records;
// migrations fresh, re-opened and raced by two nodes; ids and timestamps from the database,
// ordered across two connections.

#include "net/auth/credentials.h"
#include "net/auth/devicetokens.h"
#include "net/auth/failedloginlog.h"
#include "net/auth/userstore.h"
#include "net/chat/chatstore.h"
#include "net/chat/privaterooms.h"
#include "net/storage/database.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"

#include "pgtestserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <tuple>

using namespace Switchboard;

namespace {

// `count` messages from alice to the lobby, all with this text.
QList<ChatMessage> lobbyBatch(int count, const QString &text)
{
    QList<ChatMessage> batch(count);
    for (ChatMessage &m : batch) {
        m.room = QStringLiteral("lobby");
        m.sender = QStringLiteral("alice");
        m.text = text;
    }
    return batch;
}

} // namespace

class tst_Storage : public QObject
{
    Q_OBJECT
public:
    explicit tst_Storage(bool postgres)
        : m_postgres(postgres)
    {
    }

private slots:
    void initTestCase()
    {
        if (!m_postgres)
            return;
        m_pg = std::make_unique<Test::PgTestServer>();
        if (!m_pg->skipReason().isEmpty())
            QSKIP(qPrintable(m_pg->skipReason()));
        QVERIFY2(m_pg->ok(), qPrintable(m_pg->error()));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_url = m_postgres ? m_pg->newDatabase() : m_dir->filePath(QStringLiteral("switchboard.db"));
        QVERIFY2(!m_url.isEmpty(), qPrintable(m_postgres ? m_pg->error() : QString()));
        m_db = std::make_unique<Database>();
        QString error;
        QVERIFY2(m_db->open(m_url, &error), qPrintable(error));
        QCOMPARE(m_db->dialect(), m_postgres ? Database::Dialect::PostgreSql : Database::Dialect::Sqlite);
    }
    void cleanup() { m_db.reset(); }
    void cleanupTestCase() { m_pg.reset(); }

    void migrationsFreshAndReopened()
    {
        const int newest = Database::migrations().constLast().version;
        QCOMPARE(m_db->schemaVersion(), newest);
        QCOMPARE(m_db->appliedVersions().size(), Database::migrations().size());
        QVERIFY(!m_db->wasBaselined());
        m_db->close();
        QString error;
        QVERIFY2(m_db->open(m_url, &error), qPrintable(error));
        QCOMPARE(m_db->schemaVersion(), newest);
        QVERIFY(m_db->appliedVersions().isEmpty());
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), Database::migrations().size());
    }

    void concurrentMigrationsApplyOnce()
    {
        // Two nodes start at once on a new database: each finishes with the whole schema, and
        // every migration was applied by exactly one of them.
        const QString url = m_postgres ? m_pg->newDatabase() : m_dir->filePath(QStringLiteral("race.db"));
        QList<int> applied[2];
        QString errors[2];
        bool ok[2] = {false, false};
        std::unique_ptr<QThread> threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i].reset(QThread::create([&, i] {
                Database db;
                ok[i] = db.open(url, &errors[i]);
                applied[i] = db.appliedVersions();
            }));
        }
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        QVERIFY2(ok[0], qPrintable(errors[0]));
        QVERIFY2(ok[1], qPrintable(errors[1]));
        QList<int> all = applied[0] + applied[1];
        std::sort(all.begin(), all.end());
        QList<int> expected;
        for (const Database::Migration &m : Database::migrations())
            expected.append(m.version);
        QCOMPARE(all, expected);
    }

    void usersAndVerifiers()
    {
        UserStore users(*m_db);
        const ScramVerifier alice = Credentials::deriveVerifier("alice-secret", 4096);
        QString error;
        QVERIFY2(users.addUser(QStringLiteral("alice"), alice, &error), qPrintable(error));
        QVERIFY(users.addUser(QStringLiteral("bob"), Credentials::deriveVerifier("bob-secret", 4096)));
        QVERIFY(!users.addUser(QStringLiteral("alice"), alice, &error));
        QCOMPARE(users.lastError(), UserStore::Error::UserExists);
        QVERIFY(!users.addUser(QStringLiteral("ALICE"), alice, &error)); // look-alike by name key
        QCOMPARE(users.lastError(), UserStore::Error::UserExists);
        QCOMPARE(users.verifier(QStringLiteral("alice")), std::optional<ScramVerifier>(alice)); // bytes intact
        QVERIFY(!users.verifier(QStringLiteral("nobody")));
        QCOMPARE(users.userCount(), 2);
        QStringList names = users.users();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QVERIFY(qAbs(users.created(QStringLiteral("bob")).secsTo(QDateTime::currentDateTimeUtc())) < 60);

        const ScramVerifier changed = Credentials::deriveVerifier("new", 4096);
        QVERIFY(users.setVerifier(QStringLiteral("alice"), changed));
        QCOMPARE(users.verifier(QStringLiteral("alice")), std::optional<ScramVerifier>(changed));
        QVERIFY(users.removeUser(QStringLiteral("bob")));
        QVERIFY(!users.contains(QStringLiteral("bob")));

        const QByteArray secret = users.serverSecret(&error);
        QVERIFY2(secret.size() >= 16, qPrintable(error));
        QCOMPARE(users.serverSecret(), secret); // kept, not rolled
    }

    void lockoutAndDeviceTokens()
    {
        FailedLoginLog log(*m_db);
        log.record(QStringLiteral("alice"), QStringLiteral("192.0.2.1"), 1000);
        log.record(QStringLiteral("alice"), QStringLiteral("192.0.2.7"), 2000);
        Protocol::FailedLogins f = log.peek(QStringLiteral("alice"));
        QCOMPARE(f.count, 2);
        QCOMPARE(f.lastMs, qint64(2000));
        QCOMPARE(f.lastFrom, QStringLiteral("192.0.2.7"));
        QCOMPARE(log.take(QStringLiteral("alice")).count, 2);
        QCOMPARE(log.peek(QStringLiteral("alice")).count, 0);

        DeviceTokens tokens(*m_db);
        const QString token = tokens.issue(QStringLiteral("alice"));
        QCOMPARE(token.size(), DeviceTokens::TokenChars);
        const QString key = tokens.validKey(QStringLiteral("alice"), token);
        QVERIFY(!key.isEmpty());
        QVERIFY(tokens.validKey(QStringLiteral("bob"), token).isEmpty());
        tokens.markUsed(key);
        for (int i = 0; i < DeviceTokens::MaxPerUser + 2; ++i)
            QVERIFY(!tokens.issue(QStringLiteral("alice")).isEmpty());
        QCOMPARE(tokens.count(QStringLiteral("alice")), DeviceTokens::MaxPerUser); // oldest dropped
        QVERIFY(tokens.revokeAll(QStringLiteral("alice")));
        QCOMPARE(tokens.count(QStringLiteral("alice")), 0);
    }

    void messagesHistoryAndSearch()
    {
        ChatStore store(*m_db);
        QList<ChatMessage> batch;
        for (int i = 0; i < 5; ++i) {
            ChatMessage m;
            m.room = QStringLiteral("lobby");
            m.sender = QStringLiteral("alice");
            m.text = QStringLiteral("line %1%2").arg(i).arg(i == 3 ? QStringLiteral(" 50%_Off") : QString());
            batch.append(m);
        }
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QString error;
        QVERIFY2(store.appendAll(&batch, &error), qPrintable(error));
        for (qsizetype i = 0; i < batch.size(); ++i) {
            QVERIFY(batch.at(i).id > (i ? batch.at(i - 1).id : 0));
            // The database's clock (the same machine here).
            QVERIFY(qAbs(batch.at(i).timestampMs - before) < 60000);
        }
        ChatMessage dm;
        dm.sender = QStringLiteral("alice");
        dm.recipient = QStringLiteral("bob");
        dm.text = QStringLiteral("psst");
        QVERIFY(store.append(&dm, &error));
        QCOMPARE(store.lastMessageId(), dm.id);

        const QList<ChatMessage> last3 = store.roomHistory(QStringLiteral("lobby"), 3);
        QCOMPARE(last3.size(), 3);
        QCOMPARE(last3.first().id, batch.at(2).id); // oldest first
        QCOMPARE(last3.last().text, QStringLiteral("line 4"));
        QCOMPARE(last3.last().timestampMs, batch.at(4).timestampMs);
        QCOMPARE(store.roomHistory(QStringLiteral("lobby"), 10, batch.at(2).id).size(), 2);
        QCOMPARE(store.roomHistorySince(QStringLiteral("lobby"), batch.at(1).id, 10).size(), 3);
        QCOMPARE(store.privateHistory(QStringLiteral("bob"), QStringLiteral("alice"), 10).size(), 1);
        QVERIFY(store.roomHistory(QStringLiteral("elsewhere"), 10).isEmpty());

        // % and _ literally; ASCII letters case-insensitively.
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), 0, QStringLiteral("50%_off"), 10).size(), 1);
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), 0, QStringLiteral("0%"), 10).size(), 1);
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), 0, QStringLiteral("LINE"), 10).size(), 5);
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), batch.at(3).id, QStringLiteral("line"), 10).size(), 1);
        QCOMPARE(store.searchPrivate(QStringLiteral("bob"), QStringLiteral("alice"), QStringLiteral("SS"), 10).size(), 1);

        FileInfo file;
        file.id = 42;
        file.name = QStringLiteral("a.txt");
        file.size = 3;
        file.hash = Xxh3Hasher::hash("abc");
        file.owner = QStringLiteral("alice");
        file.room = QStringLiteral("lobby");
        file.created = QDateTime::currentDateTimeUtc();
        ChatMessage announce;
        announce.room = QStringLiteral("lobby");
        announce.sender = QStringLiteral("alice");
        announce.file = file;
        announce.text = QStringLiteral("");
        QVERIFY2(store.append(&announce, &error), qPrintable(error));
        QCOMPARE(store.fileMessageId(QStringLiteral("lobby"), 42), announce.id);
        QCOMPARE(store.fileMessageId(QStringLiteral("lobby"), 4), qint64(0));
        QCOMPARE(store.announcedFiles(), QSet<qint64>{42});
        QCOMPARE(store.roomHistory(QStringLiteral("lobby"), 1).first().file.id, qint64(42));
    }

    void searchThroughTheIndex()
    {
        // Migration 8 made the trigram index here (FTS5 on SQLite, pg_trgm on PostgreSQL 15):
        // queries of 3+ characters go through it, shorter ones scan; the results are LIKE's.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(m_postgres ? QStringLiteral("SELECT 1 FROM pg_indexes WHERE indexname = 'messages_text_trgm'")
                                  : QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'messages_fts'")));
        QVERIFY(q.next());
        q.finish();
        ChatStore store(*m_db);
        QList<ChatMessage> batch;
        for (const char *t : {"你好世界，今天开会", "Release notes 50%_off", "release 500 off", "C:\\temp\\x",
                              "say \"quoted\" words", "\xc3\x89lan vital"})
            batch.append(lobbyBatch(1, QString::fromUtf8(t)));
        for (int i = 1; i <= 10; ++i)
            batch.append(lobbyBatch(1, QStringLiteral("page %1 apple").arg(i)));
        for (const auto &[from, to, text] : {std::tuple{"alice", "bob", "secret lunch plan"}, {"bob", "alice", "LUNCH at noon"},
                                             {"carol", "alice", "lunch too"}}) {
            ChatMessage m;
            m.sender = QString::fromLatin1(from);
            m.recipient = QString::fromLatin1(to);
            m.text = QString::fromLatin1(text);
            batch.append(m);
        }
        QString error;
        QVERIFY2(store.appendAll(&batch, &error), qPrintable(error));
        const auto texts = [&](const QString &text, qint64 afterId = 0, qint64 beforeId = 0, int limit = 50) {
            QStringList out;
            for (const ChatMessage &m : store.searchRoom(QStringLiteral("lobby"), afterId, text, limit, beforeId))
                out.append(m.text);
            return out;
        };
        const QString chinese = QString::fromUtf8("你好世界，今天开会");
        QCOMPARE(texts(QString::fromUtf8("你好世")), QStringList{chinese});
        QCOMPARE(texts(QString::fromUtf8("今天开会")), QStringList{chinese});
        QCOMPARE(texts(QString::fromUtf8("好世")), QStringList{chinese}); // 2 characters: the scan
        QVERIFY(texts(QString::fromUtf8("世界今天")).isEmpty());
        // % _ \ and " literally, through the index as through the scan.
        QCOMPARE(texts(QStringLiteral("50%_off")), QStringList{QStringLiteral("Release notes 50%_off")});
        QCOMPARE(texts(QStringLiteral("0%_")), QStringList{QStringLiteral("Release notes 50%_off")});
        QCOMPARE(texts(QStringLiteral("0%")), QStringList{QStringLiteral("Release notes 50%_off")});
        QCOMPARE(texts(QStringLiteral(":\\te")), QStringList{QStringLiteral("C:\\temp\\x")});
        QCOMPARE(texts(QStringLiteral("\"quoted\"")), QStringList{QStringLiteral("say \"quoted\" words")});
        QCOMPARE(texts(QStringLiteral("\"q")), QStringList{QStringLiteral("say \"quoted\" words")});
        QCOMPARE(texts(QStringLiteral("RELEASE")).size(), 2);
        if (!m_postgres) // SQLite's LIKE folds ASCII only, although the trigram index folds every letter
            QVERIFY(texts(QString::fromUtf8("\xc3\xa9lan")).isEmpty());
        QCOMPARE(texts(QString::fromUtf8("\xc3\x89lan")).size(), 1);

        // Pages, newest first, with before and after.
        QCOMPARE(texts(QStringLiteral("APPLE"), 0, 0, 3),
                 (QStringList{QStringLiteral("page 8 apple"), QStringLiteral("page 9 apple"), QStringLiteral("page 10 apple")}));
        const qint64 page8 = batch.at(6 + 7).id;
        QCOMPARE(texts(QStringLiteral("apple"), 0, page8, 2), (QStringList{QStringLiteral("page 6 apple"), QStringLiteral("page 7 apple")}));
        QCOMPARE(texts(QStringLiteral("apple"), batch.at(6 + 4).id, page8, 50),
                 (QStringList{QStringLiteral("page 6 apple"), QStringLiteral("page 7 apple")}));
        QCOMPARE(texts(QStringLiteral("pp"), 0, page8, 1), QStringList{QStringLiteral("page 7 apple")});

        // Private chats: the two users' messages only, either way round.
        QCOMPARE(store.searchPrivate(QStringLiteral("bob"), QStringLiteral("alice"), QStringLiteral("lunch"), 10).size(), 2);
        QCOMPARE(store.searchPrivate(QStringLiteral("alice"), QStringLiteral("carol"), QStringLiteral("LUNCH"), 10).size(), 1);
        QVERIFY(store.searchPrivate(QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("lunch"), 10).isEmpty());
        QVERIFY(texts(QStringLiteral("lunch")).isEmpty());

        // The index follows changed and deleted rows (SQLite: its triggers).
        QVERIFY(q.exec(QStringLiteral("UPDATE messages SET text = 'kiwi pie' WHERE id = %1").arg(batch.at(2).id)));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE id = %1").arg(batch.at(1).id)));
        QCOMPARE(texts(QStringLiteral("kiwi")), QStringList{QStringLiteral("kiwi pie")});
        QVERIFY(texts(QStringLiteral("release")).isEmpty());
    }

    void migrationIndexesStoredMessages()
    {
        // A database of schema 7 with history: migration 8 indexes what is already there.
        const QString url = m_postgres ? m_pg->newDatabase() : m_dir->filePath(QStringLiteral("v7.db"));
        QString error;
        {
            Database old;
            QVERIFY2(old.open(url, Database::migrations().mid(0, 7), &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), 7);
            ChatStore store(old);
            QList<ChatMessage> batch = lobbyBatch(3, QStringLiteral("stored before the index"));
            QVERIFY2(store.appendAll(&batch, &error), qPrintable(error));
        }
        Database db;
        QVERIFY2(db.open(url, &error), qPrintable(error));
        QCOMPARE(db.appliedVersions(), QList<int>{8});
        ChatStore store(db);
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), 0, QStringLiteral("BEFORE the"), 10).size(), 3);
        QList<ChatMessage> more = lobbyBatch(1, QStringLiteral("stored after"));
        QVERIFY2(store.appendAll(&more, &error), qPrintable(error));
        QCOMPARE(store.searchRoom(QStringLiteral("lobby"), 0, QStringLiteral("stored"), 10).size(), 4);
    }

    void searchCostAt100k()
    {
        // docs/BENCHMARKS.md "History search": history.search on 100,000 messages through the
        // trigram index, then with the index dropped (what every search did before migration 8).
        // Slow to fill: only when asked.
        if (qEnvironmentVariableIntValue("SWITCHBOARD_SEARCH_BENCH") != 1)
            QSKIP("set SWITCHBOARD_SEARCH_BENCH=1 to measure");
        const QStringList words = QString::fromUtf8("the release notes lunch meeting build server client window network "
                                                    "packet capture frame chat room file upload quick brown fox 你好 世界 今天 会议")
                                      .split(QLatin1Char(' '));
        const QStringList rooms{QStringLiteral("lobby"), QStringLiteral("dev"), QStringLiteral("random"), QStringLiteral("ops")};
        ChatStore store(*m_db);
        QRandomGenerator random(12);
        QString error;
        for (int b = 0; b < 100; ++b) {
            QList<ChatMessage> batch(1000);
            for (int i = 0; i < batch.size(); ++i) {
                ChatMessage &m = batch[i];
                m.room = rooms.at(random.bounded(int(rooms.size())));
                m.sender = QStringLiteral("alice");
                QStringList text;
                for (int w = random.bounded(3, 20); w > 0; --w)
                    text.append(words.at(random.bounded(int(words.size()))));
                if ((b * 1000 + i) % 5000 == 0)
                    text.append(QStringLiteral("zebracorn")); // 20 in all, ~5 per room
                m.text = text.join(QLatin1Char(' '));
            }
            QVERIFY2(store.appendAll(&batch, &error), qPrintable(error));
        }
        QSqlQuery q(m_db->connection());
        // The statistics autovacuum gathers after such a load (it may not have run yet): without
        // them PostgreSQL's planner cannot tell a rare pattern (the GIN index) from a common one
        // (walking the room newest first until 51 match).
        if (m_postgres)
            QVERIFY2(q.exec(QStringLiteral("ANALYZE messages")), qPrintable(q.lastError().text()));
        const auto measure = [&](const QString &text, int *found) {
            constexpr int Rounds = 10;
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < Rounds; ++i)
                *found = int(store.searchRoom(QStringLiteral("lobby"), 0, text, 51).size());
            return t.nsecsElapsed() / 1e6 / Rounds;
        };
        const QStringList queries{QStringLiteral("zebracorn"), QStringLiteral("release notes"), QString::fromUtf8("今天 会议"),
                                  QStringLiteral("no such words")};
        QList<int> indexedFound;
        QStringList lines;
        for (const QString &query : queries) {
            int found = 0;
            const double ms = measure(query, &found);
            indexedFound.append(found);
            lines.append(QStringLiteral("%1: %2 ms (%3)").arg(query).arg(ms, 0, 'f', 2).arg(found));
        }
        const QStringList drops = m_postgres ? QStringList{QStringLiteral("DROP INDEX messages_text_trgm")}
                                             : QStringList{QStringLiteral("DROP TRIGGER messages_fts_insert"),
                                                           QStringLiteral("DROP TRIGGER messages_fts_delete"),
                                                           QStringLiteral("DROP TRIGGER messages_fts_update"),
                                                           QStringLiteral("DROP TABLE messages_fts")};
        for (const QString &drop : drops)
            QVERIFY2(q.exec(drop), qPrintable(q.lastError().text()));
        for (qsizetype i = 0; i < queries.size(); ++i) {
            int found = 0;
            const double ms = measure(queries.at(i), &found);
            QCOMPARE(found, indexedFound.at(i)); // the same matches with and without the index
            lines[i] += QStringLiteral(", without the index %1 ms").arg(ms, 0, 'f', 2);
        }
        qInfo("%s, 100,000 messages, history.search in one room (limit 51):\n  %s", m_postgres ? "PostgreSQL" : "SQLite",
              qPrintable(lines.join(QStringLiteral("\n  "))));
    }

    void failedBatchStoresNothing()
    {
        // Two messages with one text: the second insert breaks a unique index, after the first went in.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("CREATE UNIQUE INDEX one_text ON messages(text)")));
        ChatStore store(*m_db);
        QList<ChatMessage> batch = lobbyBatch(2, QStringLiteral("twice"));
        QString error;
        QVERIFY(!store.appendAll(&batch, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(batch.at(0).id, qint64(0));
        QVERIFY(store.roomHistory(QStringLiteral("lobby"), 10).isEmpty());
        // The connection is usable afterwards (PostgreSQL aborts a transaction on an error).
        ChatMessage m = batch.at(0);
        QVERIFY2(store.append(&m, &error), qPrintable(error));
        QVERIFY(m.id > 0);
    }

    void idsOrderedAcrossConnections()
    {
        // Two nodes (two connections) writing in turn: ids unique and increasing in commit order,
        // timestamps never going back.
        Database other;
        QString error;
        QVERIFY2(other.open(m_url, &error), qPrintable(error));
        QVERIFY(other.appliedVersions().isEmpty());
        ChatStore a(*m_db);
        ChatStore b(other);
        QList<ChatMessage> stored;
        for (int i = 0; i < 20; ++i) {
            ChatMessage m;
            m.room = QStringLiteral("lobby");
            m.sender = QStringLiteral("n%1").arg(i % 2);
            m.text = QString::number(i);
            QVERIFY2((i % 2 ? b : a).append(&m, &error), qPrintable(error));
            stored.append(m);
        }
        for (qsizetype i = 1; i < stored.size(); ++i) {
            QVERIFY(stored.at(i).id > stored.at(i - 1).id);
            QVERIFY(stored.at(i).timestampMs >= stored.at(i - 1).timestampMs);
        }
        const QList<ChatMessage> seenByA = a.roomHistory(QStringLiteral("lobby"), 50);
        const QList<ChatMessage> seenByB = b.roomHistory(QStringLiteral("lobby"), 50);
        QCOMPARE(seenByA.size(), 20);
        QCOMPARE(seenByB.size(), 20);
        for (qsizetype i = 0; i < 20; ++i) {
            QCOMPARE(seenByA.at(i).id, stored.at(i).id);
            QCOMPARE(seenByB.at(i).text, stored.at(i).text);
        }
    }

    void privateRooms()
    {
        PrivateRooms rooms(*m_db);
        QString error;
        QVERIFY2(rooms.load(&error), qPrintable(error));
        QVERIFY2(rooms.create(QStringLiteral("secret"), QStringLiteral("alice"), 7, &error), qPrintable(error));
        QVERIFY(rooms.add(QStringLiteral("secret"), QStringLiteral("bob"), PrivateRooms::Access{9, 1234}, &error));
        QVERIFY(rooms.add(QStringLiteral("secret"), QStringLiteral("carol"), PrivateRooms::Access{10, 1300}, &error));
        QVERIFY(rooms.remove(QStringLiteral("secret"), QStringLiteral("carol"), &error));

        PrivateRooms reloaded(*m_db); // what another node or a restart reads
        QVERIFY2(reloaded.load(&error), qPrintable(error));
        QVERIFY(reloaded.contains(QStringLiteral("secret")));
        QCOMPARE(reloaded.owner(QStringLiteral("secret")), QStringLiteral("alice"));
        QCOMPARE(reloaded.members(QStringLiteral("secret")), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(reloaded.access(QStringLiteral("bob"), QStringLiteral("secret")).visibleAfter, qint64(9));
        QCOMPARE(reloaded.access(QStringLiteral("bob"), QStringLiteral("secret")).sinceMs, qint64(1234));
        QCOMPARE(reloaded.roomsOf(QStringLiteral("bob")), QStringList{QStringLiteral("secret")});

        // The owner leaves the service: the room passes to bob; bob leaving too deletes it.
        QVERIFY2(reloaded.forgetUser(QStringLiteral("alice"), &error), qPrintable(error));
        QCOMPARE(reloaded.owner(QStringLiteral("secret")), QStringLiteral("bob"));
        QVERIFY(reloaded.forgetUser(QStringLiteral("bob"), &error));
        PrivateRooms again(*m_db);
        QVERIFY(again.load(&error));
        QVERIFY(!again.contains(QStringLiteral("secret")));
    }

    void uploadRecords()
    {
        UploadStore uploads(*m_db);
        TransferConfig config;
        config.dataDir = m_dir->filePath(QStringLiteral("data"));
        config.minFreeSpace = 0;
        QString error;
        QVERIFY2(uploads.prepare(config, &error), qPrintable(error));
        const QByteArray data(100000, 'z');
        UploadStore::Offer offer;
        offer.owner = QStringLiteral("alice");
        offer.name = QStringLiteral("z.bin");
        offer.size = data.size();
        offer.hash = Xxh3Hasher::hash(data);
        offer.room = QStringLiteral("lobby");
        UploadStore::Ticket ticket;
        TransferError terror;
        QVERIFY2(uploads.begin(offer, &ticket, &terror), qPrintable(terror.message));
        QVERIFY(ticket.upload > 0);
        QCOMPARE(uploads.usage(QStringLiteral("alice")), qint64(data.size())); // reserved
        UploadStore::Ticket second;
        UploadStore::Offer other = offer;
        other.name = QStringLiteral("y.bin");
        QVERIFY(uploads.begin(other, &second, &terror));
        QVERIFY(second.upload > ticket.upload); // from the database's sequence
        uploads.cancel(second.upload);

        QVERIFY(uploads.write(ticket.upload, 0, data, &terror));
        FileInfo stored;
        QString failure = QStringLiteral("pending");
        uploads.finish(ticket.upload, [&](const FileInfo &f, const TransferError &e) {
            stored = f;
            failure = e.message;
        });
        QTRY_VERIFY_WITH_TIMEOUT(failure != QLatin1String("pending"), 20000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(stored.id, ticket.upload);
        QCOMPARE(uploads.file(stored.id).size, qint64(data.size()));
        QCOMPARE(uploads.file(stored.id).name, QStringLiteral("z.bin"));
        QCOMPARE(uploads.files().size(), 1);
        QCOMPARE(uploads.usage(QStringLiteral("alice")), qint64(data.size()));
    }

    void eventLoopCosts()
    {
        // What runs on the event loop with SQLite and on a database thread with PostgreSQL
        // (docs/CLUSTER.md, "Storage"): the login's user lookup, a history page, one chat COMMIT
        // (the writer's thread) and a registration. Printed, not asserted beyond sanity: the machine decides the numbers.
        UserStore users(*m_db);
        QVERIFY(users.addUser(QStringLiteral("alice"), Credentials::deriveVerifier("pw", 4096)));
        ChatStore store(*m_db);
        QList<ChatMessage> many = lobbyBatch(200, QStringLiteral("some text"));
        QString error;
        QVERIFY2(store.appendAll(&many, &error), qPrintable(error));
        constexpr int Rounds = 300;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < Rounds; ++i)
            QVERIFY(users.verifier(QStringLiteral("alice")));
        const double lookupUs = t.nsecsElapsed() / 1000.0 / Rounds;
        t.restart();
        for (int i = 0; i < Rounds; ++i)
            QCOMPARE(store.roomHistory(QStringLiteral("lobby"), 50).size(), 50);
        const double historyUs = t.nsecsElapsed() / 1000.0 / Rounds;
        t.restart();
        for (int i = 0; i < Rounds; ++i) {
            QList<ChatMessage> one{many.first()};
            QVERIFY(store.appendAll(&one, &error));
        }
        const double commitUs = t.nsecsElapsed() / 1000.0 / Rounds;
        // A registration's statements (the --max-users count, the look-alike check and insert).
        const ScramVerifier v = Credentials::deriveVerifier("pw", 4096);
        constexpr int Registrations = 50;
        t.restart();
        for (int i = 0; i < Registrations; ++i) {
            QVERIFY(users.userCount() > 0);
            QVERIFY(users.addUser(QStringLiteral("user%1").arg(i), v));
        }
        const double registerUs = t.nsecsElapsed() / 1000.0 / Registrations;
        qInfo("%s: user lookup %.0f us, history page (50) %.0f us, one-message commit %.0f us, registration %.0f us",
              m_postgres ? "PostgreSQL" : "SQLite", lookupUs, historyUs, commitUs, registerUs);
    }

private:
    bool m_postgres;
    std::unique_ptr<Test::PgTestServer> m_pg;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    QString m_url;
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failed = 0;
    for (const bool postgres : {false, true}) {
        qInfo("=== backend: %s ===", postgres ? "PostgreSQL" : "SQLite");
        tst_Storage test(postgres);
        failed += QTest::qExec(&test, argc, argv);
    }
    return failed;
}

#include "tst_storage.moc"
