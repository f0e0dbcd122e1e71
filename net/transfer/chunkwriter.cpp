#include "chunkwriter.h"

#include "fileio.h"
#include "streamhasher.h"

#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Switchboard {

namespace {
// Bytes hashed from the file per turn while the hash is behind the writes (a resumed prefix):
// four times a usual chunk, so the hash catches up while chunks keep coming.
constexpr qint64 CatchUpBlock = 1024 * 1024;
} // namespace

ChunkWriter::ChunkWriter(QObject *parent)
    : QObject(parent)
{
}

ChunkWriter::~ChunkWriter()
{
    stop();
}

bool ChunkWriter::start(const QString &path)
{
    stop();
    m_stopped = false;
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    struct stat st = {};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        m_inlineError = tr("Cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        stop();
        return false;
    }
    m_startSize = qint64(st.st_size);
    m_inlineStored = m_startSize;
    m_inlineError.clear();
    if (m_inline) {
        m_streamHasher = new StreamHasher(this);
        m_streamHasher->setBackingFile(path);
        if (m_startSize > 0)
            m_streamHasher->addFile(path, 0, m_startSize); // the prefix, on the pool
        connect(m_streamHasher, &StreamHasher::finished, this, &ChunkWriter::finished);
        connect(m_streamHasher, &StreamHasher::failed, this, &ChunkWriter::failed);
        return true;
    }
    m_hasher.reset();
    m_queue.clear();
    m_queuedBytes = 0;
    m_stored = m_startSize;
    m_error.clear();
    m_finishing = false;
    m_stopping = false;
    m_storedPosted = false;
    m_thread = QThread::create([this] { run(); });
    m_thread->start();
    return true;
}

bool ChunkWriter::write(const QByteArray &data)
{
    if (data.isEmpty())
        return true;
    if (!m_inline) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.push_back(data);
            m_queuedBytes += data.size();
        }
        m_wake.notify_one();
        return true;
    }
    QString why;
    if (m_fd < 0 || !FileIo::writeAll(m_fd, data.constData(), data.size(), &why)) {
        if (m_fd >= 0 && ::ftruncate(m_fd, off_t(m_inlineStored)) != 0) {
            // The file keeps a partial chunk; the hash check catches it if it is resumed.
        }
        m_inlineError = tr("Cannot write %1: %2").arg(m_path, why);
        return false;
    }
    m_streamHasher->addData(data); // written first: the hasher may re-read it from the file
    m_inlineStored += data.size();
    emit stored(m_inlineStored);
    return true;
}

qint64 ChunkWriter::queuedBytes() const
{
    if (m_inline)
        return 0;
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_queuedBytes;
}

qint64 ChunkWriter::storedBytes() const
{
    if (m_inline)
        return m_inlineStored;
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stored;
}

void ChunkWriter::finish()
{
    if (m_inline) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        if (m_streamHasher)
            m_streamHasher->finish();
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_finishing = true;
    }
    m_wake.notify_one();
}

void ChunkWriter::stop()
{
    m_stopped = true;
    if (m_streamHasher) {
        // Possibly from inside its finished(): it goes once that returns.
        m_streamHasher->disconnect(this);
        m_streamHasher->deleteLater();
        m_streamHasher = nullptr;
    }
    if (m_thread) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
            m_queue.clear();
            m_queuedBytes = 0;
        }
        m_wake.notify_one();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void ChunkWriter::abandon()
{
    if (!m_thread) {
        stop(); // inline: nothing to wait for
        deleteLater();
        return;
    }
    m_stopped = true;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
        m_queuedBytes = 0;
    }
    m_wake.notify_one();
    // The destructor then joins a thread that has ended. Both may ask: deleting later twice is safe.
    connect(m_thread, &QThread::finished, this, &QObject::deleteLater);
    if (m_thread->isFinished())
        deleteLater();
}

QString ChunkWriter::errorString() const
{
    if (m_inline)
        return m_inlineError;
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_error.isEmpty() ? m_inlineError : m_error;
}

void ChunkWriter::emitStored()
{
    qint64 bytes = 0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_storedPosted = false;
        bytes = m_stored;
    }
    if (!m_stopped)
        emit stored(bytes);
}

void ChunkWriter::run()
{
    qint64 onDisk = m_startSize;
    qint64 hashed = 0; // [0, hashed) is in the hash; behind onDisk while a prefix is hashed
    QByteArray block;
    QString why;
    const auto fail = [this, &why](const QString &what) {
        const QString message = what.arg(m_path, why);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_error = message;
        }
        QMetaObject::invokeMethod(this, [this, message] {
            if (!m_stopped)
                emit failed(message);
        }, Qt::QueuedConnection);
    };

    for (;;) {
        QByteArray chunk;
        bool finishNow = false;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty() || m_finishing || hashed < onDisk; });
            if (m_stopping)
                return;
            if (!m_queue.empty()) {
                chunk = std::move(m_queue.front());
                m_queue.pop_front();
            } else {
                finishNow = m_finishing && hashed == onDisk;
            }
        }
        if (!chunk.isNull()) {
            const qint64 n = chunk.size();
            if (!FileIo::writeAll(m_fd, chunk.constData(), n, &why)) {
                if (::ftruncate(m_fd, off_t(onDisk)) != 0) {
                    // The file keeps a partial chunk; the hash check catches it if it is resumed.
                }
                fail(tr("Cannot write %1: %2"));
                return;
            }
            if (hashed == onDisk) {
                m_hasher.update(chunk.constData(), n); // still in the cache
                hashed += n;
            }
            onDisk += n;
            chunk = QByteArray(); // the buffer goes back to its owner (a decoder reuses it)
            bool post = false;
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_queuedBytes -= n;
                m_stored = onDisk;
                post = !m_storedPosted;
                m_storedPosted = true;
            }
            if (post)
                QMetaObject::invokeMethod(this, &ChunkWriter::emitStored, Qt::QueuedConnection);
        }
        if (hashed < onDisk) {
            const qint64 n = qMin(CatchUpBlock, onDisk - hashed);
            block.resize(n);
            if (!FileIo::readAt(m_fd, block.data(), n, hashed, &why)) {
                fail(tr("Cannot read %1: %2"));
                return;
            }
            m_hasher.update(block.constData(), n);
            hashed += n;
            continue;
        }
        if (finishNow) {
            ::close(m_fd); // before the owner renames it
            m_fd = -1;     // the owner reads it only after joining this thread
            const QString hash = m_hasher.hashString();
            QMetaObject::invokeMethod(this, [this, hash] {
                if (!m_stopped)
                    emit finished(hash);
            }, Qt::QueuedConnection);
            return;
        }
    }
}

} // namespace Switchboard
