// Device tokens, failed-login reports and registration limits against a real server on loopback
// (docs/PROTOCOL.md 6.3, 6.6; issue 9 items 3 and 4): an attacker's failures, even from the
// victim's own address, do not lock out a device that logged in before.
#include "net/auth/authservice.h"
#include "net/auth/credentials.h"
#include "net/auth/userstore.h"
#include "net/client/clientsession.h"
#include "net/client/devicetokenkeeper.h"
#include "rawloginpeer.h"
#include "testserver.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Switchboard;

namespace {

const QString Victim = QStringLiteral("victim");
const QString Password = QStringLiteral("correct horse");
const QHostAddress Home(QStringLiteral("127.0.0.1"));
const QHostAddress Attacker(QStringLiteral("127.0.0.2"));
const QHostAddress Elsewhere(QStringLiteral("127.0.0.3"));

void addUser(Test::TestServer &server, const QString &name, const QString &password = Password)
{
    const ScramVerifier v = Credentials::deriveVerifier(Credentials::scramPassword(name, password), Credentials::MinIterations);
    QVERIFY(server.runtime().users()->addUser(name, v));
}

// Logs `user` in from home and returns the device token the server issued.
QString tokenFor(Test::TestServer &server, const QString &user)
{
    const Test::RawLogin login = Test::rawLogIn(server.port(), Home, user, Password);
    if (login.code != QLatin1String("auth.ok"))
        return QString();
    return login.ok->deviceToken;
}

// Failed logins for `user` from `from` without a token until the pair is locked.
void lockPair(Test::TestServer &server, const QHostAddress &from, const QString &user)
{
    QStringList codes;
    for (int i = 0; i < 5; ++i)
        codes << Test::rawLogIn(server.port(), from, user, QStringLiteral("guess %1").arg(i)).code;
    QCOMPARE(codes.last(), QStringLiteral("auth_locked"));
    QCOMPARE(Test::rawLogIn(server.port(), from, user, Password).code, QStringLiteral("auth_locked"));
}

class MemoryKeeper : public DeviceTokenKeeper
{
public:
    QString token(const QString &account) const override { return tokens.value(account); }
    void setToken(const QString &account, const QString &token) override { tokens.insert(account, token); }
    QHash<QString, QString> tokens;
};

} // namespace

class TestDeviceTokens : public QObject
{
    Q_OBJECT
private slots:
    void tokenSparesItsDeviceFromOthersLocks();
    void wrongPasswordWithTokenFailsAndCounts();
    void tokensArePerAccount();
    void failedLoginsReportedOnceAtNextLogin();
    void clientSessionKeepsAndPresentsItsToken();
    void registrationsPerAddressPerHour();
    void maxUsers();
};

void TestDeviceTokens::tokenSparesItsDeviceFromOthersLocks()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addUser(server, Victim);
    const QString token = tokenFor(server, Victim);
    QCOMPARE(token.size(), 43);

    // An attacker behind the victim's own address (one NAT) locks the pair, then the address.
    lockPair(server, Home, Victim);
    LoginThrottle &throttle = server.runtime().auth()->throttle();
    for (int i = 0; throttle.addressLockedFor(Home) == 0 && i < 100; ++i)
        throttle.recordAttempt(QStringLiteral("spray%1").arg(i), Home);
    QVERIFY(throttle.addressLockedFor(Home) > 0);
    QCOMPARE(Test::rawLogIn(server.port(), Home, Victim, Password).code, QStringLiteral("auth_locked"));

    // The victim's device presents its token: in, from the locked address and from elsewhere.
    const Test::RawLogin login = Test::rawLogIn(server.port(), Home, Victim, Password, token);
    QCOMPARE(login.code, QStringLiteral("auth.ok"));
    QVERIFY(login.ok->deviceToken.isEmpty()); // it keeps the token it has
    QCOMPARE(Test::rawLogIn(server.port(), Elsewhere, Victim, Password, token).code, QStringLiteral("auth.ok"));
    // The locks stay for everyone else.
    QCOMPARE(Test::rawLogIn(server.port(), Home, Victim, Password).code, QStringLiteral("auth_locked"));
}

