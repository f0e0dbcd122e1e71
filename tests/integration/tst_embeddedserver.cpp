// EmbeddedServer: the GUI's in-process server runs on a thread of its own. It answers while the
// owner's thread is blocked, reports its clients to the owner's thread, kicks and stops on request.
#include "net/client/clientsession.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/embeddedserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Switchboard;

class TestEmbeddedServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    ServerConfig config() const
    {
        ServerConfig c;
        c.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        c.dataDir = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())); // one per test
        c.tls = false;
        c.announce = false;
        return c;
    }

    static bool logIn(ClientSession &session, quint16 port, const QString &user)
    {
        session.setAutoReconnect(false);
        QSignalSpy in(&session, &ClientSession::loggedIn);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), true);
        return in.wait(20000);
    }

private slots:
    void answersWhileTheOwnersThreadIsBlocked()
    {
        EmbeddedServer server;
        QString error;
        QVERIFY2(server.start(config(), &error), qPrintable(error));
        QVERIFY(server.serverThread() && server.serverThread() != QThread::currentThread());
        const quint16 port = server.endpoints().value(0).port;
        QVERIFY(port != 0);

        // Blocking calls only: this thread never returns to its event loop meanwhile, so only a
        // server on another thread can answer the hello.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write(FrameEncoder::encode(Protocol::Hello{1, {1}, QStringLiteral("blocked owner")}.toJson()));
        QVERIFY(socket.waitForBytesWritten(5000));
        FrameDecoder decoder;
        Frame frame;
        QDeadlineTimer deadline(10000);
        while (!decoder.next(&frame)) {
            QVERIFY2(socket.waitForReadyRead(int(deadline.remainingTime())), "no hello while the owner's thread was blocked");
            decoder.feed(socket.readAll());
        }
        QCOMPARE(frame.type(), QStringLiteral("hello"));
    }

    void clientsAreReportedAndKicked()
    {
        EmbeddedServer server;
        QString error;
        QVERIFY2(server.start(config(), &error), qPrintable(error));
        QSignalSpy changed(&server, &EmbeddedServer::clientsChanged);
        QSignalSpy log(&server, &EmbeddedServer::logMessage);
        ClientSession alice;
        QVERIFY(logIn(alice, server.endpoints().value(0).port, QStringLiteral("alice")));
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(server.clients().value(0).user, QStringLiteral("alice"));
        QVERIFY(server.clients().value(0).address.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(server.clients().value(0).since.isValid());
        QVERIFY(changed.size() >= 2); // connected, then logged in
        QTRY_VERIFY(!log.isEmpty());   // the server log reaches this thread

        QSignalSpy lost(&alice, &ClientSession::disconnected);
        server.kick(server.clients().value(0).id, QStringLiteral("test"));
        QVERIFY(lost.wait(10000));
        QTRY_COMPARE(server.clientCount(), 0);
    }

    void stopEndsEveryoneAndRestarts()
    {
        EmbeddedServer server;
        QString error;
        QVERIFY2(server.start(config(), &error), qPrintable(error));
        ClientSession alice;
        QVERIFY(logIn(alice, server.endpoints().value(0).port, QStringLiteral("alice")));
        QTRY_COMPARE(server.clientCount(), 1);
        QSignalSpy lost(&alice, &ClientSession::disconnected);
        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(!server.serverThread());
        QCOMPARE(server.clientCount(), 0);
        QVERIFY(server.endpoints().isEmpty());
        QVERIFY(lost.size() > 0 || lost.wait(10000));

        // Started again (the same data: alice's account is still there), with nobody connected:
        // no snapshot of the stopped server shows up later.
        QVERIFY2(server.start(config(), &error), qPrintable(error));
        QTest::qWait(200);
        QCOMPARE(server.clientCount(), 0);
        ClientSession again;
        again.setAutoReconnect(false);
        QSignalSpy in(&again, &ClientSession::loggedIn);
        again.logIn(QStringLiteral("127.0.0.1"), server.endpoints().value(0).port, QStringLiteral("alice"), QStringLiteral("pw"), false);
        QVERIFY(in.wait(20000));
        QTRY_COMPARE(server.clientCount(), 1);
    }

    void aFailedStartLeavesNothingRunning()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        ServerConfig c = config();
        c.listen = {Endpoint{QStringLiteral("127.0.0.1"), taken.serverPort()}};
        EmbeddedServer server;
        QString error;
        QVERIFY(!server.start(c, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!server.isRunning());
        QVERIFY(!server.serverThread());
        QVERIFY(server.endpoints().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedServer)
#include "tst_embeddedserver.moc"
