// LoginThrottle: lockout after repeated failures, per (account, source address) and per source address,
// on a fake clock; AuthService::nameForLog.

#include "net/auth/authservice.h"
#include "net/auth/loginthrottle.h"

#include <QRandomGenerator>

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
    void pendingAttemptsCount();
    void attackerDoesNotLockVictimElsewhere();
    void addressLockAcrossAccounts();
    void deviceKeyIgnoresOthersLocks();
    void deviceKeyLocksOnItsOwnFailures();
    void successTakesBackOnlyItsAttempt();
    void remainingSecondsRoundUp();
    void forgetsAfterQuietPeriod();
    void addressKeys();
    void namesCutToProtocolLimit();
    void boundedMemory();
    void capHoldsUnderRandomNames();
    void namesEscapedForLog();
    void defaultClock();
};

void tst_LoginThrottle::freshIsUnlocked()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    QCOMPARE(t.pairFailures(QStringLiteral("alice"), Home), 0);
    QCOMPARE(t.entryCount(), 0);
}

void tst_LoginThrottle::locksAfterFiveFailures()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 1; i <= 4; ++i) {
        t.recordAttempt(QStringLiteral("alice"), Home);
        QCOMPARE(t.pairFailures(QStringLiteral("alice"), Home), i);
        QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    }
    t.recordAttempt(QStringLiteral("alice"), Home);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 30);
    QCOMPARE(t.pairLockedFor(QStringLiteral("alice"), Home), 30);
    QCOMPARE(t.addressLockedFor(Home), 0); // five are far from the address's fifty
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
        t.recordAttempt(QStringLiteral("alice"), Home);
    // 5th failure: 30 s; every further one (after the lock ran out) doubles: 60, 120, ... capped at 3600.
    const QList<int> expected{30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (const int seconds : expected) {
        t.recordAttempt(QStringLiteral("alice"), Home);
        QCOMPARE(t.pairLockedFor(QStringLiteral("alice"), Home), seconds);
        clock.advance(seconds);
        QCOMPARE(t.pairLockedFor(QStringLiteral("alice"), Home), 0);
    }
}

void tst_LoginThrottle::successResets()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 4; ++i)
        t.recordAttempt(QStringLiteral("alice"), Home);
    t.recordSuccess(QStringLiteral("alice"), Home);
    QCOMPARE(t.pairFailures(QStringLiteral("alice"), Home), 0);
    // The address gets back only the attempt that succeeded.
    QCOMPARE(t.addressFailures(Home), 3);
    // Four more failures do not lock: the count restarted.
    for (int i = 0; i < 4; ++i)
        t.recordAttempt(QStringLiteral("alice"), Home);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), Home), 0);
    // After a lock ran out, a success brings the next lock back to the base time.
    t.recordAttempt(QStringLiteral("alice"), Home);
    t.recordAttempt(QStringLiteral("alice"), Home);
    QCOMPARE(t.pairLockedFor(QStringLiteral("alice"), Home), 60);
    clock.advance(60);
    t.recordSuccess(QStringLiteral("alice"), Home);
    for (int i = 0; i < 5; ++i)
        t.recordAttempt(QStringLiteral("alice"), Home);
    QCOMPARE(t.pairLockedFor(QStringLiteral("alice"), Home), 30);
}

void tst_LoginThrottle::pendingAttemptsCount()
{
    // Five exchanges started in parallel use up the pair's guesses before any of them finished.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    int admitted = 0;
    for (int i = 0; i < 60; ++i) {
        if (t.lockedFor(QStringLiteral("victim"), Other) > 0)
            continue;
        t.recordAttempt(QStringLiteral("victim"), Other);
        ++admitted;
    }
    QCOMPARE(admitted, 5);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Other), 30);
    // One of the admitted five succeeding clears the pair: it was the right password.
    t.recordSuccess(QStringLiteral("victim"), Other);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Other), 0);
}

