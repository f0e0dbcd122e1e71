#pragma once
// Storage calls off the event loop. With a remote database (PostgreSQL) every call is a network
// round trip (150-640 us on loopback, more across a network): a StorageThread runs them on a
// thread of its own with its own connection, one after the other in the order they were posted,
// and hands each result back to the thread of a receiver object:
//
//   m_storage->run(this,
//       [user](Database &db) { return UserStore(db).verifier(user); },         // database thread
//       [this, s = QPointer<ServerSession>(&s)](std::optional<ScramVerifier> v, const QString &error) {
//           if (s) ...                                                           // receiver's thread
//       });
//
// The work gets a Database on which it builds the stores it needs (they are cheap references).
// `error` is non-empty (and the result default-constructed) when the call did not run or may
// not have: the queue was full (MaxQueued calls waiting), the connection was lost before or
// during it (then it is opened again, see Database::reconnectIfLost), or the thread is stopped.
// Receivers are long-lived objects (the services) that outlive the thread (stop it first); a
// receiver deleted before its callback runs gets none (Qt drops queued calls to deleted objects).
// Callbacks capture QPointers to anything else that may go (a session).
//
// Not started (SQLite, the embedded default): run() calls the work on the database given to
// setInline() and then `done`, before it returns: nothing changes for SQLite.

#include "databasethread.h"

#include <QAtomicInt>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace Switchboard {

class Database;

class StorageThread : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxQueued = 4096;

    explicit StorageThread(QObject *parent = nullptr);
    ~StorageThread() override; // drops what is still queued, closes the connection on its thread

    // The database run() uses while no thread runs (must outlive this object).
    void setInline(Database *database) { m_inline = database; }
    // Starts the thread and opens another connection to the database `database` is open on.
    // Blocks for that connect.
    bool start(const Database &database, QString *error);
    bool isRunning() const { return m_thread.isRunning(); }
    // Calls posted and not yet run.
    int queued() const { return m_queued.loadRelaxed(); }
    // A call that does nothing: like every call, it first tries the thread's connection when it
    // has been idle (Database::IdleProbeMs) and opens it again when lost. A timer calling it
    // notices a database restart before a user's call does, without a round trip on the caller's
    // thread.
    void probe()
    {
        run(this, [](Database &) { return true; }, [](bool, const QString &) {});
    }

    template <class Work, class Done>
    void run(QObject *receiver, Work work, Done done)
    {
        using Result = std::decay_t<std::invoke_result_t<Work &, Database &>>;
        if (!m_thread.isRunning()) {
            if (!m_inline) {
                done(Result{}, notOpenError());
                return;
            }
            Result r = work(*m_inline);
            done(std::move(r), QString());
            return;
        }
        // Type-erased: the work returns the callback to run on the receiver's thread.
        auto job = [work = std::move(work), done = std::move(done)](Database *db, const QString &error) mutable
            -> std::function<void()> {
            if (!db || !error.isEmpty())
                return [done = std::move(done), error]() mutable { done(Result{}, error); };
            Result r = work(*db);
            const QString lost = lostError(*db);
            if (!lost.isEmpty())
                return [done = std::move(done), lost]() mutable { done(Result{}, lost); };
            return [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r), QString()); };
        };
        post(receiver, std::move(job));
    }

signals:
    // The thread's connection was opened again after it was lost (the database restarted or the
    // network came back): the caller's own connections to it were probably lost too.
    void reconnected();

private:
    using Job = std::function<std::function<void()>(Database *db, const QString &error)>;
    void post(QObject *receiver, Job job);
    static QString lostError(const Database &db);
    static QString notOpenError();

    DatabaseThread m_thread{QStringLiteral("storage")};
    Database *m_inline = nullptr;
    QAtomicInt m_queued = 0;
    int m_reconnects = 0; // the thread's Database::reconnectCount() last seen; only touched there
};

} // namespace Switchboard
