#include "sendwindow.h"

#include <algorithm>
#include <limits>

namespace Switchboard {

namespace {
constexpr qint64 NoSample = std::numeric_limits<qint64>::max();
} // namespace

SendWindow::SendWindow()
    : SendWindow(Limits())
{
}

SendWindow::SendWindow(const Limits &limits)
    : m_limits(limits)
{
    m_clock.start();
    reset(0);
}

void SendWindow::reset(qint64 offset)
{
    m_inFlight.clear();
    m_acked = offset;
    m_window = double(qBound(m_limits.minimum, m_limits.initial, m_limits.maximum));
    m_lastRttNs = 0;
    m_baseNs = 0;
    m_queueingNs = -1;
    std::fill(std::begin(m_periodMin), std::end(m_periodMin), NoSample);
    m_period = 0;
    m_periodStartNs = m_clock.nsecsElapsed();
}

void SendWindow::sent(qint64 endOffset)
{
    m_inFlight.emplace_back(endOffset, m_clock.nsecsElapsed());
}

int SendWindow::chunkSize(int floor, int ceiling) const
{
    const qint64 eighth = qint64(m_window) / 8;
    qint64 size = 1;
    while (size * 2 <= eighth)
        size *= 2;
    return int(std::clamp<qint64>(size, floor, std::max(floor, ceiling)));
}

qint64 SendWindow::baseDelay() const
{
    return *std::min_element(std::begin(m_periodMin), std::end(m_periodMin));
}

void SendWindow::acked(qint64 offset)
{
    if (offset <= m_acked)
        return;
    const qint64 now = m_clock.nsecsElapsed();
    qint64 sample = -1;
    while (!m_inFlight.empty() && m_inFlight.front().first <= offset) {
        sample = now - m_inFlight.front().second;
        m_inFlight.pop_front();
    }
    const qint64 newlyAcked = offset - m_acked;
    m_acked = offset;
    if (sample < 0)
        return;

    if (now - m_periodStartNs > PeriodNs) {
        m_period = (m_period + 1) % Periods;
        m_periodMin[m_period] = NoSample;
        m_periodStartNs = now;
    }
    m_periodMin[m_period] = std::min(m_periodMin[m_period], sample);
    m_lastRttNs = sample;
    m_baseNs = baseDelay();
    // Acks arrive in bursts (the receiver handles several chunks per wake-up), so single samples
    // swing widely: steer by a moving average of the queueing delay.
    const double queueing = double(sample - m_baseNs);
    m_queueingNs = m_queueingNs < 0 ? queueing : m_queueingNs + (queueing - m_queueingNs) / 8;

    const double target = m_limits.targetDelayMs * 1e6;
    const double offTarget = std::clamp((target - m_queueingNs) / target, -2.0, 1.0); // 1: no queue
    // About a window's worth is acknowledged per round trip: up to x1.5 per round trip below the
    // target, down to the minimum within one round trip when the queue is twice the target.
    m_window += double(newlyAcked) * offTarget * 0.5;
    m_window = std::clamp(m_window, double(m_limits.minimum), double(m_limits.maximum));
}

} // namespace Switchboard
