#pragma once
#include "net/protocol/messages.h"
#include "net/storage/databasethread.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <memory>

namespace Switchboard {

class ChatStore;

// ChatWriter's database thread: a thread with its own connection to the server's database that
// stores batches of chat messages (ChatStore::appendAll, one transaction each) in the order
// posted. With a remote database (PostgreSQL) a COMMIT is a network round trip; here it never
// blocks the event loop. Results are collected by the owner's thread: resultsReady() is queued
// to it, takeResults() returns what is done, waitForResults() blocks (for a final flush).
class ChatWriterThread : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QList<ChatMessage> batch; // with ids and timestamps when ok
        QList<bool> repeated;     // per message: its key was already stored (ChatStore::appendAll)
        QString error;            // empty: committed
    };

    explicit ChatWriterThread(QObject *parent = nullptr);
    ~ChatWriterThread() override; // closes the connection on its thread and stops it

    // Starts the thread and opens another connection to the database `database` is open on
    // (no migrations; the schema must be the same). Blocks for that connect.
    bool start(const Database &database, QString *error);
    bool isRunning() const { return m_thread.isRunning(); }

    // Queues a batch (keys[i]: chat.send's idempotency key of batch[i], may be empty); its Result
    // follows, in posting order.
    void post(QList<ChatMessage> batch, QStringList keys);
    QList<Result> takeResults();
    // Blocks until at least `count` results are waiting, then takes them all.
    QList<Result> waitForResults(int count);

signals:
    // From the database thread, received queued: results are waiting.
    void resultsReady();

private:
    DatabaseThread m_thread{QStringLiteral("chat-writer")};
    std::unique_ptr<ChatStore> m_store; // only touched on m_thread

    QMutex m_mutex;
    QWaitCondition m_done;
    QList<Result> m_results; // guarded by m_mutex
};

} // namespace Switchboard