void TestDeviceTokens::wrongPasswordWithTokenFailsAndCounts()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addUser(server, Victim);
    const QString token = tokenFor(server, Victim);
    QVERIFY(!token.isEmpty());
    QSignalSpy failures(server.runtime().auth(), &AuthService::loginFailed);

    QStringList codes;
    for (int i = 0; i < 5; ++i)
        codes << Test::rawLogIn(server.port(), Home, Victim, QStringLiteral("wrong %1").arg(i), token).code;
    QCOMPARE(codes, QStringList({"auth_failed", "auth_failed", "auth_failed", "auth_failed", "auth_locked"}));
    QCOMPARE(failures.size(), 5);
    // The token itself is locked now, even with the right password...
    const Test::RawLogin locked = Test::rawLogIn(server.port(), Home, Victim, Password, token);
    QCOMPARE(locked.code, QStringLiteral("auth_locked"));
    QVERIFY(locked.retryAfter > 0);
    // ...and its failures counted for the address, not for the (account, address) pair.
    LoginThrottle &throttle = server.runtime().auth()->throttle();
    QCOMPARE(throttle.pairFailures(Victim, Home), 0);
    QCOMPARE(throttle.addressFailures(Home), 5); // the refused sixth never started
    // Reported to the owner, who logs in from elsewhere without the token.
    const Test::RawLogin elsewhere = Test::rawLogIn(server.port(), Elsewhere, Victim, Password);
    QCOMPARE(elsewhere.code, QStringLiteral("auth.ok"));
    QCOMPARE(elsewhere.ok->failedLogins.count, 5);
}

void TestDeviceTokens::tokensArePerAccount()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addUser(server, QStringLiteral("alice"));
    addUser(server, QStringLiteral("bob"));
    const QString alices = tokenFor(server, QStringLiteral("alice"));
    const QString bobs = tokenFor(server, QStringLiteral("bob"));
    QVERIFY(!alices.isEmpty() && !bobs.isEmpty() && alices != bobs);

    lockPair(server, Home, QStringLiteral("bob"));
    // alice's token is no token of bob's, nor is a made-up one: the lock holds.
    QCOMPARE(Test::rawLogIn(server.port(), Home, QStringLiteral("bob"), Password, alices).code,
             QStringLiteral("auth_locked"));
    QString madeUp = bobs;
    madeUp[0] = madeUp[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QCOMPARE(Test::rawLogIn(server.port(), Home, QStringLiteral("bob"), Password, madeUp).code,
             QStringLiteral("auth_locked"));
    // bob's own token opens it; alice's still works for alice.
    QCOMPARE(Test::rawLogIn(server.port(), Home, QStringLiteral("bob"), Password, bobs).code, QStringLiteral("auth.ok"));
    QCOMPARE(Test::rawLogIn(server.port(), Home, QStringLiteral("alice"), Password, alices).code,
             QStringLiteral("auth.ok"));
}

void TestDeviceTokens::failedLoginsReportedOnceAtNextLogin()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addUser(server, Victim);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(Test::rawLogIn(server.port(), Attacker, Victim, QStringLiteral("guess %1").arg(i)).code,
                 QStringLiteral("auth_failed"));
    // Unknown names are not recorded anywhere (nothing to report to anyone).
    QCOMPARE(Test::rawLogIn(server.port(), Attacker, QStringLiteral("nobody"), Password).code,
             QStringLiteral("auth_failed"));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const Test::RawLogin first = Test::rawLogIn(server.port(), Home, Victim, Password);
    QCOMPARE(first.code, QStringLiteral("auth.ok"));
    QCOMPARE(first.ok->failedLogins.count, 3);
    QCOMPARE(first.ok->failedLogins.lastFrom, QStringLiteral("127.0.0.2"));
    QVERIFY(first.ok->failedLogins.lastMs >= before && first.ok->failedLogins.lastMs <= after);

    // Reported once: the next login has nothing to say.
    const Test::RawLogin second = Test::rawLogIn(server.port(), Home, Victim, Password);
    QCOMPARE(second.code, QStringLiteral("auth.ok"));
    QCOMPARE(second.ok->failedLogins.count, 0);
}