void tst_LoginThrottle::attackerDoesNotLockVictimElsewhere()
{
    // Guessing one account from one address locks that pair only.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 20; ++i) {
        t.recordAttempt(QStringLiteral("victim"), Other);
        clock.advance(t.lockedFor(QStringLiteral("victim"), Other));
    }
    t.recordAttempt(QStringLiteral("victim"), Other);
    QVERIFY(t.pairLockedFor(QStringLiteral("victim"), Other) > 0);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home), 0);
    QCOMPARE(t.pairFailures(QStringLiteral("victim"), Home), 0);
    QCOMPARE(t.lockedFor(QStringLiteral("bob"), Other), 0); // 21 < 50 across accounts
    // Many addresses, five each: every pair locked, the victim at home still free.
    for (int a = 0; a < 10; ++a)
        for (int i = 0; i < 5; ++i)
            t.recordAttempt(QStringLiteral("victim"), QHostAddress(quint32(0x0a000001 + a)));
    QVERIFY(t.lockedFor(QStringLiteral("victim"), QHostAddress(quint32(0x0a000001))) > 0);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home), 0);
}

void tst_LoginThrottle::deviceKeyIgnoresOthersLocks()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    const QString device = QStringLiteral("token-key");
    // Pair and address locked by failures that did not present the token, from its own address.
    for (int i = 0; i < 50; ++i)
        t.recordAttempt(i < 5 ? QStringLiteral("victim") : QStringLiteral("user%1").arg(i), Home);
    QVERIFY(t.pairLockedFor(QStringLiteral("victim"), Home) > 0);
    QVERIFY(t.addressLockedFor(Home) > 0);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home, device), 0);
    // Its attempt counts for the token only, and does not lengthen the address's lock; its
    // success clears the token only and leaves others' failures on the pair and address.
    const int addressLock = t.addressLockedFor(Home);
    t.recordAttempt(QStringLiteral("victim"), Home, device);
    QCOMPARE(t.deviceFailures(device), 1);
    QCOMPARE(t.pairFailures(QStringLiteral("victim"), Home), 5);
    QCOMPARE(t.addressFailures(Home), 50);
    QCOMPARE(t.addressLockedFor(Home), addressLock);
    t.recordSuccess(QStringLiteral("victim"), Home, device);
    QCOMPARE(t.deviceFailures(device), 0);
    QCOMPARE(t.addressFailures(Home), 50);
    QVERIFY(t.pairLockedFor(QStringLiteral("victim"), Home) > 0);
    QVERIFY(t.lockedFor(QStringLiteral("victim"), Home) > 0);
    // A wrong password with the token counts for the address as well.
    t.recordAttempt(QStringLiteral("victim"), Home, device);
    t.recordDeviceFailure(Home);
    QCOMPARE(t.addressFailures(Home), 51);
}

void tst_LoginThrottle::deviceKeyLocksOnItsOwnFailures()
{
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    const QString device = QStringLiteral("token-key");
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home, device), 0);
        t.recordAttempt(QStringLiteral("victim"), Home, device);
    }
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home, device), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Other, device), 30); // the token, wherever it is
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home), 0);           // not the pair
    QCOMPARE(t.lockedFor(QStringLiteral("victim"), Home, QStringLiteral("another")), 0);
    clock.advance(30);
    t.recordAttempt(QStringLiteral("victim"), Home, device);
    QCOMPARE(t.deviceLockedFor(device), 60); // doubling, like a pair
}

void tst_LoginThrottle::addressLockAcrossAccounts()
{
    // Spraying many accounts from one address: 50 failures in 10 minutes lock the address.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 49; ++i) {
        t.recordAttempt(QStringLiteral("user%1").arg(i), Other);
        clock.advance(10); // 490 s in all: inside the window
    }
    QCOMPARE(t.addressLockedFor(Other), 0);
    QCOMPARE(t.lockedFor(QStringLiteral("user0"), Other), 0); // one failure for that pair
    t.recordAttempt(QStringLiteral("user49"), Other);
    QCOMPARE(t.addressLockedFor(Other), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("somebody"), Other), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("user0"), Home), 0); // other addresses unaffected
    // The next failure after the lock ran out (same window) locks for twice as long.
    clock.advance(30);
    t.recordAttempt(QStringLiteral("user50"), Other);
    QCOMPARE(t.addressLockedFor(Other), 60);

    // Slower than 50 per 10 minutes never locks the address.
    LoginThrottle slow(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 200; ++i) {
        slow.recordAttempt(QStringLiteral("user%1").arg(i), Home);
        QCOMPARE(slow.addressLockedFor(Home), 0);
        clock.advance(13); // 46 per window
    }
}

