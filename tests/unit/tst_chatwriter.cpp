// ChatWriter: group commit of chat messages. Messages of one event-loop pass share one
// transaction; each callback (where ChatService acknowledges) runs only after its transaction
// committed, which a second, independent connection confirms; a failing transaction answers every
// message of the batch with an error and stores none of them. Through a real ChatServer: pipelined
// chat.send frames are acknowledged in order, each already stored when its chat.ack arrives.
// The same on a database thread (startThread: PostgreSQL's mode): callbacks on the writer's thread
// after the commit, in order, and flush() waits for them.

#include "net/chat/chatservice.h"
#include "net/chat/chatstore.h"
#include "net/chat/chatwriter.h"
#include "net/server/chatserver.h"
#include "net/storage/database.h"
#include "testlogin.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int LongWait = 10000;

// What a callback saw.
struct Outcome
{
    qint64 id = 0;
    QString error;
    qint64 visibleElsewhere = -1; // rows with that id seen by a second connection, at callback time
};

} // namespace

class tst_ChatWriter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatWriter> m_writer;
    QString m_rawName;
    QList<Outcome> m_outcomes;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("switchboard.db")); }

    // A second connection to the same file: it sees only committed rows.
    qint64 countElsewhere(const QString &where = QStringLiteral("1"), qint64 id = 0)
    {
        QSqlQuery q(QSqlDatabase::database(m_rawName));
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE ") + where);
        if (id)
            q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }

    void submit(const QString &text)
    {
        ChatMessage m;
        m.sender = QStringLiteral("alice");
        m.room = QStringLiteral("lobby");
        m.text = text;
        m_writer->submit(m, [this](const ChatMessage &stored, const QString &error) {
            m_outcomes.append({stored.id, error, countElsewhere(QStringLiteral("id = ?"), stored.id)});
        });
    }

    bool execOnServerConnection(const QString &sql)
    {
        QSqlQuery q(m_database->connection());
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.isActive() || q.lastError().type() == QSqlError::NoError;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_database = std::make_unique<Database>();
        QString error;
        QVERIFY2(m_database->open(dbPath(), &error), qPrintable(error));
        m_store = std::make_unique<ChatStore>(*m_database);
        m_writer = std::make_unique<ChatWriter>(m_store.get());
        static int count = 0;
        m_rawName = QStringLiteral("chatwriter-raw-%1").arg(++count);
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_rawName);
        raw.setDatabaseName(dbPath());
        QVERIFY(raw.open());
        m_outcomes.clear();
    }

    void cleanup()
    {
        m_writer.reset();
        m_store.reset();
        m_database.reset();
        QSqlDatabase::database(m_rawName, false).close();
        QSqlDatabase::removeDatabase(m_rawName);
        m_dir.reset();
    }

    void onePassOneTransaction();
    void maxBatchCommitsAtOnce();
    void callbackOnlyAfterCommit();
    void failedCommitFailsTheWholeBatch();
    void failedInsertFailsTheWholeBatch();
    void windowWaitsForMore();
    void serverAcksAfterCommit_data();
    void serverAcksAfterCommit();
    void threadedCommitsOffTheLoop();
    void threadedFlushWaits();
    void knownKeyStoresNothing();
};

void tst_ChatWriter::knownKeyStoresNothing()
{
    // Keyed sends: the same key twice in one batch, again in a later batch, and the same key from
    // another sender. Each repeat gets the first message's id and time and stores nothing.
    struct Keyed
    {
        qint64 id = 0;
        qint64 ts = 0;
        bool repeated = false;
    };
    QList<Keyed> seen;
    auto send = [&](const QString &sender, const QString &key) {
        ChatMessage m;
        m.sender = sender;
        m.room = QStringLiteral("lobby");
        m.text = QStringLiteral("keyed");
        m_writer->submit(m, key, [&seen](const ChatMessage &stored, bool repeated, const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            seen.append({stored.id, stored.timestampMs, repeated});
        });
    };
    send(QStringLiteral("alice"), QStringLiteral("k1"));
    send(QStringLiteral("alice"), QStringLiteral("k1"));
    send(QStringLiteral("bob"), QStringLiteral("k1"));
    send(QStringLiteral("alice"), QString()); // no key: never a repeat
    m_writer->flush();
    QCOMPARE(m_writer->batchesCommitted(), 1);
    QCOMPARE(seen.size(), 4);
    QVERIFY(!seen.at(0).repeated);
    QVERIFY(seen.at(1).repeated);
    QCOMPARE(seen.at(1).id, seen.at(0).id);
    QCOMPARE(seen.at(1).ts, seen.at(0).ts);
    QVERIFY(!seen.at(2).repeated);
    QVERIFY(seen.at(2).id != seen.at(0).id);
    QVERIFY(!seen.at(3).repeated);
    send(QStringLiteral("alice"), QStringLiteral("k1"));
    send(QStringLiteral("alice"), QString());
    m_writer->flush();
    QCOMPARE(seen.size(), 6);
    QVERIFY(seen.at(4).repeated);
    QCOMPARE(seen.at(4).id, seen.at(0).id);
    QCOMPARE(countElsewhere(QStringLiteral("text = 'keyed'")), 4); // alice k1, bob k1, two without a key
}

