// TLS by default with trust on first use (docs/PROTOCOL.md, "Transport security"), over real
// sockets on 127.0.0.1: handshake, login and chat over TLS; what crosses the wire is not plaintext
// while the capture still shows decrypted frames; first use records the fingerprint; a changed
// certificate, an unknown server under --strict-tls and a wrong pinned fingerprint are refused;
// --no-tls on both ends; mismatched ends fail clearly; the generated certificate is owner-only
// and reused; switchboard-server and switchboard-cli with their TLS options.
#include "net/capture/capturerecord.h"
#include "net/client/clientsession.h"
#include "net/server/chatserver.h"
#include "net/server/serverruntime.h"
#include "net/tls/fingerprint.h"
#include "net/tls/knownservers.h"
#include "net/tls/servercertificate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int Wait = 15000;

bool startServer(ServerRuntime &runtime, const QString &dataDir, quint16 port = 0, bool tls = true)
{
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), port}};
    config.dataDir = dataDir;
    config.tls = tls;
    QString error;
    if (!runtime.start(config, &error)) {
        qWarning("server: %s", qPrintable(error));
        return false;
    }
    return true;
}

quint16 portOf(const ServerRuntime &runtime)
{
    return runtime.endpoints().value(0).port;
}

ClientTls tlsPolicy(const QString &knownFile, ClientTls::UnknownServer unknown = ClientTls::UnknownServer::TrustFirstUse)
{
    ClientTls tls;
    tls.knownServersFile = knownFile;
    tls.unknownServer = unknown;
    return tls;
}

// Logs in (registering first when asked); the error when it failed (code None when it worked).
Error logIn(ClientSession &session, quint16 port, const QString &user, bool registerFirst = true)
{
    QSignalSpy ok(&session, &ClientSession::loggedIn);
    QSignalSpy failed(&session, &ClientSession::loginFailed);
    session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw-") + user, registerFirst);
    if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, Wait))
        return Error::local(ErrorCode::Timeout, QStringLiteral("no login outcome"));
    return failed.isEmpty() ? Error::local(ErrorCode::None, QString()) : failed.first().at(0).value<Error>();
}

// The permission bits of path, -1 if it is missing.
int modeOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Relays one TCP connection to the server and keeps every byte that crosses it: what a capture
// on the network would see.
class RecordingProxy : public QObject
{
public:
    explicit RecordingProxy(quint16 target)
        : m_target(target)
    {
        m_listener.listen(QHostAddress::LocalHost, 0);
        connect(&m_listener, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_listener.nextPendingConnection()) {
                client->setParent(this);
                auto *upstream = new QTcpSocket(this);
                connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream] {
                    const QByteArray b = client->readAll();
                    toServer += b;
                    upstream->write(b);
                });
                connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream] {
                    const QByteArray b = upstream->readAll();
                    toClient += b;
                    client->write(b);
                });
                connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
                connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                upstream->connectToHost(QHostAddress::LocalHost, m_target);
            }
        });
    }
    quint16 port() const { return m_listener.serverPort(); }
    QByteArray toServer;
    QByteArray toClient;

private:
    quint16 m_target;
    QTcpServer m_listener;
};

// A TLS server in its own data directory, and a place for a client's known-servers file.
struct Fixture
{
    QTemporaryDir data, home;
    ServerRuntime runtime;
    bool started = startServer(runtime, data.path());
    QString known = home.filePath(QStringLiteral("known_servers"));
    quint16 port() const { return portOf(runtime); }
};

// The client's capture: what the inspector would list.
class RecordingSink : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override { records.append(r); }
    QList<CaptureRecord> records;
};

QString binary(const QString &name)
{
    QString dir = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/..");
    return dir + QStringLiteral("/app/") + name;
}

// A new self-signed certificate for host, written as PEM to certFile and keyFile.
bool writeCertificate(const QString &host, const QString &certFile, const QString &keyFile, QByteArray *certOut = nullptr)
{
    QByteArray cert, key;
    QString error;
    if (!ServerCertificate::generate(host, &cert, &key, &error))
        return false;
    for (const auto &[path, bytes] : {std::pair{certFile, cert}, std::pair{keyFile, key}}) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return false;
    }
    if (certOut)
        *certOut = cert;
    return true;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT
