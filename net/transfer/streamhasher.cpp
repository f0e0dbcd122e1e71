#include "streamhasher.h"

#include "xxh3hasher.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QThreadPool>

#include <QMutex>

#include <atomic>
#include <deque>

namespace Switchboard {

namespace {
constexpr qint64 JobBudget = 16 * 1024 * 1024; // bytes one pool job hashes at most (a few ms)
constexpr qint64 MinBatch = 2 * 1024 * 1024;   // small in-memory pieces wait for this much (or finish()) before a job
// A piece this large starts a job at once: its buffer (typically a frame's payload, which the
// decoder reuses once let go) is held only while it is hashed, not while more pieces gather.
constexpr qint64 LargePiece = 256 * 1024;
constexpr qint64 ReadBlock = 1024 * 1024;
} // namespace

// State shared with the pool jobs. One job per stream runs at a time (running, set by the owner
// under the mutex before it starts one, cleared by the job under the mutex when it stops), so the
// hasher is touched by one thread at a time; the mutex orders the hand-overs.
struct StreamHasher::Shared
{
    Xxh3Hasher hasher;
    std::atomic<bool> cancelled{false};
    mutable QMutex mutex;
    std::deque<Piece> queue; // pieces waiting, in stream order
    qint64 queuedMemory = 0; // bytes of in-memory pieces in queue
    bool running = false;
    qint64 hashed = 0;
    QString error;
};

StreamHasher::StreamHasher(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &StreamHasher::jobFinished);
}

StreamHasher::~StreamHasher()
{
    m_shared->cancelled = true;
    m_watcher.disconnect(this);
}

qint64 StreamHasher::queuedMemoryBytes() const
{
    const QMutexLocker lock(&m_shared->mutex);
    return m_shared->queuedMemory;
}

bool StreamHasher::isBusy() const
{
    const QMutexLocker lock(&m_shared->mutex);
    return m_shared->running || !m_shared->queue.empty();
}

void StreamHasher::addData(const QByteArray &data)
{
    if (data.isEmpty() || m_failed)
        return;
    const qint64 at = m_added;
    m_added += data.size();
    Shared &sh = *m_shared;
    {
        QMutexLocker lock(&sh.mutex);
        if (m_inline && !sh.running && sh.queue.empty()) {
            // No job touches the hasher now (only the owner starts one): hash it here.
            lock.unlock();
            sh.hasher.update(data);
            lock.relock();
            sh.hashed += data.size();
            m_hashed = sh.hashed;
            return;
        }
        if (!m_backingPath.isEmpty() && sh.queuedMemory + data.size() > m_maxQueued) {
            // Too much waiting in memory: hash these bytes from the file they were written to.
            Piece *last = sh.queue.empty() ? nullptr : &sh.queue.back();
            if (last && last->path == m_backingPath && last->offset + last->length == at)
                last->length += data.size();
            else
                sh.queue.push_back(Piece{QByteArray(), m_backingPath, at, data.size()});
        } else {
            sh.queuedMemory += data.size();
            sh.queue.push_back(Piece{data, QString(), 0, data.size()});
        }
    }
    startJob();
}

void StreamHasher::addFile(const QString &path, qint64 offset, qint64 length)
{
    if (length < 0)
        length = qMax<qint64>(0, QFileInfo(path).size() - offset); // a stat, not a read
    if (length == 0 || m_failed)
        return;
    m_added += length;
    {
        const QMutexLocker lock(&m_shared->mutex);
        m_shared->queue.push_back(Piece{QByteArray(), path, offset, length});
    }
    startJob();
}

void StreamHasher::finish()
{
    m_finishRequested = true;
    bool idle;
    {
        const QMutexLocker lock(&m_shared->mutex);
        idle = !m_shared->running && m_shared->queue.empty();
    }
    if (idle)
        QMetaObject::invokeMethod(this, &StreamHasher::maybeComplete, Qt::QueuedConnection);
    else
        startJob();
}

