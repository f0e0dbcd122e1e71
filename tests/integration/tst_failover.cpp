// Two server nodes sharing one SQLite database and one files directory (--files), as a cluster
// runs before PostgreSQL (docs/CLUSTER.md, "Files and failover"): chat.send's idempotency key
// across nodes, a client failing over from a node that goes away without posting or showing
// anything twice, files uploaded through one node and downloaded through the other, and a
// .part that no node serves.
#include "answer.h"
#include "clusterclient.h"
#include "lossyproxy.h"
#include "cliprocess.h"
#include "freeport.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/client/messagelistmodel.h"
#include "net/server/serverruntime.h"
#include "net/transfer/xxh3hasher.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Protocol;
using Switchboard::Test::Client;
using Switchboard::Test::Timeout;
using Switchboard::Test::count;

namespace {


// One node: its own listener, the shared data directory (so the shared database) and files directory.
struct Node
{
    ServerRuntime runtime;
    bool start(const QString &dataDir, const QString &filesDir, int historyCount = 50)
    {
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = dataDir;
        config.filesDir = filesDir;
        config.tls = false;
        config.announce = false;
        config.historyCount = historyCount;
        QString error;
        const bool ok = runtime.start(config, &error);
        if (!ok)
            qWarning("node: %s", qPrintable(error));
        return ok;
    }
    quint16 port() const { return runtime.endpoints().value(0).port; }
    Endpoint endpoint() const { return Endpoint{QStringLiteral("127.0.0.1"), port()}; }
};

QByteArray randomBytes(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char(QRandomGenerator::global()->bounded(256));
    return data;
}

int messageRows(const MessageListModel *model, MessageListModel::Kind kind)
{
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        n += model->kind(row) == kind;
    return n;
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void resendWithKnownKeyGetsOriginalAck();
    void firstLoginTriesTheNextNode();
    void failoverResendsOutboxOnce();
    void failoverWithFullWindowSendsEachOnceInOrder();
    void uploadThroughOneDownloadsThroughOther();
    void partIsNeverServedAndResumesOnAnotherNode();
    void cliUploadPrintsIdDownloadOnOtherNode();

private:
    QString database() const { return ServerRuntime::databasePath(m_data->path()); }
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<Node> m_a;
    std::unique_ptr<Node> m_b;
};

void TestFailover::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFailover::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    m_files = std::make_unique<QTemporaryDir>();
    m_a = std::make_unique<Node>();
    m_b = std::make_unique<Node>();
    // Only two messages replayed on join: a client coming back must fetch the rest itself.
    QVERIFY(m_a->start(m_data->path(), m_files->path(), 2));
    QVERIFY(m_b->start(m_data->path(), m_files->path(), 2));
    // Accounts live in the shared database: registered through A, they log in on B.
    for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        Client c;
        QVERIFY(c.logIn({m_a->endpoint()}, user, true));
        c.session.logOut();
    }
}

void TestFailover::cleanup()
{
    m_b.reset();
    m_a.reset();
    m_files.reset();
    m_data.reset();
}

void TestFailover::resendWithKnownKeyGetsOriginalAck()
{
    Client onA, onB, listener;
    QVERIFY(onA.logIn({m_a->endpoint()}, QStringLiteral("alice")));
    QVERIFY(onB.logIn({m_b->endpoint()}, QStringLiteral("alice")));
    QVERIFY(listener.logIn({m_b->endpoint()}, QStringLiteral("bob")));
    QSignalSpy received(&listener.session, &ClientSession::messageReceived);

    const QString key = QStringLiteral("7d0c5e2a-key-1");
    const auto first = Test::ask<ChatAck>(*onA.session.client(), ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("once"), key}, Timeout);
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    // The same key again, through the other node (a client that lost the ack and failed over).
    const auto again = Test::ask<ChatAck>(*onB.session.client(), ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("once"), key}, Timeout);
    QVERIFY2(again.ok(), qPrintable(again.error.message));
    QCOMPARE(again->msg, first->msg);
    QCOMPARE(again->ts, first->ts);
    // Twice on the same node, in one batch: one row, one ack for both.
    const QString key2 = QStringLiteral("7d0c5e2a-key-2");
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i)
        onB.session.client()->request<ChatAck>(ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("twice"), key2}, &onB.session,
                                               [&ids](const ChatAck &a, const Frame &) { ids.append(a.msg); });
    QTRY_COMPARE_WITH_TIMEOUT(ids.size(), 2, Timeout);
    QCOMPARE(ids.at(0), ids.at(1));
    // The key is the sender's: bob may use the same one for a message of his own.
    const auto bobs = Test::ask<ChatAck>(*listener.session.client(), ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("bob's"), key}, Timeout);
    QVERIFY(bobs.ok());
    QVERIFY(bobs->msg != first->msg);

    QCOMPARE(count(database(), QStringLiteral("SELECT COUNT(*) FROM messages WHERE text = 'once'")), 1);
    QCOMPARE(count(database(), QStringLiteral("SELECT COUNT(*) FROM messages WHERE text = 'twice'")), 1);
    // The listener on B got "twice" once and bob's own line, never a repeat ("once" was posted on A,
    // which has no way to reach B's clients without the cluster's Redis).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.begin(), received.end(), [](const QList<QVariant> &args) {
        return args.at(0).value<ChatMessage>().text == QLatin1String("bob's");
    }), Timeout);
    QStringList texts;
    for (const QList<QVariant> &args : std::as_const(received))
        texts << args.at(0).value<ChatMessage>().text;
    QCOMPARE(texts, (QStringList{QStringLiteral("twice"), QStringLiteral("bob's")}));
    // A malformed key is refused before anything is stored.
    const auto bad = Test::ask<ChatAck>(*onB.session.client(), ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("x"), QStringLiteral("a key")}, Timeout);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error.code, ErrorCode::BadRequest);
}

