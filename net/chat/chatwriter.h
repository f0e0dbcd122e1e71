#pragma once
#include "net/protocol/messages.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Switchboard {

class ChatStore;
class ChatWriterThread;
class Database;

// Group commit of chat messages. Messages submitted within a short window (by default: those
// handled in the same event-loop pass) are inserted in one SQLite transaction instead of one
// transaction (and one WAL sync) each. Every message's callback runs only after its
// transaction has committed, so whoever acknowledges from the callback keeps stored-before-ack;
// when the transaction fails, every message of the batch gets the error and none is stored.
//
// Lives in the thread of the store's Database; callbacks run on it, in submission order.
// startThread() moves the writing to a database thread with its own connection (ChatWriterThread:
// for PostgreSQL, where a COMMIT is a network round trip): one batch is written at a time while
// the next collects, and callbacks still run on this object's thread after the COMMIT.
class ChatWriter : public QObject
{
    Q_OBJECT
public:
    // `stored` is the message with id and timestamp; `error` is empty on success (the
    // database's own words otherwise: log them, do not send them).
    using Done = std::function<void(const ChatMessage &stored, const QString &error)>;
    // The same for a message sent with an idempotency key: repeated is true when the sender had
    // already stored a message with that key (stored then carries its id and timestamp).
    using KeyedDone = std::function<void(const ChatMessage &stored, bool repeated, const QString &error)>;

    static constexpr int DefaultWindowMs = 0; // flush when the current event-loop pass is done
    static constexpr int DefaultMaxBatch = 256;

    // The store must outlive the writer.
    explicit ChatWriter(ChatStore *store, QObject *parent = nullptr);
    ~ChatWriter() override;

    // How long the first message of a batch may wait for others (0: until the event loop is
    // idle again), and how many messages make a batch commit at once.
    void setWindow(int ms);
    int window() const { return m_windowMs; }
    void setMaxBatch(int messages);
    int maxBatch() const { return m_maxBatch; }

    // Writes on a thread of its own with another connection to `database` (the store's); false
    // (with *error, still writing on this thread) if that connection cannot be opened.
    bool startThread(const Database &database, QString *error);
    bool isThreaded() const { return m_thread != nullptr; }

    // Queues the message; `done` runs once it is committed (or its batch failed).
    void submit(const ChatMessage &message, Done done);
    // Queues a message sent with chat.send's key (empty: none; ChatStore::appendAll).
    void submit(const ChatMessage &message, const QString &key, KeyedDone done);
    // Writes whatever waits, now, and returns when every callback ran (also in thread mode).
    void flush();
    int pending() const { return int(m_pending.size()); }

    // Totals since construction (for benchmarks and tests).
    qint64 batchesCommitted() const { return m_batches; }
    qint64 messagesCommitted() const { return m_messages; }

signals:
    // After the callbacks of a batch ran; error is empty when it committed.
    void batchWritten(int messages, const QString &error);

private:
    // The batch timer fired: write now (this thread) or hand the next batch to the thread.
    void writeBatch();
    void post();
    void deliverResults();
    void finishBatch(QList<ChatMessage> &batch, const QList<bool> &repeated, const QList<KeyedDone> &callbacks,
                     QString error);

    ChatStore *m_store;
    ChatWriterThread *m_thread = nullptr;
    QList<QList<KeyedDone>> m_inFlight; // thread mode: callbacks of the batches posted, oldest first
    QTimer m_timer;
    QList<ChatMessage> m_pending;
    QStringList m_keys;
    QList<KeyedDone> m_callbacks;
    int m_windowMs = DefaultWindowMs;
    int m_maxBatch = DefaultMaxBatch;
    qint64 m_batches = 0;
    qint64 m_messages = 0;
};

} // namespace Switchboard
