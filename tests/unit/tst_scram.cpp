// SCRAM-SHA-256 client and server state machines, and the credential helpers.

#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/auth/scramserver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPasswordDigestor>
#include <QThread>
#include <QtTest>

#include <memory>
#include <tuple>

using namespace Switchboard;

namespace {

// RFC 7677, section 3.
const QByteArray RfcUser = "user";
const QByteArray RfcPassword = "pencil";
const QByteArray RfcClientNonce = "rOprNGfwEbeRWgbNEkqO";
const QByteArray RfcServerNoncePart = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
const QByteArray RfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
const QByteArray RfcServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const QByteArray RfcClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const QByteArray RfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
// Computed independently with Python's hashlib.pbkdf2_hmac / hmac.
const QByteArray RfcSaltedPasswordHex = "c4a49510323ab4f952cac1fa99441939e78ea74d6be81ddf7096e87513dc615d";
const QByteArray RfcStoredKey = "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=";
const QByteArray RfcServerKey = "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

const QByteArray Secret = "0123456789abcdef0123456789abcdef";

ScramVerifier rfcVerifier()
{
    return Credentials::deriveVerifier(RfcPassword, QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
}

// A tiny in-memory account table for the server side.
struct Accounts
{
    QHash<QString, ScramVerifier> table;
    ScramServer::VerifierLookup lookup() const
    {
        return [this](const QString &user) -> std::optional<ScramVerifier> {
            const auto it = table.constFind(user);
            if (it == table.constEnd())
                return std::nullopt;
            return *it;
        };
    }
    void add(const QString &user, const QString &password, int iterations = 4096)
    {
        table.insert(user, Credentials::deriveVerifier(Credentials::scramPassword(user, password), iterations));
    }
};

// Runs client-first and server-first; returns the server-first message.
QByteArray start(ScramClient &client, ScramServer &server)
{
    const QByteArray first = client.clientFirstMessage();
    const QByteArray challenge = server.handleClientFirst(first);
    if (!challenge.isEmpty())
        client.handleServerFirst(challenge);
    return challenge;
}

} // namespace

class tst_Scram : public QObject
{
    Q_OBJECT
private slots:
    void md5Credential_data();
    void md5Credential();
    void md5HexCheck();
    void rfc7677Verifier();
    void rfc7677Client();
    void rfc7677Server();
    void protocolDocExample();
    void roundTrip_data();
    void roundTrip();
    void saltedPasswordOffThread();
    void wrongPassword();
    void tamperedNonce();
    void tamperedProof();
    void tamperedServerSignature();
    void serverErrorMessage();
    void clientRejectsBadServerFirst_data();
    void clientRejectsBadServerFirst();
    void serverRejectsBadClientFirst_data();
    void serverRejectsBadClientFirst();
    void channelBindingMismatch();
    void unknownUserIndistinguishable();
    void saslNameEscaping();
    void outOfOrder();
    void injectedNonceValidation();
    void constantTimeEquals();
    void verifierValidation();
    void pbkdf2MatchesQt();
    void pbkdf2Timing();
};

void tst_Scram::md5Credential_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    // python3 -c "import hashlib; print(hashlib.md5(('alice'+'secret123').encode()).hexdigest())"
    QTest::newRow("ascii") << QStringLiteral("alice") << QStringLiteral("secret123")
                           << QStringLiteral("e0943109d94ae756230698dc5683cd13");
    // python3 -c "import hashlib; print(hashlib.md5(('张三'+'密码123').encode()).hexdigest())"
    QTest::newRow("chinese") << QString::fromUtf8("\xe5\xbc\xa0\xe4\xb8\x89")           // 张三
                             << QString::fromUtf8("\xe5\xaf\x86\xe7\xa0\x81" "123") // 密码123
                             << QStringLiteral("d9db8467942ed3799672586c42688523");
}

void tst_Scram::md5Credential()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    QCOMPARE(Credentials::md5Credential(user, password), expected);
    QCOMPARE(Credentials::scramPassword(user, password), expected.toLatin1());
}

void tst_Scram::md5HexCheck()
{
    QVERIFY(Credentials::isMd5Hex(QStringLiteral("e0943109d94ae756230698dc5683cd13")));
    QVERIFY(Credentials::isMd5Hex(QStringLiteral("E0943109D94AE756230698DC5683CD13")));
    QVERIFY(!Credentials::isMd5Hex(QStringLiteral("e0943109d94ae756230698dc5683cd1")));
    QVERIFY(!Credentials::isMd5Hex(QStringLiteral("g0943109d94ae756230698dc5683cd13")));
    QVERIFY(!Credentials::isMd5Hex(QString()));
}

