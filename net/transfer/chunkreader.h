#pragma once
#include "xxh3hasher.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>

class QThread;

namespace Switchboard {

// Reads a file in chunks on a thread of its own, a bounded number of chunks ahead of the owner,
// and optionally hashes it (XXH3-128) there as it reads, while each chunk is still in the cache.
// The owner's thread (an uploader on the event loop) only takes ready chunks and writes them to
// the socket. Memory stays flat in file size: at most `ahead` chunks wait, and their buffers are
// reused once the socket has let go of them. Chunks are read with pread() on a descriptor opened
// by start(), so an open failure is reported at once; a file that turns out shorter than expected
// (truncated meanwhile) or unreadable makes the reader fail.
class ChunkReader : public QObject
{
    Q_OBJECT
public:
    explicit ChunkReader(QObject *parent = nullptr);
    ~ChunkReader() override; // stops the thread and waits for it (at most one chunk's read)

    // Reads bytes [offset, end) of path in chunks of chunkSize, keeping at most aheadBytes (and at
    // least one chunk) read in advance. With hash, the hash covers [0, end): a resumed upload's
    // prefix [0, offset) is hashed first. Returns false (errorString() says why) when the file
    // cannot be opened.
    bool start(const QString &path, qint64 offset, qint64 end, int chunkSize, qint64 aheadBytes, bool hash);
    // The size of the chunks read from now on (those already read keep theirs). Any thread.
    void setChunkSize(int bytes) { m_chunkSize.store(qMax(1, bytes), std::memory_order_relaxed); }
    // The next chunk, or a null QByteArray when none is ready yet (readyRead() follows).
    QByteArray take();
    // True once the whole range was read (and hashed); if not yet, readyRead() follows when it is.
    bool atEnd();
    // The hash of [0, end), once atEnd(); empty without hashing.
    QString hash() const;
    QString errorString() const;

    // Ends the reading thread and closes the file (the destructor does too).
    void stop();

signals:
    // Chunks wait to be taken, or the end was reached (after take() returned a null QByteArray
    // or atEnd() false, and at the start).
    void readyRead();
    // Reading failed (the file shrank, or an I/O error); nothing more comes.
    void failed(const QString &message);

private:
    void run(); // the reading thread
    void finishLocked(); // the end reached: with m_mutex held

    QThread *m_thread = nullptr;
    int m_fd = -1;
    QString m_path;
    qint64 m_offset = 0; // the reading thread's own from start() on
    qint64 m_end = 0;
    std::atomic<int> m_chunkSize{1};
    qint64 m_aheadBytes = 1;
    bool m_hashing = false;
    Xxh3Hasher m_hasher; // the reading thread's until it read to the end

    mutable std::mutex m_mutex; // guards what follows
    std::condition_variable m_room;
    std::deque<QByteArray> m_ready;
    qint64 m_readyBytes = 0;
    QString m_error;
    QString m_hash;
    bool m_done = false;
    bool m_stopping = false;
    bool m_wantSignal = true; // the owner found nothing ready: tell it when a chunk is
};

} // namespace Switchboard