private slots:
    void fingerprintFormat();
    void knownServersFile();
    void loginAndChatOverTls();
    void wireShowsOnlyTls();
    void changedCertificateIsRefused();
    void strictRefusesUnknownServer();
    void pinnedFingerprint();
    void userDecidesAboutUnknownServer();
    void stalledHandshakeIsDropped();
    void plaintextBothEnds();
    void mismatchedEndsFailClearly();
    void certificateGeneratedOnceOwnerOnly();
    void certificateFromFiles();
    void clusterNodesShareTrust();
    void serverAndCliBinaries();
};

void TestTls::fingerprintFormat()
{
    QByteArray cert, key;
    QString error;
    QVERIFY2(ServerCertificate::generate(QStringLiteral("test"), &cert, &key, &error), qPrintable(error));
    const QSslCertificate c = QSslCertificate::fromData(cert).value(0);
    QVERIFY(!c.isNull());
    QCOMPARE(c.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(c.publicKey().length(), 256);
    const QString fp = Fingerprint::of(c);
    // ssh's form: SHA256: and the unpadded base64 of the DER digest (32 bytes: 43 characters).
    QVERIFY2(QRegularExpression(QStringLiteral("^SHA256:[A-Za-z0-9+/]{43}$")).match(fp).hasMatch(), qPrintable(fp));
    QCOMPARE(fp.mid(7), QString::fromLatin1(QCryptographicHash::hash(c.toDer(), QCryptographicHash::Sha256)
                                                .toBase64(QByteArray::OmitTrailingEquals)));
    QCOMPARE(Fingerprint::normalized(QStringLiteral("  ") + fp + QStringLiteral("=\n")), fp);
    QCOMPARE(Fingerprint::normalized(QStringLiteral("sha256:") + fp.mid(7)), fp);
    QVERIFY(Fingerprint::normalized(fp.left(30)).isEmpty());
    QVERIFY(Fingerprint::normalized(QStringLiteral("MD5:") + fp.mid(7)).isEmpty());
    QVERIFY(Fingerprint::normalized(fp.left(40) + QStringLiteral("!!!")).isEmpty());
}

void TestTls::knownServersFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/known_servers"));
    KnownServers known(path);
    auto fingerprintOf = [](const char *text) {
        return QStringLiteral("SHA256:")
            + QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toBase64(QByteArray::OmitTrailingEquals));
    };
    const QString a = fingerprintOf("a");
    const QString b = fingerprintOf("b");
    QVERIFY(known.find(QStringLiteral("Chat.Example.org"), 5151).fingerprint.isEmpty());
    QVERIFY(known.add(QStringLiteral("Chat.Example.org"), 5151, a));
    QVERIFY(known.add(QStringLiteral("::1"), 5151, b));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("sub"))), 0700);
    QCOMPARE(readAll(path), QByteArray("chat.example.org:5151 " + a.toLatin1() + "\n[::1]:5151 " + b.toLatin1() + "\n"));
    QCOMPARE(known.find(QStringLiteral("chat.example.org"), 5151).fingerprint, a);
    QCOMPARE(known.find(QStringLiteral("chat.example.org"), 5151).line, 1);
    QVERIFY(known.find(QStringLiteral("chat.example.org"), 5152).fingerprint.isEmpty()); // per port
    QCOMPARE(known.find(QStringLiteral("0:0::1"), 5151).fingerprint, b);
    QVERIFY(known.add(QStringLiteral("chat.example.org"), 5151, b)); // replaced, not added twice
    QCOMPARE(readAll(path).count("chat.example.org"), 1);
    QVERIFY(known.remove(QStringLiteral("chat.example.org"), 5151));
    QVERIFY(known.find(QStringLiteral("chat.example.org"), 5151).fingerprint.isEmpty());
    QCOMPARE(known.find(QStringLiteral("::1"), 5151).fingerprint, b);
    // Comments and junk lines are skipped.
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("# a comment\nnonsense\nhost:1 SHA256:tooshort\n");
    f.close();
    QCOMPARE(known.find(QStringLiteral("::1"), 5151).fingerprint, b);
    QVERIFY(known.find(QStringLiteral("host"), 1).fingerprint.isEmpty());
}