void tst_LoginThrottle::successTakesBackOnlyItsAttempt()
{
    // An attacker's own account cannot wipe the address counter by logging in between guesses.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    int victims = 0;
    while (t.addressLockedFor(Other) == 0 && victims < 100) {
        t.recordAttempt(QStringLiteral("mallory"), Other);
        t.recordSuccess(QStringLiteral("mallory"), Other);
        if (t.addressLockedFor(Other) == 0)
            t.recordAttempt(QStringLiteral("victim%1").arg(victims++), Other);
    }
    QCOMPARE(victims, 50);
    QCOMPARE(t.addressFailures(Other), 50);
    QCOMPARE(t.addressLockedFor(Other), 30);
}

void tst_LoginThrottle::remainingSecondsRoundUp()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.maxFailures = 1;
    policy.baseLockSeconds = 2;
    LoginThrottle t(policy, clock.clock());
    t.recordAttempt(QStringLiteral("a"), Home);
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
        t.recordAttempt(QStringLiteral("alice"), Home);
    clock.advance(601);
    t.recordAttempt(QStringLiteral("alice"), Home); // counts as the first again
    QCOMPARE(t.pairFailures(QStringLiteral("alice"), Home), 1);
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
        u.recordAttempt(QStringLiteral("alice"), Home);
    clock.advance(20);
    u.prune();
    QCOMPARE(u.pairLockedFor(QStringLiteral("alice"), Home), 10);
    QCOMPARE(u.entryCount(), 1); // the locked pair; the address (5 of 50, unlocked) is forgotten
    t.clear();
    QCOMPARE(t.entryCount(), 0);
}

void tst_LoginThrottle::addressKeys()
{
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("192.0.2.1"))), QStringLiteral("192.0.2.1"));
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))), QStringLiteral("192.0.2.1"));
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:3:4:5:6"))),
             QStringLiteral("2001:db8:1:2::/64"));
    // One /64 is one source, for the pair and for the address.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 5; ++i)
        t.recordAttempt(QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i + 1)));
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:2:ffff::1"))), 30);
    QCOMPARE(t.lockedFor(QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:3::1"))), 0);
    for (int i = 0; i < 50; ++i)
        t.recordAttempt(QStringLiteral("u%1").arg(i), QHostAddress(QStringLiteral("2001:db8:9:9::%1").arg(i + 1)));
    QCOMPARE(t.addressLockedFor(QHostAddress(QStringLiteral("2001:db8:9:9:ffff::1"))), 30);
    // IPv4 and its mapped form share a counter.
    for (int i = 0; i < 4; ++i)
        t.recordAttempt(QStringLiteral("bob"), Other);
    t.recordAttempt(QStringLiteral("bob"), QHostAddress(QStringLiteral("::ffff:198.51.100.7")));
    QCOMPARE(t.pairLockedFor(QStringLiteral("bob"), Other), 30);
}

void tst_LoginThrottle::namesCutToProtocolLimit()
{
    const QString long32 = QString(32, QLatin1Char('a'));
    QCOMPARE(LoginThrottle::nameKey(long32 + QString(60000, QLatin1Char('b'))), long32);
    QCOMPARE(LoginThrottle::nameKey(QStringLiteral("alice")), QStringLiteral("alice"));
    // Code points, not UTF-16 units: 40 emoji keep 32 whole ones.
    QString emoji;
    for (int i = 0; i < 40; ++i)
        emoji += QString::fromUcs4(U"\U0001F600");
    QCOMPARE(LoginThrottle::nameKey(emoji).size(), 64);
    QCOMPARE(LoginThrottle::nameKey(emoji).toUcs4().size(), 32);
    // Names that only differ past the limit share a counter.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    for (int i = 0; i < 5; ++i)
        t.recordAttempt(long32 + QString::number(i), Other);
    QCOMPARE(t.pairLockedFor(long32, Other), 30);
    QCOMPARE(t.entryCount(), 2);
}

void tst_LoginThrottle::boundedMemory()
{
    FakeClock clock;
    LoginThrottle::Policy policy;
    policy.maxEntries = 50;
    LoginThrottle t(policy, clock.clock());
    // Lock one pair first: it must survive the flood.
    for (int i = 0; i < 5; ++i)
        t.recordAttempt(QStringLiteral("alice"), Home);
    for (int i = 0; i < 500; ++i) {
        clock.advanceMs(1);
        t.recordAttempt(QStringLiteral("flood%1").arg(i), QHostAddress(quint32(0x0b000000 + i)));
    }
    QCOMPARE(t.entryCount(), 2 * policy.maxEntries);
    QVERIFY(t.pairLockedFor(QStringLiteral("alice"), Home) > 0);
    // The least recently failed went first: the latest flood keys are still counted.
    QCOMPARE(t.pairFailures(QStringLiteral("flood499"), QHostAddress(quint32(0x0b000000 + 499))), 1);
    QCOMPARE(t.pairFailures(QStringLiteral("flood0"), QHostAddress(quint32(0x0b000000))), 0);
}

void tst_LoginThrottle::capHoldsUnderRandomNames()
{
    // 100,000 failed logins with random (over-long) names from random addresses: the default cap holds.
    FakeClock clock;
    LoginThrottle t(LoginThrottle::Policy(), clock.clock());
    const int cap = t.policy().maxEntries;
    QCOMPARE(cap, 100000);
    QRandomGenerator rng(9);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 110000; ++i) {
        QString name(48, Qt::Uninitialized);
        for (QChar &c : name)
            c = QChar(u'a' + rng.bounded(26));
        t.recordAttempt(name, QHostAddress(rng.generate()));
        clock.advanceMs(1);
        QVERIFY(t.entryCount() <= 2 * cap);
    }
    QCOMPARE(t.entryCount(), 2 * cap);
    qInfo("110,000 random-name failures: %d entries, %lld ms", t.entryCount(), qint64(timer.elapsed()));
}

