#include "loginthrottle.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace Switchboard {

LoginThrottle::LoginThrottle()
    : LoginThrottle(Policy())
{
}

LoginThrottle::LoginThrottle(const Policy &policy, Clock clock)
    : m_policy(policy)
    , m_clock(std::move(clock))
{
    m_policy.maxFailures = qMax(1, m_policy.maxFailures);
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

qint64 LoginThrottle::lockMs(int failures) const
{
    // failures == maxFailures -> base; each further failure doubles, capped.
    const int extra = failures - m_policy.maxFailures;
    qint64 seconds = m_policy.baseLockSeconds;
    for (int i = 0; i < extra && seconds < m_policy.maxLockSeconds; ++i)
        seconds *= 2;
    return qMin<qint64>(seconds, m_policy.maxLockSeconds) * 1000;
}

int LoginThrottle::remainingSeconds(const Table &table, const QString &key) const
{
    const auto it = table.constFind(key);
    if (it == table.constEnd())
        return 0;
    const qint64 left = it->lockedUntilMs - now();
    if (left <= 0)
        return 0;
    return int((left + 999) / 1000);
}

int LoginThrottle::accountLockedFor(const QString &user) const
{
    return remainingSeconds(m_accounts, user);
}

int LoginThrottle::addressLockedFor(const QHostAddress &address) const
{
    return remainingSeconds(m_addresses, addressKey(address));
}

int LoginThrottle::lockedFor(const QString &user, const QHostAddress &address) const
{
    return qMax(accountLockedFor(user), addressLockedFor(address));
}

void LoginThrottle::fail(Table &table, const QString &key)
{
    const qint64 t = now();
    if (table.size() >= m_policy.maxEntries && !table.contains(key))
        pruneTable(table, t);
    Entry &e = table[key];
    if (e.failures > 0 && t - e.lastFailureMs > qint64(m_policy.forgetAfterSeconds) * 1000
        && e.lockedUntilMs <= t)
        e = Entry();
    ++e.failures;
    e.lastFailureMs = t;
    if (e.failures >= m_policy.maxFailures)
        e.lockedUntilMs = t + lockMs(e.failures);
}

void LoginThrottle::recordFailure(const QString &user, const QHostAddress &address)
{
    fail(m_accounts, user);
    fail(m_addresses, addressKey(address));
}

void LoginThrottle::recordSuccess(const QString &user, const QHostAddress &address)
{
    m_accounts.remove(user);
    if (m_policy.successResetsAddress)
        m_addresses.remove(addressKey(address));
}

int LoginThrottle::accountFailures(const QString &user) const
{
    return m_accounts.value(user).failures;
}

int LoginThrottle::addressFailures(const QHostAddress &address) const
{
    return m_addresses.value(addressKey(address)).failures;
}

void LoginThrottle::dropStale(Table &table, qint64 nowMs) const
{
    const qint64 forgetMs = qint64(m_policy.forgetAfterSeconds) * 1000;
    for (auto it = table.begin(); it != table.end();) {
        if (it->lockedUntilMs <= nowMs && nowMs - it->lastFailureMs > forgetMs)
            it = table.erase(it);
        else
            ++it;
    }
}

void LoginThrottle::pruneTable(Table &table, qint64 nowMs)
{
    dropStale(table, nowMs);
    if (table.size() < m_policy.maxEntries)
        return;
    // Still full: drop the unlocked keys with the oldest last failure until there is room for one more.
    QList<QPair<qint64, QString>> unlocked;
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        if (it->lockedUntilMs <= nowMs)
            unlocked.append({it->lastFailureMs, it.key()});
    }
    std::sort(unlocked.begin(), unlocked.end());
    const qsizetype excess = table.size() - m_policy.maxEntries + 1;
    for (qsizetype i = 0; i < unlocked.size() && i < excess; ++i)
        table.remove(unlocked.at(i).second);
}

void LoginThrottle::prune()
{
    const qint64 t = now();
    dropStale(m_accounts, t);
    dropStale(m_addresses, t);
}

void LoginThrottle::clear()
{
    m_accounts.clear();
    m_addresses.clear();
}

} // namespace Switchboard
