#include "loginthrottle.h"

#include <QElapsedTimer>

#include <memory>

namespace Switchboard {

namespace {
// Locked keys found at the front of a full table are moved back this many times before the
// front is evicted regardless: a flood of locked keys cannot make an insert scan the table.
constexpr int MaxLockedSkips = 8;
} // namespace

LoginThrottle::LoginThrottle()
    : LoginThrottle(Policy())
{
}

LoginThrottle::LoginThrottle(const Policy &policy, Clock clock)
    : m_policy(policy)
    , m_clock(std::move(clock))
{
    m_policy.maxFailures = qMax(1, m_policy.maxFailures);
    m_policy.addressMaxFailures = qMax(1, m_policy.addressMaxFailures);
    m_policy.addressWindowSeconds = qMax(1, m_policy.addressWindowSeconds);
    m_policy.baseLockSeconds = qMax(1, m_policy.baseLockSeconds);
    m_policy.maxLockSeconds = qMax(m_policy.baseLockSeconds, m_policy.maxLockSeconds);
    m_policy.maxEntries = qMax(1, m_policy.maxEntries);
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
}

qint64 LoginThrottle::now() const
{
    return m_clock();
}

QString LoginThrottle::addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return QHostAddress(v4).toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        Q_IPV6ADDR bytes = address.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            bytes[i] = 0;
        return QHostAddress(bytes).toString() + QStringLiteral("/64");
    }
    return address.toString(); // null or unusual addresses: count them as they are
}

QString LoginThrottle::nameKey(const QString &user)
{
    qsizetype end = 0;
    for (int points = 0; end < user.size() && points < MaxNameCodePoints; ++points)
        end += (user.at(end).isHighSurrogate() && end + 1 < user.size() && user.at(end + 1).isLowSurrogate()) ? 2 : 1;
    return user.left(end);
}

QString LoginThrottle::pairKey(const QString &user, const QHostAddress &address)
{
    // An address key has no space, so the first space ends it whatever the name holds.
    return addressKey(address) + QLatin1Char(' ') + nameKey(user);
}

qint64 LoginThrottle::lockMs(int locks) const
{
    qint64 seconds = m_policy.baseLockSeconds;
    for (int i = 0; i < locks && seconds < m_policy.maxLockSeconds; ++i)
        seconds *= 2;
    return qMin<qint64>(seconds, m_policy.maxLockSeconds) * 1000;
}

int LoginThrottle::remainingSeconds(const Table &table, const QString &key) const
{
    const auto it = table.entries.constFind(key);
    if (it == table.entries.constEnd())
        return 0;
    const qint64 left = it->lockedUntilMs - now();
    if (left <= 0)
        return 0;
    return int((left + 999) / 1000);
}

int LoginThrottle::pairLockedFor(const QString &user, const QHostAddress &address) const
{
    return remainingSeconds(m_pairs, pairKey(user, address));
}

int LoginThrottle::addressLockedFor(const QHostAddress &address) const
{
    return remainingSeconds(m_addresses, addressKey(address));
}

int LoginThrottle::deviceLockedFor(const QString &device) const
{
    return remainingSeconds(m_devices, device);
}

int LoginThrottle::lockedFor(const QString &user, const QHostAddress &address, const QString &device) const
{
    if (!device.isEmpty())
        return deviceLockedFor(device);
    return qMax(pairLockedFor(user, address), addressLockedFor(address));
}

LoginThrottle::Entry &LoginThrottle::touch(Table &table, const QString &key, qint64 nowMs)
{
    auto it = table.entries.find(key);
    if (it != table.entries.end()) {
        table.order.splice(table.order.end(), table.order, it->order);
        return *it;
    }
    if (table.entries.size() >= m_policy.maxEntries)
        makeRoom(table, nowMs);
    Entry e;
    e.windowStartMs = nowMs;
    e.lastFailureMs = nowMs;
    e.order = table.order.insert(table.order.end(), key);
    return *table.entries.insert(key, e);
}

