#include "bufferpool.h"

namespace Switchboard {

QByteArray BufferPool::reuse(qsizetype minCapacity)
{
    // The most recently recycled free buffer first: it is the likeliest still in the CPU's cache.
    for (auto it = m_buffers.rbegin(); it != m_buffers.rend(); ++it) {
        if (it->isDetached() && it->capacity() >= minCapacity) {
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
