// A reverse proxy in front of the server: connections from trusted addresses start with a PROXY
// protocol header whose client address the server then uses (logs, per-address limits), over
// plaintext and before TLS; nobody else can claim an address.
#include "net/connection/proxyheader.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/proxygate.h"
#include "net/server/serverruntime.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

namespace {

QByteArray helloFrame()
{
    Protocol::Hello hello;
    hello.id = 1;
    hello.versions = {1};
    return FrameEncoder::encode(hello.toJson());
}

QByteArray proxyFrom(const char *address, quint16 port)
{
    return ProxyHeader::encodeV2(QHostAddress(QString::fromLatin1(address)), port, QHostAddress::LocalHost, 5151);
}

struct Server
{
    QTemporaryDir dir;
    ServerRuntime runtime;
    explicit Server(const QString &trusted, bool tls = false, int maxPending = 64)
    {
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = dir.path();
        config.tls = tls;
        config.maxPendingPerAddress = maxPending;
        config.helloTimeoutMs = 2000;
        ProxyGate::Subnet subnet;
        QString error;
        if (!ProxyGate::parseSubnet(trusted, &subnet, &error))
            qFatal("%s", qPrintable(error));
        config.trustedProxies = {subnet};
        if (!runtime.start(config, &error))
            qFatal("server: %s", qPrintable(error));
    }
    quint16 port() const { return runtime.endpoints().value(0).port; }
    ChatServer *chat() const { return runtime.server(); }
};

ServerSession *nextSession(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(5000))
        return nullptr;
    return spy.takeFirst().at(0).value<ServerSession *>();
}

} // namespace

class TestProxyProtocol : public QObject
{
    Q_OBJECT
private slots:
    void parseSubnets()
    {
        ProxyGate::Subnet s;
        QString error;
        QVERIFY(ProxyGate::parseSubnet(QStringLiteral("10.0.0.0/8"), &s, &error));
        QCOMPARE(s.second, 8);
        QVERIFY(ProxyGate::parseSubnet(QStringLiteral("192.0.2.10"), &s, &error));
        QCOMPARE(s.second, 32);
        QVERIFY(ProxyGate::parseSubnet(QStringLiteral("[::1]"), &s, &error));
        QCOMPARE(s.second, 128);
        QVERIFY(!ProxyGate::parseSubnet(QStringLiteral("proxy.example"), &s, &error));
        QVERIFY(error.contains(QStringLiteral("proxy.example")));
        ProxyGate gate;
        QVERIFY(ProxyGate::parseSubnet(QStringLiteral("127.0.0.0/8"), &s, &error));
        gate.setTrusted({s});
        QVERIFY(gate.isTrusted(QHostAddress(QStringLiteral("127.1.2.3"))));
        QVERIFY(gate.isTrusted(QHostAddress(QStringLiteral("::ffff:127.0.0.1")))); // dual-stack socket
        QVERIFY(!gate.isTrusted(QHostAddress(QStringLiteral("192.0.2.1"))));
    }

    void plaintextClientAddressFromHeader()
    {
        Server server(QStringLiteral("127.0.0.1"));
        QSignalSpy started(server.chat(), &ChatServer::sessionStarted);
        QTcpSocket proxy;
        proxy.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(proxy.waitForConnected(5000));
        // The header and the client's hello in one write: only the header is the proxy's.
        proxy.write(proxyFrom("203.0.113.7", 40001) + helloFrame());
        ServerSession *session = nextSession(started);
        QVERIFY(session);
        QCOMPARE(session->connection()->peerAddress(), QHostAddress(QStringLiteral("203.0.113.7")));
        QCOMPARE(session->connection()->peerPort(), quint16(40001));
        // The hello got through untouched: the server answers it.
        QTRY_VERIFY_WITH_TIMEOUT(proxy.bytesAvailable() > 4 || proxy.waitForReadyRead(100), 5000);
        QVERIFY(proxy.readAll().contains("\"hello\""));
    }