void tst_ChatWriter::onePassOneTransaction()
{
    for (int i = 0; i < 20; ++i)
        submit(QStringLiteral("message %1").arg(i));
    // Nothing is written (nor answered) while the pass that submitted is still running.
    QCOMPARE(m_outcomes.size(), 0);
    QCOMPARE(m_writer->pending(), 20);
    QCOMPARE(countElsewhere(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 20, LongWait);
    QCOMPARE(m_writer->batchesCommitted(), 1);
    QCOMPARE(m_writer->messagesCommitted(), 20);
    qint64 previous = 0;
    for (const Outcome &o : std::as_const(m_outcomes)) {
        QVERIFY(o.error.isEmpty());
        QVERIFY(o.id > previous); // submission order is id order
        previous = o.id;
    }
    QCOMPARE(m_store->roomHistory(QStringLiteral("lobby"), 50).size(), 20);
}

void tst_ChatWriter::maxBatchCommitsAtOnce()
{
    m_writer->setMaxBatch(8);
    for (int i = 0; i < 20; ++i)
        submit(QStringLiteral("message %1").arg(i));
    // Two full batches went at once; the last four wait for the end of the pass.
    QCOMPARE(m_outcomes.size(), 16);
    QCOMPARE(m_writer->batchesCommitted(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 20, LongWait);
    QCOMPARE(m_writer->batchesCommitted(), 3);
}

void tst_ChatWriter::callbackOnlyAfterCommit()
{
    for (int i = 0; i < 5; ++i)
        submit(QStringLiteral("message %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 5, LongWait);
    // Every callback found its own row already committed: another connection saw it.
    for (const Outcome &o : std::as_const(m_outcomes)) {
        QVERIFY(o.error.isEmpty());
        QCOMPARE(o.visibleElsewhere, 1);
    }
}

void tst_ChatWriter::failedCommitFailsTheWholeBatch()
{
    // A deferred foreign key makes the COMMIT itself fail when a message says "boom".
    QVERIFY(execOnServerConnection(QStringLiteral("CREATE TABLE parent(id INTEGER PRIMARY KEY)")));
    QVERIFY(execOnServerConnection(
        QStringLiteral("CREATE TABLE child(pid INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")));
    QVERIFY(execOnServerConnection(QStringLiteral("CREATE TRIGGER boom AFTER INSERT ON messages WHEN NEW.text = 'boom' "
                                                  "BEGIN INSERT INTO child(pid) VALUES(42); END")));
    submit(QStringLiteral("first"));
    submit(QStringLiteral("boom"));
    submit(QStringLiteral("third"));
    QSignalSpy written(m_writer.get(), &ChatWriter::batchWritten);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 3, LongWait);
    for (const Outcome &o : std::as_const(m_outcomes)) {
        QVERIFY2(o.error.contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive), qPrintable(o.error));
        QCOMPARE(o.id, 0); // none acknowledged
    }
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.first().at(0).toInt(), 3);
    QVERIFY(!written.first().at(1).toString().isEmpty());
    QCOMPARE(m_writer->batchesCommitted(), 0);
    QCOMPARE(countElsewhere(), 0);
    QCOMPARE(m_store->roomHistory(QStringLiteral("lobby"), 50).size(), 0);

    // The transaction was rolled back: the next batch is stored normally.
    m_outcomes.clear();
    submit(QStringLiteral("after"));
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 1, LongWait);
    QVERIFY2(m_outcomes.first().error.isEmpty(), qPrintable(m_outcomes.first().error));
    QCOMPARE(m_outcomes.first().visibleElsewhere, 1);
    QCOMPARE(countElsewhere(), 1);
}

void tst_ChatWriter::failedInsertFailsTheWholeBatch()
{
    QVERIFY(execOnServerConnection(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.text = "
                                                  "'refuse' BEGIN SELECT RAISE(ABORT, 'refused'); END")));
    submit(QStringLiteral("first"));
    submit(QStringLiteral("refuse"));
    submit(QStringLiteral("third"));
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 3, LongWait);
    for (const Outcome &o : std::as_const(m_outcomes)) {
        QVERIFY(!o.error.isEmpty());
        QCOMPARE(o.id, 0);
    }
    // "first" had been inserted before the failure: rolled back with the rest.
    QCOMPARE(countElsewhere(), 0);
    QCOMPARE(m_store->roomHistory(QStringLiteral("lobby"), 50).size(), 0);
}

