#pragma once
// For tests with several server nodes sharing one database (tst_failover, tst_faultsfailover): a
// client session that logs in to a list of nodes and joins lobby, and a look into the shared
// SQLite file from the side.

#include "net/client/clientsession.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace Switchboard::Test {

inline constexpr int Timeout = 10000;

struct Client
{
    ClientSession session;
    // Password "pw-" + user (as cliprocess.h's runCli uses); true once logged in and in lobby.
    bool logIn(const QList<Endpoint> &servers, const QString &user, bool registerFirst = false)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        QSignalSpy failed(&session, &ClientSession::loginFailed);
        QSignalSpy joined(&session, &ClientSession::roomJoined);
        session.setAutoJoin({QStringLiteral("lobby")});
        session.logIn(servers, user, QStringLiteral("pw-") + user, registerFirst);
        for (int i = 0; i < 150 && ok.isEmpty() && failed.isEmpty(); ++i)
            QTest::qWait(100);
        return !ok.isEmpty() && (!joined.isEmpty() || joined.wait(Timeout));
    }
};

// The first column of the first row of `sql` on the database file (-1 on failure), through a
// connection of its own.
inline qint64 count(const QString &database, const QString &sql)
{
    const QString name = QStringLiteral("clusterclient-count");
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

} // namespace Switchboard::Test
