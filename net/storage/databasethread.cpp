#include "databasethread.h"

#include "database.h"

#include <QThread>

namespace Switchboard {

DatabaseThread::DatabaseThread(const QString &name)
    : m_name(name)
{
}

DatabaseThread::~DatabaseThread()
{
    stop();
}

bool DatabaseThread::start(const Database &database, QString *error, Hook opened, Hook closing)
{
    stop();
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(m_name);
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    bool ok = false;
    QString why;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            m_database = std::make_unique<Database>();
            ok = m_database->openAnother(database, &why);
            if (!ok)
                m_database.reset();
            else if (opened)
                opened(*m_database);
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        if (error)
            *error = why;
        return false;
    }
    m_closing = std::move(closing);
    return true;
}

void DatabaseThread::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            if (m_closing && m_database)
                m_closing(*m_database);
            m_database.reset();
        },
        Qt::BlockingQueuedConnection);
    m_closing = {};
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has finished
    m_context = nullptr;
    m_thread.reset();
}

} // namespace Switchboard
