#pragma once
// Lockout after repeated failed logins, kept in memory.
//
// Two independent counters: one per account name, one per source address (IPv4 address, or the /64
// prefix of an IPv6 address; IPv4-mapped IPv6 counts as IPv4). After `maxFailures` consecutive
// failures a key is locked for `baseLockSeconds`; every further failure locks it again for twice as
// long as the last time, up to `maxLockSeconds`. A success resets the account (and, with
// `successResetsAddress`, the address). A key with no failure for `forgetAfterSeconds` is forgotten.
//
// Typical use on the server:
//   if (int s = throttle.lockedFor(user, peer)) -> error auth_locked, "retryAfter": s
//   ... SCRAM ... ok ? throttle.recordSuccess(user, peer) : throttle.recordFailure(user, peer);
//
// Account names are used as given (exact match). Not thread-safe: use from one thread.

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <functional>

namespace Switchboard {

class LoginThrottle
{
public:
    struct Policy
    {
        int maxFailures = 5;           // consecutive failures before the first lock
        int baseLockSeconds = 30;      // first lock
        int maxLockSeconds = 3600;     // cap of the doubling
        int forgetAfterSeconds = 86400; // drop an unlocked key this long after its last failure
        bool successResetsAddress = true;
        int maxEntries = 100000;       // per table; the oldest unlocked keys go first when full
    };
    // Monotonic milliseconds. The default is a QElapsedTimer started with the throttle.
    using Clock = std::function<qint64()>;

    LoginThrottle();
    explicit LoginThrottle(const Policy &policy, Clock clock = Clock());

    // Seconds (rounded up) until user or address may try again; 0 when neither is locked.
    int lockedFor(const QString &user, const QHostAddress &address) const;
    int accountLockedFor(const QString &user) const;
    int addressLockedFor(const QHostAddress &address) const;

    void recordFailure(const QString &user, const QHostAddress &address);
    void recordSuccess(const QString &user, const QHostAddress &address);

    // Consecutive failures counted so far (for logs and tests).
    int accountFailures(const QString &user) const;
    int addressFailures(const QHostAddress &address) const;

    // Removes keys that are neither locked nor recent. Called by recordFailure() as needed.
    void prune();
    void clear();
    int entryCount() const { return int(m_accounts.size() + m_addresses.size()); }

    Policy policy() const { return m_policy; }
    // The key an address is counted under, e.g. "192.0.2.7" or "2001:db8:1:2::/64".
    static QString addressKey(const QHostAddress &address);

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
    };
    using Table = QHash<QString, Entry>;

    qint64 now() const;
    int remainingSeconds(const Table &table, const QString &key) const;
    void fail(Table &table, const QString &key);
    void dropStale(Table &table, qint64 nowMs) const;
    void pruneTable(Table &table, qint64 nowMs);
    qint64 lockMs(int failures) const;

    Policy m_policy;
    Clock m_clock;
    Table m_accounts;
    Table m_addresses;
};

} // namespace Switchboard
