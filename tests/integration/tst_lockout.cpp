// The login lockout against a real server on loopback, tried as an attacker would (issue 9):
// parallel guesses, a victim on another address, hostile names in the log.
#include "net/auth/authservice.h"
#include "net/auth/credentials.h"
#include "net/auth/userstore.h"
#include "rawloginpeer.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Switchboard;

namespace {

constexpr int LongWait = Test::RawLoginPeer::LongWait;
const QString Victim = QStringLiteral("victim");
const QString Password = QStringLiteral("correct horse");
const QHostAddress AttackerAddress(QStringLiteral("127.0.0.2"));

using Peer = Test::RawLoginPeer;
using Peers = std::vector<std::unique_ptr<Peer>>;

bool allAnswered(const Peers &peers, size_t from, size_t to, qint64 id)
{
    for (size_t i = from; i < to; ++i)
        if (!peers[i]->answer(id))
            return false;
    return true;
}

void addVictim(Test::TestServer &server)
{
    const ScramVerifier v = Credentials::deriveVerifier(Credentials::scramPassword(Victim, Password), Credentials::MinIterations);
    QVERIFY(server.runtime().users()->addUser(Victim, v));
}

// A full login from `from`; the code of its last answer ("auth.ok" on success).
QString logIn(quint16 port, const QHostAddress &from, const QString &user, const QString &password)
{
    return Test::rawLogIn(port, from, user, password).code;
}

} // namespace

class TestLockout : public QObject
{
    Q_OBJECT
private slots:
    void parallelGuessesCannotPassTheLimit();
    void victimElsewhereIsNotLocked();
    void namesEscapedInLog();
};

void TestLockout::parallelGuessesCannotPassTheLimit()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addVictim(server);
    QSignalSpy failures(server.runtime().auth(), &AuthService::loginFailed);

    const int n = 60;
    Peers peers;
    for (int i = 0; i < n; ++i)
        peers.push_back(std::make_unique<Peer>(server.port(), AttackerAddress, Victim));
    QVERIFY(QTest::qWaitFor([&] { return std::all_of(peers.begin(), peers.end(), [](auto &p) { return p->helloed(); }); }, LongWait));

    // auth.start on all: the first 58 at once, then the last two.
    for (int i = 0; i < n - 2; ++i)
        peers[size_t(i)]->start();
    QVERIFY(QTest::qWaitFor([&] { return allAnswered(peers, 0, n - 2, 2); }, LongWait));
    peers[n - 2]->start();
    peers[n - 1]->start();
    QVERIFY(QTest::qWaitFor([&] { return allAnswered(peers, 0, n, 2); }, LongWait));
    int challenged = 0;
    for (auto &p : peers) {
        if (p->challenged()) {
            ++challenged;
        } else {
            QCOMPARE(p->code(2), QStringLiteral("auth_locked"));
            QVERIFY(p->answer(2)->header.value(QLatin1String("retryAfter")).toInt() > 0);
        }
    }
    QCOMPARE(challenged, 5); // pending exchanges count: no more guesses than the limit

    // auth.finish on all at once; the 59th carries the right password.
    for (int i = 0; i < n; ++i)
        peers[size_t(i)]->finish(i == n - 2 ? Password : QStringLiteral("guess %1").arg(i));
    QVERIFY(QTest::qWaitFor([&] { return allAnswered(peers, 0, n, 3); }, LongWait));
    QCOMPARE(peers[n - 2]->code(3), QStringLiteral("auth_locked"));
    QVERIFY(peers[n - 2]->answer(3)->header.value(QLatin1String("retryAfter")).toInt() > 0);
    for (auto &p : peers)
        QVERIFY2(p->code(3) == QLatin1String("auth_failed") || p->code(3) == QLatin1String("auth_locked"),
                 qPrintable(p->code(3)));
    QCOMPARE(failures.size(), 5); // five guesses evaluated, no more
    // And a fresh login with the right password from the same address is refused too.
    QCOMPARE(logIn(server.port(), AttackerAddress, Victim, Password), QStringLiteral("auth_locked"));
}

void TestLockout::victimElsewhereIsNotLocked()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    addVictim(server);
    // The attacker locks the (victim, attacker address) pair.
    QStringList codes;
    for (int i = 0; i < 6; ++i)
        codes << logIn(server.port(), AttackerAddress, Victim, QStringLiteral("guess %1").arg(i));
    QCOMPARE(codes, QStringList({"auth_failed", "auth_failed", "auth_failed", "auth_failed", "auth_locked", "auth_locked"}));
    // The victim, at home, logs in.
    QCOMPARE(logIn(server.port(), QHostAddress::LocalHost, Victim, Password), QStringLiteral("auth.ok"));
    QCOMPARE(logIn(server.port(), AttackerAddress, Victim, Password), QStringLiteral("auth_locked"));

    // Spraying accounts from one address: 50 failures lock the address for every name, not others.
    LoginThrottle &throttle = server.runtime().auth()->throttle();
    const QHostAddress sprayer(QStringLiteral("127.0.0.3"));
    for (int i = 0; i < 49; ++i)
        throttle.recordAttempt(QStringLiteral("user%1").arg(i), sprayer);
    QCOMPARE(logIn(server.port(), sprayer, QStringLiteral("user49"), QStringLiteral("x")), QStringLiteral("auth_locked"));
    QCOMPARE(logIn(server.port(), sprayer, Victim, Password), QStringLiteral("auth_locked"));
    QCOMPARE(logIn(server.port(), QHostAddress::LocalHost, Victim, Password), QStringLiteral("auth.ok"));
}

void TestLockout::namesEscapedInLog()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    QSignalSpy failures(server.runtime().auth(), &AuthService::loginFailed);
    const QString forged = QStringLiteral("eve\n2026-12-01T00:00:00 auth: admin logged in from 10.0.0.1");
    QCOMPARE(logIn(server.port(), QHostAddress::LocalHost, forged, QStringLiteral("x")), QStringLiteral("auth_failed"));
    QCOMPARE(logIn(server.port(), QHostAddress::LocalHost, QString(60000, QLatin1Char('n')), QStringLiteral("x")),
             QStringLiteral("auth_failed"));
    QCOMPARE(failures.size(), 2);
    const QString logged = failures.at(0).at(0).toString();
    QVERIFY(!logged.contains(QLatin1Char('\n')));
    QVERIFY(logged.startsWith(QStringLiteral("eve\\n2026")));
    QCOMPARE(failures.at(1).at(0).toString().size(), AuthService::MaxLogNameChars + 3);
}

QTEST_GUILESS_MAIN(TestLockout)
#include "tst_lockout.moc"
