#include "chatwriterthread.h"

#include "chatstore.h"

#include "net/storage/database.h"

#include <QThread>

namespace Switchboard {

ChatWriterThread::ChatWriterThread(QObject *parent)
    : QObject(parent)
{
}

ChatWriterThread::~ChatWriterThread()
{
    stop();
}

bool ChatWriterThread::start(const Database &database, QString *error)
{
    stop();
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("chat-writer"));
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    // A QtSql connection belongs to the thread that opened it: open (and later close) it there.
    bool ok = false;
    QString why;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            m_database = std::make_unique<Database>();
            ok = m_database->openAnother(database, &why);
            if (ok)
                m_store = std::make_unique<ChatStore>(*m_database);
            else
                m_database.reset();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        if (error)
            *error = why;
    }
    return ok;
}

void ChatWriterThread::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_store.reset();
            m_database.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has finished
    m_context = nullptr;
    m_thread.reset();
}

void ChatWriterThread::post(QList<ChatMessage> batch, QStringList keys)
{
    Q_ASSERT(m_context);
    QMetaObject::invokeMethod(m_context, [this, batch = std::move(batch), keys = std::move(keys)]() mutable {
        Result result;
        // After a PostgreSQL restart the connection is opened again (with a backoff); a batch
        // that finds it lost fails (its senders get internal_error), never acknowledged unstored.
        if (m_database->reconnectIfLost(&result.error, true)
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