void TestFailover::firstLoginTriesTheNextNode()
{
    Client c;
    const Endpoint dead{QStringLiteral("127.0.0.1"), Test::freePort()};
    QVERIFY(c.logIn({dead, m_b->endpoint()}, QStringLiteral("alice")));
    QCOMPARE(c.session.serverAddress(), m_b->endpoint().toString());
    // Bound to the cluster, not to the node it happened to reach.
    QVERIFY(c.session.accountKey().contains(dead.toString()));
    QVERIFY(c.session.accountKey().contains(m_b->endpoint().toString()));
}

void TestFailover::failoverResendsOutboxOnce()
{
    Test::LossyProxy toA(m_a->port());
    Client alice, bob;
    QVERIFY(alice.logIn({toA.endpoint(), m_b->endpoint()}, QStringLiteral("alice")));
    QCOMPARE(alice.session.serverAddress(), toA.endpoint().toString());
    QVERIFY(bob.logIn({m_b->endpoint()}, QStringLiteral("bob")));
    QSignalSpy bobGot(&bob.session, &ClientSession::messageReceived);
    QSignalSpy sent(&alice.session, &ClientSession::messageSent);

    // A line that arrives normally: alice's conversation knows its id.
    alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("hello"));
    QVERIFY(sent.wait(Timeout));
    // Meanwhile bob says five things on B, which A's clients do not hear (no Redis here).
    for (int i = 1; i <= 5; ++i)
        bob.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("bob %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(count(database(), QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'bob %'")), 5, Timeout);

    // A stores alice's next lines but its acks never reach her; then A goes away.
    toA.swallowReplies(true);
    sent.clear();
    for (int i = 1; i <= 3; ++i)
        alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("failover %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(count(database(), QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'failover %'")), 3,
                              Timeout);
    QCOMPARE(alice.session.queuedCount(), 3);
    QSignalSpy moved(&alice.session, &ClientSession::serverChanged);
    m_a->runtime.stop();
    toA.cut();

    // She comes back on B, logs in, rejoins, re-sends: the keys make B answer with A's ids.
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 3, 20000);
    QCOMPARE(moved.value(0).value(0).toString(), m_b->endpoint().toString());
    QCOMPARE(alice.session.serverAddress(), m_b->endpoint().toString());
    QCOMPARE(alice.session.queuedCount(), 0);
    QCOMPARE(count(database(), QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'failover %'")), 3);
    QList<qint64> ackedIds;
    for (const QList<QVariant> &args : std::as_const(sent))
        ackedIds << args.at(1).toLongLong();
    std::sort(ackedIds.begin(), ackedIds.end());
    QCOMPARE(ackedIds.first(), count(database(), QStringLiteral("SELECT MIN(id) FROM messages WHERE text LIKE 'failover %'")));
    QCOMPARE(ackedIds.last(), count(database(), QStringLiteral("SELECT MAX(id) FROM messages WHERE text LIKE 'failover %'")));

    // Her conversation: every message once (bob's five fetched as missed history, past the
    // two-message replay), nothing pending.
    const MessageListModel *lobby = alice.session.conversations()->room(QStringLiteral("lobby"));
    QTRY_COMPARE_WITH_TIMEOUT(lobby->messageCount(), 9, Timeout);
    QCOMPARE(messageRows(lobby, MessageListModel::Kind::Pending), 0);
    QStringList texts;
    for (int row = 0; row < lobby->rowCount(); ++row)
        if (lobby->kind(row) == MessageListModel::Kind::Message)
            texts << lobby->data(lobby->index(row), MessageListModel::TextRole).toString();
    QCOMPARE(texts.size(), 9);
    QCOMPARE(QSet<QString>(texts.begin(), texts.end()).size(), 9);
    QCOMPARE(texts.first(), QStringLiteral("hello"));

    // B delivered none of the repeats: bob, on B, sees alice's next line and nothing before it.
    alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("back"));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(bobGot.begin(), bobGot.end(), [](const QList<QVariant> &args) {
        return args.at(0).value<ChatMessage>().text == QLatin1String("back");
    }), Timeout);
    for (const QList<QVariant> &args : std::as_const(bobGot))
        QVERIFY2(!args.at(0).value<ChatMessage>().text.startsWith(QLatin1String("failover")),
                 "a repeated send was delivered again");
}

