// ChatServer over real sockets on 127.0.0.1 and ::1, and the real switchboard-server binary.
#include "net/client/chatclient.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <vector>

using namespace Switchboard;

namespace {

constexpr int LongWait = 20000; // generous: the machine is shared

QByteArray prefix(quint32 n)
{
    char p[4];
    qToBigEndian<quint32>(n, p);
    return QByteArray(p, 4);
}

QByteArray rawFrame(const QByteArray &json)
{
    return prefix(quint32(json.size())) + json;
}

QByteArray helloBytes()
{
    return FrameEncoder::encode(QJsonObject{{"type", "hello"}, {"id", 1}, {"versions", QJsonArray{1}}, {"client", "raw"}});
}

bool ipv6Available()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

// A peer speaking through a bare QTcpSocket, recording everything the server sends.
class RawPeer : public QObject
{
public:
    RawPeer(const QHostAddress &host, quint16 port)
    {
        connect(&socket, &QTcpSocket::readyRead, this, [this] { received += socket.readAll(); });
        connect(&socket, &QTcpSocket::disconnected, this, [this] {
            received += socket.readAll();
            closed = true;
        });
        clock.start();
        socket.connectToHost(host, port);
    }

    QList<Frame> frames(FrameDecoder::Error *error = nullptr) const
    {
        FrameDecoder d;
        d.feed(received);
        QList<Frame> out;
        Frame f;
        while (d.next(&f))
            out.append(f);
        if (error)
            *error = d.error();
        return out;
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
    QElapsedTimer clock;
};

// N ChatClients against one server, with counters the tests wait on.
class ClientFleet : public QObject
{
public:
    void start(const QString &host, quint16 port, int n, int keepaliveMs = 0)
    {
        for (int i = 0; i < n; ++i) {
            auto client = std::make_unique<ChatClient>();
            ChatClient *c = client.get();
            c->setClientName(QStringLiteral("tst_server/%1").arg(i));
            c->setKeepaliveInterval(keepaliveMs);
            connect(c, &ChatClient::ready, this, [this] { ++ready; });
            connect(c, &ChatClient::disconnected, this, [this](const QString &) { ++disconnected; });
            // A fatal error before hello (server_full) ends the attempt: it is reported as the failure.
            connect(c, &ChatClient::connectionFailed, this, [this](const Protocol::Error &e) {
                ++failed;
                if (Protocol::isWireCode(e.code)) {
                    errors.append(e.codeString);
                    fatalErrors += e.fatal;
                }
            });
            connect(c, &ChatClient::serverError, this, [this](const Protocol::Error &e) {
                errors.append(e.codeString);
                if (e.fatal)
                    ++fatalErrors;
            });
            connect(c, &ChatClient::pongReceived, this, [this, i, c](qint64, double) {
                ++pongs;
                if (--m_pingsLeft[i] > 0)
                    c->ping();
            });
            m_clients.push_back(std::move(client));
            m_pingsLeft.push_back(0);
            c->connectToServer(host, port);
        }
    }

    // Each client pings `count` times, one after the other (the next ping leaves when its pong arrives).
    void pingEach(int count)
    {
        pongs = 0;
        for (size_t i = 0; i < m_clients.size(); ++i) {
            m_pingsLeft[i] = count;
            m_clients[i]->ping();
        }
    }

    ChatClient *at(int i) const { return m_clients.at(size_t(i)).get(); }
    int size() const { return int(m_clients.size()); }
    bool allReady() const
    {
        for (const auto &c : m_clients)
            if (c->state() != ChatClient::State::Ready)
                return false;
        return true;
    }