void tst_ChatWriter::windowWaitsForMore()
{
    // With a window, messages submitted over several event-loop passes share a transaction.
    m_writer->setWindow(300);
    submit(QStringLiteral("one"));
    QTimer::singleShot(20, this, [this] { submit(QStringLiteral("two")); });
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 2, LongWait);
    QCOMPARE(m_writer->batchesCommitted(), 1);
}

void tst_ChatWriter::serverAcksAfterCommit_data()
{
    QTest::addColumn<bool>("threaded");
    QTest::newRow("event loop") << false;
    QTest::newRow("database thread") << true;
}

void tst_ChatWriter::threadedCommitsOffTheLoop()
{
    QString error;
    QVERIFY2(m_writer->startThread(*m_database, &error), qPrintable(error));
    QVERIFY(m_writer->isThreaded());
    for (int i = 0; i < 20; ++i)
        submit(QStringLiteral("m%1").arg(i));
    QCoreApplication::processEvents(); // the batch goes to the thread; callbacks come back later
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 20, LongWait);
    qint64 previous = 0;
    for (const Outcome &o : std::as_const(m_outcomes)) {
        QVERIFY(o.error.isEmpty());
        QCOMPARE(o.visibleElsewhere, 1); // committed before the callback
        QVERIFY(o.id > previous);
        previous = o.id;
    }
    QCOMPARE(m_writer->messagesCommitted(), 20);
    QVERIFY(m_writer->batchesCommitted() <= 2);
}

void tst_ChatWriter::threadedFlushWaits()
{
    QString error;
    QVERIFY2(m_writer->startThread(*m_database, &error), qPrintable(error));
    m_writer->setMaxBatch(4);
    for (int i = 0; i < 10; ++i)
        submit(QStringLiteral("m%1").arg(i));
    m_writer->flush(); // blocks until every callback ran, here
    QCOMPARE(m_outcomes.size(), 10);
    QCOMPARE(m_writer->pending(), 0);
    QCOMPARE(m_writer->batchesCommitted(), 3); // 4 + 4 + 2, in order
    for (qsizetype i = 1; i < m_outcomes.size(); ++i)
        QVERIFY(m_outcomes.at(i).id > m_outcomes.at(i - 1).id);
    QCOMPARE(countElsewhere(), 10);
}

void tst_ChatWriter::serverAcksAfterCommit()
{
    QFETCH(bool, threaded);
    ChatServer server;
    server.setIdleTimeout(0);
    Test::installTrustLogin(server);
    ChatService chat(&server, m_store.get(), nullptr);
    QString error;
    if (threaded)
        QVERIFY2(chat.writer()->startThread(*m_database, &error), qPrintable(error));
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));

    ChatClient client;
    client.setKeepaliveInterval(0);
    QSignalSpy ready(&client, &ChatClient::ready);
    client.connectToServer(QStringLiteral("127.0.0.1"), server.listeners().first().port);
    QVERIFY(ready.wait(LongWait));
    QVERIFY(Test::trustLogIn(client, QStringLiteral("alice"), LongWait).ok());
    QVERIFY(Test::ask<RoomJoined>(client, RoomJoin{0, ChatService::DefaultRoom}, LongWait).ok());

    // Pipelined: all written before the first ack can arrive.
    constexpr int Count = 30;
    QList<qint64> acked;
    QList<qint64> seenElsewhere;
    for (int i = 0; i < Count; ++i) {
        client.request<ChatAck>(ChatSend{0, ChatService::DefaultRoom, QString(), QStringLiteral("m%1").arg(i)}, this,
                                [&](const ChatAck &ack, const Frame &) {
                                    acked.append(ack.msg);
                                    seenElsewhere.append(countElsewhere(QStringLiteral("id = ?"), ack.msg));
                                },
                                [&](const Error &e) { QFAIL(qPrintable(e.message)); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), Count, LongWait);
    for (int i = 0; i < Count; ++i) {
        QCOMPARE(seenElsewhere.at(i), 1); // stored before acknowledged
        if (i > 0)
            QVERIFY(acked.at(i) > acked.at(i - 1)); // in order
    }
    QVERIFY2(chat.writer()->batchesCommitted() < Count,
             qPrintable(QStringLiteral("%1 transactions for %2 messages").arg(chat.writer()->batchesCommitted()).arg(Count)));
}

QTEST_GUILESS_MAIN(tst_ChatWriter)
#include "tst_chatwriter.moc"