    void headerBeforeTls()
    {
        Server server(QStringLiteral("127.0.0.0/8"), /*tls*/ true);
        QSignalSpy started(server.chat(), &ChatServer::sessionStarted);
        QSslSocket proxy;
        proxy.setPeerVerifyMode(QSslSocket::VerifyNone); // the test trusts its own server
        proxy.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(proxy.waitForConnected(5000));
        proxy.write(ProxyHeader::encodeV2(QHostAddress(QStringLiteral("2001:db8::7")), 1234, QHostAddress::LocalHostIPv6, 5151));
        QVERIFY(proxy.waitForBytesWritten(5000));
        // The server runs in this thread: wait with the event loop running, not waitForEncrypted().
        QSignalSpy encrypted(&proxy, &QSslSocket::encrypted);
        proxy.startClientEncryption();
        QVERIFY2(encrypted.wait(5000), qPrintable(proxy.errorString()));
        ServerSession *session = nextSession(started);
        QVERIFY(session);
        QCOMPARE(session->connection()->peerAddress(), QHostAddress(QStringLiteral("2001:db8::7")));
        proxy.write(helloFrame());
        QTRY_VERIFY_WITH_TIMEOUT(proxy.bytesAvailable() > 4 || proxy.waitForReadyRead(100), 5000);
        QVERIFY(proxy.readAll().contains("\"hello\""));
    }

    void trustedPeerWithoutHeaderIsDropped()
    {
        Server server(QStringLiteral("127.0.0.1"));
        QSignalSpy started(server.chat(), &ChatServer::sessionStarted);
        QSignalSpy logged(server.chat(), &ChatServer::logMessage);
        QTcpSocket proxy;
        proxy.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(proxy.waitForConnected(5000));
        proxy.write(helloFrame()); // a proxy misconfigured to send no header
        QTRY_COMPARE_WITH_TIMEOUT(proxy.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(started.isEmpty());
        QTRY_VERIFY(!logged.isEmpty());
        QVERIFY2(logged.first().at(0).toString().contains(QStringLiteral("PROXY")), qPrintable(logged.first().at(0).toString()));

        QTcpSocket silent; // and one that sends nothing is dropped at the hello deadline
        silent.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(silent.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 6000);
        QVERIFY(started.isEmpty());
    }

    void untrustedPeerCannotClaimAnAddress()
    {
        Server server(QStringLiteral("192.0.2.0/24")); // the proxy lives elsewhere
        QSignalSpy started(server.chat(), &ChatServer::sessionStarted);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(client.waitForConnected(5000));
        client.write(proxyFrom("203.0.113.7", 40001) + helloFrame());
        ServerSession *session = nextSession(started);
        QVERIFY(session);
        QCOMPARE(session->connection()->peerAddress(), QHostAddress(QHostAddress::LocalHost));
        // The header is not a frame: the connection is refused as malformed.
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void limitsCountTheClientAddress()
    {
        Server server(QStringLiteral("127.0.0.1"), false, /*maxPending*/ 2);
        QSignalSpy started(server.chat(), &ChatServer::sessionStarted);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        auto open = [&](const char *client) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, server.port());
            if (!s->waitForConnected(5000))
                return false;
            s->write(proxyFrom(client, 1000));
            sockets.push_back(std::move(s));
            return true;
        };
        QVERIFY(open("203.0.113.7"));
        QVERIFY(open("203.0.113.7"));
        QVERIFY(open("203.0.113.8")); // another client behind the same proxy is not held back
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 3, 5000);
        QVERIFY(open("203.0.113.7")); // the third waiting from .7 is one too many
        QTRY_COMPARE_WITH_TIMEOUT(sockets.back()->state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(sockets.back()->readAll().contains("too_many_connections"));
        QCOMPARE(sockets.at(2)->state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestProxyProtocol)
#include "tst_proxyprotocol.moc"
