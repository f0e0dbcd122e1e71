#include "streamhasher.h"

#include "xxh3hasher.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QThreadPool>

#include <atomic>
#include <vector>

namespace Switchboard {

namespace {
constexpr qint64 JobBudget = 16 * 1024 * 1024; // bytes one pool job hashes at most (a few ms)
constexpr qint64 MinBatch = 2 * 1024 * 1024;   // in-memory data waits for this much (or finish()) before a job
constexpr qint64 ReadBlock = 1024 * 1024;
} // namespace

// State a pool job touches. Only one job per stream runs at a time, and the owner reads the
// results only after the job's future finished, which orders the accesses.
struct StreamHasher::Shared
{
    Xxh3Hasher hasher;
    std::atomic<bool> cancelled{false};
    QString error;
    qint64 hashed = 0;
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

void StreamHasher::addData(const QByteArray &data)
{
    if (data.isEmpty() || m_failed)
        return;
    const qint64 at = m_added;
    m_added += data.size();
    if (m_inline && !m_running && m_queue.empty()) {
        // No job touches the state now (one runs only while m_running): hash it here.
        m_shared->hasher.update(data);
        m_shared->hashed += data.size();
        m_hashed = m_shared->hashed;
        return;
    }
    if (!m_backingPath.isEmpty() && m_queuedMemory + data.size() > m_maxQueued) {
        // Too much waiting in memory: hash these bytes from the file they were written to.
        if (!m_queue.empty()) {
            Piece &last = m_queue.back();
            if (last.path == m_backingPath && last.offset + last.length == at) {
                last.length += data.size();
                startJob();
                return;
            }
        }
        m_queue.push_back(Piece{QByteArray(), m_backingPath, at, data.size()});
    } else {
        m_queuedMemory += data.size();
        m_queue.push_back(Piece{data, QString(), 0, data.size()});
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
    m_queue.push_back(Piece{QByteArray(), path, offset, length});
    startJob();
}

void StreamHasher::finish()
{
    m_finishRequested = true;
    if (!m_running && m_queue.empty())
        QMetaObject::invokeMethod(this, &StreamHasher::maybeComplete, Qt::QueuedConnection);
    else
        startJob();
}

void StreamHasher::startJob()
{
    if (m_running || m_queue.empty() || m_failed)
        return;
    // Small chunks are batched: one pool job (and one cross-thread wake-up) per few MiB.
    if (!m_finishRequested && m_queuedMemory < MinBatch && m_queue.front().path.isEmpty() && m_queue.back().path.isEmpty())
        return;

    // Take pieces worth at most JobBudget bytes; split a large file range.
    std::vector<Piece> job;
    qint64 budget = JobBudget;
    while (!m_queue.empty() && budget > 0) {
        Piece &front = m_queue.front();
        if (front.path.isEmpty()) {
            budget -= front.data.size();
            m_queuedMemory -= front.data.size();
            job.push_back(std::move(front));
            m_queue.pop_front();
        } else if (front.length > budget) {
            Piece part = front;
            part.length = budget;
            front.offset += budget;
            front.length -= budget;
            job.push_back(std::move(part));
            budget = 0;
        } else {
            budget -= front.length;
            job.push_back(std::move(front));
            m_queue.pop_front();
        }
    }

    m_running = true;
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    m_watcher.setFuture(promise->future());
    std::shared_ptr<Shared> shared = m_shared;
    auto run = [promise, shared, job = std::move(job)]() {
        QByteArray buffer;
        for (const Piece &piece : job) {
            if (shared->cancelled)
                break;
            if (piece.path.isEmpty()) {
                shared->hasher.update(piece.data);
                shared->hashed += piece.data.size();
                continue;
            }
            qint64 left = piece.length;
            QFile file(piece.path);
            if (!file.open(QIODevice::ReadOnly) || !file.seek(piece.offset)) {
                shared->error = StreamHasher::tr("Cannot read %1: %2")
                                    .arg(piece.path, file.errorString());
                break;
            }
            if (buffer.isEmpty())
                buffer.resize(ReadBlock);
            while (left > 0 && !shared->cancelled) {
                const qint64 n = file.read(buffer.data(), qMin<qint64>(left, buffer.size()));
                if (n < 0) {
                    shared->error = StreamHasher::tr("Cannot read %1: %2")
                                        .arg(piece.path, file.errorString());
                    break;
                }
                if (n == 0) {
                    shared->error = StreamHasher::tr("%1 is shorter than expected.").arg(piece.path);
                    break;
                }
                shared->hasher.update(buffer.constData(), n);
                shared->hashed += n;
                left -= n;
            }
            if (!shared->error.isEmpty())
                break;
        }
        promise->finish();
    };
    QThreadPool *pool = m_pool ? m_pool : QThreadPool::globalInstance();
    pool->start(std::function<void()>(run));
}

void StreamHasher::jobFinished()
{
    m_running = false;
    if (m_shared->cancelled)
        return;
    const qint64 before = m_hashed;
    m_hashed = m_shared->hashed;
    if (!m_shared->error.isEmpty()) {
        m_failed = true;
        m_queue.clear();
        m_queuedMemory = 0;
        emit failed(m_shared->error);
        return;
    }
    if (m_hashed != before)
        emit progress(m_hashed);
    if (!m_queue.empty())
        startJob();
    else
        maybeComplete();
}

void StreamHasher::maybeComplete()
{
    if (!m_finishRequested || m_running || !m_queue.empty() || m_failed)
        return;
    m_finishRequested = false;
    emit finished(m_shared->hasher.hashString());
}

} // namespace Switchboard