void tst_Scram::rfc7677Verifier()
{
    const QByteArray salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
    QCOMPARE(ScramClient::saltedPassword(RfcPassword, salt, 4096).toHex(), RfcSaltedPasswordHex);
    const ScramVerifier v = rfcVerifier();
    QCOMPARE(v.scheme, 1);
    QCOMPARE(v.iterations, 4096);
    QCOMPARE(v.salt, salt);
    QCOMPARE(v.storedKey.toBase64(), RfcStoredKey);
    QCOMPARE(v.serverKey.toBase64(), RfcServerKey);
    QVERIFY(Credentials::isValidVerifier(v));
}

void tst_Scram::rfc7677Client()
{
    ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
    QCOMPARE(client.state(), ScramClient::State::Initial);
    QCOMPARE(client.clientFirstMessage(), RfcClientFirst);
    QCOMPARE(client.state(), ScramClient::State::AwaitingServerFirst);
    QVERIFY2(client.handleServerFirst(RfcServerFirst), qPrintable(client.errorString()));
    QCOMPARE(client.state(), ScramClient::State::AwaitingProof);
    QCOMPARE(client.iterations(), 4096);
    QCOMPARE(client.salt(), QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ=="));
    QVERIFY(client.clientFinalMessage().isEmpty());

    const QByteArray salted = ScramClient::saltedPassword(RfcPassword, client.salt(), client.iterations());
    QVERIFY(client.computeProof(salted));
    QCOMPARE(client.clientFinalMessage(), RfcClientFinal);
    QCOMPARE(client.state(), ScramClient::State::AwaitingServerFinal);
    QVERIFY(!client.isAuthenticated());
    QVERIFY2(client.handleServerFinal(RfcServerFinal), qPrintable(client.errorString()));
    QVERIFY(client.isAuthenticated());
    QCOMPARE(client.error(), ScramClient::Error::None);
}

void tst_Scram::rfc7677Server()
{
    Accounts accounts;
    accounts.table.insert(QStringLiteral("user"), rfcVerifier());
    ScramServer server(accounts.lookup(), Secret, RfcServerNoncePart);
    QCOMPARE(server.handleClientFirst(RfcClientFirst), RfcServerFirst);
    QCOMPARE(server.user(), QStringLiteral("user"));
    QVERIFY(server.userKnown());
    QCOMPARE(server.state(), ScramServer::State::AwaitingClientFinal);
    QCOMPARE(server.handleClientFinal(RfcClientFinal), RfcServerFinal);
    QVERIFY(server.isAuthenticated());
    QCOMPARE(server.error(), ScramServer::Error::None);

    // The server is a copyable value that fits into a QVariant (ServerSession::scratch()).
    ScramServer fresh(accounts.lookup(), Secret, RfcServerNoncePart);
    QVariant stored = QVariant::fromValue(fresh);
    ScramServer back = stored.value<ScramServer>();
    QCOMPARE(back.handleClientFirst(RfcClientFirst), RfcServerFirst);
}

void tst_Scram::protocolDocExample()
{
    // The worked example of docs/auth-section.md (computed there with Python's hashlib/hmac).
    const QString user = QStringLiteral("alice");
    const QByteArray credential = Credentials::scramPassword(user, QStringLiteral("secret123"));
    QCOMPARE(credential, QByteArray("e0943109d94ae756230698dc5683cd13"));
    QByteArray salt;
    for (int i = 0; i < 16; ++i)
        salt.append(char(i));
    const ScramVerifier v = Credentials::deriveVerifier(credential, salt, 4096);
    QCOMPARE(v.salt.toBase64(), QByteArray("AAECAwQFBgcICQoLDA0ODw=="));
    QCOMPARE(v.storedKey.toBase64(), QByteArray("D9FTw7uXOSD6Jn59C1HCDun+DXj4NiFb2FBeJXDeSuM="));
    QCOMPARE(v.serverKey.toBase64(), QByteArray("rpe4K0yihxOBVBEXUnCF2IBRlI3zNtFC8oTASKWRJJM="));

    const QByteArray clientFirst = "n,,n=alice,r=fyko+d2lbbFgONRv9qkxdawL";
    const QByteArray serverFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=AAECAwQFBgcICQoLDA0ODw==,i=4096";
    const QByteArray clientFinal =
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=/cjWe2kWdU9SFbN4IM4FMMxbSZ/gbZIdVj+uPJrrER8=";
    const QByteArray serverFinal = "v=Xcy+BHSf1OjBtSnTzbZFWxGPu61P0bTW4lYNVgLb50M=";

    ScramClient client(user, "fyko+d2lbbFgONRv9qkxdawL");
    Accounts accounts;
    accounts.table.insert(user, v);
    ScramServer server(accounts.lookup(), Secret, "3rfcNHYJY1ZVvWVs7j");
    QCOMPARE(client.clientFirstMessage(), clientFirst);
    QCOMPARE(server.handleClientFirst(clientFirst), serverFirst);
    QVERIFY(client.handleServerFirst(serverFirst));
    QVERIFY(client.computeProofWithPassword(credential));
    QCOMPARE(client.clientFinalMessage(), clientFinal);
    QCOMPARE(server.handleClientFinal(clientFinal), serverFinal);
    QVERIFY(client.handleServerFinal(serverFinal));
}

void tst_Scram::roundTrip_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("ascii") << QStringLiteral("alice") << QStringLiteral("correct horse battery staple");
    QTest::newRow("chinese") << QString::fromUtf8("\xe5\xbc\xa0\xe4\xb8\x89")
                             << QString::fromUtf8("\xe5\xaf\x86\xe7\xa0\x81" "123");
    // Long enough that random base64 (nonces, proofs) cannot contain it by chance.
    QTest::newRow("escaped name") << QStringLiteral("a=b,c") << QStringLiteral("pencil and paper");
}

