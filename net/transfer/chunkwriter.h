#pragma once
#include "xxh3hasher.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>

class QThread;

namespace Switchboard {

class StreamHasher;

// Appends a download's data to its file and hashes the whole file (XXH3-128), a resumed prefix
// included, so the owner's thread (a GUI thread) never waits for a disk.
//
// Threaded (the default): write() only queues the buffer; a thread of the writer's own writes the
// queue in order and hashes each chunk right after writing it, while it is in the cache. A prefix
// already in the file is hashed from the file on that thread, between writes, so the first chunks
// are stored (and acknowledged) at once; chunks written while the hash is behind are read back
// from the file when their turn comes. stored() reports, coalesced, how far the file is written.
//
// Inline (setInline(true), for a client without a UI such as the CLI): write() writes at once in
// the caller's thread and stored() is emitted before it returns; a StreamHasher hashes on the
// worker pool. One thread hop less per chunk: on tmpfs this is the faster path.
class ChunkWriter : public QObject
{
    Q_OBJECT
public:
    explicit ChunkWriter(QObject *parent = nullptr);
    ~ChunkWriter() override; // stop()

    void setInline(bool on) { m_inline = on; }
    bool isInline() const { return m_inline; }

    // Opens path for appending (created if missing; an existing file is kept: its bytes are the
    // prefix the hash starts with). Returns false (errorString() says why) if it cannot be opened.
    bool start(const QString &path);
    // The file's size when start() opened it.
    qint64 startSize() const { return m_startSize; }
    // Appends data after everything written before. False (errorString() says why) when an inline
    // write failed; the file is cut back to the bytes before this call. Threaded, a failure comes
    // later as failed().
    bool write(const QByteArray &data);
    // Bytes handed to write() and not yet in the file.
    qint64 queuedBytes() const;
    // The file's size so far (what is written, the prefix included).
    qint64 storedBytes() const;
    // Once everything handed to write() is in the file: closes it and emits finished() with the
    // hash of the whole file (or failed()).
    void finish();
    // Abandons what is queued, lets the thread end after the write in progress (waiting for it:
    // at most one chunk's write) and closes the file. No signal follows.
    void stop();
    // The same without waiting, for a GUI thread (a stalled disk can hold a write for seconds):
    // the object deletes itself once the write in progress is done (at once if there is none), or
    // goes with its parent, which then waits for that write. The caller must let go of its
    // pointer; destroyed() says when the file is closed.
    void abandon();
    QString errorString() const;

signals:
    void stored(qint64 bytes); // the file now holds this many bytes
    void finished(const QString &hash); // "xxh3-128:<hex>"
    void failed(const QString &message);

private:
    void run(); // the writing thread
    void emitStored();

    bool m_inline = false;
    bool m_stopped = true; // the owner's thread's: no signal after stop()
    QString m_path;
    int m_fd = -1;
    qint64 m_startSize = 0;
    QThread *m_thread = nullptr;
    StreamHasher *m_streamHasher = nullptr; // inline: hashes on the pool
    qint64 m_inlineStored = 0;
    Xxh3Hasher m_hasher; // threaded: the writing thread's
    QString m_inlineError;

    mutable std::mutex m_mutex; // guards what follows (threaded)
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue;
    qint64 m_queuedBytes = 0;
    qint64 m_stored = 0;
    QString m_error;
    bool m_finishing = false;
    bool m_stopping = false;
    bool m_storedPosted = false; // a stored() is on its way to the owner's thread
};

} // namespace Switchboard
