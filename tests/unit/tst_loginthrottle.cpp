// LoginThrottle: lockout after repeated failures, per account and per source address, on a fake clock.

#include "net/auth/loginthrottle.h"

#include <QtTest>

#include <memory>

using namespace Switchboard;

namespace {

struct FakeClock
{
    std::shared_ptr<qint64> ms = std::make_shared<qint64>(1000000);
    LoginThrottle::Clock clock() const
    {
        auto p = ms;
        return [p] { return *p; };
    }
    void advance(qint64 seconds) { *ms += seconds * 1000; }
    void advanceMs(qint64 milliseconds) { *ms += milliseconds; }
};

const QHostAddress Home(QStringLiteral("192.0.2.1"));
const QHostAddress Other(QStringLiteral("198.51.100.7"));

} // namespace

class tst_LoginThrottle : public QObject
{
    Q_OBJECT
private slots:
    void freshIsUnlocked();
    void locksAfterFiveFailures();
    void lockDoublesAndCaps();
    void successResets();
    void accountLockIsIndependentOfAddress();
    void addressLockIsIndependentOfAccount();
    void successDoesNotResetAddressWhenConfigured();
    void remainingSecondsRoundUp();
    void forgetsAfterQuietPeriod();
    void addressKeys();
    void boundedMemory();
    void defaultClock();
};

void tst_LoginThrottle::freshIsUnlocked()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    QCOMPARE(t.accountFailures(QStringLiteral("alice")), 0);
    QCOMPARE(t.entryCount(), 0);
}

void tst_LoginThrottle::locksAfterFiveFailures()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 1; i <= 4; ++i) {
        t.recordFailure(QStringLiteral("alice"), Home);
        QCOMPARE(t.accountFailures(QStringLiteral("alice")), i);
        QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    }
    t.recordFailure(QStringLiteral("alice"), Home);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 30);
    QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), 30);
    QCOMPARE(t.addressLockedFor(Home), 30);
    clock.advance(10);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 20);
    clock.advance(20);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
}

void tst_LoginThrottle::lockDoublesAndCaps()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    // 5th failure: 30 s; every further one (after the lock ran out) doubles: 60, 120, ... capped at 3600.
    const QList<int> expected{30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (const int seconds : expected) {
        t.recordFailure(QStringLiteral("alice"), Home);
        QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), seconds);
        clock.advance(seconds);
        QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), 0);
    }
}

void tst_LoginThrottle::successResets()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    t.recordSuccess(QStringLiteral("alice"), Home);
    QCOMPARE(t.accountFailures(QStringLiteral("alice")), 0);
    QCOMPARE(t.addressFailures(Home), 0);
    // Four more failures do not lock: the count restarted.
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    // After a lock ran out, a success brings the next lock back to the base time.
    t.recordFailure(QStringLiteral("alice"), Home);
    t.recordFailure(QStringLiteral("alice"), Home);
    QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), 60);
    clock.advance(60);
    t.recordSuccess(QStringLiteral("alice"), Home);
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), 30);
}

void tst_LoginThrottle::accountLockIsIndependentOfAddress()
{
    // Guessing one account from many addresses locks the account, not the addresses.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("alice"), QHostAddress(quint32(0x0a000001 + i)));
    QCOMPARE(t.accountLockedFor(QStringLiteral("alice")), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Other), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("bob"), QHostAddress(quint32(0x0a000001))), 0);
    QCOMPARE(t.addressFailures(QHostAddress(quint32(0x0a000001))), 1);
}

void tst_LoginThrottle::addressLockIsIndependentOfAccount()
{
    // Spraying many accounts from one address locks the address, not the accounts.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("user%1").arg(i), Home);
    QCOMPARE(t.addressLockedFor(Home), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("somebody"), Home), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("user0"), Other), 0);
    QCOMPARE(t.accountFailures(QStringLiteral("user0")), 1);
}

void tst_LoginThrottle::successDoesNotResetAddressWhenConfigured()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.successResetsAddress = false;
    LoginThrottle t(policy, clock.clock());
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("victim%1").arg(i), Home);
    t.recordSuccess(QStringLiteral("attacker"), Home);
    QCOMPARE(t.addressFailures(Home), 4);
    t.recordFailure(QStringLiteral("victim9"), Home);
    QCOMPARE(t.addressLockedFor(Home), 30);
}