void tst_Scram::roundTrip()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    Accounts accounts;
    accounts.add(user, password);

    ScramClient client(user);
    ScramServer server(accounts.lookup(), Secret);
    const QByteArray challenge = start(client, server);
    QVERIFY2(!challenge.isEmpty(), qPrintable(server.errorString()));
    QCOMPARE(server.user(), user);
    QCOMPARE(client.state(), ScramClient::State::AwaitingProof);
    QVERIFY(client.computeProofWithPassword(Credentials::scramPassword(user, password)));
    const QByteArray final = server.handleClientFinal(client.clientFinalMessage());
    QVERIFY2(!final.isEmpty(), qPrintable(server.errorString()));
    QVERIFY(server.isAuthenticated());
    QVERIFY2(client.handleServerFinal(final), qPrintable(client.errorString()));
    QVERIFY(client.isAuthenticated());
    // Neither the password nor the credential appears in any message.
    const QByteArray credential = Credentials::scramPassword(user, password);
    for (const QByteArray &m : {client.clientFirstMessage(), challenge, client.clientFinalMessage(), final}) {
        QVERIFY(!m.contains(credential));
        QVERIFY(!m.contains(password.toUtf8()));
    }
}

void tst_Scram::saltedPasswordOffThread()
{
    Accounts accounts;
    accounts.add(QStringLiteral("bob"), QStringLiteral("hunter2"));
    ScramClient client(QStringLiteral("bob"));
    ScramServer server(accounts.lookup(), Secret);
    QVERIFY(!start(client, server).isEmpty());

    // What the GUI does: the pure static step in another thread, the rest on the owning thread.
    const QByteArray password = Credentials::scramPassword(QStringLiteral("bob"), QStringLiteral("hunter2"));
    const QByteArray salt = client.salt();
    const int iterations = client.iterations();
    QByteArray salted;
    std::unique_ptr<QThread> worker(
        QThread::create([&] { salted = ScramClient::saltedPassword(password, salt, iterations); }));
    worker->start();
    QVERIFY(worker->wait(60000));
    QCOMPARE(salted.size(), 32);
    QVERIFY(client.computeProof(salted));
    QVERIFY(client.handleServerFinal(server.handleClientFinal(client.clientFinalMessage())));
}