void TestFailover::failoverWithFullWindowSendsEachOnceInOrder()
{
    // A window of 4: of 10 lines typed at once, only 4 go out before their acks.
    Test::LossyProxy toA(m_a->port());
    Client alice, bob;
    QVERIFY(alice.logIn({toA.endpoint(), m_b->endpoint()}, QStringLiteral("alice")));
    QVERIFY(bob.logIn({m_b->endpoint()}, QStringLiteral("bob")));
    alice.session.setSendWindow(4);
    QSignalSpy bobGot(&bob.session, &ClientSession::messageReceived);
    QSignalSpy sent(&alice.session, &ClientSession::messageSent);
    const QString win = QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'win %'");

    // In order, each acked once, the window refilled by acks.
    QList<qint64> localIds;
    for (int i = 1; i <= 10; ++i)
        localIds << alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("win %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 10, Timeout);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(sent.at(i).at(0).toLongLong(), localIds.at(i));
    QCOMPARE(count(database(), win), 10);

    // A stores the next window's worth but its acks never reach her; then A goes away with
    // 4 in flight (stored) and 6 still in the outbox.
    toA.swallowReplies(true);
    sent.clear();
    localIds.clear();
    for (int i = 11; i <= 20; ++i)
        localIds << alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("win %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(count(database(), win), 14, Timeout);
    QCOMPARE(alice.session.queuedCount(), 10);
    m_a->runtime.stop();
    toA.cut();

    // On B every one is acked once, the four A stored with A's ids, the rest stored once.
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 10, 20000);
    QCOMPARE(alice.session.serverAddress(), m_b->endpoint().toString());
    QCOMPARE(alice.session.queuedCount(), 0);
    QCOMPARE(count(database(), win), 20);
    QSet<qint64> acked;
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(sent.at(i).at(0).toLongLong(), localIds.at(i)); // acked in the order typed
        acked << sent.at(i).at(1).toLongLong();
    }
    QCOMPARE(acked.size(), 10);
    // Stored in the order typed.
    qint64 previous = 0;
    for (int i = 1; i <= 20; ++i) {
        const qint64 id = count(database(), QStringLiteral("SELECT id FROM messages WHERE text = 'win %1'").arg(i));
        QVERIFY2(id > previous, qPrintable(QStringLiteral("win %1 out of order").arg(i)));
        previous = id;
    }
    // B delivered the six it stored, not the four repeats.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(bobGot.begin(), bobGot.end(), [](const QList<QVariant> &args) {
        return args.at(0).value<ChatMessage>().text == QLatin1String("win 20");
    }), Timeout);
    QStringList heard;
    for (const QList<QVariant> &args : std::as_const(bobGot))
        heard << args.at(0).value<ChatMessage>().text;
    for (int i = 11; i <= 14; ++i)
        QVERIFY2(!heard.contains(QStringLiteral("win %1").arg(i)), "a repeated send was delivered again");
    for (int i = 15; i <= 20; ++i)
        QCOMPARE(heard.count(QStringLiteral("win %1").arg(i)), 1);
}

void TestFailover::uploadThroughOneDownloadsThroughOther()
{
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 17);
    QTemporaryDir work;
    Client up;
    QVERIFY(up.logIn({m_a->endpoint()}, QStringLiteral("alice")));
    const qint64 fileId = Test::uploadToLobby(up.session, work.filePath(QStringLiteral("report.bin")), data);
    QVERIFY(fileId > 0);
    // Stored in the shared directory, listed in the shared database.
    QVERIFY(QFileInfo::exists(QDir(m_files->path()).filePath(QString::number(fileId))));

    Client down;
    QVERIFY(down.logIn({m_b->endpoint()}, QStringLiteral("bob")));
    QVERIFY(Test::downloadsAs(down.session, fileId, work.filePath(QStringLiteral("down")), data));
}

