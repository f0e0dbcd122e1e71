#include "bufferpool.h"

namespace Switchboard {

namespace {
// True when the pool holds the only reference. The load is an acquire, unlike
// QByteArray::isDetached()'s relaxed one: a holder that let go on another thread (a hashing job,
// a socket writer) released its reference after its last read of the bytes, and this pairs with
// that release, so those reads happen before whatever the pool's owner writes into the buffer next.
bool onlyPoolHolds(QByteArray &buffer)
{
    const QArrayData *d = buffer.data_ptr().d_ptr();
    return d && d->ref_.loadAcquire() == 1;
}
} // namespace

QByteArray BufferPool::reuse(qsizetype minCapacity)
{
    // The most recently recycled free buffer first: it is the likeliest still in the CPU's cache.
    for (auto it = m_buffers.rbegin(); it != m_buffers.rend(); ++it) {
        if (onlyPoolHolds(*it) && it->capacity() >= minCapacity) {
            QByteArray out = std::move(*it);
            m_buffers.erase(std::next(it).base());
            return out;
        }
    }
    return QByteArray();
}

QByteArray BufferPool::take(qsizetype size)
{
    QByteArray out = reuse(size);
    if (out.isNull())
        return QByteArray(size, Qt::Uninitialized);
    out.resize(size);
    return out;
}

void BufferPool::recycle(const QByteArray &buffer)
{
    if (m_keep <= 0 || buffer.isNull())
        return;
    if (int(m_buffers.size()) >= m_keep)
        m_buffers.erase(m_buffers.begin());
    m_buffers.push_back(buffer);
}

} // namespace Switchboard
