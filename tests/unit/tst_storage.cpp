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
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>

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
        // What still runs on the event loop with this backend (docs/CLUSTER.md, "Storage"): the
        // login's user lookup and a history page, and one chat COMMIT (on the writer's thread for
        // PostgreSQL). Printed, not asserted beyond sanity: the machine decides the numbers.
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
        qInfo("%s: user lookup %.0f us, history page (50) %.0f us, one-message commit %.0f us",
              m_postgres ? "PostgreSQL" : "SQLite", lookupUs, historyUs, commitUs);
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