void TestDeviceTokens::clientSessionKeepsAndPresentsItsToken()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addUser(server, Victim);
    MemoryKeeper keeper;
    {
        ClientSession session;
        session.setAutoReconnect(false);
        session.setDeviceTokenKeeper(&keeper);
        QSignalSpy in(&session, &ClientSession::loggedIn);
        session.logIn(QStringLiteral("127.0.0.1"), server.port(), Victim, Password);
        QVERIFY(in.wait(Test::RawLoginPeer::LongWait));
        session.logOut();
    }
    const QString account = Victim + QStringLiteral("@127.0.0.1:") + QString::number(server.port());
    QCOMPARE(keeper.tokens.keys(), QStringList{account});
    QCOMPARE(keeper.tokens.value(account).size(), 43);

    // Locked out at home by someone else's failures, who also failed twice more elsewhere.
    lockPair(server, Home, Victim);
    QCOMPARE(Test::rawLogIn(server.port(), Attacker, Victim, QStringLiteral("x")).code, QStringLiteral("auth_failed"));
    ClientSession session;
    session.setAutoReconnect(false);
    session.setDeviceTokenKeeper(&keeper);
    QSignalSpy in(&session, &ClientSession::loggedIn);
    QSignalSpy failed(&session, &ClientSession::loginFailed);
    QSignalSpy reported(&session, &ClientSession::failedLoginsReported);
    session.logIn(QStringLiteral("127.0.0.1"), server.port(), Victim, Password);
    QVERIFY(QTest::qWaitFor([&] { return !in.isEmpty() || !failed.isEmpty(); }, Test::RawLoginPeer::LongWait));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(reported.size(), 1);
    QCOMPARE(reported.at(0).at(0).toInt(), 6); // five wrong proofs at home (the last answered locked), one elsewhere
    QCOMPARE(reported.at(0).at(2).toString(), QStringLiteral("127.0.0.2"));
    QCOMPARE(keeper.tokens.size(), 1); // no second token: it presented a valid one
}

void TestDeviceTokens::registrationsPerAddressPerHour()
{
    ServerConfig config;
    config.maxRegistrationsPerHour = 3;
    Test::TestServer server(config);
    QVERIFY(server.ok());
    const QHostAddress flooder(QStringLiteral("127.0.0.4"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(Test::rawRegister(server.port(), flooder, QStringLiteral("flood%1").arg(i), Password).code,
                 QStringLiteral("registered"));
    const Test::RawLogin refused = Test::rawRegister(server.port(), flooder, QStringLiteral("flood3"), Password);
    QCOMPARE(refused.code, QStringLiteral("too_many_registrations"));
    QVERIFY2(refused.retryAfter > 3500 && refused.retryAfter <= 3600, qPrintable(QString::number(refused.retryAfter)));
    QVERIFY(!server.runtime().users()->contains(QStringLiteral("flood3")));
    // Refusals that created no account do not count: another address is unaffected, and a
    // taken name costs nothing.
    QCOMPARE(Test::rawRegister(server.port(), Elsewhere, QStringLiteral("flood0"), Password).code,
             QStringLiteral("user_exists"));
    QCOMPARE(Test::rawRegister(server.port(), Elsewhere, QStringLiteral("neighbour"), Password).code,
             QStringLiteral("registered"));
    // The accounts it did create log in as usual.
    QCOMPARE(Test::rawLogIn(server.port(), flooder, QStringLiteral("flood2"), Password).code, QStringLiteral("auth.ok"));
}

void TestDeviceTokens::maxUsers()
{
    ServerConfig config;
    config.maxUsers = 3;
    config.maxRegistrationsPerHour = 0; // no limit: this test is about the total
    Test::TestServer server(config);
    QVERIFY(server.ok());
    addUser(server, QStringLiteral("admin1")); // accounts the operator added count too
    QCOMPARE(Test::rawRegister(server.port(), Home, QStringLiteral("u1"), Password).code, QStringLiteral("registered"));
    QCOMPARE(Test::rawRegister(server.port(), Home, QStringLiteral("u2"), Password).code, QStringLiteral("registered"));
    QCOMPARE(Test::rawRegister(server.port(), Elsewhere, QStringLiteral("u3"), Password).code,
             QStringLiteral("too_many_users"));
    QCOMPARE(server.runtime().users()->userCount(), 3);
    QVERIFY(server.runtime().users()->removeUser(QStringLiteral("u1")));
    QCOMPARE(Test::rawRegister(server.port(), Elsewhere, QStringLiteral("u3"), Password).code, QStringLiteral("registered"));
}

QTEST_GUILESS_MAIN(TestDeviceTokens)
#include "tst_devicetokens.moc"