void TestTls::loginAndChatOverTls()
{
    Fixture f;
    QVERIFY(f.started);
    ServerRuntime &runtime = f.runtime;
    QVERIFY(runtime.server()->usesTls());
    const QString known = f.known;

    ClientSession alice, bob;
    alice.setTls(tlsPolicy(known));
    bob.setTls(tlsPolicy(known));
    QSignalSpy recorded(alice.client(), &ChatClient::serverRecorded);
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice")).code, ErrorCode::None);
    QVERIFY(alice.isEncrypted());
    QCOMPARE(alice.serverFingerprint(), runtime.tlsFingerprint());
    QVERIFY2(alice.tlsDescription().startsWith(QLatin1String("TLSv1.3 ")), qPrintable(alice.tlsDescription()));
    // First use: recorded, and said so once.
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().at(1).toString(), runtime.tlsFingerprint());
    QCOMPARE(KnownServers(known).find(QStringLiteral("127.0.0.1"), portOf(runtime)).fingerprint, runtime.tlsFingerprint());
    QSignalSpy bobRecorded(bob.client(), &ChatClient::serverRecorded);
    QCOMPARE(logIn(bob, portOf(runtime), QStringLiteral("bob")).code, ErrorCode::None);
    QCOMPARE(bobRecorded.size(), 0); // known by now

    QTRY_VERIFY_WITH_TIMEOUT(alice.joinedRooms().contains(QStringLiteral("lobby"))
                                 && bob.joinedRooms().contains(QStringLiteral("lobby")),
                             Wait);
    QSignalSpy received(&bob, &ClientSession::messageReceived);
    alice.sendToRoom(QStringLiteral("lobby"), QStringLiteral("over TLS"));
    QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty() && received.last().at(0).value<ChatMessage>().text == QLatin1String("over TLS"),
                             Wait);
    QCOMPARE(received.last().at(0).value<ChatMessage>().sender, QStringLiteral("alice"));
}

void TestTls::wireShowsOnlyTls()
{
    Fixture f;
    QVERIFY(f.started);
    RecordingProxy proxy(f.port());
    RecordingSink capture;
    const QString secret = QStringLiteral("the secret plan for Thursday");
    {
        ClientSession alice;
        alice.setCaptureSink(&capture);
        alice.setTls(tlsPolicy(f.known));
        QCOMPARE(logIn(alice, proxy.port(), QStringLiteral("alice")).code, ErrorCode::None);
        QTRY_VERIFY_WITH_TIMEOUT(alice.joinedRooms().contains(QStringLiteral("lobby")), Wait);
        QSignalSpy sent(&alice, &ClientSession::messageSent);
        alice.sendToRoom(QStringLiteral("lobby"), secret);
        QVERIFY(sent.wait(Wait));
        alice.setCaptureSink(nullptr);
        alice.logOut();
    }
    // On the wire: TLS records only (a handshake record first, each way), no frame, no JSON.
    QVERIFY(proxy.toServer.size() > 100 && proxy.toClient.size() > 100);
    QCOMPARE(proxy.toServer.left(2), QByteArray("\x16\x03"));
    QCOMPARE(proxy.toClient.left(2), QByteArray("\x16\x03"));
    for (const QByteArray &wire : {proxy.toServer, proxy.toClient}) {
        QVERIFY(!wire.contains(secret.toUtf8()));
        QVERIFY(!wire.contains("\"type\""));
        QVERIFY(!wire.contains("chat."));
        QVERIFY(!wire.contains("alice"));
    }
    // The client's capture (the inspector) still shows the decrypted frames, marked as such.
    bool sawSecret = false;
    for (const CaptureRecord &r : std::as_const(capture.records)) {
        if (r.kind == CaptureRecord::Kind::Frame || r.kind == CaptureRecord::Kind::Chunk)
            QVERIFY(r.decrypted);
        if (r.kind == CaptureRecord::Kind::Frame && r.header.value(QStringLiteral("type")).toString() == QLatin1String("chat.send"))
            sawSecret = r.header.value(QStringLiteral("text")).toString() == secret;
    }
    QVERIFY(sawSecret);
}

