#include "storagethread.h"

#include "database.h"

#include <QThread>

namespace Switchboard {

StorageThread::StorageThread(QObject *parent)
    : QObject(parent)
{
}

StorageThread::~StorageThread()
{
    stop();
}

bool StorageThread::start(const Database &database, QString *error)
{
    stop();
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("storage"));
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
            if (!ok)
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

void StorageThread::stop()
{
    if (!m_thread)
        return;
    // Calls still queued run with an error their callbacks never see: the receivers go next.
    QMetaObject::invokeMethod(m_context, [this] { m_database.reset(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has finished
    m_context = nullptr;
    m_thread.reset();
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
    QMetaObject::invokeMethod(m_context, [this, guard, job = std::move(job)]() mutable {
        m_queued.fetchAndAddRelaxed(-1);
        if (!guard) // gone while the call waited: skip the round trip
            return;
        QString error;
        Database *db = m_database && m_database->reconnectIfLost(&error, true) ? m_database.get() : nullptr;
        if (!m_database)
            error = notOpenError();
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
