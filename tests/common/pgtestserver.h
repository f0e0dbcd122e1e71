#pragma once
// A private PostgreSQL 15 for one test process: initdb into a temporary directory, the server on
// a free loopback port with its unix socket in that directory (trust authentication for the
// superuser "switchboard", fsync off: the data is thrown away), stopped in the destructor. Each
// test takes a fresh database from newDatabase() (CREATE DATABASE: nothing left from another).
// As root, initdb and postgres refuse to run: they run as the user postgres (runuser) and the
// directory is given to it. Tests QSKIP with skipReason() only when the binaries are missing.

#include "freeport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <unistd.h>

namespace Switchboard::Test {

class PgTestServer
{
public:
    static constexpr const char *BinDir = "/usr/lib/postgresql/15/bin";
    static constexpr int StartSeconds = 30; // pg_ctl -w gives up after this

    PgTestServer()
    {
        const QString bin = QString::fromLatin1(BinDir);
        if (!QFileInfo::exists(bin + QStringLiteral("/initdb")) || !QFileInfo::exists(bin + QStringLiteral("/pg_ctl"))) {
            m_skip = QStringLiteral("PostgreSQL 15 is not installed (%1/initdb; apt-get install postgresql-15)").arg(bin);
            return;
        }
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            m_skip = QStringLiteral("QtSql's PostgreSQL driver is not installed (apt-get install libqt6sql6-psql)");
            return;
        }
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("cannot create a temporary directory");
            return;
        }
        m_asRoot = ::geteuid() == 0;
        if (m_asRoot && !run(QStringLiteral("chown"), {QStringLiteral("postgres:postgres"), m_dir.path()}))
            return;
        const QString data = m_dir.path() + QStringLiteral("/data");
        if (!runPg(QStringLiteral("initdb"), {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("switchboard"),
                                              QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                                              QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                                              QStringLiteral("--no-sync")}))
            return;
        for (int attempt = 0; attempt < 3 && !m_started; ++attempt) { // a port taken meanwhile: another
            m_port = freePort();
            const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                                   "-c synchronous_commit=off -c full_page_writes=off "
                                                   "-c max_connections=200")
                                        .arg(m_port)
                                        .arg(m_dir.path());
            m_started = runPg(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data, QStringLiteral("-l"),
                                                         m_dir.path() + QStringLiteral("/log"), QStringLiteral("-w"),
                                                         QStringLiteral("-t"), QString::number(StartSeconds),
                                                         QStringLiteral("-o"), options, QStringLiteral("start")});
        }
        if (m_started)
            m_error.clear();
    }

    ~PgTestServer()
    {
        if (m_started)
            runPg(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), m_dir.path() + QStringLiteral("/data"),
                                             QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"),
                                             QStringLiteral("-t"), QString::number(StartSeconds), QStringLiteral("stop")});
    }

    PgTestServer(const PgTestServer &) = delete;
    PgTestServer &operator=(const PgTestServer &) = delete;

    bool ok() const { return m_started; }
    QString skipReason() const { return m_skip; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }

    // Stops the server (fast: every connection is ended) and starts it again on the same port,
    // as an operator's restart would; waits until it accepts connections.
    bool restart()
    {
        if (!m_started)
            return false;
        m_started = runPg(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), m_dir.path() + QStringLiteral("/data"),
                                                     QStringLiteral("-l"), m_dir.path() + QStringLiteral("/log"),
                                                     QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                                                     QStringLiteral("-t"), QString::number(StartSeconds),
                                                     QStringLiteral("restart")});
        return m_started;
    }

    // A new empty database; its URL (postgresql://switchboard@127.0.0.1:PORT/NAME), empty on failure.
    QString newDatabase()
    {
        if (!m_started)
            return {};
        const QString name = QStringLiteral("t%1_%2").arg(++m_databases).arg(
            QUuid::createUuid().toString(QUuid::Id128).left(8));
        if (!exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
            return {};
        return QStringLiteral("postgresql://switchboard@127.0.0.1:%1/%2").arg(m_port).arg(name);
    }

    // Runs one statement as the superuser on the maintenance database "postgres".
    bool exec(const QString &sql)
    {
        const QString connection = QStringLiteral("pgtestserver-%1").arg(quintptr(this));
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setUserName(QStringLiteral("switchboard"));
            db.setDatabaseName(QStringLiteral("postgres"));
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    m_error = q.lastError().text();
            } else {
                m_error = db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return ok;
    }

private:
    bool run(const QString &program, const QStringList &arguments)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.path()); // postgres may not read root's current directory
        p.start(program, arguments);
        if (!p.waitForFinished((StartSeconds + 15) * 1000)) {
            p.kill();
            p.waitForFinished(5000);
            m_error = QStringLiteral("%1 did not finish in time").arg(program);
            return false;
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_error = QStringLiteral("%1 %2 failed: %3")
                          .arg(program, arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()));
            QFile log(m_dir.path() + QStringLiteral("/log"));
            if (log.open(QIODevice::ReadOnly))
                m_error += QStringLiteral("\nserver log:\n") + QString::fromLocal8Bit(log.readAll().right(4000));
            return false;
        }
        return true;
    }

    // A PostgreSQL program, as the user postgres when this process is root.
    bool runPg(const QString &tool, const QStringList &arguments)
    {
        const QString program = QString::fromLatin1(BinDir) + QLatin1Char('/') + tool;
        if (!m_asRoot)
            return run(program, arguments);
        return run(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                          QStringLiteral("--"), program} + arguments);
    }

    QTemporaryDir m_dir;
    QString m_skip;
    QString m_error = QStringLiteral("not started");
    quint16 m_port = 0;
    int m_databases = 0;
    bool m_asRoot = false;
    bool m_started = false;
};

} // namespace Switchboard::Test