    int ready = 0;
    int disconnected = 0;
    int failed = 0;
    int fatalErrors = 0;
    int pongs = 0;
    QStringList errors;

private:
    std::vector<std::unique_ptr<ChatClient>> m_clients;
    std::vector<int> m_pingsLeft;
};

} // namespace

namespace Switchboard {

class TestServer : public QObject
{
    Q_OBJECT

private slots:
    void manyClientsPing_data();
    void manyClientsPing();
    void badPeerIsDroppedOthersUnaffected_data();
    void badPeerIsDroppedOthersUnaffected();
    void helloTimeout();
    void idleTimeout();
    void maxClients();
    void restartOnSamePort();
    void ipv6Listener();
    void realServerBinary();
};

void TestServer::manyClientsPing_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1");
    QTest::newRow("ipv6") << QStringLiteral("::1");
}

void TestServer::manyClientsPing()
{
    QFETCH(QString, host);
    if (host.contains(':') && !ipv6Available())
        QSKIP("No IPv6 loopback on this machine");

    ChatServer server;
    QString why;
    QVERIFY2(server.listen(QHostAddress(host), 0, &why), qPrintable(why));
    const quint16 port = server.listeners().first().port;
    QVERIFY(port != 0);

    const int n = 50;
    const int pings = 5;
    ClientFleet fleet;
    fleet.start(host, port, n);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.ready, n, LongWait);
    QCOMPARE(server.clientCount(), n);
    for (ServerSession *s : server.sessions())
        QCOMPARE(s->state(), ServerSession::State::Ready);

    fleet.pingEach(pings);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.pongs, n * pings, LongWait);
    QCOMPARE(fleet.disconnected, 0);
    QCOMPARE(fleet.failed, 0);
    QVERIFY(fleet.errors.isEmpty());
    QCOMPARE(fleet.at(0)->serverHello().version, Protocol::Version);
}

void TestServer::badPeerIsDroppedOthersUnaffected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::newRow("http garbage") << QByteArray("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                  << "frame_header_too_large";
    QTest::newRow("zero length") << prefix(0) << "frame_zero_length";
    QTest::newRow("0xFFFFFFFF prefix") << prefix(0xFFFFFFFFu) + QByteArray(100, 'A') << "frame_header_too_large";
    QTest::newRow("not json") << rawFrame("hello there") << "frame_not_json";
    QTest::newRow("bad utf8") << rawFrame("{\"type\":\"\xfe\xff\"}") << "frame_bad_utf8";
    QTest::newRow("not object") << rawFrame("[1,2,3]") << "frame_not_object";
    QTest::newRow("missing type") << rawFrame(R"({"id":1})") << "frame_missing_type";
    QTest::newRow("bad size") << rawFrame(R"({"type":"ping","size":-5})") << "frame_bad_size";
    QTest::newRow("payload too large") << rawFrame(R"({"type":"x","size":16777217})") << "frame_payload_too_large";
    QTest::newRow("garbage after hello") << helloBytes() + prefix(0) << "frame_zero_length";
    QTest::newRow("ping before hello") << rawFrame(R"({"type":"ping","id":3})") << "hello_required";
}

void TestServer::badPeerIsDroppedOthersUnaffected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);

    ChatServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.listeners().first().port;
    const int n = 50;
    ClientFleet fleet;
    fleet.start("127.0.0.1", port, n);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.ready, n, LongWait);

    RawPeer bad(QHostAddress::LocalHost, port);
    QTRY_COMPARE_WITH_TIMEOUT(bad.socket.state(), QAbstractSocket::ConnectedState, LongWait);
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), n + 1, LongWait);
    bad.socket.write(bytes);
    QTRY_VERIFY_WITH_TIMEOUT(bad.closed, LongWait);

    FrameDecoder::Error decodeError;
    const QList<Frame> frames = bad.frames(&decodeError);
    QCOMPARE(decodeError, FrameDecoder::Error::None); // the server's own output is well formed
    QVERIFY(!frames.isEmpty());
    const Frame &last = frames.last();
    QCOMPARE(last.type(), QStringLiteral("error"));
    QCOMPARE(last.header.value("code").toString(), code);
    QCOMPARE(last.header.value("fatal").toBool(), true);
    QVERIFY(!last.header.value("message").toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), n, LongWait);

    // Everyone else carries on.
    fleet.pingEach(3);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.pongs, n * 3, LongWait);
    QCOMPARE(fleet.disconnected, 0);
    QVERIFY(fleet.errors.isEmpty());
    QVERIFY(fleet.allReady());
}

