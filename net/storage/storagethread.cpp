#include "storagethread.h"

#include "database.h"

namespace Switchboard {

StorageThread::StorageThread(QObject *parent)
    : QObject(parent)
{
}

StorageThread::~StorageThread()
{
    // Before the members the queued calls use. They run first; their callbacks go to receivers
    // that are deleted next (Qt drops them).
    m_thread.stop();
}

bool StorageThread::start(const Database &database, QString *error)
{
    m_reconnects = 0; // a new connection
    return m_thread.start(database, error);
}

void StorageThread::post(QObject *receiver, Job job)
{
    if (m_queued.fetchAndAddRelaxed(1) >= MaxQueued) {
        m_queued.fetchAndAddRelaxed(-1);
        const QString full = tr("The database is busy: %1 calls are waiting.").arg(MaxQueued);
        job(nullptr, full)(); // at once, on the caller's thread
        return;
    }
    QPointer<QObject> guard(receiver);
    QMetaObject::invokeMethod(m_thread.context(), [this, guard, job = std::move(job)]() mutable {
        m_queued.fetchAndAddRelaxed(-1);
        if (!guard) // gone while the call waited: skip the round trip
            return;
        QString error;
        Database *database = m_thread.database();
        Database *db = database && database->reconnectIfLost(&error, true) ? database : nullptr;
        if (!database)
            error = notOpenError();
        else if (database->reconnectCount() != m_reconnects) {
            m_reconnects = database->reconnectCount();
            emit reconnected(); // queued to this object's thread
        }
        std::function<void()> callback = job(db, error);
        // Queued to the receiver: dropped by Qt if the receiver is deleted before it runs.
        if (guard)
            QMetaObject::invokeMethod(guard.data(), std::move(callback), Qt::QueuedConnection);
    });
}

QString StorageThread::lostError(const Database &db)
{
    return db.isConnectionLost() ? tr("The connection to the database %1 was lost.").arg(db.path()) : QString();
}

QString StorageThread::notOpenError()
{
    return tr("The database is not open.");
}

} // namespace Switchboard
