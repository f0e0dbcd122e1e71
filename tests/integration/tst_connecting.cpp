// Connecting never hangs: a silent port, a peer speaking another protocol (an SSH banner, an HTTP
// server), a peer that hangs up and a closed port each end in a specific error within the
// handshake timeout, in the client core, in the client session and in switchboard-cli; and a
// connection attempt can be cancelled.
#include "net/client/clientsession.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

// A TCP peer on loopback that is not a Switchboard server.
class FakePeer : public QObject
{
public:
    enum class Behaviour { Silent, Banner, Http, HangUp };

    explicit FakePeer(Behaviour b)
        : m_behaviour(b)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                switch (m_behaviour) {
                case Behaviour::Silent:
                    break;
                case Behaviour::Banner:
                    s->write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
                    break;
                case Behaviour::Http:
                    connect(s, &QTcpSocket::readyRead, s, [s] {
                        s->readAll();
                        s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                        s->disconnectFromHost();
                    });
                    break;
                case Behaviour::HangUp:
                    s->disconnectFromHost();
                    break;
                }
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    Behaviour m_behaviour;
    QTcpServer m_server;
};

// A server that says hello properly, then answers every request with the wrong reply type
// ("registered", same id) and records what the client sends.
class WrongReplyPeer : public QObject
{
public:
    WrongReplyPeer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            connect(m_socket, &QTcpSocket::readyRead, this, [this] {
                m_decoder.feed(m_socket->readAll());
                Frame f;
                while (m_decoder.next(&f)) {
                    received.append(f.header);
                    if (f.type() == Hello::Type) {
                        HelloReply h;
                        h.id = idOf(f.header);
                        h.version = Version;
                        h.limits = ServerLimits{65536, 1 << 20, 32768, 90};
                        m_socket->write(FrameEncoder::encode(h.toJson()));
                    } else if (f.type() != Pong::Type && f.type() != ChatSend::Type) {
                        m_socket->write(FrameEncoder::encode(Registered{idOf(f.header), QStringLiteral("x")}.toJson()));
                    }
                }
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    void send(const QJsonObject &header) { m_socket->write(FrameEncoder::encode(header)); }

    QList<QJsonObject> received;

private:
    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    FrameDecoder m_decoder;
};

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when s goes away
}

} // namespace

class TestConnecting : public QObject
{
    Q_OBJECT
private slots:
    void clientReportsWhy_data();
    void clientReportsWhy();
    void cancelWhileConnecting();
    void sessionLoginFailsAndCanRetry();
    void wrongReplyAndServerPing();
    void cliExitsWithinTimeout_data();
    void cliExitsWithinTimeout();
};

void TestConnecting::clientReportsWhy_data()
{
    QTest::addColumn<int>("behaviour");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("shown");
    QTest::newRow("silent") << int(FakePeer::Behaviour::Silent) << int(ErrorCode::HandshakeTimeout) << QString();
    QTest::newRow("ssh banner") << int(FakePeer::Behaviour::Banner) << int(ErrorCode::NotSwitchboard)
                                << QStringLiteral("SSH-2.0-OpenSSH_9.2p1 Debian-2\\r\\n");
    QTest::newRow("http") << int(FakePeer::Behaviour::Http) << int(ErrorCode::NotSwitchboard)
                          << QStringLiteral("HTTP/1.1 400 Bad Request");
    QTest::newRow("hang up") << int(FakePeer::Behaviour::HangUp) << int(ErrorCode::NotSwitchboard) << QString();
    QTest::newRow("closed port") << -1 << int(ErrorCode::Unreachable) << QString();
}

void TestConnecting::clientReportsWhy()
{
    QFETCH(int, behaviour);
    QFETCH(int, expected);
    QFETCH(QString, shown);
    std::unique_ptr<FakePeer> peer;
    quint16 port = 0;
    if (behaviour >= 0) {
        peer = std::make_unique<FakePeer>(FakePeer::Behaviour(behaviour));
        port = peer->port();
    } else {
        port = closedPort();
    }
    ChatClient client;
    client.setHandshakeTimeout(600);
    QSignalSpy failed(&client, &ChatClient::connectionFailed);
    QSignalSpy ready(&client, &ChatClient::ready);
    QElapsedTimer clock;
    clock.start();
    client.connectToServer(QStringLiteral("127.0.0.1"), port);
    QVERIFY(failed.wait(5000));
    QVERIFY(ready.isEmpty());
    const auto error = failed.first().at(0).value<Error>();
    QCOMPARE(int(error.code), expected);
    if (error.code == ErrorCode::HandshakeTimeout)
        QVERIFY2(clock.elapsed() >= 550, "gave up before the handshake timeout");
    QVERIFY(clock.elapsed() < 3000);
    if (!shown.isEmpty())
        QVERIFY2(error.message.contains(shown), qPrintable(error.message));
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
    QCOMPARE(failed.size(), 1);
}

void TestConnecting::cancelWhileConnecting()
{
    FakePeer silent(FakePeer::Behaviour::Silent);
    ChatClient client;
    QSignalSpy failed(&client, &ChatClient::connectionFailed);
    QSignalSpy state(&client, &ChatClient::stateChanged);
    client.connectToServer(QStringLiteral("127.0.0.1"), silent.port());
    QTRY_COMPARE(client.state(), ChatClient::State::Negotiating);
    client.disconnectFromServer();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Cancelled);
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
}

