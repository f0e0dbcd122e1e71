#include "chunkreader.h"

#include "fileio.h"
#include "net/core/bufferpool.h"

#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Switchboard {

namespace {
constexpr qint64 PrefixBlock = 1024 * 1024; // a resumed prefix is hashed in blocks of this size
using FileIo::readAt;
} // namespace

ChunkReader::ChunkReader(QObject *parent)
    : QObject(parent)
{
}

ChunkReader::~ChunkReader()
{
    stop();
}

bool ChunkReader::start(const QString &path, qint64 offset, qint64 end, int chunkSize, qint64 aheadBytes, bool hash)
{
    stop();
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_offset = offset;
    m_end = end;
    setChunkSize(chunkSize);
    m_aheadBytes = qMax<qint64>(1, aheadBytes);
    m_hashing = hash;
    m_hasher.reset();
    m_ready.clear();
    m_readyBytes = 0;
    m_error.clear();
    m_hash.clear();
    m_done = false;
    m_stopping = false;
    m_wantSignal = true;
    m_thread = QThread::create([this] { run(); });
    m_thread->start();
    return true;
}

void ChunkReader::stop()
{
    if (m_thread) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_room.notify_all();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_ready.clear();
    m_readyBytes = 0;
}

QByteArray ChunkReader::take()
{
    QByteArray chunk;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_ready.empty()) {
            m_wantSignal = true;
            return chunk;
        }
        chunk = std::move(m_ready.front());
        m_ready.pop_front();
        m_readyBytes -= chunk.size();
    }
    m_room.notify_one();
    return chunk;
}

bool ChunkReader::atEnd()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_done)
        m_wantSignal = true;
    return m_done;
}

QString ChunkReader::hash() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_hash;
}

QString ChunkReader::errorString() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_error;
}

void ChunkReader::run()
{
    QString error;
    const auto fail = [this, &error] {
        const QString message = tr("Cannot read %1: %2").arg(m_path, error);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_error = message;
        }
        QMetaObject::invokeMethod(this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
    };
    const auto stopping = [this] {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stopping;
    };

    if (m_hashing && m_offset > 0) {
        // A resume: the server already has [0, offset), which the hash covers too.
        QByteArray block(qMin(PrefixBlock, m_offset), Qt::Uninitialized);
        for (qint64 at = 0; at < m_offset;) {
            const qint64 n = qMin<qint64>(block.size(), m_offset - at);
            if (stopping())
                return;
            if (!readAt(m_fd, block.data(), n, at, &error)) {
                fail();
                return;
            }
            m_hasher.update(block.constData(), n);
            at += n;
        }
    }

    // Chunk buffers come back here once the socket wrote them (the ones waiting, plus those
    // queued for the kernel: at most a few MiB in all).
    BufferPool buffers(12);
    while (m_offset < m_end) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_room.wait(lock, [this] { return m_stopping || m_readyBytes < m_aheadBytes; });
            if (m_stopping)
                return;
        }
        const qint64 n = qMin<qint64>(m_chunkSize.load(std::memory_order_relaxed), m_end - m_offset);
        QByteArray chunk = buffers.take(n);
        if (!readAt(m_fd, chunk.data(), n, m_offset, &error)) {
            fail();
            return;
        }
        if (m_hashing)
            m_hasher.update(chunk.constData(), n); // still in the cache
        buffers.recycle(chunk);
        m_offset += n;
        bool notify = false;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_offset >= m_end)
                finishLocked(); // before the last chunk can be taken
            m_readyBytes += n;
            m_ready.push_back(std::move(chunk));
            notify = m_wantSignal;
            m_wantSignal = false;
        }
        if (notify)
            QMetaObject::invokeMethod(this, &ChunkReader::readyRead, Qt::QueuedConnection);
    }
    bool notify = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_done)
            finishLocked(); // nothing to read (an empty file, or a resume the server has whole)
        notify = m_wantSignal;
        m_wantSignal = false;
    }
    if (notify)
        QMetaObject::invokeMethod(this, &ChunkReader::readyRead, Qt::QueuedConnection);
}

void ChunkReader::finishLocked()
{
    m_done = true;
    if (m_hashing)
        m_hash = m_hasher.hashString();
}

} // namespace Switchboard
