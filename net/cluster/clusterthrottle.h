#pragma once
// The login throttle's counts shared by every node of a cluster, as Redis keys (docs/CLUSTER.md,
// "Kick, lockout and throttling"). LoginThrottle's rules (a lock after maxFailures, doubling up to
// maxLockSeconds, the address's window, forgetting after forgetAfterSeconds, per device token) run
// as small Lua scripts on one hash per key, on Redis's clock, each check-and-count atomic:
//
//   <prefix>:throttle:pair:<address key> <name>   per account and source address
//   <prefix>:throttle:address:<address key>       per source address
//   <prefix>:throttle:device:<token key>          per device token
//
// with fields f (failures), l (locks so far), w (window start), last (last failure), u (locked
// until, ms), expiring forgetAfterSeconds after the last failure (or when the lock ends, if
// later). A node just started or just reconnected therefore reads the same counts as the others.
//
// AuthService keeps counting in its own LoginThrottle too and takes the longer of the two locks:
// while Redis is unreachable (or slower than TimeoutMs to answer) the node decides on its own
// count alone.

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include "net/auth/loginthrottle.h"

#include <functional>

namespace Switchboard {

class ClusterBus;

class ClusterThrottle : public QObject
{
    Q_OBJECT
public:
    static constexpr int TimeoutMs = 1000;

    struct Verdict
    {
        bool answered = false;   // false: Redis was not reachable, nothing was counted there
        int lockedSeconds = 0;   // > 0: refused, not counted
        QDeadlineTimer lockEnds; // the lock after this attempt was counted (or the refusing one);
                                 // default: expired, no lock
    };

    // The bus must outlive this object; the policy is the local throttle's.
    ClusterThrottle(ClusterBus *bus, const LoginThrottle::Policy &policy, QObject *parent = nullptr);

    // LoginThrottle::lockedFor() and, when not locked, recordAttempt(), in one step on the shared
    // counts; `done` runs on this thread once Redis answered, or at once while it is unreachable,
    // or after TimeoutMs.
    void attempt(const QString &user, const QHostAddress &address, const QString &device,
                 std::function<void(const Verdict &)> done);
    // LoginThrottle::recordDeviceFailure() and recordSuccess() on the shared counts (nothing
    // waits for them; lost while Redis is unreachable).
    void recordDeviceFailure(const QHostAddress &address);
    void recordSuccess(const QString &user, const QHostAddress &address, const QString &device);

private:
    QByteArray pairKey(const QString &user, const QHostAddress &address) const;
    QByteArray addressKey(const QHostAddress &address) const;
    QByteArray deviceKey(const QString &device) const;
    // The count script's arguments for `keys` (each with its threshold and window).
    QList<QByteArray> countArgs(bool check, const QList<QByteArray> &keys, const QList<int> &thresholds,
                                const QList<qint64> &windowsMs) const;

    ClusterBus *m_bus;
    LoginThrottle::Policy m_policy;
};

} // namespace Switchboard
