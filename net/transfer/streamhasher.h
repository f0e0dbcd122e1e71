#pragma once
#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

class QThreadPool;

namespace Switchboard {

// Hashes a byte stream with XXH3-128 on a thread pool, never on the calling thread.
// The stream is made of pieces appended in order: in-memory data (addData) and ranges of
// files (addFile). Pieces are hashed strictly in order, one pool job at a time per stream,
// each job doing at most a few MiB so many streams share the pool fairly. Results come back
// as signals in the owner's thread.
//
// Memory stays bounded: with a backing file set (the file the same bytes are being written to,
// from offset 0), data beyond maxQueuedBytes() is not kept but re-read from that file when its
// turn comes; the writer must have written a piece before it calls addData() with it.
class StreamHasher : public QObject
{
    Q_OBJECT
public:
    explicit StreamHasher(QObject *parent = nullptr);
    ~StreamHasher() override; // pending work is abandoned; a running job stops soon after

    void setBackingFile(const QString &path) { m_backingPath = path; }
    void setMaxQueuedBytes(qint64 bytes) { m_maxQueued = bytes; }
    qint64 maxQueuedBytes() const { return m_maxQueued; }
    void setThreadPool(QThreadPool *pool) { m_pool = pool; }
    // With inline on, data added while nothing else waits is hashed at once in the caller's
    // thread, while it is still in the cache (a 256 KiB chunk takes ~20 µs), and the caller may
    // reuse its buffer right away; file ranges, and data queued behind them, still go to the
    // pool. For the server's event loop, never for a GUI thread.
    void setHashInline(bool on) { m_inline = on; }

    void addData(const QByteArray &data);
    // Appends bytes [offset, offset + length) of a file; length -1 means "to its current end".
    // A file that turns out shorter when read makes the stream fail.
    void addFile(const QString &path, qint64 offset = 0, qint64 length = -1);
    // Emits finished() (or failed()) once everything added so far is hashed.
    void finish();

    qint64 bytesAdded() const { return m_added; }
    qint64 bytesHashed() const { return m_hashed; }
    qint64 queuedMemoryBytes() const;
    bool isBusy() const;

signals:
    void progress(qint64 bytesHashed);
    void finished(const QString &hash); // "xxh3-128:<hex>"
    void failed(const QString &message);

private:
    struct Piece
    {
        QByteArray data; // used when path is empty
        QString path;
        qint64 offset = 0;
        qint64 length = 0;
    };
    struct Shared;

    void startJob();
    void jobFinished();
    void maybeComplete();

    // The queue lives in m_shared: a running job takes pieces from it as they come, so an
    // in-memory piece's buffer is let go as soon as it is hashed, not when the owner's thread
    // next gets to its event loop (a frame's payload goes back to the decoder for reuse).
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<void> m_watcher;
    QThreadPool *m_pool = nullptr;
    QString m_backingPath;
    qint64 m_maxQueued = 8 * 1024 * 1024;
    qint64 m_added = 0;
    qint64 m_hashed = 0;
    bool m_finishRequested = false;
    bool m_failed = false;
    bool m_inline = false;
};

} // namespace Switchboard
