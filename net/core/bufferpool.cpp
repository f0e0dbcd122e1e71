#include "bufferpool.h"

namespace Switchboard {

QByteArray BufferPool::reuse(qsizetype minCapacity)
{
    for (auto it = m_buffers.begin(); it != m_buffers.end(); ++it) {
        if (it->isDetached() && it->capacity() >= minCapacity) {
            QByteArray out = std::move(*it);
            m_buffers.erase(it);
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
