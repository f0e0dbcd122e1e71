// Iteration counts and key reuse at login, over real sockets on loopback. The server stores the
// count each registering client chose (4096 and up) and announces it per user, so verifiers made
// with different counts all keep working; Switchboard's own client registers with at least
// 100,000; a client that reconnects (the server dropped it) or logs in again as the same account
// reuses the SaltedPassword it derived instead of running PBKDF2 again.

#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/auth/userstore.h"
#include "net/client/chatclient.h"
#include "net/client/clientsession.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "answer.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int LongWait = 15000;

// Registers `user` with a verifier of `iterations` made here (as any client may).
Test::Answer<Registered> registerWith(ChatClient &client, const QString &user, const QString &password, int iterations)
{
    const ScramVerifier v = Credentials::deriveVerifier(Credentials::scramPassword(user, password), iterations);
    return Test::ask<Registered>(client, Register{0, user, v.scheme, v.salt, v.iterations, v.storedKey, v.serverKey},
                                 LongWait);
}

// Runs SCRAM by hand; returns the iteration count the server announced, or -1 on failure.
int scramLogin(ChatClient &client, const QString &user, const QString &password)
{
    ScramClient scram(user);
    const auto challenge =
        Test::ask<AuthChallenge>(client, AuthStart{0, QStringLiteral("SCRAM-SHA-256"), QString::fromUtf8(scram.clientFirstMessage()), {}}, LongWait);
    if (!challenge.ok() || !scram.handleServerFirst(challenge->data.toUtf8())
        || !scram.computeProofWithPassword(Credentials::scramPassword(user, password)))
        return -1;
    const auto ok = Test::ask<AuthOk>(client, AuthFinish{0, QString::fromUtf8(scram.clientFinalMessage())}, LongWait);
    if (!ok.ok() || !scram.handleServerFinal(ok->data.toUtf8()))
        return -1;
    return scram.iterations();
}

bool connectClient(ChatClient &client, quint16 port)
{
    client.setKeepaliveInterval(0);
    QSignalSpy ready(&client, &ChatClient::ready);
    client.connectToServer(QStringLiteral("127.0.0.1"), port);
    return ready.wait(LongWait);
}

bool logIn(ClientSession &session, quint16 port, const QString &user, const QString &password, bool registerFirst)
{
    QSignalSpy ok(&session, &ClientSession::loggedIn);
    QSignalSpy failed(&session, &ClientSession::loginFailed);
    session.logIn(QStringLiteral("127.0.0.1"), port, user, password, registerFirst);
    QDeadlineTimer deadline(LongWait);
    while (ok.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
        QTest::qWait(10);
    return !ok.isEmpty();
}

} // namespace

class TestLogins : public QObject
{
    Q_OBJECT

private slots:
    void serverKeepsEachUsersCount();
    void clientRegistersWithAtLeast100000();
    void reconnectReusesTheDerivedKey();
};

void TestLogins::serverKeepsEachUsersCount()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    // An account made before (or by an administrator) with yet another count.
    QVERIFY(server.runtime().users()->addUser(
        QStringLiteral("old"), Credentials::deriveVerifier(Credentials::scramPassword(QStringLiteral("old"), QStringLiteral("pw")), 5000)));

    ChatClient client;
    QVERIFY(connectClient(client, server.port()));
    QCOMPARE(registerWith(client, QStringLiteral("low"), QStringLiteral("pw"), 4095).error.code, ErrorCode::BadRequest);
    QVERIFY(registerWith(client, QStringLiteral("min"), QStringLiteral("pw"), 4096).ok());
    QVERIFY(registerWith(client, QStringLiteral("many"), QStringLiteral("pw"), 150000).ok());
    QVERIFY(!server.runtime().users()->contains(QStringLiteral("low")));
    QCOMPARE(server.runtime().users()->verifier(QStringLiteral("min"))->iterations, 4096);
    QCOMPARE(server.runtime().users()->verifier(QStringLiteral("many"))->iterations, 150000);

    // Each logs in with the count it registered with (one connection each: a login is for good).
    const QList<std::pair<QString, int>> users = {
        {QStringLiteral("min"), 4096}, {QStringLiteral("many"), 150000}, {QStringLiteral("old"), 5000}};
    for (const auto &[user, iterations] : users) {
        ChatClient c;
        QVERIFY(connectClient(c, server.port()));
        QCOMPARE(scramLogin(c, user, QStringLiteral("pw")), iterations);
    }
    // And through the client core, which takes the count from the challenge.
    ClientSession session;
    session.setAutoReconnect(false);
    QVERIFY(logIn(session, server.port(), QStringLiteral("min"), QStringLiteral("pw"), false));
}

void TestLogins::clientRegistersWithAtLeast100000()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    ClientSession session;
    session.setAutoReconnect(false);
    QVERIFY(logIn(session, server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    const auto v = server.runtime().users()->verifier(QStringLiteral("alice"));
    QVERIFY(v.has_value());
    QVERIFY(v->iterations >= 100000);
    QCOMPARE(Credentials::DefaultIterations, v->iterations);
}

void TestLogins::reconnectReusesTheDerivedKey()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    ClientSession session;
    const quint64 before = Credentials::derivationCount();
    QVERIFY(logIn(session, server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    // Registration derives once; its key is reused for the login right after.
    QCOMPARE(Credentials::derivationCount(), before + 1);

    // The server drops the connection (as a restart or a network failure would): the session
    // logs in again by itself, with the cached SaltedPassword.
    QSignalSpy down(&session, &ClientSession::disconnected);
    for (ServerSession *s : server.runtime().server()->sessionsOf(QStringLiteral("bob")))
        s->connection()->abort();
    QVERIFY(down.wait(LongWait));
    QTRY_COMPARE_WITH_TIMEOUT(session.status(), ClientSession::Status::Online, LongWait);
    QCOMPARE(server.runtime().server()->sessionsOf(QStringLiteral("bob")).size(), 1);
    QCOMPARE(Credentials::derivationCount(), before + 1);

    // Logging in again as the same account (the login dialog's "connect" once more) derives nothing.
    QVERIFY(logIn(session, server.port(), QStringLiteral("bob"), QStringLiteral("pw"), false));
    QCOMPARE(Credentials::derivationCount(), before + 1);

    // Another password is another key: derived (and refused).
    QVERIFY(!logIn(session, server.port(), QStringLiteral("bob"), QStringLiteral("wrong"), false));
    QCOMPARE(Credentials::derivationCount(), before + 2);
}

QTEST_GUILESS_MAIN(TestLogins)
#include "tst_logins.moc"