void TestConnecting::sessionLoginFailsAndCanRetry()
{
    FakePeer banner(FakePeer::Behaviour::Banner);
    FakePeer silent(FakePeer::Behaviour::Silent);
    ClientSession session;
    session.client()->setHandshakeTimeout(500);
    QSignalSpy failed(&session, &ClientSession::loginFailed);
    session.logIn(QStringLiteral("127.0.0.1"), banner.port(), QStringLiteral("alice"), QStringLiteral("pw"));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::NotSwitchboard);
    QCOMPARE(session.status(), ClientSession::Status::Offline);
    // Not retried on its own (it is not a server that went away): Offline, not Reconnecting.
    QCOMPARE(failed.size(), 1);

    // The user cancels a login that hangs.
    session.logIn(QStringLiteral("127.0.0.1"), silent.port(), QStringLiteral("alice"), QStringLiteral("pw"));
    QTRY_COMPARE(session.client()->state(), ChatClient::State::Negotiating);
    QCOMPARE(session.status(), ClientSession::Status::Connecting);
    session.cancelLogin();
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).value<Error>().code, ErrorCode::Cancelled);
    QCOMPARE(session.status(), ClientSession::Status::Offline);
    // And left alone, the same hang ends with a timeout.
    session.logIn(QStringLiteral("127.0.0.1"), silent.port(), QStringLiteral("alice"), QStringLiteral("pw"));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(2).at(0).value<Error>().code, ErrorCode::HandshakeTimeout);
}

void TestConnecting::wrongReplyAndServerPing()
{
    WrongReplyPeer peer;
    ChatClient client;
    QSignalSpy ready(&client, &ChatClient::ready);
    client.connectToServer(QStringLiteral("127.0.0.1"), peer.port());
    QVERIFY(ready.wait(5000));

    // A reply of the wrong type reaches the request's error handler as bad_reply.
    QList<Error> errors;
    bool replied = false;
    client.request<Rooms>(RoomList{}, nullptr, [&](const Rooms &, const Frame &) { replied = true; },
                          [&](const Error &e) { errors.append(e); });
    QTRY_COMPARE(errors.size(), 1);
    QVERIFY(!replied);
    QCOMPARE(errors.first().code, ErrorCode::BadReply);

    // A ping from the server whose id happens to equal one of our pending requests is answered,
    // and our request stays pending (the ids are numbered by each side on its own).
    QList<Error> stillPending;
    const qint64 pending = client.request<ChatAck>(ChatSend{0, QStringLiteral("lobby"), {}, QStringLiteral("x")}, nullptr,
                                                   [](const ChatAck &, const Frame &) {},
                                                   [&](const Error &e) { stillPending.append(e); }, {}, 60000);
    QTRY_VERIFY(!peer.received.isEmpty() && typeOf(peer.received.last()) == ChatSend::Type);
    peer.send(Ping{pending, QJsonValue(7)}.toJson());
    QTRY_VERIFY(typeOf(peer.received.last()) == Pong::Type);
    QCOMPARE(idOf(peer.received.last()), pending);
    QCOMPARE(client.pendingRequests(), 1);
    QVERIFY(stillPending.isEmpty());
    client.disconnectFromServer();
    QTRY_COMPARE(stillPending.size(), 1);
    QCOMPARE(stillPending.first().code, ErrorCode::Disconnected);
}

void TestConnecting::cliExitsWithinTimeout_data()
{
    QTest::addColumn<int>("behaviour");
    QTest::addColumn<QString>("command");
    QTest::newRow("silent, ping") << int(FakePeer::Behaviour::Silent) << QStringLiteral("ping");
    QTest::newRow("banner, ping") << int(FakePeer::Behaviour::Banner) << QStringLiteral("ping");
    QTest::newRow("silent, send") << int(FakePeer::Behaviour::Silent) << QStringLiteral("send");
    QTest::newRow("http, send") << int(FakePeer::Behaviour::Http) << QStringLiteral("send");
}

void TestConnecting::cliExitsWithinTimeout()
{
    QFETCH(int, behaviour);
    QFETCH(QString, command);
    const QString cli = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-cli");
    if (!QFile::exists(cli))
        QSKIP("switchboard-cli is not built");
    FakePeer peer{FakePeer::Behaviour(behaviour)};
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SWITCHBOARD_PASSWORD"), QStringLiteral("pw"));
    proc.setProcessEnvironment(env);
    // Plaintext: what is tested is how the protocol layer meets a peer that does not speak it.
    QStringList args{QStringLiteral("--server"), QStringLiteral("127.0.0.1:%1").arg(peer.port()), QStringLiteral("--timeout"),
                     QStringLiteral("1500"), QStringLiteral("--no-tls")};
    if (command == QLatin1String("ping"))
        args << QStringLiteral("ping");
    else
        args << QStringLiteral("--user") << QStringLiteral("alice") << QStringLiteral("send") << QStringLiteral("lobby")
             << QStringLiteral("hi");
    QElapsedTimer clock;
    clock.start();
    proc.start(cli, args);
    QVERIFY(proc.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(proc.state(), QProcess::NotRunning, 8000);
    QVERIFY2(clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
    QVERIFY(proc.exitCode() != 0);
    const QString err = QString::fromUtf8(proc.readAllStandardError());
    if (behaviour == int(FakePeer::Behaviour::Silent))
        QVERIFY2(err.contains(QLatin1String("handshake_timeout")) || err.contains(QLatin1String("Timed out")), qPrintable(err));
    else
        QVERIFY2(err.contains(QLatin1String("not_switchboard")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestConnecting)
#include "tst_connecting.moc"