void tst_LoginThrottle::namesEscapedForLog()
{
    QCOMPARE(AuthService::nameForLog(QStringLiteral("alice")), QStringLiteral("alice"));
    // A newline cannot forge a log line.
    const QString forged = AuthService::nameForLog(QStringLiteral("x\n2026-12-01 server: admin logged in"));
    QVERIFY(!forged.contains(QLatin1Char('\n')));
    QCOMPARE(forged, QStringLiteral("x\\n2026-12-01 server: admin logged in"));
    QCOMPARE(AuthService::nameForLog(QStringLiteral("a\rb\tc\\d")), QStringLiteral("a\\rb\\u{0009}c\\\\d"));
    // Bidi overrides and line separators, and a lone surrogate, are escaped; other letters stay.
    QCOMPARE(AuthService::nameForLog(QString::fromUtf8("\u202Eevil\u2028")), QStringLiteral("\\u{202e}evil\\u{2028}"));
    QCOMPARE(AuthService::nameForLog(QString(QChar(0xD800))), QStringLiteral("\\u{d800}"));
    QCOMPARE(AuthService::nameForLog(QString::fromUtf8("小明😀")), QString::fromUtf8("小明😀"));
    // Long names are cut.
    const QString cut = AuthService::nameForLog(QString(60000, QLatin1Char('z')));
    QCOMPARE(cut, QString(AuthService::MaxLogNameChars, QLatin1Char('z')) + QStringLiteral("..."));
}

void tst_LoginThrottle::defaultClock()
{
    LoginThrottle t;
    for (int i = 0; i < 5; ++i)
        t.recordAttempt(QStringLiteral("alice"), Home);
    const int left = t.lockedFor(QStringLiteral("alice"), Home);
    QVERIFY(left >= 29 && left <= 30);
    QCOMPARE(t.policy().maxFailures, 5);
    QCOMPARE(t.policy().baseLockSeconds, 30);
    QCOMPARE(t.policy().maxLockSeconds, 3600);
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"
