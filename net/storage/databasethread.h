#pragma once
// A thread with a database connection of its own, for the database threads (StorageThread,
// ChatWriterThread): with a remote database (PostgreSQL) each statement is a network round trip
// that must not block the event loop. A QtSql connection belongs to the thread that opened it, so
// the connection is opened and closed on the thread; work reaches it through context().

#include <QString>

#include <functional>
#include <memory>

class QObject;
class QThread;

namespace Switchboard {

class Database;

class DatabaseThread
{
public:
    // Run on the thread, with its connection: after opening it, and before closing it.
    using Hook = std::function<void(Database &database)>;

    explicit DatabaseThread(const QString &name); // the thread's name (a debugger shows it)
    ~DatabaseThread();                            // stop()
    DatabaseThread(const DatabaseThread &) = delete;
    DatabaseThread &operator=(const DatabaseThread &) = delete;

    // Starts the thread and opens another connection to the database `database` is open on (no
    // migrations; the schema must be the same). Blocks for that connect; fails (stopped) when it
    // cannot be opened.
    bool start(const Database &database, QString *error, Hook opened = {}, Hook closing = {});
    // Closes the connection on the thread, after the calls queued before, and joins it.
    void stop();
    bool isRunning() const { return m_context != nullptr; }
    // Lives on the thread: the target of QMetaObject::invokeMethod (null when not running).
    QObject *context() const { return m_context; }
    // The thread's connection: use it on the thread only (null once stop() closed it).
    Database *database() const { return m_database.get(); }

private:
    QString m_name;
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr;
    Hook m_closing;
    // Only touched on m_thread:
    std::unique_ptr<Database> m_database;
};

} // namespace Switchboard