void TestServer::helloTimeout()
{
    ChatServer server;
    server.setHelloTimeout(300);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.listeners().first().port;

    ClientFleet polite;
    polite.start("127.0.0.1", port, 1);
    RawPeer silent(QHostAddress::LocalHost, port);
    RawPeer partial(QHostAddress::LocalHost, port); // starts a hello but never finishes it
    QTRY_COMPARE_WITH_TIMEOUT(partial.socket.state(), QAbstractSocket::ConnectedState, LongWait);
    partial.socket.write(helloBytes().left(10));
    QTRY_COMPARE_WITH_TIMEOUT(polite.ready, 1, LongWait);

    QTRY_VERIFY_WITH_TIMEOUT(silent.closed && partial.closed, LongWait);
    QVERIFY2(silent.clock.elapsed() >= 250, "disconnected before the hello timeout");
    for (RawPeer *p : {&silent, &partial}) {
        const QList<Frame> frames = p->frames();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames.first().header.value("code").toString(), Protocol::toWire(Protocol::ErrorCode::HelloTimeout));
        QCOMPARE(frames.first().header.value("fatal").toBool(), true);
    }
    // The client that said hello in time is still there.
    QCOMPARE(polite.disconnected, 0);
    polite.pingEach(1);
    QTRY_COMPARE_WITH_TIMEOUT(polite.pongs, 1, LongWait);
    QTRY_COMPARE(server.clientCount(), 1);
}

void TestServer::idleTimeout()
{
    ChatServer server;
    server.setIdleTimeout(600);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.listeners().first().port;

    ClientFleet quiet;
    ClientFleet chatty;
    quiet.start("127.0.0.1", port, 1, 0);
    chatty.start("127.0.0.1", port, 1, 100); // keepalive pings well inside the timeout
    QTRY_COMPARE_WITH_TIMEOUT(quiet.ready + chatty.ready, 2, LongWait);
    QElapsedTimer clock;
    clock.start();

    QTRY_COMPARE_WITH_TIMEOUT(quiet.disconnected, 1, LongWait);
    QVERIFY2(clock.elapsed() >= 450, "disconnected before the idle timeout");
    QCOMPARE(quiet.errors, QStringList{Protocol::toWire(Protocol::ErrorCode::IdleTimeout)});
    QCOMPARE(quiet.fatalErrors, 1);
    QCOMPARE(chatty.disconnected, 0);
    QCOMPARE(chatty.at(0)->state(), ChatClient::State::Ready);
    QTRY_COMPARE(server.clientCount(), 1);
}

void TestServer::maxClients()
{
    ChatServer server;
    server.setMaxClients(3);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.listeners().first().port;

    ClientFleet admitted;
    admitted.start("127.0.0.1", port, 3);
    QTRY_COMPARE_WITH_TIMEOUT(admitted.ready, 3, LongWait);

    ClientFleet refused;
    refused.start("127.0.0.1", port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(refused.failed, 1, LongWait);
    QCOMPARE(refused.ready, 0);
    QCOMPARE(refused.errors, QStringList{Protocol::toWire(Protocol::ErrorCode::ServerFull)});
    QCOMPARE(refused.fatalErrors, 1);
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 3, LongWait);

    // A freed slot is available again.
    admitted.at(0)->disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, LongWait);
    ClientFleet late;
    late.start("127.0.0.1", port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(late.ready, 1, LongWait);
    late.pingEach(1);
    QTRY_COMPARE_WITH_TIMEOUT(late.pongs, 1, LongWait);
}

