// RegistrationLimiter: accounts per source address per hour, on a fake clock.
#include "net/auth/registrationlimiter.h"

#include <QtTest>

#include <memory>

using namespace Switchboard;

class tst_RegistrationLimiter : public QObject
{
    Q_OBJECT
private slots:
    void limitsPerHourPerSource();
    void zeroMeansNoLimit();
    void boundedMemory();
};

namespace {
struct FakeClock
{
    std::shared_ptr<qint64> ms = std::make_shared<qint64>(5000000);
    RegistrationLimiter::Clock clock() const
    {
        auto p = ms;
        return [p] { return *p; };
    }
};
} // namespace

void tst_RegistrationLimiter::limitsPerHourPerSource()
{
    FakeClock clock;
    RegistrationLimiter limiter(3, clock.clock());
    const QHostAddress a(QStringLiteral("192.0.2.1"));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(limiter.blockedFor(a), 0);
        limiter.record(a);
        *clock.ms += 60 * 1000;
    }
    QCOMPARE(limiter.blockedFor(a), 3600 - 180);
    QCOMPARE(limiter.blockedFor(QHostAddress(QStringLiteral("192.0.2.2"))), 0);
    // An IPv6 source is its /64: another address in it is the same source.
    const QHostAddress v6(QStringLiteral("2001:db8:1:2::10"));
    for (int i = 0; i < 3; ++i)
        limiter.record(v6);
    QVERIFY(limiter.blockedFor(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::1"))) > 0);
    QCOMPARE(limiter.blockedFor(QHostAddress(QStringLiteral("2001:db8:1:3::10"))), 0);
    // The window ends an hour after its first registration.
    *clock.ms += (3600 - 180) * 1000 - 1;
    QCOMPARE(limiter.blockedFor(a), 1);
    *clock.ms += 1;
    QCOMPARE(limiter.blockedFor(a), 0);
    limiter.record(a);
    QCOMPARE(limiter.blockedFor(a), 0); // a new window: one of three
}

void tst_RegistrationLimiter::zeroMeansNoLimit()
{
    FakeClock clock;
    RegistrationLimiter limiter(0, clock.clock());
    const QHostAddress a(QStringLiteral("192.0.2.1"));
    for (int i = 0; i < 1000; ++i)
        limiter.record(a);
    QCOMPARE(limiter.blockedFor(a), 0);
    QCOMPARE(limiter.sourceCount(), 0);
}

void tst_RegistrationLimiter::boundedMemory()
{
    FakeClock clock;
    RegistrationLimiter limiter(1, clock.clock());
    for (quint32 i = 0; i < quint32(RegistrationLimiter::MaxSources) + 50; ++i) {
        limiter.record(QHostAddress(0x0a000000 + i));
        if (i % 1000 == 0)
            *clock.ms += 1;
    }
    QCOMPARE(limiter.sourceCount(), RegistrationLimiter::MaxSources);
    // The newest are kept (the oldest went first).
    QVERIFY(limiter.blockedFor(QHostAddress(0x0a000000 + quint32(RegistrationLimiter::MaxSources) + 49)) > 0);
}

QTEST_GUILESS_MAIN(tst_RegistrationLimiter)
#include "tst_registrationlimiter.moc"
