#include "chatwriterthread.h"

#include "chatstore.h"

#include "net/storage/database.h"

namespace Switchboard {

ChatWriterThread::ChatWriterThread(QObject *parent)
    : QObject(parent)
{
}

ChatWriterThread::~ChatWriterThread()
{
    m_thread.stop(); // before the members the queued batches use
}

bool ChatWriterThread::start(const Database &database, QString *error)
{
    return m_thread.start(
        database, error, [this](Database &db) { m_store = std::make_unique<ChatStore>(db); },
        [this](Database &) { m_store.reset(); });
}

void ChatWriterThread::post(QList<ChatMessage> batch, QStringList keys)
{
    Q_ASSERT(m_thread.isRunning());
    QMetaObject::invokeMethod(m_thread.context(), [this, batch = std::move(batch), keys = std::move(keys)]() mutable {
        Result result;
        // After a PostgreSQL restart the connection is opened again (with a backoff); a batch
        // that finds it lost fails (its senders get internal_error), never acknowledged unstored.
        if (m_thread.database()->reconnectIfLost(&result.error, true)
            && !m_store->appendAll(&batch, keys, &result.repeated, &result.error) && result.error.isEmpty())
            result.error = QStringLiteral("unknown database error");
        result.batch = std::move(batch);
        {
            QMutexLocker lock(&m_mutex);
            m_results.append(std::move(result));
        }
        m_done.wakeAll();
        emit resultsReady();
    });
}

QList<ChatWriterThread::Result> ChatWriterThread::takeResults()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_results, {});
}

QList<ChatWriterThread::Result> ChatWriterThread::waitForResults(int count)
{
    QMutexLocker lock(&m_mutex);
    while (m_results.size() < count)
        m_done.wait(&m_mutex);
    return std::exchange(m_results, {});
}

} // namespace Switchboard