void tst_Scram::wrongPassword()
{
    Accounts accounts;
    accounts.add(QStringLiteral("alice"), QStringLiteral("right"));
    ScramClient client(QStringLiteral("alice"));
    ScramServer server(accounts.lookup(), Secret);
    QVERIFY(!start(client, server).isEmpty());
    QVERIFY(client.computeProofWithPassword(Credentials::scramPassword(QStringLiteral("alice"), QStringLiteral("wrong"))));
    QVERIFY(server.handleClientFinal(client.clientFinalMessage()).isEmpty());
    QVERIFY(!server.isAuthenticated());
    QCOMPARE(server.state(), ScramServer::State::Failed);
    QCOMPARE(server.error(), ScramServer::Error::InvalidProof);
    QCOMPARE(server.rfcErrorValue(), QByteArray("invalid-proof"));
    QVERIFY(!server.errorString().isEmpty());
    // A failed exchange cannot be continued.
    QVERIFY(server.handleClientFinal(client.clientFinalMessage()).isEmpty());
    QCOMPARE(server.error(), ScramServer::Error::WrongState);
}

void tst_Scram::tamperedNonce()
{
    Accounts accounts;
    accounts.add(QStringLiteral("alice"), QStringLiteral("pw"));
    const QByteArray password = Credentials::scramPassword(QStringLiteral("alice"), QStringLiteral("pw"));

    // Client-final with a different nonce.
    {
        ScramClient client(QStringLiteral("alice"));
        ScramServer server(accounts.lookup(), Secret);
        QVERIFY(!start(client, server).isEmpty());
        QVERIFY(client.computeProofWithPassword(password));
        QByteArray final = client.clientFinalMessage();
        const qsizetype at = final.indexOf(",r=") + 3;
        final[at] = final[at] == 'A' ? 'B' : 'A';
        QVERIFY(server.handleClientFinal(final).isEmpty());
        QCOMPARE(server.error(), ScramServer::Error::NonceMismatch);
    }
    // Server-first whose nonce does not start with the client nonce.
    {
        ScramClient client(QStringLiteral("alice"), "clientnonce");
        client.clientFirstMessage();
        QVERIFY(!client.handleServerFirst("r=clientnoncX123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        QCOMPARE(client.error(), ScramClient::Error::NonceMismatch);
        QVERIFY(client.hasFailed());
    }
    // Server-first that only echoes the client nonce (no server part).
    {
        ScramClient client(QStringLiteral("alice"), "clientnonce");
        client.clientFirstMessage();
        QVERIFY(!client.handleServerFirst("r=clientnonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        QCOMPARE(client.error(), ScramClient::Error::NonceMismatch);
    }
    // Replaying the RFC client-final against a server with another server nonce.
    {
        Accounts rfc;
        rfc.table.insert(QStringLiteral("user"), rfcVerifier());
        ScramServer server(rfc.lookup(), Secret, "someOtherServerNonce");
        QVERIFY(!server.handleClientFirst(RfcClientFirst).isEmpty());
        QVERIFY(server.handleClientFinal(RfcClientFinal).isEmpty());
        QCOMPARE(server.error(), ScramServer::Error::NonceMismatch);
    }
}

void tst_Scram::tamperedProof()
{
    Accounts accounts;
    accounts.table.insert(QStringLiteral("user"), rfcVerifier());
    // Flip one bit of the decoded proof.
    QByteArray proof = QByteArray::fromBase64(RfcClientFinal.mid(RfcClientFinal.indexOf(",p=") + 3));
    proof[5] = char(proof[5] ^ 0x01);
    const QByteArray tampered = RfcClientFinal.left(RfcClientFinal.indexOf(",p=") + 3) + proof.toBase64();
    ScramServer server(accounts.lookup(), Secret, RfcServerNoncePart);
    QCOMPARE(server.handleClientFirst(RfcClientFirst), RfcServerFirst);
    QVERIFY(server.handleClientFinal(tampered).isEmpty());
    QCOMPARE(server.error(), ScramServer::Error::InvalidProof);

    // A proof of the wrong length or not base64 is malformed.
    for (const QByteArray &bad : {RfcClientFinal.left(RfcClientFinal.indexOf(",p=") + 3) + "AAAA",
                                  RfcClientFinal.left(RfcClientFinal.indexOf(",p=") + 3) + "!!!!",
                                  RfcClientFinal.left(RfcClientFinal.indexOf(",p="))}) {
        ScramServer s(accounts.lookup(), Secret, RfcServerNoncePart);
        QVERIFY(!s.handleClientFirst(RfcClientFirst).isEmpty());
        QVERIFY(s.handleClientFinal(bad).isEmpty());
        QCOMPARE(s.error(), ScramServer::Error::MalformedMessage);
    }
}

void tst_Scram::tamperedServerSignature()
{
    ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
    client.clientFirstMessage();
    QVERIFY(client.handleServerFirst(RfcServerFirst));
    QVERIFY(client.computeProofWithPassword(RfcPassword));
    QByteArray signature = QByteArray::fromBase64(RfcServerFinal.mid(2));
    signature[0] = char(signature[0] ^ 0x80);
    QVERIFY(!client.handleServerFinal("v=" + signature.toBase64()));
    QCOMPARE(client.error(), ScramClient::Error::ServerSignatureMismatch);
    QVERIFY(!client.isAuthenticated());
}

void tst_Scram::serverErrorMessage()
{
    ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
    client.clientFirstMessage();
    QVERIFY(client.handleServerFirst(RfcServerFirst));
    QVERIFY(client.computeProofWithPassword(RfcPassword));
    QVERIFY(!client.handleServerFinal("e=invalid-proof"));
    QCOMPARE(client.error(), ScramClient::Error::ServerRejected);
    QCOMPARE(client.serverError(), QStringLiteral("invalid-proof"));
    QVERIFY(client.errorString().contains(QStringLiteral("invalid-proof")));
}

void tst_Scram::clientRejectsBadServerFirst_data()
{
    QTest::addColumn<QByteArray>("serverFirst");
    QTest::addColumn<int>("error");
    const int malformed = int(ScramClient::Error::MalformedMessage);
    QTest::newRow("empty") << QByteArray() << malformed;
    QTest::newRow("missing i") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==") << malformed;
    QTest::newRow("wrong order") << QByteArray("s=W22ZaJ0SNY7soEsUEjb6gQ==,r=abcXYZ,i=4096") << malformed;
    QTest::newRow("i not a number") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=40x6") << malformed;
    QTest::newRow("i negative") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096") << malformed;
    QTest::newRow("i too large for int") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999") << malformed;
    QTest::newRow("i too low") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000")
                               << int(ScramClient::Error::IterationsOutOfRange);
    QTest::newRow("i too high") << QByteArray("r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=2000000000")
                                << int(ScramClient::Error::IterationsOutOfRange);
    QTest::newRow("bad salt") << QByteArray("r=abcXYZ,s=***,i=4096") << int(ScramClient::Error::InvalidSalt);
    QTest::newRow("empty salt") << QByteArray("r=abcXYZ,s=,i=4096") << int(ScramClient::Error::InvalidSalt);
    QTest::newRow("mandatory extension") << QByteArray("m=foo,r=abcXYZ,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                                         << int(ScramClient::Error::ExtensionNotSupported);
    QTest::newRow("no attribute syntax") << QByteArray("hello world") << malformed;
}

void tst_Scram::clientRejectsBadServerFirst()
{
    QFETCH(QByteArray, serverFirst);
    QFETCH(int, error);
    ScramClient client(QStringLiteral("alice"), "abc");
    client.clientFirstMessage();
    QVERIFY(!client.handleServerFirst(serverFirst));
    QCOMPARE(int(client.error()), error);
    QVERIFY(!client.errorString().isEmpty());
    QVERIFY(client.clientFinalMessage().isEmpty());
}

void tst_Scram::serverRejectsBadClientFirst_data()
{
    QTest::addColumn<QByteArray>("clientFirst");
    QTest::addColumn<int>("error");
    const int malformed = int(ScramServer::Error::MalformedMessage);
    QTest::newRow("empty") << QByteArray() << malformed;
    QTest::newRow("no gs2 header") << QByteArray("n=user,r=abc") << malformed;
    QTest::newRow("flag y") << QByteArray("y,,n=user,r=abc") << int(ScramServer::Error::ChannelBindingNotSupported);
    QTest::newRow("flag p") << QByteArray("p=tls-unique,,n=user,r=abc")
                            << int(ScramServer::Error::ChannelBindingNotSupported);
    QTest::newRow("bad flag") << QByteArray("x,,n=user,r=abc") << int(ScramServer::Error::MalformedMessage);
    QTest::newRow("authzid") << QByteArray("n,a=admin,n=user,r=abc") << int(ScramServer::Error::AuthzidNotSupported);
    QTest::newRow("mandatory extension") << QByteArray("n,,m=x,n=user,r=abc")
                                         << int(ScramServer::Error::ExtensionNotSupported);
    QTest::newRow("missing nonce") << QByteArray("n,,n=user") << int(ScramServer::Error::MalformedMessage);
    QTest::newRow("empty nonce") << QByteArray("n,,n=user,r=") << int(ScramServer::Error::InvalidNonce);
    QTest::newRow("nonce with space") << QByteArray("n,,n=user,r=a b") << int(ScramServer::Error::InvalidNonce);
    QTest::newRow("bad escape") << QByteArray("n,,n=us=2Xer,r=abc") << int(ScramServer::Error::InvalidUserNameEncoding);
    QTest::newRow("raw equals") << QByteArray("n,,n=a=b,r=abc") << int(ScramServer::Error::InvalidUserNameEncoding);
    QTest::newRow("empty user") << QByteArray("n,,n=,r=abc") << int(ScramServer::Error::InvalidUserNameEncoding);
    QTest::newRow("bad utf8") << QByteArray("n,,n=\xff\xfe,r=abc") << int(ScramServer::Error::InvalidUserNameEncoding);
}

void tst_Scram::serverRejectsBadClientFirst()
{
    QFETCH(QByteArray, clientFirst);
    QFETCH(int, error);
    Accounts accounts;
    ScramServer server(accounts.lookup(), Secret);
    QVERIFY(server.handleClientFirst(clientFirst).isEmpty());
    QCOMPARE(int(server.error()), error);
    QCOMPARE(server.state(), ScramServer::State::Failed);
    QVERIFY(!server.errorString().isEmpty());
    QVERIFY(!server.rfcErrorValue().isEmpty());
}

void tst_Scram::channelBindingMismatch()
{
    Accounts accounts;
    accounts.table.insert(QStringLiteral("user"), rfcVerifier());
    ScramServer server(accounts.lookup(), Secret, RfcServerNoncePart);
    QVERIFY(!server.handleClientFirst(RfcClientFirst).isEmpty());
    QByteArray final = RfcClientFinal;
    final.replace("c=biws", "c=eSws"); // base64("y,,")
    QVERIFY(server.handleClientFinal(final).isEmpty());
    QCOMPARE(server.error(), ScramServer::Error::ChannelBindingMismatch);
    QCOMPARE(server.rfcErrorValue(), QByteArray("channel-bindings-dont-match"));
}

void tst_Scram::unknownUserIndistinguishable()
{
    Accounts accounts;
    accounts.add(QStringLiteral("alice"), QStringLiteral("pw"), Credentials::DefaultIterations);

    auto challengeFor = [&](const QString &user, const QByteArray &secret) {
        ScramClient client(user, "fixedClientNonce");
        ScramServer server(accounts.lookup(), secret, "fixedServerNonce");
        return server.handleClientFirst(client.clientFirstMessage());
    };
    auto parse = [](const QByteArray &serverFirst) {
        const QList<QByteArray> parts = serverFirst.split(',');
        return parts;
    };

    const QByteArray known = challengeFor(QStringLiteral("alice"), Secret);
    const QByteArray unknown = challengeFor(QStringLiteral("mallory"), Secret);
    QVERIFY(!known.isEmpty());
    QVERIFY(!unknown.isEmpty());
    const QList<QByteArray> k = parse(known);
    const QList<QByteArray> u = parse(unknown);
    QCOMPARE(u.size(), k.size());
    QCOMPARE(u.at(0), k.at(0)); // same nonce handling
    QVERIFY(u.at(1).startsWith("s="));
    QCOMPARE(QByteArray::fromBase64(u.at(1).mid(2)).size(), QByteArray::fromBase64(k.at(1).mid(2)).size());
    QCOMPARE(u.at(2), k.at(2)); // same iteration count (fake count = the count clients register with)

    // Deterministic: the same salt on every attempt, for a given secret; differs per user and per secret.
    QCOMPARE(challengeFor(QStringLiteral("mallory"), Secret), unknown);
    QVERIFY(challengeFor(QStringLiteral("trudy"), Secret) != unknown);
    QVERIFY(challengeFor(QStringLiteral("mallory"), "another secret, 32 bytes long...") != unknown);

    // The final step fails exactly like a wrong password.
    auto finish = [&](const QString &user, const QString &password) {
        ScramClient client(user);
        ScramServer server(accounts.lookup(), Secret);
        server.setFakeIterations(4096);
        start(client, server);
        client.computeProofWithPassword(Credentials::scramPassword(user, password));
        const QByteArray reply = server.handleClientFinal(client.clientFinalMessage());
        return std::make_tuple(reply, server.error(), server.errorString(), server.rfcErrorValue(), server.userKnown());
    };
    const auto wrong = finish(QStringLiteral("alice"), QStringLiteral("nope"));
    const auto missing = finish(QStringLiteral("mallory"), QStringLiteral("nope"));
    QVERIFY(std::get<0>(wrong).isEmpty());
    QVERIFY(std::get<0>(missing).isEmpty());
    QCOMPARE(std::get<1>(missing), ScramServer::Error::InvalidProof);
    QCOMPARE(std::get<1>(missing), std::get<1>(wrong));
    QCOMPARE(std::get<2>(missing), std::get<2>(wrong));
    QCOMPARE(std::get<3>(missing), std::get<3>(wrong));
    QVERIFY(std::get<4>(wrong));    // the log may tell them apart
    QVERIFY(!std::get<4>(missing));

    // The stand-in verifier is well-formed.
    QVERIFY(Credentials::isValidVerifier(ScramServer::fakeVerifier(Secret, QStringLiteral("x"), 4096)));
}

void tst_Scram::saslNameEscaping()
{
    ScramClient client(QStringLiteral("a=b,c"), "nonce");
    QCOMPARE(client.clientFirstMessage(), QByteArray("n,,n=a=3Db=2Cc,r=nonce"));

    QString seen;
    ScramServer server([&](const QString &user) -> std::optional<ScramVerifier> {
        seen = user;
        return std::nullopt;
    }, Secret);
    QVERIFY(!server.handleClientFirst(client.clientFirstMessage()).isEmpty());
    QCOMPARE(seen, QStringLiteral("a=b,c"));
    QCOMPARE(server.user(), QStringLiteral("a=b,c"));

    ScramClient chinese(QString::fromUtf8("\xe5\xbc\xa0\xe4\xb8\x89"), "n");
    QCOMPARE(chinese.clientFirstMessage(), QByteArray("n,,n=\xe5\xbc\xa0\xe4\xb8\x89,r=n"));
}

void tst_Scram::outOfOrder()
{
    {
        ScramClient client(QStringLiteral("alice"));
        QVERIFY(!client.handleServerFirst(RfcServerFirst)); // before client-first
        QCOMPARE(client.error(), ScramClient::Error::WrongState);
    }
    {
        ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
        client.clientFirstMessage();
        QVERIFY(!client.computeProof(QByteArray(32, 'x'))); // before server-first
        QCOMPARE(client.error(), ScramClient::Error::WrongState);
    }
    {
        ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
        client.clientFirstMessage();
        QVERIFY(client.handleServerFirst(RfcServerFirst));
        QVERIFY(!client.computeProof(QByteArray(31, 'x')));
        QCOMPARE(client.error(), ScramClient::Error::InvalidSaltedPassword);
    }
    {
        ScramClient client(QString::fromLatin1(RfcUser), RfcClientNonce);
        client.clientFirstMessage();
        QVERIFY(client.handleServerFirst(RfcServerFirst));
        QVERIFY(!client.handleServerFinal(RfcServerFinal)); // before the proof
        QCOMPARE(client.error(), ScramClient::Error::WrongState);
    }
    {
        Accounts accounts;
        ScramServer server(accounts.lookup(), Secret);
        QVERIFY(server.handleClientFinal(RfcClientFinal).isEmpty());
        QCOMPARE(server.error(), ScramServer::Error::WrongState);
    }
    {
        ScramServer unconfigured;
        QVERIFY(unconfigured.handleClientFirst(RfcClientFirst).isEmpty());
        QCOMPARE(unconfigured.error(), ScramServer::Error::NotConfigured);
    }
    {
        Accounts accounts;
        accounts.table.insert(QStringLiteral("user"), rfcVerifier());
        ScramServer server(accounts.lookup(), Secret, RfcServerNoncePart);
        QVERIFY(!server.handleClientFirst(RfcClientFirst).isEmpty());
        QVERIFY(server.handleClientFirst(RfcClientFirst).isEmpty()); // a second client-first
        QCOMPARE(server.error(), ScramServer::Error::WrongState);
    }
}

void tst_Scram::injectedNonceValidation()
{
    ScramClient bad(QStringLiteral("alice"), "has,comma");
    QVERIFY(bad.hasFailed());
    QCOMPARE(bad.error(), ScramClient::Error::InvalidNonce);
    QVERIFY(bad.clientFirstMessage().isEmpty());

    ScramClient noUser(QString(), "nonce");
    QVERIFY(noUser.hasFailed());
    QCOMPARE(noUser.error(), ScramClient::Error::InvalidUserName);

    // Random nonces: printable, distinct.
    ScramClient a(QStringLiteral("alice")), b(QStringLiteral("alice"));
    QVERIFY(a.clientNonce().size() >= 16);
    QVERIFY(a.clientNonce() != b.clientNonce());
    QVERIFY(!a.clientNonce().contains(','));
}

void tst_Scram::constantTimeEquals()
{
    QVERIFY(Credentials::constantTimeEquals(QByteArray(), QByteArray()));
    QVERIFY(Credentials::constantTimeEquals("abc", "abc"));
    QVERIFY(!Credentials::constantTimeEquals("abc", "abd"));
    QVERIFY(!Credentials::constantTimeEquals("abc", "abcd"));
    QVERIFY(!Credentials::constantTimeEquals(QByteArray(32, '\0'), QByteArray(31, '\0')));
    QCOMPARE(Credentials::xorBytes("\x0f\xf0", "\xff\xff"), QByteArray("\xf0\x0f"));
    QVERIFY(Credentials::xorBytes("a", "ab").isEmpty());
}

void tst_Scram::verifierValidation()
{
    ScramVerifier v = rfcVerifier();
    QString why;
    QVERIFY(Credentials::isValidVerifier(v, &why));
    QVERIFY(why.isEmpty());
    ScramVerifier low = v;
    low.iterations = 4095;
    QVERIFY(!Credentials::isValidVerifier(low, &why));
    QVERIFY(!why.isEmpty());
    ScramVerifier scheme = v;
    scheme.scheme = 2;
    QVERIFY(!Credentials::isValidVerifier(scheme));
    ScramVerifier shortKey = v;
    shortKey.storedKey.chop(1);
    QVERIFY(!Credentials::isValidVerifier(shortKey));
    ScramVerifier noSalt = v;
    noSalt.salt.clear();
    QVERIFY(!Credentials::isValidVerifier(noSalt));

    // Fresh random salts.
    const ScramVerifier a = Credentials::deriveVerifier("pw", 4096);
    const ScramVerifier b = Credentials::deriveVerifier("pw", 4096);
    QCOMPARE(a.salt.size(), Credentials::SaltSize);
    QVERIFY(a.salt != b.salt);
    QVERIFY(a.storedKey != b.storedKey);
}

void tst_Scram::pbkdf2MatchesQt()
{
    // Pbkdf2Sha256 agrees with Qt's own PBKDF2 (the implementation used first), also for
    // passwords of exactly, and one byte over, SHA-256's block (HMAC hashes a longer key first)
    // and odd salt sizes.
    QList<std::tuple<QByteArray, QByteArray, int>> cases = {
        {"0123456789abcdef0123456789abcdef", "saltsaltsaltsalt", 4096},
        {"", "12345678", 1},
        {QByteArray(100, 'p'), QByteArray(64, 's'), 4097},
        {QByteArray(64, 'q'), QByteArray(1, 's'), 3},
        {QByteArray(65, 'q'), QByteArray(65, 's'), 3},
        {"pencil", QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ=="), 2},
    };
    for (int i = 0; i < 8; ++i)
        cases.append({Credentials::randomBytes(i * 11), Credentials::randomBytes(1 + i * 9), 1 + i * 37});
    for (const auto &[password, salt, iterations] : cases)
        QCOMPARE(Credentials::saltedPassword(password, salt, iterations),
                 QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password, salt, iterations, 32));
    QVERIFY(Credentials::saltedPassword("pw", QByteArray(), 4096).isEmpty());
    QVERIFY(Credentials::saltedPassword("pw", "saltsalt", 0).isEmpty());
    // RFC 7914 section 11's PBKDF2-HMAC-SHA256 vectors (the first 32 of their 64 bytes).
    QCOMPARE(Credentials::saltedPassword("passwd", "salt", 1).toHex(),
             QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
    QCOMPARE(Credentials::saltedPassword("Password", "NaCl", 80000).toHex(),
             QByteArray("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"));
}

void tst_Scram::pbkdf2Timing()
{
    // Informational: how long the client's SaltedPassword takes on this machine.
    for (const int iterations : {4096, Credentials::DefaultIterations}) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray key = ScramClient::saltedPassword("0123456789abcdef0123456789abcdef", "saltsaltsaltsalt", iterations);
        qInfo("PBKDF2-HMAC-SHA-256, %d iterations: %lld ms", iterations, timer.elapsed());
        QCOMPARE(key.size(), 32);
    }
}

QTEST_GUILESS_MAIN(tst_Scram)
#include "tst_scram.moc"