void TestTls::changedCertificateIsRefused()
{
    QTemporaryDir first, second, home;
    const QString known = home.filePath(QStringLiteral("known_servers"));
    quint16 port = 0;
    QString firstFingerprint;
    {
        ServerRuntime runtime;
        QVERIFY(startServer(runtime, first.path()));
        port = portOf(runtime);
        firstFingerprint = runtime.tlsFingerprint();
        ClientSession alice;
        alice.setTls(tlsPolicy(known));
        QCOMPARE(logIn(alice, port, QStringLiteral("alice")).code, ErrorCode::None);
        alice.logOut();
    }
    const QByteArray before = readAll(known);
    QVERIFY(before.contains(firstFingerprint.toLatin1()));

    // Another server (another key) on the same address and port.
    ServerRuntime impostor;
    auto impostorSaw = std::make_shared<RecordingSink>();
    impostor.setCaptureSink(impostorSaw);
    QVERIFY(startServer(impostor, second.path(), port));
    QVERIFY(impostor.tlsFingerprint() != firstFingerprint);
    ClientSession alice;
    alice.setTls(tlsPolicy(known));
    QSignalSpy asked(alice.client(), &ChatClient::trustRequested);
    const Error e = logIn(alice, port, QStringLiteral("alice"), false);
    QCOMPARE(e.code, ErrorCode::CertificateChanged);
    QVERIFY2(e.message.contains(firstFingerprint) && e.message.contains(impostor.tlsFingerprint()), qPrintable(e.message));
    QVERIFY2(e.message.contains(known + QStringLiteral(":1")), qPrintable(e.message)); // what to delete
    QCOMPARE(readAll(known), before); // untouched
    QVERIFY(asked.isEmpty());
    // Nothing was sent to the impostor, not even a hello.
    QTRY_COMPARE_WITH_TIMEOUT(impostor.server()->clientCount(), 0, Wait); // the client hung up
    for (const CaptureRecord &r : std::as_const(impostorSaw->records))
        QVERIFY2(r.kind == CaptureRecord::Kind::Event || r.direction == CaptureRecord::Direction::Out, qPrintable(r.typeName()));
    // Not even a user asked about unknown servers is asked about a changed one.
    ClientSession gui;
    gui.setTls(tlsPolicy(known, ClientTls::UnknownServer::Ask));
    QSignalSpy guiAsked(&gui, &ClientSession::trustRequested);
    QCOMPARE(logIn(gui, port, QStringLiteral("alice"), false).code, ErrorCode::CertificateChanged);
    QVERIFY(guiAsked.isEmpty());
}

void TestTls::strictRefusesUnknownServer()
{
    Fixture f;
    QVERIFY(f.started);
    ServerRuntime &runtime = f.runtime;
    const QString known = f.known;
    ClientSession alice;
    alice.setTls(tlsPolicy(known, ClientTls::UnknownServer::Refuse));
    const Error e = logIn(alice, portOf(runtime), QStringLiteral("alice"));
    QCOMPARE(e.code, ErrorCode::CertificateUnknown);
    QVERIFY2(e.message.contains(runtime.tlsFingerprint()), qPrintable(e.message)); // what to verify
    QVERIFY(!QFile::exists(known));
    // Once known (recorded by an earlier first use), strict mode connects.
    QVERIFY(KnownServers(known).add(QStringLiteral("127.0.0.1"), portOf(runtime), runtime.tlsFingerprint()));
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice")).code, ErrorCode::None);
}

