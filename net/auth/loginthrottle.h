#pragma once
// Lockout after repeated failed logins, kept in memory (docs/PROTOCOL.md 6.4).
//
// Two counters, so that an attacker's failures lock the attacker and not the victim:
// - per (account name, source address) pair: `maxFailures` consecutive failures lock that pair for
//   `baseLockSeconds`; every further failure (once the lock ran out) locks it again for twice as
//   long as the last time, up to `maxLockSeconds`. The same account from another address is not
//   affected. A success clears the pair; a pair with no failure for `forgetAfterSeconds` is
//   forgotten.
// - per source address across accounts: `addressMaxFailures` failures within
//   `addressWindowSeconds` lock the address, growing the same way.
// - per device token (docs/PROTOCOL.md 6.6): an attempt that presents a valid device token of the
//   account is checked and counted against that token's own counter only, so that failures that
//   did not present the token (an attacker's, from any address) cannot lock its owner out; the
//   token's counter locks like a pair. Its wrong passwords (recordDeviceFailure) also count for
//   the address, but its attempts and successes do not move the address's lock.
// A source address is an IPv4 address or the /64 prefix of an IPv6 address (IPv4-mapped IPv6
// counts as IPv4).
//
// An attempt counts as a failure from the moment it starts (auth.start accepted), so parallel
// exchanges cannot guess past the limit; a success takes its own attempt back:
//   if (int s = throttle.lockedFor(user, peer)) -> error auth_locked, "retryAfter": s
//   throttle.recordAttempt(user, peer); ... SCRAM ... if ok: throttle.recordSuccess(user, peer)
//
// Memory is bounded: names are cut to the protocol's 32 code points before they are counted and
// each table holds at most `maxEntries` keys (the least recently failed go first, locked ones
// last). Not thread-safe: use from one thread.

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <functional>
#include <list>

namespace Switchboard {

class LoginThrottle
{
public:
    struct Policy
    {
        int maxFailures = 5;              // per (account, address): consecutive failures before a lock
        int addressMaxFailures = 50;      // per address, across accounts, within the window
        int addressWindowSeconds = 600;
        int baseLockSeconds = 30;         // first lock
        int maxLockSeconds = 3600;        // cap of the doubling
        int forgetAfterSeconds = 86400;   // drop an unlocked key this long after its last failure
        int maxEntries = 100000;          // per table
    };
    // The longest user name the protocol allows (docs/PROTOCOL.md 6.1), in code points.
    static constexpr int MaxNameCodePoints = 32;
    // Monotonic milliseconds. The default is a QElapsedTimer started with the throttle.
    using Clock = std::function<qint64()>;

    LoginThrottle();
    explicit LoginThrottle(const Policy &policy, Clock clock = Clock());

    // Seconds (rounded up) until user may try again from address; 0 when neither the pair nor the
    // address is locked. With a `device` key (a valid device token of user, as DeviceTokens
    // identifies it) only that token's own lock counts.
    int lockedFor(const QString &user, const QHostAddress &address, const QString &device = QString()) const;
    int pairLockedFor(const QString &user, const QHostAddress &address) const;
    int addressLockedFor(const QHostAddress &address) const;
    int deviceLockedFor(const QString &device) const;

    // A login attempt began: counted as a failure until recordSuccess() says otherwise. With a
    // `device` key it counts for that token only.
    void recordAttempt(const QString &user, const QHostAddress &address, const QString &device = QString());
    // An attempt with a device key failed its proof: the address counts it too.
    void recordDeviceFailure(const QHostAddress &address);
    // The attempt succeeded: the pair starts over and the address gets this attempt back. With a
    // `device` key only the token starts over (others' failures stay on the pair and address).
    void recordSuccess(const QString &user, const QHostAddress &address, const QString &device = QString());

    // Failures counted so far (for logs and tests).
    int pairFailures(const QString &user, const QHostAddress &address) const;
    int addressFailures(const QHostAddress &address) const;
    int deviceFailures(const QString &device) const;

    // Removes keys that are neither locked nor recent. Full tables also make room on their own.
    void prune();
    void clear();
    int entryCount() const
    {
        return int(m_pairs.entries.size() + m_addresses.entries.size() + m_devices.entries.size());
    }

    Policy policy() const { return m_policy; }
    // The key an address is counted under, e.g. "192.0.2.7" or "2001:db8:1:2::/64".
    static QString addressKey(const QHostAddress &address);
    // The name cut to MaxNameCodePoints (longer names can never be accounts).
    static QString nameKey(const QString &user);

private:
    struct Entry
    {
        int failures = 0;
        int locks = 0; // locks so far: the next one lasts base * 2^locks
        qint64 windowStartMs = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
        std::list<QString>::iterator order;
    };
    // Keys by recency of their last failure: the front is the first to evict.
    struct Table
    {
        QHash<QString, Entry> entries;
        std::list<QString> order;
    };

    qint64 now() const;
    static QString pairKey(const QString &user, const QHostAddress &address);
    int remainingSeconds(const Table &table, const QString &key) const;
    void fail(Table &table, const QString &key, int threshold, qint64 windowMs);
    Entry &touch(Table &table, const QString &key, qint64 nowMs);
    void makeRoom(Table &table, qint64 nowMs);
    static void forget(Table &table, const QString &key);
    void dropStale(Table &table, qint64 nowMs);
    qint64 lockMs(int locks) const;

    Policy m_policy;
    Clock m_clock;
    Table m_pairs;
    Table m_addresses;
    Table m_devices;
};

} // namespace Switchboard