void TestFailover::partIsNeverServedAndResumesOnAnotherNode()
{
    const QByteArray data = randomBytes(600 * 1024);
    const QString hash = Xxh3Hasher::hash(data);
    const QString name = QStringLiteral("half.bin");
    Client onA, onB, reader;
    QVERIFY(onA.logIn({m_a->endpoint()}, QStringLiteral("alice")));
    QVERIFY(onB.logIn({m_b->endpoint()}, QStringLiteral("alice")));
    QVERIFY(reader.logIn({m_b->endpoint()}, QStringLiteral("bob")));

    // Half of it through A, which keeps writing it (its client is still there).
    const UploadOffer offer{0, name, data.size(), hash, QStringLiteral("lobby"), QString()};
    const auto accepted = Test::ask<UploadAccept>(*onA.session.client(), offer, Timeout);
    QVERIFY2(accepted.ok(), qPrintable(accepted.error.message));
    const qint64 upload = accepted->upload;
    const qint64 half = data.size() / 2;
    QVERIFY(onA.session.client()->send(UploadChunk{upload, 0}, data.left(half)));
    const QString part = QDir(m_files->path()).filePath(QString::number(upload) + QStringLiteral(".part"));
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(part).size(), half, Timeout);

    // Neither node serves it: it is no file yet.
    for (Client *c : {&reader, &onB, &onA}) {
        const auto begin = Test::ask<DownloadBegin>(*c->session.client(), DownloadRequest{0, upload, 0}, Timeout);
        QVERIFY(!begin.ok());
        QCOMPARE(begin.error.code, ErrorCode::FileNotFound);
    }
    // B does not take over an upload A is still writing: the same offer there starts another one.
    const auto other = Test::ask<UploadAccept>(*onB.session.client(), offer, Timeout);
    QVERIFY(other.ok());
    QVERIFY(other->upload != upload);
    QCOMPARE(other->offset, 0);
    const auto cancelled = Test::ask<UploadCancelled>(*onB.session.client(), UploadCancel{0, other->upload}, Timeout);
    QVERIFY(cancelled.ok());
    QCOMPARE(QFileInfo(part).size(), half);

    // A goes away: the upload resumes on B where A stopped, verified over the whole file.
    m_a->runtime.stop();
    const auto resumed = Test::ask<UploadAccept>(*onB.session.client(), offer, Timeout);
    QVERIFY(resumed.ok());
    QCOMPARE(resumed->upload, upload);
    QCOMPARE(resumed->offset, half);
    QVERIFY(onB.session.client()->send(UploadChunk{upload, half}, data.mid(half)));
    const auto done = Test::ask<UploadDone>(*onB.session.client(), UploadEnd{0, upload, QString()}, Timeout);
    QVERIFY2(done.ok(), qPrintable(done.error.message));
    QCOMPARE(done->file.id, upload);
    QVERIFY(!QFileInfo::exists(part));
    QFile stored(QDir(m_files->path()).filePath(QString::number(upload)));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == data);
}

void TestFailover::cliUploadPrintsIdDownloadOnOtherNode()
{
    if (!Test::cliBuilt())
        QSKIP("switchboard-cli is not built");
    QTemporaryDir work;
    const QByteArray data = randomBytes(200 * 1024 + 3);
    const QString source = work.filePath(QStringLiteral("notes.bin"));
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }
    // Two nodes on the command line, the first one dead: the CLI uses the second.
    const QString dead = QStringLiteral("127.0.0.1:%1").arg(Test::freePort());
    const Test::CliRun up = Test::runCli(m_a->port(), QStringLiteral("alice"),
                                         {QStringLiteral("--json"), QStringLiteral("upload"), source, QStringLiteral("--room"),
                                          QStringLiteral("lobby")});
    QVERIFY2(up.exitCode == 0, up.err.constData());
    const QJsonObject line = QJsonDocument::fromJson(up.out.trimmed()).object();
    QCOMPARE(line.value(QLatin1String("type")).toString(), QStringLiteral("uploaded"));
    const qint64 id = line.value(QLatin1String("file")).toInteger();
    QVERIFY(id > 0);

    m_a->runtime.stop();
    const QString saved = work.filePath(QStringLiteral("copy.bin"));
    // runCli puts its own --server first (a port nobody listens on); then another dead node, then B.
    const Test::CliRun down = Test::runCli(Test::freePort(), QStringLiteral("alice"),
                                           {QStringLiteral("--server"), QStringLiteral("%1,127.0.0.1:%2").arg(dead).arg(m_b->port()),
                                            QStringLiteral("download"), QString::number(id), QStringLiteral("-o"), saved});
    QVERIFY2(down.exitCode == 0, down.err.constData());
    QFile copy(saved);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QVERIFY(copy.readAll() == data);
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
