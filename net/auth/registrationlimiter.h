#pragma once
// Registrations per source address per hour (docs/PROTOCOL.md 6.3, too_many_registrations).
// A source is counted like LoginThrottle's (an IPv4 address or an IPv6 /64); each has a window of
// one hour from its first registration, in which it may register `perHour` accounts. Only
// registrations that created an account are counted. Memory is bounded: at most MaxSources
// windows (expired ones go first, then the oldest). Not thread-safe: use from one thread.

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <functional>

namespace Switchboard {

class RegistrationLimiter
{
public:
    static constexpr int MaxSources = 100000;
    static constexpr qint64 WindowMs = 3600 * 1000;
    // Monotonic milliseconds. The default is a QElapsedTimer started with the limiter.
    using Clock = std::function<qint64()>;

    explicit RegistrationLimiter(int perHour = 10, Clock clock = Clock());

    // 0: no limit.
    void setPerHour(int perHour) { m_perHour = qMax(0, perHour); }
    int perHour() const { return m_perHour; }
    // Seconds (rounded up) until `address` may register again; 0 when it may now.
    int blockedFor(const QHostAddress &address) const;
    // `address` registered an account.
    void record(const QHostAddress &address);
    int sourceCount() const { return int(m_windows.size()); }

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    void makeRoom(qint64 nowMs);

    int m_perHour;
    Clock m_clock;
    QHash<QString, Window> m_windows;
};

} // namespace Switchboard
