#include "failedloginlog.h"

#include "net/core/logging.h"
#include "net/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Switchboard {

FailedLoginLog::FailedLoginLog(Database &database)
    : m_database(database)
{
}

void FailedLoginLog::record(const QString &user, const QString &from, qint64 whenMs)
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("INSERT INTO login_failures(\"user\", count, last, last_from) VALUES(?, 1, ?, ?) "
                             "ON CONFLICT(\"user\") DO UPDATE SET count = login_failures.count + 1, last = excluded.last, "
                             "last_from = excluded.last_from"));
    q.addBindValue(user);
    q.addBindValue(whenMs);
    q.addBindValue(from);
    if (!q.exec())
        qCWarning(lcServer).noquote() << "failed-login log: cannot record:" << q.lastError().text();
}

Protocol::FailedLogins FailedLoginLog::peek(const QString &user) const
{
    Protocol::FailedLogins f;
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT count, last, last_from FROM login_failures WHERE \"user\" = ?"));
    q.addBindValue(user);
    if (!q.exec()) {
        qCWarning(lcServer).noquote() << "failed-login log: cannot read:" << q.lastError().text();
        return f;
    }
    if (q.next()) {
        f.count = q.value(0).toInt();
        f.lastMs = q.value(1).toLongLong();
        f.lastFrom = q.value(2).toString();
    }
    return f;
}

Protocol::FailedLogins FailedLoginLog::take(const QString &user)
{
    const Protocol::FailedLogins f = peek(user);
    if (f.count > 0) {
        QSqlQuery q(m_database.connection());
        q.prepare(QStringLiteral("DELETE FROM login_failures WHERE \"user\" = ?"));
        q.addBindValue(user);
        if (!q.exec())
            qCWarning(lcServer).noquote() << "failed-login log: cannot reset:" << q.lastError().text();
    }
    return f;
}

} // namespace Switchboard