void LoginThrottle::makeRoom(Table &table, qint64 nowMs)
{
    // Least recently failed first, but a lock survives a flood of new keys while others remain.
    for (int skips = 0; !table.order.empty() && table.entries.size() >= m_policy.maxEntries;) {
        const QString key = table.order.front();
        const auto it = table.entries.find(key);
        if (it->lockedUntilMs > nowMs && skips < MaxLockedSkips) {
            table.order.splice(table.order.end(), table.order, it->order);
            ++skips;
            continue;
        }
        table.order.pop_front();
        table.entries.erase(it);
    }
}

void LoginThrottle::fail(Table &table, const QString &key, int threshold, qint64 windowMs)
{
    const qint64 t = now();
    Entry &e = touch(table, key, t);
    if (e.lockedUntilMs <= t) {
        if (t - e.lastFailureMs > qint64(m_policy.forgetAfterSeconds) * 1000) {
            e.failures = 0;
            e.locks = 0;
            e.windowStartMs = t;
        } else if (windowMs > 0 && t - e.windowStartMs > windowMs) {
            e.failures = 0; // a new window; the lock level stays until forgotten
            e.windowStartMs = t;
        }
    }
    ++e.failures;
    e.lastFailureMs = t;
    if (e.failures >= threshold) {
        e.lockedUntilMs = t + lockMs(e.locks);
        ++e.locks;
    }
}

void LoginThrottle::recordAttempt(const QString &user, const QHostAddress &address, const QString &device)
{
    if (!device.isEmpty()) {
        // Not the address yet: attempts it is not refused by must not lengthen its lock.
        fail(m_devices, device, m_policy.maxFailures, 0);
        return;
    }
    fail(m_pairs, pairKey(user, address), m_policy.maxFailures, 0);
    recordDeviceFailure(address);
}

void LoginThrottle::recordDeviceFailure(const QHostAddress &address)
{
    fail(m_addresses, addressKey(address), m_policy.addressMaxFailures,
         qint64(m_policy.addressWindowSeconds) * 1000);
}

void LoginThrottle::forget(Table &table, const QString &key)
{
    const auto it = table.entries.find(key);
    if (it != table.entries.end()) {
        table.order.erase(it->order);
        table.entries.erase(it);
    }
}

void LoginThrottle::recordSuccess(const QString &user, const QHostAddress &address, const QString &device)
{
    if (!device.isEmpty()) {
        forget(m_devices, device);
        return;
    }
    forget(m_pairs, pairKey(user, address));
    const auto addr = m_addresses.entries.find(addressKey(address));
    if (addr == m_addresses.entries.end() || addr->failures == 0)
        return;
    // A lock this very attempt started is taken back with it.
    if (addr->failures-- == m_policy.addressMaxFailures && addr->lockedUntilMs > now()) {
        addr->lockedUntilMs = 0;
        addr->locks = qMax(0, addr->locks - 1);
    }
}

int LoginThrottle::pairFailures(const QString &user, const QHostAddress &address) const
{
    return m_pairs.entries.value(pairKey(user, address)).failures;
}

int LoginThrottle::addressFailures(const QHostAddress &address) const
{
    return m_addresses.entries.value(addressKey(address)).failures;
}

int LoginThrottle::deviceFailures(const QString &device) const
{
    return m_devices.entries.value(device).failures;
}

void LoginThrottle::dropStale(Table &table, qint64 nowMs)
{
    const qint64 forgetMs = qint64(m_policy.forgetAfterSeconds) * 1000;
    for (auto it = table.entries.begin(); it != table.entries.end();) {
        if (it->lockedUntilMs <= nowMs && nowMs - it->lastFailureMs > forgetMs) {
            table.order.erase(it->order);
            it = table.entries.erase(it);
        } else {
            ++it;
        }
    }
}

void LoginThrottle::prune()
{
    const qint64 t = now();
    dropStale(m_pairs, t);
    dropStale(m_addresses, t);
    dropStale(m_devices, t);
}

void LoginThrottle::clear()
{
    m_pairs = Table();
    m_addresses = Table();
    m_devices = Table();
}

} // namespace Switchboard