void TestTls::pinnedFingerprint()
{
    Fixture f;
    QVERIFY(f.started);
    ServerRuntime &runtime = f.runtime;
    const QString known = f.known;
    ClientTls tls = tlsPolicy(known, ClientTls::UnknownServer::Refuse);
    tls.fingerprints = {QStringLiteral("SHA256:") + QString(43, QLatin1Char('x'))};
    ClientSession alice;
    alice.setTls(tls);
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice")).code, ErrorCode::CertificateUnknown);
    tls.fingerprints.append(runtime.tlsFingerprint() + QStringLiteral("=")); // as pasted, padding and all
    alice.setTls(tls);
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice")).code, ErrorCode::None);
    QVERIFY(alice.isEncrypted());
    QVERIFY(!QFile::exists(known)); // pinned on the command line, not recorded
}

void TestTls::userDecidesAboutUnknownServer()
{
    Fixture f;
    QVERIFY(f.started);
    ServerRuntime &runtime = f.runtime;
    const QString known = f.known;
    ClientSession alice;
    alice.setTls(tlsPolicy(known, ClientTls::UnknownServer::Ask));
    QSignalSpy asked(&alice, &ClientSession::trustRequested);
    QSignalSpy failed(&alice, &ClientSession::loginFailed);
    QSignalSpy ok(&alice, &ClientSession::loggedIn);

    // No: refused, nothing recorded.
    alice.logIn(QStringLiteral("127.0.0.1"), portOf(runtime), QStringLiteral("alice"), QStringLiteral("pw-alice"), true);
    QVERIFY(asked.wait(Wait));
    QCOMPARE(asked.first().at(0).toString(), QStringLiteral("127.0.0.1:%1").arg(portOf(runtime)));
    QCOMPARE(asked.first().at(1).toString(), runtime.tlsFingerprint());
    alice.trustServer(false);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Wait);
    QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::CertificateUnknown);
    QVERIFY(!QFile::exists(known));

    // Yes, after the server's hello came in (the user took their time): logged in and recorded.
    alice.logIn(QStringLiteral("127.0.0.1"), portOf(runtime), QStringLiteral("alice"), QStringLiteral("pw-alice"), true);
    QVERIFY(asked.wait(Wait));
    // The hello was exchanged while the question is open (the server does not time us out)...
    QTRY_VERIFY_WITH_TIMEOUT(runtime.server()->clientCount() == 1
                                 && runtime.server()->sessions().first()->state() == ServerSession::State::Ready,
                             Wait);
    // ...but nothing more: no login before the user answers.
    QVERIFY(ok.isEmpty());
    QVERIFY(runtime.server()->sessions().first()->user().isEmpty());
    QCOMPARE(alice.status(), ClientSession::Status::Connecting);
    alice.trustServer(true);
    QVERIFY(ok.wait(Wait));
    QCOMPARE(KnownServers(known).find(QStringLiteral("127.0.0.1"), portOf(runtime)).fingerprint, runtime.tlsFingerprint());

    // Known now: no question the next time.
    alice.logOut();
    asked.clear();
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice"), false).code, ErrorCode::None);
    QVERIFY(asked.isEmpty());
}

void TestTls::stalledHandshakeIsDropped()
{
    // A connection is a session from accept on, so the hello deadline also bounds a TLS
    // handshake that never starts or never finishes (a port scanner, a slowloris).
    QTemporaryDir data;
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
    config.dataDir = data.path();
    config.helloTimeoutMs = 300;
    ServerRuntime runtime;
    QString error;
    QVERIFY2(runtime.start(config, &error), qPrintable(error));
    QTcpSocket silent, partial;
    QSignalSpy silentGone(&silent, &QTcpSocket::disconnected);
    QSignalSpy partialGone(&partial, &QTcpSocket::disconnected);
    silent.connectToHost(QHostAddress::LocalHost, portOf(runtime));
    partial.connectToHost(QHostAddress::LocalHost, portOf(runtime));
    QVERIFY(silent.waitForConnected(Wait) && partial.waitForConnected(Wait));
    partial.write(QByteArray("\x16\x03\x01\x02\x00", 5)); // the start of a ClientHello, never the rest
    QTRY_COMPARE_WITH_TIMEOUT(runtime.server()->clientCount(), 2, Wait);
    QTRY_VERIFY_WITH_TIMEOUT(!silentGone.isEmpty() && !partialGone.isEmpty(), Wait);
    QCOMPARE(runtime.server()->clientCount(), 0);
    // The hello_timeout error frame waits for encryption: never sent in clear text.
    QVERIFY(!silent.readAll().contains("hello_timeout"));
    QVERIFY(!partial.readAll().contains("hello_timeout"));
}

