// Failover against the real binary: two switchboard-server processes share one database and one
// files directory (--files); node A is killed with SIGKILL while a client is sending. The client
// moves to B and nothing it sent is lost, stored twice or shown twice; a file uploaded through A
// downloads byte-identical through B afterwards (docs/CLUSTER.md, "Files and failover").
#include "clusterclient.h"
#include "lossyproxy.h"
#include "serverprocess.h"
#include "net/client/conversationstore.h"
#include "net/client/messagelistmodel.h"
#include "net/server/serverruntime.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;
using Switchboard::Test::Client;
using Switchboard::Test::count;

class TestFaultsFailover : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedNodeLosesNothing();
};

void TestFaultsFailover::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (Test::ServerProcess::binary().isEmpty())
        QSKIP("SWITCHBOARD_SERVER is not set (run through ctest)");
}

void TestFaultsFailover::killedNodeLosesNothing()
{
    QTemporaryDir data, files, work;
    const QStringList shared{QStringLiteral("--files"), files.path(), QStringLiteral("--no-announce")};
    Test::ServerProcess a, b;
    QVERIFY2(a.start(data.path(), shared), qPrintable(a.error()));
    QVERIFY2(b.start(data.path(), shared), qPrintable(b.error()));
    const Endpoint nodeA{QStringLiteral("127.0.0.1"), a.port()};
    const Endpoint nodeB{QStringLiteral("127.0.0.1"), b.port()};
    const QString database = ServerRuntime::databasePath(data.path());

    // A's replies pass through a relay that can lose them.
    Test::LossyProxy toA(nodeA.port);
    Client alice;
    QVERIFY(alice.logIn({toA.endpoint(), nodeB}, QStringLiteral("alice"), true));
    QCOMPARE(alice.session.serverAddress(), toA.endpoint().toString());

    // A file through A first.
    QByteArray bytes(1024 * 1024 + 5, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(QRandomGenerator::global()->bounded(256));
    const qint64 fileId = Test::uploadToLobby(alice.session, work.filePath(QStringLiteral("data.bin")), bytes);
    QVERIFY(fileId > 0);

    // Forty lines: A acknowledges the first twenty; it stores the next twenty but their acks are
    // lost; then A is killed. All must end up stored and shown exactly once.
    constexpr int Lines = 40;
    QSignalSpy sent(&alice.session, &ClientSession::messageSent);
    QSignalSpy rejected(&alice.session, &ClientSession::messageRejected);
    for (int i = 0; i < Lines / 2; ++i)
        alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("line %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), Lines / 2, Test::Timeout);
    toA.swallowReplies(true);
    for (int i = Lines / 2; i < Lines; ++i)
        alice.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("line %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(count(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'line %'")),
                              qint64(Lines), Test::Timeout);
    QCOMPARE(alice.session.queuedCount(), Lines / 2);
    a.kill(); // SIGKILL
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), Lines, 30000);
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(alice.session.serverAddress(), nodeB.toString());
    QCOMPARE(count(database, QStringLiteral("SELECT COUNT(*) FROM messages WHERE text LIKE 'line %'")), qint64(Lines));
    QCOMPARE(count(database, QStringLiteral("SELECT COUNT(DISTINCT text) FROM messages WHERE text LIKE 'line %'")), qint64(Lines));
    QSet<qint64> ids;
    for (const QList<QVariant> &args : std::as_const(sent))
        ids.insert(args.at(1).toLongLong());
    QCOMPARE(ids.size(), Lines);
    const MessageListModel *lobby = alice.session.conversations()->room(QStringLiteral("lobby"));
    int shown = 0;
    for (int row = 0; row < lobby->rowCount(); ++row)
        shown += lobby->data(lobby->index(row), MessageListModel::TextRole).toString().startsWith(QLatin1String("line "));
    QCOMPARE(shown, Lines);

    // The file A stored is there through B.
    QVERIFY(Test::downloadsAs(alice.session, fileId, work.filePath(QStringLiteral("down")), bytes));
}

QTEST_GUILESS_MAIN(TestFaultsFailover)
#include "tst_faultsfailover.moc"