void TestServer::restartOnSamePort()
{
    auto server = std::make_unique<ChatServer>();
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    const quint16 port = server->listeners().first().port;

    // Leave established connections behind so the port has sockets in TIME_WAIT.
    ClientFleet before;
    before.start("127.0.0.1", port, 3);
    QTRY_COMPARE_WITH_TIMEOUT(before.ready, 3, LongWait);
    server->close();
    QVERIFY(server->listeners().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(before.disconnected, 3, LongWait);
    QCOMPARE(before.errors, QStringList(3, Protocol::toWire(Protocol::ErrorCode::ServerShutdown)));

    // Same object, same port, at once.
    QString why;
    QVERIFY2(server->listen(QHostAddress::LocalHost, port, &why), qPrintable(why));
    ClientFleet again;
    again.start("127.0.0.1", port, 2);
    QTRY_COMPARE_WITH_TIMEOUT(again.ready, 2, LongWait);
    again.pingEach(2);
    QTRY_COMPARE_WITH_TIMEOUT(again.pongs, 4, LongWait);

    // A brand new server object on the same port, right after the old one is gone.
    server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(again.disconnected, 2, LongWait);
    // Even a server destroyed outright says goodbye first.
    QCOMPARE(again.errors, QStringList(2, Protocol::toWire(Protocol::ErrorCode::ServerShutdown)));
    ChatServer fresh;
    QVERIFY2(fresh.listen(QHostAddress::LocalHost, port, &why), qPrintable(why));
    ClientFleet third;
    third.start("127.0.0.1", port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(third.ready, 1, LongWait);
    third.pingEach(1);
    QTRY_COMPARE_WITH_TIMEOUT(third.pongs, 1, LongWait);
}

void TestServer::ipv6Listener()
{
    if (!ipv6Available())
        QSKIP("No IPv6 loopback on this machine");
    ChatServer server;
    QVERIFY(server.listen(QHostAddress::LocalHostIPv6, 0));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0)); // one server, two listeners
    const QList<ChatServer::Listener> listeners = server.listeners();
    QCOMPARE(listeners.size(), 2);
    QCOMPARE(listeners.at(0).address, QHostAddress(QHostAddress::LocalHostIPv6));

    ClientFleet v6;
    v6.start("::1", listeners.at(0).port, 2);
    ClientFleet v4;
    v4.start("127.0.0.1", listeners.at(1).port, 2);
    QTRY_COMPARE_WITH_TIMEOUT(v6.ready + v4.ready, 4, LongWait);
    v6.pingEach(2);
    v4.pingEach(2);
    QTRY_COMPARE_WITH_TIMEOUT(v6.pongs + v4.pongs, 8, LongWait);

    int v6Sessions = 0;
    for (ServerSession *s : server.sessions()) {
        if (s->connection()->peerAddress().protocol() == QAbstractSocket::IPv6Protocol) {
            ++v6Sessions;
            QVERIFY2(s->peerName().startsWith(QLatin1String("[::1]:")), qPrintable(s->peerName()));
        }
    }
    QCOMPARE(v6Sessions, 2);
    QVERIFY(v6.at(0)->peerName().startsWith(QLatin1String("[::1]:")));
}

void TestServer::realServerBinary()
{
    QString dir = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/..");
    const QString program = dir + QStringLiteral("/app/switchboard-server");
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + " is not built"));

    QTemporaryDir data;
    QVERIFY(data.isValid());
    QByteArray out; // declared before the process: its signals write here until it is gone
    QByteArray err;
    QProcess proc;
    connect(&proc, &QProcess::readyReadStandardOutput, this, [&] { out += proc.readAllStandardOutput(); });
    connect(&proc, &QProcess::readyReadStandardError, this, [&] { err += proc.readAllStandardError(); });
    QSignalSpy finished(&proc, &QProcess::finished);
    proc.start(program, {"--listen", "127.0.0.1:0", "--data", data.path(), "--no-tls"}); // tst_tls runs it with TLS
    QVERIFY2(proc.waitForStarted(LongWait), qPrintable(proc.errorString()));
    auto killOnFailure = qScopeGuard([&] {
        if (proc.state() != QProcess::NotRunning) {
            proc.kill();
            proc.waitForFinished(LongWait);
        }
    });

    static const QRegularExpression re(QStringLiteral("^listening on tcp://127\\.0\\.0\\.1:(\\d+)$"),
                                       QRegularExpression::MultilineOption);
    QRegularExpressionMatch m;
    QTRY_VERIFY2_WITH_TIMEOUT((m = re.match(QString::fromUtf8(out))).hasMatch() || finished.count() > 0,
                              qPrintable(QString::fromUtf8(out + err)), LongWait);
    QVERIFY2(m.hasMatch(), qPrintable("server exited early: " + QString::fromUtf8(out + err)));
    const quint16 port = quint16(m.captured(1).toUInt());
    QVERIFY(port != 0);

    ClientFleet fleet;
    fleet.start("127.0.0.1", port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.ready, 1, LongWait);
    QVERIFY(fleet.at(0)->serverName().startsWith(QLatin1String("switchboard")));
    fleet.pingEach(3);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.pongs, 3, LongWait);

    proc.terminate(); // SIGTERM
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, LongWait);
    QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
    QVERIFY2(proc.exitCode() == 0, qPrintable(QString::fromUtf8(err)));
    // The connected client was told why it lost the connection.
    QTRY_COMPARE_WITH_TIMEOUT(fleet.disconnected, 1, LongWait);
    QCOMPARE(fleet.errors, QStringList{Protocol::toWire(Protocol::ErrorCode::ServerShutdown)});
}

} // namespace Switchboard

QTEST_GUILESS_MAIN(Switchboard::TestServer)
#include "tst_server.moc"
