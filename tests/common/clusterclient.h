#pragma once
// For tests with several server nodes sharing one database (tst_failover, tst_faultsfailover): a
// client session that logs in to a list of nodes and joins lobby, and a look into the shared
// SQLite file from the side.

#include "net/client/clientsession.h"
#include "net/client/transfermanager.h"
#include "net/transfer/downloader.h"
#include "net/transfer/uploader.h"

#include <QDir>
#include <QFile>
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

// Writes `data` to `path`, uploads it to lobby through the session; the new file's id, 0 on failure.
inline qint64 uploadToLobby(ClientSession &session, const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return 0;
    f.close();
    Uploader *up = session.transfers()->upload(path, QStringLiteral("lobby"), QString());
    QSignalSpy done(up, &Transfer::completed);
    return done.wait(30000) ? up->fileId() : 0;
}

// Downloads fileId into directory (made if needed) through the session: true when it arrived
// and its bytes are `expected`.
inline bool downloadsAs(ClientSession &session, qint64 fileId, const QString &directory, const QByteArray &expected)
{
    if (!QDir().mkpath(directory))
        return false;
    Downloader *down = session.transfers()->download(fileId, QString(), directory);
    QSignalSpy done(down, &Transfer::completed);
    if (!done.wait(30000))
        return false;
    QFile got(down->savedPath());
    return got.open(QIODevice::ReadOnly) && got.readAll() == expected;
}

} // namespace Switchboard::Test