void StreamHasher::startJob()
{
    if (m_failed)
        return;
    {
        const QMutexLocker lock(&m_shared->mutex);
        const std::deque<Piece> &queue = m_shared->queue;
        if (m_shared->running || queue.empty())
            return; // a running job takes what was just queued too
        // Small chunks are batched: one pool job (and one cross-thread wake-up) per few MiB.
        if (!m_finishRequested && m_shared->queuedMemory < MinBatch && queue.front().path.isEmpty()
            && queue.back().path.isEmpty() && queue.back().data.size() < LargePiece)
            return;
        m_shared->running = true;
    }

    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    m_watcher.setFuture(promise->future());
    std::shared_ptr<Shared> shared = m_shared;
    // Takes pieces until the queue is empty or JobBudget bytes are hashed (then the owner starts
    // another job: streams take turns on the pool).
    auto run = [promise, shared]() {
        Shared &sh = *shared;
        QByteArray buffer;
        qint64 budget = JobBudget;
        for (;;) {
            Piece piece;
            {
                const QMutexLocker lock(&sh.mutex);
                if (sh.cancelled || !sh.error.isEmpty() || sh.queue.empty() || budget <= 0) {
                    sh.running = false;
                    break;
                }
                Piece &front = sh.queue.front();
                if (!front.path.isEmpty() && front.length > budget) {
                    piece = front; // split a large file range
                    piece.length = budget;
                    front.offset += budget;
                    front.length -= budget;
                } else {
                    piece = std::move(front);
                    sh.queue.pop_front();
                    if (piece.path.isEmpty())
                        sh.queuedMemory -= piece.data.size();
                }
            }
            budget -= piece.length;
            if (piece.path.isEmpty()) {
                sh.hasher.update(piece.data);
                piece.data = QByteArray(); // the buffer goes back to whoever recycles it, now
                const QMutexLocker lock(&sh.mutex);
                sh.hashed += piece.length;
                continue;
            }
            QString error;
            qint64 left = piece.length;
            QFile file(piece.path);
            if (!file.open(QIODevice::ReadOnly) || !file.seek(piece.offset))
                error = StreamHasher::tr("Cannot read %1: %2").arg(piece.path, file.errorString());
            if (error.isEmpty() && buffer.isEmpty())
                buffer.resize(ReadBlock);
            while (error.isEmpty() && left > 0 && !sh.cancelled) {
                const qint64 n = file.read(buffer.data(), qMin<qint64>(left, buffer.size()));
                if (n < 0) {
                    error = StreamHasher::tr("Cannot read %1: %2").arg(piece.path, file.errorString());
                } else if (n == 0) {
                    error = StreamHasher::tr("%1 is shorter than expected.").arg(piece.path);
                } else {
                    sh.hasher.update(buffer.constData(), n);
                    left -= n;
                    const QMutexLocker lock(&sh.mutex);
                    sh.hashed += n;
                }
            }
            if (!error.isEmpty()) {
                const QMutexLocker lock(&sh.mutex);
                sh.error = error; // the loop stops at its next turn
            }
        }
        promise->finish();
    };
    QThreadPool *pool = m_pool ? m_pool : QThreadPool::globalInstance();
    pool->start(std::function<void()>(run));
}

void StreamHasher::jobFinished()
{
    if (m_shared->cancelled || m_failed)
        return;
    const qint64 before = m_hashed;
    QString error;
    bool running;
    {
        const QMutexLocker lock(&m_shared->mutex);
        m_hashed = m_shared->hashed;
        error = m_shared->error;
        running = m_shared->running; // a newer job (started since) reports when it finishes
        if (!error.isEmpty()) {
            m_shared->queue.clear();
            m_shared->queuedMemory = 0;
        }
    }
    if (!error.isEmpty()) {
        m_failed = true;
        emit failed(error);
        return;
    }
    if (m_hashed != before)
        emit progress(m_hashed);
    if (running)
        return;
    startJob();
    maybeComplete();
}

void StreamHasher::maybeComplete()
{
    if (!m_finishRequested || m_failed)
        return;
    // The last job's own report (jobFinished) may not have come yet: take its count and error
    // from the shared state, so finished() never comes with a stale bytesHashed() or after a
    // failed read.
    qint64 hashed = 0;
    QString error;
    {
        const QMutexLocker lock(&m_shared->mutex);
        if (m_shared->running || !m_shared->queue.empty())
            return;
        hashed = m_shared->hashed;
        error = m_shared->error;
    }
    if (!error.isEmpty()) {
        m_failed = true;
        emit failed(error);
        return;
    }
    if (hashed != m_hashed) {
        m_hashed = hashed;
        emit progress(m_hashed);
    }
    m_finishRequested = false;
    emit finished(m_shared->hasher.hashString());
}

} // namespace Switchboard