void TestTls::plaintextBothEnds()
{
    QTemporaryDir data;
    ServerRuntime runtime;
    QVERIFY(startServer(runtime, data.path(), 0, false));
    QVERIFY(runtime.tlsFingerprint().isEmpty());
    QVERIFY(!QFile::exists(ServerCertificate::certificatePath(data.path())));
    ClientSession alice;
    alice.setTls(ClientTls::plaintext());
    RecordingProxy proxy(portOf(runtime));
    QCOMPARE(logIn(alice, proxy.port(), QStringLiteral("alice")).code, ErrorCode::None);
    QVERIFY(!alice.isEncrypted());
    QVERIFY(alice.serverFingerprint().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(proxy.toClient.contains("\"type\":\"hello\""), Wait); // readable, for teaching
}

void TestTls::mismatchedEndsFailClearly()
{
    QTemporaryDir tlsData, plainData, home;
    ServerRuntime tlsServer, plainServer;
    QVERIFY(startServer(tlsServer, tlsData.path()));
    QVERIFY(startServer(plainServer, plainData.path(), 0, false));

    // A plaintext client at a TLS server: not a Switchboard hello, with a hint.
    ClientSession plain;
    plain.setTls(ClientTls::plaintext());
    Error e = logIn(plain, portOf(tlsServer), QStringLiteral("alice"));
    QCOMPARE(e.code, ErrorCode::NotSwitchboard);
    QVERIFY2(e.message.contains(QLatin1String("TLS")), qPrintable(e.message));

    // A TLS client at a plaintext server: tls_error naming --no-tls; nothing recorded.
    const QString known = home.filePath(QStringLiteral("known_servers"));
    ClientSession secure;
    secure.setTls(tlsPolicy(known));
    e = logIn(secure, portOf(plainServer), QStringLiteral("alice"));
    QCOMPARE(e.code, ErrorCode::TlsError);
    QVERIFY2(e.message.contains(QLatin1String("--no-tls")), qPrintable(e.message));
    QVERIFY(!QFile::exists(known));
}

void TestTls::certificateGeneratedOnceOwnerOnly()
{
    QTemporaryDir data;
    QString fingerprint;
    QByteArray key;
    {
        ServerRuntime runtime;
        QVERIFY(startServer(runtime, data.path()));
        fingerprint = runtime.tlsFingerprint();
        QVERIFY(!fingerprint.isEmpty());
    }
    const QString keyFile = ServerCertificate::keyPath(data.path());
    const QString certFile = ServerCertificate::certificatePath(data.path());
    QCOMPARE(modeOf(keyFile), 0600);
    QCOMPARE(modeOf(QFileInfo(keyFile).path()), 0700);
    key = readAll(keyFile);
    QVERIFY(key.contains("PRIVATE KEY"));
    QCOMPARE(Fingerprint::of(QSslCertificate::fromPath(certFile).value(0)), fingerprint);
    // A restart reuses it: clients that pinned it keep trusting the server.
    ServerRuntime again;
    QVERIFY(startServer(again, data.path()));
    QCOMPARE(again.tlsFingerprint(), fingerprint);
    QCOMPARE(readAll(keyFile), key);
}

// The nodes of one cluster share a certificate: recorded for one address, it is trusted at the
// other addresses the user gave for the same service (and recorded there); a node with another
// certificate is still a question.
void TestTls::clusterNodesShareTrust()
{
    QTemporaryDir files, dataA, dataB, dataC, home;
    QString error;
    const QString certFile = files.filePath(QStringLiteral("node.crt"));
    const QString keyFile = files.filePath(QStringLiteral("node.key"));
    QVERIFY(writeCertificate(QStringLiteral("cluster.example.org"), certFile, keyFile));
    ServerRuntime a, b, c;
    for (auto [runtime, dir] : {std::pair{&a, &dataA}, std::pair{&b, &dataB}}) {
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = dir->path();
        config.tlsCertificate = certFile;
        config.tlsKey = keyFile;
        QVERIFY2(runtime->start(config, &error), qPrintable(error));
    }
    QVERIFY(startServer(c, dataC.path())); // its own generated certificate
    QVERIFY(c.tlsFingerprint() != a.tlsFingerprint());
    const QString known = home.filePath(QStringLiteral("known_servers"));
    QVERIFY(KnownServers(known).add(QStringLiteral("127.0.0.1"), portOf(a), a.tlsFingerprint()));
    const Endpoint nodeA{QStringLiteral("127.0.0.1"), portOf(a)};

    // Node B first, A beside it: no question, logged in, B recorded.
    ClientSession alice;
    alice.setTls(tlsPolicy(known, ClientTls::UnknownServer::Ask));
    QSignalSpy asked(&alice, &ClientSession::trustRequested);
    QSignalSpy ok(&alice, &ClientSession::loggedIn);
    alice.logIn({Endpoint{QStringLiteral("127.0.0.1"), portOf(b)}, nodeA}, QStringLiteral("alice"),
                QStringLiteral("pw-alice"), true);
    QVERIFY(ok.wait(Wait));
    QVERIFY(asked.isEmpty());
    QCOMPARE(KnownServers(known).find(QStringLiteral("127.0.0.1"), portOf(b)).fingerprint, a.tlsFingerprint());

    // Node C (another certificate) beside A: asked, as any unknown server.
    ClientSession bob;
    bob.setTls(tlsPolicy(known, ClientTls::UnknownServer::Ask));
    QSignalSpy bobAsked(&bob, &ClientSession::trustRequested);
    bob.logIn({Endpoint{QStringLiteral("127.0.0.1"), portOf(c)}, nodeA}, QStringLiteral("bob"), QStringLiteral("pw-bob"), true);
    QVERIFY(bobAsked.wait(Wait));
    QCOMPARE(bobAsked.first().at(1).toString(), c.tlsFingerprint());
    bob.trustServer(false);

    // Alone (no sibling given), B is known now by its own entry; a fresh address of A's is not.
    KnownServers(known).remove(QStringLiteral("127.0.0.1"), portOf(b));
    ClientSession carol;
    carol.setTls(tlsPolicy(known, ClientTls::UnknownServer::Ask));
    QSignalSpy carolAsked(&carol, &ClientSession::trustRequested);
    carol.logIn(QStringLiteral("127.0.0.1"), portOf(b), QStringLiteral("carol"), QStringLiteral("pw-carol"), true);
    QVERIFY(carolAsked.wait(Wait));
    carol.trustServer(false);
}

void TestTls::certificateFromFiles()
{
    QTemporaryDir data, files;
    QString error;
    const QString certFile = files.filePath(QStringLiteral("fullchain.pem"));
    const QString keyFile = files.filePath(QStringLiteral("privkey.pem"));
    QByteArray cert;
    QVERIFY(writeCertificate(QStringLiteral("chat.example.org"), certFile, keyFile, &cert));
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
    config.dataDir = data.path();
    config.tlsCertificate = certFile;
    config.tlsKey = keyFile;
    ServerRuntime runtime;
    QVERIFY2(runtime.start(config, &error), qPrintable(error));
    QCOMPARE(runtime.tlsFingerprint(), Fingerprint::of(QSslCertificate::fromData(cert).value(0)));
    QVERIFY(!QFile::exists(ServerCertificate::certificatePath(data.path()))); // none generated
    ClientTls tls = tlsPolicy(QString(), ClientTls::UnknownServer::Refuse);
    tls.fingerprints = {runtime.tlsFingerprint()};
    ClientSession alice;
    alice.setTls(tls);
    QCOMPARE(logIn(alice, portOf(runtime), QStringLiteral("alice")).code, ErrorCode::None);

    // A missing key file, or a key of another certificate, is a clear start-up error.
    config.tlsKey = files.filePath(QStringLiteral("missing.pem"));
    ServerRuntime broken;
    QVERIFY(!broken.start(config, &error));
    QVERIFY2(error.contains(QLatin1String("missing.pem")), qPrintable(error));
    QByteArray otherCert, otherKey;
    QVERIFY(ServerCertificate::generate(QStringLiteral("other"), &otherCert, &otherKey, &error));
    config.tlsKey = files.filePath(QStringLiteral("other.pem"));
    QFile other(config.tlsKey);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(otherKey);
    other.close();
    QVERIFY(!broken.start(config, &error));
    QVERIFY2(error.contains(QLatin1String("does not belong")), qPrintable(error));
}

void TestTls::serverAndCliBinaries()
{
    const QString server = binary(QStringLiteral("switchboard-server"));
    const QString cli = binary(QStringLiteral("switchboard-cli"));
    if (!QFileInfo(server).isExecutable() || !QFileInfo(cli).isExecutable())
        QSKIP("switchboard-server or switchboard-cli is not built");
    QTemporaryDir data, home;
    QProcess proc;
    QByteArray out;
    connect(&proc, &QProcess::readyReadStandardOutput, this, [&] { out += proc.readAllStandardOutput(); });
    proc.start(server, {"--listen", "127.0.0.1:0", "--data", data.path()});
    QVERIFY(proc.waitForStarted(Wait));
    auto stop = qScopeGuard([&] {
        proc.terminate();
        if (!proc.waitForFinished(Wait))
            proc.kill();
    });
    static const QRegularExpression re(QStringLiteral("listening on tcp://127\\.0\\.0\\.1:(\\d+)\\ntls fingerprint (SHA256:\\S+)\\n"));
    QRegularExpressionMatch m;
    QTRY_VERIFY_WITH_TIMEOUT((m = re.match(QString::fromUtf8(out))).hasMatch(), Wait);
    const QString port = m.captured(1);
    const QString fingerprint = m.captured(2);
    QCOMPARE(Fingerprint::normalized(fingerprint), fingerprint);

    const QString known = home.filePath(QStringLiteral("known_servers"));
    auto runCli = [&](QStringList args, QString *err) {
        QProcess c;
        c.start(cli, QStringList{"--server", "127.0.0.1:" + port, "--timeout", "8000"} + args + QStringList{"ping", "--count", "1"});
        if (!c.waitForFinished(Wait))
            return -1;
        *err = QString::fromUtf8(c.readAllStandardError());
        return c.exitCode();
    };
    QString err;
    // --strict-tls with an empty file: refused, with the fingerprint to verify.
    QCOMPARE(runCli({"--known-servers", known, "--strict-tls"}, &err), 3);
    QVERIFY2(err.contains(QLatin1String("certificate_unknown")) && err.contains(fingerprint), qPrintable(err));
    // ...unless --fingerprint names it.
    QCOMPARE(runCli({"--known-servers", known, "--strict-tls", "--fingerprint", fingerprint}, &err), 0);
    QVERIFY(!QFile::exists(known));
    // Default: trusted on first use, said on stderr, recorded.
    QCOMPARE(runCli({"--known-servers", known}, &err), 0);
    QVERIFY2(err.contains(fingerprint) && err.contains(QLatin1String("first use")), qPrintable(err));
    QVERIFY(readAll(known).contains(fingerprint.toLatin1()));
    QCOMPARE(runCli({"--known-servers", known}, &err), 0);
    QVERIFY2(!err.contains(QLatin1String("first use")), qPrintable(err));
    // --no-tls at a TLS server fails (exit 3), and tells why.
    QCOMPARE(runCli({"--known-servers", known, "--no-tls"}, &err), 3);
    QVERIFY2(err.contains(QLatin1String("not_switchboard")) && err.contains(QLatin1String("TLS")), qPrintable(err));
    // A malformed --fingerprint is a usage error.
    QCOMPARE(runCli({"--fingerprint", "SHA256:nope"}, &err), 2);
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