void tst_LoginThrottle::remainingSecondsRoundUp()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.maxFailures = 1;
    policy.baseLockSeconds = 2;
    LoginThrottle t(policy, clock.clock());
    t.recordFailure(QStringLiteral("a"), Home);
    QCOMPARE(t.lockedFor(QStringLiteral("a"), Home), 2);
    clock.advanceMs(1);
    QCOMPARE(t.lockedFor(QStringLiteral("a"), Home), 2);
    clock.advanceMs(1000);
    QCOMPARE(t.lockedFor(QStringLiteral("a"), Home), 1);
    clock.advanceMs(998);
    QCOMPARE(t.lockedFor(QStringLiteral("a"), Home), 1);
    clock.advanceMs(1);
    QCOMPARE(t.lockedFor(QStringLiteral("a"), Home), 0);
}

void tst_LoginThrottle::forgetsAfterQuietPeriod()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.forgetAfterSeconds = 600;
    LoginThrottle t(policy, clock.clock());
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    clock.advance(601);
    t.recordFailure(QStringLiteral("alice"), Home); // counts as the first again
    QCOMPARE(t.accountFailures(QStringLiteral("alice")), 1);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    QCOMPARE(t.entryCount(), 2);
    clock.advance(601);
    t.prune();
    QCOMPARE(t.entryCount(), 0);

    // A locked key is kept while locked, even past the quiet period.
    LoginThrottle::Policy longLock;
    longLock.forgetAfterSeconds = 10;
    LoginThrottle u(longLock, clock.clock());
    for (int i = 0; i < 5; ++i)
        u.recordFailure(QStringLiteral("alice"), Home);
    clock.advance(20);
    u.prune();
    QCOMPARE(u.accountLockedFor(QStringLiteral("alice")), 10);
    QCOMPARE(u.entryCount(), 2);
    t.clear();
    QCOMPARE(t.entryCount(), 0);
}

void tst_LoginThrottle::addressKeys()
{
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("192.0.2.1"))), QStringLiteral("192.0.2.1"));
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))), QStringLiteral("192.0.2.1"));
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:3:4:5:6"))),
             QStringLiteral("2001:db8:1:2::/64"));
    // One /64 is one source.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("u%1").arg(i),
                        QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i + 1)));
    QCOMPARE(t.addressLockedFor(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::1"))), 30);
    QCOMPARE(t.addressLockedFor(QHostAddress(QStringLiteral("2001:db8:1:3::1"))), 0);
    // IPv4 and its mapped form share a counter.
    for (int i = 0; i < 4; ++i)
        t.recordFailure(QStringLiteral("v%1").arg(i), Other);
    t.recordFailure(QStringLiteral("v9"), QHostAddress(QStringLiteral("::ffff:198.51.100.7")));
    QCOMPARE(t.addressLockedFor(Other), 30);
}

void tst_LoginThrottle::boundedMemory()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.maxEntries = 50;
    LoginThrottle t(policy, clock.clock());
    // Lock one account first: it must survive the flood.
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    for (int i = 0; i < 500; ++i) {
        clock.advanceMs(1);
        t.recordFailure(QStringLiteral("flood%1").arg(i), QHostAddress(quint32(0x0b000000 + i)));
    }
    QVERIFY(t.entryCount() <= 2 * policy.maxEntries);
    QVERIFY(t.accountLockedFor(QStringLiteral("alice")) > 0);
    QVERIFY(t.addressLockedFor(Home) > 0);
}

void tst_LoginThrottle::defaultClock()
{
    LoginThrottle t;
    for (int i = 0; i < 5; ++i)
        t.recordFailure(QStringLiteral("alice"), Home);
    const int left = t.lockedFor(QStringLiteral("alice"), Home);
    QVERIFY(left >= 29 && left <= 30);
    QCOMPARE(t.policy().maxFailures, 5);
    QCOMPARE(t.policy().baseLockSeconds, 30);
    QCOMPARE(t.policy().maxLockSeconds, 3600);
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"
