#include "chatstore.h"

#include "net/storage/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Switchboard {

ChatStore::ChatStore(Database &database)
    : m_database(database)
{
}

bool ChatStore::append(ChatMessage *m, QString *error)
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("INSERT INTO messages(ts, room, recipient, sender, text, file) VALUES(?,?,?,?,?,?)"));
    m->timestampMs = QDateTime::currentMSecsSinceEpoch();
    q.addBindValue(m->timestampMs);
    q.addBindValue(m->room.isEmpty() ? QVariant() : QVariant(m->room));
    q.addBindValue(m->recipient.isEmpty() ? QVariant() : QVariant(m->recipient));
    q.addBindValue(m->sender);
    q.addBindValue(m->text);
    q.addBindValue(!m->file.isValid() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(m->file.toJson()).toJson(QJsonDocument::Compact))));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    m->id = q.lastInsertId().toLongLong();
    return true;
}

QList<ChatMessage> ChatStore::query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId) const
{
    QSqlQuery q(m_database.connection());
    QString sql = QStringLiteral("SELECT id, ts, room, recipient, sender, text, file FROM messages WHERE ") + where;
    if (beforeId > 0)
        sql += QStringLiteral(" AND id < ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (beforeId > 0)
        q.addBindValue(beforeId);
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        ChatMessage m;
        m.id = q.value(0).toLongLong();
        m.timestampMs = q.value(1).toLongLong();
        m.room = q.value(2).toString();
        m.recipient = q.value(3).toString();
        m.sender = q.value(4).toString();
        m.text = q.value(5).toString();
        // The file column holds the file's wire description (FileInfo::toJson).
        if (!q.value(6).isNull()) {
            if (const auto f = FileInfo::fromJson(QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()))
                m.file = f.value();
        }
        out.append(m);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

QList<ChatMessage> ChatStore::roomHistory(const QString &room, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("room = ?"), {room}, limit, beforeId);
}

QList<ChatMessage> ChatStore::roomHistorySince(const QString &room, qint64 afterId, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("room = ? AND id > ?"), {room, afterId}, limit, beforeId);
}

qint64 ChatStore::fileMessageId(const QString &room, qint64 fileId) const
{
    // The file column holds FileInfo::toJson() in compact form with sorted keys, where "file" is
    // always followed by "fileSize": the pattern matches that one id only.
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT id FROM messages WHERE room = ? AND file LIKE ? ORDER BY id LIMIT 1"));
    q.addBindValue(room);
    q.addBindValue(QStringLiteral("%\"file\":%1,%").arg(fileId));
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

qint64 ChatStore::lastMessageId() const
{
    QSqlQuery q(m_database.connection());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

QList<ChatMessage> ChatStore::privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("((sender = ? AND recipient = ?) OR (sender = ? AND recipient = ?))"), {a, b, b, a},
                 limit, beforeId);
}

} // namespace Switchboard
