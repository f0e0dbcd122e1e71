#include "databaseurl.h"

#include <QFile>
#include <QUrl>

namespace Switchboard {

DatabaseUrl DatabaseUrl::sqlite(const QString &path)
{
    DatabaseUrl url;
    url.m_path = path;
    return url;
}

bool DatabaseUrl::parse(const QString &text, DatabaseUrl *out, QString *error)
{
    auto refuse = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return refuse(tr("The database URL is empty."));
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        QString path = trimmed.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/path
        if (path.isEmpty())
            return refuse(tr("The database URL %1 names no file.").arg(trimmed));
        *out = sqlite(path);
        return true;
    }
    if (!trimmed.startsWith(QLatin1String("postgresql://")) && !trimmed.startsWith(QLatin1String("postgres://"))) {
        if (trimmed.contains(QLatin1String("://")))
            return refuse(tr("Unknown database URL %1: use sqlite:PATH or postgresql://USER@HOST:PORT/DB.").arg(trimmed));
        *out = sqlite(trimmed); // a bare path
        return true;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return refuse(tr("Invalid database URL %1: use postgresql://USER@HOST:PORT/DB.").arg(trimmed));
    if (!url.password().isEmpty())
        return refuse(tr("The database URL must not carry a password: use --database-password-file or %1.")
                          .arg(QLatin1String(PasswordVariable)));
    if (url.hasQuery() || url.hasFragment())
        return refuse(tr("The database URL %1 takes no query or fragment.").arg(url.toDisplayString()));
    DatabaseUrl pg;
    pg.m_kind = Kind::PostgreSql;
    pg.m_user = url.userName();
    pg.m_host = url.host();
    const int port = url.port(DefaultPostgreSqlPort);
    if (port <= 0 || port > 65535)
        return refuse(tr("Invalid port in the database URL %1.").arg(url.toDisplayString()));
    pg.m_port = quint16(port);
    pg.m_database = url.path().mid(1);
    if (pg.m_database.isEmpty() || pg.m_database.contains(QLatin1Char('/')))
        return refuse(tr("The database URL %1 names no database (…/DB).").arg(url.toDisplayString()));
    *out = pg;
    return true;
}

bool DatabaseUrl::forServer(const QString &url, const QString &passwordFile, const QString &sqlitePath,
                            DatabaseUrl *out, QString *error)
{
    if (url.isEmpty()) {
        *out = sqlite(sqlitePath);
        return true;
    }
    if (!parse(url, out, error))
        return false;
    return !out->isPostgreSql() || out->loadPassword(passwordFile, error);
}

bool DatabaseUrl::loadPassword(const QString &passwordFile, QString *error)
{
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot read the database password file %1: %2").arg(passwordFile, file.errorString());
            return false;
        }
        QByteArray line = file.readLine(4096);
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        m_password = QString::fromUtf8(line);
        return true;
    }
    m_password = qEnvironmentVariable(PasswordVariable);
    return true;
}

QString DatabaseUrl::displayName() const
{
    if (m_kind == Kind::Sqlite)
        return m_path;
    return QStringLiteral("postgresql://%1%2%3:%4/%5")
        .arg(m_user, m_user.isEmpty() ? QString() : QStringLiteral("@"), m_host)
        .arg(m_port)
        .arg(m_database);
}

} // namespace Switchboard
