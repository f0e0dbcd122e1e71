#include "clusterthrottle.h"

#include "clusterbus.h"
#include "net/core/logging.h"

#include <QPointer>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <memory>
#include <utility>

namespace Switchboard {

namespace {

// LoginThrottle::fail() for each key (KEYS[i]: threshold ARGV[3+2i], window ARGV[4+2i] in ms),
// after checking that none is locked when ARGV[1] is "1". ARGV[2..4]: first lock, longest lock,
// forget after (ms). Returns {ms the keys were already locked for (refused, nothing counted),
// ms they are locked for after counting}.
const QByteArray CountScript = QByteArrayLiteral(R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local base, longest, forget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[1] == '1' then
  local wait = 0
  for _, k in ipairs(KEYS) do
    local u = tonumber(redis.call('HGET', k, 'u') or 0) or 0
    if u - now > wait then wait = u - now end
  end
  if wait > 0 then return {wait, wait} end
end
local lock = 0
for i, k in ipairs(KEYS) do
  local threshold, window = tonumber(ARGV[3 + 2 * i]), tonumber(ARGV[4 + 2 * i])
  local e = redis.call('HMGET', k, 'f', 'l', 'w', 'last', 'u')
  local f, l = tonumber(e[1]) or 0, tonumber(e[2]) or 0
  local w, last, u = tonumber(e[3]) or now, tonumber(e[4]) or now, tonumber(e[5]) or 0
  if u <= now then
    if now - last > forget then
      f, l, w = 0, 0, now
    elseif window > 0 and now - w > window then
      f, w = 0, now
    end
  end
  f = f + 1
  if f >= threshold then
    local s = base
    for _ = 1, l do
      if s >= longest then break end
      s = s * 2
    end
    u = now + math.min(s, longest)
    l = l + 1
  end
  redis.call('HSET', k, 'f', f, 'l', l, 'w', w, 'last', now, 'u', u)
  redis.call('PEXPIRE', k, math.max(forget, u - now))
  if u - now > lock then lock = u - now end
end
return {0, lock}
)lua");

// LoginThrottle::recordSuccess(): KEYS[1] (the pair or the device) starts over; KEYS[2] (the
// address, if given) gets this attempt back, and a lock this very attempt started (ARGV[1]: the
// address's threshold) with it.
const QByteArray SuccessScript = QByteArrayLiteral(R"lua(
redis.call('DEL', KEYS[1])
if KEYS[2] then
  local e = redis.call('HMGET', KEYS[2], 'f', 'l', 'u')
  local f = tonumber(e[1]) or 0
  if f > 0 then
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    if f == tonumber(ARGV[1]) and (tonumber(e[3]) or 0) > now then
      redis.call('HSET', KEYS[2], 'u', 0, 'l', math.max(0, (tonumber(e[2]) or 0) - 1))
    end
    redis.call('HSET', KEYS[2], 'f', f - 1)
  end
end
return 0
)lua");

} // namespace

ClusterThrottle::ClusterThrottle(ClusterBus *bus, const LoginThrottle::Policy &policy, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_policy(policy)
{
}

QByteArray ClusterThrottle::pairKey(const QString &user, const QHostAddress &address) const
{
    return m_bus->key(QStringLiteral("throttle:pair:") + LoginThrottle::addressKey(address) + QLatin1Char(' ')
                      + LoginThrottle::nameKey(user));
}

QByteArray ClusterThrottle::addressKey(const QHostAddress &address) const
{
    return m_bus->key(QStringLiteral("throttle:address:") + LoginThrottle::addressKey(address));
}

QByteArray ClusterThrottle::deviceKey(const QString &device) const
{
    return m_bus->key(QStringLiteral("throttle:device:") + device);
}

QList<QByteArray> ClusterThrottle::countArgs(bool check, const QList<QByteArray> &keys, const QList<int> &thresholds,
                                             const QList<qint64> &windowsMs) const
{
    QList<QByteArray> args{QByteArrayLiteral("EVAL"), CountScript, QByteArray::number(keys.size())};
    args += keys;
    args += {check ? QByteArrayLiteral("1") : QByteArrayLiteral("0"),
             QByteArray::number(qint64(m_policy.baseLockSeconds) * 1000),
             QByteArray::number(qint64(m_policy.maxLockSeconds) * 1000),
             QByteArray::number(qint64(m_policy.forgetAfterSeconds) * 1000)};
    for (qsizetype i = 0; i < keys.size(); ++i)
        args += {QByteArray::number(thresholds.at(i)), QByteArray::number(windowsMs.at(i))};
    return args;
}

void ClusterThrottle::attempt(const QString &user, const QHostAddress &address, const QString &device,
                              std::function<void(const Verdict &)> done)
{
    // As LoginThrottle: a device token is checked and counted alone; otherwise pair and address.
    const QList<QByteArray> args = device.isEmpty()
        ? countArgs(true, {pairKey(user, address), addressKey(address)},
                    {m_policy.maxFailures, m_policy.addressMaxFailures},
                    {0, qint64(m_policy.addressWindowSeconds) * 1000})
        : countArgs(true, {deviceKey(device)}, {m_policy.maxFailures}, {0});
    // Answered once: by Redis, or by the timeout (a late reply is then ignored).
    auto pending = std::make_shared<std::function<void(const Verdict &)>>(std::move(done));
    auto answer = [pending](const Verdict &v) {
        if (auto call = std::exchange(*pending, {}))
            call(v);
    };
    QPointer<ClusterThrottle> self(this);
    const bool sent = m_bus->command(args, [self, answer](const redisReply *r) {
        if (!self)
            return;
        Verdict v;
        if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2 && r->element[0]->type == REDIS_REPLY_INTEGER
            && r->element[1]->type == REDIS_REPLY_INTEGER) {
            v.answered = true;
            v.lockedSeconds = int((r->element[0]->integer + 999) / 1000);
            v.lockEnds = QDeadlineTimer(qMax<long long>(0, r->element[1]->integer));
        } else if (r && r->type == REDIS_REPLY_ERROR) {
            qCWarning(lcCluster).noquote() << "the login throttle's script failed:" << QByteArray(r->str, int(r->len));
        }
        answer(v);
    });
    if (!sent) {
        answer(Verdict{});
        return;
    }
    QTimer::singleShot(TimeoutMs, this, [answer] { answer(Verdict{}); });
}

void ClusterThrottle::recordDeviceFailure(const QHostAddress &address)
{
    m_bus->command(countArgs(false, {addressKey(address)}, {m_policy.addressMaxFailures},
                             {qint64(m_policy.addressWindowSeconds) * 1000}));
}

void ClusterThrottle::recordSuccess(const QString &user, const QHostAddress &address, const QString &device)
{
    QList<QByteArray> args{QByteArrayLiteral("EVAL"), SuccessScript};
    if (device.isEmpty())
        args += {QByteArrayLiteral("2"), pairKey(user, address), addressKey(address)};
    else
        args += {QByteArrayLiteral("1"), deviceKey(device)};
    args += QByteArray::number(m_policy.addressMaxFailures);
    m_bus->command(args);
}

} // namespace Switchboard
