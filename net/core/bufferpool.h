#pragma once
#include <QByteArray>

#include <vector>

namespace Switchboard {

// Large buffers handed on (a frame's payload, a chunk queued on a socket or for hashing) and
// taken back once every other holder let go, so a stream of big chunks allocates nothing per
// chunk (and glibc does not map and unmap the memory, with a page fault per page, each time).
// A buffer stays in the pool as a shared reference; reuse() hands out only one the pool alone
// holds, so writing into it never disturbs a reader. Not thread-safe: one owner's thread.
class BufferPool
{
public:
    explicit BufferPool(int keep = 4)
        : m_keep(keep)
    {
    }

    // A buffer with at least minCapacity bytes of capacity that nobody else holds, taken out of
    // the pool (its size is unspecified: resize() it, which then allocates nothing); a null
    // QByteArray when none is free.
    QByteArray reuse(qsizetype minCapacity);
    // The same or a new buffer of exactly size bytes (uninitialized).
    QByteArray take(qsizetype size);
    // Remembers a buffer just handed on; the oldest is forgotten beyond the pool's size.
    void recycle(const QByteArray &buffer);
    void clear() { m_buffers.clear(); }
    int size() const { return int(m_buffers.size()); }

private:
    std::vector<QByteArray> m_buffers;
    int m_keep;
};

} // namespace Switchboard
