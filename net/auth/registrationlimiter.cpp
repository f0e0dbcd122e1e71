#include "registrationlimiter.h"

#include "loginthrottle.h"

#include <QElapsedTimer>

#include <memory>

namespace Switchboard {

RegistrationLimiter::RegistrationLimiter(int perHour, Clock clock)
    : m_perHour(qMax(0, perHour))
    , m_clock(std::move(clock))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
}

int RegistrationLimiter::blockedFor(const QHostAddress &address) const
{
    if (m_perHour == 0)
        return 0;
    const auto it = m_windows.constFind(LoginThrottle::addressKey(address));
    if (it == m_windows.constEnd() || it->count < m_perHour)
        return 0;
    const qint64 left = it->startMs + WindowMs - m_clock();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void RegistrationLimiter::record(const QHostAddress &address)
{
    if (m_perHour == 0)
        return;
    const qint64 now = m_clock();
    const QString key = LoginThrottle::addressKey(address);
    auto it = m_windows.find(key);
    if (it == m_windows.end()) {
        if (m_windows.size() >= MaxSources)
            makeRoom(now);
        it = m_windows.insert(key, Window{now, 0});
    } else if (now - it->startMs >= WindowMs) {
        *it = Window{now, 0};
    }
    ++it->count;
}

void RegistrationLimiter::makeRoom(qint64 nowMs)
{
    // Rare: only registrations that created an account are counted, and accounts are capped too.
    m_windows.removeIf([nowMs](const auto &it) { return nowMs - it.value().startMs >= WindowMs; });
    if (m_windows.size() < MaxSources)
        return;
    auto oldest = m_windows.begin();
    for (auto it = m_windows.begin(); it != m_windows.end(); ++it)
        if (it->startMs < oldest->startMs)
            oldest = it;
    m_windows.erase(oldest);
}

} // namespace Switchboard
