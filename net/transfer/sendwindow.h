#pragma once
#include <QElapsedTimer>
#include <QtGlobal>

#include <deque>

namespace Switchboard {

// Flow control for one file stream sent in chunks that the receiver acknowledges
// (upload.ack / download.ack): how many bytes may be in flight, sent but not acknowledged.
//
// Whatever is in flight is also what a chat frame on the same connection waits behind, and the
// kernel socket buffers alone could hold many megabytes. So the window is steered by delay, in
// the spirit of LEDBAT: each ack gives a round-trip sample; the smallest recent sample is the
// path's base delay, anything above it is queueing (averaged, since acks come in bursts). Below
// the target queueing delay the window grows (up to x1.5 per round trip), above it it shrinks
// (to the minimum within a round trip when the queue is twice the target).
// The transfer thus uses the bandwidth there is while chat sees at most about targetDelay of
// extra latency, on a fast LAN as on a slow uplink.
class SendWindow
{
public:
    struct Limits
    {
        qint64 minimum = 512 * 1024;
        qint64 initial = 1024 * 1024;
        qint64 maximum = 32 * 1024 * 1024;
        int targetDelayMs = 5;
    };

    SendWindow();
    explicit SendWindow(const Limits &limits);

    // Starts over at a stream offset (a new or resumed transfer).
    void reset(qint64 offset);
    bool canSend(qint64 nextOffset) const { return nextOffset - m_acked < qint64(m_window); }
    // A chunk ending at endOffset went out now.
    void sent(qint64 endOffset);
    // The receiver has everything before offset.
    void acked(qint64 offset);

    qint64 window() const { return qint64(m_window); }
    // The size for the next chunk: an eighth of the window rounded down to a power of two, within
    // [floor, ceiling]. A path whose window grew (fast, short queue) gets larger chunks; a chunk
    // stays a small part of what a chat frame may wait behind.
    int chunkSize(int floor, int ceiling) const;
    qint64 ackedOffset() const { return m_acked; }
    double lastRttMs() const { return m_lastRttNs / 1e6; }
    double baseRttMs() const { return m_baseNs / 1e6; }
    double queueingMs() const { return m_queueingNs < 0 ? 0 : m_queueingNs / 1e6; }
    const Limits &limits() const { return m_limits; }

private:
    qint64 baseDelay() const;

    Limits m_limits;
    QElapsedTimer m_clock;
    std::deque<std::pair<qint64, qint64>> m_inFlight; // (end offset, sent at ns)
    double m_window = 0;
    qint64 m_acked = 0;
    qint64 m_lastRttNs = 0;
    qint64 m_baseNs = 0;
    double m_queueingNs = -1; // moving average of (sample - base)
    // Base delay: minimum over the current and the previous few periods, so it can rise again
    // when the path changes.
    static constexpr int Periods = 4;
    static constexpr qint64 PeriodNs = 5'000'000'000;
    qint64 m_periodMin[Periods];
    int m_period = 0;
    qint64 m_periodStartNs = 0;
};

} // namespace Switchboard
