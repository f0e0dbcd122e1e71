#include "devicetokens.h"

#include "net/core/logging.h"
#include "net/storage/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Switchboard {

namespace {

constexpr auto TokenEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool run(QSqlQuery &q, const char *what)
{
    if (q.exec())
        return true;
    qCWarning(lcServer).noquote() << "device tokens:" << what << q.lastError().text();
    return false;
}

} // namespace

DeviceTokens::DeviceTokens(Database &database)
    : m_database(database)
{
}

QByteArray DeviceTokens::hashOf(const QString &token)
{
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), TokenEncoding);
    return QCryptographicHash::hash(raw, QCryptographicHash::Sha256);
}

QString DeviceTokens::issue(const QString &user)
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof(words));
    const QString token = QString::fromLatin1(raw.toBase64(TokenEncoding));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("INSERT INTO device_tokens(hash, \"user\", created, last_used) VALUES(?, ?, ?, ?)"));
    q.addBindValue(hashOf(token));
    q.addBindValue(user);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!run(q, "cannot store a token:"))
        return QString();
    // The account's oldest tokens beyond the cap go (an old client that never presents its token
    // gets a new one at every login).
    q.prepare(QStringLiteral("DELETE FROM device_tokens WHERE \"user\" = ? AND hash NOT IN "
                             "(SELECT hash FROM device_tokens WHERE \"user\" = ? ORDER BY last_used DESC, created DESC "
                             "LIMIT ?)"));
    q.addBindValue(user);
    q.addBindValue(user);
    q.addBindValue(MaxPerUser);
    run(q, "cannot drop old tokens:");
    return token;
}

QString DeviceTokens::validKey(const QString &user, const QString &token) const
{
    if (token.size() != TokenChars)
        return QString();
    const QByteArray hash = hashOf(token);
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM device_tokens WHERE hash = ? AND \"user\" = ? AND last_used >= ?"));
    q.addBindValue(hash);
    q.addBindValue(user);
    q.addBindValue(QDateTime::currentSecsSinceEpoch() - qint64(MaxIdleDays) * 86400);
    if (!run(q, "cannot look a token up:") || !q.next())
        return QString();
    return QString::fromLatin1(hash.toHex());
}

void DeviceTokens::markUsed(const QString &key)
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("UPDATE device_tokens SET last_used = ? WHERE hash = ?"));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(QByteArray::fromHex(key.toLatin1()));
    run(q, "cannot update a token:");
}

bool DeviceTokens::revokeAll(const QString &user)
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("DELETE FROM device_tokens WHERE \"user\" = ?"));
    q.addBindValue(user);
    return run(q, "cannot revoke tokens:");
}

int DeviceTokens::count(const QString &user) const
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM device_tokens WHERE \"user\" = ?"));
    q.addBindValue(user);
    return run(q, "cannot count tokens:") && q.next() ? q.value(0).toInt() : 0;
}

} // namespace Switchboard
